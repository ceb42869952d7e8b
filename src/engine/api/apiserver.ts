import { parseFieldSelector } from '../apimachinery/fields';
import { parseSelector } from '../apimachinery/labels';
import { applyJsonPatch } from '../apimachinery/merge/jsonpatch';
import { applyMergePatch } from '../apimachinery/merge/jsonmerge';
import { applyStrategicMergePatch, patchMetaFor } from '../apimachinery/merge/strategic';
import { isPatchError } from '../apimachinery/merge/errors';
import { checkPatchedIdentity, decodePatchBody, decodePatched, noSuchResource, SCALE_KINDS, scaleOf } from './patching';
import { checkObject, decodeErrorMessage } from './schema';
import type { FieldError } from '../apimachinery/validation';
import { forbidden as fieldForbidden, invalid as fieldInvalid, required as fieldRequired } from '../apimachinery/validation';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain } from '../apimachinery/validation';
import type { Clock } from '../clock';
import { parseTime, rfc3339 } from '../clock';
import type { Random } from '../random';
import type { Trace } from '../trace';
import {
  alreadyExists,
  badRequest,
  conflict,
  CONFLICT_MODIFIED,
  invalid,
  notFound,
  StatusError,
} from './errors';
import type { ResourceRegistry, ResourceType, StrategyContext } from './resources';
import type { ExecOptions, ExecStream } from './streaming';
import { dialError, validateStreamContainer } from './streaming';
import { apiVersionOf } from './resources';
import type { StoredEvent } from './store';
import { Store } from './store';
import type { KubeObject, ObjectInput, WatchEvent } from './types';
import { clone, deepEqual, objectKey } from './types';

/**
 * The API server: the only door to the store. Every component (controllers, scheduler, kubelets,
 * kubectl, the UI) reads and writes through these verbs, which mirror the Kubernetes REST API:
 * decode and strict field validation, defaulting, admission, validation, then storage with a new
 * resourceVersion and a watch event. The verbs take plain data and return plain data, so an HTTP
 * facade could serve them to a real kubectl unchanged.
 */
export interface RequestOptions {
  /** `All` runs the whole request but stores nothing (kubectl --dry-run=server). */
  dryRun?: boolean;
  /**
   * Decoding checks against the schema, as the `fieldValidation` query parameter: Strict rejects
   * unknown fields (kubectl sends Strict by default). Wrong types are rejected whenever it is set.
   * In-cluster components send well-formed objects and skip the check.
   */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** Who is asking: a component name for the trace (`replicaset-controller`, `kubectl`). */
  user?: string;
  /**
   * In-process callers that build a fresh object for each write (the event recorder, the kubelet's
   * status manager) hand it over: the server keeps it instead of taking a defensive deep copy. The
   * caller must not touch it afterwards; with freezing on (the tests) a later write to it throws.
   */
  handoff?: boolean;
  /**
   * The response's Warning headers: the server appends what it warns about (a patch's unknown fields
   * under the default fieldValidation, Warn), and kubectl prints each as `Warning: ...` on stderr.
   */
  warnings?: string[];
}

export interface CreateOptions extends RequestOptions {
  /** The namespace of the request path; the object's own namespace must agree with it. */
  namespace?: string;
}

export interface DeleteOptions extends RequestOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

export interface WatchOptions extends ListOptions {
  namespace?: string;
  /** Resume after this resourceVersion; unset or "0" starts with the current state as ADDED events. */
  resourceVersion?: string;
}

export type PatchType = 'merge' | 'strategic' | 'json';

export interface AdmissionAttributes {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  type: ResourceType;
  /** The object to be stored; mutating plugins change it in place (absent for DELETE). */
  object?: KubeObject;
  old?: KubeObject;
  namespace: string | undefined;
  name: string;
  subresource?: string;
  dryRun: boolean;
}

/** An admission plugin: `admit` may mutate, `validate` may only reject (throw a StatusError). */
export interface AdmissionPlugin {
  name: string;
  admit?(attrs: AdmissionAttributes, api: ApiServer): void;
  validate?(attrs: AdmissionAttributes, api: ApiServer): void;
}

/** What the API server asks of a node's kubelet (its port 10250 in a real cluster). */
export interface NodeAgent {
  logs(namespace: string, pod: string, container: string, opts: LogOptions): string[];
  /** The kubelet's /exec endpoint: runs the command in the container and streams it back. */
  exec(namespace: string, pod: string, container: string, opts: ExecOptions): ExecStream;
}

