import type { ResourceType } from '../resources';
import { ALL_VERBS } from '../resources';

export const serviceType: ResourceType = {
  kind: 'Service',
  group: '',
  version: 'v1',
  plural: 'services',
  singular: 'service',
  shortNames: ['svc'],
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  tracksGeneration: false,
  nameRule: 'dns1035Label',
  verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  strategy: {},
};

export const endpointsType: ResourceType = {
  kind: 'Endpoints',
  group: '',
  version: 'v1',
  plural: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  namespaced: true,
  categories: [],
  statusSubresource: false,
  tracksGeneration: false,
  nameRule: 'dns1123Subdomain',
  verbs: ALL_VERBS,
  strategy: {},
};
