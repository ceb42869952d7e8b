import type { LogOptions } from '../../engine/api/apiserver';
import type { KubeObject } from '../../engine/api/types';
import { labelSelectorAsSelector } from '../../engine/apimachinery/labels';
import { KubectlError, UsageError } from '../errors';
import type { ParsedFlags } from '../flags';
import { resourceType } from '../targets';
import type { Command, CommandResult, FlagSpec, Follower, KubectlEnv } from '../types';
import { selectorFlag } from '../writeflags';
import { helpText, Outcome } from '../writeutil';

/**
 * `kubectl logs` (pkg/cmd/logs, polymorphichelpers/logsforobject.go): a pod's container log
 * through the API server (which asks the pod's kubelet); `TYPE/NAME` picks the best pod as
 * kubectl's ByLogging sort does; `-f` keeps printing new lines until the container stops.
 */

type Pod = KubeObject & {
  spec: { nodeName?: string; containers: Array<{ name: string }>; initContainers?: Array<{ name: string }>; ephemeralContainers?: Array<{ name: string }> };
  status?: {
    phase?: string;
    conditions?: Array<{ type: string; status: string; lastTransitionTime?: string }>;
    containerStatuses?: Array<{ name: string; restartCount?: number; state?: { running?: unknown } }>;
  };
};

const USAGE =
  "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

const flags: FlagSpec[] = [
  { name: 'all-containers', type: 'bool', usage: "Get all containers' logs in the pod(s)." },
  { name: 'container', short: 'c', type: 'string', usage: 'Print the logs of this container' },
  { name: 'follow', short: 'f', type: 'bool', usage: 'Specify if the logs should be streamed.' },
  {
    name: 'ignore-errors',
    type: 'bool',
    usage: 'If watching / following pod logs, allow for any errors that occur to be non-fatal',
  },
  {
    name: 'max-log-requests',
    type: 'int',
    default: 5,
    usage: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.',
  },
  {
    name: 'pod-running-timeout',
    type: 'duration',
    default: '20s',
    usage:
      'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
  },
  {
    name: 'prefix',
    type: 'bool',
    usage: 'Prefix each log line with the log source (pod name and container name)',
  },
  {
    name: 'previous',
    short: 'p',
    type: 'bool',
    usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.',
  },
  selectorFlag,
  {
    name: 'tail',
    type: 'int',
    default: -1,
    usage:
      'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.',
  },
  { name: 'timestamps', type: 'bool', usage: 'Include timestamps on each line in the log output' },
];

export const logsCommand: Command = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  help: helpText({
    long: [
      'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
    ],
    examples: [
      '# Return snapshot logs from pod nginx with only one container',
      'kubectl logs nginx',
      '',
      '# Return snapshot logs from pod nginx, prefixing each line with the source pod and container name',
      'kubectl logs nginx --prefix',
      '',
      '# Return snapshot logs from pod nginx with multi containers',
      'kubectl logs nginx --all-containers=true',
      '',
      '# Return snapshot logs from all pods in the deployment nginx',
      'kubectl logs deployment/nginx --all-pods=true',
      '',
      '# Return snapshot logs from all containers in pods defined by label app=nginx',
      'kubectl logs -l app=nginx --all-containers=true',
      '',
      '# Return snapshot of previous terminated ruby container logs from pod web-1',
      'kubectl logs -p -c ruby web-1',
      '',
      '# Begin streaming the logs of the ruby container in pod web-1',
      'kubectl logs -f -c ruby web-1',
      '',
      '# Display only the most recent 20 lines of output in pod nginx',
      'kubectl logs --tail=20 nginx',
      '',
      '# Return snapshot logs from first container of a job named hello',
      'kubectl logs job/hello',
    ],
    use: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]',
    flags,
  }),
  flags,
  run: (args, f, env) => runLogs(args, f, env),
};

