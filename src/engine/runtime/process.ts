/**
 * What a container does over simulated time. `startContainer` turns an image plus the container's
 * `command`/`args`/env into a `Process` — a deterministic, lazily evaluated program the kubelet steps
 * with `next()`: output, sleep, exit, serve (a server that runs until killed and answers HTTP), or
 * block (runs forever silently).
 *
 * Kubernetes semantics: `command` replaces the image's ENTRYPOINT, `args` replaces its CMD; with
 * `command` but no `args` the image's CMD is dropped too. A program the image does not have fails the
 * start the way runc does (`exec: "foo": executable file not found in $PATH`, exit code 128,
 * reason StartError), before anything runs.
 *
 * Inside, a process is a set of cooperative threads (PID 1, background jobs started with `&`, signal
 * handlers), each a generator of effects. `next()` runs the thread due soonest until it produces a
 * visible step; sleeps of different threads interleave on a process-local timeline.
 */
import { FOREVER_MS, UTILS, reasonPhrase, resolvePath, unsimulated } from './coreutils';
import { MemoryFileSystem, imageLayer, isFsError } from './fs';
import type { FileSystem, ImageLayer } from './fs';
import { render, runApp } from './apps';
import type { RenderContext } from './apps';
import type { HttpRouteData, SignalName } from './images-data';
import { lookupProgram } from './images';
import type { Image } from './images';
import { runShell } from './shell';
import type {
  DialResult,
  DnsResult,
  FetchRequest,
  FetchResult,
  OutputStream,
  Program,
  RuntimeContext,
  ServerSpec,
  SpawnOptions,
  SpawnResult,
} from './types';

export type { FileSystem } from './fs';
export { MemoryFileSystem } from './fs';
export type { DialResult, DnsResult, FetchRequest, FetchResult } from './types';

/** One step of a process, as the kubelet sees it. */
export type ProcessStep =
  /** Bytes written to the container's stdout or stderr, exactly as written (lines end with `\n`). */
  | { kind: 'output'; stream: OutputStream; text: string }
  /** Nothing happens for `ms` of simulated time; call `next()` again after it has passed. */
  | { kind: 'sleep'; ms: number }
  /** PID 1 exited: the container terminates with this code. */
  | { kind: 'exit'; code: number }
  /** A server runs until killed and answers HTTP on `ports` (see Process.http). Repeats on next(). */
  | { kind: 'serve'; ports: number[] }
  /** Runs forever without output (`sleep infinity`, `tail -f /dev/null`, pause). Repeats on next(). */
  | { kind: 'block' };

export type OutputStep = Extract<ProcessStep, { kind: 'output' }>;

export interface HttpRequest {
  port: number;
  method?: string;
  /** Path with optional query: `/healthz`, `/echo?msg=hi`. */
  path?: string;
  /** Host header. */
  host?: string;
  userAgent?: string;
  /** Client address, `10.244.0.1` or `10.244.0.1:51234`. */
  remoteAddr?: string;
  headers?: Record<string, string>;
}

export type HttpResult =
  /** Nothing listens on the port: `connect: connection refused`. */
  | { kind: 'refused' }
  /** Something listens but does not speak HTTP (redis, postgres): the connection is closed (`EOF`). */
  | { kind: 'closed'; logs: OutputStep[] }
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string; logs: OutputStep[] };

export interface Process {
  /** The argv PID 1 was started with (after ENTRYPOINT/CMD/command/args resolution). */
  readonly argv: readonly string[];
  next(): ProcessStep;
  /** Ports servers of this process listen on right now. */
  listeningPorts(): number[];
  /** Serves an HTTP request (kubelet probes, Service traffic). Access-log lines come back in `logs`. */
  http(req: HttpRequest): HttpResult;
  /**
   * Delivers a signal to PID 1. `ignored` when PID 1 has no handler for it — the kernel never applies
   * default actions to PID 1 of a namespace, which is why `sleep 3600` only dies at SIGKILL after the
   * grace period. After `handled`, call `next()` to run the shutdown.
   */
  signal(sig: SignalName): 'handled' | 'ignored';
  /** The exit code once PID 1 has exited. */
  readonly exitCode: number | undefined;
}

