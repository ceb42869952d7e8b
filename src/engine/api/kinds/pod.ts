import type { Quantity } from '../../apimachinery/quantity';
import { parseQuantity } from '../../apimachinery/quantity';
import type { FieldError } from '../../apimachinery/validation';
import { forbidden, invalid, required } from '../../apimachinery/validation';
import { rfc3339 } from '../../clock';
import type { ResourceType } from '../resources';
import { ALL_VERBS } from '../resources';
import type { KubeObject } from '../types';
import { clone, deepEqual } from '../types';
import { asRecord, validateMetaMaps } from './meta';
import { podSpecDiff } from './poddiff';
import type { Json } from './podspec';
import { defaultPodSpec } from './podspec';
import { validatePodSpec } from './podvalidation';

type PodLike = KubeObject & { spec?: { nodeName?: string; restartPolicy?: string; schedulerName?: string; serviceAccountName?: string; hostNetwork?: boolean }; status?: { phase?: string; podIP?: string; nominatedNodeName?: string } };

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

function containersOf(spec: Json | undefined, field: 'containers' | 'initContainers'): Json[] {
  const v = spec?.[field];
  return Array.isArray(v) ? v.map((c) => asRecord(c) ?? {}) : [];
}

function q(v: unknown): Quantity | undefined {
  try {
    return parseQuantity(typeof v === 'number' ? String(v) : String(v ?? ''));
  } catch {
    return undefined;
  }
}

/**
 * qos.ComputePodQOS: BestEffort when no container requests or limits cpu or memory; Guaranteed when
 * every container limits both and the summed requests equal the summed limits; else Burstable.
 */
