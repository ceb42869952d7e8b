import type { Node } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import { deepEqual } from '../api/types';
import type { PluginName } from './filters';
import { PLUGIN } from './filters';
import type { PodInfo } from './nodeinfo';

/**
 * Which cluster events can make an unschedulable pod schedulable, per rejecting plugin: the
 * scheduler's EventsToRegister and queueing hints, reduced to their effect. A pod waits in
 * unschedulablePods until an event that could help one of the plugins that rejected it.
 */

/** The plugins a node update could help: only changes to what they look at count (heartbeats do not). */
export function nodeChangeHelps(old: Stored<Node>, node: Stored<Node>): Set<PluginName> {
  const helps = new Set<PluginName>();
  if (!deepEqual(old.status?.allocatable, node.status?.allocatable)) helps.add(PLUGIN.NodeResourcesFit);
  if (!deepEqual(old.metadata.labels, node.metadata.labels)) {
    helps.add(PLUGIN.NodeAffinity);
    helps.add(PLUGIN.PodTopologySpread);
    helps.add(PLUGIN.InterPodAffinity);
  }
  if (!deepEqual(old.spec?.taints, node.spec?.taints)) helps.add(PLUGIN.TaintToleration);
  if ((old.spec?.unschedulable ?? false) !== (node.spec?.unschedulable ?? false)) helps.add(PLUGIN.NodeUnschedulable);
  return helps;
}

/** A pod left a node (deleted, finished or rebound): its requests, ports and topology count are freed. */
export function podRemovalHelps(rejectors: ReadonlySet<PluginName>, removed: PodInfo): boolean {
  return (
    rejectors.has(PLUGIN.NodeResourcesFit) ||
    rejectors.has(PLUGIN.InterPodAffinity) ||
    rejectors.has(PLUGIN.PodTopologySpread) ||
    (rejectors.has(PLUGIN.NodePorts) && removed.ports.length > 0)
  );
}

/** A pod was placed on a node: it can satisfy another pod's affinity or change a spread's minimum. */
export function podAddHelps(rejectors: ReadonlySet<PluginName>): boolean {
  return rejectors.has(PLUGIN.InterPodAffinity) || rejectors.has(PLUGIN.PodTopologySpread);
}
