import type { KubeObject } from '../../engine/api/types';
import { resolveImage } from '../../engine/runtime/images';
import type { Change, CheckContext, Goal, Lesson } from '../types';
import { changes, controlledBy, deployment, deploymentComplete, goal, imageOf, podEverShowed, pods, podStatus, ran, ranKubectl } from '../checks';
import type { DeploymentObj, PodObj, ReplicaSetObj } from '../checks';

const NAME = 'web';
const APP = { app: 'web' };
const REPLICAS = 4;
/** 4 replicas with the default maxUnavailable of 25%: one pod may be unavailable, so 3 must serve. */
const MIN_AVAILABLE = 3;
const REPLICASETS = ['replicasets', 'replicaset', 'rs'];

const isWeb = (o: KubeObject) => o.metadata.name === NAME && (o.metadata.namespace ?? 'default') === 'default';
const imageOfDeployment = (o: KubeObject | undefined) => imageOf((o as DeploymentObj | undefined)?.spec?.template?.spec);

/** Whether the simulated registries have this image (a tag that exists, a well-formed name). */
const pullable = (image: string | undefined) => image !== undefined && resolveImage(image).ok;

/** Writes to Deployment web since the step began. */
const webWrites = (ctx: CheckContext): Change[] => changes(ctx, 'Deployment').filter((c) => c.type !== 'DELETED' && isWeb(c.object));

/** The step's last write that changed web's image: a rollout the learner started. */
function lastImageChange(ctx: CheckContext): { index: number; image: string | undefined } | undefined {
  const writes = webWrites(ctx);
  for (let i = writes.length - 1; i >= 0; i--) {
    const c = writes[i]!;
    if (c.old && imageOfDeployment(c.old) !== imageOfDeployment(c.object)) return { index: i, image: imageOfDeployment(c.object) };
  }
  return undefined;
}

/** The fewest available pods web reported from the write at `index` on (its status as each write left it). */
function fewestAvailable(ctx: CheckContext, index: number): number {
  return Math.min(...webWrites(ctx).slice(index).map((c) => (c.object as DeploymentObj).status?.availableReplicas ?? 0));
}

/** The rollout of `image` is complete: 4 pods, all updated and available. */
function finished(ctx: CheckContext, started: boolean): Goal {
  const done = deploymentComplete(ctx, NAME, REPLICAS);
  return goal(`The rollout finished: ${REPLICAS} Pods of the new template, all available, no old ones left`, started && done.met, started ? done.now : undefined);
}

function availability(ctx: CheckContext, change: { index: number } | undefined, text: string): Goal {
  const fewest = change ? fewestAvailable(ctx, change.index) : 0;
  return goal(text, change !== undefined && fewest >= MIN_AVAILABLE, change ? `availability dropped to ${fewest}` : undefined);
}

/** Did the learner follow a rollout: rollout status, or a watch on pods or ReplicaSets? */
const followed = (ctx: CheckContext) =>
  ranKubectl(ctx, 'rollout', ['status']) ||
  ran(ctx, (w) => w[0] === 'kubectl' && w.includes('get') && w.some((a) => a === '-w' || a === '--watch' || a === '--watch=true')).length > 0;

const replicaSets = (ctx: CheckContext): ReplicaSetObj[] => {
  const d = deployment(ctx, NAME);
  return d ? ctx.list<ReplicaSetObj>('ReplicaSet', 'default').filter((rs) => controlledBy(rs, d)) : [];
};

/** The step's objects: Deployment web, its ReplicaSets and its pods. */
const chain = (ctx: CheckContext): KubeObject[] => [...ctx.list('Deployment', 'default').filter(isWeb), ...replicaSets(ctx), ...pods(ctx, APP)];

/** Where the new pods are, when none showed ImagePullBackOff yet. */
function stuckNow(ctx: CheckContext, test: (p: PodObj) => boolean): string {
  const statuses = pods(ctx, APP).filter(test).map(podStatus);
  if (statuses.includes('InvalidImageName')) return 'the kubelet rejects that name before pulling (InvalidImageName): use a well-formed tag that does not exist, like nginx:1.288';
  return 'not yet: the kubelet is still trying, give it some seconds';
}