export interface LogOptions {
  container?: string;
  previous?: boolean;
  tailLines?: number;
  timestamps?: boolean;
}

/** A decoder hook: strict field validation against the schema (unknown fields, wrong types). */
export type ObjectChecker = (obj: ObjectInput, type: ResourceType) => string | undefined;

export interface ApiServerDeps {
  clock: Clock;
  random: Random;
  trace: Trace;
  registry: ResourceRegistry;
  freeze?: boolean;
  /** How many changes watches can resume across before 410 Gone. */
  watchWindow?: number;
}

export class ApiServer {
  readonly clock: Clock;
  readonly random: Random;
  readonly registry: ResourceRegistry;
  readonly trace: Trace;
  private readonly store: Store;
  private readonly admission: AdmissionPlugin[] = [];
  private readonly nodeAgents = new Map<string, NodeAgent>();
  private checker: ObjectChecker | undefined;
  private readonly strategyCtx: StrategyContext;

  constructor(deps: ApiServerDeps) {
    this.clock = deps.clock;
    this.random = deps.random;
    this.registry = deps.registry;
    this.trace = deps.trace;
    this.store = new Store({ freeze: deps.freeze ?? true, logLimit: deps.watchWindow ?? 5_000 });
    this.strategyCtx = {
      clock: this.clock,
      random: this.random,
      get: (kind, ns, name) => this.store.get(kind, objectKey(ns, name)),
    };
  }

  /** The current (global) resourceVersion. */
  get resourceVersion(): string {
    return String(this.store.resourceVersion);
  }

  addAdmission(plugin: AdmissionPlugin): void {
    this.admission.push(plugin);
  }

  setObjectChecker(checker: ObjectChecker): void {
    this.checker = checker;
  }

  registerNodeAgent(node: string, agent: NodeAgent): void {
    this.nodeAgents.set(node, agent);
  }

  // ---------------------------------------------------------------- reads

  /** GET. Throws NotFound in the API server's words. */
  get<T = KubeObject>(kind: string, namespace: string | undefined, name: string): T {
    const t = this.registry.mustKind(kind);
    const obj = this.store.get(kind, objectKey(t.namespaced ? namespace : undefined, name));
    if (!obj) throw notFound({ group: t.group, resource: t.plural }, name);
    return obj as T;
  }

