import type { KubeObject } from '../../engine/api/types';
import { KubectlError, UsageError } from '../errors';
import type { ParsedFlags } from '../flags';
import { checkOutputFormat, printStructured } from '../outfallback';
import type { Target } from '../targets';
import { isTargetError, resolveTargets } from '../targets';
import type { Command, CommandResult, FlagSpec, KubectlEnv } from '../types';
import {
  dryRunFlag,
  fieldManagerFlag,
  filenameFlags,
  filenames,
  printFlags,
  selectorFlag,
} from '../writeflags';
import { dryRunStrategy, helpText, nameLine, Outcome, withDryRun } from '../writeutil';
import { calculatePatch } from './rollout-actions';
import { parsePairs } from './run';

/**
 * `kubectl set image` and `kubectl set env` (pkg/cmd/set): edit the pod template (or a pod's
 * spec) locally, then send the two-way strategic merge patch. An object left unchanged prints
 * nothing, as kubectl skips empty patches.
 */

interface Container {
  name: string;
  image?: string;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
}
interface PodSpecLike {
  containers?: Container[];
  initContainers?: Container[];
}

/** UpdatePodSpecForObject: where each kind keeps its pod spec. */
function podSpecOf(obj: KubeObject): PodSpecLike | undefined {
  const spec = obj.spec as Record<string, unknown> | undefined;
  switch (obj.kind) {
    case 'Pod':
      return spec as PodSpecLike;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'ReplicationController':
    case 'Job':
      return (spec?.template as { spec?: PodSpecLike } | undefined)?.spec;
    case 'CronJob':
      return (spec?.jobTemplate as { spec?: { template?: { spec?: PodSpecLike } } })?.spec?.template?.spec;
  }
  return undefined;
}

/** cmdutil.GetResourcesAndPairs: resources first, then the `x=y` / `x-` arguments. */
export function resourcesAndPairs(
  args: readonly string[],
  pairType: string,
): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of args) {
    const isPair = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (isPair) pairs.push(s);
    else if (pairs.length)
      throw new KubectlError(`all resources must be specified before ${pairType} changes: ${s}`);
    else resources.push(s);
  }
  return { resources, pairs };
}

const commonFlags = (what: string): FlagSpec[] => [
  {
    name: 'all',
    type: 'bool',
    usage: 'Select all resources, in the namespace of the specified resource types',
  },
  dryRunFlag,
  fieldManagerFlag('kubectl-set'),
  ...filenameFlags(what),
  { name: 'local', type: 'bool', usage: 'If true, set image will NOT contact api-server but run locally.' },
  ...printFlags,
  selectorFlag,
];

/** The shared loop: patch each object, print `kind/name <word>`, collect errors as kubectl words them. */
function patchEach(
  targets: Target[],
  f: ParsedFlags,
  env: KubectlEnv,
  word: string,
  mutate: (obj: KubeObject, spec: PodSpecLike, o: Outcome) => void,
  patchError: string,
): CommandResult {
  const { strategy: dryRun, warning } = dryRunStrategy(f);
  const output = f.string('output');
  const o = new Outcome();
  if (warning) o.err(warning);
  for (const t of targets) {
    let patch: Record<string, unknown>;
    let after: KubeObject | undefined;
    try {
      patch = calculatePatch(t.obj!, (copy) => {
        const spec = podSpecOf(copy);
        if (!spec)
          throw new KubectlError(`the object is not a pod or does not have a pod template: *v1.${copy.kind}`);
        mutate(copy, spec, o);
        after = copy;
      });
    } catch (e) {
      o.fail(new KubectlError(`error: ${t.type.plural}/${t.name} ${(e as Error).message}\n`));
      continue;
    }
    if (!Object.keys(patch).length) continue;
    const print = (obj: unknown) =>
      o.out(
        output && output !== 'name'
          ? printStructured(obj, output)
          : nameLine(t.type, t.name, withDryRun(word, dryRun), output === 'name'),
      );
    if (dryRun === 'client') {
      print(after);
      continue;
    }
    try {
      print(
        env.api.patch(t.type.kind, t.namespace, t.name, 'strategic', patch, {
          dryRun: dryRun === 'server',
          user: 'kubectl',
        }),
      );
    } catch (e) {
      o.fail(new KubectlError(`${patchError}: ${(e as Error).message}`));
    }
  }
  return o.result();
}

function fetchTargets(resources: string[], f: ParsedFlags, env: KubectlEnv): Target[] {
  const entries = resolveTargets(resources, env, {
    filenames: filenames(f.strings('filename')),
    recursive: f.bool('recursive'),
    selector: f.string('selector'),
    all: f.bool('all'),
    fetch: true,
  });
  const out: Target[] = [];
  for (const e of entries) {
    if (isTargetError(e)) throw e.error;
    out.push(e);
  }
  return out;
}

