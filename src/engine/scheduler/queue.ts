import type { Clock, TimerHandle } from '../clock';
import type { PluginName } from './filters';

/**
 * kube-scheduler's scheduling queue (k/k pkg/scheduler/backend/queue): pending pods wait in one of
 * three places.
 *
 * - activeQ: ready to be tried, highest spec.priority first, then the earliest to enter the queue
 *   (PrioritySort). A pod that failed re-enters with the time of its failure.
 * - backoffQ: failed recently; waits 1 s after its first attempt, doubling per attempt up to 10 s.
 *   With nothing active, the pod closest to the end of its back-off is tried at once
 *   (SchedulerPopFromBackoffQ, beta and on in v1.33), unless it failed with an error rather than a
 *   rejection: those wait out their back-off.
 * - unschedulablePods: rejected by the filters; stays until a cluster event that could help it (a
 *   node added or changed, a pod removed, ...) moves it on, or 5 minutes pass
 *   (podMaxInUnschedulablePodsDuration). Moved pods still backing off go to backoffQ.
 *
 * Gated pods (spec.schedulingGates) wait outside all three until their gates are removed.
 */

export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
export const MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;
const BACKOFF_ORDERING_WINDOW_MS = 1_000;

export type QueueArea = 'active' | 'backoff' | 'unschedulable' | 'inFlight' | 'gated';

export interface QueuedPodInfo {
  readonly key: string;
  priority: number;
  /** When the pod entered the queue or last failed: PrioritySort's tie-break. */
  timestamp: number;
  /** Scheduling attempts so far (the back-off grows with them). */
  attempts: number;
  area: QueueArea;
  /** The plugins that rejected the pod on its last attempt; events that cannot help them are ignored. */
  rejectors: ReadonlySet<PluginName>;
  /** Insertion order: the last tie-break, so equal pods keep their arrival order. */
  seq: number;
  /** Backing off after an error (not a filter rejection): never popped before its back-off ends. */
  errorBackoff: boolean;
  timer: TimerHandle | undefined;
  heapToken: number;
}

/** backoff = 1 s × 2^(attempts-1), capped at 10 s (calculateBackoffDuration). */
export function backoffDuration(attempts: number): number {
  let d = INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    if (d > MAX_BACKOFF_MS - d) return MAX_BACKOFF_MS;
    d += d;
  }
  return d;
}

interface HeapItem {
  info: QueuedPodInfo;
  token: number;
}

const before = (a: QueuedPodInfo, b: QueuedPodInfo) =>
  a.priority !== b.priority ? a.priority > b.priority : a.timestamp !== b.timestamp ? a.timestamp < b.timestamp : a.seq < b.seq;

export class SchedulingQueue {
  private readonly pods = new Map<string, QueuedPodInfo>();
  /** The pods in unschedulablePods, so a cluster event looks only at them. */
  private readonly parked = new Set<QueuedPodInfo>();
  private readonly backingOff = new Set<QueuedPodInfo>();
  private heap: HeapItem[] = [];
  private seq = 0;

  /** `onActive` is called whenever a pod becomes ready to be tried. */
  constructor(
    private readonly clock: Clock,
    private readonly onActive: () => void,
  ) {}

  get(key: string): QueuedPodInfo | undefined {
    return this.pods.get(key);
  }

  /** How many pods are in each area (for tests and the UI). */
  counts(): Record<QueueArea, number> {
    const c: Record<QueueArea, number> = { active: 0, backoff: 0, unschedulable: 0, inFlight: 0, gated: 0 };
    for (const p of this.pods.values()) c[p.area]++;
    return c;
  }

  /** A new pending pod (or one the queue had forgotten). */
  add(key: string, priority: number, gated: boolean): void {
    if (this.pods.has(key)) return;
    const info: QueuedPodInfo = { key, priority, timestamp: this.clock.now(), attempts: 0, area: 'gated', rejectors: new Set(), seq: ++this.seq, errorBackoff: false, timer: undefined, heapToken: 0 };
    this.pods.set(key, info);
    if (!gated) this.toActive(info);
  }

  /**
   * The pending pod changed. A gated pod whose gates are gone becomes active; an unschedulable pod
   * whose spec or labels changed is worth another try.
   */
  update(key: string, priority: number, gated: boolean, changed: boolean): void {
    const info = this.pods.get(key);
    if (!info) return this.add(key, priority, gated);
    if (info.area === 'active' && info.priority !== priority) {
      info.priority = priority;
      this.push(info); // the stale heap entry is skipped by its token
    }
    info.priority = priority;
    if (info.area === 'gated' && !gated) this.toActive(info);
    else if (info.area === 'unschedulable' && changed) this.moveOut(info);
  }

