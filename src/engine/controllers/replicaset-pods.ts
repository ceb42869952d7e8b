import type { Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import { parseTime } from '../clock';

/**
 * The pod predicates and the deletion order the ReplicaSet controller uses (k/k pkg/controller
 * controller_utils.go and pkg/api/v1/pod): which pods count, which are ready or available, and which
 * go first when a ReplicaSet has too many.
 */
export type PodObj = Stored<Pod>;

/** `controller.kubernetes.io/pod-deletion-cost` (core/v1 annotation_key_constants.go). */
export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** IsPodActive: neither finished (Succeeded/Failed) nor being deleted. */
export function isPodActive(p: PodObj): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata.deletionTimestamp;
}

function readyCondition(p: PodObj): { status?: string; lastTransitionTime?: string } | undefined {
  return p.status?.conditions?.find((c) => c.type === 'Ready');
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(p: PodObj): boolean {
  return readyCondition(p)?.status === 'True';
}

/** When the pod last became ready (ms), or undefined when it is not ready or the time is unknown. */
export function podReadyTime(p: PodObj): number | undefined {
  const c = readyCondition(p);
  return c?.status === 'True' ? parseTime(c.lastTransitionTime) : undefined;
}

/**
 * podutil.IsPodAvailable: ready, and ready for more than minReadySeconds. The comparison is strict
 * ("Before now") on a second-truncated timestamp, as in Kubernetes.
 */
export function isPodAvailable(p: PodObj, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(p)) return false;
  if (minReadySeconds <= 0) return true;
  const t = parseTime(readyCondition(p)?.lastTransitionTime);
  return t !== undefined && t + minReadySeconds * 1000 < now;
}

/** helper.GetDeletionCostFromPodAnnotations: an int32 without "+" or leading zeros, else 0. */
export function podDeletionCost(p: PodObj): number {
  const v = p.metadata.annotations?.[POD_DELETION_COST];
  if (v === undefined || !/^(-?[1-9][0-9]*|0)$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

export function maxContainerRestarts(p: PodObj): number {
  let max = 0;
  for (const c of p.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0);
  return max;
}

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/** The fields ActivePodsWithRanks.Less looks at, read once per pod rather than per comparison. */
interface RankKey {
  pod: PodObj;
  rank: number;
  nodeName: string;
  phase: number;
  ready: boolean;
  cost: number;
  readyTime: number | undefined;
  restarts: number;
  created: number | undefined;
  uid: string;
}

function rankKey(pod: PodObj, rank: number): RankKey {
  return {
    pod,
    rank,
    nodeName: pod.spec?.nodeName ?? '',
    phase: PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0,
    ready: isPodReady(pod),
    cost: podDeletionCost(pod),
    readyTime: podReadyTime(pod),
    restarts: maxContainerRestarts(pod),
    created: parseTime(pod.metadata.creationTimestamp),
    uid: pod.metadata.uid ?? '',
  };
}

/** afterOrZero: a missing time sorts first, then the later time. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** logarithmicRankDiff: both ages bucketed by log2 of nanoseconds (LogarithmicScaleDown, on by default). */
function logRankDiff(t1: number, t2: number, now: number): number {
  const d1 = (now - t1) * 1e6;
  const d2 = (now - t2) * 1e6;
  const r1 = d1 > 0 ? Math.floor(Math.log2(d1)) : -1;
  const r2 = d2 > 0 ? Math.floor(Math.log2(d2)) : -1;
  return r1 - r2;
}

/** Rules 6 and 8: the more recent time first, in log2 buckets, ties broken by uid. */
function newerFirst(a: RankKey, b: RankKey, ta: number | undefined, tb: number | undefined, now: number | undefined): boolean {
  if (now === undefined || ta === undefined || tb === undefined) return afterOrZero(ta, tb);
  const diff = logRankDiff(ta, tb, now);
  if (diff === 0) return a.uid < b.uid;
  return diff < 0;
}

/**
 * ActivePodsWithRanks.Less: true when `a` should be deleted before `b`. The eight rules, in order:
 * unassigned < assigned; Pending < Unknown < Running; not ready < ready; lower deletion cost < higher;
 * more colocated related pods (rank) < fewer; ready more recently < longer ago; more restarts < fewer;
 * created more recently < older. `now` undefined compares times without the logarithmic buckets.
 */
function less(a: RankKey, b: RankKey, now: number | undefined): boolean {
  if (a.nodeName !== b.nodeName && (a.nodeName === '' || b.nodeName === '')) return a.nodeName === '';
  if (a.phase !== b.phase) return a.phase < b.phase;
  if (a.ready !== b.ready) return !a.ready;
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.ready && b.ready && a.readyTime !== b.readyTime) return newerFirst(a, b, a.readyTime, b.readyTime, now);
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  if (a.created !== b.created) return newerFirst(a, b, a.created, b.created, now);
  return false;
}

/** Compares two pods with their ranks as ActivePodsWithRanks.Less does (exposed for the rule tests). */
export function podDeletedBefore(a: PodObj, rankA: number, b: PodObj, rankB: number, now: number | undefined): boolean {
  return less(rankKey(a, rankA), rankKey(b, rankB), now);
}

/**
 * getPodsToDelete: the first `count` pods in deletion order. A pod's rank is the number of active
 * related pods (of every ReplicaSet with the same controller) on its node, so doubled-up nodes shed first.
 */
export function podsToDelete(pods: readonly PodObj[], related: readonly PodObj[], count: number, now: number): PodObj[] {
  if (count >= pods.length) return pods.slice();
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const keys = pods.map((p) => rankKey(p, onNode.get(p.spec?.nodeName ?? '') ?? 0));
  keys.sort((a, b) => (less(a, b, now) ? -1 : less(b, a, now) ? 1 : 0));
  return keys.slice(0, count).map((k) => k.pod);
}

/** A short description of why a pod was an early pick, for the trace. */
export function describeForDeletion(p: PodObj): string {
  if (!p.spec?.nodeName) return 'not scheduled';
  const phase = p.status?.phase ?? 'Pending';
  if (phase !== 'Running') return phase;
  if (!isPodReady(p)) return 'not ready';
  return 'ready';
}
