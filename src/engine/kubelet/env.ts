import type { ConfigMap, Container, ResourceFieldSelector, Secret } from 'kubernetes-types/core/v1';
import type { Quantity } from '../apimachinery/quantity';
import { parseQuantity } from '../apimachinery/quantity';
import { expand, mappingFuncFor } from './expansion';
import type { StoredPod } from './model';

/**
 * A container's environment as the kubelet builds it (k/k pkg/kubelet/kubelet_pods.go
 * makeEnvironmentVariables): envFrom first (every key of a ConfigMap's data or a Secret's decoded data,
 * with the prefix), then env in order, which overrides it: a `value` with its `$(VAR)` references to
 * the variables declared before it expanded, or a `valueFrom` resolved from the pod (fieldRef), the
 * container's resources (resourceFieldRef), a ConfigMap key or a Secret key. The service variables
 * (only the `kubernetes` Service's here) come with it. A missing object or key that is not optional
 * is an error, which the caller turns into CreateContainerConfigError.
 */
export interface EnvSource {
  uid: string;
  nodeName: string;
  hostIP: string;
  podIP: string | undefined;
  /** The node's allocatable: the limits a container without limits sees (defaultPodLimitsForDownwardAPI). */
  allocatable: Readonly<Record<string, string>>;
}

/** The kubelet's configMapManager and secretManager (the Watch strategy: what the API server has now). */
export interface ConfigSource {
  configMap(namespace: string, name: string): ConfigMap | undefined;
  secret(namespace: string, name: string): Secret | undefined;
}

export type EnvResult = { ok: true; env: Record<string, string> } | { ok: false; message: string };

/** getServiceEnvVarMap: the `kubernetes` Service's variables, which every pod gets. */
const SERVICE_ENV: Readonly<Record<string, string>> = {
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
  KUBERNETES_SERVICE_PORT_HTTPS: '443',
  KUBERNETES_PORT: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
  KUBERNETES_PORT_443_TCP_PORT: '443',
  KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
};

/** The watch-based managers' NotFound (groupResource `configmap` / `secret`, singular). */
export function notFound(kind: 'configmap' | 'secret', name: string): string {
  return `${kind} "${name}" not found`;
}

/** A Secret's data as the container sees it: each value base64-decoded (stringData is already merged in). */
export function secretData(s: Secret): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) out[k] = decodeBase64(v);
  return out;
}

export function decodeBase64(b64: string): string {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

const sorted = (m: Readonly<Record<string, string>> | undefined): Array<[string, string]> =>
  Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export function makeEnvironmentVariables(pod: StoredPod, c: Container, src: EnvSource, objects: ConfigSource): EnvResult {
  const ns = pod.metadata.namespace ?? 'default';
  const tmpEnv: Record<string, string> = {};
  for (const from of c.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = objects.configMap(ns, from.configMapRef.name ?? '');
      if (!cm) {
        if (from.configMapRef.optional) continue;
        return { ok: false, message: notFound('configmap', from.configMapRef.name ?? '') };
      }
      // Since 1.30 (RelaxedEnvironmentVariableValidation) every key is passed on, valid name or not.
      for (const [k, v] of sorted(cm.data)) tmpEnv[prefix + k] = v;
    } else if (from.secretRef) {
      const s = objects.secret(ns, from.secretRef.name ?? '');
      if (!s) {
        if (from.secretRef.optional) continue;
        return { ok: false, message: notFound('secret', from.secretRef.name ?? '') };
      }
      for (const [k, v] of sorted(secretData(s))) tmpEnv[prefix + k] = v;
    }
  }
  const mapping = mappingFuncFor(tmpEnv, SERVICE_ENV);
  for (const e of c.env ?? []) {
    let value = e.value ?? '';
    if (value !== '') value = expand(value, mapping);
    else if (e.valueFrom) {
      const from = e.valueFrom;
      if (from.fieldRef) value = fieldRef(pod, from.fieldRef.fieldPath, src);
      else if (from.resourceFieldRef) value = resourceFieldRef(pod, c, from.resourceFieldRef, src.allocatable);
      else if (from.configMapKeyRef) {
        const ref = from.configMapKeyRef;
        const cm = objects.configMap(ns, ref.name ?? '');
        if (!cm) {
          if (ref.optional) continue;
          return { ok: false, message: notFound('configmap', ref.name ?? '') };
        }
        const v = cm.data?.[ref.key];
        if (v === undefined) {
          if (ref.optional) continue;
          return { ok: false, message: `couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name ?? ''}` };
        }
        value = v;
      } else if (from.secretKeyRef) {
        const ref = from.secretKeyRef;
        const s = objects.secret(ns, ref.name ?? '');
        if (!s) {
          if (ref.optional) continue;
          return { ok: false, message: notFound('secret', ref.name ?? '') };
        }
        const v = s.data?.[ref.key];
        if (v === undefined) {
          if (ref.optional) continue;
          return { ok: false, message: `couldn't find key ${ref.key} in Secret ${ns}/${ref.name ?? ''}` };
        }
        value = decodeBase64(v);
      }
    }
    tmpEnv[e.name] = value;
  }
  return { ok: true, env: { ...SERVICE_ENV, ...tmpEnv } };
}

/** podFieldSelectorRuntimeValue, for the fields the downward API allows in env. */
function fieldRef(pod: StoredPod, path: string, src: EnvSource): string {
  const m = pod.metadata;
  switch (path) {
    case 'metadata.name':
      return m.name;
    case 'metadata.namespace':
      return m.namespace ?? 'default';
    case 'metadata.uid':
      return src.uid;
    case 'spec.nodeName':
      return src.nodeName;
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP':
    case 'status.podIPs':
      return src.podIP ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return src.hostIP;
    default: {
      const sub = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
      if (!sub) return '';
      const bag = sub[1] === 'labels' ? m.labels : m.annotations;
      return bag?.[sub[2]!] ?? '';
    }
  }
}

/**
 * containerResourceRuntimeValue: a request or limit of this container (or the one named), divided by
 * the divisor (default 1) and rounded up; a limit that is not set is the node's allocatable.
 */
function resourceFieldRef(pod: StoredPod, self: Container, ref: ResourceFieldSelector, allocatable: Readonly<Record<string, string>>): string {
  const c = ref.containerName ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x) => x.name === ref.containerName) ?? self : self;
  const [kind, resource] = ref.resource.split('.', 2) as [string, string];
  const set = kind === 'limits' ? c.resources?.limits : c.resources?.requests;
  const raw = set?.[resource] ?? (kind === 'limits' ? allocatable[resource] : undefined);
  const q = quantity(raw ?? '0');
  const divisor = quantity(ref.divisor === undefined ? '0' : String(ref.divisor));
  const d = divisor.isZero() ? quantity('1') : divisor;
  const n = resource === 'cpu' ? Math.ceil(q.milliValue() / d.milliValue()) : Math.ceil(q.value() / d.value());
  return String(n);
}

function quantity(s: string | number): Quantity {
  return parseQuantity(String(s));
}
