import type { Clock, TimerHandle } from '../clock';
import type { ExecChunk } from '../api/streaming';
import { MountedFileSystem, createContainerFileSystem, execInContainer, sha256Hex, startContainer } from '../runtime';
import type { FileSystem, Image, Process, StartResult } from '../runtime';
import type { ContainerHooks, ContainerSpecInput, ExecProcess, HttpClient, HttpProbeAnswer, RunningContainer } from './cri';

/**
 * containerd's side of a running container: it steps the runtime's Process on the simulated clock
 * (output goes to the log file line by line, sleeps become timers, serve and block wait for a signal)
 * and implements StopContainer (the image's STOPSIGNAL, then SIGKILL when the grace period ends),
 * ExecSync for exec probes and Exec for `kubectl exec`. A PID 1 without a handler ignores the stop
 * signal, as Linux does for PID 1, so `sleep 3600` only ends at SIGKILL with exit code 137.
 */
const SIGKILL_EXIT = 137;
/** Output steps handled in one go before the driver lets the clock move (a runaway `yes`). */
const MAX_STEPS_PER_PUMP = 5_000;
/** Linux's pipe capacity: an exec'd process blocks on write once this much output waits unread. */
const PIPE_CAPACITY = 65_536;
/** A StartError container's start time as containerd reports it: the zero time. */
export const ZERO_TIME = 0;

export type StartOutcome =
  | { ok: true; container: RunningContainer }
  | { ok: false; reason: 'StartError' | 'CreateContainerError'; exitCode: number; message: string };

export interface RuntimeHost {
  clock: Clock;
  /** The prober's source address (the node's bridge on the pod network). */
  probeSource: string;
  podListening?: () => number[];
}

export function runContainer(host: RuntimeHost, input: ContainerSpecInput, hooks: ContainerHooks): StartOutcome {
  const image = input.image.image;
  if (!image) return { ok: true, container: new IdleContainer(hooks) };
  const c = input.container;
  const own = createContainerFileSystem(image, { hostname: input.hostname, podIP: input.podIP, namespace: input.namespace });
  const fs = input.mounts?.length ? new MountedFileSystem(own, input.mounts) : own;
  const r = startContainer(
    image,
    { ...(c.command ? { command: c.command } : {}), ...(c.args ? { args: c.args } : {}), ...(c.workingDir ? { workingDir: c.workingDir } : {}) },
    { env: input.env, hostname: input.hostname, podIP: input.podIP, now: () => host.clock.now(), fs, ...(host.podListening ? { podListening: host.podListening } : {}) },
  );
  if (!r.ok) return r;
  const d = new DrivenContainer(host, image, r.process, fs, input, hooks);
  d.pump();
  return { ok: true, container: d };
}

class DrivenContainer implements RunningContainer {
  private timer: TimerHandle | undefined;
  private killTimer: TimerHandle | undefined;
  private partial = '';
  private done = false;
  private readonly execs = new Set<StreamedExec>();
  private execCount = 0;

  constructor(
    private readonly host: RuntimeHost,
    private readonly image: Image,
    private readonly proc: Process,
    private readonly fs: FileSystem,
    private readonly input: ContainerSpecInput,
    private readonly hooks: ContainerHooks,
  ) {}

  pump(): void {
    this.timer = undefined;
    for (let i = 0; i < MAX_STEPS_PER_PUMP && !this.done; i++) {
      const step = this.proc.next();
      switch (step.kind) {
        case 'output':
          this.write(step.text);
          continue;
        case 'sleep':
          this.timer = this.host.clock.setTimeout(() => this.pump(), step.ms, 'container step');
          return;
        case 'exit':
          this.finish(step.code);
          return;
        case 'serve':
        case 'block':
          return;
      }
    }
    if (!this.done) this.timer = this.host.clock.setTimeout(() => this.pump(), 1, 'container step');
  }

  stop(graceMs: number): void {
    if (this.done || this.killTimer) return;
    if (this.proc.signal(this.image.config.stopSignal) === 'handled') {
      this.host.clock.clearTimeout(this.timer);
      this.timer = this.host.clock.setTimeout(() => this.pump(), 0, 'container signal');
    }
    if (graceMs <= 0) return this.finish(SIGKILL_EXIT, 9);
    this.killTimer = this.host.clock.setTimeout(() => this.finish(SIGKILL_EXIT, 9), graceMs, 'container SIGKILL');
  }

  crash(code: number): void {
    this.finish(code);
  }

  listens(port: number): boolean {
    return !this.done && this.proc.listeningPorts().includes(port);
  }

  httpGet(port: number, path: string, client?: HttpClient): HttpProbeAnswer {
    if (this.done) return { ok: false, error: 'refused' };
    const from = client ?? { userAgent: 'kube-probe/1.33', remoteAddr: this.host.probeSource };
    const r = this.proc.http({ port, path, method: 'GET', userAgent: from.userAgent, remoteAddr: from.remoteAddr, host: `${this.input.podIP}:${port}` });
    if (r.kind === 'refused') return { ok: false, error: 'refused' };
    for (const l of r.logs) this.write(l.text);
    if (r.kind === 'closed') return { ok: false, error: 'timeout' };
    return { ok: true, status: r.status, body: r.body };
  }

