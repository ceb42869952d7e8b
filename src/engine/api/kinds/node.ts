import type { ResourceType } from '../resources';
import { ALL_VERBS } from '../resources';
import type { KubeObject } from '../types';

export const nodeType: ResourceType = {
  kind: 'Node',
  group: '',
  version: 'v1',
  plural: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  categories: [],
  statusSubresource: true,
  tracksGeneration: false,
  nameRule: 'dns1123Subdomain',
  verbs: ALL_VERBS,
  fieldSelectors: {
    'spec.unschedulable': (o: KubeObject) => String((o.spec as { unschedulable?: boolean } | undefined)?.unschedulable ?? false),
  },
  strategy: {},
};
