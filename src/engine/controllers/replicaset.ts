import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import { isStatusError } from '../api/errors';
import type { KubeObject, ObjectInput, Stored } from '../api/types';
import { clone, controllerRef, deepEqual, keyOf, ownerRefTo } from '../api/types';
import type { LabelSelector, Selector } from '../apimachinery/labels';
import { labelSelectorAsSelector } from '../apimachinery/labels';
import { isDNS1123Subdomain, maskTrailingDash } from '../apimachinery/validation';
import { rfc3339 } from '../clock';
import type { ClusterContext } from '../cluster';
import type { EventHandlers, Indexer, Informer } from './runtime';
import { byControllerUid, byNamespace } from './runtime';
import type { PodObj } from './replicaset-pods';
import { describeForDeletion, isPodActive, isPodAvailable, isPodReady, podReadyTime, podsToDelete } from './replicaset-pods';

/**
 * The ReplicaSet controller (k/k pkg/controller/replicaset): keeps spec.replicas active pods that
 * match the selector, adopting orphans and releasing pods whose labels stopped matching (ClaimPods),
 * creating from the template in slow-start batches and deleting the cheapest pods first, at most 500
 * of either per sync; then writes the counts into status.
 *
 * Expectations are not needed here: the informers see every write before the next reconcile runs.
 */
export type ReplicaSetObj = Stored<ReplicaSet>;

const NAME = 'replicaset-controller';
/** BurstReplicas: the most pods one sync creates or deletes. */
export const BURST_REPLICAS = 500;
export const CONTROLLER_UID_INDEX = 'controllerUid';
export const NAMESPACE_INDEX = 'namespace';
/** Pods without a controller, by namespace: the only pods a ReplicaSet may adopt. */
export const ORPHAN_INDEX = 'orphanNamespace';

const orphanByNamespace: Indexer<KubeObject> = (o) => (controllerRef(o) ? [] : [o.metadata.namespace ?? '']);

const selectors = new WeakMap<object, Selector>();

/** The object's spec.selector as a Selector, cached per stored (immutable) object; throws when invalid. */
export function selectorOf(obj: { spec?: { selector?: LabelSelector } }): Selector {
  let s = selectors.get(obj);
  if (!s) {
    s = labelSelectorAsSelector(obj.spec?.selector);
    selectors.set(obj, s);
  }
  return s;
}

function trySelector(obj: { spec?: { selector?: LabelSelector } }): Selector | undefined {
  try {
    return selectorOf(obj);
  } catch {
    return undefined;
  }
}

/** Installs the shared indexes both workload controllers read. */
export function workloadInformers(ctx: ClusterContext): { pods: Informer<PodObj>; replicaSets: Informer<ReplicaSetObj> } {
  const pods = ctx.informers.for<PodObj>('Pod');
  const replicaSets = ctx.informers.for<ReplicaSetObj>('ReplicaSet');
  pods.addIndexer(CONTROLLER_UID_INDEX, byControllerUid as Indexer<PodObj>);
  pods.addIndexer(ORPHAN_INDEX, orphanByNamespace as Indexer<PodObj>);
  replicaSets.addIndexer(CONTROLLER_UID_INDEX, byControllerUid as Indexer<ReplicaSetObj>);
  replicaSets.addIndexer(NAMESPACE_INDEX, byNamespace as Indexer<ReplicaSetObj>);
  return { pods, replicaSets };
}

export function replicasOf(obj: { spec?: { replicas?: number } }): number {
  return obj.spec?.replicas ?? 1;
}

/** slowStartBatch: calls in batches of 1, 2, 4, ... and stops after the first batch with a failure. */
export function slowStartBatch(count: number, initial: number, fn: () => unknown): { successes: number; error: unknown } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initial); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let failures = 0;
    let first: unknown;
    for (let i = 0; i < batch; i++) {
      const err = fn();
      if (err !== undefined) {
        if (failures++ === 0) first = err;
      }
    }
    successes += batch - failures;
    if (failures > 0) return { successes, error: first };
    remaining -= batch;
  }
  return { successes, error: undefined };
}

