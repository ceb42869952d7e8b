import type { ApiServer } from '../engine/api/apiserver';
import type { Clock } from '../engine/clock';
import type { ParsedFlags } from './flags';

/**
 * kubectl's view of its world. The same code serves the app's terminal (in the engine's worker) and
 * `bin/kubesim`; only the IO differs.
 */
export interface KubectlIO {
  /** Standard input (`-f -`), when the caller provides it. */
  stdin?: string;
  /** Reads a file named on the command line; throws an Error with the OS-style message when missing. */
  readFile?(path: string): string;
  /** Lists a directory for `-f DIR` (file names, not paths); undefined when the path is not a directory. */
  readDir?(path: string): string[] | undefined;
}

export interface KubectlEnv {
  api: ApiServer;
  clock: Clock;
  io: KubectlIO;
  /** The current context's namespace (kubeconfig), `default` unless changed. */
  namespace: string;
}

/** What a command prints, and its exit status. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /**
   * Both streams in the order they were written, as a terminal interleaves them (`Warning:` lines
   * before a table, drain's progress). Absent when a command wrote stdout and then stderr.
   */
  interleaved?: ReadonlyArray<{ stream: 'stdout' | 'stderr'; text: string }>;
  /**
   * For commands that keep running (`get -w`, `rollout status`, `wait`): the host polls it as simulated
   * time passes and prints what it returns, until it reports done (or the host stops it).
   */
  follow?: Follower;
}

export interface Follower {
  /**
   * `wait`: the command blocks until done (`rollout status`, `delete --wait`, `drain`): a headless host
   * steps simulated time until poll() reports done. `watch`: it runs alongside what follows (`get -w`):
   * a host keeps printing its output as time passes, until the user stops it (Ctrl-C, next command).
   */
  mode: 'wait' | 'watch';
  /** Output produced since the last poll. */
  poll(): { stdout: string; stderr: string; done: boolean; exitCode?: number };
  stop(): void;
}

/** One kubectl (sub)command. */
export interface Command {
  /** `get`, `rollout status`, `create deployment`, `set image`... */
  name: string;
  /** One line for `kubectl --help`. */
  short: string;
  /** The command's `--help` text as kubectl prints it (Usage, Examples, Options). */
  help: string;
  flags: readonly FlagSpec[];
  run(args: string[], flags: ParsedFlags, env: KubectlEnv): CommandResult;
}

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | number | boolean;
  usage?: string;
  /** Value for `--flag` given without `=value`, for string flags that allow it (`--dry-run` -> "unchanged"). */
  noOptDefault?: string;
}

/** Both streams in the order a terminal shows them: `interleaved` when the command kept it, else stdout then stderr. */
export function outputInOrder(r: CommandResult): ReadonlyArray<{ stream: 'stdout' | 'stderr'; text: string }> {
  if (r.interleaved) return r.interleaved;
  const out: Array<{ stream: 'stdout' | 'stderr'; text: string }> = [];
  if (r.stdout) out.push({ stream: 'stdout', text: r.stdout });
  if (r.stderr) out.push({ stream: 'stderr', text: r.stderr });
  return out;
}

export function ok(stdout: string, stderr = ''): CommandResult {
  return { stdout, stderr, exitCode: 0 };
}

export function fail(stderr: string, stdout = '', exitCode = 1): CommandResult {
  return { stdout, stderr: stderr.endsWith('\n') ? stderr : stderr + '\n', exitCode };
}
