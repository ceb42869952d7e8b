import type { ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import { isStatusError } from '../api/errors';
import type { KubeObject, ObjectInput } from '../api/types';
import { clone, controllerRef, deepEqual, keyOf, ownerRefTo } from '../api/types';
import type { Selector } from '../apimachinery/labels';
import { isDNS1123Subdomain, maskTrailingDash } from '../apimachinery/validation';
import { rfc3339 } from '../clock';
import type { ClusterContext } from '../cluster';
import type { EventHandlers } from './runtime';
import type { ReplicaSetObj } from './replicaset-informers';
import { CONTROLLER_UID_INDEX, NAMESPACE_INDEX, ORPHAN_INDEX, replicasOf, trySelector, workloadInformers } from './replicaset-informers';
import type { PodObj } from './replicaset-pods';
import { describeForDeletion, isPodActive, isPodReady } from './replicaset-pods';
import type { Tally } from './replicaset-tally';
import { PodTallies } from './replicaset-tally';

/**
 * The ReplicaSet controller (k/k pkg/controller/replicaset): keeps spec.replicas active pods that
 * match the selector, adopting orphans and releasing pods whose labels stopped matching (ClaimPods),
 * creating from the template in slow-start batches and deleting the cheapest pods first, at most 500
 * of either per sync; then writes the counts into status.
 *
 * Expectations are not needed here: the informers see every write before the next reconcile runs.
 */
export type { ReplicaSetObj };

const NAME = 'replicaset-controller';
/** BurstReplicas: the most pods one sync creates or deletes. */
export const BURST_REPLICAS = 500;

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

export function startReplicaSetController(ctx: ClusterContext): void {
  const { api, trace } = ctx;
  const { pods: podInf, replicaSets: rsInf } = workloadInformers(ctx);
  const recorder = ctx.recorder({ component: NAME });
  const queue = ctx.manager.register({ name: NAME, reconcile: (key) => reconcile(key) });
  const tallies = new PodTallies(podInf, CONTROLLER_UID_INDEX);

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
      if (trySelector(rs, ctx)?.matches(pod.metadata.labels ?? {})) queue.add(keyOf(rs));
    }
  };
  const podDeleted = (pod: PodObj) => {
    const ref = controllerRef(pod);
    const rs = ref && resolve(pod.metadata.namespace, ref);
    if (rs) queue.add(keyOf(rs));
  };
  const podHandlers: EventHandlers<PodObj> = {
    add: (pod) => {
      tallies.observe(undefined, pod);
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
      tallies.observe(old, cur);
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
    delete: (pod) => {
      tallies.observe(pod, undefined);
      podDeleted(pod);
    },
  };
  podInf.addEventHandler(podHandlers);
  rsInf.addEventHandler({
    add: (rs) => queue.add(keyOf(rs)),
    update: (_old, rs) => queue.add(keyOf(rs)),
    delete: (rs) => {
      tallies.forget(rs.metadata.uid);
      queue.add(keyOf(rs));
    },
  });

  // ------------------------------------------------------------------ reconcile

  function reconcile(key: string): void | { requeueAfter: number } {
    const rs = rsInf.get(key);
    if (!rs) return;
    const selector = trySelector(rs, ctx);
    if (!selector) return; // an invalid selector matches nothing; validation normally prevents it
    const tally = tallies.for(rs, selector);
    claimPods(rs, selector, tally);
    // The status counts the pods as they were before this sync's creates and deletes, as upstream does.
    const counts = countPods(rs, tally);
    let manageErr: unknown;
    if (!rs.metadata.deletionTimestamp) manageErr = manageReplicas(tally, rs);
    const status = calculateStatus(rs, counts, manageErr);
    if (!deepEqual(rs.status ?? {}, status)) {
      api.updateStatus({ apiVersion: rs.apiVersion, kind: rs.kind, metadata: rs.metadata, status }, { user: NAME });
    }
    if (manageErr !== undefined) throw manageErr;
    return counts.nextAvailable === undefined ? undefined : { requeueAfter: counts.nextAvailable - ctx.clock.now() };
  }

  /**
   * The counts for status, and when the next ready pod turns available. Upstream requeues
   * minReadySeconds after a sync and minReadySeconds+1s after a pod turns ready, and relies on
   * sub-second skew for the strict comparison to pass; simulated times often fall on whole seconds,
   * so look again at the exact instant.
   */
  function countPods(rs: ReplicaSetObj, tally: Tally): { replicas: number; fully: number; ready: number; available: number; nextAvailable?: number } {
    const counts = { replicas: tally.claimed, fully: tally.fully, ready: tally.ready, available: tally.ready };
    const minReady = rs.spec?.minReadySeconds ?? 0;
    if (minReady <= 0 || tally.ready === 0) return counts;
    const now = ctx.clock.now();
    let available = 0;
    let next: number | undefined;
    for (const t of tally.readyTimes()) {
      if (t !== undefined && t + minReady * 1000 < now) available++;
      else if (t !== undefined && (next === undefined || t + minReady * 1000 + 1 < next)) next = t + minReady * 1000 + 1;
    }
    return { ...counts, available, ...(next !== undefined ? { nextAvailable: next } : {}) };
  }

  /**
   * ClaimPods: owned pods whose labels stopped matching are released, orphans that match are adopted
   * (unless the ReplicaSet is being deleted). Only active pods take part. The tally follows the writes.
   */
  function claimPods(rs: ReplicaSetObj, selector: Selector, tally: Tally): void {
    if (rs.metadata.deletionTimestamp) return;
    let firstErr: unknown;
    for (const pod of [...tally.mismatched.values()]) firstErr ??= release(rs, pod, selector);
    let canAdopt: boolean | undefined;
    for (const pod of podInf.byIndex(ORPHAN_INDEX, rs.metadata.namespace ?? '')) {
      if (!isPodActive(pod) || !selector.matches(pod.metadata.labels ?? {})) continue;
      // RecheckDeletionTimestamp: a fresh read before the first adoption.
      canAdopt ??= (() => {
        const fresh = api.tryGet<ReplicaSetObj>('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
        return !!fresh && fresh.metadata.uid === rs.metadata.uid && !fresh.metadata.deletionTimestamp;
      })();
      if (!canAdopt) break;
      firstErr ??= adopt(rs, pod, selector);
    }
    if (firstErr !== undefined) throw firstErr;
  }

  function adopt(rs: ReplicaSetObj, pod: PodObj, selector: Selector): unknown {
    const next = clone(pod);
    next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), ownerRefTo(rs as KubeObject)];
    try {
      api.update<PodObj>(next as ObjectInput, { user: NAME });
      note(rs, `adopted pod ${pod.metadata.name}: it had no controller and its labels match the selector ${selector.toString()}`);
      return undefined;
    } catch (e) {
      return isStatusError(e, 'NotFound') ? undefined : e;
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

  function manageReplicas(tally: Tally, rs: ReplicaSetObj): unknown {
    const want = replicasOf(rs);
    const count = tally.claimed;
    const diff = count - want;
    if (diff < 0) {
      const n = Math.min(-diff, BURST_REPLICAS);
      const capped = n < -diff ? ` (at most ${BURST_REPLICAS} per sync)` : '';
      note(rs, `has ${count} of ${want} pods, creating ${n}${capped}`);
      const { successes, error } = slowStartBatch(n, 1, () => createPod(rs));
      if (error !== undefined) {
        note(rs, `created ${successes} of ${n} pods, then stopped: ${message(error)}`);
      }
      return error;
    }
    if (diff > 0) {
      const n = Math.min(diff, BURST_REPLICAS);
      const victims = tally.victims(n, relatedPerNode(rs), ctx.clock.now());
      const names = victims.slice(0, 10).map((p) => `${p.metadata.name} (${describeForDeletion(p)})`).join(', ');
      const more = victims.length > 10 ? `, and ${victims.length - 10} more` : '';
      note(rs, `has ${count} of ${want} pods, deleting ${n}: ${names}${more}`);
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

  /**
   * Ranks come from this: active pods per node owned by any ReplicaSet with the same controller (a
   * Deployment's revisions), from the tallies; none when the ReplicaSet has no controller.
   */
  function relatedPerNode(rs: ReplicaSetObj): Map<string, number> {
    const ref = controllerRef(rs);
    const out = new Map<string, number>();
    if (!ref) return out;
    for (const sibling of rsInf.byIndex(CONTROLLER_UID_INDEX, ref.uid)) {
      const s = trySelector(sibling, ctx);
      if (!s) continue;
      for (const [node, n] of tallies.for(sibling, s).nodes) out.set(node, (out.get(node) ?? 0) + n);
    }
    return out;
  }

  function calculateStatus(rs: ReplicaSetObj, counts: { replicas: number; fully: number; ready: number; available: number }, manageErr: unknown): ReplicaSetStatus {
    let conditions: ReplicaSetCondition[] = [...(rs.status?.conditions ?? [])];
    const failure = conditions.find((c) => c.type === 'ReplicaFailure');
    if (manageErr !== undefined && !failure) {
      const diff = counts.replicas - replicasOf(rs);
      const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
      conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(ctx.clock.now()), reason, message: message(manageErr) });
    } else if (manageErr === undefined && failure) {
      conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
    }
    // The JSON shape of ReplicaSetStatus: `replicas` always, the other counts omitted when zero.
    const status: ReplicaSetStatus = { replicas: counts.replicas };
    if (counts.fully) status.fullyLabeledReplicas = counts.fully;
    if (counts.ready) status.readyReplicas = counts.ready;
    if (counts.available) status.availableReplicas = counts.available;
    if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
    if (conditions.length) status.conditions = conditions;
    return status;
  }
}