  tryGet<T = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const t = this.registry.mustKind(kind);
    return this.store.get(kind, objectKey(t.namespaced ? namespace : undefined, name)) as T | undefined;
  }

  /** LIST, with label and field selectors; namespace undefined lists every namespace. Sorted by namespace, then name. */
  list<T = KubeObject>(kind: string, namespace?: string, opts: ListOptions = {}): { items: T[]; resourceVersion: string } {
    const t = this.registry.mustKind(kind);
    const filter = this.filterFor(t, namespace, opts);
    const items = this.store.list(kind).filter(filter);
    items.sort(compareObjects);
    return { items: items as T[], resourceVersion: this.resourceVersion };
  }

  /**
   * WATCH. Delivers events synchronously after each write. Resumes from a resourceVersion (410 Gone
   * when that is too old); objects that stop matching a selector arrive as DELETED, as in Kubernetes.
   */
  watch(kind: string, opts: WatchOptions, handler: (e: WatchEvent) => void): () => void {
    const t = this.registry.mustKind(kind);
    const filter = this.filterFor(t, opts.namespace, opts);
    const deliver = (e: StoredEvent) => {
      if (e.kind !== kind) return;
      const now = filter(e.object);
      const before = e.old ? filter(e.old) : false;
      if (e.type === 'MODIFIED') {
        if (now && before) handler({ type: 'MODIFIED', object: e.object });
        else if (now) handler({ type: 'ADDED', object: e.object });
        else if (before) handler({ type: 'DELETED', object: e.object });
      } else if (now || (e.type === 'DELETED' && before)) {
        handler({ type: e.type, object: e.object });
      }
    };
    const rv = opts.resourceVersion;
    if (rv === undefined || rv === '' || rv === '0') {
      for (const obj of this.list(kind, opts.namespace, opts).items) handler({ type: 'ADDED', object: obj });
    } else {
      const from = Number(rv);
      if (!Number.isInteger(from)) throw badRequest(`invalid resource version: ${rv}`);
      for (const e of this.store.since(from)) deliver(e);
    }
    return this.store.subscribe(deliver);
  }

  /** In-process informers subscribe to every change of every kind (the engine's shared watch cache). */
  subscribe(listener: (e: StoredEvent) => void): () => void {
    return this.store.subscribe(listener);
  }

  /** Raw store access for informers priming their caches. */
  listAll(kind: string): KubeObject[] {
    return this.store.list(kind);
  }

  // ---------------------------------------------------------------- writes

  /** POST. */
  create<T = KubeObject>(input: ObjectInput, opts: CreateOptions = {}): T {
    const t = this.typeOf(input);
    const obj = this.decode(input, t, opts.fieldValidation, opts.handoff);
    const meta = obj.metadata;
    if (t.namespaced) {
      const ns = meta.namespace || opts.namespace;
      if (meta.namespace && opts.namespace && meta.namespace !== opts.namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      if (!ns) throw badRequest('an empty namespace may not be set during creation');
      meta.namespace = ns;
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) {
      // names.SimpleNameGenerator: base truncated to 58 characters + 5 random ones. On a collision the
      // generic store tries again, 8 attempts in all (RetryGenerateName, GA in 1.32).
      const base = meta.generateName.slice(0, 58);
      const key = (name: string) => objectKey(t.namespaced ? meta.namespace : undefined, name);
      meta.name = base + this.random.string(5);
      for (let attempt = 1; attempt < 8 && this.store.get(t.kind, key(meta.name)); attempt++) meta.name = base + this.random.string(5);
    }
    const now = this.clock.now();
    meta.uid = this.random.uuid();
    meta.creationTimestamp = rfc3339(now);
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (t.tracksGeneration) meta.generation = 1;
    else delete meta.generation;
    t.strategy.defaults?.(obj, this.strategyCtx);
    t.strategy.prepareForCreate?.(obj, this.strategyCtx);
    const attrs: AdmissionAttributes = {
      operation: 'CREATE',
      type: t,
      object: obj,
      namespace: meta.namespace,
      name: meta.name ?? '',
      dryRun: !!opts.dryRun,
    };
    for (const p of this.admission) p.admit?.(attrs, this);
    const errs = [...this.validateMeta(obj, t), ...(t.strategy.validate?.(obj, this.strategyCtx) ?? [])];
    if (errs.length) throw invalid(t.kind, t.group, meta.name ?? '', errs);
    for (const p of this.admission) p.validate?.(attrs, this);
    const key = objectKey(meta.namespace, meta.name);
    if (this.store.get(t.kind, key)) {
      if (input.metadata?.generateName && !input.metadata.name) {
        throw new StatusError({
          reason: 'AlreadyExists',
          code: 409,
          message: `${t.plural} "${meta.name}" already exists, the server was not able to generate a unique name for the object`,
        });
      }
      throw alreadyExists({ group: t.group, resource: t.plural }, meta.name);
    }
    if (opts.dryRun) {
      obj.metadata.resourceVersion = '';
      return obj as T;
    }
    this.traceWrite('create', t, obj, opts);
    return this.store.put(t.kind, key, obj, 'ADDED') as T;
  }

  /** PUT on the main resource. */
  update<T = KubeObject>(input: ObjectInput, opts: RequestOptions = {}): T {
    return this.doUpdate(input, opts, undefined) as T;
  }

  /** PUT on the status subresource: only .status changes. */
  updateStatus<T = KubeObject>(input: ObjectInput, opts: RequestOptions = {}): T {
    return this.doUpdate(input, opts, 'status') as T;
  }

  /** PUT namespaces/{name}/finalize: the only way to change a Namespace's spec.finalizers. */
  finalizeNamespace(input: ObjectInput, opts: RequestOptions = {}): KubeObject {
    return this.doUpdate(input, opts, 'finalize');
  }

  /**
   * PATCH (JSON merge, strategic merge or JSON patch) on the main resource, its status or its scale.
   * As the real handler without a fieldValidation (the default is Warn, and kubectl patch sends
   * none): the body must decode into the patch type, the patched object into its kind; unknown
   * fields are dropped and named in `opts.warnings`. On `scale` the patch applies to the object's
   * autoscaling/v1 Scale, and the Scale comes back.
   */
  patch<T = KubeObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: RequestOptions & { subresource?: 'status' | 'scale' } = {},
  ): T {
    const sub = opts.subresource;
    const current = sub ? this.getSubresource(kind, namespace, name, sub) : this.get(kind, namespace, name);
    const body = decodePatchBody(type, patch);
    let patched: unknown;
    try {
      if (type === 'merge') patched = applyMergePatch(current, body);
      else if (type === 'json') patched = applyJsonPatch(current, body);
      else patched = applyStrategicMergePatch(current, body, patchMetaFor(current.kind));
    } catch (e) {
      if (e instanceof StatusError) throw e;
      if (isPatchError(e)) {
        throw new StatusError({
          reason: e.reason,
          code: e.code,
          message: e.statusMessage,
          ...(e.statusMessage !== e.message ? { details: { causes: [{ reason: 'FieldValueInvalid', message: e.message }] } } : {}),
        });
      }
      throw badRequest(e instanceof Error ? e.message : String(e));
    }
    let next = patched as ObjectInput;
    if (!opts.fieldValidation || opts.fieldValidation === 'Warn') next = decodePatched(type, body, next, opts.warnings ?? []);
    checkPatchedIdentity(next, this.registry.mustKind(kind).namespaced ? namespace : undefined, name);
    // A patch applies to what it read: keep that resourceVersion unless the patch names one itself.
    const patchMeta = (body as { metadata?: { resourceVersion?: string } } | null)?.metadata;
    next.metadata = { ...next.metadata, resourceVersion: patchMeta?.resourceVersion ?? current.metadata.resourceVersion };
    if (sub === 'scale') {
      // scaleUpdatedObjectInfo: only spec.replicas and the resourceVersion reach the object.
      const replicas = (next.spec as { replicas?: number } | undefined)?.replicas ?? 0;
      const { subresource: _sub, ...rest } = opts;
      const updated = this.updateScale(kind, namespace ?? '', name, replicas, { ...rest, resourceVersion: next.metadata.resourceVersion ?? '' });
      return scaleOf(updated) as T;
    }
    return this.doUpdate(next, opts, sub) as T;
  }

  /**
   * GET .../{name}/status (the object itself) or .../{name}/scale (its autoscaling/v1 Scale). A kind
   * without that subresource has no such path: the server's plain 404.
   */
  getSubresource(kind: string, namespace: string | undefined, name: string, subresource: 'status' | 'scale'): KubeObject {
    const t = this.registry.mustKind(kind);
    if (subresource === 'status' ? !t.statusSubresource : !SCALE_KINDS.includes(kind)) throw noSuchResource();
    const obj = this.get(kind, namespace, name);
    return subresource === 'scale' ? scaleOf(obj) : obj;
  }

  /**
   * DELETE. Graceful for pods on a node (deletionTimestamp, then the kubelet finishes the job); held
   * by finalizers, including the garbage collector's `foregroundDeletion` and `orphan`.
   */
  delete<T = KubeObject>(kind: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): T {
    const t = this.registry.mustKind(kind);
    const ns = t.namespaced ? namespace : undefined;
    const key = objectKey(ns, name);
    const current = this.store.get(kind, key);
    if (!current) throw notFound({ group: t.group, resource: t.plural }, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw conflict({ group: t.group, resource: t.plural }, name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict({ group: t.group, resource: t.plural }, name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`);
    }
    const attrs: AdmissionAttributes = { operation: 'DELETE', type: t, old: current, namespace: ns, name, dryRun: !!opts.dryRun };
    for (const p of this.admission) p.validate?.(attrs, this);
    if (opts.dryRun) return current as T;

    const grace = this.gracePeriod(t, current, opts);
    // Only metadata (and a Namespace's status, replaced whole) changes: share the rest with the stored object.
    const next = { ...current, metadata: { ...current.metadata } } as KubeObject;
    const finalizers = new Set(next.metadata.finalizers ?? []);
    if (opts.propagationPolicy === 'Orphan') finalizers.add('orphan');
    if (opts.propagationPolicy === 'Foreground') finalizers.add('foregroundDeletion');
    if (opts.propagationPolicy === 'Background') finalizers.delete('orphan');
    if (finalizers.size) next.metadata.finalizers = [...finalizers];
    else delete next.metadata.finalizers;

    const now = this.clock.now();
    if (current.metadata.deletionTimestamp) {
      // Already being deleted (rest.BeforeDelete): only a shorter grace period changes anything
      // (kubectl --now, the kubelet's final delete). The deadline moves by the difference, and the
      // shortened object is written before it is removed, so watchers see both (API16).
      const existing = current.metadata.deletionGracePeriodSeconds ?? 0;
      if (existing > 0 && opts.gracePeriodSeconds !== undefined && grace < existing) {
        next.metadata.deletionGracePeriodSeconds = grace;
        next.metadata.deletionTimestamp = rfc3339(parseTime(current.metadata.deletionTimestamp)! - existing * 1000 + grace * 1000);
        const updated = this.store.put(kind, key, next, 'MODIFIED', current);
        if (grace !== 0 || !this.isFinalized(updated)) return updated as T;
        return this.remove(t, key, { ...updated, metadata: { ...updated.metadata } }, opts) as T;
      }
      if (existing === 0 && this.isFinalized(next)) return this.remove(t, key, next, opts) as T;
      if (deepEqual(next, current)) return current as T;
      return this.store.put(kind, key, next, 'MODIFIED', current) as T;
    }
    if (grace > 0 || !this.isFinalized(next)) {
      next.metadata.deletionTimestamp = rfc3339(now + grace * 1000);
      next.metadata.deletionGracePeriodSeconds = grace;
      if (t.kind === 'Namespace') (next as { status?: { phase?: string } }).status = { ...(next.status as object), phase: 'Terminating' };
      this.traceWrite('delete (graceful)', t, next, opts);
      return this.store.put(kind, key, next, 'MODIFIED', current) as T;
    }
    return this.remove(t, key, next, opts) as T;
  }

  /** POST pods/binding: what the scheduler does to place a pod. */
  bind(namespace: string, podName: string, nodeName: string, opts: RequestOptions = {}): KubeObject {
    const pod = this.get('Pod', namespace, podName);
    const spec = pod.spec as { nodeName?: string };
    if (pod.metadata.deletionTimestamp) {
      throw conflict({ group: '', resource: 'pods' }, podName, 'pod is being deleted, cannot be assigned to a host');
    }
    if (spec.nodeName) {
      throw conflict({ group: '', resource: 'pods' }, podName, `pod ${podName} is already assigned to node "${spec.nodeName}"`);
    }
    // Structural sharing with the stored (frozen) pod: only spec.nodeName and the conditions change.
    const next = { ...pod, metadata: { ...pod.metadata }, spec: { ...(pod.spec as object), nodeName } } as KubeObject;
    const status = { ...((pod.status ?? {}) as object) } as { conditions?: Array<{ type: string; status: string; lastTransitionTime?: string; lastProbeTime?: null }> };
    const conds = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conds.unshift({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(this.clock.now()) });
    status.conditions = conds;
    next.status = status;
    const key = objectKey(namespace, podName);
    this.traceWrite('bind', this.registry.mustKind('Pod'), next, opts, ` to ${nodeName}`);
    return this.store.put('Pod', key, this.carryOver(next, pod), 'MODIFIED', pod);
  }

  /** GET/PUT on the scale subresource of Deployments, ReplicaSets and StatefulSets. */
  getScale(kind: string, namespace: string, name: string): { replicas: number; statusReplicas: number; selector: string } {
    const obj = this.get(kind, namespace, name) as KubeObject & { spec?: { replicas?: number }; status?: { replicas?: number } };
    return { replicas: obj.spec?.replicas ?? 0, statusReplicas: obj.status?.replicas ?? 0, selector: '' };
  }

  updateScale(kind: string, namespace: string, name: string, replicas: number, opts: RequestOptions & { resourceVersion?: string } = {}): KubeObject {
    const t = this.registry.mustKind(kind);
    if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(kind)) {
      throw notFound({ group: t.group, resource: `${t.plural}/scale` }, name);
    }
    const obj = this.get(kind, namespace, name);
    if (opts.resourceVersion && opts.resourceVersion !== obj.metadata.resourceVersion) {
      throw conflict({ group: t.group, resource: t.plural }, name, CONFLICT_MODIFIED);
    }
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw invalid('Scale', 'autoscaling', name, [fieldInvalid('spec.replicas', replicas, 'must be greater than or equal to 0')]);
    }
    const next = clone(obj);
    (next.spec as { replicas?: number }).replicas = replicas;
    return this.doUpdate(next, opts, undefined);
  }

  /** GET pods/log: the API server asks the pod's kubelet, as the real one proxies to port 10250. */
  logs(namespace: string, podName: string, opts: LogOptions = {}): string[] {
    const pod = this.get('Pod', namespace, podName) as KubeObject & {
      spec: { nodeName?: string; containers: Array<{ name: string }>; initContainers?: Array<{ name: string }> };
      status?: { containerStatuses?: Array<{ name: string; state?: { waiting?: { reason?: string } } }> };
    };
    const names = pod.spec.containers.map((c) => c.name);
    const container = opts.container ?? (names.length === 1 ? names[0] : undefined);
    if (!container) {
      throw badRequest(`a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]`);
    }
    const all = [...names, ...(pod.spec.initContainers ?? []).map((c) => c.name)];
    if (!all.includes(container)) throw badRequest(`container ${container} is not valid for pod ${podName}`);
    const status = pod.status?.containerStatuses?.find((s) => s.name === container);
    const waiting = status?.state?.waiting;
    if (!opts.previous && (!status || (waiting && !('lastState' in status && (status as { lastState?: { terminated?: unknown } }).lastState?.terminated)))) {
      // The kubelet's words (validateContainerLogStatus) for the common pending failures.
      const reason = waiting?.reason ?? 'ContainerCreating';
      const why = reason === 'ErrImagePull' ? "image can't be pulled" : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
      throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${why}`);
    }
    const agent = pod.spec.nodeName ? this.nodeAgents.get(pod.spec.nodeName) : undefined;
    if (!agent) throw badRequest(`pod ${podName} does not have a host assigned`);
    return agent.logs(namespace, podName, container, opts);
  }

  /**
   * POST pods/exec (ExecLocation): the pod and its container as the registry validates them, then the
   * connection goes to the kubelet of the pod's node. Upgrade failures throw: a StatusError from this
   * server, an UpgradeRefusedError with the kubelet's plain-text answer.
   */
  exec(namespace: string, podName: string, opts: ExecOptions): ExecStream {
    const pod = this.get('Pod', namespace, podName) as KubeObject & {
      spec: { nodeName?: string; containers: Array<{ name: string }>; initContainers?: Array<{ name: string }>; ephemeralContainers?: Array<{ name: string }> };
    };
    const container = validateStreamContainer(pod.spec, podName, opts.container);
    const node = pod.spec.nodeName;
    if (!node) throw badRequest(`pod ${podName} does not have a host assigned`);
    // GetConnectionInfo reads the Node for its address.
    const nodeObj = this.get('Node', undefined, node) as KubeObject & { status?: { addresses?: Array<{ type: string; address: string }> } };
    const agent = this.nodeAgents.get(node);
    if (!agent) throw dialError(nodeObj.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? node);
    this.trace.record({ component: 'kube-apiserver', message: `exec into ${namespace}/${podName} (container ${container}): proxied to the kubelet on ${node}`, ref: { kind: 'Pod', namespace, name: podName } });
    return agent.exec(namespace, podName, container, { ...opts, container });
  }

  // ---------------------------------------------------------------- internals

  private doUpdate(input: ObjectInput, opts: RequestOptions, subresource: 'status' | 'finalize' | undefined): KubeObject {
    const t = this.typeOf(input);
    const name = input.metadata?.name;
    if (!name) throw invalid(t.kind, t.group, '', [fieldRequired('metadata.name', 'name or generateName is required')]);
    const ns = t.namespaced ? input.metadata?.namespace : undefined;
    if (t.namespaced && !ns) throw badRequest('the namespace of the object must be set on update');
    const key = objectKey(ns, name);
    const old = this.store.get(t.kind, key);
    if (!old) throw notFound({ group: t.group, resource: t.plural }, name);
    const gr = { group: t.group, resource: t.plural };
    const rv = input.metadata?.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(gr, name, CONFLICT_MODIFIED);
    if (input.metadata?.uid && input.metadata.uid !== old.metadata.uid) {
      throw conflict(gr, name, `Precondition failed: UID in precondition: ${input.metadata.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    let next: KubeObject;
    if (subresource === 'status') {
      // Structural sharing: everything but status is the (frozen) old object's own subtrees.
      next = { ...old, metadata: { ...old.metadata } } as KubeObject;
      if (t.annotationsAreSpec) {
        const a = input.metadata?.annotations;
        if (a && Object.keys(a).length) next.metadata.annotations = clone(a);
        else delete next.metadata.annotations;
      }
      if (input.status === undefined) delete next.status;
      else next.status = opts.handoff ? (input.status as KubeObject['status']) : clone(input.status);
    } else if (subresource === 'finalize') {
      next = clone(old);
      next.spec = { ...(old.spec as object), finalizers: [...((input.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [])] };
    } else {
      next = this.decode(input, t, opts.fieldValidation, opts.handoff);
      t.strategy.defaults?.(next, this.strategyCtx);
      if (t.statusSubresource) {
        if (old.status === undefined) delete next.status;
        else next.status = old.status;
      }
      t.strategy.prepareForUpdate?.(next, old, this.strategyCtx);
    }
    next = this.carryOver(next, old);
    const specChanged = !deepEqual(next.spec, old.spec) || (t.annotationsAreSpec && !deepEqual(next.metadata.annotations ?? {}, old.metadata.annotations ?? {}));
    if (subresource !== 'status' && t.tracksGeneration && specChanged) {
      next.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
    const attrs: AdmissionAttributes = {
      operation: 'UPDATE',
      type: t,
      object: next,
      old,
      namespace: ns,
      name,
      dryRun: !!opts.dryRun,
      ...(subresource ? { subresource } : {}),
    };
    for (const p of this.admission) p.admit?.(attrs, this);
    const errs =
      subresource === 'status' || subresource === 'finalize'
        ? (subresource === 'status' ? (t.strategy.validateStatusUpdate?.(next, old, this.strategyCtx) ?? []) : [])
        : [
            ...this.validateMetaUpdate(next, old),
            ...(t.strategy.validate?.(next, this.strategyCtx) ?? []),
            ...(t.strategy.validateUpdate?.(next, old, this.strategyCtx) ?? []),
          ];
    if (errs.length) throw invalid(t.kind, t.group, name, errs);
    for (const p of this.admission) p.validate?.(attrs, this);
    if (opts.dryRun) return next;
    // A no-op write changes nothing, not even the resourceVersion, as with the real API server.
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    if (deepEqual(next, old)) return old;
    if (next.metadata.deletionTimestamp && this.isFinalized(next) && !(next.metadata.deletionGracePeriodSeconds ?? 0)) {
      return this.remove(t, key, next, opts);
    }
    this.traceWrite(subresource ? 'update status' : 'update', t, next, opts);
    return this.store.put(t.kind, key, next, 'MODIFIED', old);
  }

  /** Fields clients cannot change through an update. */
  private carryOver(next: KubeObject, old: KubeObject): KubeObject {
    const m = next.metadata;
    const o = old.metadata;
    m.name = o.name;
    if (o.namespace) m.namespace = o.namespace;
    m.uid = o.uid;
    m.creationTimestamp = o.creationTimestamp;
    if (o.generation !== undefined) m.generation = o.generation;
    if (o.deletionTimestamp) {
      m.deletionTimestamp = o.deletionTimestamp;
      if (o.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = o.deletionGracePeriodSeconds;
    } else {
      delete m.deletionTimestamp;
      delete m.deletionGracePeriodSeconds;
    }
    if (o.generateName && !m.generateName) m.generateName = o.generateName;
    return next;
  }

  private remove(t: ResourceType, key: string, obj: KubeObject, opts: RequestOptions): KubeObject {
    this.traceWrite('delete', t, obj, opts);
    return this.store.remove(t.kind, key, obj);
  }

  private isFinalized(obj: KubeObject): boolean {
    if (obj.metadata.finalizers?.length) return false;
    if (obj.kind === 'Namespace') {
      const fin = (obj.spec as { finalizers?: string[] } | undefined)?.finalizers;
      if (fin?.length) return false;
    }
    return true;
  }

  private gracePeriod(t: ResourceType, obj: KubeObject, opts: DeleteOptions): number {
    if (t.kind !== 'Pod') return 0;
    const spec = obj.spec as { nodeName?: string; terminationGracePeriodSeconds?: number };
    const phase = (obj.status as { phase?: string } | undefined)?.phase;
    // pod strategy CheckGracefulDelete: unscheduled or finished pods go at once.
    if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
    const g = opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, g);
  }

  private typeOf(input: ObjectInput): ResourceType {
    if (!input || typeof input !== 'object') throw badRequest('Object cannot be handled: not an object');
    const { apiVersion, kind } = input;
    if (!kind) throw badRequest("Object 'Kind' is missing in the request body");
    if (!apiVersion) throw badRequest("Object 'apiVersion' is missing in the request body");
    const t = this.registry.forObject(apiVersion, kind);
    if (!t) throw new StatusError({ reason: 'NotFound', code: 404, message: `the server could not find the requested resource` });
    return t;
  }

  /** Decoding: a private copy of the input, checked against the schema when the client asks for it. */
  private decode(input: ObjectInput, t: ResourceType, fieldValidation?: RequestOptions['fieldValidation'], handoff = false): KubeObject {
    if (fieldValidation) {
      const all = checkObject(input);
      const issues = fieldValidation === 'Strict' ? all : all.filter((i) => i.type !== 'unknown-field');
      const msg = issues.length ? decodeErrorMessage(input, issues) : undefined;
      if (msg) throw badRequest(msg);
    }
    const msg = this.checker?.(input, t);
    if (msg) throw badRequest(msg);
    const obj = (handoff ? input : clone(input)) as KubeObject;
    obj.apiVersion = apiVersionOf(t);
    obj.kind = t.kind;
    obj.metadata = (obj.metadata ?? {}) as KubeObject['metadata'];
    dropEmptyMeta(obj.metadata);
    return obj;
  }

  private validateMeta(obj: KubeObject, t: ResourceType): FieldError[] {
    const m = obj.metadata;
    if (!m.name) {
      return [fieldRequired('metadata.name', 'name or generateName is required')];
    }
    const check = t.nameRule === 'dns1123Label' ? isDNS1123Label : t.nameRule === 'dns1035Label' ? isDNS1035Label : t.nameRule === 'dns1123Subdomain' ? isDNS1123Subdomain : undefined;
    const errs: FieldError[] = [];
    for (const msg of check?.(m.name) ?? []) errs.push(fieldInvalid('metadata.name', m.name, msg));
    if (t.namespaced && m.namespace) {
      for (const msg of isDNS1123Label(m.namespace)) errs.push(fieldInvalid('metadata.namespace', m.namespace, msg));
    }
    return errs;
  }

  private validateMetaUpdate(next: KubeObject, old: KubeObject): FieldError[] {
    const errs: FieldError[] = [];
    if (old.metadata.deletionTimestamp) {
      const added = (next.metadata.finalizers ?? []).filter((f) => !(old.metadata.finalizers ?? []).includes(f));
      if (added.length) errs.push(fieldForbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`));
    }
    return errs;
  }

  private filterFor(t: ResourceType, namespace: string | undefined, opts: ListOptions): (o: KubeObject) => boolean {
    // The list handler's words when a selector does not parse or names an unsupported field.
    const unable = (err: string) =>
      badRequest(`Unable to find "${t.group}/${t.version}, Resource=${t.plural}" that match label selector "${opts.labelSelector ?? ''}", field selector "${opts.fieldSelector ?? ''}": ${err}`);
    let ls: ReturnType<typeof parseSelector> | undefined;
    let fs: ReturnType<typeof parseFieldSelector> | undefined;
    try {
      ls = opts.labelSelector ? parseSelector(opts.labelSelector) : undefined;
      fs = opts.fieldSelector ? parseFieldSelector(opts.fieldSelector) : undefined;
    } catch (e) {
      throw unable(e instanceof Error ? e.message : String(e));
    }
    if (fs) {
      for (const req of fs.requirements) {
        if (req.field !== 'metadata.name' && req.field !== 'metadata.namespace' && !t.fieldSelectors?.[req.field]) {
          throw unable(`field label not supported: ${req.field}`);
        }
      }
    }
    const ns = t.namespaced ? namespace : undefined;
    return (o) => {
      if (ns && o.metadata.namespace !== ns) return false;
      if (ls && !ls.matches(o.metadata.labels ?? {})) return false;
      if (fs) {
        const getField = (path: string): string | undefined => {
          if (path === 'metadata.name') return o.metadata.name;
          if (path === 'metadata.namespace') return o.metadata.namespace ?? '';
          return t.fieldSelectors?.[path]?.(o);
        };
        if (!fs.matches(getField)) return false;
      }
      return true;
    };
  }

  private traceWrite(verb: string, t: ResourceType, obj: KubeObject, opts: RequestOptions, suffix = ''): void {
    if (t.kind === 'Event' || t.kind === 'Lease') return; // bookkeeping, not decisions
    const who = opts.user ? ` (by ${opts.user})` : '';
    this.trace.record({
      component: 'kube-apiserver',
      message: `${verb} ${t.plural} ${obj.metadata.namespace ? obj.metadata.namespace + '/' : ''}${obj.metadata.name}${suffix}${who}`,
      ref: { kind: t.kind, name: obj.metadata.name, ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}) },
    });
  }
}

function compareObjects(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/**
 * ObjectMeta's maps and lists are `omitempty`: an empty one decodes to nothing stored (a controller that
 * releases a pod's last ownerReference leaves no `ownerReferences: []` behind).
 */
function dropEmptyMeta(m: KubeObject['metadata']): void {
  for (const f of ['labels', 'annotations', 'ownerReferences', 'finalizers'] as const) {
    const v = m[f] as unknown;
    if (v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0)) delete m[f];
  }
}
