import type { Container } from 'kubernetes-types/core/v1';
import { isStatusError } from '../api/errors';
import { clone, deepEqual } from '../api/types';
import type { TimerHandle } from '../clock';
import type { ClusterContext } from '../cluster';
import type { EventRecorder } from '../events';
import type { Backoff } from './backoff';
import { goDuration } from './backoff';
import type { ContainerHooks, ContainerSpecInput, CriImage, RunningContainer } from './cri';
import type { StartOutcome } from './container';
import { ZERO_TIME } from './container';
import type { ImageManager } from './images';
import { ContainerLogs } from './logs';
import type { ContainerRecord, Instance, StoredPod } from './model';
import { isRunning, kube } from './model';
import { ContainerProbes } from './probes';
import type { ProbeKind } from './probes';
import { computePodStatus, rejectedStatus } from './status';

/**
 * One pod's worker, as the kubelet's podWorkers run SyncPod for each pod: admit it, create its sandbox
 * (network, IP), pull images and start containers (init containers first, one at a time), restart
 * exited ones per restartPolicy with the crash-loop back-off, run probes, and on deletion stop the
 * containers within the grace period and let the API server remove the pod. Every decision goes into
 * the trace; the status it posts is computed from the containers' state each time (status.ts).
 */
export const SANDBOX_CREATE_MS = 500;
/** The PLEG notices a container exit on its next relist (every second). */
export const PLEG_RELIST_MS = 1_000;
/** The pod worker's retry after a sync error (image pull failures): backOffPeriod. */
export const SYNC_ERROR_BACKOFF_MS = 10_000;
/** killContainer's floor: containers always get at least 2 s to stop (minimumGracePeriodInSeconds). */
const MIN_GRACE_MS = 2_000;

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
  /** Kubelet admission: undefined when the pod fits, else its reason and message. */
  admit(worker: PodWorker, pod: StoredPod): { reason: string; message: string } | undefined;
  /** Where the status goes: the pod itself, or a static pod's mirror. */
  statusTarget(worker: PodWorker): StoredPod | undefined;
  /** The pod is gone for good: drop the worker. */
  forget(worker: PodWorker): void;
}

interface Live {
  handle: RunningContainer;
  probes: ContainerProbes;
  instance: Instance;
}

export class PodWorker {
  readonly records = new Map<string, ContainerRecord>();
  readonly logs = new Map<string, ContainerLogs>();
  private live = new Map<string, Live>();
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
  private cancels = new Map<string, () => void>();
  /** The resourceVersion of our own last status write: its watch event needs no sync. */
  lastWrittenRV: string | undefined;

  constructor(
    private readonly k: KubeletServices,
    readonly uid: string,
    public pod: StoredPod,
    readonly isStatic = false,
  ) {
    const spec = pod.spec!;
    for (const c of spec.initContainers ?? []) this.records.set(c.name, newRecord(c, true));
    for (const c of spec.containers ?? []) this.records.set(c.name, newRecord(c, false));
  }

  get key(): string {
    return `${this.pod.metadata.namespace}/${this.pod.metadata.name}`;
  }

  /** `name_namespace(uid)`: how the kubelet names a pod in messages (format.Pod). */
  get formatted(): string {
    return `${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.uid})`;
  }

  /** Number of pods that count against the node: admitted and not finished. */
  get active(): boolean {
    return this.admitted && !this.finished;
  }

