import { parseGoDuration } from '../../engine/apimachinery/duration';
import { labelSelectorAsSelector } from '../../engine/apimachinery/labels';
import { isStatusError } from '../../engine/api/errors';
import type { ExecChunk, ExecEnd, ExecStream } from '../../engine/api/streaming';
import { UpgradeRefusedError } from '../../engine/api/streaming';
import type { KubeObject } from '../../engine/api/types';
import { goSort } from '../describe/gosort';
import { KubectlError, UsageError, formatError } from '../errors';
import type { ParsedFlags } from '../flags';
import { manifestNamespace, readManifests } from '../manifests';
import { resourceType } from '../targets';
import type { Command, CommandResult, FlagSpec, Follower, KubectlEnv } from '../types';
import { filenames } from '../writeflags';
import { helpText } from '../writeutil';

/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] -- COMMAND [args...]` (pkg/cmd/exec/exec.go): the
 * pod (or the first of a controller's pods, as AttachablePodForObjectFn sorts them), its default
 * container (podcmd.FindOrDefaultContainerByName), then a POST to pods/exec, which the API server
 * proxies to the pod's kubelet. The command's output streams back as it is written; a command that
 * takes simulated time (`sleep 5; echo done`) returns a `wait` follower until it ends.
 *
 * The terminal is never a TTY: `-t` with `-i` says so and carries on without one, as kubectl does
 * when its standard input is not a terminal.
 */

type Pod = KubeObject & {
  spec: {
    nodeName?: string;
    containers: Array<{ name: string }>;
    initContainers?: Array<{ name: string }>;
    ephemeralContainers?: Array<{ name: string }>;
  };
  status?: {
    phase?: string;
    conditions?: Array<{ type: string; status: string; lastTransitionTime?: string }>;
    containerStatuses?: Array<{ restartCount?: number }>;
  };
};

const flags: FlagSpec[] = [
  {
    name: 'container',
    short: 'c',
    type: 'string',
    usage:
      'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen',
  },
  { name: 'filename', short: 'f', type: 'stringArray', usage: 'to use to exec into the resource' },
  {
    name: 'pod-running-timeout',
    type: 'duration',
    default: '1m0s',
    usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
  },
  { name: 'quiet', short: 'q', type: 'bool', usage: 'Only print output from the remote session' },
  { name: 'stdin', short: 'i', type: 'bool', usage: 'Pass stdin to the container' },
  { name: 'tty', short: 't', type: 'bool', usage: 'Stdin is a TTY' },
];

export const execCommand: Command = {
  name: 'exec',
  short: 'Execute a command in a container',
  help: helpText({
    long: ['Execute a command in a container.'],
    examples: [
      "# Get output from running the 'date' command from pod mypod, using the first container by default",
      'kubectl exec mypod -- date',
      '',
      "# Get output from running the 'date' command in ruby-container from pod mypod",
      'kubectl exec mypod -c ruby-container -- date',
      '',
      "# Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod",
      '# and sends stdout/stderr from \'bash\' back to the client',
      'kubectl exec mypod -c ruby-container -i -t -- bash -il',
      '',
      '# List contents of /usr from the first container of pod mypod and sort by modification time',
      '# If the command you want to execute in the pod has any flags in common (e.g. -i),',
      '# you must use two dashes (--) to separate your command\'s flags/arguments',
      '# Also note, do not surround your command and its flags/arguments with quotes',
      '# unless that is how you would execute it normally (i.e., do ls -t /usr, not "ls -t /usr")',
      'kubectl exec mypod -i -t -- ls -t /usr',
      '',
      "# Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default",
      'kubectl exec deploy/mydeployment -- date',
      '',
      "# Get output from running 'date' command from the first pod of the service myservice, using the first container by default",
      'kubectl exec svc/myservice -- date',
    ],
    use: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
    flags,
  }),
  flags,
  run: (args, f, env) => runExec(args, f, env),
};

function runExec(args: string[], f: ParsedFlags, env: KubectlEnv): CommandResult {
  // Complete
  const atDash = f.argsLenAtDash;
  const files = filenames(f.strings('filename'));
  const resourceName = args.length > 0 && atDash !== 0 ? args[0]! : '';
  let command: string[] = [];
  if (atDash > -1) command = args.slice(atDash);
  else if (args.length > 1 || (args.length > 0 && files.length > 0))
    throw new UsageError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead', 'exec');
  const timeout = f.string('pod-running-timeout');
  let timeoutMs: number;
  try {
    timeoutMs = parseGoDuration(timeout);
  } catch {
    return {
      stdout: '',
      stderr: `error: invalid argument "${timeout}" for "--pod-running-timeout" flag: time: invalid duration "${timeout}"\nSee 'kubectl exec --help' for usage.\n`,
      exitCode: 1,
    };
  }
  if (timeoutMs <= 0) throw new UsageError('--pod-running-timeout must be higher than zero', 'exec');
  // Validate
  if (!resourceName && files.length === 0) throw new KubectlError('pod, type/name or --filename must be specified');
  if (command.length === 0) throw new KubectlError('you must specify at least one command for the container');

  // Run
  const quiet = f.bool('quiet');
  const stderr: string[] = [];
  const pod = attachablePod(findObject(resourceName, files, env, f.changed('namespace')), env);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed')
    throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  let container = f.string('container');
  if (!container) {
    container = defaultContainer(pod);
    const others = pod.spec.containers.length > 1 || !!pod.spec.initContainers?.length || !!pod.spec.ephemeralContainers?.length;
    if (!quiet && !usesAnnotation(pod) && others)
      stderr.push(`Defaulted container ${JSON.stringify(container)} out of: ${allContainerNames(pod)}\n`);
  }
  // SetupTTY: without -i there is no stdin and no TTY; with -i -t the terminal is not a TTY.
  const stdin = f.bool('stdin');
  if (stdin && f.bool('tty') && !quiet)
    stderr.push('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  let stream: ExecStream;
  try {
    stream = env.api.exec(pod.metadata.namespace ?? env.namespace, pod.metadata.name, {
      container,
      command,
      ...(stdin ? { stdin: env.io.stdin ?? '' } : {}),
    });
  } catch (e) {
    // spdy's NewConnection: a body that is not a Status reads as text.
    const err = e instanceof UpgradeRefusedError ? new KubectlError(`unable to upgrade connection: ${e.body}`) : e;
    if (!(err instanceof KubectlError) && !isStatusError(err)) throw e;
    return { stdout: '', stderr: stderr.join('') + formatError(err) + '\n', exitCode: 1 };
  }
  const first = stream.read();
  const chunks: ExecChunk[] = [...stderr.map((text) => ({ stream: 'stderr' as const, text })), ...first.output];
  if (first.end) return finish(chunks, first.end);
  const shown = collect(chunks);
  return { ...shown, exitCode: 0, follow: following(stream) };
}

/** The object the argument or file names: `pods/NAME` for a bare name, as the builder reads it. */
function findObject(resourceName: string, files: string[], env: KubectlEnv, enforceNamespace: boolean): KubeObject {
  if (files.length) {
    if (resourceName)
      throw new KubectlError('when paths, URLs, or stdin is provided as input, you may not specify a resource by arguments as well');
    // Builder.Do().Object() hands back the object as read from the file, not the live one.
    const objs = readManifests(files, env, { enforceNamespace }).map((m) => {
      const ns = manifestNamespace(m.obj, env);
      return { ...m.obj, metadata: { ...m.obj.metadata, ...(ns ? { namespace: ns } : {}) } } as unknown as KubeObject;
    });
    if (objs.length !== 1) throw new KubectlError('cannot attach to *v1.List: selector for *v1.List not implemented');
    return objs[0]!;
  }
  // Builder.ResourceNames("pods", name): splitResourceTypeName's errors, then the RESTMapper's.
  const parts = resourceName.split('/');
  if (parts.length > 2) throw new KubectlError('arguments in resource/name form may not have more than one slash');
  const [typeName, name] = parts.length === 2 ? [parts[0]!, parts[1]!] : ['pods', resourceName];
  if (!typeName || !name || typeName.split(',').filter(Boolean).length !== 1)
    throw new KubectlError('arguments in resource/name form must have a single resource and name');
  const type = resourceType(env, typeName);
  return env.api.get<KubeObject>(type.kind, type.namespaced ? env.namespace : undefined, name);
}

/**
 * polymorphichelpers.attachablePodForObject: a pod is itself; a controller or Service leads to its
 * pods by selector, sorted most active first (sort.Reverse(podutils.ActivePods)).
 */
function attachablePod(obj: KubeObject, env: KubectlEnv): Pod {
  if (obj.kind === 'Pod') return obj as Pod;
  const selector = selectorFor(obj, env);
  const pods = env.api.list<Pod>('Pod', obj.metadata.namespace, { labelSelector: selector }).items;
  // GetPodList watches for a first pod until --pod-running-timeout; see SPEC KC-EXEC2.
  if (!pods.length) throw new KubectlError('timed out waiting for the condition');
  return goSort([...pods], (a, b) => activeLess(b, a))[0]!;
}

/** SelectorsForObject, with its errors as attachablePodForObject wraps them. */
function selectorFor(obj: KubeObject, env: KubectlEnv): string {
  const t = env.api.registry.forObject(obj.apiVersion, obj.kind);
  const goType = `*${t?.version ?? 'v1'}.${obj.kind}`;
  const spec = (obj as { spec?: { selector?: unknown } }).spec;
  const fail = (why: string) => new KubectlError(`cannot attach to ${goType}: ${why}`);
  switch (obj.kind) {
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Deployment':
    case 'Job':
      return labelSelectorAsSelector((spec?.selector ?? {}) as Parameters<typeof labelSelectorAsSelector>[0]).toString();
    case 'ReplicationController':
      return setSelector(spec?.selector);
    case 'Service': {
      const sel = spec?.selector as Record<string, string> | undefined;
      if (!sel || Object.keys(sel).length === 0)
        throw fail(`invalid service '${obj.metadata.name}': Service is defined without a selector`);
      return setSelector(sel);
    }
    default:
      throw fail(`selector for ${goType} not implemented`);
  }
}

/** labels.SelectorFromSet(...).String(): `k=v` pairs sorted by key. */
function setSelector(sel: unknown): string {
  return Object.entries((sel ?? {}) as Record<string, string>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** podutils.ActivePods.Less: unassigned, Pending < Unknown < Running, not ready, ready later, more restarts, newer. */
function activeLess(a: Pod, b: Pod): boolean {
  if (a.spec.nodeName !== b.spec.nodeName && (!a.spec.nodeName || !b.spec.nodeName)) return !a.spec.nodeName;
  const rank = (p: Pod) => ({ Pending: 0, Unknown: 1, Running: 2 })[p.status?.phase ?? ''] ?? 0;
  if (rank(a) !== rank(b)) return rank(a) < rank(b);
  const readyA = readySince(a);
  const readyB = readySince(b);
  if ((readyA !== undefined) !== (readyB !== undefined)) return readyA === undefined;
  if (readyA !== undefined && readyB !== undefined && readyA !== readyB) return afterOrZero(readyA, readyB);
  const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
  if (restarts(a) !== restarts(b)) return restarts(a) > restarts(b);
  const ca = a.metadata.creationTimestamp ?? '';
  const cb = b.metadata.creationTimestamp ?? '';
  return ca !== cb && afterOrZero(ca, cb);
}

/** The Ready condition's lastTransitionTime when the pod is ready ('' for Go's zero time). */
function readySince(p: Pod): string | undefined {
  const c = p.status?.conditions?.find((x) => x.type === 'Ready');
  return c?.status === 'True' ? (c.lastTransitionTime ?? '') : undefined;
}

/** RFC 3339 times in UTC compare as strings; the zero time counts as after any other. */
function afterOrZero(t1: string, t2: string): boolean {
  if (!t1 || !t2) return !t1;
  return t1 > t2;
}

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

function usesAnnotation(pod: Pod): boolean {
  const name = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  return !!name && allNames(pod).includes(name);
}

/** FindOrDefaultContainerByName without a name: the annotation's container, else the first. */
function defaultContainer(pod: Pod): string {
  if (usesAnnotation(pod)) return pod.metadata.annotations![DEFAULT_CONTAINER_ANNOTATION]!;
  const first = pod.spec.containers[0];
  if (!first) throw new KubectlError(`pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  return first.name;
}

