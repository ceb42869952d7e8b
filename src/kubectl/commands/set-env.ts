import type { KubeObject } from '../../engine/api/types';
import { KubectlError, UsageError } from '../errors';
import { checkOutputFormat } from '../outfallback';
import { requestNamespace, resolveResourceArgs } from '../resource-args';
import type { Command, FlagSpec, KubectlEnv } from '../types';
import { filenames } from '../writeflags';
import { helpText, Outcome } from '../writeutil';
import type { Container, PodSpecLike } from './set-common';
import { commonFlags, fetchTargets, patchEach, podSpecOf, resourcesAndPairs } from './set-common';

/**
 * `kubectl set env` (pkg/cmd/set/set_env.go): KEY=VAL replaces in place or appends, KEY- removes,
 * in the containers `-c` matches; `--list` shows the result without sending anything.
 */

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
    name: 'from',
    type: 'string',
    usage: 'The name of a resource from which to inject environment variables',
  },
  {
    name: 'keys',
    type: 'stringArray',
    usage: 'Comma-separated list of keys to import from specified resource',
  },
  {
    name: 'list',
    type: 'bool',
    usage:
      'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.',
  },
  {
    name: 'prefix',
    type: 'string',
    usage: 'Prefix to append to variable names',
  },
  {
    name: 'overwrite',
    type: 'bool',
    default: true,
    usage:
      'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.',
  },
];

type EnvVar = NonNullable<Container['env']>[number];

/** envutil.ParseEnv: NAME=value to set, NAME- to remove. */
function parseEnv(specs: readonly string[]): {
  set: EnvVar[];
  remove: string[];
} {
  const set: EnvVar[] = [];
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
  set: EnvVar[],
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

export const setEnvCommand: Command = {
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
    if (f.strings('keys').length && !f.string('from'))
      throw new KubectlError('when specifying --keys, a configmap or secret must be provided with --from');
    const { set, remove } = parseEnv([...f.strings('env'), ...pairs]);
    if (f.string('from')) set.push(...envFrom(f.string('from'), f.strings('keys').flatMap((k) => k.split(',')), env));
    const prefix = f.string('prefix');
    if (prefix) for (const e of set) e.name = `${prefix}${e.name}`;
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

/**
 * --from=configmap/NAME or secret/NAME: one variable per data key (optionally only --keys), named as
 * keyToEnvName does (upper case, characters other than [a-zA-Z0-9_] replaced by `_`), read through
 * a key reference. kubectl ranges over a Go map, so its order is random; keys go in sorted order here.
 */
function envFrom(from: string, keys: readonly string[], env: KubectlEnv): EnvVar[] {
  const out: EnvVar[] = [];
  for (const req of resolveResourceArgs([from], env)) {
    const ns = requestNamespace(req.type, env, false, req);
    const objs = req.names.length
      ? req.names.map((n) => env.api.get<KubeObject>(req.type.kind, ns, n))
      : env.api.list<KubeObject>(req.type.kind, ns).items;
    for (const obj of objs) {
      if (obj.kind !== 'ConfigMap' && obj.kind !== 'Secret') throw new KubectlError('error: unsupported resource specified in --from');
      const data = (obj as { data?: Record<string, string> }).data ?? {};
      for (const key of Object.keys(data).sort()) {
        if (keys.length && !keys.includes(key)) continue;
        const ref = { name: obj.metadata.name, key };
        out.push({
          name: key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase(),
          valueFrom: obj.kind === 'Secret' ? { secretKeyRef: ref } : { configMapKeyRef: ref },
        });
      }
    }
  }
  return out;
}

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
