import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { PodState } from './filters';
import { PLUGIN, tolerationsTolerateTaint } from './filters';
import type { PluginName } from './filters';
import { termMatches } from './nodeaffinity';
import type { NodeInfo } from './nodeinfo';

/**
 * The score plugins of the default profile. Each scores a feasible node 0..100 (some need a
 * normalisation pass over all nodes first); the framework multiplies by the plugin's weight and adds
 * up (k/k pkg/scheduler/framework/runtime RunScorePlugins).
 */

export const MAX_NODE_SCORE = 100;

/** Score weights of the default profile (default_plugins.go). */
export const WEIGHT: Readonly<Partial<Record<PluginName, number>>> = {
  [PLUGIN.TaintToleration]: 3,
  [PLUGIN.NodeAffinity]: 2,
  [PLUGIN.NodeResourcesFit]: 1,
  [PLUGIN.PodTopologySpread]: 2,
  [PLUGIN.InterPodAffinity]: 2,
  [PLUGIN.NodeResourcesBalancedAllocation]: 1,
  [PLUGIN.ImageLocality]: 1,
};

const div = (a: number, b: number) => Math.trunc(a / b);

/** leastRequestedScore: the share of the node left free after the pod, 0..100, integer division. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return div((capacity - requested) * MAX_NODE_SCORE, capacity);
}

export interface ResourceSpec {
  name: string;
  weight: number;
}

export const DEFAULT_RESOURCES: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/**
 * leastResourceScorer: the weighted mean of per-resource scores; resources the node does not have
 * (allocatable 0) are left out of the mean.
 */
export function leastAllocatedScorer(requested: readonly number[], allocatable: readonly number[], resources: readonly ResourceSpec[] = DEFAULT_RESOURCES): number {
  let score = 0;
  let weights = 0;
  for (let i = 0; i < requested.length; i++) {
    const alloc = allocatable[i] ?? 0;
    if (alloc === 0) continue;
    const w = resources[i]?.weight ?? 1;
    score += leastRequestedScore(requested[i] ?? 0, alloc) * w;
    weights += w;
  }
  return weights === 0 ? 0 : div(score, weights);
}

/** balancedResourceScorer: (1 - standard deviation of the requested fractions) × 100. */
export function balancedScorer(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    const alloc = allocatable[i] ?? 0;
    if (alloc === 0) continue;
    const f = Math.min(1, (requested[i] ?? 0) / alloc);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs(((fractions[0] ?? 0) - (fractions[1] ?? 0)) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    std = Math.sqrt(fractions.reduce((s, f) => s + (f - mean) * (f - mean), 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/**
 * NodeResourcesFit with the LeastAllocated strategy. It counts what the node's pods request with the
 * non-zero defaults (100m cpu / 200Mi memory for containers without requests) plus the pod's own
 * non-zero requests, so even request-less pods spread over nodes.
 */
export function nodeResourcesFitScore(s: PodState, ni: NodeInfo): number {
  // leastAllocatedScorer for cpu and memory at weight 1, without allocating arrays per node.
  const a = ni.allocatable;
  let sum = 0;
  let n = 0;
  if (a.milliCPU !== 0) {
    sum += leastRequestedScore(ni.nonZeroRequested.milliCPU + s.nonZero.milliCPU, a.milliCPU);
    n++;
  }
  if (a.memory !== 0) {
    sum += leastRequestedScore(ni.nonZeroRequested.memory + s.nonZero.memory, a.memory);
    n++;
  }
  return n === 0 ? 0 : div(sum, n);
}

/** True when the pod requests nothing at all: BalancedAllocation then skips scoring (k/k #129138). */
export function isBestEffort(s: PodState): boolean {
  return s.requests.milliCPU === 0 && s.requests.memory === 0;
}

/** NodeResourcesBalancedAllocation: favours nodes whose cpu and memory would be used in equal shares (real requests). */
export function balancedAllocationScore(s: PodState, ni: NodeInfo): number {
  const a = ni.allocatable;
  if (a.milliCPU === 0 || a.memory === 0) {
    return balancedScorer([ni.requested.milliCPU + s.requests.milliCPU, ni.requested.memory + s.requests.memory], [a.milliCPU, a.memory]);
  }
  const cpu = Math.min(1, (ni.requested.milliCPU + s.requests.milliCPU) / a.milliCPU);
  const mem = Math.min(1, (ni.requested.memory + s.requests.memory) / a.memory);
  return Math.trunc((1 - Math.abs((cpu - mem) / 2)) * MAX_NODE_SCORE);
}

/** TaintToleration Score: how many PreferNoSchedule taints the pod does not tolerate (normalised reversed). */
export function intolerablePreferNoSchedule(taints: readonly Taint[], tolerations: readonly Toleration[]): number {
  const relevant = tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  let n = 0;
  for (const taint of taints) {
    if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(relevant, taint)) n++;
  }
  return n;
}

export function taintTolerationScore(s: PodState, ni: NodeInfo): number {
  return ni.taints.length ? intolerablePreferNoSchedule(ni.taints, s.tolerations) : 0;
}

/** NodeAffinity Score: the sum of the weights of the preferred terms the node matches. */
export function nodeAffinityScore(s: PodState, ni: NodeInfo): number {
  let score = 0;
  for (const p of s.preferred) if (termMatches(p.term, ni)) score += p.weight;
  return score;
}

/**
 * helper.DefaultNormalizeScore: scale to 0..max by the highest score; `reverse` turns "more is worse"
 * counts (untolerated PreferNoSchedule taints) into scores. All zero and reversed means all max.
 */
export function defaultNormalizeScore(max: number, reverse: boolean, scores: number[]): void {
  let top = 0;
  for (const s of scores) if (s > top) top = s;
  if (top === 0) {
    if (reverse) scores.fill(max);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const v = div(max * (scores[i] ?? 0), top);
    scores[i] = reverse ? max - v : v;
  }
}

const MB = 1024 * 1024;
const MIN_IMAGE_THRESHOLD = 23 * MB;
const MAX_CONTAINER_IMAGE_THRESHOLD = 1000 * MB;

/**
 * ImageLocality: favours nodes that already have the pod's images, by their size scaled by how many
 * nodes have them (an image everywhere helps nowhere in particular), clamped between 23 MB and
 * 1000 MB per container.
 */
export function imageLocalityScore(images: readonly string[], ni: NodeInfo, imageNodes: ReadonlyMap<string, number>, totalNodes: number): number {
  let sum = 0;
  for (const image of images) {
    const size = ni.images.get(image);
    if (size !== undefined) sum += Math.trunc(size * ((imageNodes.get(image) ?? 0) / totalNodes));
  }
  const max = MAX_CONTAINER_IMAGE_THRESHOLD * images.length;
  const clamped = Math.min(max, Math.max(MIN_IMAGE_THRESHOLD, sum));
  return div(MAX_NODE_SCORE * (clamped - MIN_IMAGE_THRESHOLD), max - MIN_IMAGE_THRESHOLD);
}
