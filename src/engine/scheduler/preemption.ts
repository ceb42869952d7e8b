import type { Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import type { PodState, Rejection } from './filters';
import { PLUGIN } from './filters';
import { fitErrorMessage } from './fiterror';
import type { Attempt, NodeFilter } from './framework';
import { runFilters } from './framework';
import type { NodeInfoCache, PodInfo } from './nodeinfo';
import { NodeInfo } from './nodeinfo';

/**
 * DefaultPreemption's PostFilter (k/k framework/preemption/preemption.go and
 * plugins/defaultpreemption): when no node fits, could evicting lower-priority pods make one fit?
 *
 * Only nodes whose rejection was plain `Unschedulable` (resources, ports, anti-affinity) are worth a
 * dry run; the others (taints, selectors, cordoned nodes) get "Preemption is not helpful for
 * scheduling". A node without lower-priority pods gets "No preemption victims found for incoming
 * pod"; a node that still would not fit keeps its filter reasons. When some node would fit, the
 * pod is nominated to the best one and the chosen victims are evicted.
 */

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
const INT32_SPAN = 2 ** 31;

export interface PreemptionResult {
  /** The PostFilter message, "preemption: ..."; empty when a node was nominated. */
  message: string;
  nomination?: { node: string; victims: PodInfo[] };
}

function startTime(p: Stored<Pod>): string {
  return p.status?.startTime ?? p.metadata.creationTimestamp;
}

/** util.MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportant(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const ta = startTime(a.pod);
  const tb = startTime(b.pod);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/** podTerminatingByPreemption: being deleted, with the DisruptionTarget condition the preemptor set. */
export function terminatingByPreemption(p: Stored<Pod>): boolean {
  if (!p.metadata.deletionTimestamp) return false;
  return (p.status?.conditions ?? []).some((c) => c.type === 'DisruptionTarget' && c.reason === 'PreemptionByScheduler');
}

type Victims = { victims: PodInfo[] } | { status: Rejection };

/** SelectVictimsOnNode: remove every lower-priority pod; if the pod then fits, give back as many as possible. */
export function selectVictimsOnNode(s: PodState, ni: NodeInfo, filters: readonly NodeFilter[]): Victims {
  const lower = [...ni.pods.values()].filter((p) => p.priority < s.priority);
  if (lower.length === 0) return { status: { plugin: PLUGIN.DefaultPreemption, code: 'UnschedulableAndUnresolvable', reasons: [NO_VICTIMS] } };
  const trial = new NodeInfo(ni.name);
  if (ni.node) trial.setNode(ni.node);
  const lowerKeys = new Set(lower.map((p) => p.key));
  for (const p of ni.pods.values()) if (!lowerKeys.has(p.key)) trial.addPod(p);
  const still = runFilters(filters, trial);
  if (still) return { status: still };
  lower.sort(moreImportant);
  const victims: PodInfo[] = [];
  for (const p of lower) {
    trial.addPod(p);
    if (runFilters(filters, trial)) {
      trial.removePod(p.key);
      victims.push(p);
    }
  }
  return { victims };
}

/** pickOneNodeForPreemption, without PodDisruptionBudgets: each criterion narrows the candidates in turn. */
function pickOne(candidates: Array<{ node: string; victims: PodInfo[] }>): { node: string; victims: PodInfo[] } | undefined {
  const narrow = (list: typeof candidates, key: (c: (typeof candidates)[number]) => number) => {
    const best = Math.min(...list.map(key));
    return list.filter((c) => key(c) === best);
  };
  let list = candidates.filter((c) => c.victims.length === 0);
  if (list.length) return list[0];
  list = narrow(candidates, (c) => c.victims[0]?.priority ?? 0);
  list = narrow(list, (c) => c.victims.reduce((sum, p) => sum + p.priority + INT32_SPAN, 0));
  list = narrow(list, (c) => c.victims.length);
  // The latest start among each node's highest-priority victims: evict the pods that have run least.
  const earliestTop = (c: (typeof candidates)[number]) => {
    const top = c.victims[0]?.priority ?? 0;
    return c.victims.filter((p) => p.priority === top).map((p) => Date.parse(startTime(p.pod))).reduce((m, t) => Math.min(m, t), Infinity);
  };
  list = narrow(list, (c) => -earliestTop(c));
  return list[0];
}

export function postFilter(s: PodState, attempt: Attempt, cache: NodeInfoCache): PreemptionResult {
  if (s.pod.spec?.preemptionPolicy === 'Never') return { message: 'preemption: not eligible due to preemptionPolicy=Never.' };
  const nominated = s.pod.status?.nominatedNodeName;
  if (nominated && attempt.rejected.get(nominated)?.code !== 'UnschedulableAndUnresolvable') {
    const ni = cache.get(nominated);
    for (const p of ni?.pods.values() ?? []) {
      if (p.priority < s.priority && terminatingByPreemption(p.pod)) {
        return { message: 'preemption: not eligible due to a terminating pod on the nominated node.' };
      }
    }
  }
  const statuses = new Map<string, Rejection>();
  const candidates: Array<{ node: string; victims: PodInfo[] }> = [];
  if (!attempt.preFilter) {
    for (const ni of cache.list()) {
      if (attempt.rejected.get(ni.name)?.code !== 'Unschedulable') continue;
      const r = selectVictimsOnNode(s, ni, attempt.filters);
      if ('status' in r) statuses.set(ni.name, r.status);
      else candidates.push({ node: ni.name, victims: r.victims });
    }
  }
  const best = pickOne(candidates);
  if (best) return { message: '', nomination: best };
  const msg = fitErrorMessage({ numAllNodes: attempt.numAllNodes, statuses: statuses.values(), absent: [NOT_HELPFUL] });
  return { message: `preemption: ${msg}` };
}
