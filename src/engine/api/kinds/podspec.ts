import type { Quantity } from '../../apimachinery/quantity';
import { parseQuantity } from '../../apimachinery/quantity';
import type { KubeObject } from '../types';
import { asRecord, cannotHandle } from './meta';

/**
 * Defaulting of everything under a PodSpec, as k/k pkg/apis/core/v1/defaults.go does it
 * (SetDefaults_PodSpec, _Container, _ContainerPort, _Probe, _HTTPGetAction, _Volume, the volume
 * sources' defaultMode, _ObjectFieldSelector, _ResourceList) plus the v1 conversion quirk that
 * mirrors serviceAccountName into the deprecated serviceAccount field. Pod-only defaults
 * (SetDefaults_Pod) live in pod.ts: templates must not get them, or every API server upgrade that
 * added one would roll every Deployment.
 */
export type Json = Record<string, unknown>;

export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** 0644, the defaultMode of secret, configMap, downwardAPI and projected volumes. */
export const DEFAULT_VOLUME_MODE = 420;

/**
 * parsers.ParseImageName's tag: the part after the last ':' that follows the last '/', or
 * `latest` when there is neither tag nor digest (`localhost:5000/app` has a port, not a tag).
 */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : '';
  if (!tag && at < 0) return 'latest';
  return tag;
}

/** SetDefaults_Container's pull policy: `Always` for `:latest` (or no tag), else `IfNotPresent`. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

function records(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter((x): x is Json => asRecord(x) !== undefined) : [];
}

/** Parses a quantity as the JSON decoder does (numbers are accepted as their decimal text). */
export function decodeQuantity(owner: KubeObject, v: unknown): Quantity {
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  try {
    return parseQuantity(text);
  } catch (e) {
    return cannotHandle(owner, e instanceof Error ? e.message : String(e));
  }
}

/** SetDefaults_ResourceList: every value rounded up to milli precision, stored in canonical form. */
export function defaultResourceList(owner: KubeObject, list: unknown): void {
  const l = asRecord(list);
  if (!l) return;
  for (const k of Object.keys(l)) l[k] = decodeQuantity(owner, l[k]).roundUp(-3).toString();
}

function defaultHTTPGet(handler: unknown): void {
  const h = asRecord(asRecord(handler)?.httpGet);
  if (!h) return;
  if (!h.path) h.path = '/';
  if (!h.scheme) h.scheme = 'HTTP';
}

function defaultProbe(p: unknown): void {
  const probe = asRecord(p);
  if (!probe) return;
  if (!probe.timeoutSeconds) probe.timeoutSeconds = 1;
  if (!probe.periodSeconds) probe.periodSeconds = 10;
  if (!probe.successThreshold) probe.successThreshold = 1;
  if (!probe.failureThreshold) probe.failureThreshold = 3;
  defaultHTTPGet(probe);
}

function defaultFieldRef(ref: unknown): void {
  const r = asRecord(ref);
  if (r && !r.apiVersion) r.apiVersion = 'v1';
}

/** SetDefaults_Container and the defaults of everything a container holds. */
export function defaultContainer(owner: KubeObject, c: Json): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(typeof c.image === 'string' ? c.image : '');
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const p of records(c.ports)) if (!p.protocol) p.protocol = 'TCP';
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  const lifecycle = asRecord(c.lifecycle);
  if (lifecycle) {
    defaultHTTPGet(lifecycle.postStart);
    defaultHTTPGet(lifecycle.preStop);
  }
  for (const e of records(c.env)) defaultFieldRef(asRecord(e.valueFrom)?.fieldRef);
  // ResourceRequirements is a struct, not a pointer: it always serialises, as `resources: {}`.
  const res = asRecord(c.resources) ?? {};
  c.resources = res;
  defaultResourceList(owner, res.limits);
  defaultResourceList(owner, res.requests);
}

function defaultVolume(v: Json): void {
  if (Object.keys(v).every((k) => k === 'name')) v.emptyDir = {};
  for (const src of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const s = asRecord(v[src]);
    if (s && s.defaultMode === undefined) s.defaultMode = DEFAULT_VOLUME_MODE;
  }
  for (const item of records(asRecord(v.downwardAPI)?.items)) defaultFieldRef(item.fieldRef);
  for (const source of records(asRecord(v.projected)?.sources)) {
    for (const item of records(asRecord(source.downwardAPI)?.items)) defaultFieldRef(item.fieldRef);
    const token = asRecord(source.serviceAccountToken);
    if (token && token.expirationSeconds === undefined) token.expirationSeconds = 3600;
  }
  const hostPath = asRecord(v.hostPath);
  if (hostPath && hostPath.type === undefined) hostPath.type = '';
}

/** Every container list of a pod spec (regular, init, ephemeral). */
export function allContainers(spec: Json): Json[] {
  return [...records(spec.containers), ...records(spec.initContainers), ...records(spec.ephemeralContainers)];
}

/** SetDefaults_PodSpec and the defaults below it, shared by Pods and pod templates. */
export function defaultPodSpec(owner: KubeObject, spec: Json): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!spec.securityContext) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    spec.terminationGracePeriodSeconds = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  }
  if (!spec.schedulerName) spec.schedulerName = DEFAULT_SCHEDULER_NAME;
  // v1 conversion: `serviceAccount` is a deprecated alias, filled in on the way in and out.
  if (!spec.serviceAccountName && typeof spec.serviceAccount === 'string' && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
  for (const c of allContainers(spec)) defaultContainer(owner, c);
  for (const v of records(spec.volumes)) defaultVolume(v);
  defaultResourceList(owner, spec.overhead);
}

/** A template's spec, created as `{}` when absent so that validation reports what is missing. */
export function templateSpec(tpl: unknown): Json | undefined {
  const t = asRecord(tpl);
  if (!t) return undefined;
  const spec = asRecord(t.spec) ?? {};
  t.spec = spec;
  return spec;
}
