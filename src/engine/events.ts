import type { ApiServer } from './api/apiserver';
import { isStatusError } from './api/errors';
import type { KubeObject } from './api/types';
import { clone } from './api/types';
import type { Clock, TimerHandle } from './clock';
import { rfc3339 } from './clock';

/**
 * client-go's event recorder: components record Events as API objects, and identical events (same
 * object, reason, message and source) are folded into one whose count and lastTimestamp grow, as the
 * real EventCorrelator does. Events expire an hour after their last update (kube-apiserver --event-ttl).
 */
export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  component: string;
  host?: string;
}

export const EVENT_TTL_MS = 60 * 60 * 1000;

interface Aggregate {
  namespace: string;
  name: string;
  /** When the event expires: an hour after its last update. */
  expiresAt: number;
}

export class EventRecorder {
  private seen = new Map<string, Aggregate>();

  constructor(
    private readonly api: ApiServer,
    private readonly clock: Clock,
    readonly source: EventSource,
  ) {}

  /**
   * Records an event about `obj`. `fieldPath` names the container (`spec.containers{nginx}`) for
   * kubelet events.
   */
  event(obj: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const ns = obj.metadata.namespace || 'default';
    const ref = {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    };
    const key = [ref.uid, fieldPath ?? '', type, reason, message, this.source.component, this.source.host ?? ''].join('\u0000');
    const now = this.clock.now();
    const ts = rfc3339(now);
    const prev = this.seen.get(key);
    if (prev) {
      const existing = this.api.tryGet('Event', prev.namespace, prev.name);
      if (existing) {
        const next = clone(existing) as KubeObject & { count?: number; lastTimestamp?: string };
        next.count = (next.count ?? 1) + 1;
        next.lastTimestamp = ts;
        this.api.update(next, { user: this.source.component });
        this.armTtl(key, prev);
        return;
      }
    }
    // client-go names events "<object name>.<unix nanoseconds in hex>".
    // Each component has its own recorder: two of them naming events about one object at the same
    // simulated instant (a kubelet and the node controller) must not pick the same name.
    const nameFor = () => `${obj.metadata.name}.${nanosHex(now, this.seq++ % 1_000_000)}`;
    let name = nameFor();
    while (this.api.tryGet('Event', ns, name)) name = nameFor();
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: ref,
      reason,
      message,
      source: { ...this.source },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    };
    try {
      this.api.create(event, { user: this.source.component, handoff: true });
    } catch (e) {
      // An event in a namespace being deleted is dropped, as the real recorder drops it.
      if (isStatusError(e)) return;
      throw e;
    }
    const agg: Aggregate = { namespace: ns, name, expiresAt: 0 };
    this.seen.set(key, agg);
    this.armTtl(key, agg);
  }

  private seq = 0;

  /**
   * Expiries in arming order. The TTL is constant, so this is also time order: one timer for the
   * earliest, instead of a timer per event. An update re-arms by appending; the older entry is stale.
   */
  private expiries: Array<{ at: number; key: string }> = [];
  private head = 0;
  private sweeper: TimerHandle | undefined;

  private armTtl(key: string, agg: Aggregate): void {
    agg.expiresAt = this.clock.now() + EVENT_TTL_MS;
    this.expiries.push({ at: agg.expiresAt, key });
    if (!this.sweeper) this.sweeper = this.clock.setTimeout(() => this.sweep(), EVENT_TTL_MS, 'event-ttl');
  }

  private sweep(): void {
    this.sweeper = undefined;
    const now = this.clock.now();
    while (this.head < this.expiries.length && this.expiries[this.head]!.at <= now) {
      const { at, key } = this.expiries[this.head++]!;
      const agg = this.seen.get(key);
      if (!agg || agg.expiresAt !== at) continue;
      this.seen.delete(key);
      if (this.api.tryGet('Event', agg.namespace, agg.name)) this.api.delete('Event', agg.namespace, agg.name);
    }
    if (this.head > 1024 && this.head * 2 > this.expiries.length) {
      this.expiries = this.expiries.slice(this.head);
      this.head = 0;
    }
    const next = this.expiries[this.head];
    if (next) this.sweeper = this.clock.setTimeout(() => this.sweep(), next.at - now, 'event-ttl');
  }
}

/**
 * `ms * 1e6 + nanos` in hex, exactly, without BigInt: the product passes 2^53, so it is carried in
 * two parts split at 24 bits (both stay well inside a double's exact range until the year 2500).
 */
export function nanosHex(ms: number, nanos: number): string {
  const SPLIT = 0x1000000;
  const hi = Math.floor(ms / SPLIT);
  const low = (ms % SPLIT) * 1_000_000 + nanos;
  const high = hi * 1_000_000 + Math.floor(low / SPLIT);
  const rest = (low % SPLIT).toString(16);
  return high > 0 ? high.toString(16) + rest.padStart(6, '0') : rest;
}
