import { keyOf } from '../api/types';
import type { ReconcileResult } from './runtime';
import { syncRolloutStatus } from './deployment-progress';
import type { DeploymentController } from './deployment-sync';
import type { DeploymentObj } from './deployment-util';
import { activeReplicaSets, actualReplicaCount, deploymentComplete, replicasOfDeployment, rsReplicas } from './deployment-util';
import type { ReplicaSetObj } from './replicaset';
import type { PodObj } from './replicaset-pods';

/**
 * The Recreate strategy (k/k pkg/controller/deployment/recreate.go): every old ReplicaSet goes to 0,
 * then nothing happens until no old pod is left running (terminating pods count until they are gone),
 * and only then is the new ReplicaSet created and scaled to the full size. Old and new never overlap.
 */
export type PodMap = ReadonlyMap<string, readonly PodObj[]>;

export function rolloutRecreate(dc: DeploymentController, d: DeploymentObj, rsList: readonly ReplicaSetObj[], podMap: PodMap): ReconcileResult {
  let { newRS, oldRSs } = dc.getAllReplicaSetsAndSyncRevision(d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  const key = keyOf(d);

  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    dc.note(d, `recreate of ${key}: old RS ${rs.metadata.name} scaled down from ${rsReplicas(rs)} to 0 before any new pod starts`);
    if (dc.scaleAndRecord(rs, 0, d).scaled) scaledDown = true;
  }
  if (scaledDown) return syncRolloutStatus(dc, allRSs, newRS, d);

  const running = oldPodsRunning(newRS, oldRSs, podMap);
  if (running > 0) {
    dc.waiting(d, `recreate of ${key}: waiting for ${running} old pod${running === 1 ? '' : 's'} to be gone before creating new ones`);
    return syncRolloutStatus(dc, allRSs, newRS, d);
  }
  if (!newRS) {
    ({ newRS, oldRSs } = dc.getAllReplicaSetsAndSyncRevision(d, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  const rs = newRS!;
  const replicas = replicasOfDeployment(d);
  if (rsReplicas(rs) !== replicas) {
    dc.note(d, `recreate of ${key}: no old pods are left, new RS ${rs.metadata.name} scaled from ${rsReplicas(rs)} to ${replicas}`);
    dc.scaleAndRecord(rs, replicas, d);
  }
  if (deploymentComplete(d, d.status ?? {})) dc.cleanupDeployment(oldRSs, d);
  return syncRolloutStatus(dc, allRSs, rs, d);
}

/**
 * oldPodsRunning: how many old pods still count (0 means none): old ReplicaSets that report replicas,
 * or pods of old ReplicaSets not in a terminal phase, terminating ones included.
 */
export function oldPodsRunning(newRS: ReplicaSetObj | undefined, oldRSs: readonly ReplicaSetObj[], podMap: PodMap): number {
  let n = actualReplicaCount(oldRSs);
  if (n > 0) return n;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') n++;
    }
  }
  return n;
}
