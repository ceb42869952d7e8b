import type { ApiServer } from '../../engine/api/apiserver';
import { describeDaemonSet, describeDeployment, describeReplicaSet } from './apps';
import {
  describeConfigMap,
  describeGeneric,
  describeNamespace,
  describeSecret,
  describeServiceAccount,
} from './misc';
import { describeNode } from './node';
import type { DescribeSettings } from './pod';
import { describePodByName } from './pod';
import { describeEndpoints, describeService } from './service';

/**
 * The describer for each kind, as kubectl's describerMap picks one by group and kind; kinds without
 * their own describer (Event, Lease, ...) get the generic one, as `GenericDescriberFor` gives them.
 * More describers (StatefulSet, Job, ...) register here with `registerDescriber`.
 */
export type Describer = (
  api: ApiServer,
  namespace: string,
  name: string,
  settings: DescribeSettings,
  now: number,
) => string;

const describers = new Map<string, Describer>([
  ['Pod', describePodByName],
  ['ReplicaSet', describeReplicaSet],
  ['Deployment', describeDeployment],
  ['DaemonSet', describeDaemonSet],
  ['Service', describeService],
  ['Endpoints', describeEndpoints],
  ['Node', describeNode],
  ['Namespace', (api, ns, name) => describeNamespace(api, ns, name)],
  ['ConfigMap', describeConfigMap],
  ['Secret', (api, ns, name) => describeSecret(api, ns, name)],
  ['ServiceAccount', describeServiceAccount],
]);

export function registerDescriber(kind: string, describer: Describer): void {
  describers.set(kind, describer);
}

/** The describer for a kind: its own, or the generic one. */
export function describerFor(kind: string): Describer {
  return (
    describers.get(kind) ??
    ((api, ns, name, settings, now) => describeGeneric(api, kind, ns, name, settings, now))
  );
}

/** Describes one object; throws the API server's NotFound when it does not exist. */
export function describeObject(
  api: ApiServer,
  kind: string,
  namespace: string,
  name: string,
  settings: DescribeSettings,
  now: number,
): string {
  return describerFor(kind)(api, namespace, name, settings, now);
}

export { describePodTemplate } from './pod';
export type { DescribeSettings } from './pod';
export { tabbedString } from './writer';
export type { PrefixWriter } from './writer';
export { describeEvents, searchEvents } from './events';
