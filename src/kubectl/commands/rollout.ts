import type { KubeObject } from '../../engine/api/types';
import { clone, deepEqual } from '../../engine/api/types';
import { describePodTemplate } from '../describe/pod';
import type { PrefixWriter } from '../describe/writer';
import { KubectlError } from '../errors';
import { checkOutputFormat, printStructured } from '../outfallback';
import type { Target } from '../targets';
import type { Command, FlagSpec, KubectlEnv } from '../types';
import { dryRunFlag, filenameFlags, printFlags } from '../writeflags';
import type { DryRun } from '../writeutil';
import { dryRunStrategy, helpText, nameLine, withDryRun } from '../writeutil';
import { rolloutActionCommands } from './rollout-actions';
import { statusCommand } from './rollout-status';
import type { Workload } from './rollout-common';
import { groupKind, REVISION, targetsOf } from './rollout-common';

/**
 * `kubectl rollout history|undo` and the `rollout` group (pkg/cmd/rollout, pkg/polymorphichelpers):
 * the revision table from the ReplicaSets, and the client-side rollback that copies an old
 * ReplicaSet's template back into the Deployment. `status` is in rollout-status.ts, the patching
 * actions in rollout-actions.ts.
 */

const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const HASH = 'pod-template-hash';

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
