import type { ObjectInput } from '../api/types';
import { keyOf } from '../api/types';
import { setDeploymentAnnotationsTo } from './deployment-annotations';
import type { DeploymentController } from './deployment-sync';
import { NAME } from './deployment-sync';
import type { DeploymentObj } from './deployment-util';
import { equalIgnoreHash, lastRevision, Reasons, revisionOf, ROLLBACK_TO_ANNOTATION, setFromReplicaSetTemplate } from './deployment-util';
import type { ReplicaSetObj } from './replicaset';

/**
 * The server-side rollback of extensions/v1beta1 (k/k pkg/controller/deployment/rollback.go), still
 * honoured through the `deprecated.deployment.rollback.to` annotation. Today's `kubectl rollout undo`
 * writes the old template into the Deployment itself; either way the controller then finds the old
 * ReplicaSet by its template and makes it the newest revision (getNewReplicaSet).
 */
export function getRollbackTo(d: DeploymentObj): number | undefined {
  const v = d.metadata.annotations?.[ROLLBACK_TO_ANNOTATION];
  if (!v || !/^[+-]?[0-9]+$/.test(v)) return undefined;
  return Number(v);
}

export function rollback(dc: DeploymentController, d: DeploymentObj, rsList: readonly ReplicaSetObj[], revision: number): void {
  const { newRS, oldRSs } = dc.getAllReplicaSetsAndSyncRevision(d, rsList, true);
  const allRSs = [...oldRSs, ...(newRS ? [newRS] : [])];
  let target = revision;
  if (target === 0) {
    target = lastRevision(allRSs);
    if (target === 0) {
      dc.event(d, 'Warning', Reasons.RollbackRevisionNotFound, 'Unable to find last revision.');
      return clearRollbackTo(dc, d);
    }
  }
  for (const rs of allRSs) {
    if (revisionOf(rs) !== target) continue;
    if (equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
      dc.event(d, 'Warning', Reasons.RollbackTemplateUnchanged, `The rollback revision contains the same template as current deployment "${d.metadata.name}"`);
      return clearRollbackTo(dc, d);
    }
    setFromReplicaSetTemplate(d, rs.spec?.template ?? {});
    setDeploymentAnnotationsTo(d, rs);
    dc.note(d, `${keyOf(d)}: rolling back to revision ${target}: the template of ReplicaSet ${rs.metadata.name} is written into the Deployment`);
    clearRollbackTo(dc, d);
    dc.event(d, 'Normal', Reasons.RollbackDone, `Rolled back deployment "${d.metadata.name}" to revision ${target}`);
    return;
  }
  dc.event(d, 'Warning', Reasons.RollbackRevisionNotFound, 'Unable to find the revision to rollback to.');
  clearRollbackTo(dc, d);
}

/** updateDeploymentAndClearRollbackTo: drops the annotation and writes the (maybe rolled back) spec. */
function clearRollbackTo(dc: DeploymentController, d: DeploymentObj): void {
  if (d.metadata.annotations) delete d.metadata.annotations[ROLLBACK_TO_ANNOTATION];
  const out = dc.api.update<DeploymentObj>(d as ObjectInput, { user: NAME });
  d.metadata.resourceVersion = out.metadata.resourceVersion;
}
