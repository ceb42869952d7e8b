/**
 * client-go's `flowcontrol.Backoff`, which the kubelet uses twice: per container for crash-loop
 * restarts (key `<pod uid>_<container>`) and per pod and image for image pulls. Without jitter, as the
 * kubelet configures it: the first failure waits `initial`, each later one doubles up to `max`, and an
 * entry left alone for more than 2 x max (ten minutes with max 300 s) starts over.
 *
 * @example
 * const b = new Backoff(10_000, 300_000);
 * b.next('uid_app', now); // 10 s
 * b.isInBackOffSince('uid_app', finishedAt, now); // true while now - finishedAt < 10 s
 */
export class Backoff {
  private entries = new Map<string, { backoff: number; lastUpdate: number }>();

  constructor(
    readonly initial: number,
    readonly max: number,
  ) {}

  /** The current delay for `key` (0 when it has none). */
  get(key: string): number {
    return this.entries.get(key)?.backoff ?? 0;
  }

  /**
   * Records a failure at `now`: the first one starts at `initial`, each later one doubles. `eventTime`
   * (the container's finish time for crash loops) decides whether the old entry has expired.
   */
  next(key: string, now: number, eventTime = now): number {
    const e = this.entries.get(key);
    if (!e || this.hasExpired(eventTime, e.lastUpdate)) {
      this.entries.set(key, { backoff: this.initial, lastUpdate: now });
      return this.initial;
    }
    e.backoff = Math.min(e.backoff * 2, this.max);
    e.lastUpdate = now;
    return e.backoff;
  }

  /** Crash loops: still waiting when less than the delay has passed since the container finished. */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.hasExpired(eventTime, e.lastUpdate)) return false;
    return now - eventTime < e.backoff;
  }

  /** Image pulls: still waiting when less than the delay has passed since the last failure. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.hasExpired(now, e.lastUpdate)) return false;
    return now - e.lastUpdate < e.backoff;
  }

  /** When the back-off of `key` ends, measured from `eventTime` (or from the last update). */
  expiresAt(key: string, eventTime?: number): number | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    return (eventTime ?? e.lastUpdate) + e.backoff;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every entry whose key starts with `prefix` (a pod's uid when the pod goes away). */
  resetPrefix(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  private hasExpired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > 2 * this.max;
  }
}

/**
 * Go's `time.Duration.String()`: `800ms`, `2.5s`, `1m20s`, `5m0s`, `1h0m0s`. The kubelet prints its
 * back-off delays and pull times this way.
 */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  let out: string;
  if (rest < 1000) {
    out = `${trimFraction(rest.toFixed(3))}ms`;
  } else {
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = trimFraction((rest / 1000).toFixed(3));
    out = h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
  }
  return neg ? `-${out}` : out;
}

function trimFraction(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
