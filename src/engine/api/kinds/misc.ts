import type { ResourceType } from '../resources';
import { ALL_VERBS } from '../resources';
import type { KubeObject } from '../types';

type EventLike = KubeObject & { involvedObject?: Record<string, string | undefined>; reason?: string; type?: string; source?: { component?: string; host?: string }; reportingComponent?: string };

export const eventType: ResourceType = {
  kind: 'Event',
  group: '',
  version: 'v1',
  plural: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
  categories: [],
  statusSubresource: false,
  tracksGeneration: false,
  nameRule: 'dns1123Subdomain',
  verbs: ALL_VERBS,
  fieldSelectors: {
    'involvedObject.kind': (o) => (o as EventLike).involvedObject?.kind ?? '',
    'involvedObject.namespace': (o) => (o as EventLike).involvedObject?.namespace ?? '',
    'involvedObject.name': (o) => (o as EventLike).involvedObject?.name ?? '',
    'involvedObject.uid': (o) => (o as EventLike).involvedObject?.uid ?? '',
    'involvedObject.apiVersion': (o) => (o as EventLike).involvedObject?.apiVersion ?? '',
    'involvedObject.resourceVersion': (o) => (o as EventLike).involvedObject?.resourceVersion ?? '',
    'involvedObject.fieldPath': (o) => (o as EventLike).involvedObject?.fieldPath ?? '',
    reason: (o) => (o as EventLike).reason ?? '',
    reportingComponent: (o) => (o as EventLike).reportingComponent ?? '',
    source: (o) => (o as EventLike).source?.component ?? '',
    type: (o) => (o as EventLike).type ?? '',
  },
  strategy: {},
};

export const configMapType: ResourceType = {
  kind: 'ConfigMap',
  group: '',
  version: 'v1',
  plural: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  namespaced: true,
  categories: [],
  statusSubresource: false,
  tracksGeneration: false,
  nameRule: 'dns1123Subdomain',
  verbs: ALL_VERBS,
  strategy: {},
};

export const secretType: ResourceType = {
  kind: 'Secret',
  group: '',
  version: 'v1',
  plural: 'secrets',
  singular: 'secret',
  shortNames: [],
  namespaced: true,
  categories: [],
  statusSubresource: false,
  tracksGeneration: false,
  nameRule: 'dns1123Subdomain',
  verbs: ALL_VERBS,
  fieldSelectors: { type: (o) => String((o as { type?: string }).type ?? '') },
  strategy: {},
};

export const serviceAccountType: ResourceType = {
  kind: 'ServiceAccount',
  group: '',
  version: 'v1',
  plural: 'serviceaccounts',
  singular: 'serviceaccount',
  shortNames: ['sa'],
  namespaced: true,
  categories: [],
  statusSubresource: false,
  tracksGeneration: false,
  nameRule: 'dns1123Subdomain',
  verbs: ALL_VERBS,
  strategy: {},
};

export const leaseType: ResourceType = {
  kind: 'Lease',
  group: 'coordination.k8s.io',
  version: 'v1',
  plural: 'leases',
  singular: 'lease',
  shortNames: [],
  namespaced: true,
  categories: [],
  statusSubresource: false,
  tracksGeneration: false,
  nameRule: 'dns1123Subdomain',
  verbs: ALL_VERBS,
  strategy: {},
};
