/**
 * IntOrString scaling (apimachinery `pkg/util/intstr`) and the rolling-update fencepost math built
 * on it (k/k `pkg/controller/deployment/util/deployment_util.go`: ResolveFenceposts, MaxSurge,
 * MaxUnavailable, MinAvailable).
 *
 * The rounding directions are the point: maxSurge rounds up and maxUnavailable rounds down, so a
 * rollout may briefly have more pods than asked for but never drops below the promised minimum.
 */

/** An IntOrString as it appears in JSON/YAML: `3` or `"25%"`. */
export type IntOrString = number | string;

/** strconv.Atoi: optional sign and decimal digits within int64; errors worded as Go words them. */
function atoi(s: string): number {
  const fail = (why: string) => new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: ${why}`);
  if (!/^[+-]?[0-9]+$/.test(s)) throw fail('invalid syntax');
  const v = BigInt(s);
  if (v > 2n ** 63n - 1n || v < -(2n ** 63n)) throw fail('value out of range');
  return Number(v);
}

/**
 * GetScaledValueFromIntOrPercent: an int is returned unchanged; `"N%"` becomes N% of total,
 * rounded up or down. A string without `%` is an error (unlike the legacy GetValueFromIntOrPercent).
 */
export function getScaledValueFromIntOrPercent(
  v: IntOrString | undefined | null,
  total: number,
  roundUp: boolean,
): number {
  if (v === undefined || v === null) throw new Error('nil value for IntOrString');
  if (typeof v === 'number') return Math.trunc(v);
  if (!v.endsWith('%'))
    throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  let percent: number;
  try {
    percent = atoi(v.slice(0, -1));
  } catch (e) {
    throw new Error(
      `invalid value for IntOrString: invalid value ${JSON.stringify(v)}: ${(e as Error).message}`,
    );
  }
  // Computed in float64 exactly as upstream does, so 90% of 95 is ceil(85.5) = 86.
  const scaled = (percent * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * ResolveFenceposts: absolute maxSurge (rounded up) and maxUnavailable (rounded down) for a
 * desired replica count. If both come out 0 the rollout could never make progress, so
 * maxUnavailable becomes 1. Unset values count as 0. Throws on malformed values.
 */
export function resolveFenceposts(
  maxSurge: IntOrString | undefined | null,
  maxUnavailable: IntOrString | undefined | null,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = getScaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = getScaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** The parts of a DeploymentSpec the fencepost helpers read (compatible with apps/v1 types). */
export interface RollingDeploymentSpec {
  replicas?: number;
  strategy?: {
    type?: string;
    rollingUpdate?: { maxSurge?: IntOrString | null; maxUnavailable?: IntOrString | null } | null;
  } | null;
}

function isRollingUpdate(spec: RollingDeploymentSpec): boolean {
  return spec.strategy?.type === 'RollingUpdate';
}

/** Fenceposts for a deployment; invalid values were rejected by validation, so errors read as 0. */
function fenceposts(spec: RollingDeploymentSpec): { surge: number; unavailable: number } {
  const ru = spec.strategy?.rollingUpdate;
  try {
    return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, spec.replicas ?? 1);
  } catch {
    return { surge: 0, unavailable: 0 };
  }
}

/** MaxUnavailable: 0 for Recreate or zero replicas; otherwise capped at spec.replicas. */
export function maxUnavailable(spec: RollingDeploymentSpec): number {
  const replicas = spec.replicas ?? 1;
  if (!isRollingUpdate(spec) || replicas === 0) return 0;
  return Math.min(fenceposts(spec).unavailable, replicas);
}

/** MinAvailable: replicas - MaxUnavailable, and 0 for Recreate. */
export function minAvailable(spec: RollingDeploymentSpec): number {
  if (!isRollingUpdate(spec)) return 0;
  return (spec.replicas ?? 1) - maxUnavailable(spec);
}

/** MaxSurge: 0 for Recreate. */
export function maxSurge(spec: RollingDeploymentSpec): number {
  if (!isRollingUpdate(spec)) return 0;
  return fenceposts(spec).surge;
}
