import type { DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1';
import { keyOf } from '../api/types';
import { parseTime } from '../clock';
import type { ReconcileResult } from './runtime';
import type { DeploymentController } from './deployment-sync';
import type { DeploymentObj } from './deployment-util';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  newCondition,
  progressDeadlineSeconds,
  Reasons,
  removeCondition,
  replicaSetToDeploymentCondition,
  sameStatus,
  setCondition,
} from './deployment-util';
import type { ReplicaSetObj } from './replicaset';

/**
 * The rollout's progress (k/k pkg/controller/deployment/progress.go): the Progressing condition moves
 * to NewReplicaSetAvailable when the rollout completes, is refreshed (lastUpdateTime) whenever pods
 * are updated, become ready or available, or old ones go away, and turns False with
 * ProgressDeadlineExceeded once progressDeadlineSeconds pass without any of that. A stuck rollout is
 * looked at again exactly when its deadline falls due.
 */
type MaybeRS = ReplicaSetObj | undefined;

/** syncRolloutStatus: the status during a rollout, with the Progressing and ReplicaFailure conditions. */
export function syncRolloutStatus(dc: DeploymentController, allRSs: readonly MaybeRS[], newRS: MaybeRS, d: DeploymentObj): ReconcileResult {
  const status = dc.calculateStatus(allRSs, newRS, d);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const isComplete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === Reasons.NewRSAvailable;
  const now = dc.now();
  if (hasProgressDeadline(d) && !isComplete) {
    const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (deploymentComplete(d, status)) {
      setCondition(status, newCondition('Progressing', 'True', Reasons.NewRSAvailable, `${subject} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, status)) {
      const c = newCondition('Progressing', 'True', Reasons.ReplicaSetUpdated, `${subject} is progressing.`, now);
      // Progress refreshes lastUpdateTime even with the same reason; lastTransitionTime stays while True.
      if (current) {
        if (current.status === 'True' && current.lastTransitionTime) c.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, c);
    } else if (deploymentTimedOut(d, status, now)) {
      setCondition(status, newCondition('Progressing', 'False', Reasons.TimedOut, `${subject} has timed out progressing.`, now));
    }
  }
  const failure = replicaFailures(allRSs, newRS);
  if (failure) setCondition(status, failure);
  else removeCondition(status, 'ReplicaFailure');

  if (sameStatus(d.status, status)) return requeueStuckDeployment(dc, d, status);
  explainConditions(dc, d, d.status, status);
  d.status = status;
  dc.writeStatus(d);
  return undefined;
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure condition, else the first old one's. */
function replicaFailures(allRSs: readonly MaybeRS[], newRS: MaybeRS): DeploymentCondition | undefined {
  const of = (rs: MaybeRS) => rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  const mine = of(newRS);
  if (mine) return replicaSetToDeploymentCondition(mine);
  for (const rs of allRSs) {
    const c = of(rs);
    if (c) return replicaSetToDeploymentCondition(c);
  }
  return undefined;
}

/**
 * requeueStuckDeployment: with no progress to report, look again when the deadline falls due
 * (lastUpdateTime + progressDeadlineSeconds, plus a second as upstream adds for clock skew).
 */
function requeueStuckDeployment(dc: DeploymentController, d: DeploymentObj, status: DeploymentStatus): ReconcileResult {
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !current) return undefined;
  if (deploymentComplete(d, status) || current.reason === Reasons.TimedOut) return undefined;
  const after = (parseTime(current.lastUpdateTime) ?? 0) + progressDeadlineSeconds(d) * 1000 - dc.now();
  if (after < 1000) {
    dc.queue.addRateLimited(keyOf(d));
    return undefined;
  }
  return { requeueAfter: after + 1000 };
}

/** Tells the trace when a condition changes, in the condition's own words. */
function explainConditions(dc: DeploymentController, d: DeploymentObj, before: DeploymentStatus | undefined, after: DeploymentStatus): void {
  for (const type of ['Available', 'Progressing'] as const) {
    const a = getCondition(before, type);
    const b = getCondition(after, type);
    if (!b || (a && a.status === b.status && a.reason === b.reason)) continue;
    if (type === 'Progressing' && b.reason === Reasons.ReplicaSetUpdated && a?.reason === Reasons.ReplicaSetUpdated) continue;
    let why = b.message ?? '';
    if (b.reason === Reasons.TimedOut) why += ` (no progress for ${progressDeadlineSeconds(d)}s: progressDeadlineSeconds)`;
    dc.note(d, `${keyOf(d)} condition ${type}=${b.status} (${b.reason}): ${why}`, false);
  }
}