/** podutils.ByLogging: assigned, Running, ready, ready longest, most restarts, oldest first. */
function byLogging(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec.nodeName ? 0 : 1);
  if (!!a.spec.nodeName !== !!b.spec.nodeName) return assigned(a) - assigned(b);
  const rank = (p: Pod) => ({ Running: 0, Unknown: 1, Pending: 2 })[p.status?.phase ?? ''] ?? 0;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const ready = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'Ready');
  const ra = ready(a)?.status === 'True';
  const rb = ready(b)?.status === 'True';
  if (ra !== rb) return ra ? -1 : 1;
  const since = (p: Pod) => ready(p)?.lastTransitionTime ?? '';
  if (ra && rb && since(a) !== since(b)) return since(a) < since(b) ? -1 : 1;
  const restarts = (p: Pod) =>
    Math.max(0, ...(p.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const ca = a.metadata.creationTimestamp;
  const cb = b.metadata.creationTimestamp;
  return ca === cb ? 0 : ca < cb ? -1 : 1;
}

/** The pods a TYPE/NAME argument stands for (its selector), or the pod itself. */
function podsFor(arg: string, env: KubectlEnv, o: Outcome): Pod[] {
  const slash = arg.indexOf('/');
  const type = slash < 0 ? env.api.registry.mustKind('Pod') : resourceType(env, arg.slice(0, slash));
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  const obj = env.api.get<KubeObject & { spec?: { selector?: unknown } }>(
    type.kind,
    type.namespaced ? env.namespace : undefined,
    name,
  );
  if (type.kind === 'Pod') return [obj as Pod];
  const sel = obj.spec?.selector;
  if (!sel)
    throw new KubectlError(
      `cannot get the logs from ${type.group ? `${type.kind}.${type.group}` : type.kind}`,
    );
  const selector =
    type.kind === 'Service' || type.kind === 'ReplicationController'
      ? Object.entries(sel as Record<string, string>)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')
      : labelSelectorAsSelector(sel as Parameters<typeof labelSelectorAsSelector>[0]).toString();
  const pods = env.api.list<Pod>('Pod', env.namespace, { labelSelector: selector }).items.sort(byLogging);
  if (!pods.length) throw new KubectlError('timed out waiting for the condition');
  if (pods.length > 1) o.err(`Found ${pods.length} pods, using pod/${pods[0]!.metadata.name}`);
  return [pods[0]!];
}

function runLogs(args: string[], f: ParsedFlags, env: KubectlEnv): CommandResult {
  const selector = f.string('selector');
  let container = f.string('container');
  if (args.length === 0 && !selector) throw new UsageError(USAGE, 'logs');
  if (args.length === 1 && selector)
    throw new UsageError('only a selector (-l) or a POD name is allowed', 'logs');
  if (args.length === 2) container = args[1]!;
  if (args.length > 2) throw new UsageError(USAGE, 'logs');
  const o = new Outcome();
  let pods: Pod[];
  let tail = f.int('tail');
  if (selector) {
    pods = env.api.list<Pod>('Pod', env.namespace, { labelSelector: selector }).items;
    if (!f.changed('tail')) tail = 10;
    if (!pods.length)
      return { stdout: '', stderr: `No resources found in ${env.namespace} namespace.\n`, exitCode: 0 };
  } else {
    pods = podsFor(args[0]!, env, o);
  }
  const streams: Array<{ pod: Pod; container: string }> = [];
  for (const pod of pods) {
    // logsForObjectWithClient walks init containers, then containers, then ephemeral ones.
    const names = [
      ...(pod.spec.initContainers ?? []).map((c) => c.name),
      ...pod.spec.containers.map((c) => c.name),
      ...(pod.spec.ephemeralContainers ?? []).map((c) => c.name),
    ];
    if (f.bool('all-containers')) {
      for (const c of names) streams.push({ pod, container: c });
      continue;
    }
    let c = container;
    if (!c) {
      const preferred = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
      if (preferred && names.includes(preferred)) c = preferred;
      else {
        if (preferred) o.err(`Default container name "${preferred}" not found in pod ${pod.metadata.name}`);
        c = pod.spec.containers[0]!.name;
        if (names.length > 1) {
          const all = [
            ...pod.spec.containers.map((x) => x.name),
            ...(pod.spec.initContainers ?? []).map((x) => `${x.name} (init)`),
          ];
          o.err(`Defaulted container "${c}" out of: ${all.join(', ')}`);
        }
      }
    }
    // findContainerByName fails before any request is sent.
    if (!names.includes(c)) throw new KubectlError(`error: container ${c} is not valid for pod ${pod.metadata.name}`);
    streams.push({ pod, container: c });
  }
  const opts: LogOptions = {
    previous: f.bool('previous'),
    timestamps: f.bool('timestamps'),
    ...(tail >= 0 ? { tailLines: tail } : {}),
  };
  const prefix = (s: { pod: Pod; container: string }) =>
    f.bool('prefix') ? `[pod/${s.pod.metadata.name}/${s.container}] ` : '';
  for (const s of streams) {
    try {
      for (const line of env.api.logs(s.pod.metadata.namespace!, s.pod.metadata.name, {
        ...opts,
        container: s.container,
      })) {
        o.out(`${prefix(s)}${line}\n`);
      }
    } catch (e) {
      if (!f.bool('ignore-errors') || !f.bool('follow')) o.fail(e);
    }
  }
  const result = o.result();
  if (!f.bool('follow') || result.exitCode !== 0 || f.bool('previous')) return result;
  return { ...result, follow: followLogs(env, streams, opts, prefix) };
}

/** `-f`: new lines as they are written, until every followed container stops running. */
function followLogs(
  env: KubectlEnv,
  streams: Array<{ pod: Pod; container: string }>,
  opts: LogOptions,
  prefix: (s: { pod: Pod; container: string }) => string,
): Follower {
  // Timestamped reads tell lines apart; what was already printed is found again by its stamp.
  const seen = streams.map((s) => last(env, s));
  let stopped = false;
  return {
    mode: 'watch',
    poll() {
      if (stopped) return { stdout: '', stderr: '', done: true, exitCode: 0 };
      let stdout = '';
      let running = 0;
      streams.forEach((s, i) => {
        let lines: string[];
        try {
          lines = env.api.logs(s.pod.metadata.namespace!, s.pod.metadata.name, {
            container: s.container,
            timestamps: true,
          });
        } catch {
          return;
        }
        const from = seen[i] ? lines.lastIndexOf(seen[i]!) + 1 : 0;
        for (const line of lines.slice(from))
          stdout += prefix(s) + (opts.timestamps ? line : line.slice(line.indexOf(' ') + 1)) + '\n';
        if (lines.length) seen[i] = lines[lines.length - 1];
        const pod = env.api.tryGet<Pod>('Pod', s.pod.metadata.namespace, s.pod.metadata.name);
        if (
          pod?.metadata.uid === s.pod.metadata.uid &&
          pod.status?.containerStatuses?.find((c) => c.name === s.container)?.state?.running
        )
          running++;
      });
      return { stdout, stderr: '', done: running === 0, exitCode: 0 };
    },
    stop() {
      stopped = true;
    },
  };
}

function last(env: KubectlEnv, s: { pod: Pod; container: string }): string | undefined {
  try {
    const lines = env.api.logs(s.pod.metadata.namespace!, s.pod.metadata.name, {
      container: s.container,
      timestamps: true,
    });
    return lines[lines.length - 1];
  } catch {
    return undefined;
  }
}