const runs = (ctx: CheckContext) => `now: web runs ${imageOfDeployment(deployment(ctx, NAME)) ?? 'nothing (is there a Deployment named web?)'}`;

export const lesson: Lesson = {
  id: 'rolling-updates',
  title: 'Rolling updates and rollback',
  level: 'intermediate',
  minutes: 14,
  concepts: ['rolling update', 'maxSurge', 'maxUnavailable', 'kubectl set image', 'kubectl rollout status', 'rollout history', 'revision', 'change-cause', 'ImagePullBackOff', 'kubectl rollout undo', 'deployment controller'],
  cluster: { setup: 'setup.sh' },
  steps: [
    {
      id: 'update',
      files: ['web.yaml'],
      check: (ctx) => {
        const change = lastImageChange(ctx);
        const ok = change !== undefined && pullable(change.image);
        return [
          goal('You changed web to a new image that exists (nginx:1.28)', ok, change && !ok ? `${change.image ?? 'that image'} cannot be pulled: check the tag` : runs(ctx)),
          goal('You followed the rollout (kubectl rollout status deployment/web)', followed(ctx), 'run kubectl rollout status deployment/web'),
          finished(ctx, ok),
          availability(ctx, ok ? change : undefined, `At least ${MIN_AVAILABLE} Pods were available at every moment of the rollout`),
        ];
      },
      focus: chain,
    },
    {
      id: 'history',
      check: (ctx) => [
        goal('You listed the ReplicaSets (kubectl get rs)', ranKubectl(ctx, 'get', [...REPLICASETS, 'all']), 'run kubectl get rs'),
        goal('You read the rollout history (kubectl rollout history deployment/web)', ranKubectl(ctx, 'rollout', ['history']), 'run kubectl rollout history deployment/web'),
      ],
      focus: (ctx) => replicaSets(ctx),
    },
    {
      id: 'bad-image',
      check: (ctx) => {
        const change = lastImageChange(ctx);
        const bad = change !== undefined && !pullable(change.image);
        const stuckImage = (p: PodObj) => p.metadata.labels?.app === 'web' && imageOf(p.spec) === change?.image;
        const backoff = bad && podEverShowed(ctx, 'ImagePullBackOff', stuckImage);
        const saw = ran(ctx, (w, c) => w[0] === 'kubectl' && /ErrImagePull|ImagePullBackOff/.test(c.output)).length > 0;
        return [
          goal('You rolled out an image tag that does not exist (nginx:1.288)', bad, change && !bad ? `${change.image ?? 'that image'} exists: pick a tag that does not` : runs(ctx)),
          goal('A new Pod got stuck in ImagePullBackOff', backoff, bad ? stuckNow(ctx, stuckImage) : undefined),
          goal('You saw the error yourself (kubectl get pods, or kubectl describe pod)', saw && backoff, backoff ? 'run kubectl get pods' : undefined),
          availability(ctx, bad ? change : undefined, `${MIN_AVAILABLE} Pods of the old version kept serving the whole time`),
        ];
      },
      focus: chain,
    },
    {
      id: 'undo',
      check: (ctx) => {
        const change = lastImageChange(ctx);
        const ok = change !== undefined && pullable(change.image);
        const history = ok && ctx.commands.some((c) => c.at >= webWrites(ctx)[change.index]!.at && c.exitCode === 0 && c.words[0] === 'kubectl' && c.words.includes('rollout') && c.words.includes('history'));
        return [
          goal('You rolled web back to an image that works (kubectl rollout undo deployment/web)', ok, change && !ok ? `${change.image ?? 'that image'} cannot be pulled either` : runs(ctx)),
          finished(ctx, ok),
          goal('You read the history again after the rollback', history, ok ? 'run kubectl rollout history deployment/web' : undefined),
        ];
      },
      focus: chain,
    },
  ],
};
