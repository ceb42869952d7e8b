import type { KubeObject } from '../../engine/api/types';
import { KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import { printStructured } from '../outfallback';
import type { Target } from '../targets';
import { isTargetError, resolveTargets } from '../targets';
import type { CommandResult, FlagSpec, KubectlEnv } from '../types';
import {
  dryRunFlag,
  fieldManagerFlag,
  filenameFlags,
  filenames,
  printFlags,
  selectorFlag,
} from '../writeflags';
import { dryRunStrategy, nameLine, Outcome, withDryRun } from '../writeutil';
import { calculatePatch } from './rollout-actions';

/**
 * What `kubectl set image` and `set env` share (pkg/cmd/set/helper.go): where each kind keeps its
 * pod spec, the resource/pair split of the arguments, and the patch-and-print loop.
 */

export interface Container {
  name: string;
  image?: string;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
}
export interface PodSpecLike {
  containers?: Container[];
  initContainers?: Container[];
}

/** UpdatePodSpecForObject: where each kind keeps its pod spec. */
export function podSpecOf(obj: KubeObject): PodSpecLike | undefined {
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

export const commonFlags = (what: string): FlagSpec[] => [
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
export function patchEach(
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

export function fetchTargets(resources: string[], f: ParsedFlags, env: KubectlEnv): Target[] {
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