  delete(key: string): void {
    const info = this.pods.get(key);
    if (!info) return;
    this.clock.clearTimeout(info.timer);
    info.heapToken++;
    this.parked.delete(info);
    this.backingOff.delete(info);
    this.pods.delete(key);
  }

  /** The next pod to try, or undefined. It stays known to the queue (in flight) until done or requeued. */
  pop(): QueuedPodInfo | undefined {
    let next: QueuedPodInfo | undefined;
    for (let top = this.popHeap(); top; top = this.popHeap()) {
      if (top.token === top.info.heapToken && top.info.area === 'active' && this.pods.get(top.info.key) === top.info) {
        next = top.info;
        break;
      }
    }
    next ??= this.earliestBackoff();
    if (!next) return undefined;
    this.clock.clearTimeout(next.timer);
    next.timer = undefined;
    this.setArea(next, 'inFlight');
    next.attempts++;
    return next;
  }

  /** The backoffQ's head: the earliest end of back-off (in 1 s windows), then priority, then queue time. */
  private earliestBackoff(): QueuedPodInfo | undefined {
    let best: QueuedPodInfo | undefined;
    let bestWindow = 0;
    for (const info of this.backingOff) {
      if (info.errorBackoff) continue;
      const window = Math.floor(this.backingOffUntil(info) / BACKOFF_ORDERING_WINDOW_MS);
      if (!best || window < bestWindow || (window === bestWindow && before(info, best))) {
        best = info;
        bestWindow = window;
      }
    }
    return best;
  }

  /** The pod was bound (or is no longer ours): forget it. */
  done(key: string): void {
    this.delete(key);
  }

  /** The attempt failed with these rejecting plugins: park the pod in unschedulablePods. */
  requeueUnschedulable(info: QueuedPodInfo, rejectors: ReadonlySet<PluginName>): void {
    if (this.pods.get(info.key) !== info) return;
    info.timestamp = this.clock.now();
    info.rejectors = rejectors;
    info.errorBackoff = false;
    this.setArea(info, 'unschedulable');
    this.arm(info, MAX_IN_UNSCHEDULABLE_MS, () => this.moveOut(info));
  }

  /** The attempt failed for another reason (an API error): retry after the back-off. */
  requeueBackoff(info: QueuedPodInfo): void {
    if (this.pods.get(info.key) !== info) return;
    info.timestamp = this.clock.now();
    info.rejectors = new Set();
    info.errorBackoff = true;
    this.toBackoffOrActive(info);
  }

  /** A cluster event: move the unschedulable pods for which `helps` says it could make a difference. */
  moveUnschedulable(helps: (info: QueuedPodInfo) => boolean): number {
    let n = 0;
    for (const info of [...this.parked]) {
      if (helps(info)) {
        this.moveOut(info);
        n++;
      }
    }
    return n;
  }

  backingOffUntil(info: QueuedPodInfo): number {
    return info.timestamp + backoffDuration(info.attempts);
  }

  private setArea(info: QueuedPodInfo, area: QueueArea): void {
    if (area === 'unschedulable') this.parked.add(info);
    else this.parked.delete(info);
    if (area === 'backoff') this.backingOff.add(info);
    else this.backingOff.delete(info);
    info.area = area;
  }

  private moveOut(info: QueuedPodInfo): void {
    this.toBackoffOrActive(info);
  }

  private toBackoffOrActive(info: QueuedPodInfo): void {
    const wait = this.backingOffUntil(info) - this.clock.now();
    if (wait <= 0) return this.toActive(info);
    this.setArea(info, 'backoff');
    this.arm(info, wait, () => this.toActive(info));
    if (!info.errorBackoff) this.onActive(); // it may be popped at once if nothing else is active
  }

  private toActive(info: QueuedPodInfo): void {
    this.clock.clearTimeout(info.timer);
    info.timer = undefined;
    this.setArea(info, 'active');
    this.push(info);
    this.onActive();
  }

  private arm(info: QueuedPodInfo, delay: number, fn: () => void): void {
    this.clock.clearTimeout(info.timer);
    info.timer = this.clock.setTimeout(() => {
      info.timer = undefined;
      if (this.pods.get(info.key) === info) fn();
    }, delay, `scheduler queue ${info.key}`);
  }

  // ---------------------------------------------------------------- binary heap

  private push(info: QueuedPodInfo): void {
    const item = { info, token: ++info.heapToken };
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item.info, h[parent]!.info)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = item;
  }

  private popHeap(): HeapItem | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (!top || !last || h.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && before(h[r]!.info, h[l]!.info) ? r : l;
      if (!before(h[c]!.info, last.info)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return top;
  }
}
