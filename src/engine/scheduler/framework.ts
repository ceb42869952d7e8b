import type { Random } from '../random';
import type { PluginName, PodState, Rejection } from './filters';
import { PLUGIN, runNodeFilters } from './filters';
import type { NodeInfo, NodeInfoCache } from './nodeinfo';
import {
  MAX_NODE_SCORE,
  WEIGHT,
  balancedAllocationScore,
  defaultNormalizeScore,
  imageLocalityScore,
  isBestEffort,
  nodeAffinityScore,
  nodeResourcesFitScore,
  taintTolerationScore,
} from './scores';

/**
 * One scheduling attempt through the plugins, as the framework runs it (k/k schedule_one.go
 * schedulePod): PreFilter, Filter over the nodes (stopping at the first plugin that rejects a node),
 * then Score and NormalizeScore over the feasible ones, and a random pick among the best.
 */

export type NodeFilter = (ni: NodeInfo) => Rejection | undefined;

/**
 * A plugin that needs the whole cluster, not just one node (PodTopologySpread, InterPodAffinity).
 * `prepare` is its PreFilter: undefined means it has nothing to check for this pod.
 */
export interface ClusterPlugin {
  readonly name: PluginName;
  prepareFilter(s: PodState, nodes: readonly NodeInfo[]): NodeFilter | undefined;
  /** PreScore + Score + NormalizeScore for the feasible nodes; undefined means Skip. */
  score(s: PodState, feasible: readonly NodeInfo[], nodes: readonly NodeInfo[]): number[] | undefined;
}

export interface Attempt {
  numAllNodes: number;
  feasible: NodeInfo[];
  /** Nodes the filters rejected, by name, with the first rejecting plugin's status. */
  rejected: Map<string, Rejection>;
  /** The status of nodes the PreFilter left out (the pod pins other node names). */
  absent?: Rejection;
  /** A PreFilter rejection: no node was looked at. */
  preFilter?: Rejection;
  /** The prepared filters, in order, for preemption's "would it fit without these pods?". */
  filters: NodeFilter[];
}

export interface NodeScore {
  node: NodeInfo;
  /** The sum over score plugins of score × weight. */
  total: number;
}

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE = 5;

/** numFeasibleNodesToFind with percentageOfNodesToScore unset: all nodes below 100, then an adaptive share. */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  const percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE, 50 - Math.trunc(numAllNodes / 125));
  return Math.max(MIN_FEASIBLE_NODES_TO_FIND, Math.trunc((numAllNodes * percentage) / 100));
}

export class Framework {
  /** Where the next attempt starts looking, so successive pods do not always probe the same nodes first. */
  private nextStartNodeIndex = 0;

  constructor(
    private readonly cache: NodeInfoCache,
    private readonly random: Random,
    private readonly clusterPlugins: readonly ClusterPlugin[] = [],
  ) {}

  /** PreFilter + Filter. */
  findFeasible(s: PodState): Attempt {
    const all = this.cache.list();
    const attempt: Attempt = { numAllNodes: all.length, feasible: [], rejected: new Map(), filters: [] };
    let nodes = all;
    let restricted = false;
    if (s.nodeNames) {
      if (s.nodeNames.size === 0) {
        attempt.preFilter = { plugin: PLUGIN.NodeAffinity, code: 'UnschedulableAndUnresolvable', reasons: ['pod affinity terms conflict'] };
        return attempt;
      }
      nodes = [...s.nodeNames].map((n) => this.cache.get(n)).filter((n): n is NodeInfo => !!n);
      restricted = true;
      attempt.absent = { plugin: PLUGIN.NodeAffinity, code: 'UnschedulableAndUnresolvable', reasons: [`node(s) didn't satisfy plugin(s) [${PLUGIN.NodeAffinity}]`] };
    }
    attempt.filters = this.prepareFilters(s, all);
    const want = restricted ? nodes.length : numFeasibleNodesToFind(nodes.length);
    const start = restricted || nodes.length === 0 ? 0 : this.nextStartNodeIndex % nodes.length;
    let processed = 0;
    for (let i = 0; i < nodes.length && attempt.feasible.length < want; i++) {
      const ni = nodes[(start + i) % nodes.length]!;
      processed++;
      const r = runFilters(attempt.filters, ni);
      if (r) attempt.rejected.set(ni.name, r);
      else attempt.feasible.push(ni);
    }
    if (!restricted && nodes.length) this.nextStartNodeIndex = (start + processed) % nodes.length;
    return attempt;
  }

  /** The filters that apply to this pod, in framework order; skipped plugins cost nothing per node. */
  prepareFilters(s: PodState, nodes: readonly NodeInfo[]): NodeFilter[] {
    const out: NodeFilter[] = [(ni) => runNodeFilters(s, ni)];
    for (const p of this.clusterPlugins) {
      const f = p.prepareFilter(s, nodes);
      if (f) out.push(f);
    }
    return out;
  }

  /** Score + NormalizeScore, weighted and summed per node (RunScorePlugins). */
  score(s: PodState, feasible: readonly NodeInfo[]): NodeScore[] {
    const n = feasible.length;
    const result: NodeScore[] = new Array<NodeScore>(n);
    const bestEffort = isBestEffort(s);
    const taint: number[] = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const ni = feasible[i]!;
      taint[i] = taintTolerationScore(s, ni);
      let total = nodeResourcesFitScore(s, ni) * (WEIGHT.NodeResourcesFit ?? 1);
      if (!bestEffort) total += balancedAllocationScore(s, ni) * (WEIGHT.NodeResourcesBalancedAllocation ?? 1);
      result[i] = { node: ni, total };
    }
    const add = (name: PluginName, scores: number[] | undefined) => {
      if (!scores) return;
      const w = WEIGHT[name] ?? 1;
      for (let i = 0; i < n; i++) result[i]!.total += (scores[i] ?? 0) * w;
    };
    defaultNormalizeScore(MAX_NODE_SCORE, true, taint);
    add(PLUGIN.TaintToleration, taint);
    if (s.preferred.length) {
      const aff = feasible.map((ni) => nodeAffinityScore(s, ni));
      defaultNormalizeScore(MAX_NODE_SCORE, false, aff);
      add(PLUGIN.NodeAffinity, aff);
    }
    if (this.cache.imageNodes.size) {
      const total = this.cache.list().length;
      add(PLUGIN.ImageLocality, feasible.map((ni) => imageLocalityScore(s.images, ni, this.cache.imageNodes, total)));
    }
    if (this.clusterPlugins.length) {
      const all = this.cache.list();
      for (const p of this.clusterPlugins) add(p.name, p.score(s, feasible, all));
    }
    return result;
  }

  /**
   * selectHost: the highest total wins; among equal totals each node is equally likely (reservoir
   * sampling with the seeded random source, so a seed reproduces the placement).
   */
  selectHost(scores: readonly NodeScore[]): { best: NodeScore; tied: number } | undefined {
    let best: NodeScore | undefined;
    let tied = 0;
    for (const sc of scores) {
      if (!best || sc.total > best.total) {
        best = sc;
        tied = 1;
      } else if (sc.total === best.total) {
        tied++;
        if (this.random.int(tied) === 0) best = sc;
      }
    }
    return best ? { best, tied } : undefined;
  }
}

export function runFilters(filters: readonly NodeFilter[], ni: NodeInfo): Rejection | undefined {
  for (const f of filters) {
    const r = f(ni);
    if (r) return r;
  }
  return undefined;
}
