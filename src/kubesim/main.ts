import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createCluster } from '../engine/cluster';
import { runSession } from './session';

/**
 * `kubesim [--nodes N] [--seed S] [FILE]`: starts a fresh default cluster and replays a session
 * script from FILE (or standard input), printing what a terminal would show.
 */
export const USAGE = `kubesim replays kubectl sessions against a simulated Kubernetes cluster.

Usage:
  kubesim [--nodes N] [--seed S] [FILE]

Starts a fresh default cluster (a control-plane node and N worker nodes, as kubeadm and kind build it)
and replays the session script in FILE, or standard input when FILE is absent or "-". Each command is
echoed as "$ COMMAND" followed by what a terminal would show.

Options:
  --nodes N    number of worker nodes (default 3)
  --seed S     seed of the random source: the same seed and script give the same output (default 1)
  -h, --help   show this help

Script language, one command a line:
  kubectl ARGS...               kubectl with shell quoting; a here-document feeds standard input:
                                  kubectl apply -f - <<EOF
                                  ...manifest...
                                  EOF
                                relative -f paths resolve against the script's folder
  sleep DURATION                advance simulated time (Go durations: 500ms, 30s, 2m, 1h30m)
  sim node-down NAME            the node's kubelet stops heartbeating; the control plane notices
  sim node-up NAME              the node's kubelet reports again
  sim crash POD [-c CONTAINER] [-n NAMESPACE]
                                the container exits with code 1 once
  sim curl URL [--count N] [-n NAMESPACE]
                                N HTTP requests from inside the cluster: a Service name
                                (http://web, http://web.default.svc.cluster.local:80/), a ClusterIP,
                                or a NodePort on a node's IP; prints the pod that answered, or curl's error
  # comment                     comments and blank lines are skipped

After every command, all work due at the current simulated time runs (controllers react at once),
while image pulls, container starts, probes and back-offs take their simulated time. Blocking
commands (kubectl rollout status, delete, drain) advance simulated time until they finish;
kubectl get -w prints changes while later sleep commands advance time.

Exit status: 0 when every line was understood, 2 (with the line number) when one was not.
kubectl errors are output, as in a terminal, and do not change the exit status.
`;

export function main(argv: string[]): number {
  let nodes = 3;
  let seed: number | string = 1;
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE);
      return 0;
    }
    const m = /^--(nodes|seed)(?:=(.*))?$/.exec(a);
    if (m) {
      const v = m[2] ?? argv[++i];
      if (v === undefined) return usageError(`flag needs an argument: --${m[1]}`);
      if (m[1] === 'nodes') {
        if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 500) return usageError(`--nodes must be a whole number from 1 to 500, not "${v}"`);
        nodes = Number(v);
      } else seed = /^\d+$/.test(v) ? Number(v) : v;
    } else if (a.startsWith('-') && a !== '-') {
      return usageError(`unknown flag: ${a}`);
    } else if (file === undefined) file = a;
    else return usageError(`only one script may be given, got "${file}" and "${a}"`);
  }
  let script: string;
  let base = process.cwd();
  try {
    if (file === undefined || file === '-') script = readFileSync(0, 'utf8');
    else {
      script = readFileSync(file, 'utf8');
      base = dirname(resolve(file));
    }
  } catch (e) {
    process.stderr.write(`kubesim: ${(e as Error).message}\n`);
    return 2;
  }
  const cluster = createCluster({ seed, workers: nodes });
  const result = runSession(script, {
    cluster,
    write: (s) => process.stdout.write(s),
    readFile: (p) => {
      const full = resolve(base, p);
      try {
        return readFileSync(full, 'utf8');
      } catch {
        throw new Error(`the path "${p}" does not exist`);
      }
    },
    readDir: (p) => {
      const full = resolve(base, p);
      try {
        return statSync(full).isDirectory() ? readdirSync(full).sort() : undefined;
      } catch {
        return undefined;
      }
    },
  });
  if (result.exitCode !== 0 && result.error) process.stderr.write('');
  return result.exitCode;
}

function usageError(msg: string): number {
  process.stderr.write(`kubesim: ${msg}\nRun 'kubesim --help' for usage.\n`);
  return 2;
}
