import type { Deployment, DeploymentCondition, DeploymentSpec, DeploymentStatus, ReplicaSetCondition } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import { deepEqual } from '../api/types';
import { stableJSON } from '../apimachinery/hash';
import type { RollingDeploymentSpec } from '../apimachinery/intstr';
import { maxSurge, maxUnavailable } from '../apimachinery/intstr';
import { parseTime, rfc3339 } from '../clock';
import type { ReplicaSetObj } from './replicaset';

/**
 * The Deployment controller's helpers (k/k pkg/controller/deployment/util/deployment_util.go and the
 * ReplicaSet sort orders of controller_utils.go), ported function by function: the replica math of a
 * rollout, revisions, annotations and conditions. Pure functions over plain objects.
 */
export type DeploymentObj = Stored<Deployment>;

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** apps/v1 DefaultDeploymentUniqueLabelKey. */
export const POD_TEMPLATE_HASH = 'pod-template-hash';
/** maxRevHistoryLengthInChars (sync.go): revision-history stops growing past 2000 characters. */
export const MAX_REV_HISTORY_CHARS = 2000;
const MAX_INT32 = 2147483647;

export const Reasons = {
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  FailedRSCreate: 'ReplicaSetCreateError',
  NewReplicaSet: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  Paused: 'DeploymentPaused',
  Resumed: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
  RollbackRevisionNotFound: 'DeploymentRollbackRevisionNotFound',
  RollbackTemplateUnchanged: 'DeploymentRollbackTemplateUnchanged',
  RollbackDone: 'DeploymentRollback',
} as const;

/** Readers apply SetDefaults_Deployment, so the controller is right even for an undefaulted object. */
export function replicasOfDeployment(d: DeploymentObj): number {
  return d.spec?.replicas ?? 1;
}

export function strategyType(d: DeploymentObj): string {
  return d.spec?.strategy?.type || 'RollingUpdate';
}

export function isRollingUpdate(d: DeploymentObj): boolean {
  return strategyType(d) === 'RollingUpdate';
}

function rollingSpec(d: DeploymentObj): RollingDeploymentSpec {
  const type = strategyType(d);
  const ru = d.spec?.strategy?.rollingUpdate;
  return {
    replicas: replicasOfDeployment(d),
    strategy: { type, rollingUpdate: { maxSurge: ru?.maxSurge ?? '25%', maxUnavailable: ru?.maxUnavailable ?? '25%' } },
  };
}

export function maxSurgeOf(d: DeploymentObj): number {
  return maxSurge(rollingSpec(d));
}

export function maxUnavailableOf(d: DeploymentObj): number {
  return maxUnavailable(rollingSpec(d));
}

/** MinAvailable: replicas - MaxUnavailable, and 0 for Recreate. */
export function minAvailableOf(d: DeploymentObj): number {
  return isRollingUpdate(d) ? replicasOfDeployment(d) - maxUnavailableOf(d) : 0;
}

export function progressDeadlineSeconds(d: DeploymentObj): number {
  return d.spec?.progressDeadlineSeconds ?? 600;
}

/** HasProgressDeadline: MaxInt32 means "never time out". */
export function hasProgressDeadline(d: DeploymentObj): boolean {
  return progressDeadlineSeconds(d) !== MAX_INT32;
}

export function revisionHistoryLimit(d: DeploymentObj): number {
  return d.spec?.revisionHistoryLimit ?? 10;
}

export function hasRevisionHistoryLimit(d: DeploymentObj): boolean {
  return revisionHistoryLimit(d) !== MAX_INT32;
}

// ------------------------------------------------------------------ replica sets: counts and order

export function rsReplicas(rs: ReplicaSetObj): number {
  return rs.spec?.replicas ?? 1;
}

type MaybeRS = ReplicaSetObj | undefined;

function sum(rss: readonly MaybeRS[], f: (rs: ReplicaSetObj) => number): number {
  let n = 0;
  for (const rs of rss) if (rs) n += f(rs);
  return n;
}

/** GetReplicaCountForReplicaSets: the sum of spec.replicas. */
export const replicaCount = (rss: readonly MaybeRS[]) => sum(rss, rsReplicas);
/** GetActualReplicaCountForReplicaSets: the sum of status.replicas. */
export const actualReplicaCount = (rss: readonly MaybeRS[]) => sum(rss, (rs) => rs.status?.replicas ?? 0);
export const readyReplicaCount = (rss: readonly MaybeRS[]) => sum(rss, (rs) => rs.status?.readyReplicas ?? 0);
export const availableReplicaCount = (rss: readonly MaybeRS[]) => sum(rss, (rs) => rs.status?.availableReplicas ?? 0);

