import type { DeploymentObj } from './deployment-util';
import {
  DESIRED_REPLICAS_ANNOTATION,
  LAST_APPLIED_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  ROLLBACK_TO_ANNOTATION,
} from './deployment-util';
import type { ReplicaSetObj } from './replicaset';

/**
 * How annotations travel between a Deployment and its ReplicaSets (deployment_util.go): user
 * annotations are copied down to the new ReplicaSet (so `kubernetes.io/change-cause` shows in
 * `rollout history`), the controller's own bookkeeping annotations are not, and a rollback copies
 * the old ReplicaSet's annotations back up.
 */
const SKIPPED = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  ROLLBACK_TO_ANNOTATION,
]);

type Annotated = { metadata: { annotations?: Record<string, string> } };

/** copyDeploymentAnnotationsToReplicaSet: true when the ReplicaSet's annotations changed. */
function copyDeploymentAnnotations(d: DeploymentObj, rs: Annotated): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIPPED.has(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: copies the Deployment's annotations and raises the revision to
 * `newRevision` when it is higher. A ReplicaSet that already had a revision is being rolled back to,
 * so its old number joins revision-history (capped at `limitChars` characters, oldest dropped).
 */
export function setNewReplicaSetAnnotations(
  d: DeploymentObj,
  rs: Annotated,
  newRevision: string,
  exists: boolean,
  limitChars: number,
  desired: number,
  max: number,
): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const a = (rs.metadata.annotations ??= {});
  const had = Object.prototype.hasOwnProperty.call(a, REVISION_ANNOTATION);
  const oldRevision = a[REVISION_ANNOTATION] ?? '';
  let oldInt = 0;
  if (oldRevision !== '') {
    if (!/^[+-]?[0-9]+$/.test(oldRevision)) return false;
    oldInt = Number(oldRevision);
  }
  if (!/^[+-]?[0-9]+$/.test(newRevision)) return false;
  const newInt = Number(newRevision);
  if (oldInt < newInt) {
    a[REVISION_ANNOTATION] = newRevision;
    changed = true;
  }
  if (had && oldInt < newInt) {
    const history = a[REVISION_HISTORY_ANNOTATION] ?? '';
    const old = history.split(',');
    if (old[0]!.length === 0) {
      a[REVISION_HISTORY_ANNOTATION] = oldRevision;
    } else {
      let total = history.length + oldRevision.length + 1;
      let start = 0;
      while (total > limitChars && start < old.length) {
        total -= old[start]!.length + 1;
        start++;
      }
      if (total <= limitChars) a[REVISION_HISTORY_ANNOTATION] = [...old.slice(start), oldRevision].join(',');
    }
  }
  if (!exists && setReplicasAnnotations(rs, desired, max)) changed = true;
  return changed;
}

/** SetReplicasAnnotations: desired-replicas and max-replicas (replicas + maxSurge); true when changed. */
export function setReplicasAnnotations(rs: Annotated, desired: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  if (a[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    a[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (a[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    a[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSetObj, desired: number, max: number): boolean {
  const a = rs.metadata.annotations;
  return !a || a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/** SetDeploymentAnnotationsTo: on rollback, the Deployment takes the old ReplicaSet's user annotations. */
export function setDeploymentAnnotationsTo(d: DeploymentObj, rs: ReplicaSetObj): void {
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (SKIPPED.has(k)) kept[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!SKIPPED.has(k)) kept[k] = v;
  d.metadata.annotations = kept;
}
