import { isStatusError } from '../api/errors';
import type { KubeObject, ObjectInput } from '../api/types';
import { clone, controllerRef, deepEqual, keyOf, ownerRefTo } from '../api/types';
import type { Selector } from '../apimachinery/labels';
import type { ClusterContext } from '../cluster';
import type { Indexer, ReconcileResult } from './runtime';
import { byNamespace } from './runtime';
import { rolloutRecreate } from './deployment-recreate';
import type { PodMap } from './deployment-recreate';
import { getRollbackTo, rollback } from './deployment-rollback';
import { rolloutRolling } from './deployment-rolling';
import { DeploymentController, NAME } from './deployment-sync';
import type { DeploymentObj } from './deployment-util';
import { getCondition, hasProgressDeadline, newCondition, Reasons, setCondition, strategyType } from './deployment-util';
import type { ReplicaSetObj } from './replicaset';
import { CONTROLLER_UID_INDEX, NAMESPACE_INDEX, selectorOf, workloadInformers } from './replicaset-informers';
import type { PodObj } from './replicaset-pods';

/**
 * The Deployment controller (k/k pkg/controller/deployment/deployment_controller.go): claims the
 * ReplicaSets its selector matches, then, in upstream's order of precedence, handles a Deployment
 * being deleted (status only), paused (scaling only), rolled back (deprecated annotation), scaled
 * (proportional scaling), or else rolls out with its strategy.
 *
 * @example
 * startReplicaSetController(ctx);
 * startDeploymentController(ctx);
 * ctx.api.create(deployment, { namespace: 'default' }); // a ReplicaSet `web-<hash>` follows
 */