/** FilterActiveReplicaSets: those with spec.replicas > 0. */
export function activeReplicaSets(rss: readonly MaybeRS[]): ReplicaSetObj[] {
  return rss.filter((rs): rs is ReplicaSetObj => !!rs && rsReplicas(rs) > 0);
}

/** ReplicaSetsByCreationTimestamp: oldest first; equal (second-granularity) times by name. */
export function byCreationTimestamp(a: ReplicaSetObj, b: ReplicaSetObj): number {
  const ta = parseTime(a.metadata.creationTimestamp) ?? 0;
  const tb = parseTime(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** ReplicaSetsBySizeOlder: larger first, then older first (the order for scaling down). */
export function bySizeOlder(a: ReplicaSetObj, b: ReplicaSetObj): number {
  return rsReplicas(b) - rsReplicas(a) || byCreationTimestamp(a, b);
}

/** ReplicaSetsBySizeNewer: larger first, then newer first (the order for scaling up). */
export function bySizeNewer(a: ReplicaSetObj, b: ReplicaSetObj): number {
  return rsReplicas(b) - rsReplicas(a) || byCreationTimestamp(b, a);
}

/** ReplicaSetsByRevision: lowest revision first, by creation time when revisions are equal or unreadable. */
export function byRevision(a: ReplicaSetObj, b: ReplicaSetObj): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (ra === undefined || rb === undefined || ra === rb) return byCreationTimestamp(a, b);
  return ra - rb;
}

// ------------------------------------------------------------------ revisions

/** Revision: the revision annotation, 0 when absent, undefined when it is not an integer. */
export function revisionOf(obj: { metadata: { annotations?: Record<string, string> } }): number | undefined {
  const v = obj.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^[+-]?[0-9]+$/.test(v) ? Number(v) : undefined;
}

export function maxRevision(rss: readonly MaybeRS[]): number {
  let max = 0;
  for (const rs of rss) {
    const v = rs && revisionOf(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** LastRevision: the second highest revision, the one `rollout undo` goes back to. */
export function lastRevision(rss: readonly MaybeRS[]): number {
  let max = 0;
  let second = 0;
  for (const rs of rss) {
    const v = rs && revisionOf(rs);
    if (v === undefined) continue;
    if (v >= max) {
      second = max;
      max = v;
    } else if (v > second) second = v;
  }
  return second;
}

export function setDeploymentRevision(d: DeploymentObj, revision: string): boolean {
  const a = (d.metadata.annotations ??= {});
  if (a[REVISION_ANNOTATION] === revision) return false;
  a[REVISION_ANNOTATION] = revision;
  return true;
}

// ------------------------------------------------------------------ templates

const canonical = new WeakMap<object, string>();

/** Drops empty values so that absent, null, [] and {} compare equal, as apiequality.Semantic does for nil and empty. */
function prune(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.length ? v.map((x) => prune(x) ?? null) : undefined;
  if (typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const p = prune(x);
    if (p !== undefined) {
      out[k] = p;
      any = true;
    }
  }
  return any ? out : undefined;
}

/** The template without its pod-template-hash label, as canonical text (cached per stored template). */
function templateKey(t: PodTemplateSpec | undefined): string {
  if (!t) return 'null';
  let key = canonical.get(t);
  if (key === undefined) {
    const labels = { ...(t.metadata?.labels ?? {}) };
    delete labels[POD_TEMPLATE_HASH];
    key = stableJSON(prune({ ...t, metadata: { ...t.metadata, labels } }) ?? null);
    canonical.set(t, key);
  }
  return key;
}

/** EqualIgnoreHash: two pod templates are the same revision if they differ at most in pod-template-hash. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return templateKey(a) === templateKey(b);
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template is the Deployment's. */
export function findNewReplicaSet(d: DeploymentObj, rsList: readonly ReplicaSetObj[]): ReplicaSetObj | undefined {
  const sorted = [...rsList].sort(byCreationTimestamp);
  return sorted.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** FindOldReplicaSets: every other ReplicaSet (`all`), and those of them that still have replicas (`withReplicas`). */
export function findOldReplicaSets(d: DeploymentObj, rsList: readonly ReplicaSetObj[]): { withReplicas: ReplicaSetObj[]; all: ReplicaSetObj[] } {
  const newRS = findNewReplicaSet(d, rsList);
  const all = rsList.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid);
  return { withReplicas: all.filter((rs) => rsReplicas(rs) !== 0), all };
}

/** SetFromReplicaSetTemplate: a rollback copies the ReplicaSet's template, minus its hash label. */
export function setFromReplicaSetTemplate(d: DeploymentObj, template: PodTemplateSpec): void {
  const t = JSON.parse(JSON.stringify(template)) as NonNullable<DeploymentSpec['template']>;
  if (t.metadata?.labels) delete t.metadata.labels[POD_TEMPLATE_HASH];
  (d.spec ??= { selector: {}, template: {} }).template = t;
}

// ------------------------------------------------------------------ the rollout math

/** NewRSNewReplicas: how far the new ReplicaSet may grow now without passing replicas + maxSurge. */
export function newRSNewReplicas(d: DeploymentObj, allRSs: readonly MaybeRS[], newRS: ReplicaSetObj): number {
  if (!isRollingUpdate(d)) return replicasOfDeployment(d);
  const replicas = replicasOfDeployment(d);
  const current = replicaCount(allRSs);
  const maxTotal = replicas + maxSurgeOf(d);
  if (current >= maxTotal) return rsReplicas(newRS);
  const up = Math.min(maxTotal - current, replicas - rsReplicas(newRS));
  return rsReplicas(newRS) + up;
}

/** IsSaturated: the new ReplicaSet is believed (annotation), asked (spec) and seen (available) at full size. */
export function isSaturated(d: DeploymentObj, rs: MaybeRS): boolean {
  if (!rs) return false;
  const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
  const replicas = replicasOfDeployment(d);
  return desired !== undefined && rsReplicas(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/** FindActiveOrLatest: the only ReplicaSet with replicas, or the newest when none has any; undefined when several do. */
export function findActiveOrLatest(newRS: MaybeRS, oldRSs: readonly ReplicaSetObj[]): MaybeRS {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

function intAnnotation(rs: ReplicaSetObj, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  return v !== undefined && /^[+-]?[0-9]+$/.test(v) ? Number(v) : undefined;
}

export function desiredReplicasAnnotation(rs: ReplicaSetObj): number | undefined {
  return intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
}

/** GetProportion: this ReplicaSet's share of a scale change, bounded by what is still left to hand out. */
export function getProportion(rs: MaybeRS, d: DeploymentObj, toAdd: number, added: number): number {
  if (!rs || rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** getReplicaSetFraction: size scaled by (replicas + maxSurge) / the max-replicas it was sized for. */
function replicaSetFraction(rs: ReplicaSetObj, d: DeploymentObj): number {
  const replicas = replicasOfDeployment(d);
  if (replicas === 0) return -rsReplicas(rs);
  const deploymentReplicas = replicas + maxSurgeOf(d);
  const annotated = intAnnotation(rs, MAX_REPLICAS_ANNOTATION) ?? d.status?.replicas ?? 0;
  if (annotated === 0) return 0; // never scaled proportionally from zero upstream; avoid dividing by it
  // integer.RoundToInt32: math.Round, halves away from zero.
  const size = (rsReplicas(rs) * deploymentReplicas) / annotated;
  return Math.sign(size) * Math.round(Math.abs(size)) - rsReplicas(rs);
}

// ------------------------------------------------------------------ conditions and completion

export type DeploymentConditionType = 'Available' | 'Progressing' | 'ReplicaFailure';

export function newCondition(type: DeploymentConditionType, status: 'True' | 'False' | 'Unknown', reason: string, message: string, now: number): DeploymentCondition {
  const t = rfc3339(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** SetDeploymentCondition: no-op for the same status and reason; lastTransitionTime kept while the status holds. */
export function setCondition(status: DeploymentStatus, c: DeploymentCondition): void {
  const current = getCondition(status, c.type);
  if (current && current.status === c.status && current.reason === c.reason) return;
  const next = { ...c };
  if (current && current.status === c.status && current.lastTransitionTime) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  const rest = (status.conditions ?? []).filter((x) => x.type !== type);
  if (rest.length) status.conditions = rest;
  else delete status.conditions;
}

export function replicaSetToDeploymentCondition(c: ReplicaSetCondition): DeploymentCondition {
  return { type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime, reason: c.reason, message: c.message };
}

/** DeploymentComplete: every desired replica updated and available, no old ones left, spec observed. */
export function deploymentComplete(d: DeploymentObj, s: DeploymentStatus): boolean {
  const r = replicasOfDeployment(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available pods than last time. */
export function deploymentProgressing(d: DeploymentObj, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: no progress recorded for longer than progressDeadlineSeconds. */
export function deploymentTimedOut(d: DeploymentObj, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (!c) return false;
  if (c.reason === Reasons.NewRSAvailable) return false;
  if (c.reason === Reasons.TimedOut) return true;
  const from = parseTime(c.lastUpdateTime) ?? 0;
  return from + progressDeadlineSeconds(d) * 1000 < now;
}

/** Whether two statuses are the same as Go's reflect.DeepEqual would see them. */
export function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  return deepEqual(a ?? {}, b);
}
