import type { DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ApiServer } from '../api/apiserver';
import { isStatusError } from '../api/errors';
import type { KubeObject, ObjectInput } from '../api/types';
import { clone, keyOf, ownerRefTo } from '../api/types';
import { computeHash } from '../apimachinery/hash';
import type { ClusterContext } from '../cluster';
import type { EventRecorder } from '../events';
import type { Informer, WorkQueue } from './runtime';
import { replicasAnnotationsNeedUpdate, setNewReplicaSetAnnotations, setReplicasAnnotations } from './deployment-annotations';
import type { DeploymentObj } from './deployment-util';
import {
  activeReplicaSets,
  actualReplicaCount,
  availableReplicaCount,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  desiredReplicasAnnotation,
  equalIgnoreHash,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getCondition,
  getProportion,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  MAX_REV_HISTORY_CHARS,
  maxRevision,
  maxSurgeOf,
  maxUnavailableOf,
  newCondition,
  newRSNewReplicas,
  POD_TEMPLATE_HASH,
  readyReplicaCount,
  Reasons,
  replicaCount,
  replicasOfDeployment,
  REVISION_ANNOTATION,
  revisionHistoryLimit,
  revisionOf,
  rsReplicas,
  sameStatus,
  setCondition,
  setDeploymentRevision,
} from './deployment-util';
import type { ReplicaSetObj } from './replicaset';
import type { PodObj } from './replicaset-pods';

/**
 * The Deployment controller's shared machinery (k/k pkg/controller/deployment/sync.go): finding and
 * creating the new ReplicaSet, syncing revisions, scaling with events, proportional scaling, history
 * cleanup and the status. The strategies (deployment-rolling.ts, deployment-recreate.ts) and the
 * progress check (deployment-progress.ts) are built on it.
 *
 * `d` is always the reconcile's private copy of the Deployment; writes refresh its resourceVersion so
 * one reconcile can write several times, where upstream would hit a conflict and retry.
 */
export const NAME = 'deployment-controller';

export class DeploymentController {
  readonly api: ApiServer;
  readonly recorder: EventRecorder;
  private readonly waits = new Map<string, string>();

  constructor(
    readonly ctx: ClusterContext,
    readonly deployments: Informer<DeploymentObj>,
    readonly replicaSets: Informer<ReplicaSetObj>,
    readonly pods: Informer<PodObj>,
    readonly queue: WorkQueue,
  ) {
    this.api = ctx.api;
    this.recorder = ctx.recorder({ component: NAME });
  }

  now(): number {
    return this.ctx.clock.now();
  }

  /** Records a decision in the trace; a decision (not an observation) makes the next wait worth telling again. */
  note(d: DeploymentObj, message: string, decision = true): void {
    if (decision) this.waits.delete(keyOf(d));
    this.ctx.trace.record({
      component: 'kube-controller-manager',
      actor: NAME,
      message,
      ref: { kind: 'Deployment', namespace: d.metadata.namespace, name: d.metadata.name },
    });
  }

  /** Records why nothing happened, once per distinct reason (reconciles repeat on every status change). */
  waiting(d: DeploymentObj, message: string): void {
    const key = keyOf(d);
    if (this.waits.get(key) === message) return;
    this.note(d, message, false);
    this.waits.set(key, message);
  }

  forget(key: string): void {
    this.waits.delete(key);
  }

  event(d: DeploymentObj, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.recorder.event(d as KubeObject, type, reason, message);
  }

  /** UpdateStatus: the Deployment status strategy keeps the request's annotations (the revision), without a generation bump. */
  writeStatus(d: DeploymentObj): void {
    const out = this.api.updateStatus<DeploymentObj>(d as ObjectInput, { user: NAME });
    d.metadata.resourceVersion = out.metadata.resourceVersion;
  }

  /** The informer's current copy of each ReplicaSet: earlier steps of this reconcile may have written them. */
  fresh(rsList: readonly ReplicaSetObj[]): ReplicaSetObj[] {
    return rsList.map((rs) => this.replicaSets.get(keyOf(rs)) ?? rs);
  }

  // ------------------------------------------------------------------ new and old ReplicaSets

