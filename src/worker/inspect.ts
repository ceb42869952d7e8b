import type { Cluster } from '../engine/cluster';
import type { InspectResult } from '../engine/protocol';
import { kubectl } from '../kubectl';

/**
 * The inspector's texts for one object, through kubectl itself so they read exactly as the terminal
 * would print them: `describe`, `get -o yaml`, `events --for`, and `logs` for a pod.
 */
export function inspect(cluster: Cluster, kind: string, namespace: string, name: string): InspectResult {
  const run = (args: string[]) => {
    const r = kubectl([...args, ...(namespace ? ['-n', namespace] : [])], { api: cluster.api, clock: cluster.clock, io: {}, namespace: namespace || 'default' });
    r.follow?.stop();
    return (r.stdout + r.stderr).replace(/\n$/, '');
  };
  const resource = kind.toLowerCase();
  const result: InspectResult = {
    describe: run(['describe', resource, name]),
    yaml: run(['get', resource, name, '-o', 'yaml']),
    events: run(['events', '--for', `${resource}/${name}`]),
  };
  if (kind === 'Pod') result.logs = run(['logs', name, '--all-containers=true']);
  return result;
}
