/**
 * The simulated clock: a discrete-event queue. Simulated time moves only when the caller advances it,
 * so the same inputs always produce the same cluster, and a simulated hour can run in milliseconds.
 *
 * Tasks due at the same instant run in the order they were scheduled (a sequence number breaks ties),
 * which keeps every run deterministic.
 *
 * @example
 * const clock = new SimClock(Date.UTC(2026, 0, 1));
 * clock.setTimeout(() => console.log('hi'), 1000);
 * clock.advance(1000); // prints "hi"
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, in simulated time. */
  now(): number;
  /** Runs `fn` once simulated time reaches now + delayMs. Returns a handle for clearTimeout. */
  setTimeout(fn: () => void, delayMs: number, label?: string): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

export type TimerHandle = { readonly id: number };

interface Task {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
  label: string | undefined;
  handle: TimerHandle;
}

/** Raised when the tasks due at one instant keep scheduling more work at that instant without end. */
export class HotLoopError extends Error {
  constructor(budget: number, label: string | undefined) {
    super(`more than ${budget} tasks ran at one simulated instant (last: ${label ?? 'unlabelled'}): a controller is hot-looping`);
  }
}

export class SimClock implements Clock {
  private current: number;
  private seq = 0;
  private heap: Task[] = [];
  private byId = new Map<number, Task>();
  /** How many tasks may run at one simulated instant before we call it a hot loop. */
  readonly instantBudget: number;

  constructor(startMs: number, options: { instantBudget?: number } = {}) {
    this.current = startMs;
    this.instantBudget = options.instantBudget ?? 5_000_000;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, delayMs: number, label?: string): TimerHandle {
    const handle = { id: ++this.seq };
    const task: Task = { at: this.current + Math.max(0, Math.ceil(delayMs)), seq: handle.id, fn, cancelled: false, label, handle };
    this.push(task);
    this.byId.set(handle.id, task);
    return handle;
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const task = this.byId.get(handle.id);
    if (task) {
      task.cancelled = true;
      this.byId.delete(handle.id);
    }
  }

  /** Time of the next pending task, or undefined when nothing is scheduled. */
  nextAt(): number | undefined {
    this.dropCancelledHead();
    return this.heap[0]?.at;
  }

  /** Number of live scheduled tasks. */
  pending(): number {
    return this.byId.size;
  }

  /** Runs every task due at or before the current time, including ones they schedule for now. */
  runDue(): number {
    return this.runUntil(this.current);
  }

  /** Moves time forward by `ms`, running every task due on the way, each at its own instant. */
  advance(ms: number): number {
    if (ms < 0) throw new Error('the simulated clock cannot go backwards');
    return this.runUntil(this.current + ms);
  }

  /** Moves time to `target` (absolute), running every task due on the way. */
  runUntil(target: number): number {
    if (target < this.current) throw new Error('the simulated clock cannot go backwards');
    let ran = 0;
    let atInstant = 0;
    for (;;) {
      this.dropCancelledHead();
      const head = this.heap[0];
      if (!head || head.at > target) break;
      this.pop();
      this.byId.delete(head.seq);
      if (head.at > this.current) {
        this.current = head.at;
        atInstant = 0;
      }
      if (++atInstant > this.instantBudget) throw new HotLoopError(this.instantBudget, head.label);
      head.fn();
      ran++;
    }
    this.current = target;
    return ran;
  }

  /**
   * Jumps to the next instant at which something is scheduled and runs everything due then.
   * Returns false when nothing is scheduled (or the next task is beyond `limitMs` from now).
   */
  step(limitMs = Number.POSITIVE_INFINITY): boolean {
    const next = this.nextAt();
    if (next === undefined || next - this.current > limitMs) return false;
    this.runUntil(Math.max(next, this.current));
    return true;
  }

  private dropCancelledHead(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
  }

  private less(a: Task, b: Task): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(task: Task): void {
    const h = this.heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): Task | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** RFC 3339 with second precision, as Kubernetes serialises metav1.Time. */
export function rfc3339(ms: number): string {
  const sec = Math.floor(ms / 1000);
  // Many writes share a second of simulated time: keep the last formatted one.
  if (sec !== lastSec) {
    lastSec = sec;
    lastText = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastText;
}
let lastSec = Number.NaN;
let lastText = '';

/** RFC 3339 with microseconds, as Kubernetes serialises metav1.MicroTime. */
export function rfc3339Micro(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-01-01T00:00:00.123Z
  return iso.replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function parseTime(s: string | undefined | null): number | undefined {
  if (!s) return undefined;
  // Controllers re-read the same heartbeat and transition times on every pass: remember recent ones.
  let t = parsed.get(s);
  if (t === undefined) {
    t = Date.parse(s);
    if (parsed.size >= 4096) parsed.clear();
    parsed.set(s, t);
  }
  return Number.isNaN(t) ? undefined : t;
}
const parsed = new Map<string, number>();