  /** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked) and all the old ones. */
  getAllReplicaSetsAndSyncRevision(d: DeploymentObj, rsList: readonly ReplicaSetObj[], create: boolean): { newRS: ReplicaSetObj | undefined; oldRSs: ReplicaSetObj[] } {
    const list = this.fresh(rsList);
    const { all: oldRSs } = findOldReplicaSets(d, list);
    const newRS = this.getNewReplicaSet(d, list, oldRSs, create);
    return { newRS, oldRSs };
  }

  /**
   * getNewReplicaSet: an existing ReplicaSet with the Deployment's template gets revision max+1 (which
   * is what makes a rollback's old ReplicaSet the newest revision); otherwise one is created, named
   * `<deployment>-<pod-template-hash>`, sized by NewRSNewReplicas.
   */
  getNewReplicaSet(d: DeploymentObj, rsList: readonly ReplicaSetObj[], oldRSs: readonly ReplicaSetObj[], create: boolean): ReplicaSetObj | undefined {
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = String(maxRevision(oldRSs) + 1);
    const replicas = replicasOfDeployment(d);
    const maxReplicas = replicas + maxSurgeOf(d);
    const minReady = d.spec?.minReadySeconds ?? 0;
    if (existing) {
      const copy = clone(existing);
      const before = revisionOf(existing);
      const changed = setNewReplicaSetAnnotations(d, copy, newRevision, true, MAX_REV_HISTORY_CHARS, replicas, maxReplicas);
      if (changed || (copy.spec?.minReadySeconds ?? 0) !== minReady) {
        const spec = (copy.spec ??= { selector: {} });
        if (minReady) spec.minReadySeconds = minReady;
        else delete spec.minReadySeconds;
        if (before && revisionOf(copy) !== before) {
          this.note(d, `${keyOf(d)}: ReplicaSet ${existing.metadata.name} has the Deployment's template again, so it becomes revision ${revisionOf(copy) ?? '?'} (was ${before})`);
        }
        return this.api.update<ReplicaSetObj>(copy as ObjectInput, { user: NAME });
      }
      let needsUpdate = setDeploymentRevision(d, copy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
      if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
        setCondition((d.status ??= {}), newCondition('Progressing', 'True', Reasons.FoundNewRS, `Found new replica set "${copy.metadata.name}"`, this.now()));
        needsUpdate = true;
      }
      if (needsUpdate) this.writeStatus(d);
      return existing;
    }
    if (!create) return undefined;
    return this.createNewReplicaSet(d, oldRSs, newRevision, replicas, maxReplicas, minReady);
  }