export function startDeploymentController(ctx: ClusterContext): void {
  const { pods, replicaSets } = workloadInformers(ctx);
  const deployments = ctx.informers.for<DeploymentObj>('Deployment');
  deployments.addIndexer(NAMESPACE_INDEX, byNamespace as Indexer<DeploymentObj>);
  let syncing: string | undefined;
  const queue = ctx.manager.register({
    name: NAME,
    reconcile: (key) => {
      syncing = key;
      try {
        return syncDeployment(key);
      } finally {
        syncing = undefined;
      }
    },
  });
  const dc = new DeploymentController(ctx, deployments, replicaSets, pods, queue);
  const deferred = new Set<string>();
  /**
   * A Deployment's own writes wake it again; that next look waits until the controllers already woken
   * at this instant have run (as they would, in milliseconds, in a real cluster), so that the
   * ReplicaSet controller deletes an old pod before the Deployment grows the new ReplicaSet.
   */
  const enqueue = (key: string) => {
    if (key !== syncing) return queue.add(key);
    if (deferred.has(key)) return;
    deferred.add(key);
    ctx.clock.setTimeout(() => {
      deferred.delete(key);
      queue.add(key);
    }, 0, `${NAME}: look again at ${key}`);
  };

  // ------------------------------------------------------------------ event handlers

  const resolve = (namespace: string | undefined, ref: { kind: string; name: string; uid: string } | undefined) => {
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = deployments.getByName(namespace, ref.name);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  };
  const enqueueOwner = (rs: ReplicaSetObj) => {
    const d = resolve(rs.metadata.namespace, controllerRef(rs));
    if (d) enqueue(keyOf(d));
  };
  const enqueueMatching = (rs: ReplicaSetObj) => {
    for (const d of deployments.byIndex(NAMESPACE_INDEX, rs.metadata.namespace ?? '')) {
      if (matches(d, rs)) enqueue(keyOf(d));
    }
  };
  deployments.addEventHandler({
    add: (d) => enqueue(keyOf(d)),
    update: (_old, d) => enqueue(keyOf(d)),
    delete: (d) => {
      dc.forget(keyOf(d));
      enqueue(keyOf(d));
    },
  });
  replicaSets.addEventHandler({
    add: (rs) => {
      if (controllerRef(rs)) enqueueOwner(rs);
      else if (!rs.metadata.deletionTimestamp) enqueueMatching(rs);
    },
    update: (old, rs) => {
      if (old.metadata.resourceVersion === rs.metadata.resourceVersion) return;
      const oldRef = controllerRef(old);
      const curRef = controllerRef(rs);
      const refChanged = !deepEqual(oldRef, curRef);
      if (refChanged && oldRef) enqueueOwner(old);
      if (curRef) return enqueueOwner(rs);
      if (refChanged || !deepEqual(old.metadata.labels, rs.metadata.labels)) enqueueMatching(rs);
    },
    delete: enqueueOwner,
  });
  // A Recreate rollout waits for the last old pod to be gone: its deletion is the signal.
  pods.addEventHandler({
    delete: (pod) => {
      const d = deploymentForPod(pod);
      if (!d || strategyType(d) !== 'Recreate') return;
      let n = 0;
      for (const list of podMapFor(d, replicaSets.byIndex(CONTROLLER_UID_INDEX, d.metadata.uid)).values()) n += list.length;
      if (n === 0) enqueue(keyOf(d));
    },
  });

  function deploymentForPod(pod: PodObj): DeploymentObj | undefined {
    const ref = controllerRef(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = replicaSets.getByName(pod.metadata.namespace, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    return resolve(rs.metadata.namespace, controllerRef(rs));
  }

  function matches(d: DeploymentObj, rs: ReplicaSetObj): boolean {
    try {
      const s = selectorOf(d, ctx);
      return !s.isEmpty() && s.matches(rs.metadata.labels ?? {});
    } catch {
      return false;
    }
  }

  // ------------------------------------------------------------------ reconcile

  function syncDeployment(key: string): ReconcileResult {
    const stored = deployments.get(key);
    if (!stored) {
      dc.forget(key);
      return undefined;
    }
    const d = clone(stored) as DeploymentObj;
    // The stored template is immutable and nothing here edits it in place: sharing it keeps its cached canonical form.
    if (d.spec && stored.spec) d.spec.template = stored.spec.template;
    let selector: Selector;
    try {
      selector = selectorOf(stored, ctx);
    } catch {
      return undefined; // validation rejects invalid selectors
    }
    if (selector.isEmpty()) {
      dc.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        (d.status ??= {}).observedGeneration = d.metadata.generation;
        dc.writeStatus(d);
      }
      return undefined;
    }
    const rsList = claimReplicaSets(d, selector);
    if (d.metadata.deletionTimestamp) return syncStatusOnly(d, rsList);
    checkPausedConditions(d);
    if (d.spec?.paused) return sync(d, rsList);
    const rollbackTo = getRollbackTo(d);
    if (rollbackTo !== undefined) return rollback(dc, d, rsList, rollbackTo);
    if (dc.isScalingEvent(d, rsList)) return sync(d, rsList);
    if (strategyType(d) === 'Recreate') return rolloutRecreate(dc, d, rsList, podMapFor(d, rsList));
    if (strategyType(d) === 'RollingUpdate') return rolloutRolling(dc, d, rsList);
    throw new Error(`unexpected deployment strategy type: ${strategyType(d)}`);
  }

  /** sync: scaling (and history cleanup while paused) without rollout progress. */
  function sync(d: DeploymentObj, rsList: readonly ReplicaSetObj[]): ReconcileResult {
    const { newRS, oldRSs } = dc.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    dc.scale(d, newRS, oldRSs);
    if (d.spec?.paused && getRollbackTo(d) === undefined) {
      dc.cleanupDeployment(oldRSs, d);
      if (!newRS) dc.waiting(d, `${keyOf(d)} is paused: its new pod template is not rolled out until it is resumed (kubectl rollout resume)`);
    }
    dc.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
    return undefined;
  }

  function syncStatusOnly(d: DeploymentObj, rsList: readonly ReplicaSetObj[]): ReconcileResult {
    const { newRS, oldRSs } = dc.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    dc.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
    return undefined;
  }

  /**
   * checkPausedConditions: Progressing=Unknown with DeploymentPaused / DeploymentResumed, so that time
   * spent paused never counts against progressDeadlineSeconds. A timed-out condition is kept.
   */
  function checkPausedConditions(d: DeploymentObj): void {
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === Reasons.TimedOut) return;
    const pausedCond = cond?.reason === Reasons.Paused;
    const now = ctx.clock.now();
    if (d.spec?.paused && !pausedCond) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'Unknown', Reasons.Paused, 'Deployment is paused', now));
      dc.note(d, `${keyOf(d)} is paused: Progressing=Unknown (DeploymentPaused); scaling still works, rollouts wait`);
    } else if (!d.spec?.paused && pausedCond) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'Unknown', Reasons.Resumed, 'Deployment is resumed', now));
      dc.note(d, `${keyOf(d)} is resumed: Progressing=Unknown (DeploymentResumed); the rollout continues and its deadline counts from now`);
    } else return;
    dc.writeStatus(d);
  }

  /** getReplicaSetsForDeployment: ClaimReplicaSets over the owned ReplicaSets and the namespace's orphans. */
  function claimReplicaSets(d: DeploymentObj, selector: Selector): ReplicaSetObj[] {
    const claimed: ReplicaSetObj[] = [];
    const deleting = !!d.metadata.deletionTimestamp;
    let firstErr: unknown;
    for (const rs of replicaSets.byIndex(CONTROLLER_UID_INDEX, d.metadata.uid)) {
      if (selector.matches(rs.metadata.labels ?? {})) claimed.push(rs);
      else if (!deleting) firstErr ??= setOwner(d, rs, false, selector);
    }
    if (!deleting) {
      let canAdopt: boolean | undefined;
      for (const rs of replicaSets.byIndex(NAMESPACE_INDEX, d.metadata.namespace ?? '')) {
        if (controllerRef(rs) || rs.metadata.deletionTimestamp || !selector.matches(rs.metadata.labels ?? {})) continue;
        canAdopt ??= (() => {
          const fresh = ctx.api.tryGet<DeploymentObj>('Deployment', d.metadata.namespace, d.metadata.name);
          return !!fresh && fresh.metadata.uid === d.metadata.uid && !fresh.metadata.deletionTimestamp;
        })();
        if (!canAdopt) break;
        const err = setOwner(d, rs, true, selector);
        if (err === undefined) claimed.push(replicaSets.get(keyOf(rs)) ?? rs);
        else firstErr ??= err;
      }
    }
    if (firstErr !== undefined) throw firstErr;
    return claimed;
  }

  /** AdoptReplicaSet / ReleaseReplicaSet: add or remove this Deployment's controller reference. */
  function setOwner(d: DeploymentObj, rs: ReplicaSetObj, adopt: boolean, selector: Selector): unknown {
    const next = clone(rs);
    const refs = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid);
    next.metadata.ownerReferences = adopt ? [...refs, ownerRefTo(d as KubeObject)] : refs;
    try {
      ctx.api.update(next as ObjectInput, { user: NAME });
    } catch (e) {
      return isStatusError(e, 'NotFound') ? undefined : e;
    }
    dc.note(
      d,
      adopt
        ? `${keyOf(d)} adopted ReplicaSet ${rs.metadata.name}: it had no controller and its labels match the selector ${selector.toString()}`
        : `${keyOf(d)} released ReplicaSet ${rs.metadata.name}: its labels no longer match the selector ${selector.toString()}`,
    );
    return undefined;
  }

  /** getPodMapForDeployment: the pods of each claimed ReplicaSet that the selector matches, terminating ones included. */
  function podMapFor(d: DeploymentObj, rsList: readonly ReplicaSetObj[]): PodMap {
    const map = new Map<string, PodObj[]>();
    let selector: Selector;
    try {
      selector = selectorOf(d, ctx);
    } catch {
      return map;
    }
    for (const rs of rsList) {
      map.set(rs.metadata.uid, pods.byIndex(CONTROLLER_UID_INDEX, rs.metadata.uid).filter((p) => selector.matches(p.metadata.labels ?? {})));
    }
    return map;
  }
}
