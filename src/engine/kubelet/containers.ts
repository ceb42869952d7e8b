import type { Container } from 'kubernetes-types/core/v1';
import type { Mount } from '../runtime';
import { goDuration } from './backoff';
import { ZERO_TIME } from './container';
import type { CriImage, HttpClient, HttpProbeAnswer, RunningContainer } from './cri';
import { makeEnvironmentVariables } from './env';
import { expandCommandAndArgs } from './expansion';
import { ContainerLogs } from './logs';
import type { ContainerRecord, Instance, StoredPod } from './model';
import { isRunning, kube } from './model';
import type { KubeletServices } from './pod-worker';
import { ContainerProbes } from './probes';
import type { ProbeHost, ProbeKind } from './probes';

/**
 * The containers of one pod, as the kubelet's runtime manager (kuberuntime) handles them: the
 * crash-loop back-off before a restart, the image, create and start, the exit, the probes, and kills
 * with a grace period. The pod worker decides *which* containers should run; this decides *how*.
 */
export const PLEG_RELIST_MS = 1_000;
/** The pod worker's retry after a sync error (image pull failures): backOffPeriod. */
export const SYNC_ERROR_BACKOFF_MS = 10_000;
/** The waiting reason while a container's environment or mounts cannot be made (ErrCreateContainerConfig). */
export const CREATE_CONTAINER_CONFIG_ERROR = 'CreateContainerConfigError';
/** killContainer's floor: containers always get at least 2 s to stop (minimumGracePeriodInSeconds). */
const MIN_GRACE_MS = 2_000;

/** What the containers need from their pod worker. */
export interface PodHandle {
  readonly uid: string;
  readonly pod: StoredPod;
  readonly podIP: string | undefined;
  /** `name_namespace(uid)` (format.Pod). */
  readonly formatted: string;
  readonly key: string;
  /** Something changed that the status shows. */
  changed(): void;
  /** The container's bind mounts of the pod's configMap and secret volumes. */
  mountsFor(c: Container): Mount[];
  /** Resync the pod after `ms` (0: as soon as possible). */
  resyncAfter(ms: number): void;
  trace(message: string): void;
}

interface Live {
  handle: RunningContainer;
  probes: ContainerProbes;
  instance: Instance;
}

export class PodContainers {
  readonly records = new Map<string, ContainerRecord>();
  readonly logs = new Map<string, ContainerLogs>();
  private live = new Map<string, Live>();
  private cancels = new Map<string, () => void>();

  constructor(
    private readonly k: KubeletServices,
    private readonly p: PodHandle,
  ) {
    const spec = p.pod.spec!;
    for (const c of spec.initContainers ?? []) this.records.set(c.name, newRecord(c, true));
    for (const c of spec.containers ?? []) this.records.set(c.name, newRecord(c, false));
  }

  get inits(): ContainerRecord[] {
    return [...this.records.values()].filter((r) => r.init);
  }
  get mains(): ContainerRecord[] {
    return [...this.records.values()].filter((r) => !r.init);
  }
  anyRunning(): boolean {
    return [...this.records.values()].some(isRunning);
  }

