import type { ConfigMap, Pod, Secret } from 'kubernetes-types/core/v1';
import type { LogOptions, NodeAgent } from '../api/apiserver';
import type { ExecOptions, ExecStream } from '../api/streaming';
import { UpgradeRefusedError, dialError } from '../api/streaming';
import { StatusError, badRequest, isStatusError } from '../api/errors';
import type { KubeObject, ObjectInput, Stored } from '../api/types';
import { rfc3339 } from '../clock';
import type { ClusterContext, NodeConfig } from '../cluster';
import { KUBERNETES_VERSION } from '../cluster';
import type { Informer, WorkQueue } from '../controllers/runtime';
import type { EventRecorder } from '../events';
import type { PodConnection, PodHttpServer } from '../network/network';
import { Backoff } from './backoff';
import { runContainer } from './container';
import { serveExec } from './exec';
import { ImageManager } from './images';
import { rfc3339Nano } from './logs';
import type { StoredPod } from './model';
import { EPHEMERAL_STORAGE_CAPACITY, NodeReporter, nodeIdentity } from './node';
import type { NodeIdentity } from './node';
import { PodWorker } from './pod-worker';
import type { KubeletServices } from './pod-worker';
import { milliValue, quantityValue } from './resources';
import { CONFIG_HASH_ANNOTATION, CONFIG_SEEN_ANNOTATION, CONFIG_SOURCE_ANNOTATION, controlPlaneImages, controlPlaneManifests, isMirrorPod, mirrorPodFor } from './static-pods';
import type { StaticPodManifest } from './static-pods';
import { containerStatus } from './status';
import type { VolumeKind } from './volumes';

/**
 * One node's kubelet: registers the Node and heartbeats (node.ts), runs a worker per pod bound to the
 * node (pod-worker.ts), the control plane's static pods on the control-plane node, and serves logs to
 * the API server. It sees pods through the shared Pod informer, indexed by node, so its cost follows
 * its own pods, never the cluster's.
 *
 * @example
 * const k = new Kubelet(ctx, { name: 'node-1', cpu: '2', memory: '4Gi', pods: 110 });
 * k.start(); ctx.clock.runDue(); // the Node and its Lease exist
 */
export const CONTAINER_BACKOFF_INITIAL_MS = 10_000;
export const CONTAINER_BACKOFF_MAX_MS = 300_000;
const NODE_INDEX = 'kubelet:spec.nodeName';

