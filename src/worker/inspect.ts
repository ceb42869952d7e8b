import type { Cluster } from '../engine/cluster';
import type { InspectResult } from '../engine/protocol';
import type { KubeObject } from '../engine/api/types';
import { kubectl } from '../kubectl';
import { printYaml } from '../kubectl/printers/output';

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
  try {
    result.manifest = printYaml(manifestOf(cluster.api.get(kind, namespace || undefined, name)));
  } catch {
    // Gone since: the describe text already says so.
  }
  return result;
}

/** Server-set metadata a learner does not write (and `kubectl apply` would ignore or reject). */
const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink', 'ownerReferences', 'finalizers'] as const;
const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision', 'deprecated.daemonset.template.generation'];

/**
 * A live object as a manifest to edit and apply again: what `kubectl get -o yaml` shows, without its
 * status and the metadata the server sets.
 */
export function manifestOf(obj: KubeObject): KubeObject {
  const { status: _status, ...rest } = obj as KubeObject & { status?: unknown };
  const metadata: Record<string, unknown> = { ...obj.metadata };
  for (const k of SERVER_METADATA) delete metadata[k];
  const annotations = Object.fromEntries(Object.entries(obj.metadata.annotations ?? {}).filter(([k]) => !SERVER_ANNOTATIONS.includes(k)));
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;
  return { ...rest, metadata } as KubeObject;
}
