import type { ResourceType } from '../../engine/api/resources';
import type { KubeObject, ObjectInput } from '../../engine/api/types';
import { createThreeWayMergePatch, patchMetaFor } from '../../engine/apimachinery/merge';
import { KubectlError, UsageError } from '../errors';
import type { ParsedFlags } from '../flags';
import type { Manifest } from '../manifests';
import { isFailure, loadManifests, manifestNamespace } from '../manifests';
import { asList, checkOutputFormat, printStructured } from '../outfallback';
import type { Command, CommandResult, FlagSpec, KubectlEnv } from '../types';
import {
  dryRunFlag,
  fieldManagerFlag,
  filenameFlags,
  filenames,
  printFlags,
  selectorFlag,
  validateFlag,
} from '../writeflags';
import type { DryRun } from '../writeutil';
import {
  dryRunStrategy,
  goJson,
  helpText,
  LAST_APPLIED,
  nameLine,
  Outcome,
  standardMessage,
  validationDirective,
  withDryRun,
  withLastApplied,
  withSource,
} from '../writeutil';

/**
 * Client-side `kubectl apply` (pkg/cmd/apply/apply.go, patcher.go): every document is read first;
 * then each object is created (with the last-applied-configuration annotation) when missing, or
 * patched with the three-way strategic merge of last-applied, manifest and live object. One
 * object's failure does not stop the others; errors print after, as kubectl aggregates them.
 */

const flags: FlagSpec[] = [
  dryRunFlag,
  ...printFlags,
  ...filenameFlags('that contains the configuration to apply'),
  {
    name: 'all',
    type: 'bool',
    usage: 'Select all resources in the namespace of the specified resource types.',
  },
  {
    name: 'cascade',
    type: 'string',
    default: 'background',
    noOptDefault: 'background',
    usage:
      'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
  },
  fieldManagerFlag('kubectl-client-side-apply'),
  {
    name: 'force',
    type: 'bool',
    usage:
      'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
  },
  {
    name: 'force-conflicts',
    type: 'bool',
    usage: 'If true, server-side apply will force the changes against conflicts.',
  },
  {
    name: 'grace-period',
    type: 'int',
    default: -1,
    usage:
      'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).',
  },
  {
    name: 'openapi-patch',
    type: 'bool',
    default: true,
    usage:
      'If true, use openapi to calculate diff when the openapi presents and the resource can be found in the openapi spec. Otherwise, fall back to use baked-in types.',
  },
  {
    name: 'overwrite',
    type: 'bool',
    default: true,
    usage:
      'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration',
  },
  {
    name: 'prune',
    type: 'bool',
    usage:
      'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.',
  },
  selectorFlag,
  { name: 'server-side', type: 'bool', usage: 'If true, apply runs in the server instead of the client.' },
  {
    name: 'timeout',
    type: 'duration',
    default: '0s',
    usage:
      'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object',
  },
  validateFlag,
  {
    name: 'wait',
    type: 'bool',
    usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.',
  },
];

export const applyCommand: Command = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  help: helpText({
    long: [
      "Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.",
      'JSON and YAML formats are accepted.',
      'Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.',
    ],
    examples: [
      '# Apply the configuration in pod.json to a pod',
      'kubectl apply -f ./pod.json',
      '',
      '# Apply resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml',
      'kubectl apply -k dir/',
      '',
      '# Apply the JSON passed into stdin to a pod',
      'cat pod.json | kubectl apply -f -',
      '',
      "# Apply the configuration from all files that end with '.json'",
      "kubectl apply -f '*.json'",
      '',
      '# Note: --prune is still in Alpha',
      '# Apply the configuration in manifest.yaml that matches label app=nginx and delete all other resources that are not in the file and match label app=nginx',
      'kubectl apply --prune -f manifest.yaml -l app=nginx',
    ],
    use: 'apply (-f FILENAME | -k DIRECTORY)',
    flags,
  }),
  flags,
  run: (args, f, env) => runApply(args, f, env),
};

