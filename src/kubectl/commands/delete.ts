import type { DeleteOptions } from '../../engine/api/apiserver';
import { isStatusError } from '../../engine/api/errors';
import { parseGoDuration } from '../../engine/apimachinery/duration';
import { KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import { isTargetError, resolveTargets } from '../targets';
import type { Target } from '../targets';
import type { Command, CommandResult, FlagSpec, Follower, KubectlEnv } from '../types';
import { dryRunFlag, fieldSelectorFlag, filenameFlags, filenames, selectorFlag } from '../writeflags';
import { dryRunStrategy, helpText, kindPrefix, Outcome, withSource } from '../writeutil';

/**
 * `kubectl delete` (pkg/cmd/delete/delete.go, delete_flags.go): deletes by name, TYPE/NAME, -f,
 * -l or --all, with kubectl's grace-period rules (--now = 1s, --force = 0), cascading policy,
 * and by default waits until every deleted object is really gone (a Follower in 'wait' mode:
 * a pod on a node lingers through its graceful termination, a namespace until it is emptied).
 */

export const CASCADE_USAGE =
  'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.';

const flags: FlagSpec[] = [
  {
    name: 'all',
    type: 'bool',
    usage: 'Delete all resources, in the namespace of the specified resource types.',
  },
  {
    name: 'all-namespaces',
    short: 'A',
    type: 'bool',
    usage:
      'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
  },
  {
    name: 'cascade',
    type: 'string',
    default: 'background',
    noOptDefault: 'background',
    usage: CASCADE_USAGE,
  },
  dryRunFlag,
  fieldSelectorFlag,
  ...filenameFlags('containing the resource to delete.'),
  {
    name: 'force',
    type: 'bool',
    usage:
      'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
  },
  {
    name: 'grace-period',
    type: 'int',
    default: -1,
    usage:
      'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).',
  },
  {
    name: 'ignore-not-found',
    type: 'bool',
    usage: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.',
  },
  {
    name: 'now',
    type: 'bool',
    usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).',
  },
  {
    name: 'output',
    short: 'o',
    type: 'string',
    usage: 'Output mode. Use "-o name" for shorter output (resource/name).',
  },
  selectorFlag,
  {
    name: 'timeout',
    type: 'duration',
    default: '0s',
    usage:
      'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object',
  },
  {
    name: 'wait',
    type: 'bool',
    default: true,
    usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.',
  },
];

export const deleteCommand: Command = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  help: helpText({
    long: [
      'Delete resources by file names, stdin, resources and names, or by resources and label selector.',
      'JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.',
      'Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.',
      "IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the scheduler may place new pods on those nodes before the node has released those resources and causing those pods to be evicted immediately.",
      'Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.',
      'After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don\'t want to wait, you might want to run "kubectl api-resources" to refresh the discovery cache.',
    ],
    examples: [
      '# Delete a pod using the type and name specified in pod.json',
      'kubectl delete -f ./pod.json',
      '',
      '# Delete resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml',
      'kubectl delete -k dir',
      '',
      "# Delete resources from all files that end with '.json'",
      "kubectl delete -f '*.json'",
      '',
      '# Delete a pod based on the type and name in the JSON passed into stdin',
      'cat pod.json | kubectl delete -f -',
      '',
      '# Delete pods and services with same names "baz" and "foo"',
      'kubectl delete pod,service baz foo',
      '',
      '# Delete pods and services with label name=myLabel',
      'kubectl delete pods,services -l name=myLabel',
      '',
      '# Delete a pod with minimal delay',
      'kubectl delete pod foo --now',
      '',
      '# Force delete a pod on a dead node',
      'kubectl delete pod foo --force',
      '',
      '# Delete all pods',
      'kubectl delete pods --all',
      '',
      '# Delete all pods only if the user confirms the deletion',
      'kubectl delete pods --all --interactive',
    ],
    use: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])',
    flags,
  }),
  flags,
  run: (args, f, env) => runDelete(args, f, env),
};

/** parseCascadingFlag, with its deprecation warning for the boolean spellings. */
export function cascadingStrategy(value: string, o: Outcome): DeleteOptions['propagationPolicy'] {
  switch (value) {
    case 'orphan':
      return 'Orphan';
    case 'foreground':
      return 'Foreground';
    case 'background':
      return 'Background';
  }
  const b = parseBool(value);
  if (b === undefined)
    throw new KubectlError(
      `invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`,
    );
  o.err(
    `warning: --cascade=${value} is deprecated (boolean value) and can be replaced with --cascade=${b ? 'background' : 'orphan'}.`,
  );
  return b ? 'Background' : 'Orphan';
}

function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** `--timeout` as milliseconds, with pflag's error for a bad value. */
export function durationFlag(f: ParsedFlags, name: string): number {
  const v = f.string(name);
  try {
    return parseGoDuration(v);
  } catch {
    throw new KubectlError(`invalid argument "${v}" for "--${name}" flag: time: invalid duration "${v}"`);
  }
}

