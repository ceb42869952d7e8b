import type { Cluster } from '../engine/cluster';
import type { OutputChunk } from '../engine/protocol';
import { kubectl } from '../kubectl';
import type { Follower, KubectlIO } from '../kubectl';
import { ShellSyntaxError, splitShellWords } from '../kubectl/shell';
import { outputInOrder } from '../kubectl/types';
import { shellOperator, sleepMs } from '../kubesim/line';
import { runSim } from '../kubesim/sim';

export interface LineResult {
  output: OutputChunk[];
  exitCode: number;
  /** A follower keeps running (`get -w`, `rollout status`). */
  running: boolean;
  /** The line may have changed the cluster, so a journal must keep it to rebuild the cluster. */
  writes: boolean;
}

/**
 * kubectl commands that only read: a journal need not replay them. Not `exec`: it writes no API object,
 * but a command run in a container can change the container (a file written, a page nginx serves),
 * which a rebuilt cluster must have too.
 */
const READ_ONLY = new Set(['get', 'describe', 'logs', 'events', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info', 'top', 'options', 'help', 'completion']);
const READ_ONLY_ROLLOUT = new Set(['status', 'history']);

/**
 * The app's terminal, one line at a time: the session language of `kubesim` (kubectl, sim, sleep)
 * with the same kubectl, and at most one running command whose output the host polls as time passes.
 */
export class Terminal {
  private follower: Follower | undefined;

  constructor(private readonly cluster: Cluster) {}

  run(line: string, stdin?: string, files?: Record<string, string>): LineResult {
    this.interrupt();
    const output: OutputChunk[] = [];
    const out = (text: string) => text && output.push({ stream: 'stdout', text });
    const err = (text: string) => text && output.push({ stream: 'stderr', text });
    let words: string[];
    try {
      words = splitShellWords(line.trim());
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        err(`syntax error: ${e.message}\n`);
        return { output, exitCode: 2, running: false, writes: false };
      }
      throw e;
    }
    const [cmd, ...args] = words;
    if (cmd === undefined) return { output, exitCode: 0, running: false, writes: false };
    const operator = shellOperator(words);
    if (operator) {
      err(`"${operator}" is not supported here: one command a line (no pipes, lists or redirections)\n`);
      return { output, exitCode: 2, running: false, writes: false };
    }
    switch (cmd) {
      case 'kubectl': {
        const io: KubectlIO = {
          ...(stdin !== undefined ? { stdin } : {}),
          readFile: fileReader(files ?? {}),
          readDir: () => undefined,
        };
        const r = kubectl(args, { api: this.cluster.api, clock: this.cluster.clock, io, namespace: 'default' });
        for (const part of outputInOrder(r)) output.push({ stream: part.stream, text: part.text });
        this.cluster.runDue();
        if (r.follow) this.follower = r.follow;
        return { output, exitCode: r.exitCode, running: !!r.follow, writes: kubectlWrites(args) };
      }
      case 'sim': {
        const e = runSim(this.cluster, args, out);
        if (e) err(`sim: ${e}\n`);
        this.cluster.runDue();
        return { output, exitCode: e ? 1 : 0, running: false, writes: !e && args[0] !== 'curl' };
      }
      case 'sleep': {
        let ms: number;
        try {
          ms = sleepMs(args);
        } catch (e) {
          err(`sleep: ${(e as Error).message}\n`);
          return { output, exitCode: 1, running: false, writes: false };
        }
        this.cluster.advance(ms);
        return { output, exitCode: 0, running: false, writes: true };
      }
      default: {
        const hint = kubectlVerbs.has(cmd) ? ` (did you mean "kubectl ${cmd}"?)` : '';
        err(`${cmd}: command not found${hint}; this terminal runs kubectl, sim and sleep\n`);
        return { output, exitCode: 127, running: false, writes: false };
      }
    }
  }

  /** Output of the running command since the last poll; `done` carries its exit code when it ended. */
  poll(): { chunks: OutputChunk[]; done?: number } {
    const f = this.follower;
    if (!f) return { chunks: [] };
    const r = f.poll();
    const chunks: OutputChunk[] = [];
    if (r.stdout) chunks.push({ stream: 'stdout', text: r.stdout });
    if (r.stderr) chunks.push({ stream: 'stderr', text: r.stderr });
    if (!r.done) return { chunks };
    this.follower = undefined;
    return { chunks, done: r.exitCode ?? 0 };
  }

  interrupt(): void {
    this.follower?.stop();
    this.follower = undefined;
  }

  get busy(): boolean {
    return this.follower !== undefined;
  }
}

/** `-f NAME` over files by name (the editor's manifests, a lesson's): `./NAME` is `NAME`. */
export function fileReader(files: Record<string, string>): (path: string) => string {
  return (p) => {
    const text = files[p] ?? files[p.replace(/^\.\//, '')];
    if (text === undefined) throw new Error(`the path "${p}" does not exist`);
    return text;
  };
}

const kubectlVerbs = new Set(['get', 'describe', 'apply', 'create', 'delete', 'run', 'expose', 'scale', 'rollout', 'set', 'label', 'annotate', 'patch', 'logs', 'exec', 'cordon', 'uncordon', 'drain', 'taint', 'explain', 'events', 'version']);

function kubectlWrites(args: readonly string[]): boolean {
  const words = args.filter((a) => !a.startsWith('-'));
  if (args.includes('--help') || args.includes('-h')) return false;
  if (args.some((a) => a === '--dry-run' || a.startsWith('--dry-run=client') || a.startsWith('--dry-run=server'))) return false;
  const verb = words[0];
  if (verb === undefined) return false;
  if (READ_ONLY.has(verb)) return false;
  if (verb === 'rollout' && READ_ONLY_ROLLOUT.has(words[1] ?? '')) return false;
  return true;
}
