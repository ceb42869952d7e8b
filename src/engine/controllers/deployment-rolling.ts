import { keyOf } from '../api/types';
import type { ReconcileResult } from './runtime';
import { syncRolloutStatus } from './deployment-progress';
import type { DeploymentController } from './deployment-sync';
import type { DeploymentObj } from './deployment-util';
import {
  activeReplicaSets,
  availableReplicaCount,
  byCreationTimestamp,
  deploymentComplete,
  maxSurgeOf,
  maxUnavailableOf,
  newRSNewReplicas,
  replicaCount,
  replicasOfDeployment,
  rsReplicas,
} from './deployment-util';
import type { ReplicaSetObj } from './replicaset';

/**
 * The RollingUpdate strategy (k/k pkg/controller/deployment/rolling.go). Each pass either grows the
 * new ReplicaSet (never past replicas + maxSurge pods in all) or shrinks the old ones (never below
 * replicas - maxUnavailable available pods), then reports progress. Old ReplicaSets' unavailable pods
 * are removed first, since removing them costs no availability.
 */
export function rolloutRolling(dc: DeploymentController, d: DeploymentObj, rsList: readonly ReplicaSetObj[]): ReconcileResult {
  const { newRS, oldRSs } = dc.getAllReplicaSetsAndSyncRevision(d, rsList, true);
  const rs = newRS!;
  const allRSs = [...oldRSs, rs];
  if (reconcileNewReplicaSet(dc, allRSs, rs, d)) return syncRolloutStatus(dc, allRSs, rs, d);
  if (reconcileOldReplicaSets(dc, allRSs, activeReplicaSets(oldRSs), rs, d)) return syncRolloutStatus(dc, allRSs, rs, d);
  if (deploymentComplete(d, d.status ?? {})) dc.cleanupDeployment(oldRSs, d);
  else explainWait(dc, d, allRSs, rs);
  return syncRolloutStatus(dc, allRSs, rs, d);
}

function fenceposts(d: DeploymentObj): string {
  return `maxSurge ${maxSurgeOf(d)}, maxUnavailable ${maxUnavailableOf(d)}`;
}

/** reconcileNewReplicaSet: scale the new ReplicaSet down to replicas, or up as far as the surge allows. */
export function reconcileNewReplicaSet(dc: DeploymentController, allRSs: readonly ReplicaSetObj[], newRS: ReplicaSetObj, d: DeploymentObj): boolean {
  const replicas = replicasOfDeployment(d);
  const current = rsReplicas(newRS);
  if (current === replicas) return false;
  if (current > replicas) {
    dc.note(d, `rolling update of ${keyOf(d)}: new RS ${newRS.metadata.name} scaled down from ${current} to ${replicas}, the desired replicas`);
    return dc.scaleAndRecord(newRS, replicas, d).scaled;
  }
  const target = newRSNewReplicas(d, allRSs, newRS);
  if (target === current) return false;
  const total = replicaCount(allRSs) + target - current;
  dc.note(d, `rolling update of ${keyOf(d)}: new RS ${newRS.metadata.name} scaled up from ${current} to ${target} (maxSurge ${maxSurgeOf(d)}: ${total} of at most ${replicas + maxSurgeOf(d)} pods)`);
  return dc.scaleAndRecord(newRS, target, d).scaled;
}

/**
 * reconcileOldReplicaSets: old ReplicaSets may shrink by allPods - minAvailable - newRSUnavailable
 * (so unavailable new pods never let old ones go), unhealthy replicas first.
 */