export interface ProcessContext {
  /** Container environment from the Pod spec (values resolved; `$(VAR)` references expanded). */
  env?: Record<string, string>;
  /** Pod hostname (`HOSTNAME`, `hostname`, `/etc/hostname`). */
  hostname: string;
  podIP?: string;
  /** Simulated clock. */
  now(): number;
  /** The container's file system; shared with `kubectl exec` and exec probes into the same container. */
  fs?: FileSystem;
  /** CPUs the container sees (nginx starts one worker per CPU). Default 2. */
  cpus?: number;
  /** Container stdin (`stdin: true`); null/absent means /dev/null. */
  stdin?: string | null;
  /** Ports open in the Pod's network namespace besides this process's own (sidecars, the main container for exec). */
  podListening?: () => number[];
  fetch?: (req: FetchRequest) => FetchResult;
  resolve?: (name: string) => DnsResult;
  dial?: (host: string, port: number) => DialResult;
}

/** The parts of a Kubernetes container spec the runtime needs. */
export interface ContainerCommand {
  command?: string[];
  args?: string[];
  workingDir?: string;
}

export type StartResult =
  | { ok: true; process: Process }
  | {
      ok: false;
      /** `StartError` (runc could not exec PID 1) or `CreateContainerError` (no command at all). */
      reason: 'StartError' | 'CreateContainerError';
      /** 128 for StartError, as the kubelet reports it. */
      exitCode: number;
      message: string;
    };

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Kubernetes' rule: command replaces ENTRYPOINT, args replaces CMD; command alone drops CMD too. */
export function effectiveArgv(image: Image, spec: ContainerCommand): string[] {
  const command = spec.command && spec.command.length > 0 ? spec.command : undefined;
  const args = spec.args && spec.args.length > 0 ? spec.args : undefined;
  if (command) return [...command, ...(args ?? [])];
  return [...image.config.entrypoint, ...(args ?? image.config.cmd)];
}

/**
 * Expands `$(VAR)` references in command/args from the container's env, as the kubelet does:
 * undefined variables stay as written, and `$$` escapes a dollar.
 */
export function expandContainerArgs(values: readonly string[], env: Record<string, string>): string[] {
  return values.map((v) => {
    let out = '';
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (c !== '$' || i + 1 >= v.length) {
        out += c;
        continue;
      }
      const n = v[i + 1]!;
      if (n === '$') {
        out += '$';
        i++;
      } else if (n === '(') {
        const end = v.indexOf(')', i + 2);
        if (end === -1) {
          out += v.slice(i);
          break;
        }
        const name = v.slice(i + 2, end);
        out += env[name] !== undefined ? env[name] : `$(${name})`;
        i = end;
      } else out += c;
    }
    return out;
  });
}

/**
 * The environment PID 1 (and every exec'd process) sees, in containerd's order: the default PATH
 * (oci.WithDefaultPathEnv), HOSTNAME, the image's ENV (replacing PATH in place), the Pod spec's env,
 * then HOME, which runc adds when nothing set it. A later value replaces an earlier one in place.
 */
export function containerEnv(
  image: Image,
  ctx: Pick<ProcessContext, 'env' | 'hostname'>,
): Record<string, string> {
  const env: Record<string, string> = { PATH: DEFAULT_PATH, HOSTNAME: ctx.hostname, ...image.config.env, ...(ctx.env ?? {}) };
  if (env.HOME === undefined) env.HOME = image.config.user === 'root' ? '/root' : '/';
  return env;
}

/**
 * A fresh container file system: the image's files plus what the runtime and kubelet write into every
 * container (/etc/hostname, /etc/hosts, /etc/resolv.conf, the service account namespace file).
 */