function runDelete(args: string[], f: ParsedFlags, env: KubectlEnv): CommandResult {
  const o = new Outcome();
  const selector = f.string('selector');
  const fieldSelector = f.string('field-selector');
  const all = f.bool('all');
  const allNamespaces = f.bool('all-namespaces');
  let ignoreNotFound = f.bool('ignore-not-found');
  if ((all || selector || fieldSelector) && !f.changed('ignore-not-found')) ignoreNotFound = true;
  const force = f.bool('force');
  let grace = f.int('grace-period');
  if (f.bool('now')) {
    if (grace !== -1) throw new KubectlError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const { strategy: dryRun, warning } = dryRunStrategy(f);
  if (warning) o.err(warning);
  const cascade = cascadingStrategy(f.string('cascade'), o);
  const timeout = durationFlag(f, 'timeout');
  const entries = resolveTargets(args, env, {
    filenames: filenames(f.strings('filename')),
    recursive: f.bool('recursive'),
    selector,
    fieldSelector,
    all,
    allNamespaces,
    enforceNamespace: f.changed('namespace'),
  });
  const output = f.string('output');
  if (output && output !== 'name')
    throw new KubectlError(`unexpected -o output mode: ${output}. We only support '-o name'`);
  if (all && selector) throw new KubectlError('cannot set --all and --selector at the same time');
  if (all && fieldSelector) throw new KubectlError('cannot set --all and --field-selector at the same time');
  if (grace === 0 && force) {
    o.err(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
    );
  } else if (grace > 0 && force) {
    throw new KubectlError('--force and --grace-period greater than 0 cannot be specified together');
  }
  let warnClusterScope = f.changed('namespace') && !allNamespaces;
  const deleted: Array<Target & { uid: string }> = [];
  let found = 0;
  for (const e of entries) {
    if (isTargetError(e)) {
      if (!(ignoreNotFound && isStatusError(e.error, 'NotFound'))) o.fail(e.error);
      continue;
    }
    found++;
    if (warnClusterScope && !e.type.namespaced) {
      o.err('Warning: deleting cluster-scoped resources, not scoped to the provided namespace');
      warnClusterScope = false;
    }
    let operation = grace === 0 ? 'force deleted' : 'deleted';
    if (dryRun === 'client') operation += ' (dry run)';
    if (dryRun === 'server') operation += ' (server dry run)';
    const line =
      output === 'name'
        ? `${kindPrefix(e.type)}/${e.name}\n`
        : `${kindPrefix(e.type)} "${e.name}" ${operation}\n`;
    if (dryRun === 'client') {
      o.out(line);
      continue;
    }
    try {
      const res = env.api.delete(e.type.kind, e.namespace, e.name, {
        ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
        propagationPolicy: cascade,
        dryRun: dryRun === 'server',
        user: 'kubectl',
      });
      deleted.push({ ...e, uid: res.metadata.uid });
      o.out(line);
    } catch (err) {
      if (ignoreNotFound && isStatusError(err, 'NotFound')) continue;
      o.fail(withSource('deleting', e.source ?? '', err));
    }
  }
  if (found === 0 && !o.errors.length) {
    o.out('No resources found\n');
    return o.result();
  }
  const result = o.result();
  if (!f.bool('wait') || dryRun !== 'none' || !deleted.length || result.exitCode !== 0) return result;
  const follow = waitForDeletion(env, deleted, timeout);
  return follow ? { ...result, follow } : result;
}

/**
 * cmdwait with IsDeleted: done when each object is gone or replaced (another UID). A zero
 * timeout means a week, as kubectl sets it.
 */
export function waitForDeletion(
  env: KubectlEnv,
  objs: ReadonlyArray<Target & { uid: string }>,
  timeoutMs: number,
): Follower | undefined {
  const gone = (t: Target & { uid: string }) =>
    env.api.tryGet(t.type.kind, t.namespace, t.name)?.metadata.uid !== t.uid;
  if (objs.every(gone)) return undefined;
  const deadline = env.clock.now() + (timeoutMs > 0 ? timeoutMs : 168 * 3600_000);
  // A happening at the deadline, so a host stepping simulated time stops exactly there.
  const timer = timeoutMs > 0 ? env.clock.setTimeout(() => undefined, timeoutMs) : undefined;
  let stopped = false;
  const finish = (exitCode: number, stderr = '') => {
    env.clock.clearTimeout(timer);
    return { stdout: '', stderr, done: true, exitCode };
  };
  return {
    mode: 'wait',
    poll() {
      if (stopped) return { stdout: '', stderr: '', done: true, exitCode: 1 };
      const left = objs.find((t) => !gone(t));
      if (!left) return finish(0);
      if (env.clock.now() >= deadline) {
        return finish(1, `error: timed out waiting for the condition on ${left.type.plural}/${left.name}\n`);
      }
      return { stdout: '', stderr: '', done: false };
    },
    stop() {
      stopped = true;
      env.clock.clearTimeout(timer);
    },
  };
}
