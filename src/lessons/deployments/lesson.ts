import type { KubeObject } from '../../engine/api/types';
import type { Change, CheckContext, Lesson } from '../types';
import { changes, controlledBy, created, deployment, deploymentComplete, goal, pods, ran, ranKubectl, terminationsStarted } from '../checks';
import type { DeploymentObj, ReplicaSetObj } from '../checks';

const NAME = 'web';
const APP = { app: 'web' };
const REPLICASETS = ['replicasets', 'replicaset', 'rs'];

const isWeb = (o: KubeObject) => o.metadata.name === NAME && (o.metadata.namespace ?? 'default') === 'default';
const replicasOf = (o: KubeObject | undefined) => (o as DeploymentObj | ReplicaSetObj | undefined)?.spec?.replicas ?? 1;

/** Writes to Deployment web since the step began (its creation included). */
const webWrites = (ctx: CheckContext): Change[] => changes(ctx, 'Deployment').filter((c) => c.type !== 'DELETED' && isWeb(c.object));

/** The ReplicaSets Deployment web controls. */
const replicaSets = (ctx: CheckContext): ReplicaSetObj[] => {
  const d = deployment(ctx, NAME);
  return d ? ctx.list<ReplicaSetObj>('ReplicaSet', 'default').filter((rs) => controlledBy(rs, d)) : [];
};

/** The `replicas` that the last `kubectl apply` wrote for the object, from its last-applied-configuration. */
function appliedReplicas(o: KubeObject): number | undefined {
  const text = o.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
  if (!text) return undefined;
  try {
    const r = (JSON.parse(text) as { spec?: { replicas?: unknown } }).spec?.replicas;
    return typeof r === 'number' ? r : 1;
  } catch {
    return undefined;
  }
}

/** The step's objects: Deployment web, its ReplicaSets and its pods. */
const chain = (ctx: CheckContext): KubeObject[] => [...ctx.list('Deployment', 'default').filter(isWeb), ...replicaSets(ctx), ...pods(ctx, APP)];

const wants = (ctx: CheckContext): string => {
  const d = deployment(ctx, NAME);
  return d ? `now: web wants ${replicasOf(d)}` : 'there is no Deployment named web: go back to the first step';
};

export const lesson: Lesson = {
  id: 'deployments',
  title: 'Deployments and scaling',
  level: 'beginner',
  minutes: 12,
  concepts: ['Deployment', 'ReplicaSet', 'pod-template-hash', 'ownerReferences', 'kubectl scale', 'replicas', 'deployment controller', 'ReplicaSet controller', 'scale down order', 'declarative configuration'],
  steps: [
    {
      id: 'create',
      files: ['web.yaml'],
      check: (ctx) => {
        const made = created(ctx, 'Deployment', isWeb).length > 0;
        return [
          goal('You created a Deployment named web', made, deployment(ctx, NAME) ? 'web exists, but was not created in this step' : 'no Deployment named web yet'),
          deploymentComplete(ctx, NAME, 3),
        ];
      },
      focus: chain,
    },
    {
      id: 'chain',
      check: (ctx) => {
        const listed = ranKubectl(ctx, 'get', [...REPLICASETS, 'all']);
        const owner = ran(ctx, (w, c) => w[0] === 'kubectl' && (/Controlled By:\s+(ReplicaSet|Deployment)\//.test(c.output) || /ownerReferences|"kind":"(ReplicaSet|Deployment)"/.test(c.output))).length > 0;
        return [
          goal('You listed the ReplicaSets (kubectl get rs)', listed, 'run kubectl get rs, or kubectl get deploy,rs,pods'),
          goal("You found a Pod's owner (Controlled By in kubectl describe, or ownerReferences)", owner, 'run kubectl describe pod with one of the web Pods, or kubectl describe rs'),
        ];
      },
      focus: chain,
    },
    {
      id: 'scale-up',
      check: (ctx) => {
        const d = deployment(ctx, NAME);
        const up = webWrites(ctx).some((c) => c.old && replicasOf(c.object) > replicasOf(c.old));
        return [
          goal('You scaled web up (kubectl scale deployment web --replicas=5)', up && replicasOf(d) > 3, wants(ctx)),
          deploymentComplete(ctx, NAME, up ? replicasOf(d) : 5),
        ];
      },
      focus: chain,
    },
    {
      id: 'scale-down',
      files: ['web.yaml'],
      check: (ctx) => {
        const d = deployment(ctx, NAME);
        const writes = webWrites(ctx);
        const before = writes[0]?.old ? replicasOf(writes[0].old) : replicasOf(d);
        const lower = d !== undefined && replicasOf(d) < before;
        const applied = d !== undefined && lower && ranKubectl(ctx, 'apply') && appliedReplicas(d) === replicasOf(d);
        const mine = ctx.list('Pod', 'default').filter((p) => p.metadata.labels?.app === 'web');
        const terminating = mine.filter((p) => p.metadata.deletionTimestamp).length;
        const removed = terminationsStarted(ctx, (p) => p.metadata.labels?.app === 'web').length > 0;
        return [
          goal(
            'You lowered replicas in web.yaml (to 2) and applied the file',
            applied,
            lower ? 'web was scaled down, but not by applying web.yaml: edit replicas in the file and apply it' : `${wants(ctx)}; set replicas: 2 in web.yaml and apply the file`,
          ),
          goal('The ReplicaSet controller removed the extra Pods, and they have finished terminating', removed && terminating === 0, removed ? `now: ${terminating} still Terminating` : undefined),
          deploymentComplete(ctx, NAME, lower ? replicasOf(d) : 2),
        ];
      },
      focus: chain,
    },
    {
      id: 'owners',
      check: (ctx) => {
        const d = deployment(ctx, NAME);
        const want = replicasOf(d);
        const rsChanges = changes(ctx, 'ReplicaSet', 'MODIFIED').filter((c) => d && controlledBy(c.object, d) && replicasOf(c.old) !== replicasOf(c.object));
        const byHand = rsChanges.findIndex((c) => replicasOf(c.object) !== want);
        const handValue = byHand >= 0 ? replicasOf(rsChanges[byHand]!.object) : undefined;
        const back = byHand >= 0 && rsChanges.slice(byHand + 1).some((c) => replicasOf(c.object) === want) && replicaSets(ctx).every((rs) => replicasOf(rs) === want || replicasOf(rs) === 0);
        const event = new RegExp(`Scaled (up|down) replica set ${NAME}-\\S+ from ${handValue ?? 'x'} to ${want}`);
        const read = back && ran(ctx, (w, c) => w[0] === 'kubectl' && event.test(c.output)).length > 0;
        return [
          goal("You changed the replica count of web's ReplicaSet by hand (kubectl scale rs ...)", byHand >= 0, 'run kubectl get rs for its name, then kubectl scale rs NAME --replicas=4'),
          goal(`The Deployment controller set it back to ${want}`, back, byHand >= 0 ? 'not yet' : undefined),
          goal("You read the Deployment controller's event about it (kubectl describe deployment web)", read, back ? `look for "Scaled ... replica set ... from ${handValue} to ${want}"` : undefined),
        ];
      },
      focus: chain,
    },
  ],
};