// ------------------------------------------------------------------------------------ set image

const imageFlags = commonFlags('identifying the resource to get from a server.');

const setImageCommand: Command = {
  name: 'set image',
  short: 'Update the image of a pod template',
  help: helpText({
    long: [
      'Update existing container image(s) of resources.',
      'Possible resources include (case insensitive):',
      'pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)',
    ],
    examples: [
      "# Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'",
      'kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1',
      '',
      "# Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'",
      'kubectl set image deployments,rc nginx=nginx:1.9.1 --all',
      '',
      "# Update image of all containers of daemonset abc to 'nginx:1.9.1'",
      'kubectl set image daemonset abc *=nginx:1.9.1',
      '',
      '# Print result (in yaml format) of updating nginx container image from local file, without hitting the server',
      'kubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml',
    ],
    use: 'set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N',
    flags: imageFlags,
  }),
  flags: imageFlags,
  run(args, f, env) {
    const { resources, pairs } = resourcesAndPairs(args, 'image');
    const images = parsePairs(pairs, 'image');
    checkOutputFormat(f.string('output'));
    const errs: string[] = [];
    if (f.bool('all') && f.string('selector')) errs.push('cannot set --all and --selector at the same time');
    if (!resources.length && !filenames(f.strings('filename')).length) {
      errs.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    }
    if (!Object.keys(images).length) errs.push('at least one image update is required');
    else if (Object.keys(images).length > 1 && '*' in images) {
      errs.push(
        'all containers are already specified by *, but saw more than one container_name=container_image pairs',
      );
    }
    if (errs.length) throw new KubectlError(errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`);
    const missing: string[] = [];
    const result = patchEach(
      fetchTargets(resources, f, env),
      f,
      env,
      'image updated',
      (_obj, spec) => {
        for (const [name, image] of Object.entries(images)) {
          let found = false;
          for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
            if (c.name === name || name === '*') {
              c.image = image;
              found = true;
            }
          }
          if (!found) missing.push(`unable to find container named "${name}"`);
        }
      },
      'failed to patch image update to pod template',
    );
    if (!missing.length) return result;
    const errors = [...missing, ...(result.stderr ? [result.stderr.trimEnd()] : [])];
    return {
      stdout: result.stdout,
      stderr: errors.length === 1 ? `error: ${errors[0]}\n` : errors.map((e) => e + '\n').join(''),
      exitCode: 1,
    };
  },
};

// ------------------------------------------------------------------------------------ set env

const envFlags: FlagSpec[] = [
  ...commonFlags('the resource to update the env'),
  {
    name: 'containers',
    short: 'c',
    type: 'string',
    default: '*',
    usage: 'The names of containers in the selected pod templates to change - may use wildcards',
  },
  {
    name: 'env',
    short: 'e',
    type: 'stringArray',
    usage: 'Specify a key-value pair for an environment variable to set into each container.',
  },
  {
    name: 'list',
    type: 'bool',
    usage:
      'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.',
  },
  {
    name: 'overwrite',
    type: 'bool',
    default: true,
    usage:
      'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.',
  },
];

/** envutil.ParseEnv: NAME=value to set, NAME- to remove. */
function parseEnv(specs: readonly string[]): {
  set: Array<{ name: string; value: string }>;
  remove: string[];
} {
  const set: Array<{ name: string; value: string }> = [];
  const remove: string[] = [];
  for (const s of specs) {
    const i = s.indexOf('=');
    if (i >= 0) {
      const name = s.slice(0, i);
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) {
        throw new KubectlError(
          `"${name}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
        );
      }
      set.push({ name, value: s.slice(i + 1) });
    } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
    else throw new KubectlError(`unknown environment variable: ${s}`);
  }
  if (remove.some((r) => set.some((e) => e.name === r))) {
    throw new KubectlError('can not both modify and remove an environment variable in the same command');
  }
  return { set, remove };
}

/** updateEnv: replace in place, drop the removed, append the new. */
function updateEnv(
  existing: NonNullable<Container['env']>,
  set: Array<{ name: string; value: string }>,
  remove: string[],
) {
  const covered = new Set(remove);
  const out: NonNullable<Container['env']> = [];
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = set.find((n) => n.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
    } else out.push(e);
  }
  for (const e of set) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

