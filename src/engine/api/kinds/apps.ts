import type { ResourceType } from '../resources';
import { ALL_VERBS } from '../resources';

export const deploymentType: ResourceType = {
  kind: 'Deployment',
  group: 'apps',
  version: 'v1',
  plural: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  tracksGeneration: true,
  nameRule: 'dns1123Subdomain',
  verbs: ALL_VERBS,
  strategy: {},
};

export const replicaSetType: ResourceType = {
  kind: 'ReplicaSet',
  group: 'apps',
  version: 'v1',
  plural: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  tracksGeneration: true,
  nameRule: 'dns1123Subdomain',
  verbs: ALL_VERBS,
  strategy: {},
};