export function reconcileOldReplicaSets(dc: DeploymentController, allRSs: readonly ReplicaSetObj[], oldRSs: ReplicaSetObj[], newRS: ReplicaSetObj, d: DeploymentObj): boolean {
  if (replicaCount(oldRSs) === 0) return false;
  const allPods = replicaCount(allRSs);
  const minAvailable = replicasOfDeployment(d) - maxUnavailableOf(d);
  const newUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  let cleaned: { oldRSs: ReplicaSetObj[]; count: number };
  let scaledDown: number;
  try {
    cleaned = cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
    scaledDown = scaleDownOldReplicaSetsForRollingUpdate(dc, [...cleaned.oldRSs, newRS], cleaned.oldRSs, d);
  } catch {
    return false; // upstream swallows these errors: the next pass tries again
  }
  return cleaned.count + scaledDown > 0;
}

/** cleanupUnhealthyReplicas: old ReplicaSets (oldest first) lose their not-available replicas, within maxCleanupCount. */
export function cleanupUnhealthyReplicas(dc: DeploymentController, oldRSs: ReplicaSetObj[], d: DeploymentObj, maxCleanupCount: number): { oldRSs: ReplicaSetObj[]; count: number } {
  oldRSs.sort(byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < oldRSs.length; i++) {
    const rs = oldRSs[i]!;
    if (total >= maxCleanupCount) break;
    const replicas = rsReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const count = Math.min(maxCleanupCount - total, replicas - available);
    const target = replicas - count;
    if (target > replicas) throw new Error(`when cleaning up unhealthy replicas, got invalid request to scale down ${keyOf(rs)} ${replicas} -> ${target}`);
    dc.note(d, `rolling update of ${keyOf(d)}: old RS ${rs.metadata.name} scaled down from ${replicas} to ${target}: ${replicas - available} of its replicas are not available, and removing them costs no availability`);
    oldRSs[i] = dc.scaleAndRecord(rs, target, d).rs;
    total += count;
  }
  return { oldRSs, count: total };
}

/** scaleDownOldReplicaSetsForRollingUpdate: old ReplicaSets (oldest first) shrink by available - minAvailable. */
export function scaleDownOldReplicaSetsForRollingUpdate(dc: DeploymentController, allRSs: readonly ReplicaSetObj[], oldRSs: ReplicaSetObj[], d: DeploymentObj): number {
  const maxUnavailable = maxUnavailableOf(d);
  const minAvailable = replicasOfDeployment(d) - maxUnavailable;
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return 0;
  oldRSs.sort(byCreationTimestamp);
  let total = 0;
  const goal = available - minAvailable;
  for (const rs of oldRSs) {
    if (total >= goal) break;
    const replicas = rsReplicas(rs);
    if (replicas === 0) continue;
    const count = Math.min(replicas, goal - total);
    const target = replicas - count;
    if (target > replicas) throw new Error(`when scaling down old RS, got invalid request to scale down ${keyOf(rs)} ${replicas} -> ${target}`);
    dc.note(d, `rolling update of ${keyOf(d)}: old RS ${rs.metadata.name} scaled down from ${replicas} to ${target} (maxUnavailable ${maxUnavailable}: ${available} pods available, ${minAvailable} must stay available)`);
    dc.scaleAndRecord(rs, target, d);
    total += count;
  }
  return total;
}

/** Says, once, what the rollout is waiting for when a pass changes nothing. */
function explainWait(dc: DeploymentController, d: DeploymentObj, allRSs: readonly ReplicaSetObj[], newRS: ReplicaSetObj): void {
  const newAvailable = newRS.status?.availableReplicas ?? 0;
  const oldLeft = replicaCount(allRSs) - rsReplicas(newRS);
  if (newAvailable >= replicasOfDeployment(d) && oldLeft === 0) return; // done: the status says so next
  const notAvailable = rsReplicas(newRS) - newAvailable;
  dc.waiting(
    d,
    `rolling update of ${keyOf(d)}: waiting for new pods to become available (${newAvailable} of ${rsReplicas(newRS)} in new RS ${newRS.metadata.name} available, ${notAvailable} not yet; ${oldLeft} old replica${oldLeft === 1 ? '' : 's'} left; ${fenceposts(d)})`,
  );
}
