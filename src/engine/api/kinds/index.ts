import { ResourceRegistry } from '../resources';
import type { ResourceType } from '../resources';
import { podType } from './pod';
import { daemonSetType, deploymentType, replicaSetType } from './apps';
import { endpointsType, serviceType } from './service';
import { nodeType } from './node';
import { namespaceType } from './namespace';
import { configMapType, eventType, leaseType, secretType, serviceAccountType } from './misc';

/** Every kind the simulated API server serves. Adding a kind: write its ResourceType and list it here. */
export const builtinTypes: readonly ResourceType[] = [
  namespaceType,
  nodeType,
  podType,
  serviceType,
  endpointsType,
  eventType,
  configMapType,
  secretType,
  serviceAccountType,
  daemonSetType,
  deploymentType,
  replicaSetType,
  leaseType,
];

export function builtinRegistry(): ResourceRegistry {
  const r = new ResourceRegistry();
  for (const t of builtinTypes) r.register(t);
  return r;
}