  private createNewReplicaSet(d: DeploymentObj, oldRSs: readonly ReplicaSetObj[], newRevision: string, replicas: number, maxReplicas: number, minReady: number): ReplicaSetObj {
    const template = clone(d.spec?.template ?? {});
    const hash = computeHash(template, d.status?.collisionCount);
    const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash };
    (template.metadata ??= {}).labels = labels;
    const selector = clone(d.spec?.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
    const name = `${d.metadata.name}-${hash}`;
    const rs: ReplicaSet & { metadata: { annotations?: Record<string, string> } } = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: d.metadata.namespace, labels: { ...labels }, ownerReferences: [ownerRefTo(d as KubeObject)] },
      spec: { replicas: 0, ...(minReady ? { minReadySeconds: minReady } : {}), selector, template },
    };
    const count = newRSNewReplicas(d, oldRSs, rs as ReplicaSetObj);
    rs.spec!.replicas = count;
    setNewReplicaSetAnnotations(d, rs, newRevision, false, MAX_REV_HISTORY_CHARS, replicas, maxReplicas);
    let created: ReplicaSetObj;
    let alreadyExists = false;
    try {
      created = this.api.create<ReplicaSetObj>(rs as ObjectInput, { user: NAME });
    } catch (e) {
      if (isStatusError(e, 'AlreadyExists')) {
        const found = this.replicaSets.getByName(d.metadata.namespace, name);
        const ref = found?.metadata.ownerReferences?.find((r) => r.controller);
        if (!found || !(ref?.uid === d.metadata.uid && equalIgnoreHash(d.spec?.template, found.spec?.template))) {
          const status = (d.status ??= {});
          status.collisionCount = (status.collisionCount ?? 0) + 1;
          this.note(d, `${keyOf(d)}: ReplicaSet ${name} already exists with another template (a hash collision): collisionCount becomes ${status.collisionCount}, giving a new hash`);
          this.writeStatus(d);
          throw e;
        }
        created = found;
        alreadyExists = true;
      } else if (isStatusError(e) && e.status.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) {
        throw e; // every create will fail until the namespace is gone: nothing to report
      } else {
        const msg = `Failed to create new replica set "${name}": ${e instanceof Error ? e.message : String(e)}`;
        if (hasProgressDeadline(d)) {
          setCondition((d.status ??= {}), newCondition('Progressing', 'False', Reasons.FailedRSCreate, msg, this.now()));
          try {
            this.writeStatus(d);
          } catch {
            // the bigger problem is the one being reported
          }
        }
        this.event(d, 'Warning', Reasons.FailedRSCreate, msg);
        throw e;
      }
    }
    if (!alreadyExists) {
      this.note(d, `${keyOf(d)}: no ReplicaSet has the current pod template (hash ${hash}), so ReplicaSet ${name} is created as revision ${newRevision} with ${count} replica${count === 1 ? '' : 's'}`);
      if (count > 0) this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${count}`);
    }
    let needsUpdate = setDeploymentRevision(d, newRevision);
    if (!alreadyExists && hasProgressDeadline(d)) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'True', Reasons.NewReplicaSet, `Created new replica set "${name}"`, this.now()));
      needsUpdate = true;
    }
    if (needsUpdate) this.writeStatus(d);
    return created;
  }

  // ------------------------------------------------------------------ scaling

  /** scaleReplicaSetAndRecordEvent: returns the ReplicaSet as stored after the change. */
  scaleAndRecord(rs: ReplicaSetObj, newScale: number, d: DeploymentObj): { scaled: boolean; rs: ReplicaSetObj } {
    if (rsReplicas(rs) === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, d, rsReplicas(rs) < newScale ? 'up' : 'down');
  }

  /** scaleReplicaSet: the new size and the desired/max-replicas annotations in one update, and the event. */
  scaleReplicaSet(rs: ReplicaSetObj, newScale: number, d: DeploymentObj, op: string): { scaled: boolean; rs: ReplicaSetObj } {
    const replicas = replicasOfDeployment(d);
    const max = replicas + maxSurgeOf(d);
    const sizeNeedsUpdate = rsReplicas(rs) !== newScale;
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, replicas, max)) return { scaled: false, rs };
    const oldScale = rsReplicas(rs);
    const copy = clone(rs);
    (copy.spec ??= { selector: {} }).replicas = newScale;
    setReplicasAnnotations(copy, replicas, max);
    const out = this.api.update<ReplicaSetObj>(copy as ObjectInput, { user: NAME });
    if (sizeNeedsUpdate) this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
    return { scaled: sizeNeedsUpdate, rs: out };
  }

  /**
   * scale: a scaling event. One active ReplicaSet takes the whole new size; a saturated new one sends
   * the old ones to 0; mid-rollout, the change is spread over the active ReplicaSets in proportion to
   * their sizes (leftovers to the largest), so a rollout is neither hastened nor slowed by scaling.
   */
  scale(d: DeploymentObj, newRS: ReplicaSetObj | undefined, oldRSs: readonly ReplicaSetObj[]): void {
    const replicas = replicasOfDeployment(d);
    const key = keyOf(d);
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (rsReplicas(activeOrLatest) === replicas) return;
      this.note(d, `${key} scaled to ${replicas}: ReplicaSet ${activeOrLatest.metadata.name} goes from ${rsReplicas(activeOrLatest)} to ${replicas}`);
      this.scaleAndRecord(activeOrLatest, replicas, d);
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of activeReplicaSets(oldRSs)) {
        this.note(d, `${key}: new ReplicaSet ${newRS!.metadata.name} has all ${replicas} replicas available, so old ReplicaSet ${old.metadata.name} goes to 0`);
        this.scaleAndRecord(old, 0, d);
      }
      return;
    }
    if (!isRollingUpdate(d)) return;
    const all = activeReplicaSets([...oldRSs, newRS]);
    const current = replicaCount(all);
    const allowed = replicas > 0 ? replicas + maxSurgeOf(d) : 0;
    const toAdd = allowed - current;
    let op = '';
    if (toAdd > 0) {
      all.sort(bySizeNewer);
      op = 'up';
    } else if (toAdd < 0) {
      all.sort(bySizeOlder);
      op = 'down';
    }
    let added = 0;
    const sizes = all.map((rs) => {
      if (toAdd === 0) return rsReplicas(rs);
      const p = getProportion(rs, d, toAdd, added);
      added += p;
      return rsReplicas(rs) + p;
    });
    if (toAdd !== 0 && sizes.length) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
    const plan = all.map((rs, i) => `${rs.metadata.name} ${rsReplicas(rs)}→${sizes[i]}`).join(', ');
    if (toAdd !== 0) this.note(d, `${key} scaled to ${replicas} during a rollout: ${toAdd > 0 ? '+' : ''}${toAdd} replicas spread in proportion over the active ReplicaSets (${plan})`);
    all.forEach((rs, i) => this.scaleReplicaSet(rs, sizes[i]!, d, op));
  }

  /** isScalingEvent: an active ReplicaSet was sized for a different spec.replicas (its desired-replicas annotation). */
  isScalingEvent(d: DeploymentObj, rsList: readonly ReplicaSetObj[]): boolean {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    for (const rs of activeReplicaSets([...oldRSs, newRS])) {
      const desired = desiredReplicasAnnotation(rs);
      if (desired !== undefined && desired !== replicasOfDeployment(d)) return true;
    }
    return false;
  }

  /** cleanupDeployment: deletes the oldest surplus ReplicaSets past revisionHistoryLimit, only those already at 0. */
  cleanupDeployment(oldRSs: readonly ReplicaSetObj[], d: DeploymentObj): void {
    if (!hasRevisionHistoryLimit(d)) return;
    const limit = revisionHistoryLimit(d);
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(byRevision);
    const diff = cleanable.length - limit;
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i]!;
      if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      this.note(d, `${keyOf(d)}: deleting old ReplicaSet ${rs.metadata.name} (revision ${revisionOf(rs) ?? '?'}): revisionHistoryLimit is ${limit} and there are ${cleanable.length} old ReplicaSets`);
      try {
        this.api.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name, { user: NAME });
      } catch (e) {
        if (!isStatusError(e, 'NotFound')) throw e;
      }
    }
  }

  // ------------------------------------------------------------------ status

  /** calculateStatus: the counts from the ReplicaSets' statuses, and the Available condition. */
  calculateStatus(allRSs: ReadonlyArray<ReplicaSetObj | undefined>, newRS: ReplicaSetObj | undefined, d: DeploymentObj): DeploymentStatus {
    const available = availableReplicaCount(allRSs);
    const total = replicaCount(allRSs);
    const unavailable = Math.max(0, total - available);
    // Every count is omitempty in DeploymentStatus's JSON, so zeros are left out.
    const fields: Array<[keyof DeploymentStatus, number]> = [
      ['observedGeneration', d.metadata.generation ?? 0],
      ['replicas', actualReplicaCount(allRSs)],
      ['updatedReplicas', actualReplicaCount([newRS])],
      ['readyReplicas', readyReplicaCount(allRSs)],
      ['availableReplicas', available],
      ['unavailableReplicas', unavailable],
    ];
    const status: DeploymentStatus = {};
    for (const [k, v] of fields) if (v) (status as Record<string, number>)[k] = v;
    if (d.status?.conditions?.length) status.conditions = d.status.conditions.map((c) => ({ ...c }));
    if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
    const now = this.now();
    if (available >= replicasOfDeployment(d) - maxUnavailableOf(d)) {
      setCondition(status, newCondition('Available', 'True', Reasons.MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
    } else {
      setCondition(status, newCondition('Available', 'False', Reasons.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
    }
    return status;
  }

  /** syncDeploymentStatus: writes the status when it changed. */
  syncDeploymentStatus(allRSs: ReadonlyArray<ReplicaSetObj | undefined>, newRS: ReplicaSetObj | undefined, d: DeploymentObj): void {
    const status = this.calculateStatus(allRSs, newRS, d);
    if (sameStatus(d.status, status)) return;
    d.status = status;
    this.writeStatus(d);
  }
}