function globMatch(pattern: string, s: string): boolean {
  const re = new RegExp(
    '^' +
      pattern
        .replace(/[.+^${}()|\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
  );
  return re.test(s);
}

const setEnvCommand: Command = {
  name: 'set env',
  short: 'Update environment variables on a pod template',
  help: helpText({
    long: [
      'Update environment variables on a pod template.',
      'List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.',
      'If "--env -" is passed, environment variables can be read from STDIN using the standard env syntax.',
      'Possible resources include (case insensitive):',
      'pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)',
    ],
    examples: [
      "# Update deployment 'registry' with a new environment variable",
      'kubectl set env deployment/registry STORAGE_DIR=/local',
      '',
      "# List the environment variables defined on a deployments 'sample-build'",
      'kubectl set env deployment/sample-build --list',
      '',
      "# Remove the environment variable ENV from container 'c1' in all deployment configs",
      'kubectl set env deployments --all --containers="c1" ENV-',
    ],
    use: 'set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N',
    flags: envFlags,
  }),
  flags: envFlags,
  run(args, f, env) {
    let resources: string[];
    let pairs: string[];
    try {
      ({ resources, pairs } = resourcesAndPairs(args, 'environment'));
    } catch {
      throw new UsageError(
        `all resources must be specified before environment changes: ${args.join(' ')}`,
        'set env',
      );
    }
    checkOutputFormat(f.string('output'));
    if (!filenames(f.strings('filename')).length && !resources.length) {
      throw new KubectlError(
        'one or more resources must be specified as <resource> <name> or <resource>/<name>',
      );
    }
    if (f.bool('list') && f.string('output'))
      throw new KubectlError('--list and --output may not be specified together');
    const { set, remove } = parseEnv([...f.strings('env'), ...pairs]);
    const selector = f.string('containers');
    const targets = fetchTargets(resources, f, env);
    let listing = '';
    const list = f.bool('list');
    const apply = (obj: KubeObject, spec: PodSpecLike, o: Outcome) => {
      const containers = (spec.containers ?? []).filter((c) => globMatch(selector, c.name));
      if (!containers.length)
        o.err(
          `warning: ${obj.kind}/${obj.metadata.name} does not have any containers matching "${selector}"`,
        );
      for (const c of containers) {
        if (!f.bool('overwrite')) {
          for (const e of set) {
            const cur = c.env?.find((x) => x.name === e.name);
            if (cur && cur.value !== e.value)
              throw new KubectlError(
                `'${cur.name}' already has a value (${cur.value ?? ''}), and --overwrite is false`,
              );
          }
        }
        c.env = updateEnv(c.env ?? [], set, remove);
        if (!c.env.length) delete c.env;
        if (list) {
          listing += `# ${obj.kind} ${obj.metadata.name}, container ${c.name}\n`;
          for (const e of c.env ?? [])
            listing += e.valueFrom
              ? `# ${e.name} from ${describeRef(e.valueFrom)}\n`
              : `${e.name}=${e.value ?? ''}\n`;
        }
      }
    };
    if (list) {
      // --list shows the environment (with the changes) and sends nothing.
      const o = new Outcome();
      for (const t of targets) {
        const copy = structuredClone(t.obj!) as KubeObject;
        const spec = podSpecOf(copy);
        if (spec) apply(copy, spec, o);
      }
      return { stdout: listing, stderr: o.stderr, exitCode: 0 };
    }
    const result = patchEach(
      targets,
      f,
      env,
      'env updated',
      apply,
      'failed to patch env update to pod template',
    );
    return result;
  },
};

/** envutil.GetEnvVarRefString. */
function describeRef(from: unknown): string {
  const r = from as {
    configMapKeyRef?: { name: string; key: string };
    secretKeyRef?: { name: string; key: string };
    fieldRef?: { fieldPath: string };
  };
  if (r.configMapKeyRef) return `configmap ${r.configMapKeyRef.name}, key ${r.configMapKeyRef.key}`;
  if (r.secretKeyRef) return `secret ${r.secretKeyRef.name}, key ${r.secretKeyRef.key}`;
  if (r.fieldRef) return `field path ${r.fieldRef.fieldPath}`;
  return 'invalid reference';
}

const SET_HELP = `Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const setCommand: Command = {
  name: 'set',
  short: 'Set specific features on objects',
  help: SET_HELP,
  flags: [],
  run(args) {
    if (args.length)
      return {
        stdout: '',
        stderr: `error: unknown command "${args[0]}" for "kubectl set"\nSee 'kubectl set -h' for help and examples\n`,
        exitCode: 1,
      };
    return { stdout: '', stderr: SET_HELP, exitCode: 1 };
  },
};

export const setCommands: Command[] = [setCommand, setImageCommand, setEnvCommand];
