import type { Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import { keyOf } from '../api/types';
import type { NodeInfo, HostPort } from './nodeinfo';
import { normalizedImageName, podHostPorts } from './nodeinfo';
import type { PreferredTerm, RequiredNodeAffinity } from './nodeaffinity';
import { matchesRequired, nodeNamesFromAffinity, preferredTerms, requiredNodeAffinity } from './nodeaffinity';
import type { Resource } from './resources';
import { podRequests } from './resources';

/**
 * The filter plugins of the default profile, in the order the framework runs them
 * (k/k pkg/scheduler/apis/config/v1/default_plugins.go). Each returns undefined when the node
 * passes, or the status the real plugin returns: its code and its reason strings, word for word.
 */

export const PLUGIN = {
  NodeUnschedulable: 'NodeUnschedulable',
  NodeName: 'NodeName',
  TaintToleration: 'TaintToleration',
  NodeAffinity: 'NodeAffinity',
  NodePorts: 'NodePorts',
  NodeResourcesFit: 'NodeResourcesFit',
  PodTopologySpread: 'PodTopologySpread',
  InterPodAffinity: 'InterPodAffinity',
  NodeResourcesBalancedAllocation: 'NodeResourcesBalancedAllocation',
  ImageLocality: 'ImageLocality',
  DefaultPreemption: 'DefaultPreemption',
} as const;
export type PluginName = (typeof PLUGIN)[keyof typeof PLUGIN];

/** Unschedulable: preemption might help. UnschedulableAndUnresolvable: it cannot. */
export type Code = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Rejection {
  plugin: PluginName;
  code: Code;
  reasons: string[];
}

export const REASON = {
  unschedulable: 'node(s) were unschedulable',
  nodeName: "node(s) didn't match the requested node name",
  nodeAffinity: "node(s) didn't match Pod's node affinity/selector",
  nodePorts: "node(s) didn't have free ports for the requested pod ports",
  tooManyPods: 'Too many pods',
} as const;

/** Everything about the pod the plugins need, computed once per attempt (the framework's CycleState). */
export interface PodState {
  pod: Stored<Pod>;
  key: string;
  priority: number;
  requests: Resource;
  nonZero: Resource;
  tolerations: readonly Toleration[];
  required: RequiredNodeAffinity;
  preferred: PreferredTerm[];
  /** NodeAffinity PreFilter result: the only node names worth filtering, when the pod pins some. */
  nodeNames: Set<string> | undefined;
  ports: HostPort[];
  /** Every init and regular container image, normalised (ImageLocality). */
  images: string[];
}

export function podState(pod: Stored<Pod>): PodState {
  return {
    pod,
    key: keyOf(pod),
    priority: pod.spec?.priority ?? 0,
    requests: podRequests(pod.spec),
    nonZero: podRequests(pod.spec, true),
    tolerations: pod.spec?.tolerations ?? [],
    required: requiredNodeAffinity(pod.spec),
    preferred: preferredTerms(pod.spec),
    nodeNames: nodeNamesFromAffinity(pod.spec),
    ports: podHostPorts(pod),
    images: [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => normalizedImageName(c.image ?? '')),
  };
}

// ------------------------------------------------------------------ tolerations

const INT64 = /^[+-]?[0-9]+$/;

/**
 * Toleration.ToleratesTaint (k8s.io/api core/v1/toleration.go). `Gt` / `Lt` exist only behind the
 * TaintTolerationComparisonOperators gate, off in the simulated release.
 */
export function toleratesTaint(t: Toleration, taint: Taint, comparisonOperators = false): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    case 'Gt':
    case 'Lt': {
      if (!comparisonOperators) return false;
      const tv = t.value ?? '';
      const nv = taint.value ?? '';
      if (!INT64.test(tv) || !INT64.test(nv)) return false;
      return t.operator === 'Gt' ? BigInt(nv) > BigInt(tv) : BigInt(nv) < BigInt(tv);
    }
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** FindMatchingUntoleratedTaint over the taints a predicate selects: the first one no toleration covers. */
export function findUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], include: (t: Taint) => boolean): Taint | undefined {
  for (const taint of taints) {
    if (include(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

const doNotSchedule = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

// ------------------------------------------------------------------ filter plugins

export function nodeUnschedulable(s: PodState, ni: NodeInfo): Rejection | undefined {
  if (!ni.unschedulable) return undefined;
  // A pod that tolerates the unschedulable taint also tolerates spec.unschedulable (DaemonSet pods do).
  if (tolerationsTolerateTaint(s.tolerations, UNSCHEDULABLE_TAINT)) return undefined;
  return { plugin: PLUGIN.NodeUnschedulable, code: 'UnschedulableAndUnresolvable', reasons: [REASON.unschedulable] };
}

export function nodeName(s: PodState, ni: NodeInfo): Rejection | undefined {
  const want = s.pod.spec?.nodeName;
  if (!want || want === ni.name) return undefined;
  return { plugin: PLUGIN.NodeName, code: 'UnschedulableAndUnresolvable', reasons: [REASON.nodeName] };
}

export function taintToleration(s: PodState, ni: NodeInfo): Rejection | undefined {
  if (ni.taints.length === 0) return undefined;
  const taint = findUntoleratedTaint(ni.taints, s.tolerations, doNotSchedule);
  if (!taint) return undefined;
  return { plugin: PLUGIN.TaintToleration, code: 'UnschedulableAndUnresolvable', reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`] };
}

export function nodeAffinity(s: PodState, ni: NodeInfo): Rejection | undefined {
  if (!s.required.selector && !s.required.terms) return undefined;
  if (matchesRequired(s.required, ni)) return undefined;
  return { plugin: PLUGIN.NodeAffinity, code: 'UnschedulableAndUnresolvable', reasons: [REASON.nodeAffinity] };
}

export function nodePorts(s: PodState, ni: NodeInfo): Rejection | undefined {
  if (s.ports.length === 0 || ni.usedPorts.size === 0) return undefined;
  for (const p of s.ports) {
    if (ni.usedPorts.conflicts(p)) return { plugin: PLUGIN.NodePorts, code: 'Unschedulable', reasons: [REASON.nodePorts] };
  }
  return undefined;
}

/**
 * fitsRequest: the pod count first, then cpu, memory, ephemeral storage and extended resources, each
 * compared with allocatable minus what the node's pods already request. Every shortfall is a reason.
 */
export function insufficientResources(req: Resource, ni: NodeInfo, podCount = ni.pods.size): string[] {
  const out: string[] = [];
  const a = ni.allocatable;
  const r = ni.requested;
  if (podCount + 1 > a.pods) out.push(REASON.tooManyPods);
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && !req.scalar?.size) return out;
  if (req.milliCPU > 0 && req.milliCPU > a.milliCPU - r.milliCPU) out.push('Insufficient cpu');
  if (req.memory > 0 && req.memory > a.memory - r.memory) out.push('Insufficient memory');
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > a.ephemeralStorage - r.ephemeralStorage) out.push('Insufficient ephemeral-storage');
  if (req.scalar) {
    for (const [name, q] of req.scalar) {
      if (q === 0) continue;
      if (q > (a.scalar?.get(name) ?? 0) - (r.scalar?.get(name) ?? 0)) out.push(`Insufficient ${name}`);
    }
  }
  return out;
}

export function nodeResourcesFit(s: PodState, ni: NodeInfo): Rejection | undefined {
  const reasons = insufficientResources(s.requests, ni);
  return reasons.length ? { plugin: PLUGIN.NodeResourcesFit, code: 'Unschedulable', reasons } : undefined;
}

/**
 * The node-local filters in framework order, stopping at the first rejection; PodTopologySpread and
 * InterPodAffinity follow (topology.ts). Called directly, not through a plugin list: this runs for
 * every node for every pod.
 */
export function runNodeFilters(s: PodState, ni: NodeInfo): Rejection | undefined {
  return nodeUnschedulable(s, ni) ?? nodeName(s, ni) ?? taintToleration(s, ni) ?? nodeAffinity(s, ni) ?? nodePorts(s, ni) ?? nodeResourcesFit(s, ni);
}
