import type { ResourceType } from '../resources';
import type { KubeObject } from '../types';
import { validateMetaMaps } from './meta';

export const namespaceType: ResourceType = {
  kind: 'Namespace',
  group: '',
  version: 'v1',
  plural: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  categories: [],
  statusSubresource: true,
  tracksGeneration: false,
  nameRule: 'dns1123Label',
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  fieldSelectors: {
    'status.phase': (o: KubeObject) => (o.status as { phase?: string } | undefined)?.phase ?? '',
  },
  strategy: {
    defaults(obj) {
      const spec = (obj.spec ??= {}) as { finalizers?: string[] };
      spec.finalizers ??= ['kubernetes'];
      obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name };
    },
    prepareForCreate(obj) {
      obj.status = { phase: 'Active' };
    },
    validate: (obj) => validateMetaMaps(obj.metadata),
  },
};
