import type { ResourceType } from '../../engine/api/resources';
import type { KubeObject, WatchEvent } from '../../engine/api/types';
import { clone, deepEqual } from '../../engine/api/types';
import { describePodTemplate } from '../describe/pod';
import type { PrefixWriter } from '../describe/writer';
import { KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import { checkOutputFormat, printStructured } from '../outfallback';
import type { Target } from '../targets';
import { isTargetError, resolveTargets } from '../targets';
import type { Command, CommandResult, FlagSpec, Follower, KubectlEnv } from '../types';
import { dryRunFlag, filenameFlags, filenames, printFlags } from '../writeflags';
import type { DryRun } from '../writeutil';
import { dryRunStrategy, helpText, nameLine, withDryRun } from '../writeutil';
import { durationFlag } from './delete';
import { rolloutActionCommands } from './rollout-actions';

/**
 * `kubectl rollout status|history|undo` (pkg/cmd/rollout, pkg/polymorphichelpers): the status
 * viewer's lines printed on every watch event of the object until the rollout is done (a
 * Follower in `wait` mode), the revision table from the ReplicaSets, and the client-side rollback
 * that copies an old ReplicaSet's template back into the Deployment.
 */

export const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const HASH = 'pod-template-hash';

type Workload = KubeObject & {
  spec: {
    replicas?: number;
    paused?: boolean;
    template?: { metadata?: { labels?: Record<string, string> } };
    updateStrategy?: { type?: string };
  };
  status?: Record<string, number | undefined> & { conditions?: Array<{ type: string; reason?: string }> };
};

/** Resolves exactly one object for status/history/undo, with kubectl's argument errors. */
function targetsOf(args: string[], f: ParsedFlags, env: KubectlEnv): Target[] {
  const files = filenames(f.strings('filename'));
  if (!args.length && !files.length) throw new KubectlError('required resource not specified');
  const out: Target[] = [];
  for (const e of resolveTargets(args, env, {
    filenames: files,
    recursive: f.bool('recursive'),
    fetch: true,
  })) {
    if (isTargetError(e)) throw e.error;
    out.push(e);
  }
  return out;
}

// ------------------------------------------------------------------------------------ status

/** The status viewers: one message line per event, done when the rollout finished. */
export function rolloutStatus(
  obj: Workload,
  type: ResourceType,
  revision: number,
): { message: string; done: boolean } {
  const name = obj.metadata.name;
  const s = obj.status ?? {};
  const observed = (s.observedGeneration as number | undefined) ?? 0;
  const n = (k: string) => (s[k] as number | undefined) ?? 0;
  if (type.kind === 'Deployment') {
    if (revision > 0) {
      const rev = Number(obj.metadata.annotations?.[REVISION] ?? NaN);
      if (rev !== revision)
        throw new KubectlError(
          `desired revision (${revision}) is different from the running revision (${rev})`,
        );
    }
    if ((obj.metadata.generation ?? 0) <= observed) {
      if (s.conditions?.find((c) => c.type === 'Progressing')?.reason === 'ProgressDeadlineExceeded') {
        throw new KubectlError(`deployment "${name}" exceeded its progress deadline`);
      }
      const want = obj.spec.replicas ?? 1;
      const prefix = `Waiting for deployment "${name}" rollout to finish: `;
      if (n('updatedReplicas') < want)
        return {
          message: `${prefix}${n('updatedReplicas')} out of ${want} new replicas have been updated...\n`,
          done: false,
        };
      if (n('replicas') > n('updatedReplicas'))
        return {
          message: `${prefix}${n('replicas') - n('updatedReplicas')} old replicas are pending termination...\n`,
          done: false,
        };
      if (n('availableReplicas') < n('updatedReplicas')) {
        return {
          message: `${prefix}${n('availableReplicas')} of ${n('updatedReplicas')} updated replicas are available...\n`,
          done: false,
        };
      }
      return { message: `deployment "${name}" successfully rolled out\n`, done: true };
    }
    return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  if (type.kind === 'DaemonSet') {
    if (obj.spec.updateStrategy?.type && obj.spec.updateStrategy.type !== 'RollingUpdate') {
      throw new KubectlError('rollout status is only available for RollingUpdate strategy type');
    }
    if ((obj.metadata.generation ?? 0) <= observed) {
      const prefix = `Waiting for daemon set "${name}" rollout to finish: `;
      if (n('updatedNumberScheduled') < n('desiredNumberScheduled')) {
        return {
          message: `${prefix}${n('updatedNumberScheduled')} out of ${n('desiredNumberScheduled')} new pods have been updated...\n`,
          done: false,
        };
      }
      if (n('numberAvailable') < n('desiredNumberScheduled')) {
        return {
          message: `${prefix}${n('numberAvailable')} of ${n('desiredNumberScheduled')} updated pods are available...\n`,
          done: false,
        };
      }
      return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
    }
    return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  }
  throw new KubectlError(`no status viewer has been implemented for ${groupKind(type)}`);
}

function groupKind(t: ResourceType): string {
  return t.group ? `${t.kind}.${t.group}` : t.kind;
}

const statusFlags: FlagSpec[] = [
  ...filenameFlags('identifying the resource to get from a server.'),
  {
    name: 'revision',
    type: 'int',
    usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).',
  },
  {
    name: 'timeout',
    type: 'duration',
    default: '0s',
    usage:
      'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).',
  },
  {
    name: 'watch',
    short: 'w',
    type: 'bool',
    default: true,
    usage: "Watch the status of the rollout until it's done.",
  },
];

const statusCommand: Command = {
  name: 'rollout status',
  short: 'Show the status of the rollout',
  help: helpText({
    long: [
      'Show the status of the rollout.',
      "By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.",
    ],
    examples: ['# Watch the rollout status of a deployment', 'kubectl rollout status deployment/nginx'],
    use: 'rollout status (TYPE NAME | TYPE/NAME) [flags]',
    flags: statusFlags,
  }),
  flags: statusFlags,
  run(args, f, env) {
    const revision = f.int('revision');
    if (revision < 0) throw new KubectlError(`revision must be a positive integer: ${revision}`);
    const timeout = durationFlag(f, 'timeout');
    const targets = targetsOf(args, f, env);
    if (targets.length !== 1) {
      throw new KubectlError(
        `rollout status is only supported on individual resources and resource collections - ${targets.length} resources were found`,
      );
    }
    const t = targets[0]!;
    rolloutStatus(t.obj as Workload, t.type, revision); // a kind without a viewer fails before watching
    return watchStatus(env, t, revision, f.bool('watch'), timeout);
  },
};

/** UntilWithSync over a name-selected watch: each ADDED/MODIFIED event prints the status line. */
function watchStatus(
  env: KubectlEnv,
  t: Target,
  revision: number,
  watch: boolean,
  timeoutMs: number,
): CommandResult {
  let out = '';
  let finished: { exitCode: number; stderr: string } | undefined;
  let stop = () => {};
  const onEvent = (e: WatchEvent) => {
    if (finished) return;
    if (e.type === 'DELETED') {
      finished = { exitCode: 1, stderr: 'error: object has been deleted\n' };
      return;
    }
    try {
      const { message, done } = rolloutStatus(e.object as Workload, t.type, revision);
      out += message;
      if (done || !watch) finished = { exitCode: 0, stderr: '' };
    } catch (err) {
      finished = { exitCode: 1, stderr: `error: ${(err as Error).message}\n` };
    }
  };
  stop = env.api.watch(
    t.type.kind,
    { namespace: t.namespace, fieldSelector: `metadata.name=${t.name}` },
    onEvent,
  );
  const take = () => {
    const s = out;
    out = '';
    return s;
  };
  if (finished) {
    stop();
    const f = finished as { exitCode: number; stderr: string };
    return { stdout: take(), stderr: f.stderr, exitCode: f.exitCode };
  }
  const deadline = timeoutMs > 0 ? env.clock.now() + timeoutMs : Infinity;
  const timer = timeoutMs > 0 ? env.clock.setTimeout(() => undefined, timeoutMs) : undefined;
  const end = () => {
    stop();
    env.clock.clearTimeout(timer);
  };
  const follow: Follower = {
    mode: 'wait',
    poll() {
      if (!finished && env.clock.now() >= deadline)
        finished = { exitCode: 1, stderr: 'error: timed out waiting for the condition\n' };
      if (finished) {
        end();
        return { stdout: take(), stderr: finished.stderr, done: true, exitCode: finished.exitCode };
      }
      return { stdout: take(), stderr: '', done: false };
    },
    stop: end,
  };
  return { stdout: take(), stderr: '', exitCode: 0, follow };
}

// ------------------------------------------------------------------------------------ history

/** The ReplicaSets a Deployment controls (GetAllReplicaSets), read from the API. */
export function replicaSetsOf(env: KubectlEnv, d: KubeObject): Workload[] {
  return env.api
    .list<Workload>('ReplicaSet', d.metadata.namespace)
    .items.filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid));
}