  exec(argv: string[], timeoutMs: number, done: (r: { exitCode: number; output: string } | { timedOut: true }) => void): void {
    const clock = this.host.clock;
    const r = this.spawn(argv, null);
    if (!r.ok) return done({ exitCode: r.exitCode, output: r.message });
    const proc = r.process;
    const deadline = clock.now() + timeoutMs;
    let output = '';
    const step = (): void => {
      for (let i = 0; i < MAX_STEPS_PER_PUMP; i++) {
        const s = proc.next();
        if (s.kind === 'output') output += s.text;
        else if (s.kind === 'exit') return done({ exitCode: s.code, output });
        else if (s.kind === 'sleep' && clock.now() + s.ms <= deadline) {
          clock.setTimeout(step, s.ms, 'exec step');
          return;
        } else {
          clock.setTimeout(() => done({ timedOut: true }), Math.max(0, deadline - clock.now()), 'exec timeout');
          return;
        }
      }
      done({ timedOut: true });
    };
    step();
  }

  execStream(argv: string[], stdin: string | null): { ok: true; process: ExecProcess } | { ok: false; error: string } {
    // containerd names each exec process with a random 64-hex ID; here it derives from the container's.
    const id = sha256Hex(`${this.input.containerID ?? this.input.hostname}/exec/${++this.execCount}`);
    if (this.done) return { ok: false, error: `failed to exec in container: container is in CONTAINER_EXITED state` };
    const r = this.spawn(argv, stdin);
    if (!r.ok) return { ok: false, error: `failed to exec in container: failed to start exec "${id}": ${r.message}` };
    const p = new StreamedExec(this.host.clock, r.process, () => this.execs.delete(p));
    this.execs.add(p);
    p.pump();
    return { ok: true, process: p };
  }

  /** A process beside PID 1, as runc exec starts it: the container's env, working directory and files. */
  private spawn(argv: string[], stdin: string | null): StartResult {
    const clock = this.host.clock;
    const workingDir = this.input.container.workingDir;
    return execInContainer(this.image, argv, {
      env: this.input.env,
      hostname: this.input.hostname,
      podIP: this.input.podIP,
      now: () => clock.now(),
      fs: this.fs,
      stdin,
      podListening: () => this.proc.listeningPorts(),
      ...(workingDir ? { workingDir } : {}),
    });
  }

  /** Splits output into lines for the log file; a final unterminated line is kept until more comes. */
  private write(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.hooks.output(line);
  }

  private finish(code: number, signal?: number): void {
    if (this.done) return;
    this.done = true;
    this.host.clock.clearTimeout(this.timer);
    this.host.clock.clearTimeout(this.killTimer);
    if (this.partial) this.hooks.output(this.partial);
    this.partial = '';
    // PID 1 of the container's PID namespace is gone: the kernel kills every other process in it.
    for (const p of [...this.execs]) p.kill();
    this.hooks.exit(code, signal);
  }
}

/**
 * A process started by Exec, stepped on the simulated clock like PID 1. Its output waits in the
 * stream until the streaming server reads it; past a pipe's capacity the process blocks on write.
 */
class StreamedExec implements ExecProcess {
  private buffer: ExecChunk[] = [];
  private buffered = 0;
  private timer: TimerHandle | undefined;
  private exitCode: number | undefined;
  private blocked = false;

  constructor(
    private readonly clock: Clock,
    private readonly proc: Process,
    private readonly onEnd: () => void,
  ) {}

  pump(): void {
    this.timer = undefined;
    for (let i = 0; i < MAX_STEPS_PER_PUMP && this.exitCode === undefined; i++) {
      if (this.buffered >= PIPE_CAPACITY) {
        this.blocked = true;
        return;
      }
      const step = this.proc.next();
      switch (step.kind) {
        case 'output':
          this.buffer.push({ stream: step.stream, text: step.text });
          this.buffered += step.text.length;
          continue;
        case 'sleep':
          this.timer = this.clock.setTimeout(() => this.pump(), step.ms, 'exec step');
          return;
        case 'exit':
          this.end(step.code);
          return;
        case 'serve':
        case 'block':
          return;
      }
    }
    if (this.exitCode === undefined) this.timer = this.clock.setTimeout(() => this.pump(), 1, 'exec step');
  }

  read(): { output: ExecChunk[]; exitCode?: number } {
    const output = this.buffer;
    this.buffer = [];
    this.buffered = 0;
    if (this.blocked) {
      this.blocked = false;
      this.timer = this.clock.setTimeout(() => this.pump(), 0, 'exec step');
    }
    return this.exitCode === undefined ? { output } : { output, exitCode: this.exitCode };
  }

  kill(): void {
    if (this.exitCode === undefined) this.end(SIGKILL_EXIT);
  }

  private end(code: number): void {
    this.exitCode = code;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.onEnd();
  }
}

/** A container whose image the simulation does not model: it runs silently until stopped. */
class IdleContainer implements RunningContainer {
  constructor(private readonly hooks: ContainerHooks) {}
  stop(): void {
    this.hooks.exit(0);
  }
  crash(code: number): void {
    this.hooks.exit(code);
  }
  listens(): boolean {
    return false;
  }
  httpGet(): HttpProbeAnswer {
    return { ok: false, error: 'refused' };
  }
  exec(_argv: string[], _t: number, done: (r: { exitCode: number; output: string }) => void): void {
    done({ exitCode: 0, output: '' });
  }
  execStream(): { ok: false; error: string } {
    return { ok: false, error: 'kubesim does not simulate the programs of this image, so nothing can be run in it' };
  }
}
