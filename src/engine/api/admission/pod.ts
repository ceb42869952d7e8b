import type { AdmissionAttributes, AdmissionPlugin, ApiServer } from '../apiserver';
import type { KubeObject } from '../types';
import { clone } from '../types';
import { admissionForbidden, traceAdmission } from './common';

/**
 * The pod admission plugins of a default kube-apiserver, in the order it runs them:
 * ServiceAccount, Priority, DefaultTolerationSeconds (k/k plugin/pkg/admission/...).
 */
type Json = Record<string, unknown>;

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
export const SERVICE_ACCOUNT_VOLUME_PREFIX = 'kube-api-access-';
/** WarnOnlyBoundTokenExpirationSeconds: one hour plus seven seconds, the tell-tale 3607. */
export const BOUND_TOKEN_EXPIRATION_SECONDS = 3607;
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

function podParts(attrs: AdmissionAttributes): { pod: KubeObject; spec: Json } | undefined {
  if (attrs.type.kind !== 'Pod' || attrs.subresource || !attrs.object) return undefined;
  const pod = attrs.object;
  const spec = (pod.spec ?? {}) as Json;
  pod.spec = spec;
  return { pod, spec };
}

const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** serviceaccount.TokenVolumeSource: the projected volume every pod shows as kube-api-access-xxxxx. */
export function tokenVolume(name: string): Json {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: BOUND_TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

function referencesSecrets(spec: Json): boolean {
  if (list(spec.imagePullSecrets).length) return true;
  if (list(spec.volumes).some((v) => v.secret || list((v.projected as Json | undefined)?.sources).some((s) => s.secret))) return true;
  return [...list(spec.containers), ...list(spec.initContainers)].some(
    (c) => list(c.env).some((e) => (e.valueFrom as Json | undefined)?.secretKeyRef) || list(c.envFrom).some((e) => e.secretRef),
  );
}

/** Adds the token volume and its read-only mount to every container that has nothing at the mount path. */
function mountServiceAccountToken(api: ApiServer, spec: Json): void {
  const volumes = list(spec.volumes);
  const existing = volumes.find((v) => typeof v.name === 'string' && v.name.startsWith(SERVICE_ACCOUNT_VOLUME_PREFIX));
  const name = typeof existing?.name === 'string' ? existing.name : SERVICE_ACCOUNT_VOLUME_PREFIX + api.random.string(5);
  let needed = false;
  for (const c of [...list(spec.initContainers), ...list(spec.containers)]) {
    const mounts = list(c.volumeMounts);
    if (mounts.some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) continue;
    c.volumeMounts = [...mounts, { name, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH }];
    needed = true;
  }
  if (needed && !existing) spec.volumes = [...volumes, tokenVolume(name)];
}

/**
 * ServiceAccount: defaults serviceAccountName to `default`, rejects a pod whose service account
 * does not exist, mounts the API token and copies the account's imagePullSecrets. Mirror pods are
 * left alone (and may not reference accounts or secrets). Upstream retries a missing `default`
 * account for about a second because the serviceaccount controller creates it right after the
 * namespace; that controller acts at the same simulated instant here, so a missing `default` is
 * taken as about to exist rather than failing a pod created in the same breath as its namespace.
 */
export const serviceAccountAdmission: AdmissionPlugin = {
  name: 'ServiceAccount',
  admit(attrs, api) {
    if (attrs.operation !== 'CREATE') return;
    const parts = podParts(attrs);
    if (!parts) return;
    const { pod, spec } = parts;
    if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) {
      if (spec.serviceAccountName) throw admissionForbidden(attrs, 'a mirror pod may not reference service accounts');
      if (referencesSecrets(spec)) throw admissionForbidden(attrs, 'a mirror pod may not reference secrets');
      return;
    }
    const saName = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName ? spec.serviceAccountName : DEFAULT_SERVICE_ACCOUNT;
    spec.serviceAccountName = saName;
    spec.serviceAccount = saName;
    const sa = api.tryGet<KubeObject & { automountServiceAccountToken?: boolean; imagePullSecrets?: unknown[] }>('ServiceAccount', attrs.namespace, saName);
    if (!sa && saName !== DEFAULT_SERVICE_ACCOUNT) {
      traceAdmission(api, attrs, 'ServiceAccount', `rejected pod "${attrs.name}": service account ${attrs.namespace}/${saName} does not exist`);
      throw admissionForbidden(attrs, `error looking up service account ${attrs.namespace}/${saName}: serviceaccount "${saName}" not found`);
    }
    const automount = typeof spec.automountServiceAccountToken === 'boolean' ? spec.automountServiceAccountToken : (sa?.automountServiceAccountToken ?? true);
    if (automount) mountServiceAccountToken(api, spec);
    if (list(spec.imagePullSecrets).length === 0 && sa?.imagePullSecrets?.length) spec.imagePullSecrets = clone(sa.imagePullSecrets);
  },
};

