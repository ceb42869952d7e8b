import type { Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import type { Trace } from '../trace';
import type { Rejection } from './filters';
import type { Attempt, NodeScore } from './framework';

/**
 * The scheduler's decisions in plain words for the trace. Volume stays proportional: one entry per
 * decision, plus the filter results per node in small clusters, or grouped by reason in large ones.
 */

const SMALL = 10;

function ref(pod: Stored<Pod>) {
  return { kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name };
}

function names(list: readonly string[]): string {
  if (list.length <= 3) return list.join(', ');
  return `${list.slice(0, 3).join(', ')} and ${list.length - 3} more`;
}

/** "node-2 filtered out by NodeResourcesFit: Insufficient cpu", one entry per node (or per reason when there are many). */
export function traceFilterResults(trace: Trace, pod: Stored<Pod>, attempt: Attempt): void {
  if (attempt.preFilter) {
    const p = attempt.preFilter;
    trace.record({ component: 'kube-scheduler', actor: p.plugin, message: `${p.plugin} rejected the pod before looking at any node: ${p.reasons.join(', ')}`, ref: ref(pod) });
    return;
  }
  if (attempt.absent) {
    const skipped = attempt.numAllNodes - attempt.rejected.size - attempt.feasible.length;
    if (skipped > 0) {
      trace.record({ component: 'kube-scheduler', actor: attempt.absent.plugin, message: `${skipped} node(s) not considered: the pod's node affinity names specific nodes by metadata.name`, ref: ref(pod) });
    }
  }
  if (attempt.rejected.size <= SMALL) {
    for (const [node, r] of attempt.rejected) {
      trace.record({ component: 'kube-scheduler', actor: r.plugin, message: `${node} filtered out by ${r.plugin}: ${r.reasons.join(', ')}`, ref: ref(pod) });
    }
    return;
  }
  const groups = new Map<string, { r: Rejection; nodes: string[] }>();
  for (const [node, r] of attempt.rejected) {
    const k = `${r.plugin}\u0000${r.reasons.join(', ')}`;
    const g = groups.get(k);
    if (g) g.nodes.push(node);
    else groups.set(k, { r, nodes: [node] });
  }
  for (const { r, nodes } of groups.values()) {
    trace.record({ component: 'kube-scheduler', actor: r.plugin, message: `${names(nodes)} filtered out by ${r.plugin}: ${r.reasons.join(', ')}`, ref: ref(pod) });
  }
}

/** "scored node-1=287 node-2=272" (the weighted totals, best first), and how the winner was picked. */
export function traceScores(attempt: Attempt, scores: readonly NodeScore[], chosen: NodeScore, tied: number): string {
  if (scores.length === 0) {
    const out = attempt.rejected.size ? ` (${attempt.rejected.size} filtered out)` : '';
    return `only ${chosen.node.name} passed the filters${out}`;
  }
  const top = bestFirst(scores, scores.length <= SMALL ? SMALL : 3);
  const list = top.map((s) => `${s.node.name}=${s.total}`).join(' ');
  const head = scores.length <= SMALL ? `scored ${list}` : `scored ${scores.length} nodes, best ${list}`;
  return tied > 1 ? `${head}; ${tied} nodes tied for the best score, picked one at random` : head;
}

/** The `k` best scores, best first (ties by name), without sorting every node. */
function bestFirst(scores: readonly NodeScore[], k: number): NodeScore[] {
  const better = (a: NodeScore, b: NodeScore) => a.total > b.total || (a.total === b.total && a.node.name < b.node.name);
  const top: NodeScore[] = [];
  for (const s of scores) {
    if (top.length === k && !better(s, top[k - 1]!)) continue;
    let i = Math.min(top.length, k - 1);
    top[i] = s;
    while (i > 0 && better(top[i]!, top[i - 1]!)) {
      [top[i], top[i - 1]] = [top[i - 1]!, top[i]!];
      i--;
    }
  }
  return top;
}