/** The images kind's node image ships, so system pods start without pulling. */
export function preloadedImages(): string[] {
  return [
    ...controlPlaneImages(),
    `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
    'registry.k8s.io/coredns/coredns:v1.12.0',
    'registry.k8s.io/pause:3.10',
    'docker.io/kindest/kindnetd:v20250512-df8de77b',
    'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a',
    'docker.io/kindest/local-path-helper:v20241212-8ac705d0',
  ];
}

type AnyPod = Stored<Pod>;

/** The client `sim curl` plays: curl in a busybox-like debug pod. */
const CURL_USER_AGENT = 'curl/8.14.1';

/** One line of a response body: an HTML page's <title> (nginx, httpd), else the first non-empty line (http-echo). */
export function summarize(body: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(body);
  if (title) return title[1]!.trim();
  return body.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}

export class Kubelet {
  readonly identity: NodeIdentity;
  private running = false;
  private generation = 0;
  private readonly recorder: EventRecorder;
  private readonly images: ImageManager;
  private readonly reporter: NodeReporter;
  private readonly containerBackoff = new Backoff(CONTAINER_BACKOFF_INITIAL_MS, CONTAINER_BACKOFF_MAX_MS);
  private readonly workers = new Map<string, PodWorker>();
  private readonly byKey = new Map<string, PodWorker>();
  private readonly statics = new Map<string, { worker: PodWorker; manifest: StaticPodManifest }>();
  private readonly ipam: PodIPs;
  private readonly services: KubeletServices;
  private pods: Informer<AnyPod & KubeObject> | undefined;
  private configMaps: Informer<Stored<ConfigMap> & KubeObject> | undefined;
  private secrets: Informer<Stored<Secret> & KubeObject> | undefined;
  private queue: WorkQueue | undefined;

  constructor(
    readonly ctx: ClusterContext,
    readonly node: NodeConfig,
  ) {
    this.identity = nodeIdentity(ctx.nodes, node.name);
    this.recorder = ctx.recorder({ component: 'kubelet', host: node.name });
    this.images = new ImageManager(ctx, node.name, preloadedImages());
    this.reporter = new NodeReporter(ctx, node, this.identity, this.recorder, () => this.images.nodeImages());
    this.ipam = new PodIPs(this.identity.podNetPrefix);
    const probeSource = `${this.identity.podNetPrefix}.1`;
    this.services = {
      ctx,
      nodeName: node.name,
      hostIP: this.identity.internalIP,
      recorder: this.recorder,
      images: this.images,
      containerBackoff: this.containerBackoff,
      isRunning: () => this.running,
      allocateIP: () => this.ipam.allocate(),
      releaseIP: (ip) => this.ipam.release(ip),
      startContainer: (input, hooks) => runContainer({ clock: ctx.clock, probeSource }, input, hooks),
      enqueue: (uid) => this.queue?.add(uid),
      // The Watch change-detection strategy: the kubelet reads ConfigMaps and Secrets from watches.
      objects: {
        configMap: (ns, name) => this.configMaps?.getByName(ns, name),
        secret: (ns, name) => this.secrets?.getByName(ns, name),
      },
      allocatable: { cpu: node.cpu, memory: node.memory, 'ephemeral-storage': EPHEMERAL_STORAGE_CAPACITY },
      admit: (w, pod) => this.admit(w, pod),
      statusTarget: (w) => this.statusTarget(w),
      forget: (w) => this.forget(w),
    };
  }

  /** Starts (or restarts) the kubelet: registration and heartbeats, then a resync of every pod. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const gen = ++this.generation;
    if (!this.pods) this.wire();
    this.ctx.trace.record({ component: 'kubelet', node: this.node.name, message: `kubelet on ${this.node.name} started`, ref: { kind: 'Node', name: this.node.name } });
    // Deferred to the clock so the system namespaces a bootstrap creates in the same instant exist.
    this.ctx.clock.setTimeout(() => {
      if (gen !== this.generation || !this.running) return;
      this.reporter.start();
      this.syncStaticPods();
      for (const w of this.workers.values()) {
        w.resume();
        this.queue!.add(w.uid);
      }
      for (const p of this.pods!.byIndex(NODE_INDEX, this.node.name)) this.onPod(p);
    }, 0, `kubelet ${this.node.name} start`);
  }

  /** The kubelet goes down: no heartbeats, no status, no restarts. Containers keep running unseen. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.generation++;
    this.reporter.stop();
    for (const w of this.workers.values()) w.pause();
    this.ctx.trace.record({ component: 'kubelet', node: this.node.name, message: `kubelet on ${this.node.name} stopped: the node stops renewing its Lease and reporting pod status`, ref: { kind: 'Node', name: this.node.name } });
  }

  /** `sim crash`: a container's main process exits with code 1 once. */
  crash(namespace: string, pod: string, container?: string): void {
    const w = this.byKey.get(`${namespace}/${pod}`);
    if (!w || !w.containers.crash(container)) throw new Error(`no running container ${container ? `"${container}" ` : ''}in pod "${pod}" on ${this.node.name}`);
  }

  /**
   * The node as the pod network reaches it (`sim curl`): a connection to a pod on this node is
   * answered by its container listening on the port. A node that is down answers nothing.
   */
  httpServer(): PodHttpServer {
    return {
      isRunning: () => this.running,
      httpGet: (namespace, pod, port, path, remoteIP): PodConnection => {
        const w = this.byKey.get(`${namespace}/${pod}`);
        if (!w) return { ok: false, error: 'timeout' };
        const r = w.containers.httpGet(port, path, { userAgent: CURL_USER_AGENT, remoteAddr: remoteIP });
        return r.ok ? { ok: true, answer: { status: r.status, summary: summarize(r.body) } } : r;
      },
    };
  }

  /** The static pods' manifests (the control plane) for this node, if it is a control-plane node. */
  staticPodManifests(): StaticPodManifest[] {
    return this.node.controlPlane ? controlPlaneManifests(this.identity) : [];
  }

  // ------------------------------------------------------------------ wiring

  private wire(): void {
    const pods = this.ctx.informers.for<AnyPod & KubeObject>('Pod');
    pods.addIndexer(NODE_INDEX, (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
    this.pods = pods;
    podDispatcher(pods).set(this.node.name, this);
    this.queue = this.ctx.manager.register({ name: `kubelet-${this.node.name}`, reconcile: (uid) => this.syncWorker(uid) });
    this.ctx.informers.for('Namespace').addEventHandler({ add: (ns) => ns.metadata.name === 'kube-system' && this.running && this.syncStaticPods() });
    this.configMaps = this.ctx.informers.for<Stored<ConfigMap> & KubeObject>('ConfigMap');
    this.secrets = this.ctx.informers.for<Stored<Secret> & KubeObject>('Secret');
    for (const [informer, kind] of [[this.configMaps, 'configmap'], [this.secrets, 'secret']] as const) {
      const changed = (o: KubeObject) => this.objectChanged(kind, o.metadata.namespace ?? '', o.metadata.name);
      informer.addEventHandler({ add: changed, update: (_old, o) => changed(o), delete: changed });
    }
    const agent: NodeAgent = {
      logs: (ns, pod, c, opts) => this.logs(ns, pod, c, opts),
      exec: (ns, pod, c, opts) => this.exec(ns, pod, c, opts),
    };
    this.ctx.api.registerNodeAgent(this.node.name, agent);
  }

  /** A pod bound to this node changed (or went away). */
  onPod(pod: AnyPod, deleted = false): void {
    if (!this.running) return;
    if (isMirrorPod(pod)) {
      if (deleted || pod.metadata.deletionTimestamp) this.syncStaticPods();
      return;
    }
    let w = this.workers.get(pod.metadata.uid);
    if (!w) {
      if (deleted) return;
      w = new PodWorker(this.services, pod.metadata.uid, pod as StoredPod);
      const phase = pod.status?.phase;
      // A pod that finished before this kubelet saw it (a restart) is not run again.
      if (phase === 'Succeeded' || phase === 'Failed') w.admitted = w.rejected = true;
      this.workers.set(w.uid, w);
      this.byKey.set(w.key, w);
    } else if (!deleted && w.writing) {
      return; // our own status write
    }
    this.queue!.add(w.uid);
  }

  /** A ConfigMap or Secret changed: pods here that mount it refresh their files at their next periodic sync. */
  private objectChanged(kind: VolumeKind, namespace: string, name: string): void {
    if (!this.running) return;
    for (const w of this.workers.values()) if (w.pod.metadata.namespace === namespace) w.objectChanged(kind, name);
  }

  private syncWorker(uid: string): void {
    const w = this.workers.get(uid);
    if (!w || !this.running) return;
    if (w.isStatic) {
      w.sync(w.pod);
      return;
    }
    const pod = this.pods!.get(w.key);
    w.sync(pod && pod.metadata.uid === uid ? (pod as StoredPod) : undefined);
  }

  private forget(w: PodWorker): void {
    this.workers.delete(w.uid);
    if (this.byKey.get(w.key) === w) this.byKey.delete(w.key);
  }

  // ------------------------------------------------------------------ admission

  /** canAdmitPod: the pod must fit allocatable next to the pods already admitted. */
  private admit(w: PodWorker, _pod: StoredPod): { reason: string; message: string } | undefined {
    if (w.isStatic) return undefined;
    let count = 0;
    let cpu = 0;
    let memory = 0;
    for (const o of this.workers.values()) {
      if (o === w || !o.active) continue;
      count++;
      const r = o.requests;
      cpu += r.cpu;
      memory += r.memory;
    }
    const want = w.requests;
    const checks: Array<[string, number, number, number]> = [
      ['pods', 1, count, this.node.pods],
      ['cpu', want.cpu, cpu, milliValue(this.node.cpu)],
      ['memory', want.memory, memory, Math.floor(quantityValue(this.node.memory))],
    ];
    for (const [name, requested, used, capacity] of checks) {
      if (requested > 0 && used + requested > capacity) {
        return { reason: `OutOf${name}`, message: `Node didn't have enough resource: ${name}, requested: ${requested}, used: ${used}, capacity: ${capacity}` };
      }
    }
    return undefined;
  }

  // ------------------------------------------------------------------ static pods

  /** Runs the control plane's static pods and keeps their mirror pods in the API. */
  private syncStaticPods(): void {
    if (!this.running) return;
    for (const manifest of this.staticPodManifests()) {
      let s = this.statics.get(manifest.metadata.name);
      if (!s) {
        const hash = this.ctx.random.hex(32);
        const seen = rfc3339Nano(this.ctx.clock.now());
        const pod = {
          ...manifest,
          metadata: {
            ...manifest.metadata,
            name: `${manifest.metadata.name}-${this.node.name}`,
            uid: hash,
            resourceVersion: '',
            creationTimestamp: rfc3339(this.ctx.clock.now()),
            annotations: { ...manifest.metadata.annotations, [CONFIG_HASH_ANNOTATION]: hash, [CONFIG_SEEN_ANNOTATION]: seen, [CONFIG_SOURCE_ANNOTATION]: 'file' },
          },
          spec: { ...manifest.spec!, nodeName: this.node.name },
        } as StoredPod;
        const worker = new PodWorker(this.services, hash, pod, true);
        s = { worker, manifest };
        this.statics.set(manifest.metadata.name, s);
        this.workers.set(hash, worker);
        this.byKey.set(worker.key, worker);
      }
      this.ensureMirror(s.worker, s.manifest);
      this.queue!.add(s.worker.uid);
    }
  }

  private ensureMirror(w: PodWorker, manifest: StaticPodManifest): void {
    const api = this.ctx.api;
    const nodeUid = this.reporter.nodeUid();
    if (!nodeUid || !api.tryGet('Namespace', undefined, 'kube-system')) return;
    const hash = w.uid;
    const mirror = this.pods!.get(w.key);
    const user = { user: `system:node:${this.node.name}` };
    try {
      if (mirror && (mirror.metadata.deletionTimestamp || mirror.metadata.annotations?.[CONFIG_HASH_ANNOTATION] !== hash)) {
        api.delete('Pod', 'kube-system', mirror.metadata.name, { gracePeriodSeconds: 0, ...user });
      } else if (mirror) return;
      const seen = w.pod.metadata.annotations?.[CONFIG_SEEN_ANNOTATION] ?? rfc3339Nano(this.ctx.clock.now());
      api.create(mirrorPodFor(manifest, { name: this.node.name, uid: nodeUid }, hash, seen) as unknown as ObjectInput, user);
      this.ctx.trace.record({ component: 'kubelet', node: this.node.name, message: `created mirror pod kube-system/${w.key.split('/')[1]} for the static pod from /etc/kubernetes/manifests/${manifest.metadata.name}.yaml`, ref: { kind: 'Pod', namespace: 'kube-system', name: w.pod.metadata.name } });
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  private statusTarget(w: PodWorker): StoredPod | undefined {
    const p = this.pods?.get(w.key) as StoredPod | undefined;
    if (!p) return undefined;
    if (w.isStatic) return isMirrorPod(p) ? p : undefined;
    return p.metadata.uid === w.uid ? p : undefined;
  }

  // ------------------------------------------------------------------ logs

  /** The kubelet's containerLogs endpoint, with its checks and error wording (validateContainerLogStatus). */
  private logs(namespace: string, podName: string, container: string, opts: LogOptions): string[] {
    if (!this.running) {
      throw new StatusError({
        reason: 'InternalError',
        code: 500,
        message: `Get "https://${this.identity.internalIP}:10250/containerLogs/${namespace}/${podName}/${container}": dial tcp ${this.identity.internalIP}:10250: connect: connection refused`,
      });
    }
    const w = this.byKey.get(`${namespace}/${podName}`);
    const rec = w?.containers.records.get(container);
    if (!w || !rec) throw badRequest(`container "${container}" in pod "${podName}" is not available`);
    const s = containerStatus(rec, 'ContainerCreating');
    let id: string | undefined;
    if (opts.previous) {
      id = s.lastState?.terminated?.containerID;
      if (!id) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    } else if (s.state?.running) id = s.containerID;
    else if (s.state?.terminated) id = s.state.terminated.containerID;
    else if (s.lastState?.terminated) id = s.lastState.terminated.containerID;
    else {
      const reason = s.state?.waiting?.reason;
      const why = reason === 'ErrImagePull' ? "image can't be pulled" : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
      throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${why}`);
    }
    const buf = w.containers.logs.get(container)?.byID(id);
    return buf ? buf.read(opts) : [];
  }

  // ------------------------------------------------------------------ exec

  /**
   * The kubelet's exec endpoint (server.go getExec, Kubelet.GetExec): the pod must be one this kubelet
   * runs and the container must be running; otherwise the upgrade is refused with the kubelet's
   * plain-text error. Then the streaming server runs the command in the container.
   */
  private exec(namespace: string, podName: string, container: string, opts: ExecOptions): ExecStream {
    // The API server cannot reach a kubelet that is down.
    if (!this.running) throw dialError(this.identity.internalIP);
    const w = this.byKey.get(`${namespace}/${podName}`);
    if (!w) throw new UpgradeRefusedError(404, 'pod does not exist');
    const handle = w.containers.running(container);
    // findContainer looks among the runtime's running containers only.
    if (!handle) throw new UpgradeRefusedError(500, `container not found (${JSON.stringify(container)})`);
    this.ctx.trace.record({ component: 'kubelet', node: this.node.name, message: `exec ${JSON.stringify(opts.command)} in container ${container} of ${namespace}/${podName}`, ref: { kind: 'Pod', namespace, name: podName } });
    return serveExec(handle, opts.command, opts.stdin ?? null);
  }
}

/** Host-local IPAM: sequential addresses in the node's /24, never one still in use. */
class PodIPs {
  private next = 2;
  private live = new Set<number>();
  constructor(private readonly prefix: string) {}

  allocate(): string {
    for (let i = 0; i < 253; i++) {
      const n = this.next;
      this.next = this.next >= 254 ? 2 : this.next + 1;
      if (!this.live.has(n)) {
        this.live.add(n);
        return `${this.prefix}.${n}`;
      }
    }
    throw new Error(`no pod IPs left in ${this.prefix}.0/24`);
  }

  release(ip: string): void {
    this.live.delete(Number(ip.slice(ip.lastIndexOf('.') + 1)));
  }
}

/**
 * One Pod event handler for all kubelets of a cluster, dispatching by spec.nodeName, so a pod event
 * costs one lookup however many nodes there are.
 */
const dispatchers = new WeakMap<Informer<AnyPod & KubeObject>, Map<string, Kubelet>>();

function podDispatcher(pods: Informer<AnyPod & KubeObject>): Map<string, Kubelet> {
  let m = dispatchers.get(pods);
  if (m) return m;
  const map = new Map<string, Kubelet>();
  m = map;
  dispatchers.set(pods, map);
  const route = (p: AnyPod, deleted = false) => {
    const n = p.spec?.nodeName;
    if (n) map.get(n)?.onPod(p, deleted);
  };
  pods.addEventHandler({
    add: (p) => route(p),
    update: (_o, p) => route(p),
    delete: (p) => route(p, true),
  });
  return m;
}

