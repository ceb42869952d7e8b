import type { Container } from 'kubernetes-types/core/v1';
import { isStatusError } from '../api/errors';
import { deepEqual } from '../api/types';
import type { TimerHandle } from '../clock';
import type { ClusterContext } from '../cluster';
import type { EventRecorder } from '../events';
import type { Mount } from '../runtime';
import type { Backoff } from './backoff';
import type { StartOutcome } from './container';
import { PodContainers } from './containers';
import type { PodHandle } from './containers';
import type { ContainerHooks, ContainerSpecInput } from './cri';
import type { ConfigSource } from './env';
import type { ImageManager } from './images';
import type { ContainerRecord, StoredPod } from './model';
import { isRunning, kube } from './model';
import { computePodStatus, rejectedStatus } from './status';
import { podRequests } from './resources';
import type { Requests } from './resources';
import { PodVolumes } from './volumes';
import type { VolumeKind } from './volumes';

/**
 * One pod's worker, as the kubelet's podWorkers run SyncPod for each pod: admit it, wait for its
 * configMap and secret volumes (volumes.ts), create its sandbox (network, IP), start its containers
 * (init containers first, one at a time), restart exited ones per restartPolicy, and on deletion stop
 * the containers within the grace period and let the API server remove the pod. The status it posts
 * is computed afresh from the containers each time (status.ts), and only when it differs from what
 * the API server holds.
 */
export const SANDBOX_CREATE_MS = 500;
/**
 * When a mounted ConfigMap or Secret changes, its files in the pod follow at the pod's next periodic
 * sync: syncFrequency, 1 minute (upstream adds a jitter of up to half of it).
 */
export const REMOUNT_AFTER_MS = 60_000;

/** What a pod worker needs from its kubelet. */
export interface KubeletServices {
  ctx: ClusterContext;
  nodeName: string;
  hostIP: string;
  recorder: EventRecorder;
  images: ImageManager;
  containerBackoff: Backoff;
  isRunning(): boolean;
  allocateIP(): string;
  releaseIP(ip: string): void;
  startContainer(input: ContainerSpecInput, hooks: ContainerHooks): StartOutcome;
  enqueue(uid: string): void;
  /** The kubelet's configMapManager and secretManager. */
  objects: ConfigSource;
  /** The node's allocatable, for resourceFieldRef limits a container does not set. */
  allocatable: Readonly<Record<string, string>>;
  /** Kubelet admission: undefined when the pod fits, else its reason and message. */
  admit(worker: PodWorker, pod: StoredPod): { reason: string; message: string } | undefined;
  /** Where the status goes: the pod itself, or a static pod's mirror. */
  statusTarget(worker: PodWorker): StoredPod | undefined;
  /** The pod is gone for good: drop the worker. */
  forget(worker: PodWorker): void;
}

export class PodWorker implements PodHandle {
  readonly containers: PodContainers;
  readonly volumes: PodVolumes;
  private remountPending = false;
  admitted = false;
  rejected = false;
  private sandbox: 'none' | 'creating' | 'ready' | 'gone' = 'none';
  podIP: string | undefined;
  private startTime = 0;
  private terminating = false;
  /** Every container stopped for good (terminal phase or deletion). */
  private finished = false;
  private wake: { at: number; handle: TimerHandle } | undefined;
  private timers = new Set<TimerHandle>();
  /** True while our own status write is in flight: its watch event (delivered inline) needs no sync. */
  writing = false;

  constructor(
    private readonly k: KubeletServices,
    readonly uid: string,
    public pod: StoredPod,
    readonly isStatic = false,
  ) {
    this.containers = new PodContainers(k, this);
    this.volumes = new PodVolumes(() => this.pod, {
      objects: k.objects,
      now: () => k.ctx.clock.now(),
      warn: (reason, message) => k.recorder.event(kube(this.pod), 'Warning', reason, message),
      trace: (message) => this.trace(message),
    });
  }

  get key(): string {
    return `${this.pod.metadata.namespace}/${this.pod.metadata.name}`;
  }

  /** `name_namespace(uid)`: how the kubelet names a pod in messages (format.Pod). */
  get formatted(): string {
    return `${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.uid})`;
  }

  /** The pod's resource requests (a pod's resources cannot change once created). */
  get requests(): Requests {
    return (this.cachedRequests ??= podRequests(this.pod.spec ?? { containers: [] }));
  }
  private cachedRequests: Requests | undefined;

  /** The pod counts against the node: admitted and not finished. */
  get active(): boolean {
    return this.admitted && !this.finished;
  }

