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

/** The fields ActivePodsWithRanks.Less looks at, read once per stored (immutable) pod version. */
export interface RankKey {
  pod: PodObj;
  nodeName: string;
  phase: number;
  ready: boolean;
  cost: number;
  readyTime: number | undefined;
  restarts: number;
  created: number | undefined;
  uid: string;
}

const rankKeys = new WeakMap<PodObj, RankKey>();

export function rankKey(pod: PodObj): RankKey {
  let k = rankKeys.get(pod);
  if (!k) {
    k = {
      pod,
      nodeName: pod.spec?.nodeName ?? '',
      phase: PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0,
      ready: isPodReady(pod),
      cost: podDeletionCost(pod),
      readyTime: podReadyTime(pod),
      restarts: maxContainerRestarts(pod),
      created: parseTime(pod.metadata.creationTimestamp),
      uid: pod.metadata.uid ?? '',
    };
    rankKeys.set(pod, k);
  }
  return k;
}

/** Rules 1 to 4 of the deletion order (assigned, phase, ready, deletion cost) as one exact number, lower first. */
export function deletionClass(k: Pick<RankKey, 'nodeName' | 'phase' | 'ready' | 'cost'>): number {
  return (((k.nodeName === '' ? 0 : 1) * 4 + k.phase) * 2 + (k.ready ? 1 : 0)) * 2 ** 32 + (k.cost + 2 ** 31);
}

/** The deletion class of a pod without building its whole key (the tallies do this on every pod change). */
export function podDeletionClass(pod: PodObj, ready: boolean): number {
  const phase = PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0;
  const cost = pod.metadata.annotations ? podDeletionCost(pod) : 0;
  return deletionClass({ nodeName: pod.spec?.nodeName ?? '', phase, ready, cost });
}

/** afterOrZero: a missing time sorts first, then the later time. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** The log2 bucket of an age in nanoseconds (logarithmicRankDiff's unit); -1 for no age. */
function bucket(t: number | undefined, now: number): number {
  if (t === undefined) return -1;
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/**
 * The pods under comparison with their ranks. Ready and creation ages are bucketed for this `now` only
 * when a comparison gets that far (most are decided by rank first): a rollout compares thousands of
 * pods many times over.
 */
class Ranking {
  private readonly readyBuckets: Float64Array;
  private readonly createdBuckets: Float64Array;
  /** Rules 1 to 4 (assigned, phase, ready, deletion cost) folded into one exact number, lower first. */
  private readonly classes: Float64Array;

  constructor(
    readonly keys: readonly RankKey[],
    readonly ranks: ArrayLike<number>,
    private readonly now: number | undefined,
  ) {
    this.readyBuckets = new Float64Array(keys.length).fill(NaN);
    this.createdBuckets = new Float64Array(keys.length).fill(NaN);
    this.classes = Float64Array.from(keys, deletionClass);
  }

  private bucketOf(buckets: Float64Array, i: number, t: number): number {
    let b = buckets[i]!;
    if (Number.isNaN(b)) buckets[i] = b = bucket(t, this.now!);
    return b;
  }

  /** Rules 6 and 8: the more recent time first, in log2 buckets (LogarithmicScaleDown), ties by uid. */
  private newerFirst(i: number, j: number, ta: number | undefined, tb: number | undefined, buckets: Float64Array): boolean {
    if (this.now === undefined || ta === undefined || tb === undefined) return afterOrZero(ta, tb);
    const diff = this.bucketOf(buckets, i, ta) - this.bucketOf(buckets, j, tb);
    if (diff === 0) return this.keys[i]!.uid < this.keys[j]!.uid;
    return diff < 0;
  }

  /**
   * ActivePodsWithRanks.Less: true when pod i should be deleted before pod j. The eight rules, in
   * order: unassigned < assigned; Pending < Unknown < Running; not ready < ready; lower deletion cost
   * < higher; more colocated related pods (rank) < fewer; ready more recently < longer ago; more
   * restarts < fewer; created more recently < older.
   */
  less(i: number, j: number): boolean {
    const ca = this.classes[i]!;
    const cb = this.classes[j]!;
    if (ca !== cb) return ca < cb;
    const a = this.keys[i]!;
    const b = this.keys[j]!;
    const ra = this.ranks[i]!;
    const rb = this.ranks[j]!;
    if (ra !== rb) return ra > rb;
    if (a.ready && b.ready && a.readyTime !== b.readyTime) return this.newerFirst(i, j, a.readyTime, b.readyTime, this.readyBuckets);
    if (a.restarts !== b.restarts) return a.restarts > b.restarts;
    if (a.created !== b.created) return this.newerFirst(i, j, a.created, b.created, this.createdBuckets);
    return false;
  }
}

/** Compares two pods with their ranks as ActivePodsWithRanks.Less does; `now` undefined compares plain times. */
export function podDeletedBefore(a: PodObj, rankA: number, b: PodObj, rankB: number, now: number | undefined): boolean {
  return new Ranking([rankKey(a), rankKey(b)], [rankA, rankB], now).less(0, 1);
}

/**
 * getPodsToDelete: the first `count` pods in deletion order. A pod's rank (`rankOf`) is the number of
 * active related pods (of every ReplicaSet with the same controller) on its node, so doubled-up nodes
 * shed first.
 */
export function podsToDelete(pods: readonly PodObj[], rankOf: (pod: PodObj) => number, count: number, now: number): PodObj[] {
  return chooseVictims(pods.map(rankKey), Int32Array.from(pods, rankOf), count, now);
}

/** podsToDelete over ready-made keys and ranks (the ReplicaSet controller keeps the keys in its tallies). */
export function chooseVictims(keys: readonly RankKey[], ranks: ArrayLike<number>, count: number, now: number): PodObj[] {
  if (count >= keys.length) return keys.map((k) => k.pod);
  const r = new Ranking(keys, ranks, now);
  if (count > 32) {
    const order = Array.from(keys, (_, i) => i);
    order.sort((i, j) => (r.less(i, j) ? -1 : r.less(j, i) ? 1 : 0));
    return order.slice(0, count).map((i) => keys[i]!.pod);
  }
  // A few victims among many pods (a rollout shrinking an old ReplicaSet step by step): keep the best
  // `count` in one pass instead of sorting; equal pods keep their order, as a stable sort would.
  const best: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    if (best.length === count && !r.less(i, best[count - 1]!)) continue;
    let p = best.length;
    while (p > 0 && r.less(i, best[p - 1]!)) p--;
    best.splice(p, 0, i);
    if (best.length > count) best.pop();
  }
  return best.map((i) => keys[i]!.pod);
}

/** Pods per node among `related`, active ones only: the input of the ranks. */
export function activePodsPerNode(related: Iterable<PodObj>): Map<string, number> {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  return onNode;
}

/** A short description of why a pod was an early pick, for the trace. */
export function describeForDeletion(p: PodObj): string {
  if (!p.spec?.nodeName) return 'not scheduled';
  const phase = p.status?.phase ?? 'Pending';
  if (phase !== 'Running') return phase;
  if (!isPodReady(p)) return 'not ready';
  return 'ready';
}
