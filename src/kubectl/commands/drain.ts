import { isStatusError } from '../../engine/api/errors';
import type { KubeObject } from '../../engine/api/types';
import { controllerRef } from '../../engine/api/types';
import type { ParsedFlags } from '../flags';
import type { Target } from '../targets';
import type { Command, CommandResult, FlagSpec, Follower, KubectlEnv } from '../types';
import { dryRunFlag, selectorFlag } from '../writeflags';
import type { DryRun } from '../writeutil';
import { dryRunStrategy, helpText, nameLine, Outcome, withDryRun } from '../writeutil';
import { durationFlag } from './delete';
import { cordonNodes, nodeTargets } from './node';

/**
 * `kubectl drain` (pkg/cmd/drain, pkg/drain): cordon, then evict every pod on the node that the
 * filters allow, then wait (a Follower in `wait` mode) until those pods are gone, printing
 * `pod/x evicted` as each goes and `node/x drained` at the end.
 *
 * The simulated API server has no pods/eviction subresource yet: an eviction is sent as a pod
 * DELETE with the same grace period (no PodDisruptionBudget check), and printed as kubectl
 * prints evictions.
 */

type Pod = KubeObject & {
  spec: { volumes?: Array<{ emptyDir?: unknown }> };
  status?: { phase?: string };
};

interface Verdict {
  delete: boolean;
  kind: 'okay' | 'skip' | 'warning' | 'error';
  message?: string;
}

const DS_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DS_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
}

/** makeFilters: daemonSet, mirror, localStorage, unreplicated, each able to stop the pod. */
function verdict(pod: Pod, env: KubectlEnv, o: DrainOptions): Verdict {
  const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  const ref = controllerRef(pod);
  let v: Verdict = { delete: true, kind: 'okay' };
  if (ref?.kind === 'DaemonSet' && !finished) {
    const ds = env.api.registry.byKindName('DaemonSet')
      ? env.api.tryGet('DaemonSet', pod.metadata.namespace, ref.name)
      : undefined;
    if (!ds) {
      const msg = `daemonsets.apps "${ref.name}" not found`;
      if (!o.force) return { delete: false, kind: 'error', message: msg };
      v = { delete: true, kind: 'warning', message: msg };
    } else if (!o.ignoreDaemonSets) return { delete: false, kind: 'error', message: DS_FATAL };
    else return { delete: false, kind: 'warning', message: DS_WARNING };
  }
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined)
    return { delete: false, kind: 'skip' };
  if (pod.spec.volumes?.some((vol) => vol.emptyDir) && !finished) {
    if (!o.deleteEmptyDirData) return { delete: false, kind: 'error', message: LOCAL_FATAL };
    v = { delete: true, kind: 'warning', message: LOCAL_WARNING };
  }
  if (!finished && !ref) {
    if (!o.force) return { delete: false, kind: 'error', message: UNMANAGED_FATAL };
    v = { delete: true, kind: 'warning', message: UNMANAGED_WARNING };
  }
  return v;
}

/** GetPodsForDeletion: the pods to evict, warnings and errors grouped by message. */
function podsForDeletion(env: KubectlEnv, node: string, podSelector: string, o: DrainOptions) {
  const pods = env.api.list<Pod>('Pod', undefined, {
    fieldSelector: `spec.nodeName=${node}`,
    ...(podSelector ? { labelSelector: podSelector } : {}),
  }).items;
  const warnings = new Map<string, string[]>();
  const errors = new Map<string, string[]>();
  const toDelete: Pod[] = [];
  for (const pod of pods) {
    const v = verdict(pod, env, o);
    const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (v.kind === 'warning') warnings.set(v.message!, [...(warnings.get(v.message!) ?? []), id]);
    if (v.kind === 'error') errors.set(v.message!, [...(errors.get(v.message!) ?? []), id]);
    if (v.delete) toDelete.push(pod);
  }
  const errs = [...errors].map(([msg, ids]) =>
    msg.toLowerCase().startsWith('cannot delete')
      ? `${msg}: ${ids.join(', ')}`
      : `cannot delete ${msg}: ${ids.join(', ')}`,
  );
  const warning = [...warnings].map(([msg, ids]) => `${msg}: ${ids.join(', ')}`).join('; ');
  return { toDelete, errs, warning };
}