  // ------------------------------------------------------------------ sync

  /** SyncPod: level-based, from the pod as it is now (undefined when it left the API). */
  sync(pod: StoredPod | undefined): void {
    if (!this.k.isRunning()) return;
    if (!pod) return this.teardown();
    this.pod = pod;
    if (this.rejected) return;
    if (!this.admitted) {
      const rejection = this.k.admit(this, pod);
      if (rejection) return this.reject(rejection.reason, rejection.message);
      this.admitted = true;
      this.startTime = this.k.ctx.clock.now();
      this.trace(`admitted pod ${this.key}: it fits the node's allocatable resources`);
    }
    if (pod.metadata.deletionTimestamp && !this.isStatic) return this.terminate();
    if (this.finished) return this.writeStatus();
    if (this.sandbox === 'none') {
      // WaitForAttachAndMount: no sandbox, no containers until every volume is set up.
      const wait = this.volumes.mount();
      if (wait !== undefined) {
        this.resyncAfter(wait);
        return this.writeStatus();
      }
      this.createSandbox();
    }
    if (this.sandbox !== 'ready') return this.writeStatus();
    this.containers.updateSpecs(this.graceMs());
    if (this.initDone()) {
      for (const r of this.containers.mains) if (!isRunning(r) && this.shouldStart(r)) this.containers.start(r);
    }
    this.settle();
  }

  private createSandbox(): void {
    this.sandbox = 'creating';
    this.after(SANDBOX_CREATE_MS, () => {
      if (this.sandbox !== 'creating') return;
      this.podIP = this.pod.spec?.hostNetwork ? this.k.hostIP : this.k.allocateIP();
      this.sandbox = 'ready';
      this.trace(`created the pod sandbox for ${this.key}: network ready, pod IP ${this.podIP}`);
      this.k.enqueue(this.uid);
    });
  }

  /** Runs init containers one at a time, in order; true once all have succeeded. */
  private initDone(): boolean {
    for (const r of this.containers.inits) {
      const t = r.current?.terminated;
      if (t && t.exitCode === 0) continue;
      if (!isRunning(r) && (!t || this.restartPolicy() !== 'Never')) this.containers.start(r);
      return false;
    }
    return true;
  }

  private restartPolicy(): string {
    return this.pod.spec?.restartPolicy ?? 'Always';
  }

  private shouldStart(r: ContainerRecord): boolean {
    const t = r.current?.terminated;
    if (!t) return true;
    const policy = this.restartPolicy();
    return policy === 'Always' || (policy === 'OnFailure' && t.exitCode !== 0);
  }