  /** Starts (or restarts) a container: crash-loop back-off, image, create, start. */
  start(r: ContainerRecord): void {
    const now = this.k.ctx.clock.now();
    if (r.busy) return;
    if (now < r.retryAt) {
      // Not yet (the PLEG's next relist, or the sync back-off after a failed pull): come back then. The
      // wake-up that would have done so may be gone, cancelled by a kubelet restart in between.
      this.p.resyncAfter(r.retryAt - now);
      return;
    }
    const t = r.current?.terminated;
    if (t) {
      // Upstream keys the crash back-off by the container's spec hash: a new image starts afresh.
      const key = `${this.p.uid}_${r.name}_${r.spec.image ?? ''}`;
      const b = this.k.containerBackoff;
      if (b.isInBackOffSince(key, t.finishedAt, now)) {
        const delay = goDuration(b.get(key));
        const fresh = r.waiting?.reason !== 'CrashLoopBackOff';
        r.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${delay} restarting failed container=${r.name} pod=${this.p.formatted}` };
        this.event('Warning', 'BackOff', `Back-off restarting failed container ${r.name} in pod ${this.p.formatted}`, r);
        if (fresh) this.p.trace(`container ${r.name} of ${this.p.key} exited with code ${t.exitCode}; waiting ${delay} before restarting it (CrashLoopBackOff)`);
        this.p.resyncAfter(b.expiresAt(key, t.finishedAt)! - now);
        return;
      }
      b.next(key, now, t.finishedAt);
    }
    r.busy = true;
    let inline = true;
    const cancel = this.k.images.ensure(this.p.pod, r.spec, fieldPath(r), this.k.recorder, (res) => {
      this.cancels.delete(r.name);
      r.busy = false;
      if (!this.k.isRunning()) return;
      if (!res.ok) {
        r.waiting = { reason: res.reason, message: res.message };
        this.event('Warning', 'Failed', `Error: ${res.reason}`, r);
        r.retryAt = this.k.ctx.clock.now() + SYNC_ERROR_BACKOFF_MS;
        this.p.resyncAfter(SYNC_ERROR_BACKOFF_MS);
      } else {
        this.run(r, res.image);
      }
      if (!inline) this.p.resyncAfter(0);
    });
    inline = false;
    if (r.busy) this.cancels.set(r.name, cancel);
  }

  /** generateContainerConfig (env, command, mounts), then CreateContainer + StartContainer. */
  private run(r: ContainerRecord, image: CriImage): void {
    const clock = this.k.ctx.clock;
    const now = clock.now();
    const pod = this.p.pod;
    const env = makeEnvironmentVariables(pod, r.spec, { uid: this.p.uid, nodeName: this.k.nodeName, hostIP: this.k.hostIP, podIP: this.p.podIP, allocatable: this.k.allocatable }, this.k.objects);
    if (!env.ok) {
      // kuberuntime's startContainer: ErrCreateContainerConfig; the pod worker retries on its next sync.
      const fresh = r.waiting?.reason !== CREATE_CONTAINER_CONFIG_ERROR || r.waiting.message !== env.message;
      r.waiting = { reason: CREATE_CONTAINER_CONFIG_ERROR, message: env.message };
      this.event('Warning', 'Failed', `Error: ${env.message}`, r);
      if (fresh) this.p.trace(`cannot create container ${r.name} of ${this.p.key}: ${env.message}; the kubelet tries again on its next sync of the pod (${SYNC_ERROR_BACKOFF_MS / 1000}s)`);
      r.retryAt = now + SYNC_ERROR_BACKOFF_MS;
      this.p.resyncAfter(SYNC_ERROR_BACKOFF_MS);
      return;
    }
    const spec = { ...r.spec, ...expandCommandAndArgs(r.spec, env.env) };
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
      {
        container: spec,
        image,
        podIP: this.p.podIP ?? '',
        hostname: pod.spec?.hostNetwork ? this.k.nodeName : pod.metadata.name,
        namespace: pod.metadata.namespace ?? 'default',
        env: env.env,
        mounts: this.p.mountsFor(r.spec),
        containerID: id,
      },
      { output: (line) => inst.logs.push(clock.now(), line), exit: (code) => this.exited(r, inst, code) },
    );
    if (!started.ok) {
      // runc could not exec PID 1: the container was created but ends at once, and restarts with back-off.
      this.event('Warning', 'Failed', `Error: ${started.message}`, r);
      this.p.trace(`container ${r.name} of ${this.p.key} failed to start: ${started.message}`);
      inst.startedAt = ZERO_TIME;
      inst.terminated = { exitCode: started.exitCode, reason: started.reason, message: started.message, startedAt: ZERO_TIME, finishedAt: now, containerID: id };
      r.ready = false;
      r.retryAt = now + PLEG_RELIST_MS;
      this.p.resyncAfter(PLEG_RELIST_MS);
      return;
    }
    this.event('Normal', 'Started', `Started container ${r.name}`, r);
    this.p.trace(`started container ${r.name} of ${this.p.key}${r.created > 1 ? ` (restart ${r.created - 1})` : ''} from ${image.ref}`);
    if (inst.terminated) return; // exited while starting
    const probes = new ContainerProbes(this.probeHost(r, inst), r.spec, started.container, now);
    this.live.set(r.name, { handle: started.container, probes, instance: inst });
    probes.start();
  }

  private exited(r: ContainerRecord, inst: Instance, exitCode: number): void {
    if (inst.terminated) return;
    const reason = exitCode === 0 ? 'Completed' : 'Error';
    inst.terminated = { exitCode, reason, startedAt: inst.startedAt, finishedAt: this.k.ctx.clock.now(), containerID: inst.id };
    const live = this.live.get(r.name);
    if (live?.instance === inst) {
      live.probes.stop();
      this.live.delete(r.name);
    }
    if (r.current !== inst) return;
    r.ready = false;
    r.retryAt = inst.terminated.finishedAt + PLEG_RELIST_MS;
    this.p.trace(`container ${r.name} of ${this.p.key} exited with code ${exitCode} (${reason})`);
    if (!this.k.isRunning()) return;
    this.p.changed();
    // The PLEG sees the exit on its next relist; that sync decides on a restart.
    this.p.resyncAfter(PLEG_RELIST_MS);
  }

  /** killContainer: a Killing event, then the stop signal and SIGKILL when the grace period ends. */
  kill(r: ContainerRecord, message: string, graceMs: number): void {
    const live = this.live.get(r.name);
    if (!live) return;
    this.event('Normal', 'Killing', message, r);
    live.probes.stop();
    r.ready = false;
    live.handle.stop(Math.max(graceMs, MIN_GRACE_MS));
  }

  /** Stops every running container (pod deletion). */
  killAll(graceMs: number): number {
    const running = [...this.records.values()].filter(isRunning);
    for (const r of running) this.kill(r, `Stopping container ${r.name}`, graceMs);
    return running.length;
  }

  /** The pod left the API: its containers are killed at once. */
  killNow(): void {
    this.cancelPending();
    for (const l of this.live.values()) {
      l.probes.stop();
      l.handle.stop(0);
    }
    this.live.clear();
  }

  stopProbes(): void {
    for (const l of this.live.values()) l.probes.stop();
  }

  cancelPending(): void {
    for (const c of this.cancels.values()) c();
    this.cancels.clear();
    for (const r of this.records.values()) r.busy = false;
  }

  /** The kubelet stopped: no probes; pulls in flight are forgotten (the next sync asks again). */
  pause(): void {
    for (const l of this.live.values()) l.probes.pause();
    this.cancelPending();
  }

  resume(): void {
    for (const [name, l] of this.live) l.probes.resume(this.records.get(name)!.started);
  }

  /** A connection from inside the cluster to the pod's IP: the container listening on the port answers. */
  httpGet(port: number, path: string, client: HttpClient): HttpProbeAnswer {
    for (const l of this.live.values()) if (l.handle.listens(port)) return l.handle.httpGet(port, path, client);
    // Nothing listens: the pod's network namespace answers the SYN with a RST.
    return { ok: false, error: 'refused' };
  }

  /** The running instance of a container, as the kubelet's findContainer looks it up for exec. */
  running(name: string): RunningContainer | undefined {
    return this.live.get(name)?.handle;
  }

  /** `sim crash`: the container's main process exits with code 1. */
  crash(container?: string): boolean {
    const name = container ?? this.p.pod.spec?.containers?.[0]?.name;
    const l = name ? this.live.get(name) : undefined;
    if (!l) return false;
    l.handle.crash(1);
    return true;
  }

  /** A changed container image (the one mutable field) restarts that container with the new image. */
  updateSpecs(graceMs: number): void {
    const pod = this.p.pod;
    for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
      const r = this.records.get(c.name);
      if (!r || r.spec.image === c.image) continue;
      r.spec = c;
      // The update is itself a sync (the pod worker takes updates at once; only its requeue after an
      // error waits), and the new image has no pull or crash back-off of its own yet (KL26).
      r.retryAt = 0;
      if (isRunning(r) && !r.init) this.kill(r, `Container ${c.name} definition changed, will be restarted`, graceMs);
    }
  }

  private probeHost(r: ContainerRecord, inst: Instance): ProbeHost {
    return {
      clock: this.k.ctx.clock,
      podIP: () => this.p.podIP ?? '',
      unhealthy: (_kind, message) => this.event('Warning', 'Unhealthy', message, r),
      changed: (kind: ProbeKind, success: boolean) => {
        if (r.current !== inst || inst.terminated) return;
        if (kind === 'readiness') {
          r.ready = success && r.started;
          this.p.trace(`readiness probe of ${r.name} in ${this.p.key} ${success ? 'succeeded: the container is ready' : 'failed: the container is not ready'}`);
        } else if (kind === 'startup' && success) {
          r.started = true;
          r.ready = !r.spec.readinessProbe;
        } else {
          const spec = this.p.pod.spec;
          const restart = (spec?.restartPolicy ?? 'Always') !== 'Never';
          const probe = kind === 'liveness' ? r.spec.livenessProbe : r.spec.startupProbe;
          const grace = probe?.terminationGracePeriodSeconds ?? spec?.terminationGracePeriodSeconds ?? 30;
          this.p.trace(`${kind} probe of ${r.name} in ${this.p.key} failed ${probe?.failureThreshold ?? 3} times in a row: killing the container`);
          this.kill(r, `Container ${r.name} failed ${kind} probe${restart ? ', will be restarted' : ''}`, grace * 1000);
        }
        this.p.changed();
      },
    };
  }

  event(type: 'Normal' | 'Warning', reason: string, message: string, r?: ContainerRecord): void {
    this.k.recorder.event(kube(this.p.pod), type, reason, message, r ? fieldPath(r) : undefined);
  }
}

function fieldPath(r: ContainerRecord): string {
  return `spec.${r.init ? 'initContainers' : 'containers'}{${r.name}}`;
}

function newRecord(spec: Container, init: boolean): ContainerRecord {
  return { name: spec.name, spec, init, created: 0, started: false, ready: false, busy: false, retryAt: 0 };
}