function hasCause(e: unknown, reason: string): boolean {
  return isStatusError(e) && (e.status.details?.causes ?? []).some((c) => c.reason === reason);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** getPodsPrefix: `<name>-`, unless that is not a valid generateName. */
function podsPrefix(name: string): string {
  const prefix = `${name}-`;
  return isDNS1123Subdomain(maskTrailingDash(prefix)).length ? name : prefix;
}

/** GetPodFromTemplate: labels, annotations and finalizers of the template, and the controller reference. */
function podFromTemplate(rs: ReplicaSetObj): ObjectInput {
  const t = rs.spec?.template ?? {};
  const meta = t.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: podsPrefix(rs.metadata.name),
      namespace: rs.metadata.namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [ownerRefTo(rs as KubeObject)],
    },
    spec: clone(t.spec ?? {}),
  };
}

function matchesTemplate(pod: PodObj, templateLabels: Readonly<Record<string, string>>): boolean {
  const labels = pod.metadata.labels ?? {};
  for (const k in templateLabels) if (labels[k] !== templateLabels[k]) return false;
  return true;
}

export function startReplicaSetController(ctx: ClusterContext): void {
  const { api, trace } = ctx;
  const { pods: podInf, replicaSets: rsInf } = workloadInformers(ctx);
  const recorder = ctx.recorder({ component: NAME });
  const queue = ctx.manager.register({ name: NAME, reconcile: (key) => reconcile(key) });

  const note = (rs: ReplicaSetObj, msg: string) =>
    trace.record({
      component: 'kube-controller-manager',
      actor: NAME,
      message: `${keyOf(rs)} ${msg}`,
      ref: { kind: 'ReplicaSet', namespace: rs.metadata.namespace, name: rs.metadata.name },
    });

  // ------------------------------------------------------------------ event handlers

  const resolve = (namespace: string | undefined, ref: { kind: string; name: string; uid: string }) => {
    if (ref.kind !== 'ReplicaSet') return undefined;
    const rs = rsInf.getByName(namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  };
  const enqueueMatching = (pod: PodObj) => {
    for (const rs of rsInf.byIndex(NAMESPACE_INDEX, pod.metadata.namespace ?? '')) {
      if (trySelector(rs)?.matches(pod.metadata.labels ?? {})) queue.add(keyOf(rs));
    }
  };
  const podDeleted = (pod: PodObj) => {
    const ref = controllerRef(pod);
    const rs = ref && resolve(pod.metadata.namespace, ref);
    if (rs) queue.add(keyOf(rs));
  };
  const podHandlers: EventHandlers<PodObj> = {
    add: (pod) => {
      if (pod.metadata.deletionTimestamp) return podDeleted(pod);
      const ref = controllerRef(pod);
      if (ref) {
        const rs = resolve(pod.metadata.namespace, ref);
        if (rs) queue.add(keyOf(rs));
        return;
      }
      enqueueMatching(pod);
    },
    update: (old, cur) => {
      if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
      const labelChanged = !deepEqual(old.metadata.labels, cur.metadata.labels);
      if (cur.metadata.deletionTimestamp) {
        podDeleted(cur);
        if (labelChanged) podDeleted(old);
        return;
      }
      const curRef = controllerRef(cur);
      const oldRef = controllerRef(old);
      const refChanged = !deepEqual(curRef, oldRef);
      if (refChanged && oldRef) podDeleted(old);
      if (curRef) {
        const rs = resolve(cur.metadata.namespace, curRef);
        if (!rs) return;
        queue.add(keyOf(rs));
        // A pod that just became ready turns available after minReadySeconds: look again then (+1s skew, as upstream).
        const minReady = rs.spec?.minReadySeconds ?? 0;
        if (!isPodReady(old) && isPodReady(cur) && minReady > 0) queue.addAfter(keyOf(rs), (minReady + 1) * 1000);
        return;
      }
      if (labelChanged || refChanged) enqueueMatching(cur);
    },
    delete: podDeleted,
  };
  podInf.addEventHandler(podHandlers);
  rsInf.addEventHandler({
    add: (rs) => queue.add(keyOf(rs)),
    update: (_old, rs) => queue.add(keyOf(rs)),
    delete: (rs) => queue.add(keyOf(rs)),
  });

  // ------------------------------------------------------------------ reconcile

  function reconcile(key: string): void | { requeueAfter: number } {
    const rs = rsInf.get(key);
    if (!rs) return;
    const selector = trySelector(rs);
    if (!selector) return; // an invalid selector matches nothing; validation normally prevents it
    const active = claimPods(rs, selector);
    let manageErr: unknown;
    if (!rs.metadata.deletionTimestamp) manageErr = manageReplicas(active, rs);
    const status = calculateStatus(rs, active, manageErr);
    if (!deepEqual(rs.status ?? {}, status)) {
      api.updateStatus({ apiVersion: rs.apiVersion, kind: rs.kind, metadata: rs.metadata, status }, { user: NAME });
    }
    if (manageErr !== undefined) throw manageErr;
    const next = nextAvailability(rs, active);
    return next === undefined ? undefined : { requeueAfter: next - ctx.clock.now() };
  }

  /**
   * When the next ready pod turns available. Upstream requeues minReadySeconds after a sync and
   * minReadySeconds+1s after a pod turns ready, and relies on sub-second skew for the strict
   * comparison to pass; simulated times often fall on whole seconds, so look again at the exact instant.
   */
  function nextAvailability(rs: ReplicaSetObj, active: PodObj[]): number | undefined {
    const minReady = rs.spec?.minReadySeconds ?? 0;
    if (minReady <= 0) return undefined;
    const now = ctx.clock.now();
    let next: number | undefined;
    for (const pod of active) {
      if (isPodAvailable(pod, minReady, now)) continue;
      const t = podReadyTime(pod);
      if (t === undefined) continue;
      const at = t + minReady * 1000 + 1;
      if (next === undefined || at < next) next = at;
    }
    return next;
  }

  /**
   * ClaimPods over the active pods: owned ones that still match are kept, owned ones that do not are
   * released, orphans that match are adopted (unless the ReplicaSet is being deleted).
   */
  function claimPods(rs: ReplicaSetObj, selector: Selector): PodObj[] {
    const claimed: PodObj[] = [];
    const deleting = !!rs.metadata.deletionTimestamp;
    let firstErr: unknown;
    for (const pod of podInf.byIndex(CONTROLLER_UID_INDEX, rs.metadata.uid)) {
      if (!isPodActive(pod)) continue;
      if (selector.matches(pod.metadata.labels ?? {})) claimed.push(pod);
      else if (!deleting) firstErr ??= release(rs, pod, selector);
    }
    if (deleting) return claimed;
    let canAdopt: boolean | undefined;
    for (const pod of podInf.byIndex(ORPHAN_INDEX, rs.metadata.namespace ?? '')) {
      if (!isPodActive(pod) || !selector.matches(pod.metadata.labels ?? {})) continue;
      // RecheckDeletionTimestamp: a fresh read before the first adoption.
      canAdopt ??= (() => {
        const fresh = api.tryGet<ReplicaSetObj>('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
        return !!fresh && fresh.metadata.uid === rs.metadata.uid && !fresh.metadata.deletionTimestamp;
      })();
      if (!canAdopt) break;
      const adopted = adopt(rs, pod, selector);
      if (adopted instanceof Error) firstErr ??= adopted;
      else if (adopted) claimed.push(adopted);
    }
    if (firstErr !== undefined) throw firstErr;
    return claimed;
  }

  function adopt(rs: ReplicaSetObj, pod: PodObj, selector: Selector): PodObj | Error | undefined {
    const next = clone(pod);
    next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), ownerRefTo(rs as KubeObject)];
    try {
      const out = api.update<PodObj>(next as ObjectInput, { user: NAME });
      note(rs, `adopted pod ${pod.metadata.name}: it had no controller and its labels match the selector ${selector.toString()}`);
      return out;
    } catch (e) {
      if (isStatusError(e, 'NotFound')) return undefined;
      return e instanceof Error ? e : new Error(String(e));
    }
  }

  function release(rs: ReplicaSetObj, pod: PodObj, selector: Selector): unknown {
    const next = clone(pod);
    next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid);
    try {
      api.update(next as ObjectInput, { user: NAME });
      note(rs, `released pod ${pod.metadata.name}: its labels no longer match the selector ${selector.toString()}`);
      return undefined;
    } catch (e) {
      return isStatusError(e, 'NotFound') ? undefined : e;
    }
  }

  function manageReplicas(active: PodObj[], rs: ReplicaSetObj): unknown {
    const want = replicasOf(rs);
    const diff = active.length - want;
    if (diff < 0) {
      const n = Math.min(-diff, BURST_REPLICAS);
      const capped = n < -diff ? ` (at most ${BURST_REPLICAS} per sync)` : '';
      note(rs, `has ${active.length} of ${want} pods, creating ${n}${capped}`);
      const { successes, error } = slowStartBatch(n, 1, () => createPod(rs));
      if (error !== undefined) {
        note(rs, `created ${successes} of ${n} pods, then stopped: ${message(error)}`);
      }
      return error;
    }
    if (diff > 0) {
      const n = Math.min(diff, BURST_REPLICAS);
      const victims = podsToDelete(active, relatedPods(rs), n, ctx.clock.now());
      const names = victims.slice(0, 10).map((p) => `${p.metadata.name} (${describeForDeletion(p)})`).join(', ');
      const more = victims.length > 10 ? `, and ${victims.length - 10} more` : '';
      note(rs, `has ${active.length} of ${want} pods, deleting ${n}: ${names}${more}`);
      let first: unknown;
      for (const pod of victims) {
        const err = deletePod(rs, pod);
        if (err !== undefined) first ??= err;
      }
      return first;
    }
    return undefined;
  }

  function createPod(rs: ReplicaSetObj): unknown {
    const pod = podFromTemplate(rs);
    if (!Object.keys(pod.metadata?.labels ?? {}).length) return new Error('unable to create pods, no labels');
    try {
      const created = api.create<PodObj>(pod, { user: NAME });
      recorder.event(rs as KubeObject, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
      return undefined;
    } catch (e) {
      // A terminating namespace refuses every create: nothing to report or retry (upstream returns nil).
      if (hasCause(e, 'NamespaceTerminating')) return undefined;
      recorder.event(rs as KubeObject, 'Warning', 'FailedCreate', `Error creating: ${message(e)}`);
      return e;
    }
  }

  function deletePod(rs: ReplicaSetObj, pod: PodObj): unknown {
    try {
      api.delete('Pod', pod.metadata.namespace, pod.metadata.name, { user: NAME });
      recorder.event(rs as KubeObject, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      return undefined;
    } catch (e) {
      if (isStatusError(e, 'NotFound')) return undefined;
      recorder.event(rs as KubeObject, 'Warning', 'FailedDelete', `Error deleting: ${message(e)}`);
      return new Error(`unable to delete pods: ${message(e)}`);
    }
  }

  /** Pods of every ReplicaSet with the same controller (a Deployment's revisions), for the doubled-up rank. */
  function relatedPods(rs: ReplicaSetObj): PodObj[] {
    const ref = controllerRef(rs);
    if (!ref) return [];
    const out: PodObj[] = [];
    for (const sibling of rsInf.byIndex(CONTROLLER_UID_INDEX, ref.uid)) {
      for (const p of podInf.byIndex(CONTROLLER_UID_INDEX, sibling.metadata.uid)) out.push(p);
    }
    return out;
  }

  function calculateStatus(rs: ReplicaSetObj, active: PodObj[], manageErr: unknown): ReplicaSetStatus {
    const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const now = ctx.clock.now();
    let fully = 0;
    let ready = 0;
    let available = 0;
    for (const pod of active) {
      if (matchesTemplate(pod, templateLabels)) fully++;
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
      }
    }
    let conditions: ReplicaSetCondition[] = [...(rs.status?.conditions ?? [])];
    const failure = conditions.find((c) => c.type === 'ReplicaFailure');
    if (manageErr !== undefined && !failure) {
      const diff = active.length - replicasOf(rs);
      const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
      conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(now), reason, message: message(manageErr) });
    } else if (manageErr === undefined && failure) {
      conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
    }
    // The JSON shape of ReplicaSetStatus: `replicas` always, the other counts omitted when zero.
    const status: ReplicaSetStatus = { replicas: active.length };
    if (fully) status.fullyLabeledReplicas = fully;
    if (ready) status.readyReplicas = ready;
    if (available) status.availableReplicas = available;
    if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
    if (conditions.length) status.conditions = conditions;
    return status;
  }
}
