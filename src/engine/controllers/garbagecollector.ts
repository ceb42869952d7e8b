import { isStatusError } from '../api/errors';
import type { KubeObject } from '../api/types';
import { clone } from '../api/types';
import type { ClusterContext } from '../cluster';
import type { Reconciler } from './runtime';

/**
 * The garbage collector (k/k pkg/controller/garbagecollector), in its three duties:
 *
 * - an object whose owners are all gone is deleted (background cascading deletion);
 * - an owner deleted with propagationPolicy Orphan carries the `orphan` finalizer: the collector strips
 *   the owner's references from its dependents, then removes the finalizer;
 * - an owner deleted with propagationPolicy Foreground carries `foregroundDeletion`: the collector
 *   deletes its dependents first and removes the finalizer once none that block deletion remain.
 *
 * It keeps a graph of every object by uid (the real one's "uidToNode"), fed by the API server's watch,
 * so each decision touches only the owner and its dependents.
 */
interface GraphNode {
  kind: string;
  namespace: string | undefined;
  name: string;
  owners: string[];
}

const IGNORED_KINDS = new Set(['Event', 'Lease']);

export function startGarbageCollector(ctx: ClusterContext): void {
  const { api, trace } = ctx;
  const nodes = new Map<string, GraphNode>();
  const dependents = new Map<string, Set<string>>();

  const reconciler: Reconciler = {
    name: 'garbage-collector-controller',
    reconcile: (uid) => reconcile(uid),
  };
  const queue = ctx.manager.register(reconciler);

  const link = (uid: string, owners: string[]) => {
    for (const o of owners) {
      let s = dependents.get(o);
      if (!s) dependents.set(o, (s = new Set()));
      s.add(uid);
    }
  };
  const unlink = (uid: string, owners: string[]) => {
    for (const o of owners) {
      const s = dependents.get(o);
      s?.delete(uid);
      if (s && s.size === 0) dependents.delete(o);
    }
  };

  /** Owners deleting in the foreground (deletionTimestamp and the foregroundDeletion finalizer), as observed. */
  const waiting = new Set<string>();
  const isWaiting = (obj: KubeObject) => !!obj.metadata.deletionTimestamp && !!obj.metadata.finalizers?.includes('foregroundDeletion');
  const sameOwners = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const NO_OWNERS: string[] = [];

  // Runs for every write of every kind: no API reads, and the graph is touched only when owners change.
  const observe = (kind: string, obj: KubeObject, deleted: boolean) => {
    const uid = obj.metadata.uid;
    const refs = obj.metadata.ownerReferences;
    const owners = refs?.length ? refs.map((r) => r.uid) : NO_OWNERS;
    const prev = nodes.get(uid);
    if (!deleted && isWaiting(obj)) waiting.add(uid);
    else waiting.delete(uid);
    // An owner deleting in the foreground waits for its dependents: each change of one (gone, released,
    // no longer blocking) may be the last it waits for (processGraphChanges enqueues such owners).
    if (waiting.size) {
      for (const o of prev?.owners ?? NO_OWNERS) if (waiting.has(o)) queue.add(o);
      for (const o of owners) if (waiting.has(o)) queue.add(o);
    }
    if (deleted) {
      if (prev) unlink(uid, prev.owners);
      nodes.delete(uid);
      // Dependents of a vanished owner must be looked at again.
      for (const d of dependents.get(uid) ?? []) queue.add(d);
      return;
    }
    if (!prev || !sameOwners(prev.owners, owners)) {
      if (prev) unlink(uid, prev.owners);
      link(uid, owners);
    }
    nodes.set(uid, { kind, namespace: obj.metadata.namespace, name: obj.metadata.name, owners });
    const fin = obj.metadata.finalizers;
    if (obj.metadata.deletionTimestamp && fin && (fin.includes('orphan') || fin.includes('foregroundDeletion'))) queue.add(uid);
    // A dependent whose owner is absent, or is being deleted in the foreground, needs a decision.
    for (const o of owners) {
      if (!nodes.has(o) || waiting.has(o)) {
        queue.add(uid);
        break;
      }
    }
  };
  // The initial list of every kind (the real collector's informers sync before it runs), then the watch.
  const kinds = api.registry.all().filter((t) => !IGNORED_KINDS.has(t.kind));
  for (const t of kinds) {
    for (const obj of api.listAll(t.kind)) {
      nodes.set(obj.metadata.uid, { kind: t.kind, namespace: obj.metadata.namespace, name: obj.metadata.name, owners: [] });
      if (isWaiting(obj)) waiting.add(obj.metadata.uid);
    }
  }
  for (const t of kinds) for (const obj of api.listAll(t.kind)) observe(t.kind, obj, false);
  api.subscribe((e) => {
    if (IGNORED_KINDS.has(e.kind)) return;
    observe(e.kind, e.object, e.type === 'DELETED');
  });

  function objectOf(uid: string): KubeObject | undefined {
    const n = nodes.get(uid);
    if (!n) return undefined;
    const obj = api.tryGet(n.kind, n.namespace, n.name);
    return obj && obj.metadata.uid === uid ? obj : undefined;
  }

  function waitsForDependents(uid: string): boolean {
    const o = objectOf(uid);
    return !!o?.metadata.deletionTimestamp && !!o.metadata.finalizers?.includes('foregroundDeletion');
  }

  function reconcile(uid: string): void {
    const obj = objectOf(uid);
    if (!obj) return;
    const fin = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && fin.includes('orphan')) return orphanDependents(obj);
    if (obj.metadata.deletionTimestamp && fin.includes('foregroundDeletion')) return deleteDependentsFirst(obj);
    attemptToDelete(obj);
  }

  /** attemptToDeleteItem: classify owners as solid, dangling or waiting for their dependents. */
  function attemptToDelete(obj: KubeObject): void {
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0 || obj.metadata.deletionTimestamp) return;
    const solid: string[] = [];
    const dangling: string[] = [];
    const waiting: string[] = [];
    for (const r of refs) {
      const owner = objectOf(r.uid);
      if (!owner) dangling.push(r.uid);
      else if (waitsForDependents(r.uid)) waiting.push(r.uid);
      else solid.push(r.uid);
    }
    const ref = { kind: obj.kind, name: obj.metadata.name, ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}) };
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      // Some owners remain: only drop the references to the ones that are gone or going.
      const drop = new Set([...dangling, ...waiting]);
      const next = clone(obj);
      next.metadata.ownerReferences = refs.filter((r) => !drop.has(r.uid));
      write(() => api.update(next, { user: 'generic-garbage-collector' }));
      return;
    }
    const policy = waiting.length > 0 && (dependents.get(obj.metadata.uid)?.size ?? 0) > 0 ? 'Foreground' : 'Background';
    trace.record({
      component: 'kube-controller-manager',
      actor: 'garbage-collector-controller',
      message: `${obj.kind.toLowerCase()} ${obj.metadata.name}: ${dangling.length ? 'its owner is gone' : 'its owner is being deleted in the foreground'}, deleting it (${policy.toLowerCase()})`,
      ref,
    });
    write(() =>
      api.delete(obj.kind, obj.metadata.namespace, obj.metadata.name, {
        user: 'generic-garbage-collector',
        propagationPolicy: policy,
        preconditions: { uid: obj.metadata.uid },
      }),
    );
  }

  function orphanDependents(owner: KubeObject): void {
    const uid = owner.metadata.uid;
    for (const d of [...(dependents.get(uid) ?? [])]) {
      const dep = objectOf(d);
      if (!dep) continue;
      const next = clone(dep);
      next.metadata.ownerReferences = (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
      write(() => api.update(next, { user: 'generic-garbage-collector' }));
    }
    trace.record({
      component: 'kube-controller-manager',
      actor: 'garbage-collector-controller',
      message: `${owner.kind.toLowerCase()} ${owner.metadata.name} deleted with orphan propagation: its dependents keep running without an owner`,
      ref: { kind: owner.kind, name: owner.metadata.name, ...(owner.metadata.namespace ? { namespace: owner.metadata.namespace } : {}) },
    });
    removeFinalizer(owner, 'orphan');
  }

  function deleteDependentsFirst(owner: KubeObject): void {
    const uid = owner.metadata.uid;
    let blocking = 0;
    for (const d of [...(dependents.get(uid) ?? [])]) {
      const dep = objectOf(d);
      if (!dep) continue;
      const ref = dep.metadata.ownerReferences?.find((r) => r.uid === uid);
      if (ref?.blockOwnerDeletion) blocking++;
      if (dep.metadata.deletionTimestamp) continue;
      const hasOwnDependents = (dependents.get(d)?.size ?? 0) > 0;
      write(() =>
        api.delete(dep.kind, dep.metadata.namespace, dep.metadata.name, {
          user: 'generic-garbage-collector',
          propagationPolicy: hasOwnDependents ? 'Foreground' : 'Background',
          preconditions: { uid: d },
        }),
      );
    }
    if (blocking === 0) removeFinalizer(owner, 'foregroundDeletion');
  }

  function removeFinalizer(obj: KubeObject, finalizer: string): void {
    const latest = objectOf(obj.metadata.uid);
    if (!latest) return;
    const next = clone(latest);
    next.metadata.finalizers = (latest.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    if (next.metadata.finalizers.length === 0) delete next.metadata.finalizers;
    write(() => api.update(next, { user: 'generic-garbage-collector' }));
  }

  /** NotFound and Conflict mean the world moved on: the next event brings the key back. */
  function write(fn: () => unknown): void {
    try {
      fn();
    } catch (e) {
      if (isStatusError(e, 'NotFound') || isStatusError(e, 'Conflict')) return;
      throw e;
    }
  }
}
