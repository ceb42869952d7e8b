import type { ResourceType } from '../../engine/api/resources';
import type { WatchEvent } from '../../engine/api/types';
import { KubectlError } from '../errors';
import type { Target } from '../targets';
import type { Command, CommandResult, FlagSpec, Follower, KubectlEnv } from '../types';
import { filenameFlags } from '../writeflags';
import { helpText } from '../writeutil';
import { durationFlag } from './delete';
import type { Workload } from './rollout-common';
import { groupKind, REVISION, targetsOf } from './rollout-common';

/**
 * `kubectl rollout status` (rollout_status.go, polymorphichelpers/rollout_status.go): the status
 * viewer's line printed on every watch event of the object until the rollout is done, as a
 * Follower in `wait` mode.
 */

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

export const statusCommand: Command = {
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
