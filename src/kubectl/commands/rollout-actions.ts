import type { KubeObject } from '../../engine/api/types';
import { clone } from '../../engine/api/types';
import { createTwoWayMergePatch, patchMetaFor } from '../../engine/apimachinery/merge';
import { rfc3339 } from '../../engine/clock';
import { KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import { checkOutputFormat, printStructured } from '../outfallback';
import type { Target } from '../targets';
import { isTargetError, resolveTargets } from '../targets';
import type { Command, CommandResult, FlagSpec, KubectlEnv } from '../types';
import { fieldManagerFlag, filenameFlags, filenames, printFlags, selectorFlag } from '../writeflags';
import { groupResource, helpText, nameLine, Outcome } from '../writeutil';

/**
 * `kubectl rollout restart|pause|resume` (rollout_{restart,pause,resume}.go with the
 * ObjectRestarter/Pauser/Resumer): change the object locally, send the two-way strategic merge
 * patch of before and after; an empty patch means there was nothing to do.
 */

/** set.CalculatePatch: the strategic merge patch from the object to its mutated copy ({} when equal). */
export function calculatePatch(obj: KubeObject, mutate: (copy: KubeObject) => void): Record<string, unknown> {
  const after = clone(obj) as KubeObject;
  mutate(after);
  return createTwoWayMergePatch(obj, after, patchMetaFor(obj.kind));
}

type Mutator = (
  obj: KubeObject & {
    spec: { paused?: boolean; template?: { metadata?: { annotations?: Record<string, string> } } };
  },
  env: KubectlEnv,
) => void;

interface Action {
  name: string;
  short: string;
  long: string[];
  examples: string[];
  done: string;
  /** What an empty patch means: an error (restart) or a printed word (pause: `already paused`). */
  empty: (t: Target) => { error?: string; word?: string };
  mutate: Mutator;
}

const restart: Action = {
  name: 'restart',
  short: 'Restart a resource',
  long: ['Restart a resource.', 'Resource rollout will be restarted.'],
  examples: [
    '# Restart all deployments in the test-namespace namespace',
    'kubectl rollout restart deployment -n test-namespace',
    '',
    '# Restart a deployment',
    'kubectl rollout restart deployment/nginx',
    '',
    '# Restart a daemon set',
    'kubectl rollout restart daemonset/abc',
    '',
    '# Restart deployments with the app=nginx label',
    'kubectl rollout restart deployment --selector=app=nginx',
  ],
  done: 'restarted',
  empty: (t) => ({
    error: `failed to create patch for ${t.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
  }),
  mutate(obj, env) {
    if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(obj.kind))
      throw new KubectlError('restarting is not supported');
    if (obj.kind === 'Deployment' && obj.spec.paused)
      throw new KubectlError("can't restart paused deployment (run rollout resume first)");
    const template = (obj.spec.template ??= {});
    template.metadata = {
      ...template.metadata,
      annotations: {
        ...template.metadata?.annotations,
        'kubectl.kubernetes.io/restartedAt': rfc3339(env.clock.now()),
      },
    };
  },
};

const pause: Action = {
  name: 'pause',
  short: 'Mark the provided resource as paused',
  long: [
    'Mark the provided resource as paused.',
    'Paused resources will not be reconciled by a controller. Use "kubectl rollout resume" to resume a paused resource. Currently only deployments support being paused.',
  ],
  examples: [
    '# Mark the nginx deployment as paused',
    '# Any current state of the deployment will continue its function; new updates',
    '# to the deployment will not have an effect as long as the deployment is paused',
    'kubectl rollout pause deployment/nginx',
  ],
  done: 'paused',
  empty: () => ({ word: 'already paused' }),
  mutate(obj) {
    if (obj.kind !== 'Deployment') throw new KubectlError('pausing is not supported');
    if (obj.spec.paused) throw new KubectlError('is already paused');
    obj.spec.paused = true;
  },
};

const resume: Action = {
  name: 'resume',
  short: 'Resume a paused resource',
  long: [
    'Resume a paused resource.',
    'Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.',
  ],
  examples: ['# Resume an already paused deployment', 'kubectl rollout resume deployment/nginx'],
  done: 'resumed',
  empty: () => ({ word: 'already resumed' }),
  mutate(obj) {
    if (obj.kind !== 'Deployment') throw new KubectlError('resuming is not supported');
    if (!obj.spec.paused) throw new KubectlError('is not paused');
    obj.spec.paused = false;
  },
};

function command(a: Action): Command {
  const flags: FlagSpec[] = [
    ...printFlags,
    fieldManagerFlag('kubectl-rollout'),
    ...filenameFlags('identifying the resource to get from a server.'),
    selectorFlag,
  ];
  return {
    name: `rollout ${a.name}`,
    short: a.short,
    help: helpText({ long: a.long, examples: a.examples, use: `rollout ${a.name} RESOURCE`, flags }),
    flags,
    run: (args, f, env) => runAction(a, args, f, env),
  };
}

function runAction(a: Action, args: string[], f: ParsedFlags, env: KubectlEnv): CommandResult {
  const output = f.string('output');
  checkOutputFormat(output);
  const files = filenames(f.strings('filename'));
  if (!args.length && !files.length) throw new KubectlError('required resource not specified');
  const entries = resolveTargets(args, env, {
    filenames: files,
    recursive: f.bool('recursive'),
    selector: f.string('selector'),
    fetch: true,
    allowEmptySelector: true,
  });
  const o = new Outcome();
  const print = (t: Target, obj: unknown, word: string) =>
    o.out(
      output && output !== 'name'
        ? printStructured(obj, output)
        : nameLine(t.type, t.name, word, output === 'name'),
    );
  for (const t of entries) {
    if (isTargetError(t)) {
      o.fail(t.error);
      continue;
    }
    let patch: Record<string, unknown>;
    try {
      patch = calculatePatch(t.obj!, (copy) => a.mutate(copy as Parameters<Mutator>[0], env));
    } catch (e) {
      o.fail(
        new KubectlError(`error: ${groupResource(t.type)} ${JSON.stringify(t.name)} ${(e as Error).message}`),
      );
      continue;
    }
    if (!Object.keys(patch).length) {
      const { error, word } = a.empty(t);
      if (error) o.fail(new KubectlError(error));
      else print(t, t.obj, word!);
      continue;
    }
    try {
      const patched = env.api.patch(t.type.kind, t.namespace, t.name, 'strategic', patch, {
        user: 'kubectl',
      });
      print(t, patched, a.done);
    } catch (e) {
      o.fail(new KubectlError(`failed to patch: ${(e as Error).message}`));
    }
  }
  return o.result();
}

export const rolloutActionCommands: Command[] = [command(restart), command(pause), command(resume)];
