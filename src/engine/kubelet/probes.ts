import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { Clock, TimerHandle } from '../clock';
import type { RunningContainer } from './cri';

/**
 * The kubelet's prober (pkg/kubelet/prober): one worker per probe of a running container. A worker
 * probes every periodSeconds once initialDelaySeconds have passed since the container started, and
 * changes its result only after failureThreshold failures or successThreshold successes in a row.
 * Readiness starts as failure (not ready until the first success), liveness as success; readiness and
 * liveness wait until the startup probe (if any) has succeeded. A probe that keeps giving the same
 * answer writes nothing: only a changed result reaches the pod status.
 */
export type ProbeKind = 'startup' | 'readiness' | 'liveness';

const KIND_NAME: Record<ProbeKind, string> = { startup: 'Startup', readiness: 'Readiness', liveness: 'Liveness' };

export interface ProbeHost {
  clock: Clock;
  podIP(): string;
  /** Every failed probe is a Warning `Unhealthy` event: `Readiness probe failed: ...`. */
  unhealthy(kind: ProbeKind, message: string): void;
  /** The result crossed its threshold. */
  changed(kind: ProbeKind, success: boolean): void;
}

interface Worker {
  kind: ProbeKind;
  probe: Probe;
  timer: TimerHandle | undefined;
  last: boolean | undefined;
  run: number;
  inFlight: boolean;
  onHold: boolean;
  /** The readiness result in force: failure until the first success. */
  result: boolean;
}

/** The probe workers of one container instance; `stop` when the instance ends. */
export class ContainerProbes {
  private workers: Worker[] = [];
  private stopped = false;

  constructor(
    private readonly host: ProbeHost,
    private readonly spec: Container,
    private readonly container: RunningContainer,
    private readonly startedAt: number,
  ) {
    for (const kind of ['startup', 'readiness', 'liveness'] as const) {
      const probe = spec[`${kind}Probe`];
      if (probe) this.workers.push({ kind, probe, timer: undefined, last: undefined, run: 0, inFlight: false, onHold: false, result: false });
    }
  }

  /** Starts the startup probe, or readiness and liveness when there is none. */
  start(): void {
    const hasStartup = this.workers.some((w) => w.kind === 'startup');
    for (const w of this.workers) if (hasStartup === (w.kind === 'startup')) this.schedule(w, this.firstAt(w));
  }

  /** After a successful startup probe the other probes begin. */
  private startAfterStartup(): void {
    for (const w of this.workers) if (w.kind !== 'startup') this.schedule(w, this.firstAt(w));
  }

  stop(): void {
    this.stopped = true;
    for (const w of this.workers) this.host.clock.clearTimeout(w.timer);
  }

  /** While the kubelet is down nothing probes; `resume` picks up where the timers left. */
  pause(): void {
    for (const w of this.workers) {
      this.host.clock.clearTimeout(w.timer);
      w.timer = undefined;
    }
  }

  resume(started: boolean): void {
    if (this.stopped) return;
    for (const w of this.workers) {
      if (w.onHold || (w.kind === 'startup' ? started : !started)) continue;
      this.schedule(w, this.host.clock.now());
    }
  }

  private firstAt(w: Worker): number {
    return Math.max(this.host.clock.now(), this.startedAt + (w.probe.initialDelaySeconds ?? 0) * 1000);
  }

  private schedule(w: Worker, at: number): void {
    this.host.clock.clearTimeout(w.timer);
    w.timer = this.host.clock.setTimeout(() => this.tick(w), at - this.host.clock.now(), `probe ${w.kind} ${this.spec.name}`);
  }

  private tick(w: Worker): void {
    w.timer = undefined;
    if (this.stopped || w.onHold) return;
    const period = (w.probe.periodSeconds ?? 10) * 1000;
    this.schedule(w, this.host.clock.now() + period);
    if (w.inFlight) return;
    w.inFlight = true;
    this.runProbe(w.probe, (success, output) => {
      w.inFlight = false;
      if (this.stopped || w.onHold) return;
      this.record(w, success, output);
    });
  }

  private record(w: Worker, success: boolean, output: string): void {
    if (!success) this.host.unhealthy(w.kind, `${KIND_NAME[w.kind]} probe failed: ${output}`);
    if (w.last === success) w.run++;
    else {
      w.last = success;
      w.run = 1;
    }
    const threshold = success ? (w.probe.successThreshold ?? 1) : (w.probe.failureThreshold ?? 3);
    if (w.run < threshold) return;
    const before = w.result;
    w.run = 0;
    if (w.kind === 'liveness' || w.kind === 'startup') {
      if (!success) {
        // The container will be killed: stop probing until a new instance starts.
        w.onHold = true;
        this.host.clock.clearTimeout(w.timer);
        this.host.changed(w.kind, false);
        return;
      }
      if (w.kind === 'startup') {
        this.host.clock.clearTimeout(w.timer);
        w.onHold = true;
        this.host.changed('startup', true);
        this.startAfterStartup();
      }
      return;
    }
    w.result = success;
    if (before !== success) this.host.changed('readiness', success);
  }

  /** Runs one probe through the runtime; `done(success, output)`. */
  private runProbe(p: Probe, done: (success: boolean, output: string) => void): void {
    const timeoutMs = (p.timeoutSeconds ?? 1) * 1000;
    if (p.exec) {
      const argv = p.exec.command ?? [];
      this.container.exec(argv, timeoutMs, (r) => {
        if ('timedOut' in r) done(false, `command ${JSON.stringify(argv.join(' '))} timed out`);
        else done(r.exitCode === 0, r.output);
      });
      return;
    }
    const action = p.httpGet ?? p.tcpSocket ?? p.grpc;
    if (!action) return done(true, '');
    const port = this.resolvePort((action as { port: number | string }).port);
    const host = ('host' in action && action.host) || this.host.podIP();
    if (port === undefined) return done(false, `unable to find port ${String((action as { port: number | string }).port)}`);
    if (p.httpGet) {
      const path = p.httpGet.path || '/';
      const url = `${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`;
      const r = this.container.httpGet(port, path);
      if (r.ok) return done(r.status < 400, r.status < 400 ? '' : `HTTP probe failed with statuscode: ${r.status}`);
      if (r.error === 'timeout') return done(false, `Get ${JSON.stringify(url)}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)`);
      return done(false, `Get ${JSON.stringify(url)}: dial tcp ${host}:${port}: connect: connection refused`);
    }
    if (this.container.listens(port)) return done(true, '');
    if (p.grpc) return done(false, `timeout: failed to connect service "${host}:${port}" within ${timeoutMs / 1000}s: context deadline exceeded`);
    done(false, `dial tcp ${host}:${port}: connect: connection refused`);
  }

  private resolvePort(port: number | string): number | undefined {
    if (typeof port === 'number') return port;
    if (/^\d+$/.test(port)) return Number(port);
    return this.spec.ports?.find((p) => p.name === port)?.containerPort;
  }
}
