import type { CheckContext, Lesson } from '../types';
import { changes, created, deleted, flagValues, goal, isRunningReady, kubectlCommands, podEverShowed, podStatus, pods, ranKubectl, readEvents, restarts, terminationsStarted } from '../checks';
import type { PodObj } from '../checks';

const PODS = ['pods', 'pod', 'po'];

/** A Pod nobody owns: one the learner created, not a controller. */
const bare = (p: PodObj): boolean => !p.metadata.ownerReferences?.length;

/** The learner's Pods in `default`, not being deleted. */
const mine = (ctx: CheckContext): PodObj[] => pods(ctx).filter(bare);

/** "web is Running, broken is ImagePullBackOff". */
const describePods = (list: readonly PodObj[]): string => list.map((p) => `${p.metadata.name} is ${podStatus(p)}`).join(', ');

/** Pods whose containers restarted since the step began (RESTARTS went up), by uid. */
const restarted = (ctx: CheckContext): Set<string> =>
  new Set(
    changes(ctx, 'Pod', 'MODIFIED')
      .filter((c) => c.old && restarts(c.object as PodObj) > restarts(c.old as PodObj))
      .map((c) => c.object.metadata.uid ?? ''),
  );

export const lesson: Lesson = {
  id: 'pods',
  title: 'Pods and their lifecycle',
  level: 'beginner',
  minutes: 12,
  concepts: ['pod', 'manifest', 'kubectl apply', 'pod phase', 'kubelet', 'restartPolicy', 'CrashLoopBackOff', 'ErrImagePull', 'ImagePullBackOff', 'logs', 'graceful deletion'],
  steps: [
    {
      id: 'create',
      files: ['pod.yaml'],
      check: (ctx) => {
        const made = new Set(created(ctx, 'Pod', (o) => bare(o as PodObj) && o.metadata.namespace === 'default').map((o) => o.metadata.uid));
        const list = mine(ctx).filter((p) => made.has(p.metadata.uid));
        return [
          goal('You created a Pod: kubectl apply -f pod.yaml', list.length > 0, 'no Pod yet'),
          goal('It is Running and ready', list.some(isRunningReady), list.length ? `now: ${describePods(list)}` : undefined),
        ];
      },
      focus: (ctx) => mine(ctx),
    },
    {
      id: 'inspect',
      check: (ctx) => {
        const wide = kubectlCommands(ctx, 'get', PODS).some((c) => flagValues(c.words, 'o', 'output').includes('wide'));
        return [
          goal('You found its node and IP: kubectl get pods -o wide', wide, 'add -o wide to kubectl get pods'),
          goal('You read its details and events: kubectl describe pod web', ranKubectl(ctx, 'describe', PODS)),
          goal("You read its container's output: kubectl logs web", ranKubectl(ctx, 'logs')),
        ];
      },
      focus: (ctx) => mine(ctx),
    },
    {
      id: 'crash',
      check: (ctx) => {
        const uids = restarted(ctx);
        const again = mine(ctx).filter((p) => uids.has(p.metadata.uid ?? ''));
        return [
          goal('The container exited and the kubelet restarted it: RESTARTS went up', uids.size > 0, 'no restart yet: run sim crash web'),
          goal('The same Pod is Running and ready again', again.some(isRunningReady), again.length ? `now: ${describePods(again)}` : undefined),
        ];
      },
      focus: (ctx) => mine(ctx),
    },
    {
      id: 'bad-image',
      files: ['broken.yaml'],
      check: (ctx) => {
        const stuck = mine(ctx).filter((p) => !isRunningReady(p));
        const now = stuck.length ? `now: ${describePods(stuck)}` : 'no Pod is waiting for its image yet';
        // The events are worth reading once the pull has failed.
        const failedAt = changes(ctx, 'Pod').find((c) => c.type !== 'DELETED' && bare(c.object as PodObj) && podStatus(c.object as PodObj) === 'ErrImagePull')?.at;
        const read = failedAt !== undefined && readEvents(ctx, failedAt);
        return [
          goal('A Pod could not pull its image: ErrImagePull', podEverShowed(ctx, 'ErrImagePull', bare), now),
          goal('The kubelet backed off before retrying: ImagePullBackOff', podEverShowed(ctx, 'ImagePullBackOff', bare), now),
          goal("After the failure, you read the kubelet's events: kubectl describe pod broken", read, failedAt === undefined ? 'wait for ErrImagePull first' : 'kubectl describe pod broken'),
        ];
      },
      focus: (ctx) => mine(ctx).filter((p) => !isRunningReady(p)),
    },
    {
      id: 'delete',
      check: (ctx) => {
        const gone = deleted(ctx, 'Pod', (o) => o.metadata.namespace === 'default' && bare(o as PodObj)).length + terminationsStarted(ctx, (p) => p.metadata.namespace === 'default' && bare(p)).length;
        const left = ctx.list<PodObj>('Pod', 'default');
        return [
          goal('You deleted your Pods: kubectl delete pod web broken', gone > 0, 'no Pod deleted yet'),
          goal('No Pod is left in the default namespace', left.length === 0, `still there: ${describePods(left)}`),
        ];
      },
      focus: (ctx) => ctx.list<PodObj>('Pod', 'default'),
    },
  ],
};
