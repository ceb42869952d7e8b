import type { KubeObject } from '../../engine/api/types';
import { clone } from '../../engine/api/types';
import { validateLabelValue } from '../../engine/apimachinery/labels';
import { createMergePatch } from '../../engine/apimachinery/merge';
import { KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import { checkOutputFormat, printStructured } from '../outfallback';
import { isTargetError, resolveTargets } from '../targets';
import type { Command, CommandResult, FlagSpec, KubectlEnv } from '../types';
import {
  dryRunFlag,
  fieldManagerFlag,
  fieldSelectorFlag,
  filenameFlags,
  filenames,
  printFlags,
  selectorFlag,
} from '../writeflags';
import { compareBytes, dryRunStrategy, helpText, nameLine, Outcome, withDryRun } from '../writeutil';
import { resourcesAndPairs } from './set-common';

/**
 * `kubectl label` and `kubectl annotate` (pkg/cmd/label, pkg/cmd/annotate): change the map
 * locally, send the JSON merge patch of before and after. Overwriting an existing value needs
 * --overwrite; `key-` removes.
 */

type Which = 'labels' | 'annotations';

interface Change {
  set: Record<string, string>;
  remove: string[];
}

/** label.go parseLabels: `k=v` (exactly one `=`, a valid value) or `k-`. */
function parseLabelArgs(pairs: readonly string[]): Change {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const spec of pairs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) throw new KubectlError(`invalid label spec: ${spec}`);
      const errs = validateLabelValue(parts[1]!);
      if (errs.length)
        throw new KubectlError(`invalid label value: ${JSON.stringify(spec)}: ${errs.join(';')}`);
      set[parts[0]!] = parts[1]!;
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else throw new KubectlError(`unknown label spec: ${spec}`);
  }
  if (remove.some((r) => r in set))
    throw new KubectlError('can not both modify and remove a label in the same command');
  return { set, remove };
}

/** cmdutil.ParsePairs with removal, then annotate's validateAnnotations. */
function parseAnnotationArgs(pairs: readonly string[]): Change {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i > 0) set[p.slice(0, i)] = p.slice(i + 1);
    else if (p.endsWith('-') && p !== '-') remove.push(p.slice(0, -1));
    else invalid.push(p);
  }
  if (invalid.length) throw new KubectlError(`invalid annotation format: ${invalid.join(', ')}`);
  const both = remove.filter((r) => r in set);
  if (both.length) {
    throw new KubectlError(
      `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`,
    );
  }
  return { set, remove };
}

