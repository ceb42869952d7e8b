import type { Cluster } from '../engine/cluster';

/** `sim` commands: faults and probes from outside the API, as a trainer or the network would. */
export function runSim(cluster: Cluster, args: string[], emit: (text: string) => void): string | undefined {
  const [sub, ...rest] = args;
  const { positional, flags } = simFlags(rest);
  try {
    switch (sub) {
      case 'node-down':
      case 'node-up': {
        const name = positional[0];
        if (!name) return `usage: sim ${sub} NODE`;
        if (!cluster.kubelets.has(name)) return `node "${name}" not found`;
        if (sub === 'node-down') cluster.nodeDown(name);
        else cluster.nodeUp(name);
        emit(`node/${name} ${sub === 'node-down' ? 'stopped: its kubelet no longer reports' : 'started: its kubelet reports again'}\n`);
        return undefined;
      }
      case 'crash': {
        const pod = positional[0];
        if (!pod) return 'usage: sim crash POD [-c CONTAINER] [-n NAMESPACE]';
        const ns = flags.get('n') ?? 'default';
        const obj = cluster.api.get<{ spec: { containers: Array<{ name: string }> } }>('Pod', ns, pod);
        const container = flags.get('c') ?? obj.spec.containers[0]?.name ?? '';
        cluster.crash(ns, pod, container);
        emit(`pod/${pod}: container ${container} exited with code 1\n`);
        return undefined;
      }
      case 'curl': {
        const url = positional[0];
        if (!url) return 'usage: sim curl URL [--count N] [-n NAMESPACE]';
        const count = Number(flags.get('count') ?? '1');
        if (!Number.isInteger(count) || count < 1 || count > 1000) return '--count must be a whole number from 1 to 1000';
        for (const line of cluster.network.curl(url, { count, namespace: flags.get('n') ?? 'default' })) emit(line + '\n');
        return undefined;
      }
      default:
        return `unknown sim command "${sub ?? ''}": expected node-down, node-up, crash or curl`;
    }
  } catch (e) {
    return (e as Error).message;
  }
}

function simFlags(args: string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^--?([a-z-]+)(?:=(.*))?$/.exec(a);
    if (m) {
      const name = m[1] === 'namespace' ? 'n' : m[1] === 'container' ? 'c' : m[1]!;
      flags.set(name, m[2] ?? args[++i] ?? '');
    } else positional.push(a);
  }
  return { positional, flags };
}