const flags: FlagSpec[] = [
  {
    name: 'chunk-size',
    type: 'int',
    default: 500,
    usage:
      'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.',
  },
  {
    name: 'delete-emptydir-data',
    type: 'bool',
    usage:
      'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).',
  },
  {
    name: 'disable-eviction',
    type: 'bool',
    usage:
      'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.',
  },
  dryRunFlag,
  { name: 'force', type: 'bool', usage: 'Continue even if there are pods that do not declare a controller.' },
  {
    name: 'grace-period',
    type: 'int',
    default: -1,
    usage:
      'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.',
  },
  { name: 'ignore-daemonsets', type: 'bool', usage: 'Ignore DaemonSet-managed pods.' },
  { name: 'pod-selector', type: 'string', usage: 'Label selector to filter pods on the node' },
  selectorFlag,
  {
    name: 'skip-wait-for-delete-timeout',
    type: 'int',
    usage:
      'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.',
  },
  {
    name: 'timeout',
    type: 'duration',
    default: '0s',
    usage: 'The length of time to wait before giving up, zero means infinite',
  },
];

export const drainCommand: Command = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  help: helpText({
    long: [
      'Drain node in preparation for maintenance.',
      "The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ . Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.  --force will also allow deletion to proceed if the managing resource of one or more pods is missing.",
      "'drain' waits for graceful termination. You should not operate on the machine until the command completes.",
      'When you are ready to put the node back into service, use kubectl uncordon, which will make the node schedulable again.',
    ],
    examples: [
      '# Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it',
      'kubectl drain foo --force',
      '',
      '# As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes',
      'kubectl drain foo --grace-period=900',
    ],
    use: 'drain NODE',
    flags,
  }),
  flags,
  run: (args, f, env) => runDrain(args, f, env),
};