function allNames(pod: Pod): string[] {
  return [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])].map((c) => c.name);
}

/** podcmd's allContainerNames: containers, then `x (ephem)`, then `x (init)`. */
function allContainerNames(pod: Pod): string {
  return [
    ...pod.spec.containers.map((c) => c.name),
    ...(pod.spec.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

/** How client-go's error decoder and CheckErr report the end of the command. */
function endText(end: ExecEnd): { text: string; exitCode: number } {
  switch (end.kind) {
    case 'success':
      return { text: '', exitCode: 0 };
    case 'exit':
      // An ExitError: CheckErr prints its message as is and exits with its code.
      return { text: `command terminated with exit code ${end.code}\n`, exitCode: end.code };
    case 'error':
      return { text: `error: ${end.message}\n`, exitCode: 1 };
  }
}

function finish(chunks: ExecChunk[], end: ExecEnd): CommandResult {
  const { text, exitCode } = endText(end);
  const all = text ? [...chunks, { stream: 'stderr' as const, text }] : chunks;
  return { ...collect(all), exitCode };
}

/** Both streams, and their order when stderr came before some stdout. */
function collect(chunks: readonly ExecChunk[]): Pick<CommandResult, 'stdout' | 'stderr' | 'interleaved'> {
  const stdout = chunks.filter((c) => c.stream === 'stdout').map((c) => c.text).join('');
  const stderr = chunks.filter((c) => c.stream === 'stderr').map((c) => c.text).join('');
  const firstErr = chunks.findIndex((c) => c.stream === 'stderr');
  const mixed = firstErr >= 0 && chunks.slice(firstErr).some((c) => c.stream === 'stdout');
  return mixed ? { stdout, stderr, interleaved: chunks.filter((c) => c.text) } : { stdout, stderr };
}

/** A command still running: its output as it comes, until the Status ends the stream. */
function following(stream: ExecStream): Follower {
  let done = false;
  return {
    mode: 'wait',
    poll() {
      if (done) return { stdout: '', stderr: '', done: true, exitCode: 0 };
      const r = stream.read();
      const chunks = r.end ? [...r.output, ...(endText(r.end).text ? [{ stream: 'stderr' as const, text: endText(r.end).text }] : [])] : r.output;
      const out = collect(chunks);
      if (!r.end) return { stdout: out.stdout, stderr: out.stderr, done: false };
      done = true;
      return { stdout: out.stdout, stderr: out.stderr, done: true, exitCode: endText(r.end).exitCode };
    },
    stop() {
      if (!done) stream.close();
      done = true;
    },
  };
}