export function computePodQOS(spec: Json | undefined): QOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const add = (m: Map<string, Quantity>, name: string, v: Quantity) => m.set(name, m.get(name)?.add(v) ?? v);
  for (const c of [...containersOf(spec, 'containers'), ...containersOf(spec, 'initContainers')]) {
    const res = asRecord(c.resources);
    const found = new Set<string>();
    for (const [name, raw] of Object.entries(asRecord(res?.requests) ?? {})) {
      const v = q(raw);
      if ((name === 'cpu' || name === 'memory') && v && v.sign() > 0) add(requests, name, v);
    }
    for (const [name, raw] of Object.entries(asRecord(res?.limits) ?? {})) {
      const v = q(raw);
      if ((name === 'cpu' || name === 'memory') && v && v.sign() > 0) {
        found.add(name);
        add(limits, name, v);
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || lim.cmp(req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** SetDefaults_Pod: what only a Pod (never a template) gets. */
function defaultPod(obj: KubeObject): void {
  const spec = (asRecord(obj.spec) ?? {}) as Json;
  obj.spec = spec;
  for (const c of [...containersOf(spec, 'containers'), ...containersOf(spec, 'initContainers')]) {
    const res = (asRecord(c.resources) ?? {}) as Json;
    c.resources = res;
    const limits = asRecord(res.limits);
    if (limits) {
      const requests = (asRecord(res.requests) ?? {}) as Json;
      for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
      res.requests = requests;
    }
    if (spec.hostNetwork === true) {
      for (const p of Array.isArray(c.ports) ? c.ports : []) {
        const port = asRecord(p);
        if (port && !port.hostPort) port.hostPort = port.containerPort;
      }
    }
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  defaultPodSpec(obj, spec);
}

export const UPDATABLE_POD_FIELDS =
  '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function validateContainerUpdates(next: Json[], old: Json[], path: string): { errs: FieldError[]; stop: boolean } {
  if (next.length !== old.length) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  next.forEach((c, i) => {
    const image = typeof c.image === 'string' ? c.image : '';
    if (!image) errs.push(required(`${path}[${i}].image`));
    if (image.trim().length !== image.length) errs.push(invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function onlyAddedTolerations(next: unknown, old: unknown): FieldError[] {
  const n = Array.isArray(next) ? next : [];
  for (const o of Array.isArray(old) ? old : []) {
    const found = n.some((t) => deepEqual({ ...(o as Json), tolerationSeconds: (t as Json).tolerationSeconds }, t));
    if (!found) return [forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return [];
}

/** ValidatePodUpdate: a pod's spec is immutable but for images, activeDeadlineSeconds and added tolerations. */
function validatePodUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const spec = (asRecord(obj.spec) ?? {}) as Json;
  const oldSpec = (asRecord(old.spec) ?? {}) as Json;
  const errs: FieldError[] = [];
  for (const field of ['containers', 'initContainers'] as const) {
    const r = validateContainerUpdates(containersOf(spec, field), containersOf(oldSpec, field), `spec.${field}`);
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  const oldAds = oldSpec.activeDeadlineSeconds;
  if (typeof ads === 'number') {
    if (ads < 0 || ads > 2147483647) return [...errs, invalid('spec.activeDeadlineSeconds', ads, 'must be between 0 and 2147483647, inclusive')];
    if (typeof oldAds === 'number' && oldAds < ads) return [...errs, invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value')];
  } else if (typeof oldAds === 'number') {
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...onlyAddedTolerations(spec.tolerations, oldSpec.tolerations));
  if (deepEqual(spec, oldSpec)) return errs;
  const munged = clone(spec);
  for (const field of ['containers', 'initContainers'] as const) {
    const olds = containersOf(oldSpec, field);
    containersOf(munged, field).forEach((c, i) => {
      c.image = olds[i]?.image;
    });
  }
  if (oldSpec.activeDeadlineSeconds === undefined) delete munged.activeDeadlineSeconds;
  else munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  if (oldSpec.tolerations === undefined) delete munged.tolerations;
  else munged.tolerations = oldSpec.tolerations;
  if (oldSpec.schedulingGates === undefined) delete munged.schedulingGates;
  else munged.schedulingGates = oldSpec.schedulingGates;
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (typeof oldGrace === 'number' && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (!deepEqual(munged, oldSpec)) {
    errs.push(forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_FIELDS}\n${podSpecDiff(oldSpec, munged)}`));
  }
  return errs;
}

export const podType: ResourceType = {
  kind: 'Pod',
  group: '',
  version: 'v1',
  plural: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  tracksGeneration: false,
  nameRule: 'dns1123Subdomain',
  verbs: ALL_VERBS,
  fieldSelectors: {
    'spec.nodeName': (o) => (o as PodLike).spec?.nodeName ?? '',
    'spec.restartPolicy': (o) => (o as PodLike).spec?.restartPolicy ?? '',
    'spec.schedulerName': (o) => (o as PodLike).spec?.schedulerName ?? '',
    'spec.serviceAccountName': (o) => (o as PodLike).spec?.serviceAccountName ?? '',
    'spec.hostNetwork': (o) => String((o as PodLike).spec?.hostNetwork ?? false),
    'status.phase': (o) => (o as PodLike).status?.phase ?? '',
    'status.podIP': (o) => (o as PodLike).status?.podIP ?? '',
    'status.nominatedNodeName': (o) => (o as PodLike).status?.nominatedNodeName ?? '',
  },
  strategy: {
    defaults: defaultPod,
    /** podStrategy.PrepareForCreate: clients cannot set status; a new pod is Pending with its QoS class. */
    prepareForCreate(obj, ctx) {
      const spec = asRecord(obj.spec) as Json | undefined;
      const status: Json = { phase: 'Pending', qosClass: computePodQOS(spec) };
      if (Array.isArray(spec?.schedulingGates) && spec.schedulingGates.length > 0) {
        status.conditions = [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'SchedulingGated',
            message: 'Scheduling is blocked due to non-empty scheduling gates',
            lastProbeTime: null,
            lastTransitionTime: rfc3339(ctx.clock.now()),
          },
        ];
      }
      obj.status = status;
    },
    validate(obj) {
      return [...validateMetaMaps(obj.metadata), ...validatePodSpec((asRecord(obj.spec) ?? {}) as Json, 'spec')];
    },
    validateUpdate: validatePodUpdate,
  },
};
