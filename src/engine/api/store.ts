import { gone } from './errors';
import type { KubeObject, WatchEvent, WatchEventType } from './types';
import { deepFreeze } from './types';

/**
 * The storage layer (etcd's part): objects by kind and key, one global resourceVersion counter, and a
 * bounded log of changes from which watches resume. It knows nothing of validation or semantics; the
 * API server owns those.
 */
export interface StoredEvent {
  type: WatchEventType;
  kind: string;
  object: KubeObject;
  /** The previous version, for MODIFIED and DELETED: lets filtered watches see objects leave their filter. */
  old?: KubeObject;
  rv: number;
}

export type StoreListener = (event: StoredEvent) => void;

export class Store {
  private rv = 0;
  private objects = new Map<string, Map<string, KubeObject>>();
  private log: StoredEvent[] = [];
  private logStart = 0; // index in rv-space of log[0]
  private listeners = new Set<StoreListener>();
  private pending: StoredEvent[] = [];
  private dispatching = false;

  constructor(
    private readonly options: { freeze: boolean; logLimit: number } = { freeze: true, logLimit: 50_000 },
  ) {}

  get resourceVersion(): number {
    return this.rv;
  }

  get(kind: string, key: string): KubeObject | undefined {
    return this.objects.get(kind)?.get(key);
  }

  /** Every stored object of a kind, in key order (deterministic output for list). */
  list(kind: string): KubeObject[] {
    const m = this.objects.get(kind);
    if (!m) return [];
    return [...m.values()];
  }

  count(kind: string): number {
    return this.objects.get(kind)?.size ?? 0;
  }

  /** Writes an object (create or update), stamping the next resourceVersion. */
  put(kind: string, key: string, obj: KubeObject, type: 'ADDED' | 'MODIFIED', old?: KubeObject): KubeObject {
    const rv = ++this.rv;
    obj.metadata.resourceVersion = String(rv);
    if (this.options.freeze) deepFreeze(obj);
    let m = this.objects.get(kind);
    if (!m) {
      m = new Map();
      this.objects.set(kind, m);
    }
    m.set(key, obj);
    this.emit(old ? { type, kind, object: obj, old, rv } : { type, kind, object: obj, rv });
    return obj;
  }

  /** Removes an object; the DELETED event carries the object with a new resourceVersion, as etcd3 does. */
  remove(kind: string, key: string, finalObj: KubeObject): KubeObject {
    const old = this.objects.get(kind)?.get(key);
    const rv = ++this.rv;
    finalObj.metadata.resourceVersion = String(rv);
    if (this.options.freeze) deepFreeze(finalObj);
    this.objects.get(kind)?.delete(key);
    this.emit(old ? { type: 'DELETED', kind, object: finalObj, old, rv } : { type: 'DELETED', kind, object: finalObj, rv });
    return finalObj;
  }

  /** Listeners see every change, in order, synchronously after the write that caused it. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Events after resourceVersion `from`, for a watch that resumes. Throws 410 Gone when the log no
   * longer reaches back that far, as the real API server does after etcd compaction.
   */
  since(from: number): StoredEvent[] {
    if (from < this.logStart) {
      throw gone(`too old resource version: ${from} (${this.logStart})`);
    }
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.log[mid]!.rv <= from) lo = mid + 1;
      else hi = mid;
    }
    return this.log.slice(lo);
  }

  private emit(event: StoredEvent): void {
    this.log.push(event);
    // Compact in chunks so a write stays O(1) amortised.
    if (this.log.length > this.options.logLimit * 1.25) {
      const drop = this.log.length - this.options.logLimit;
      this.logStart = this.log[drop - 1]!.rv;
      this.log.splice(0, drop);
    }
    // A listener that writes must not reorder what the others see: queue, then drain in order.
    this.pending.push(event);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let i = 0; i < this.pending.length; i++) {
        const e = this.pending[i]!;
        for (const l of this.listeners) l(e);
      }
    } finally {
      this.pending = [];
      this.dispatching = false;
    }
  }
}

export function toWatchEvent(e: StoredEvent): WatchEvent {
  return { type: e.type, object: e.object };
}