function revisionOf(o: KubeObject): number | undefined {
  const v = o.metadata.annotations?.[REVISION];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** printTemplate: DescribePodTemplate through a plain prefix writer (tabs are left as tabs). */
export function printTemplate(template: unknown): string {
  let out = '';
  const w: PrefixWriter = {
    write: (level, text) => void (out += '  '.repeat(level) + text),
    writeLine: (...parts) => void (out += parts.join(' ') + '\n'),
    flush: () => undefined,
  };
  describePodTemplate(template as Parameters<typeof describePodTemplate>[0], w);
  return out;
}

/** tabwriter(minwidth 0, padding 2) over two columns. */
function table(rows: string[][]): string {
  const width = Math.max(...rows.map((r) => r[0]!.length)) + 2;
  return rows.map((r) => r[0]!.padEnd(width) + r[1] + '\n').join('');
}

function viewHistory(env: KubectlEnv, t: Target, revision: number): string {
  if (t.type.kind !== 'Deployment')
    throw new KubectlError(`no history viewer has been implemented for ${JSON.stringify(groupKind(t.type))}`);
  const history = new Map<number, Workload>();
  for (const rs of replicaSetsOf(env, t.obj!)) {
    const v = revisionOf(rs);
    if (v !== undefined) history.set(v, rs);
  }
  if (!history.size) return 'No rollout history found.';
  if (revision > 0) {
    const rs = history.get(revision);
    if (!rs) throw new KubectlError('unable to find the specified revision');
    const template = clone(
      (rs.spec as { template?: { metadata?: { annotations?: Record<string, string> } } }).template ?? {},
    );
    const cause = rs.metadata.annotations?.[CHANGE_CAUSE];
    if (cause)
      template.metadata = {
        ...template.metadata,
        annotations: { ...template.metadata?.annotations, [CHANGE_CAUSE]: cause },
      };
    return printTemplate(template);
  }
  const revisions = [...history.keys()].sort((a, b) => a - b);
  return table([
    ['REVISION', 'CHANGE-CAUSE'],
    ...revisions.map((r) => [String(r), history.get(r)!.metadata.annotations?.[CHANGE_CAUSE] || '<none>']),
  ]);
}

const historyFlags: FlagSpec[] = [
  ...printFlags,
  ...filenameFlags('identifying the resource to get from a server.'),
  {
    name: 'revision',
    type: 'int',
    usage: 'See the details, including podTemplate of the revision specified',
  },
];

const historyCommand: Command = {
  name: 'rollout history',
  short: 'View rollout history',
  help: helpText({
    long: ['View previous rollout revisions and configurations.'],
    examples: [
      '# View the rollout history of a deployment',
      'kubectl rollout history deployment/abc',
      '',
      '# View the details of daemonset revision 3',
      'kubectl rollout history daemonset/abc --revision=3',
    ],
    use: 'rollout history (TYPE NAME | TYPE/NAME) [flags]',
    flags: historyFlags,
  }),
  flags: historyFlags,
  run(args, f, env) {
    const revision = f.int('revision');
    if (revision < 0) throw new KubectlError(`revision must be a positive integer: ${revision}`);
    checkOutputFormat(f.string('output'));
    let stdout = '';
    for (const t of targetsOf(args, f, env)) {
      const info = viewHistory(env, t, revision);
      const withRevision = revision > 0 ? `with revision #${revision}` : '';
      stdout += nameLine(t.type, t.name, `${withRevision}\n${info}`);
    }
    return { stdout, stderr: '', exitCode: 0 };
  },
};

// ------------------------------------------------------------------------------------ undo

const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function withoutHash(template: unknown): unknown {
  const t = clone(template) as { metadata?: { labels?: Record<string, string> } };
  if (t?.metadata?.labels) delete t.metadata.labels[HASH];
  return t;
}

/** DeploymentRollbacker.Rollback: the result word(s) kubectl prints after the name. */
export function rollback(env: KubectlEnv, t: Target, toRevision: number, dryRun: DryRun): string {
  if (t.type.kind !== 'Deployment')
    throw new KubectlError(`no rollbacker has been implemented for ${JSON.stringify(groupKind(t.type))}`);
  if (toRevision < 0) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
  const d = env.api.get<Workload>('Deployment', t.namespace, t.name);
  let latest: { rev: number; rs?: Workload } = { rev: -1 };
  let previous: { rev: number; rs?: Workload } = { rev: -1 };
  let target: Workload | undefined;
  for (const rs of replicaSetsOf(env, d)) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision === 0) {
      if (latest.rev < v) {
        previous = latest;
        latest = { rev: v, rs };
      } else if (previous.rev < v) previous = { rev: v, rs };
    } else if (v === toRevision) target = rs;
  }
  if (toRevision > 0 && !target)
    throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
  if (toRevision === 0) {
    if (!previous.rs) throw new KubectlError(`no rollout history found for deployment "${d.metadata.name}"`);
    target = previous.rs;
  }
  const rsTemplate = (target!.spec as { template?: unknown }).template;
  if (dryRun === 'client') return printTemplate(rsTemplate);
  if (d.spec.paused) {
    throw new KubectlError(
      "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
  }
  const revision = toRevision || revisionOf(target!)!;
  if (deepEqual(withoutHash(rsTemplate), withoutHash(d.spec.template))) {
    return `skipped rollback (current template already matches revision ${revision})`;
  }
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {}))
    if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target!.metadata.annotations ?? {}))
    if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  const patch = [
    { op: 'replace', path: '/spec/template', value: withoutHash(rsTemplate) },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
  try {
    env.api.patch('Deployment', t.namespace, t.name, 'json', patch, {
      dryRun: dryRun === 'server',
      user: 'kubectl',
    });
  } catch (e) {
    throw new KubectlError(`failed restoring revision ${revision}: ${(e as Error).message}`);
  }
  return 'rolled back';
}