export function createContainerFileSystem(
  image: Image,
  options: {
    hostname: string;
    podIP?: string;
    namespace?: string;
    files?: Record<string, string>;
    readOnly?: string[];
  },
): MemoryFileSystem {
  const ns = options.namespace ?? 'default';
  // What the runtime and the kubelet put into every container (bind mounts over the image's files).
  const files: Record<string, string> = {
    '/etc/hostname': `${options.hostname}\n`,
    '/etc/hosts': `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${options.podIP ?? '10.244.0.2'}\t${options.hostname}\n`,
    '/etc/resolv.conf': `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
    '/var/run/secrets/kubernetes.io/serviceaccount/namespace': ns,
    ...(options.files ?? {}),
  };
  return new MemoryFileSystem(files, [], { lower: layerOf(image), ...(options.readOnly ? { readOnly: options.readOnly } : {}) });
}

/** The image's read-only layer, built once per image and shared by all its containers. */
const layers = new WeakMap<Image, ImageLayer>();
function layerOf(image: Image): ImageLayer {
  let l = layers.get(image);
  if (!l) {
    l = imageLayer(image.files, image.dirs);
    layers.set(image, l);
  }
  return l;
}

const RUNC_PREFIX =
  'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ';

function execNotFoundDetail(name: string): string {
  return name.includes('/')
    ? `exec: "${name}": stat ${name}: no such file or directory`
    : `exec: "${name}": executable file not found in $PATH`;
}

/** Starts PID 1 of a container. */
export function startContainer(image: Image, spec: ContainerCommand, ctx: ProcessContext): StartResult {
  const argv = effectiveArgv(image, spec);
  if (argv.length === 0)
    return {
      ok: false,
      reason: 'CreateContainerError',
      exitCode: 128,
      message: 'failed to generate spec: no command specified',
    };
  const env = containerEnv(image, ctx);
  const cwd = spec.workingDir || image.config.workingDir || '/';
  const fs =
    ctx.fs ??
    createContainerFileSystem(image, { hostname: ctx.hostname, ...(ctx.podIP ? { podIP: ctx.podIP } : {}) });
  // runc creates a missing working directory rather than failing.
  fs.mkdir(cwd, true);
  const proc = new SimProcess(argv, image, ctx, fs);
  const r = proc.spawner(argv, { env, cwd, stdin: ctx.stdin ?? null, exec: true });
  if (r.kind === 'not-found')
    return {
      ok: false,
      reason: 'StartError',
      exitCode: 128,
      message: `${RUNC_PREFIX}${execNotFoundDetail(argv[0]!)}: unknown`,
    };
  proc.startMain(r.kind === 'run' ? r.program : unsimulated(argv[0]!));
  return { ok: true, process: proc };
}

/**
 * Runs a command inside a running container (`kubectl exec`, exec probes): not PID 1, same file system.
 * Pass the container's `fs` and `podListening` so `cat /tmp/healthy` or `redis-cli ping` see its state.
 */
export function execInContainer(
  image: Image,
  argv: string[],
  ctx: ProcessContext & { workingDir?: string },
): StartResult {
  if (argv.length === 0)
    return {
      ok: false,
      reason: 'StartError',
      exitCode: 126,
      message:
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "": executable file not found in $PATH: unknown',
    };
  const env = containerEnv(image, ctx);
  const cwd = ctx.workingDir || image.config.workingDir || '/';
  const fs =
    ctx.fs ??
    createContainerFileSystem(image, { hostname: ctx.hostname, ...(ctx.podIP ? { podIP: ctx.podIP } : {}) });
  const proc = new SimProcess(argv, image, ctx, fs);
  const r = proc.spawner(argv, { env, cwd, stdin: ctx.stdin ?? null, exec: false });
  if (r.kind === 'not-found') {
    return {
      ok: false,
      reason: 'StartError',
      exitCode: 126,
      message: `OCI runtime exec failed: exec failed: unable to start container process: ${execNotFoundDetail(argv[0]!)}: unknown`,
    };
  }
  proc.startMain(r.kind === 'run' ? r.program : unsimulated(argv[0]!));
  return { ok: true, process: proc };
}

interface Thread {
  gen: Program<number | null>;
  wakeAt: number;
  role: 'main' | 'job' | 'handler';
  parked: boolean;
  waiting: boolean;
  seq: number;
}

class SimProcess implements Process {
  private threads: Thread[] = [];
  private clock = 0;
  private seq = 0;
  private servers: ServerSpec[] = [];
  private handlers = new Map<SignalName, () => Program<number | null>>();
  private finished: number | undefined;
  private requests = 0;
  readonly rt: RuntimeContext;

  constructor(
    readonly argv: readonly string[],
    readonly image: Image,
    private readonly ctx: ProcessContext,
    fs: FileSystem,
  ) {
    this.rt = {
      image,
      fs,
      now: () => ctx.now(),
      hostname: ctx.hostname,
      podIP: ctx.podIP ?? '10.244.0.2',
      cpus: Math.max(1, Math.floor(ctx.cpus ?? 2)),
      listening: () => [...new Set([...this.listeningPorts(), ...(ctx.podListening?.() ?? [])])],
      processes: () => [{ pid: 1, args: argv.join(' ') }],
      spawn: (a, o) => this.spawner(a, o),
      ...(ctx.fetch ? { fetch: ctx.fetch } : {}),
      ...(ctx.resolve ? { resolve: ctx.resolve } : {}),
      ...(ctx.dial ? { dial: ctx.dial } : {}),
    };
  }

  get exitCode(): number | undefined {
    return this.finished;
  }

  startMain(program: Program): void {
    this.threads.push({
      gen: program,
      wakeAt: 0,
      role: 'main',
      parked: false,
      waiting: false,
      seq: this.seq++,
    });
  }

  /** Resolves argv[0] in the image (PATH, then shebang scripts in the file system) and runs it. */
  spawner(argv: string[], opts: SpawnOptions): SpawnResult {
    const name = argv[0];
    if (!name) return { kind: 'not-found' };
    const path = opts.env.PATH ?? DEFAULT_PATH;
    const found = lookupProgram(this.image, name, path, opts.cwd);
    if (!found) {
      const script = this.shebang(name, path, opts.cwd);
      if (script) return this.spawner([...script, ...argv.slice(1)], opts);
      return { kind: 'not-found' };
    }
    const p = found.program;
    const inv = { env: opts.env, cwd: opts.cwd, stdin: opts.stdin };
    switch (p.kind) {
      case 'shell':
        return {
          kind: 'run',
          program: runShell(this.rt, {
            flavour: p.flavour,
            argv,
            env: opts.env,
            cwd: opts.cwd,
            stdin: opts.stdin,
            pid1: opts.exec,
          }),
        };
      case 'util': {
        const fn = UTILS[p.name];
        if (!fn) return { kind: 'unsimulated', path: found.path };
        return { kind: 'run', program: fn(argv, { ...inv, rt: this.rt, flavour: this.image.utilFlavour }) };
      }
      case 'app':
        return {
          kind: 'run',
          program: runApp(p.app, {
            rt: this.rt,
            inv,
            argv,
            vars: { ...this.image.vars },
            pid1: opts.exec,
            path: found.path,
          }),
        };
      case 'unsimulated':
        return { kind: 'unsimulated', path: found.path };
    }
  }

  /** A script file with `#!interpreter` (a ConfigMap-mounted script, say): run its interpreter. */
  private shebang(name: string, path: string, cwd: string): string[] | undefined {
    const candidates = name.includes('/')
      ? [resolvePath(cwd, name)]
      : path
          .split(':')
          .filter(Boolean)
          .map((d) => `${d}/${name}`);
    for (const file of candidates) {
      const c = this.rt.fs.read(file);
      if (isFsError(c)) continue;
      const m = /^#![ \t]*(\S+)(?:[ \t]+([^\n]*))?/.exec(c.split('\n')[0] ?? '');
      if (!m) return undefined;
      const arg = m[2]?.trim();
      const interp = m[1] === '/usr/bin/env' && arg ? arg.split(/\s+/) : [m[1]!, ...(arg ? [arg] : [])];
      return [...interp, file];
    }
    return undefined;
  }

  listeningPorts(): number[] {
    return [...new Set(this.servers.flatMap((s) => s.ports))].sort((a, b) => a - b);
  }

  signal(sig: SignalName): 'handled' | 'ignored' {
    if (this.finished !== undefined) return 'ignored';
    const h = this.handlers.get(sig);
    if (!h) return 'ignored';
    this.threads.push({
      gen: h(),
      wakeAt: this.clock,
      role: 'handler',
      parked: false,
      waiting: false,
      seq: this.seq++,
    });
    return 'handled';
  }

  next(): ProcessStep {
    try {
      return this.step();
    } catch (e) {
      // A bug in a simulated program must not take the whole engine down: the container dies visibly.
      this.finished = 1;
      this.threads = [];
      return {
        kind: 'output',
        stream: 'stderr',
        text: `kubesim: internal error in the simulated process: ${e instanceof Error ? e.message : String(e)}\n`,
      };
    }
  }

  private step(): ProcessStep {
    for (;;) {
      if (this.finished !== undefined) return { kind: 'exit', code: this.finished };
      const th = this.pick();
      if (!th) {
        const ports = this.listeningPorts();
        return ports.length ? { kind: 'serve', ports } : { kind: 'block' };
      }
      if (th.wakeAt > this.clock) {
        const ms = th.wakeAt - this.clock;
        this.clock = th.wakeAt;
        return { kind: 'sleep', ms };
      }
      const r = th.gen.next();
      if (r.done) {
        this.threads = this.threads.filter((t) => t !== th);
        if (th.role === 'main' || (th.role === 'handler' && r.value !== null)) {
          this.finished = th.role === 'main' ? (r.value ?? 0) : (r.value as number);
          this.threads = [];
          return { kind: 'exit', code: this.finished };
        }
        if (!this.threads.some((t) => t.role === 'job')) for (const t of this.threads) t.waiting = false;
        continue;
      }
      const e = r.value;
      switch (e.kind) {
        case 'output':
          return { kind: 'output', stream: e.stream, text: e.text };
        case 'sleep':
          th.wakeAt = this.clock + Math.max(0, e.ms);
          if (e.ms >= FOREVER_MS) th.parked = true;
          break;
        case 'serve':
          this.servers.push(e.server);
          th.parked = true;
          break;
        case 'block':
          th.parked = true;
          break;
        case 'spawn':
          this.threads.push({
            gen: e.job,
            wakeAt: this.clock,
            role: 'job',
            parked: false,
            waiting: false,
            seq: this.seq++,
          });
          break;
        case 'wait':
          if (this.threads.some((t) => t.role === 'job')) th.waiting = true;
          break;
        case 'handle':
          this.handlers.set(e.signal, e.handler);
          break;
      }
    }
  }

  /** The thread to run next: earliest wake-up; at a tie, signal handlers, then PID 1, then jobs. */
  private pick(): Thread | undefined {
    const only = this.threads.length === 1 ? this.threads[0]! : undefined;
    if (only) return only.parked || only.waiting ? undefined : only;
    const handlerRunning = this.threads.some((t) => t.role === 'handler');
    const rank = (t: Thread) => (t.role === 'handler' ? 0 : t.role === 'main' ? 1 : 2);
    let best: Thread | undefined;
    for (const t of this.threads) {
      if (t.parked || t.waiting || (handlerRunning && t.role === 'main')) continue;
      if (
        !best ||
        t.wakeAt < best.wakeAt ||
        (t.wakeAt === best.wakeAt && (rank(t) < rank(best) || (rank(t) === rank(best) && t.seq < best.seq)))
      )
        best = t;
    }
    return best;
  }

  http(req: HttpRequest): HttpResult {
    const server = this.servers.find((s) => s.ports.includes(req.port));
    if (!server || this.finished !== undefined) return { kind: 'refused' };
    this.requests++;
    const now = this.ctx.now();
    const rawPath = req.path ?? '/';
    const qIdx = rawPath.indexOf('?');
    const path = qIdx === -1 ? rawPath : rawPath.slice(0, qIdx);
    const query: Record<string, string> = {};
    if (qIdx !== -1) {
      for (const kv of rawPath.slice(qIdx + 1).split('&')) {
        const [k, v = ''] = kv.split('=');
        if (k) query[`query.${decodeURIComponent(k)}`] = decodeURIComponent(v.replace(/\+/g, ' '));
      }
    }
    const remote = req.remoteAddr ?? '10.244.0.1';
    const ip =
      remote.includes(':') && !remote.startsWith('[') ? remote.slice(0, remote.lastIndexOf(':')) : remote;
    const method = (req.method ?? 'GET').toUpperCase();
    const extra: Record<string, string> = {
      ...query,
      remote: ip,
      remoteip: ip,
      remoteaddr: remote.includes(':') ? remote : `${remote}:${40000 + ((this.requests * 7919) % 20000)}`,
      method,
      path: rawPath,
      host: req.host ?? `${this.rt.podIP}:${req.port}`,
      ua: req.userAgent ?? req.headers?.['User-Agent'] ?? '-',
      elapsed: String((now - server.startedAt) / 1000),
    };
    const scope: RenderContext = { ...server.scope, now, extra };
    const logLine = (l: { stream: OutputStream; line: string } | undefined): OutputStep[] =>
      l
        ? [
            {
              kind: 'output',
              stream: l.stream,
              text: `${render(l.line, { ...scope, now: this.ctx.now() })}\n`,
            },
          ]
        : [];
    const h = server.http;
    if (h.kind === 'none') return { kind: 'closed', logs: logLine(h.log) };

    let status: number;
    let body: string;
    let contentType: string;
    const headers: Record<string, string> = {};
    let location: string | undefined;
    if (h.kind === 'static') {
      contentType = h.contentType ?? 'text/html';
      const rel = path.endsWith('/') ? `${path}${h.index}` : path;
      const content = this.rt.fs.read(`${h.root}${rel}`);
      if (!isFsError(content)) {
        status = 200;
        body = content;
      } else if (content === 'EISDIR') {
        status = 301;
        location = `http://${extra.host}${path}/`;
        body = `<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n<center><h1>301 Moved Permanently</h1></center>\r\n</body>\r\n</html>\r\n`;
      } else {
        status = 404;
        body = render(h.notFound, scope);
      }
    } else {
      const route =
        h.routes.find(
          (r) => r.path === path || (r.path.endsWith('*') && path.startsWith(r.path.slice(0, -1))),
        ) ?? h.fallback;
      const answer = route
        ? routeAnswer(route, now - server.startedAt)
        : { status: 404, body: '404 page not found\n' };
      status = answer.status;
      body = render(answer.body, scope);
      contentType = route?.contentType ?? 'text/plain; charset=utf-8';
    }
    for (const [k, v] of Object.entries(h.headers ?? {})) headers[k] = render(v, scope);
    headers['Content-Type'] = contentType;
    headers['Content-Length'] = String(new TextEncoder().encode(body).length);
    if (location) headers.Location = location;
    extra.status = String(status);
    extra.bytes = headers['Content-Length'];
    extra.reason = reasonPhrase(status);
    return {
      kind: 'response',
      status,
      headers,
      body: method === 'HEAD' ? '' : body,
      logs: logLine(h.accessLog),
    };
  }
}

function routeAnswer(route: HttpRouteData, ageMs: number): { status: number; body: string } {
  if (route.after && ageMs > route.after.ms) return { status: route.after.status, body: route.after.body };
  return { status: route.status ?? 200, body: route.body };
}