/** The overwrite check: a key that already has another value needs --overwrite. */
function checkOverwrite(which: Which, current: Record<string, string>, set: Record<string, string>): void {
  const clashes = Object.keys(set)
    .sort(compareBytes)
    .filter(
      (k) =>
        k in current &&
        current[k] !== set[k] &&
        !(which === 'annotations' && k === 'kubernetes.io/change-cause'),
    );
  if (!clashes.length) return;
  if (which === 'labels') {
    const msgs = clashes.map((k) => `'${k}' already has a value (${current[k]}), and --overwrite is false`);
    throw new KubectlError(msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`);
  }
  throw new KubectlError(
    `--overwrite is false but found the following declared annotation(s): ${clashes.map((k) => `'${k}' already has a value (${current[k]})`).join('; ')}`,
  );
}

/** label.go updateDataChangeMsg. */
function labelMessage(before: Record<string, string>, after: Record<string, string>): string {
  const removed = Object.keys(before).some((k) => !(k in after));
  const changed =
    Object.keys(before).some((k) => k in after && after[k] !== before[k]) ||
    Object.keys(after).some((k) => !(k in before));
  if (changed && removed) return 'label(s) changed';
  if (changed) return 'labeled';
  if (removed) return 'unlabeled';
  return 'not labeled';
}

function run(which: Which, args: string[], f: ParsedFlags, env: KubectlEnv): CommandResult {
  const pairType = which === 'labels' ? 'label' : 'annotation';
  const { resources, pairs } = resourcesAndPairs(args, pairType);
  const change = which === 'labels' ? parseLabelArgs(pairs) : parseAnnotationArgs(pairs);
  const output = f.string('output');
  checkOutputFormat(output);
  const list = f.bool('list');
  if (list && output) throw new KubectlError('--list and --output may not be specified together');
  const { strategy: dryRun, warning } = dryRunStrategy(f);
  const selector = f.string('selector');
  const fieldSelector = f.string('field-selector');
  const all = f.bool('all');
  if (all && selector) throw new KubectlError('cannot set --all and --selector at the same time');
  if (all && fieldSelector) throw new KubectlError('cannot set --all and --field-selector at the same time');
  const files = filenames(f.strings('filename'));
  if (!resources.length && !files.length) {
    throw new KubectlError(
      'one or more resources must be specified as <resource> <name> or <resource>/<name>',
    );
  }
  if (!Object.keys(change.set).length && !change.remove.length && !list) {
    throw new KubectlError(`at least one ${pairType} update is required`);
  }
  const entries = resolveTargets(resources, env, {
    filenames: files,
    recursive: f.bool('recursive'),
    selector,
    fieldSelector,
    all,
    allNamespaces: f.bool('all-namespaces'),
    allowEmptySelector: all,
    fetch: true,
  });
  const rv = f.string('resource-version');
  const single =
    entries.length === 1 &&
    (resources.length === 2 || (resources.length === 1 && resources[0]!.includes('/')));
  if (rv && !single) throw new KubectlError('--resource-version may only be used with a single resource');
  const o = new Outcome();
  if (warning) o.err(warning);
  for (const e of entries) {
    if (isTargetError(e)) {
      o.fail(e.error);
      continue;
    }
    const live = e.obj!;
    const before = { ...(live.metadata[which] ?? {}) };
    try {
      if (!f.bool('overwrite')) checkOverwrite(which, before, change.set);
    } catch (err) {
      o.fail(err);
      continue;
    }
    const after = { ...before, ...change.set };
    for (const k of change.remove) delete after[k];
    const updated = clone(live) as KubeObject;
    updated.metadata[which] = after;
    if (rv) updated.metadata.resourceVersion = rv;
    const word = which === 'labels' ? labelMessage(before, after) : 'annotated';
    let result: KubeObject = updated;
    if (dryRun !== 'client' && !list) {
      if (which === 'labels')
        for (const k of change.remove) if (!(k in before)) o.out(`label "${k}" not found.\n`);
      const old = clone(live) as KubeObject;
      if (rv) old.metadata.resourceVersion = '';
      try {
        env.api.patch(e.type.kind, e.namespace, e.name, 'merge', createMergePatch(old, updated), {
          dryRun: dryRun === 'server',
          user: 'kubectl',
        });
      } catch (err) {
        o.fail(err);
        continue;
      }
      result = updated;
    }
    if (list) {
      const keys = Object.keys(result.metadata[which] ?? {}).sort(compareBytes);
      const indent = single ? '' : ' ';
      if (!single) o.out(`Listing ${which} for ${e.type.kind}.${e.type.group}/${e.name}:\n`);
      for (const k of keys) o.out(`${indent}${k}=${result.metadata[which]![k]}\n`);
      continue;
    }
    o.out(
      output && output !== 'name'
        ? printStructured(result, output)
        : nameLine(e.type, e.name, withDryRun(word, dryRun), output === 'name'),
    );
  }
  return o.result();
}

function flags(which: Which): FlagSpec[] {
  const what = which === 'labels' ? 'label' : 'annotation';
  return [
    {
      name: 'all',
      type: 'bool',
      usage: 'Select all resources, in the namespace of the specified resource types',
    },
    {
      name: 'all-namespaces',
      short: 'A',
      type: 'bool',
      usage: 'If true, check the specified action in all namespaces.',
    },
    dryRunFlag,
    fieldManagerFlag(`kubectl-${what === 'label' ? 'label' : 'annotate'}`),
    fieldSelectorFlag,
    ...filenameFlags(
      `identifying the resource to update the ${which === 'labels' ? 'labels' : 'annotation'}`,
    ),
    { name: 'list', type: 'bool', usage: `If true, display the ${which} for a given resource.` },
    {
      name: 'local',
      type: 'bool',
      usage: `If true, ${what === 'label' ? 'label' : 'annotation'} will NOT contact api-server but run locally.`,
    },
    {
      name: 'overwrite',
      type: 'bool',
      usage:
        which === 'labels'
          ? 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.'
          : 'If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.',
    },
    ...printFlags,
    {
      name: 'resource-version',
      type: 'string',
      usage: `If non-empty, the ${which === 'labels' ? 'labels' : 'annotation'} update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.`,
    },
    selectorFlag,
  ];
}

const labelFlags = flags('labels');
const annotateFlags = flags('annotations');

export const labelCommand: Command = {
  name: 'label',
  short: 'Update the labels on a resource',
  help: helpText({
    long: [
      'Update the labels on a resource.',
      '* A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.',
      "* Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.",
      '* If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.',
      '* If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.',
    ],
    examples: [
      "# Update pod 'foo' with the label 'unhealthy' and the value 'true'",
      'kubectl label pods foo unhealthy=true',
      '',
      "# Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value",
      'kubectl label --overwrite pods foo status=unhealthy',
      '',
      '# Update all pods in the namespace',
      'kubectl label pods --all status=unhealthy',
      '',
      '# Update a pod identified by the type and name in "pod.json"',
      'kubectl label -f pod.json status=unhealthy',
      '',
      "# Update pod 'foo' only if the resource is unchanged from version 1",
      'kubectl label pods foo status=unhealthy --resource-version=1',
      '',
      "# Update pod 'foo' by removing a label named 'bar' if it exists",
      '# Does not require the --overwrite flag',
      'kubectl label pods foo bar-',
    ],
    use: 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
    flags: labelFlags,
  }),
  flags: labelFlags,
  run: (args, f, env) => run('labels', args, f, env),
};

export const annotateCommand: Command = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  help: helpText({
    long: [
      'Update the annotations on one or more resources.',
      'All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.',
      'Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.',
      'Use "kubectl api-resources" for a complete list of supported resources.',
    ],
    examples: [
      "# Update pod 'foo' with the annotation 'description' and the value 'my frontend'",
      '# If the same annotation is set multiple times, only the last value will be applied',
      "kubectl annotate pods foo description='my frontend'",
      '',
      '# Update a pod identified by type and name in "pod.json"',
      "kubectl annotate -f pod.json description='my frontend'",
      '',
      "# Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value",
      "kubectl annotate --overwrite pods foo description='my frontend running nginx'",
      '',
      '# Update all pods in the namespace',
      "kubectl annotate pods --all description='my frontend running nginx'",
      '',
      "# Update pod 'foo' only if the resource is unchanged from version 1",
      "kubectl annotate pods foo description='my frontend running nginx' --resource-version=1",
      '',
      "# Update pod 'foo' by removing an annotation named 'description' if it exists",
      '# Does not require the --overwrite flag',
      'kubectl annotate pods foo description-',
    ],
    use: 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
    flags: annotateFlags,
  }),
  flags: annotateFlags,
  run: (args, f, env) => run('annotations', args, f, env),
};
