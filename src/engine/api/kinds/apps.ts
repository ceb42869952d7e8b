import type { LabelSelector, Selector } from '../../apimachinery/labels';
import { labelSelectorAsSelector } from '../../apimachinery/labels';
import type { FieldError } from '../../apimachinery/validation';
import { forbidden, goQuote, invalid, notSupported, required } from '../../apimachinery/validation';
import type { KindStrategy, ResourceType } from '../resources';
import { ALL_VERBS } from '../resources';
import type { KubeObject } from '../types';
import { goAwareValidation, goIntOrString, goLabelSelector, goStringMap, invalidGo } from './goformat';
import { asRecord, metaNameErrors, semanticEqual, validateLabelSelector, validateMetaMaps } from './meta';
import type { Json } from './podspec';
import { defaultPodSpec, templateSpec } from './podspec';
import { validatePodSpec } from './podvalidation';

/**
 * Deployments and ReplicaSets: defaulting from k/k pkg/apis/apps/v1/defaults.go, validation from
 * pkg/apis/apps/validation/validation.go, and the strategies' update rules (selector immutable in
 * apps/v1, status reset on create).
 */
const NONNEGATIVE = 'must be greater than or equal to 0';

type AppsSpec = Json & { replicas?: number; selector?: LabelSelector | null; template?: Json; minReadySeconds?: number };

function spec(obj: KubeObject): AppsSpec {
  const s = (asRecord(obj.spec) ?? {}) as AppsSpec;
  obj.spec = s;
  return s;
}

function nonNegative(v: unknown, path: string): FieldError[] {
  return typeof v === 'number' && v < 0 ? [invalid(path, v, NONNEGATIVE)] : [];
}

