import type { ResourceType } from '../resources';
import { ALL_VERBS } from '../resources';
import type { KubeObject } from '../types';

type PodLike = KubeObject & { spec?: { nodeName?: string; restartPolicy?: string; schedulerName?: string; serviceAccountName?: string; hostNetwork?: boolean }; status?: { phase?: string; podIP?: string; nominatedNodeName?: string } };

export const podType: ResourceType = {
  kind: 'Pod',
  group: '',
  version: 'v1',
  plural: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  tracksGeneration: false,
  nameRule: 'dns1123Subdomain',
  verbs: ALL_VERBS,
  fieldSelectors: {
    'spec.nodeName': (o) => (o as PodLike).spec?.nodeName ?? '',
    'spec.restartPolicy': (o) => (o as PodLike).spec?.restartPolicy ?? '',
    'spec.schedulerName': (o) => (o as PodLike).spec?.schedulerName ?? '',
    'spec.serviceAccountName': (o) => (o as PodLike).spec?.serviceAccountName ?? '',
    'spec.hostNetwork': (o) => String((o as PodLike).spec?.hostNetwork ?? false),
    'status.phase': (o) => (o as PodLike).status?.phase ?? '',
    'status.podIP': (o) => (o as PodLike).status?.podIP ?? '',
    'status.nominatedNodeName': (o) => (o as PodLike).status?.nominatedNodeName ?? '',
  },
  strategy: {},
};