function runApply(args: string[], f: ParsedFlags, env: KubectlEnv): CommandResult {
  const { strategy: dryRun, warning } = dryRunStrategy(f);
  if (f.bool('server-side'))
    throw new KubectlError(
      'kubesim does not implement server-side apply; drop --server-side to use client-side apply',
    );
  const files = filenames(f.strings('filename'));
  if (!files.length && !f.string('kustomize')) throw new KubectlError('must specify one of -f and -k');
  if (args.length) throw new UsageError(`Unexpected args: [${args.join(' ')}]`, 'apply');
  if (f.bool('prune')) throw new KubectlError('kubesim does not implement --prune');
  const output = f.string('output');
  checkOutputFormat(output);
  const fieldValidation = validationDirective(f);
  const entries = loadManifests(files, env, {
    recursive: f.bool('recursive'),
    validate: fieldValidation !== 'Ignore',
    enforceNamespace: f.changed('namespace'),
  });
  const o = new Outcome();
  if (warning) o.err(warning);
  const loadErrors = entries.filter(isFailure).map((e) => e.error);
  const manifests = entries.filter((e): e is Manifest => !isFailure(e));
  if (!manifests.length && !loadErrors.length) throw new KubectlError('no objects passed to apply');
  const applyErrors: unknown[] = [];
  const results: ObjectInput[] = [];
  for (const m of manifests) {
    try {
      results.push(applyOne(m, env, dryRun, fieldValidation, output, o));
    } catch (e) {
      applyErrors.push(e);
    }
  }
  // GetObjects' (aggregate) error comes first; an aggregate inside the list prints as `[a, b]`.
  if (loadErrors.length > 1 && applyErrors.length) {
    o.fail(new KubectlError(`[${loadErrors.map((e) => standardMessage(e)).join(', ')}]`));
  } else {
    for (const e of loadErrors) o.fail(e);
  }
  for (const e of applyErrors) o.fail(e);
  if (!o.errors.length && output && output !== 'name' && results.length)
    o.out(printStructured(asList(results), output));
  return o.result();
}

function applyOne(
  m: Manifest,
  env: KubectlEnv,
  dryRun: DryRun,
  fieldValidation: 'Strict' | 'Warn' | 'Ignore',
  output: string,
  o: Outcome,
): ObjectInput {
  const t = env.api.registry.forObject(m.obj.apiVersion, m.obj.kind)!;
  const name = m.obj.metadata?.name ?? '';
  if (!name && m.obj.metadata?.generateName) {
    throw new KubectlError(`from ${m.obj.metadata.generateName}: cannot use generate name with apply`);
  }
  const obj = structuredClone(m.obj) as ObjectInput;
  const namespace = manifestNamespace(obj, env);
  if (namespace) obj.metadata = { ...obj.metadata, namespace };
  const modified = withLastApplied(obj, false);
  const print = (op: string, result: ObjectInput) => {
    if (!output || output === 'name')
      o.out(nameLine(t, result.metadata?.name ?? name, withDryRun(op, dryRun), output === 'name'));
    return result;
  };
  const live = env.api.tryGet<KubeObject>(t.kind, namespace, name);
  if (!live) {
    if (dryRun === 'client') return print('created', modified);
    try {
      const created = env.api.create(modified, {
        namespace,
        dryRun: dryRun === 'server',
        fieldValidation,
        user: 'kubectl',
      });
      return print('created', created);
    } catch (e) {
      throw withSource('creating', m.source, e);
    }
  }
  if (dryRun === 'client') return print('configured', live);
  if (!live.metadata.annotations?.[LAST_APPLIED]) {
    o.err(
      `Warning: resource ${t.plural}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`,
    );
  }
  const original = parseOriginal(live);
  const patch = createThreeWayMergePatch(original, modified, live, patchMetaFor(t.kind));
  if (!Object.keys(patch).length) {
    warnIfDeleting(live, o);
    return print('unchanged', live);
  }
  let patched: KubeObject;
  try {
    patched = env.api.patch<KubeObject>(t.kind, namespace, name, 'strategic', patch, {
      dryRun: dryRun === 'server',
      fieldValidation,
      user: 'kubectl',
    });
  } catch (e) {
    const inner = withSource('patching', m.source, e);
    throw withSource(
      `applying patch:\n${goJson(patch)}\nto:\n${infoString(t, name, namespace)}\nfor:`,
      m.source,
      inner,
    );
  }
  warnIfDeleting(patched, o);
  return print('configured', patched);
}

/** GetOriginalConfiguration: the last-applied annotation, decoded (none when absent or unreadable). */
function parseOriginal(live: KubeObject): object | null {
  const raw = live.metadata.annotations?.[LAST_APPLIED];
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' ? v : null;
  } catch {
    return null;
  }
}

function warnIfDeleting(obj: KubeObject, o: Outcome): void {
  if (obj.metadata.deletionTimestamp) {
    o.err(`Warning: Detected changes to resource ${obj.metadata.name} which is currently being deleted.`);
  }
}

/** resource.Info.String(): how kubectl names the target of a failed patch. */
function infoString(t: ResourceType, name: string, namespace: string | undefined): string {
  const gv = t.group ? `${t.group}/${t.version}` : `/${t.version}`;
  return `Resource: "${gv}, Resource=${t.plural}", GroupVersionKind: "${gv}, Kind=${t.kind}"\nName: "${name}", Namespace: "${namespace ?? ''}"`;
}