/** ValidatePodTemplateSpecForReplicaSet: labels must match the selector; pods must restart Always. */
function validateTemplate(template: Json | undefined, selector: Selector, path: string): FieldError[] {
  if (!template) return [required(path)];
  const errs: FieldError[] = [];
  const meta = asRecord(template.metadata) as { labels?: Record<string, string>; annotations?: Record<string, string> } | undefined;
  if (!selector.isEmpty() && !selector.matches(meta?.labels ?? {})) {
    errs.push(invalidGo(`${path}.metadata.labels`, goStringMap(meta?.labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validateMetaMaps(meta, `${path}.metadata`));
  const podSpec = (asRecord(template.spec) ?? {}) as Json;
  errs.push(...validatePodSpec(podSpec, `${path}.spec`));
  const restart = typeof podSpec.restartPolicy === 'string' ? podSpec.restartPolicy : '';
  if (restart !== 'Always') errs.push(notSupported(`${path}.spec.restartPolicy`, restart, ['Always']));
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    errs.push(forbidden(`${path}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

/** The replicas/selector/template part shared by ValidateDeploymentSpec and ValidateReplicaSetSpec. */
function validateReplicated(s: AppsSpec, withMinReady: boolean): FieldError[] {
  const errs = nonNegative(s.replicas, 'spec.replicas');
  if (withMinReady) errs.push(...nonNegative(s.minReadySeconds, 'spec.minReadySeconds'));
  const sel = s.selector;
  if (sel === undefined || sel === null) {
    errs.push(required('spec.selector'));
  } else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
      errs.push(invalidGo('spec.selector', goLabelSelector(sel), 'empty selector is invalid for deployment'));
    }
  }
  let selector: Selector | undefined;
  try {
    selector = labelSelectorAsSelector(sel);
  } catch {
    errs.push(invalidGo('spec.selector', goLabelSelector(sel), 'invalid label selector'));
  }
  if (selector) errs.push(...validateTemplate(asRecord(s.template) as Json | undefined, selector, 'spec.template'));
  return errs;
}

function isValidPercent(v: string): boolean {
  return /^[0-9]+%$/.test(v);
}

/** getIntOrPercentValue: a valid percent's number, else the int (a bad string counts as 0). */
function intOrPercentValue(v: unknown): number {
  if (typeof v === 'string') return isValidPercent(v) ? Number(v.slice(0, -1)) : /^[+-]?[0-9]+$/.test(v) ? Number(v) : 0;
  return typeof v === 'number' ? v : 0;
}

function validatePositiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') {
    if (isValidPercent(v)) return [];
    return [invalidGo(path, goIntOrString(v), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
  }
  return nonNegative(v, path);
}

function validateStrategy(strategy: Json | undefined): FieldError[] {
  const type = typeof strategy?.type === 'string' ? strategy.type : '';
  const ru = asRecord(strategy?.rollingUpdate);
  if (type === 'Recreate') return ru ? [forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'")] : [];
  if (type === 'RollingUpdate') {
    if (!ru) return [required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil')];
    const path = 'spec.strategy.rollingUpdate';
    const errs = [...validatePositiveIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`), ...validatePositiveIntOrPercent(ru.maxSurge, `${path}.maxSurge`)];
    if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
      errs.push(invalidGo(`${path}.maxUnavailable`, goIntOrString(ru.maxUnavailable as number | string), 'may not be 0 when `maxSurge` is 0'));
    }
    if (typeof ru.maxUnavailable === 'string' && isValidPercent(ru.maxUnavailable) && intOrPercentValue(ru.maxUnavailable) > 100) {
      errs.push(invalidGo(`${path}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'must not be greater than 100%'));
    }
    return errs;
  }
  const ruText = ru ? '(*apps.RollingUpdateDeployment)(0xc000a1e4b0)' : '(*apps.RollingUpdateDeployment)(nil)';
  const value = `apps.DeploymentStrategy{Type:${goQuote(type)}, RollingUpdate:${ruText}}`;
  const err = notSupported('spec.strategy', '', ['Recreate', 'RollingUpdate']);
  return [{ ...invalidGo('spec.strategy', value, err.detail), type: err.type }];
}

function validateDeployment(obj: KubeObject): FieldError[] {
  const s = spec(obj);
  const errs = [...validateMetaMaps(obj.metadata), ...validateReplicated(s, false)];
  errs.push(...validateStrategy(asRecord(s.strategy)));
  errs.push(...nonNegative(s.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(s.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const pds = s.progressDeadlineSeconds;
  if (typeof pds === 'number') {
    errs.push(...nonNegative(pds, 'spec.progressDeadlineSeconds'));
    if (pds <= (s.minReadySeconds ?? 0)) errs.push(invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

/** apps/v1 strategies: the selector cannot change once set (ValidateImmutableField). */
function selectorImmutable(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = spec(obj).selector;
  const prev = (asRecord(old.spec) as AppsSpec | undefined)?.selector;
  return semanticEqual(next, prev) ? [] : [invalidGo('spec.selector', goLabelSelector(next), 'field is immutable')];
}

function statusChecks(status: Json | undefined, fields: string[], pairs: Array<[string, string, string]>): FieldError[] {
  const errs: FieldError[] = [];
  const n = (k: string) => (typeof status?.[k] === 'number' ? (status[k] as number) : 0);
  for (const f of fields) errs.push(...nonNegative(status?.[f], `status.${f}`));
  for (const [a, b, msg] of pairs) if (n(a) > n(b)) errs.push(invalid(`status.${a}`, n(a), msg));
  return errs;
}

const GREATER = 'cannot be greater than status.replicas';

function appsType(kind: 'Deployment' | 'ReplicaSet' | 'DaemonSet', shortName: string, strategy: KindStrategy): ResourceType {
  const t: ResourceType = {
    ...(kind === 'Deployment' ? { annotationsAreSpec: true } : {}),
    kind,
    group: 'apps',
    version: 'v1',
    plural: `${kind.toLowerCase()}s`,
    singular: kind.toLowerCase(),
    shortNames: [shortName],
    namespaced: true,
    categories: ['all'],
    statusSubresource: true,
    tracksGeneration: true,
    nameRule: 'dns1123Subdomain',
    verbs: ALL_VERBS,
    strategy,
  };
  return t;
}

const deploymentValidation = goAwareValidation(validateDeployment, selectorImmutable, (o) => metaNameErrors(deploymentType)(o));

export const deploymentType: ResourceType = appsType('Deployment', 'deploy', {
  /** SetDefaults_Deployment plus the pod template's PodSpec defaults. */
  defaults(obj) {
    const s = spec(obj);
    if (s.replicas === undefined || s.replicas === null) s.replicas = 1;
    const strategy = (asRecord(s.strategy) ?? {}) as Json;
    s.strategy = strategy;
    if (!strategy.type) strategy.type = 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = (asRecord(strategy.rollingUpdate) ?? {}) as Json;
      strategy.rollingUpdate = ru;
      if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = '25%';
      if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = '25%';
    }
    if (s.revisionHistoryLimit === undefined || s.revisionHistoryLimit === null) s.revisionHistoryLimit = 10;
    if (s.progressDeadlineSeconds === undefined || s.progressDeadlineSeconds === null) s.progressDeadlineSeconds = 600;
    const podSpec = templateSpec(s.template);
    if (podSpec) defaultPodSpec(obj, podSpec);
  },
  prepareForCreate(obj) {
    obj.status = {};
  },
  validate: deploymentValidation.validate,
  validateUpdate: deploymentValidation.validateUpdate,
  validateStatusUpdate(obj) {
    return statusChecks(asRecord(obj.status), ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'collisionCount'], [
      ['updatedReplicas', 'replicas', GREATER],
      ['readyReplicas', 'replicas', GREATER],
      ['availableReplicas', 'replicas', GREATER],
      ['availableReplicas', 'readyReplicas', 'cannot be greater than readyReplicas'],
    ]);
  },
});

const replicaSetValidation = goAwareValidation(
  (obj) => [...validateMetaMaps(obj.metadata), ...validateReplicated(spec(obj), true)],
  selectorImmutable,
  (o) => metaNameErrors(replicaSetType)(o),
);

export const replicaSetType: ResourceType = appsType('ReplicaSet', 'rs', {
  /** SetDefaults_ReplicaSet: replicas 1; the template gets PodSpec defaults. */
  defaults(obj) {
    const s = spec(obj);
    if (s.replicas === undefined || s.replicas === null) s.replicas = 1;
    const podSpec = templateSpec(s.template);
    if (podSpec) defaultPodSpec(obj, podSpec);
  },
  prepareForCreate(obj) {
    obj.status = { replicas: 0 };
  },
  validate: replicaSetValidation.validate,
  validateUpdate: replicaSetValidation.validateUpdate,
  validateStatusUpdate(obj) {
    return statusChecks(asRecord(obj.status), ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'], [
      ['fullyLabeledReplicas', 'replicas', GREATER],
      ['readyReplicas', 'replicas', GREATER],
      ['availableReplicas', 'replicas', GREATER],
      ['availableReplicas', 'readyReplicas', 'cannot be greater than readyReplicas'],
    ]);
  },
});

/** appsv1.DeprecatedTemplateGeneration: how apps/v1 carries the internal spec.templateGeneration. */
const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

const daemonSetValidation = goAwareValidation(
  (obj) => [...validateMetaMaps(obj.metadata), ...validateReplicated(spec(obj), true)],
  selectorImmutable,
  (o) => metaNameErrors(daemonSetType)(o),
);

export const daemonSetType: ResourceType = appsType('DaemonSet', 'ds', {
  /** SetDefaults_DaemonSet: RollingUpdate with maxUnavailable 1 and maxSurge 0, history 10. */
  defaults(obj) {
    const s = spec(obj) as AppsSpec & { updateStrategy?: Json; revisionHistoryLimit?: number };
    const strategy = (asRecord(s.updateStrategy) ?? {}) as Json;
    s.updateStrategy = strategy;
    if (!strategy.type) strategy.type = 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = (asRecord(strategy.rollingUpdate) ?? {}) as Json;
      strategy.rollingUpdate = ru;
      if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = 1;
      if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = 0;
    }
    if (s.revisionHistoryLimit === undefined || s.revisionHistoryLimit === null) s.revisionHistoryLimit = 10;
    const podSpec = templateSpec(s.template);
    if (podSpec) defaultPodSpec(obj, podSpec);
  },
  prepareForCreate(obj) {
    obj.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
    // The internal spec.templateGeneration starts at 1 (or the annotation's value when a client sent
    // one); apps/v1 has no such field, so conversion shows it as this annotation.
    const given = obj.metadata.annotations?.[TEMPLATE_GENERATION];
    const generation = given !== undefined && /^[1-9]\d*$/.test(given) ? given : '1';
    obj.metadata.annotations = { ...obj.metadata.annotations, [TEMPLATE_GENERATION]: generation };
  },
  /** PrepareForUpdate: clients cannot set templateGeneration; a changed pod template bumps it. */
  prepareForUpdate(obj, old) {
    const prev = Number(old.metadata.annotations?.[TEMPLATE_GENERATION] ?? '1');
    const changed = !semanticEqual(asRecord(obj.spec)?.template, asRecord(old.spec)?.template);
    obj.metadata.annotations = { ...obj.metadata.annotations, [TEMPLATE_GENERATION]: String(changed ? prev + 1 : prev) };
  },
  validate: daemonSetValidation.validate,
  validateUpdate: daemonSetValidation.validateUpdate,
});
