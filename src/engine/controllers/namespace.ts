import { isStatusError } from '../api/errors';
import type { KubeObject } from '../api/types';
import { clone, deepEqual } from '../api/types';
import { rfc3339 } from '../clock';
import type { ClusterContext } from '../cluster';
import { byNamespace, enqueueSelf } from './runtime';

/**
 * The namespace controller (k/k pkg/controller/namespace): when a Namespace is deleted it empties it
 * (every namespaced kind), reports what remains in its status conditions, and once nothing is left
 * removes the `kubernetes` finalizer so the API server can let the Namespace go.
 *
 * Also here, because they share the namespace lifecycle: the service-account controller (a `default`
 * ServiceAccount in every namespace) and the root-ca-cert-publisher (`kube-root-ca.crt` in every
 * namespace), both of which a learner sees in `kubectl get sa,cm` in a fresh namespace.
 */
export function startNamespaceController(ctx: ClusterContext): void {
  const { api, informers, trace } = ctx;
  const namespaces = informers.for('Namespace');
  const namespacedKinds = api.registry.all().filter((t) => t.namespaced && t.kind !== 'Event');
  const caches = namespacedKinds.map((t) => {
    const inf = informers.for(t.kind);
    inf.addIndexer('namespace', byNamespace);
    return { type: t, inf };
  });

  const queue = ctx.manager.register({
    name: 'namespace-controller',
    reconcile(key) {
      const ns = namespaces.get(key);
      if (!ns || !ns.metadata.deletionTimestamp) return;
      const remaining: Array<{ resource: string; count: number }> = [];
      for (const { type, inf } of caches) {
        const objs = inf.byIndex('namespace', key);
        if (objs.length === 0) continue;
        // "<resource>.<group>", so core resources read "pods." as in ProcessContentTotals.
        remaining.push({ resource: `${type.plural}.${type.group ?? ''}`, count: objs.length });
        for (const o of objs) {
          if (o.metadata.deletionTimestamp) continue;
          try {
            api.delete(type.kind, key, o.metadata.name, { user: 'namespace-controller', propagationPolicy: 'Background' });
          } catch (e) {
            if (!isStatusError(e, 'NotFound')) throw e;
          }
        }
      }
      // Events go last, without holding the namespace up.
      for (const ev of api.list('Event', key).items) api.delete('Event', key, ev.metadata.name, { user: 'namespace-controller' });
      remaining.sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
      setConditions(ns, remaining);
      if (remaining.length > 0) {
        trace.record({
          component: 'kube-controller-manager',
          actor: 'namespace-controller',
          message: `namespace ${key} is terminating: waiting for ${remaining.map((r) => `${r.count} ${r.resource}`).join(', ')} to be deleted`,
          ref: { kind: 'Namespace', name: key },
        });
        return { requeueAfter: 1000 };
      }
      const next = clone(namespaces.get(key) ?? ns);
      (next.spec as { finalizers?: string[] }).finalizers = [];
      trace.record({
        component: 'kube-controller-manager',
        actor: 'namespace-controller',
        message: `namespace ${key} is empty: removing the kubernetes finalizer`,
        ref: { kind: 'Namespace', name: key },
      });
      api.finalizeNamespace(next, { user: 'namespace-controller' });
    },
  });
  namespaces.addEventHandler(enqueueSelf(queue));

  function setConditions(ns: KubeObject, remaining: Array<{ resource: string; count: number }>): void {
    const now = rfc3339(ctx.clock.now());
    const next = clone(ns);
    const status = (next.status ?? {}) as { phase?: string; conditions?: Array<Record<string, string>> };
    const msg = `Some resources are remaining: ${remaining.map((r) => `${r.resource} has ${r.count} resource instances`).join(', ')}`;
    // status_condition_utils.go: every condition type is written, the "ok" variant when nothing failed.
    const conds: Array<Record<string, string>> = [
      { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
      { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
      { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
      remaining.length
        ? { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: msg }
        : { type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' },
      { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
    ];
    const old = new Map((status.conditions ?? []).map((c) => [c.type, c]));
    status.conditions = conds.map((c) => {
      const prev = old.get(c.type!);
      return { ...c, lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime! : now };
    });
    next.status = status;
    if (deepEqual(next.status, ns.status)) return;
    api.updateStatus(next, { user: 'namespace-controller' });
  }
}

/** The service-account and root-ca-cert-publisher controllers. */
export function startNamespaceDefaultsControllers(ctx: ClusterContext): void {
  const { api, informers } = ctx;
  const namespaces = informers.for('Namespace');
  const sas = informers.for('ServiceAccount');
  const cms = informers.for('ConfigMap');
  const queue = ctx.manager.register({
    name: 'serviceaccount-controller',
    reconcile(ns) {
      const obj = namespaces.get(ns);
      if (!obj || obj.metadata.deletionTimestamp) return;
      if (!sas.getByName(ns, 'default')) {
        ensure({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
      }
      if (!cms.getByName(ns, 'kube-root-ca.crt')) {
        ensure({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'kube-root-ca.crt', namespace: ns, annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } },
          data: { 'ca.crt': ROOT_CA_PEM },
        });
      }
    },
  });
  namespaces.addEventHandler(enqueueSelf(queue));
  const onNs = (o: KubeObject) => queue.add(o.metadata.namespace ?? '');
  sas.addEventHandler({ delete: onNs });
  cms.addEventHandler({ delete: onNs });

  function ensure(obj: { apiVersion: string; kind: string; metadata: { name: string; namespace: string; annotations?: Record<string, string> }; [k: string]: unknown }): void {
    try {
      api.create(obj, { user: obj.kind === 'ServiceAccount' ? 'serviceaccount-controller' : 'root-ca-cert-publisher' });
    } catch (e) {
      if (isStatusError(e, 'AlreadyExists') || isStatusError(e, 'Forbidden') || isStatusError(e, 'NotFound')) return;
      throw e;
    }
  }
}

const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** A placeholder certificate of the real shape: the simulation verifies nothing with it. */
const ROOT_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIKubesimCAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UEAxMK
a3ViZXJuZXRlczAeFw0yNjAxMDUwOTAwMDBaFw0zNjAxMDMwOTAwMDBaMBUxEzAR
BgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIB
AQDKubesimSimulatedClusterCertificateAuthorityNotForRealUse0000
-----END CERTIFICATE-----
`;
