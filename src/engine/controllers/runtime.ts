import type { ApiServer } from '../api/apiserver';
import type { StoredEvent } from '../api/store';
import type { KubeObject } from '../api/types';
import { keyOf } from '../api/types';
import type { Clock, TimerHandle } from '../clock';

/**
 * The controller machinery, with client-go's semantics: shared informers that keep an indexed cache
 * of one kind, a work queue that de-duplicates keys and never hands one key out twice at once, and a
 * manager that drains the queues on the simulated clock.
 *
 * Reconcilers are level-based: they are told only a key, read the current state from the caches and
 * write the desired state through the API server.
 */

// ------------------------------------------------------------------ work queue

/**
 * client-go's workqueue: `add` of a key already queued is a no-op; a key added while it is being
 * processed is queued again once `done` is called; `addAfter` waits on the simulated clock;
 * `addRateLimited` backs off exponentially per key (5 ms doubling to 1000 s, as the default
 * ItemExponentialFailureRateLimiter) until `forget`.
 */
export class WorkQueue {
  private queue: string[] = [];
  private head = 0;
  private dirty = new Set<string>();
  private processing = new Set<string>();
  private waiting = new Map<string, { at: number; handle: TimerHandle }>();
  private failures = new Map<string, number>();
  onReady: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    readonly name: string,
  ) {}

  get length(): number {
    return this.queue.length - this.head;
  }

  add(key: string): void {
    if (this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.queue.push(key);
    this.onReady?.();
  }

  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) return this.add(key);
    const at = this.clock.now() + delayMs;
    const existing = this.waiting.get(key);
    if (existing && existing.at <= at) return; // an earlier wake-up already covers it
    if (existing) this.clock.clearTimeout(existing.handle);
    const handle = this.clock.setTimeout(() => {
      this.waiting.delete(key);
      this.add(key);
    }, delayMs, `${this.name}:${key}`);
    this.waiting.set(key, { at, handle });
  }

  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(5 * 2 ** n, 1_000_000));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** The next key to process, or undefined when the queue is empty. */
  get(): string | undefined {
    if (this.head >= this.queue.length) return undefined;
    const key = this.queue[this.head++]!;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.processing.add(key);
    this.dirty.delete(key);
    return key;
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.queue.push(key);
      this.onReady?.();
    }
  }
}

// ------------------------------------------------------------------ informers

export type Indexer<T> = (obj: T) => readonly string[];

export interface EventHandlers<T> {
  add?(obj: T): void;
  update?(oldObj: T, newObj: T): void;
  delete?(obj: T): void;
}

/**
 * A shared informer: the cache of one kind, kept current by the API server's watch, with named
 * indexes (for example pods by node, or by owner uid) so a controller can find what it needs without
 * scanning every object.
 */
export class Informer<T extends KubeObject = KubeObject> {
  private cache = new Map<string, T>();
  private indexers = new Map<string, Indexer<T>>();
  private indices = new Map<string, Map<string, Set<string>>>();
  private handlers: EventHandlers<T>[] = [];

  constructor(readonly kind: string) {}

  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  getByName(namespace: string | undefined, name: string): T | undefined {
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }

  list(): T[] {
    return [...this.cache.values()];
  }

  get size(): number {
    return this.cache.size;
  }

  addIndexer(name: string, fn: Indexer<T>): void {
    if (this.indexers.has(name)) return;
    this.indexers.set(name, fn);
    const index = new Map<string, Set<string>>();
    this.indices.set(name, index);
    for (const [key, obj] of this.cache) this.indexAdd(index, fn(obj), key);
  }

  /** Objects whose index `name` yields `value`. */
  byIndex(name: string, value: string): T[] {
    const keys = this.indices.get(name)?.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const k of keys) {
      const o = this.cache.get(k);
      if (o) out.push(o);
    }
    return out;
  }

  /** Registers handlers; like client-go, a late registrant is told about every cached object. */
  addEventHandler(h: EventHandlers<T>): void {
    this.handlers.push(h);
    if (h.add) for (const obj of this.cache.values()) h.add(obj);
  }

  /** Applies one watch event from the API server. */
  handle(e: StoredEvent): void {
    const obj = e.object as T;
    const key = keyOf(obj);
    const old = this.cache.get(key);
    if (e.type === 'DELETED') {
      if (!old) return;
      this.cache.delete(key);
      this.reindex(key, old, undefined);
      for (const h of this.handlers) h.delete?.(obj);
      return;
    }
    this.cache.set(key, obj);
    this.reindex(key, old, obj);
    if (old) for (const h of this.handlers) h.update?.(old, obj);
    else for (const h of this.handlers) h.add?.(obj);
  }

  private reindex(key: string, old: T | undefined, next: T | undefined): void {
    for (const [name, fn] of this.indexers) {
      const index = this.indices.get(name)!;
      const before = old ? fn(old) : [];
      const after = next ? fn(next) : [];
      if (before.length === after.length && before.every((v, i) => v === after[i])) continue;
      for (const v of before) index.get(v)?.delete(key);
      this.indexAdd(index, after, key);
    }
  }

  private indexAdd(index: Map<string, Set<string>>, values: readonly string[], key: string): void {
    for (const v of values) {
      let s = index.get(v);
      if (!s) {
        s = new Set();
        index.set(v, s);
      }
      s.add(key);
    }
  }
}