function runDrain(args: string[], f: ParsedFlags, env: KubectlEnv): CommandResult {
  const { strategy: dryRun, warning } = dryRunStrategy(f);
  const timeout = durationFlag(f, 'timeout');
  const nodes = nodeTargets(args, f, env, 'drain', 'drain NODE');
  const o = new Outcome();
  if (warning) o.err(warning);
  cordonNodes(nodes, true, env, dryRun, o);
  const opts: DrainOptions = {
    force: f.bool('force'),
    ignoreDaemonSets: f.bool('ignore-daemonsets'),
    deleteEmptyDirData: f.bool('delete-emptydir-data'),
  };
  const grace = f.int('grace-period');
  const pending: Array<{ node: Target; pods: Array<{ pod: Pod; uid: string }> }> = [];
  const fatal: string[] = [];
  const remaining: string[] = [];
  for (const n of nodes) {
    const { toDelete, errs, warning: warn } = podsForDeletion(env, n.name, f.string('pod-selector'), opts);
    if (errs.length) {
      const msg = errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`;
      o.err(`error: unable to drain node "${n.name}" due to error: ${msg}, continuing command...`);
      fatal.push(...errs);
      remaining.push(n.name);
      continue;
    }
    if (warn) o.err(`Warning: ${warn}`);
    if (dryRun === 'client') {
      for (const p of toDelete) o.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
      o.out(nameLine(n.type, n.name, withDryRun('drained', dryRun)));
      continue;
    }
    const evicted = evict(env, toDelete, grace, dryRun, o);
    if (dryRun === 'server') o.out(nameLine(n.type, n.name, withDryRun('drained', dryRun)));
    else pending.push({ node: n, pods: evicted });
  }
  const finish = (out: Outcome) => {
    if (remaining.length)
      out.err(`There are pending nodes to be drained:\n${remaining.map((r) => ` ${r}`).join('\n')}`);
    for (const e of fatal) out.fail(e);
  };
  if (!pending.length) {
    finish(o);
    return o.result();
  }
  const result = o.result();
  return { ...result, follow: waitForEvictions(env, pending, timeout, finish) };
}

/** evictPods: one `evicting pod ns/name` per pod, then the request (a DELETE here, see above). */
function evict(
  env: KubectlEnv,
  pods: Pod[],
  grace: number,
  dryRun: DryRun,
  o: Outcome,
): Array<{ pod: Pod; uid: string }> {
  const out: Array<{ pod: Pod; uid: string }> = [];
  for (const pod of pods) {
    const ns = pod.metadata.namespace!;
    o.out(`evicting pod ${ns}/${pod.metadata.name}${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
    try {
      env.api.delete('Pod', ns, pod.metadata.name, {
        ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
        dryRun: dryRun === 'server',
        user: 'kubectl',
      });
      out.push({ pod, uid: pod.metadata.uid });
    } catch (e) {
      if (!isStatusError(e, 'NotFound'))
        o.fail(`error when evicting pods/"${pod.metadata.name}" -n "${ns}": ${(e as Error).message}`);
    }
  }
  return out;
}

/** waitForDelete per node: `pod/x evicted` as each pod goes, then `node/x drained`. */
function waitForEvictions(
  env: KubectlEnv,
  pending: Array<{ node: Target; pods: Array<{ pod: Pod; uid: string }> }>,
  timeoutMs: number,
  finish: (o: Outcome) => void,
): Follower {
  const podType = env.api.registry.mustKind('Pod');
  const deadline = timeoutMs > 0 ? env.clock.now() + timeoutMs : Infinity;
  const timer = timeoutMs > 0 ? env.clock.setTimeout(() => undefined, timeoutMs) : undefined;
  let done = false;
  const gone = (p: { pod: Pod; uid: string }) =>
    env.api.tryGet('Pod', p.pod.metadata.namespace, p.pod.metadata.name)?.metadata.uid !== p.uid;
  return {
    mode: 'wait',
    poll() {
      if (done) return { stdout: '', stderr: '', done: true, exitCode: 1 };
      const o = new Outcome();
      for (const n of pending) {
        const left = n.pods.filter((p) => {
          if (!gone(p)) return true;
          o.out(nameLine(podType, p.pod.metadata.name, 'evicted'));
          return false;
        });
        n.pods = left;
      }
      const timedOut = env.clock.now() >= deadline;
      for (const n of pending.filter((x) => x.pods.length === 0))
        o.out(nameLine(n.node.type, n.node.name, 'drained'));
      const still = pending.filter((x) => x.pods.length > 0);
      pending.splice(0, pending.length, ...still);
      if (!still.length || timedOut) {
        done = true;
        env.clock.clearTimeout(timer);
        for (const n of still) {
          const p = n.pods[0]!.pod;
          const err = `error when waiting for pod "${p.metadata.name}" in namespace "${p.metadata.namespace}" to terminate: context deadline exceeded`;
          o.err(
            `There are pending pods in node "${n.node.name}" when an error occurred: ${err}\n${n.pods.map((x) => `pod/${x.pod.metadata.name}`).join('\n')}`,
          );
          o.err(`error: unable to drain node "${n.node.name}" due to error: ${err}, continuing command...`);
          o.fail(err);
        }
        if (still.length)
          o.err(`There are pending nodes to be drained:\n${still.map((n) => ` ${n.node.name}`).join('\n')}`);
        finish(o);
        const r = o.result();
        return { stdout: r.stdout, stderr: r.stderr, done: true, exitCode: r.exitCode };
      }
      return { stdout: o.stdout, stderr: o.stderr, done: false };
    },
    stop() {
      done = true;
      env.clock.clearTimeout(timer);
    },
  };
}
