import { createCluster } from '../../engine/cluster';
import type { Cluster } from '../../engine/cluster';
import { kubectl } from '../index';
import { splitShellWords } from '../shell';
import type { CommandResult, KubectlEnv } from '../types';

/**
 * A real cluster and an in-memory file system for kubectl write-command tests: `run('kubectl
 * apply -f x.yaml')` splits the line as bash would and runs it against the cluster.
 */
export interface Kit {
  cluster: Cluster;
  env: KubectlEnv;
  files: Map<string, string>;
  run(line: string, stdin?: string): CommandResult;
  /** Runs a command and steps simulated time until its follower (if any) is done; returns all output. */
  runToEnd(line: string, opts?: { stdin?: string; maxMs?: number }): CommandResult;
}

export function kit(files: Record<string, string> = {}, seed = 1): Kit {
  const cluster = createCluster({ seed });
  const fs = new Map(Object.entries(files));
  const env: KubectlEnv = {
    api: cluster.api,
    clock: cluster.clock,
    namespace: 'default',
    io: {
      readFile(path: string): string {
        const f = fs.get(path.replace(/^\.\//, ''));
        if (f === undefined) throw new Error('no such file or directory');
        return f;
      },
      readDir(path: string): string[] | undefined {
        const dir = path.replace(/^\.\//, '').replace(/\/+$/, '');
        const names = new Set<string>();
        for (const k of fs.keys()) {
          if (k.startsWith(dir + '/')) names.add(k.slice(dir.length + 1).split('/')[0]!);
        }
        return names.size ? [...names] : undefined;
      },
    },
  };
  const run = (line: string, stdin?: string): CommandResult => {
    const argv = splitShellWords(line);
    if (argv[0] === 'kubectl') argv.shift();
    return kubectl(argv, stdin === undefined ? env : { ...env, io: { ...env.io, stdin } });
  };
  const runToEnd = (line: string, opts: { stdin?: string; maxMs?: number } = {}): CommandResult => {
    const r = run(line, opts.stdin);
    if (!r.follow) return r;
    let stdout = r.stdout;
    let stderr = r.stderr;
    const deadline = cluster.now() + (opts.maxMs ?? 3_600_000);
    for (;;) {
      const p = r.follow.poll();
      stdout += p.stdout;
      stderr += p.stderr;
      if (p.done) return { stdout, stderr, exitCode: p.exitCode ?? 0 };
      if (cluster.now() >= deadline || !cluster.step()) {
        r.follow.stop();
        return { stdout, stderr, exitCode: -1 };
      }
    }
  };
  return { cluster, env, files: fs, run, runToEnd };
}
