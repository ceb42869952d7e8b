import type { AdmissionPlugin } from '../apiserver';
import { forbidden, notFound } from '../errors';
import { admissionForbidden, traceAdmission } from './common';

/**
 * NamespaceLifecycle (k8s.io/apiserver plugin/namespace/lifecycle): nothing is created in a
 * namespace that does not exist or is being terminated, and the three system namespaces can never
 * be deleted. Namespaces themselves and cluster-scoped objects are always allowed.
 */
export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  admit(attrs, api) {
    if (attrs.operation === 'DELETE' || attrs.type.kind === 'Namespace') return;
    if (!attrs.type.namespaced || !attrs.namespace) return;
    const ns = api.tryGet<{ status?: { phase?: string } }>('Namespace', undefined, attrs.namespace);
    if (!ns) {
      traceAdmission(api, attrs, 'NamespaceLifecycle', `rejected ${attrs.type.plural} "${attrs.name}": namespace ${attrs.namespace} does not exist`);
      throw notFound({ group: '', resource: 'namespaces' }, attrs.namespace);
    }
    if (attrs.operation === 'CREATE' && ns.status?.phase === 'Terminating') {
      traceAdmission(api, attrs, 'NamespaceLifecycle', `rejected ${attrs.type.plural} "${attrs.name}": namespace ${attrs.namespace} is being terminated`);
      const err = admissionForbidden(attrs, `unable to create new content in namespace ${attrs.namespace} because it is being terminated`);
      const details = err.status.details ?? {};
      details.causes = [...(details.causes ?? []), { reason: 'NamespaceTerminating', message: `namespace ${attrs.namespace} is being terminated`, field: 'metadata.namespace' }];
      err.status.details = details;
      throw err;
    }
  },
  // The API server consults only `validate` on DELETE, so the immortal-namespace rule lives here.
  validate(attrs, api) {
    if (attrs.operation !== 'DELETE' || attrs.type.kind !== 'Namespace' || !IMMORTAL_NAMESPACES.has(attrs.name)) return;
    traceAdmission(api, attrs, 'NamespaceLifecycle', `refused to delete namespace ${attrs.name}: it is a system namespace`);
    throw forbidden({ group: '', resource: 'namespaces' }, attrs.name, 'this namespace may not be deleted');
  },
};