  private get inits(): ContainerRecord[] {
    return [...this.records.values()].filter((r) => r.init);
  }
  private get mains(): ContainerRecord[] {
    return [...this.records.values()].filter((r) => !r.init);
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
    if (this.sandbox === 'none') this.createSandbox();
    if (this.sandbox !== 'ready') return this.writeStatus();
    this.updateSpecs();
    if (this.initDone()) {
      for (const r of this.mains) if (!r.busy && !isRunning(r) && this.shouldStart(r)) this.start(r);
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

  /** Runs init containers one at a time, in order; returns true once all have succeeded. */
  private initDone(): boolean {
    for (const r of this.inits) {
      const t = r.current?.terminated;
      if (t && t.exitCode === 0) continue;
      if (r.busy || isRunning(r)) return false;
      if (t && (this.pod.spec?.restartPolicy ?? 'Always') === 'Never') return false;
      this.start(r);
      return false;
    }
    return true;
  }

  private shouldStart(r: ContainerRecord): boolean {
    const t = r.current?.terminated;
    if (!t) return true;
    const policy = this.pod.spec?.restartPolicy ?? 'Always';
    return policy === 'Always' || (policy === 'OnFailure' && t.exitCode !== 0);
  }

  /** A changed container image (the one mutable field) restarts that container with the new image. */
  private updateSpecs(): void {
    const specs = [...(this.pod.spec?.initContainers ?? []), ...(this.pod.spec?.containers ?? [])];
    for (const c of specs) {
      const r = this.records.get(c.name);
      if (!r || r.spec.image === c.image) continue;
      r.spec = c;
      if (isRunning(r) && !r.init) this.kill(r, `Container ${c.name} definition changed, will be restarted`, this.graceMs());
    }
  }

  /** Starts (or restarts) a container: crash-loop back-off, image, create, start. */
  private start(r: ContainerRecord): void {
    const now = this.k.ctx.clock.now();
    if (now < r.retryAt) return;
    const t = r.current?.terminated;
    if (t) {
      const key = `${this.uid}_${r.name}`;
      const b = this.k.containerBackoff;
      if (b.isInBackOffSince(key, t.finishedAt, now)) {
        const delay = goDuration(b.get(key));
        const fresh = r.waiting?.reason !== 'CrashLoopBackOff';
        r.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${delay} restarting failed container=${r.name} pod=${this.formatted}` };
        this.event('Warning', 'BackOff', `Back-off restarting failed container ${r.name} in pod ${this.formatted}`, r);
        if (fresh) this.trace(`container ${r.name} of ${this.key} exited with code ${t.exitCode}; waiting ${delay} before restarting it (CrashLoopBackOff)`);
        this.wakeAt(b.expiresAt(key, t.finishedAt)!);
        return;
      }
      b.next(key, now, t.finishedAt);
    }
    r.busy = true;
    let sync = true;
    const cancel = this.k.images.ensure(this.pod, r.spec, this.fieldPath(r), this.k.recorder, (res) => {
      this.cancels.delete(r.name);
      r.busy = false;
      if (!this.k.isRunning() || this.terminating || this.finished) return;
      if (!res.ok) {
        r.waiting = { reason: res.reason, message: res.message };
        this.event('Warning', 'Failed', `Error: ${res.reason}`, r);
        r.retryAt = this.k.ctx.clock.now() + SYNC_ERROR_BACKOFF_MS;
        this.wakeAt(r.retryAt);
      } else {
        this.run(r, res.image);
      }
      if (!sync) this.k.enqueue(this.uid);
    });
    sync = false;
    if (r.busy) this.cancels.set(r.name, cancel);
  }

  /** CreateContainer + StartContainer. */
  private run(r: ContainerRecord, image: CriImage): void {
    const clock = this.k.ctx.clock;
    const now = clock.now();
    const id = `containerd://${this.k.ctx.random.hex(64)}`;
    let logs = this.logs.get(r.name);
    if (!logs) this.logs.set(r.name, (logs = new ContainerLogs()));
    const inst: Instance = { id, image: image.ref, imageID: image.repoDigest, startedAt: now, logs: logs.open(id) };
    r.previous = r.current;
    r.current = inst;
    r.created++;
    r.waiting = undefined;
    r.started = !r.spec.startupProbe;
    r.ready = r.started && !r.spec.readinessProbe;
    this.event('Normal', 'Created', `Created container: ${r.name}`, r);
    const started = this.k.startContainer(
      { container: r.spec, image, podIP: this.podIP ?? '', hostname: this.hostname(), namespace: this.pod.metadata.namespace ?? 'default', env: this.env(r) },
      {
        output: (line) => inst.logs.push(clock.now(), line),
        exit: (code) => this.exited(r, inst, code),
      },
    );
    if (!started.ok) {
      // runc could not exec PID 1: the container is created but ends at once, and restarts with back-off.
      this.event('Warning', 'Failed', `Error: ${started.message}`, r);
      this.trace(`container ${r.name} of ${this.key} failed to start: ${started.message}`);
      inst.startedAt = ZERO_TIME;
      inst.terminated = { exitCode: started.exitCode, reason: started.reason, message: started.message, startedAt: ZERO_TIME, finishedAt: now, containerID: id };
      r.ready = false;
      this.after(PLEG_RELIST_MS, () => this.k.enqueue(this.uid));
      return;
    }
    const handle = started.container;
    this.event('Normal', 'Started', `Started container ${r.name}`, r);
    this.trace(`started container ${r.name} of ${this.key}${r.created > 1 ? ` (restart ${r.created - 1})` : ''} from ${image.ref}`);
    if (inst.terminated) return; // exited during start
    const probes = new ContainerProbes(this.probeHost(r, inst), r.spec, handle, now);
    this.live.set(r.name, { handle, probes, instance: inst });
    probes.start();
  }

  private exited(r: ContainerRecord, inst: Instance, exitCode: number): void {
    if (inst.terminated) return;
    const now = this.k.ctx.clock.now();
    const reason = exitCode === 0 ? 'Completed' : 'Error';
    inst.terminated = { exitCode, reason, startedAt: inst.startedAt, finishedAt: now, containerID: inst.id };
    const live = this.live.get(r.name);
    if (live?.instance === inst) {
      live.probes.stop();
      this.live.delete(r.name);
    }
    if (r.current !== inst) return;
    r.ready = false;
    this.trace(`container ${r.name} of ${this.key} exited with code ${exitCode} (${reason})`);
    if (!this.k.isRunning()) return;
    this.writeStatus();
    // The PLEG sees the exit on its next relist; that sync decides on a restart.
    this.after(PLEG_RELIST_MS, () => this.k.enqueue(this.uid));
  }

  private kill(r: ContainerRecord, message: string, graceMs: number): void {
    const live = this.live.get(r.name);
    if (!live) return;
    this.event('Normal', 'Killing', message, r);
    live.probes.stop();
    r.ready = false;
    live.handle.stop(Math.max(graceMs, MIN_GRACE_MS));
  }

  private graceMs(): number {
    const g = this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
    return g * 1000;
  }

  /** After starting what should run: note a terminal phase, tear the sandbox down, post status. */
  private settle(): void {
    const status = this.computeStatus();
    if (status.phase === 'Succeeded' || status.phase === 'Failed') {
      this.finished = true;
      this.stopSandbox();
      this.trace(`pod ${this.key} finished (${status.phase}): its containers will not be restarted (restartPolicy ${this.pod.spec?.restartPolicy ?? 'Always'})`);
    }
    this.writeStatus();
  }

  // ------------------------------------------------------------------ termination

  /** Graceful deletion: Killing, the stop signal, SIGKILL at the end of the grace period, then delete. */
  private terminate(): void {
    const grace = this.graceMs();
    if (!this.terminating) {
      this.terminating = true;
      this.cancelPending();
      const running = [...this.records.values()].filter(isRunning);
      this.trace(`pod ${this.key} is being deleted: stopping ${running.length} container(s) with a grace period of ${grace / 1000}s`);
      for (const r of running) this.kill(r, `Stopping container ${r.name}`, grace);
    }
    if ([...this.records.values()].some(isRunning)) return;
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

  /** The pod left the API (force deletion): kill what runs and forget it. */
  teardown(): void {
    this.cancelPending();
    for (const l of this.live.values()) {
      l.probes.stop();
      l.handle.stop(0);
    }
    this.live.clear();
    this.stopSandbox();
    this.finished = true;
    for (const t of this.timers) this.k.ctx.clock.clearTimeout(t);
    this.k.images.forgetPod(this.uid);
    this.k.containerBackoff.resetPrefix(`${this.uid}_`);
    this.k.forget(this);
  }

  private stopSandbox(): void {
    for (const l of this.live.values()) l.probes.stop();
    if (this.sandbox === 'ready' && this.podIP && !this.pod.spec?.hostNetwork) this.k.releaseIP(this.podIP);
    if (this.sandbox !== 'none') this.sandbox = 'gone';
  }

  private reject(reason: string, message: string): void {
    this.rejected = true;
    this.event('Warning', reason, message);
    this.trace(`rejected pod ${this.key}: ${message}`);
    const target = this.k.statusTarget(this);
    if (!target) return;
    this.post(target, rejectedStatus(target, reason, message, this.k.ctx.clock.now()));
  }

  private cancelPending(): void {
    for (const c of this.cancels.values()) c();
    this.cancels.clear();
    for (const r of this.records.values()) r.busy = false;
    if (this.wake) this.k.ctx.clock.clearTimeout(this.wake.handle);
    this.wake = undefined;
  }

  // ------------------------------------------------------------------ kubelet down / up, crash, logs

  /** The kubelet stopped: no probes, no wake-ups (the containers themselves keep running). */
  pause(): void {
    for (const l of this.live.values()) l.probes.pause();
    this.cancelPending();
  }

  resume(): void {
    for (const [name, l] of this.live) l.probes.resume(this.records.get(name)!.started);
  }

  /** `sim crash`: the container's main process exits with code 1. */
  crash(container?: string): boolean {
    const name = container ?? this.pod.spec?.containers?.[0]?.name;
    const l = name ? this.live.get(name) : undefined;
    if (!l) return false;
    l.handle.crash(1);
    return true;
  }

  // ------------------------------------------------------------------ status

  private computeStatus(): ReturnType<typeof computePodStatus> {
    const target = this.k.statusTarget(this) ?? this.pod;
    return computePodStatus({
      pod: { ...this.pod, status: target.status },
      initContainers: this.inits,
      containers: this.mains,
      hostIP: this.k.hostIP,
      podIP: this.podIP,
      sandboxReady: this.sandbox === 'ready',
      startTime: this.startTime,
      terminal: this.finished,
      isStatic: this.isStatic,
      now: this.k.ctx.clock.now(),
    });
  }

  writeStatus(): void {
    if (!this.k.isRunning() || this.rejected) return;
    const target = this.k.statusTarget(this);
    if (!target) return;
    this.post(target, this.computeStatus());
  }

  private post(target: StoredPod, status: NonNullable<StoredPod['status']>): void {
    if (deepEqual(target.status, status)) return;
    const next = clone(target);
    next.status = status as typeof next.status;
    try {
      const written = this.k.ctx.api.updateStatus(kube(next as StoredPod), { user: `system:node:${this.k.nodeName}` });
      this.lastWrittenRV = written.metadata.resourceVersion;
    } catch (e) {
      // The pod went away or its namespace is terminating: the next sync sees it.
      if (!isStatusError(e)) throw e;
    }
  }

  // ------------------------------------------------------------------ helpers

  private probeHost(r: ContainerRecord, inst: Instance) {
    return {
      clock: this.k.ctx.clock,
      podIP: () => this.podIP ?? '',
      unhealthy: (_kind: ProbeKind, message: string) => this.event('Warning', 'Unhealthy', message, r),
      changed: (kind: ProbeKind, success: boolean) => {
        if (r.current !== inst || inst.terminated) return;
        if (kind === 'readiness') {
          r.ready = success && r.started;
          this.trace(`readiness probe of ${r.name} in ${this.key} ${success ? 'succeeded: the container is ready' : 'failed: the container is not ready'}`);
        } else if (kind === 'startup' && success) {
          r.started = true;
          r.ready = !r.spec.readinessProbe;
        } else {
          const restart = (this.pod.spec?.restartPolicy ?? 'Always') !== 'Never';
          const probe = kind === 'liveness' ? r.spec.livenessProbe : r.spec.startupProbe;
          const g = probe?.terminationGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
          this.trace(`${kind} probe of ${r.name} in ${this.key} failed ${probe?.failureThreshold ?? 3} times in a row: killing the container`);
          this.kill(r, `Container ${r.name} failed ${kind} probe${restart ? ', will be restarted' : ''}`, g * 1000);
        }
        this.writeStatus();
      },
    };
  }

  private hostname(): string {
    return this.pod.spec?.hostNetwork ? this.k.nodeName : this.pod.metadata.name;
  }

  /** The container's environment: the `kubernetes` Service variables, then env from the spec. */
  private env(r: ContainerRecord): Record<string, string> {
    const env: Record<string, string> = {
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      KUBERNETES_SERVICE_PORT_HTTPS: '443',
      KUBERNETES_PORT: 'tcp://10.96.0.1:443',
      KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
      KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
      KUBERNETES_PORT_443_TCP_PORT: '443',
      KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
    };
    for (const e of r.spec.env ?? []) {
      const v = e.value ?? this.fieldRef(e.valueFrom?.fieldRef?.fieldPath);
      if (v !== undefined) env[e.name] = v;
    }
    return env;
  }

  /** The downward API fields a learner is likely to use in env. */
  private fieldRef(path: string | undefined): string | undefined {
    const m = this.pod.metadata;
    switch (path) {
      case 'metadata.name':
        return m.name;
      case 'metadata.namespace':
        return m.namespace;
      case 'metadata.uid':
        return this.uid;
      case 'spec.nodeName':
        return this.k.nodeName;
      case 'spec.serviceAccountName':
        return this.pod.spec?.serviceAccountName;
      case 'status.podIP':
        return this.podIP;
      case 'status.hostIP':
        return this.k.hostIP;
      default:
        return path?.startsWith('metadata.labels[') ? m.labels?.[path.slice(17, -2)] : undefined;
    }
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

  private fieldPath(r: ContainerRecord): string {
    return `spec.${r.init ? 'initContainers' : 'containers'}{${r.name}}`;
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string, r?: ContainerRecord): void {
    this.k.recorder.event(kube(this.pod), type, reason, message, r ? this.fieldPath(r) : undefined);
  }

  private trace(message: string): void {
    this.k.ctx.trace.record({ component: 'kubelet', node: this.k.nodeName, message, ref: { kind: 'Pod', namespace: this.pod.metadata.namespace ?? 'default', name: this.pod.metadata.name } });
  }
}

function newRecord(spec: Container, init: boolean): ContainerRecord {
  return { name: spec.name, spec, init, created: 0, started: false, ready: false, busy: false, retryAt: 0 };
}