const undoFlags: FlagSpec[] = [
  dryRunFlag,
  ...printFlags,
  ...filenameFlags('identifying the resource to get from a server.'),
  { name: 'to-revision', type: 'int', usage: 'The revision to rollback to. Default to 0 (last revision).' },
];

const undoCommand: Command = {
  name: 'rollout undo',
  short: 'Undo a previous rollout',
  help: helpText({
    long: ['Roll back to a previous rollout.'],
    examples: [
      '# Roll back to the previous deployment',
      'kubectl rollout undo deployment/abc',
      '',
      '# Roll back to daemonset revision 3',
      'kubectl rollout undo daemonset/abc --to-revision=3',
      '',
      '# Roll back to the previous deployment with dry-run',
      'kubectl rollout undo --dry-run=server deployment/abc',
    ],
    use: 'rollout undo (TYPE NAME | TYPE/NAME) [flags]',
    flags: undoFlags,
  }),
  flags: undoFlags,
  run(args, f, env) {
    const { strategy: dryRun, warning } = dryRunStrategy(f);
    const output = f.string('output');
    checkOutputFormat(output);
    let stdout = '';
    for (const t of targetsOf(args, f, env)) {
      const result = rollback(env, t, f.int('to-revision'), dryRun);
      stdout +=
        output && output !== 'name'
          ? printStructured(t.obj, output)
          : nameLine(t.type, t.name, withDryRun(result, dryRun), output === 'name');
    }
    return { stdout, stderr: warning ? warning + '\n' : '', exitCode: 0 };
  },
};

// ------------------------------------------------------------------------------------ rollout

const ROLLOUT_HELP = `Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo
  
  # Restart a deployment
  kubectl rollout restart deployment/abc
  
  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** `kubectl rollout` alone prints its help to stderr and fails, as cobra's DefaultSubCommandRun does. */
const rolloutCommand: Command = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  help: ROLLOUT_HELP,
  flags: [],
  run(args) {
    if (args.length)
      return {
        stdout: '',
        stderr: `error: unknown command "${args[0]}" for "kubectl rollout"\nSee 'kubectl rollout -h' for help and examples\n`,
        exitCode: 1,
      };
    return { stdout: '', stderr: ROLLOUT_HELP, exitCode: 1 };
  },
};

export const rolloutCommands: Command[] = [
  rolloutCommand,
  statusCommand,
  historyCommand,
  undoCommand,
  ...rolloutActionCommands,
];