/** The two built-in PriorityClasses every cluster has (scheduling/v1 SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

function resolvePriority(api: ApiServer, attrs: AdmissionAttributes, className: string): { value: number; policy: string } {
  if (api.registry.byKindName('PriorityClass')) {
    const pc = api.tryGet<KubeObject & { value?: number; preemptionPolicy?: string }>('PriorityClass', undefined, className);
    if (pc) return { value: pc.value ?? 0, policy: pc.preemptionPolicy ?? 'PreemptLowerPriority' };
  }
  const builtin = SYSTEM_PRIORITY_CLASSES[className];
  if (builtin === undefined) throw admissionForbidden(attrs, `no PriorityClass with name ${className} was found`);
  return { value: builtin, policy: 'PreemptLowerPriority' };
}

function defaultPriorityClass(api: ApiServer): { name: string; value: number; policy: string } {
  if (api.registry.byKindName('PriorityClass')) {
    const def = api.listAll('PriorityClass').find((pc) => (pc as { globalDefault?: boolean }).globalDefault === true) as
      | (KubeObject & { value?: number; preemptionPolicy?: string })
      | undefined;
    if (def) return { name: def.metadata.name, value: def.value ?? 0, policy: def.preemptionPolicy ?? 'PreemptLowerPriority' };
  }
  return { name: '', value: 0, policy: 'PreemptLowerPriority' };
}

/**
 * Priority: resolves priorityClassName into spec.priority and spec.preemptionPolicy (0 and
 * PreemptLowerPriority without a class or default class); a pod may not state its own priority.
 */
export const priorityAdmission: AdmissionPlugin = {
  name: 'Priority',
  admit(attrs, api) {
    const parts = podParts(attrs);
    if (!parts) return;
    const { spec } = parts;
    if (attrs.operation === 'UPDATE') {
      const old = (attrs.old?.spec ?? {}) as Json;
      if (spec.priority === undefined && old.priority !== undefined) spec.priority = old.priority;
      if (spec.preemptionPolicy === undefined && old.preemptionPolicy !== undefined) spec.preemptionPolicy = old.preemptionPolicy;
      return;
    }
    if (attrs.operation !== 'CREATE') return;
    let value: number;
    let policy: string;
    if (typeof spec.priorityClassName === 'string' && spec.priorityClassName) {
      ({ value, policy } = resolvePriority(api, attrs, spec.priorityClassName));
    } else {
      const def = defaultPriorityClass(api);
      ({ value, policy } = def);
      if (def.name) spec.priorityClassName = def.name;
    }
    if (typeof spec.priority === 'number' && spec.priority !== value) {
      throw admissionForbidden(attrs, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`);
    }
    spec.priority = value;
    if (typeof spec.preemptionPolicy === 'string' && spec.preemptionPolicy !== policy) {
      throw admissionForbidden(attrs, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
    }
    spec.preemptionPolicy = policy;
  },
};

export const DEFAULT_TOLERATION_SECONDS = 300;

/**
 * DefaultTolerationSeconds: every pod that does not already tolerate them gets five minutes'
 * tolerance of the not-ready and unreachable NoExecute taints, which is why a pod on a dead node
 * is evicted about 5 minutes after the node is marked unreachable.
 */
export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(attrs) {
    if (attrs.operation === 'DELETE') return;
    const parts = podParts(attrs);
    if (!parts) return;
    const { spec } = parts;
    const tolerations = list(spec.tolerations);
    const tolerates = (key: string) => tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
    const add: Json[] = [];
    for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
      if (!tolerates(key)) add.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    }
    if (add.length) spec.tolerations = [...tolerations, ...add];
  },
};