  private graceMs(): number {
    return (this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
  }

  /** After starting what should run: a terminal phase tears the sandbox down; then post status. */
  private settle(): void {
    const status = this.computeStatus();
    const phase = status.phase;
    if (phase !== 'Succeeded' && phase !== 'Failed') return this.writeStatus(status);
    this.finished = true;
    this.stopSandbox();
    this.trace(`pod ${this.key} finished (${phase}): its containers will not be restarted (restartPolicy ${this.restartPolicy()})`);
    this.writeStatus();
  }

  /** A ConfigMap or Secret changed: if the pod mounts it, its files follow at the next periodic sync. */
  objectChanged(kind: VolumeKind, name: string): void {
    if (this.remountPending || this.finished || !this.volumes.uses(kind, name)) return;
    this.remountPending = true;
    this.after(REMOUNT_AFTER_MS, () => {
      this.remountPending = false;
      if (!this.k.isRunning() || this.finished) return;
      this.volumes.remount();
    });
  }

  mountsFor(c: Container): Mount[] {
    return this.volumes.mountsFor(c);
  }

  // ------------------------------------------------------------------ termination

  /** Graceful deletion: Killing, the stop signal, SIGKILL at the end of the grace period, then delete. */
  private terminate(): void {
    if (!this.terminating) {
      this.terminating = true;
      this.cancelPending();
      const grace = this.graceMs();
      const n = this.containers.killAll(grace);
      this.trace(`pod ${this.key} is being deleted: stopping ${n} container(s) with a grace period of ${grace / 1000}s`);
    }
    if (this.containers.anyRunning()) return;
    if (!this.finished) {
      this.finished = true;
      this.stopSandbox();
    }
    this.writeStatus();
    try {
      this.k.ctx.api.delete('Pod', this.pod.metadata.namespace, this.pod.metadata.name, {
        gracePeriodSeconds: 0,
        preconditions: { uid: this.uid },
        user: `system:node:${this.k.nodeName}`,
      });
      this.trace(`all containers of ${this.key} have stopped: the kubelet deletes the pod object (grace period 0)`);
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  /** The pod left the API (deleted, or force-deleted): kill what runs and forget it. */
  teardown(): void {
    this.cancelPending();
    this.containers.killNow();
    this.stopSandbox();
    this.finished = true;
    for (const t of this.timers) this.k.ctx.clock.clearTimeout(t);
    this.k.images.forgetPod(this.uid);
    this.k.containerBackoff.resetPrefix(`${this.uid}_`);
    this.k.forget(this);
  }

  private stopSandbox(): void {
    this.containers.stopProbes();
    if (this.sandbox === 'ready' && this.podIP && !this.pod.spec?.hostNetwork) this.k.releaseIP(this.podIP);
    if (this.sandbox !== 'none') this.sandbox = 'gone';
  }

  private reject(reason: string, message: string): void {
    this.rejected = true;
    this.k.recorder.event(kube(this.pod), 'Warning', reason, message);
    this.trace(`rejected pod ${this.key}: ${message}`);
    const target = this.k.statusTarget(this);
    if (target) this.post(target, rejectedStatus(target, reason, message, this.k.ctx.clock.now()));
  }

  private cancelPending(): void {
    this.containers.cancelPending();
    if (this.wake) this.k.ctx.clock.clearTimeout(this.wake.handle);
    this.wake = undefined;
  }

  // ------------------------------------------------------------------ kubelet down / up

  /** The kubelet stopped: no probes, no wake-ups (the containers themselves keep running). */
  pause(): void {
    this.containers.pause();
    this.cancelPending();
  }

  resume(): void {
    this.containers.resume();
  }

  // ------------------------------------------------------------------ status

  private computeStatus(): ReturnType<typeof computePodStatus> {
    const target = this.k.statusTarget(this) ?? this.pod;
    return computePodStatus({
      pod: { ...this.pod, status: target.status },
      initContainers: this.containers.inits,
      containers: this.containers.mains,
      hostIP: this.k.hostIP,
      podIP: this.podIP,
      sandboxReady: this.sandbox === 'ready',
      startTime: this.startTime,
      terminal: this.finished,
      isStatic: this.isStatic,
      now: this.k.ctx.clock.now(),
    });
  }

  /** Posts the status (computed now unless given) when it differs from the API server's. */
  writeStatus(status?: ReturnType<typeof computePodStatus>): void {
    if (!this.k.isRunning() || this.rejected) return;
    const target = this.k.statusTarget(this);
    if (target) this.post(target, status ?? this.computeStatus());
  }

  private post(target: StoredPod, status: NonNullable<StoredPod['status']>): void {
    if (deepEqual(target.status, status)) return;
    // The status subresource takes only metadata and status from what we send: no need to copy the spec.
    const next = { ...target, status } as StoredPod;
    this.writing = true;
    try {
      this.k.ctx.api.updateStatus(kube(next), { user: `system:node:${this.k.nodeName}`, handoff: true });
    } catch (e) {
      // The pod went away or its namespace is terminating: the next sync sees it.
      if (!isStatusError(e)) throw e;
    } finally {
      this.writing = false;
    }
  }

  // ------------------------------------------------------------------ timers and trace

  changed(): void {
    this.writeStatus();
  }

  resyncAfter(ms: number): void {
    if (ms <= 0) this.k.enqueue(this.uid);
    else this.wakeAt(this.k.ctx.clock.now() + ms);
  }

  private wakeAt(at: number): void {
    const clock = this.k.ctx.clock;
    if (this.wake && this.wake.at <= at && this.wake.at > clock.now()) return;
    if (this.wake) clock.clearTimeout(this.wake.handle);
    const handle = clock.setTimeout(() => {
      this.wake = undefined;
      this.k.enqueue(this.uid);
    }, at - clock.now(), `kubelet ${this.k.nodeName} resync ${this.key}`);
    this.wake = { at, handle };
  }

  private after(ms: number, fn: () => void): void {
    const handle = this.k.ctx.clock.setTimeout(() => {
      this.timers.delete(handle);
      fn();
    }, ms, `kubelet ${this.k.nodeName} ${this.key}`);
    this.timers.add(handle);
  }

  trace(message: string): void {
    this.k.ctx.trace.record({ component: 'kubelet', node: this.k.nodeName, message, ref: { kind: 'Pod', namespace: this.pod.metadata.namespace ?? 'default', name: this.pod.metadata.name } });
  }
}