/** One informer per kind, shared by every controller, fed by one subscription to the API server. */
export class InformerFactory {
  private informers = new Map<string, Informer>();

  constructor(private readonly api: ApiServer) {
    api.subscribe((e) => this.informers.get(e.kind)?.handle(e));
  }

  for<T extends KubeObject = KubeObject>(kind: string): Informer<T> {
    let inf = this.informers.get(kind);
    if (!inf) {
      inf = new Informer(kind);
      for (const obj of this.api.listAll(kind)) inf.handle({ type: 'ADDED', kind, object: obj, rv: 0 });
      this.informers.set(kind, inf);
    }
    return inf as unknown as Informer<T>;
  }
}

// ------------------------------------------------------------------ controllers

/** What reconcile returns: nothing when done, or a delay after which to look again. */
export type ReconcileResult = void | { requeueAfter: number };

export interface Reconciler {
  /** The controller's name as kube-controller-manager knows it: `replicaset-controller`. */
  readonly name: string;
  reconcile(key: string): ReconcileResult;
}

/**
 * Runs reconcilers. When a queue gets work, a drain is scheduled at the current simulated instant;
 * all controllers therefore react "at once" in simulated time, in a deterministic order, while
 * anything that takes time (pulls, probes, back-offs) waits on the clock.
 */
export class ControllerManager {
  private queues = new Map<string, { queue: WorkQueue; reconciler: Reconciler; scheduled: boolean }>();
  /** Errors that escaped a reconcile, kept for tests and the UI; the key is retried with back-off. */
  readonly errors: Array<{ controller: string; key: string; error: unknown; time: number }> = [];

  constructor(private readonly clock: Clock) {}

  /** Registers a reconciler and returns its queue, to which the controller's event handlers add keys. */
  register(reconciler: Reconciler): WorkQueue {
    const queue = new WorkQueue(this.clock, reconciler.name);
    const entry = { queue, reconciler, scheduled: false };
    queue.onReady = () => {
      if (entry.scheduled) return;
      entry.scheduled = true;
      this.clock.setTimeout(() => this.drain(entry), 0, `drain ${reconciler.name}`);
    };
    this.queues.set(reconciler.name, entry);
    return queue;
  }

  private drain(entry: { queue: WorkQueue; reconciler: Reconciler; scheduled: boolean }): void {
    entry.scheduled = false;
    const { queue, reconciler } = entry;
    for (let key = queue.get(); key !== undefined; key = queue.get()) {
      try {
        const result = reconciler.reconcile(key);
        queue.forget(key);
        if (result && result.requeueAfter >= 0) queue.addAfter(key, result.requeueAfter);
      } catch (error) {
        this.errors.push({ controller: reconciler.name, key, error, time: this.clock.now() });
        if (this.errors.length > 1000) this.errors.splice(0, 500);
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
      }
    }
  }
}

/** Enqueues the object's own key. */
export function enqueueSelf(queue: WorkQueue): EventHandlers<KubeObject> {
  return {
    add: (o) => queue.add(keyOf(o)),
    update: (_o, n) => queue.add(keyOf(n)),
    delete: (o) => queue.add(keyOf(o)),
  };
}

/** Enqueues the controller owner of the object, when it is of `ownerKind` (client-go's "owns" watch). */
export function enqueueOwner(queue: WorkQueue, ownerKind: string): EventHandlers<KubeObject> {
  const ownerKey = (o: KubeObject): string | undefined => {
    const ref = o.metadata.ownerReferences?.find((r) => r.controller === true);
    if (!ref || ref.kind !== ownerKind) return undefined;
    return o.metadata.namespace ? `${o.metadata.namespace}/${ref.name}` : ref.name;
  };
  return {
    add: (o) => {
      const k = ownerKey(o);
      if (k) queue.add(k);
    },
    update: (o, n) => {
      const a = ownerKey(o);
      const b = ownerKey(n);
      if (a) queue.add(a);
      if (b && b !== a) queue.add(b);
    },
    delete: (o) => {
      const k = ownerKey(o);
      if (k) queue.add(k);
    },
  };
}

/** Index function: the uid of the controller owner. */
export const byControllerUid: Indexer<KubeObject> = (o) => {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller === true);
  return ref ? [ref.uid] : [];
};

/** Index function: the namespace. */
export const byNamespace: Indexer<KubeObject> = (o) => [o.metadata.namespace ?? ''];
