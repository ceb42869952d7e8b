import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';

/**
 * Every object the API server stores. Kubernetes field names are kept exactly; the engine's typed
 * views (Pod, Deployment, ...) come from the `kubernetes-types` package.
 *
 * Stored objects are immutable: the API server returns the very object it stores (deep-frozen), so
 * reading is free and writing always means building a new object (see `clone`).
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: StoredMeta;
  [field: string]: unknown;
}

/** Removes `readonly` at every depth (kubernetes-types marks server-set fields readonly). */
export type Mutable<T> = T extends (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

/** ObjectMeta as every stored object has it: the API server fills these in. */
export type StoredMeta = Mutable<ObjectMeta> & {
  name: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
};

/** A kubernetes-types object (where metadata is optional) as the API server returns it. */
export type Stored<T> = Mutable<Omit<T, 'metadata'>> & { apiVersion: string; kind: string; metadata: StoredMeta };

/** What a client sends: metadata may lack the server-filled fields. */
export interface ObjectInput {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

export type { ObjectMeta, OwnerReference };

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<T = KubeObject> {
  type: WatchEventType;
  object: T;
}

/** Deep copy of a JSON value. Stored objects are frozen: clone one before building its next version. */
export function clone<T>(value: T): Mutable<T> {
  if (value === null || typeof value !== 'object') return value as Mutable<T>;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = clone(value[i]);
    return out as Mutable<T>;
  }
  // for-in over plain JSON objects: no intermediate entry arrays (this is the API server's hot path).
  const out: Record<string, unknown> = {};
  const src = value as Record<string, unknown>;
  for (const k in src) {
    const v = src[k];
    if (v !== undefined) out[k] = clone(v);
  }
  return out as Mutable<T>;
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** Structural equality of JSON values (undefined fields count as absent). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  // No key arrays: count the defined fields of each side while comparing (the status manager and
  // every no-op check run this on whole objects).
  let na = 0;
  for (const k in ao) {
    const v = ao[k];
    if (v === undefined) continue;
    na++;
    if (!deepEqual(v, bo[k])) return false;
  }
  let nb = 0;
  for (const k in bo) if (bo[k] !== undefined) nb++;
  return na === nb;
}

/** `namespace/name` for namespaced objects, `name` for cluster-scoped ones: the informer key. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function keyOf(obj: { metadata: { namespace?: string; name: string } }): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name);
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** The controller owner reference (controller: true), if any. */
export function controllerRef(obj: { metadata?: ObjectMeta }): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** A reference as controllers write it into ownerReferences. */
export function ownerRefTo(owner: KubeObject, opts: { controller?: boolean; blockOwnerDeletion?: boolean } = {}): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: opts.controller ?? true,
    blockOwnerDeletion: opts.blockOwnerDeletion ?? true,
  };
}
