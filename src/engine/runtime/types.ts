/**
 * Types shared by the runtime's modules (shell, utilities, apps, process). Programs are generators of
 * `Effect`s: pure, lazily evaluated, and resumable — the process scheduler pulls one effect at a time,
 * so a `while true` loop costs nothing until someone asks for its next step.
 */
import type { FileSystem } from './fs';
import type { HttpData, SignalName } from './images-data';
import type { Image } from './images';

export type OutputStream = 'stdout' | 'stderr';

/** What a running program asks of the process scheduler, one at a time. */
export type Effect =
  /** Bytes written to a stream (fd 1 or 2 of the program; the shell routes redirections). */
  | { kind: 'output'; stream: OutputStream; text: string }
  /** Simulated time passes. */
  | { kind: 'sleep'; ms: number }
  /** The program now serves on ports and runs until killed; the thread never resumes. */
  | { kind: 'serve'; server: ServerSpec }
  /** The program waits forever without output (`sleep infinity`, pause); the thread never resumes. */
  | { kind: 'block' }
  /** Start a background job (`cmd &`). */
  | { kind: 'spawn'; job: Program }
  /** Wait until every background job of the process has ended (`wait`). */
  | { kind: 'wait' }
  /**
   * Install a signal handler for PID 1. The handler's result: a number ends the process with that exit
   * code; null lets it carry on (a shell `trap` that does not call `exit`).
   */
  | { kind: 'handle'; signal: SignalName; handler: () => Program<number | null> };

/** A running program: yields effects, returns its exit status. */
export type Program<R = number> = Generator<Effect, R, void>;

/** A server started by a program: its ports, how it answers HTTP, and the variables its templates use. */
export interface ServerSpec {
  ports: number[];
  http: HttpData;
  /** Template scope (image vars, options, env) captured when the server started. */
  scope: TemplateScope;
  /** Simulated time the server started (agnhost liveness answers by age). */
  startedAt: number;
}

export interface TemplateScope {
  vars: Record<string, string>;
  opts: Record<string, string>;
  env: Record<string, string>;
  args: string[];
}

/** An HTTP request a utility (wget, curl) makes through the simulated network. */
export interface FetchRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
}

export type FetchResult =
  | { ok: true; status: number; headers: Record<string, string>; body: string; ip: string; port: number }
  | {
      ok: false;
      /** unresolved: DNS failed; refused: nothing listens; timeout: packets dropped (no endpoints, policy). */
      error: 'unresolved' | 'refused' | 'timeout';
      host: string;
      ip?: string;
      port: number;
    };

export type DnsResult = { ok: true; name: string; addresses: string[] } | { ok: false };

export type DialResult = 'ok' | 'refused' | 'unresolved' | 'timeout';

/** Outcome of asking to run an executable. */
export type SpawnResult =
  | { kind: 'run'; program: Program }
  | { kind: 'not-found' }
  /** Present in the real image but not simulated: the caller reports it honestly. */
  | { kind: 'unsimulated'; path: string };

export interface SpawnOptions {
  env: Record<string, string>;
  cwd: string;
  stdin: string | null;
  /** The program replaces its caller (`exec`, or `sh -c 'single command'`): it inherits PID 1. */
  exec: boolean;
}

/** Everything a program can observe about its container and the cluster around it. */
export interface RuntimeContext {
  image: Image;
  fs: FileSystem;
  now(): number;
  hostname: string;
  podIP: string;
  cpus: number;
  /** Ports open inside the container (its own servers and those of sibling processes). */
  listening(): number[];
  /** Processes in the container for `ps`. */
  processes(): { pid: number; args: string }[];
  spawn(argv: string[], options: SpawnOptions): SpawnResult;
  fetch?: (req: FetchRequest) => FetchResult;
  resolve?: (name: string) => DnsResult;
  dial?: (host: string, port: number) => DialResult;
}

/** The per-invocation part: what differs between two commands of the same container. */
export interface InvocationContext {
  env: Record<string, string>;
  cwd: string;
  /** null: stdin is /dev/null (a container without `stdin: true`). */
  stdin: string | null;
}
