import type { Lesson } from '../types';
import { goal, isRunningReady, podStatus, pods, ranKubectl } from '../checks';
import type { PodObj } from '../checks';

const NODES = ['nodes', 'node', 'no'];
const PODS = ['pods', 'pod', 'po'];

/** Pods created in `default` since the lesson's pod step began: the learner's first Pod. */
const firstPod = (ctx: Parameters<Lesson['steps'][number]['check']>[0]) => pods(ctx).filter((p) => !p.metadata.ownerReferences?.length);

export const lesson: Lesson = {
  id: 'cluster-tour',
  title: 'A tour of the cluster',
  level: 'beginner',
  minutes: 8,
  concepts: ['control plane', 'API server', 'etcd', 'scheduler', 'controller manager', 'node', 'kubelet', 'kube-proxy', 'container runtime'],
  steps: [
    {
      id: 'nodes',
      check: (ctx) => [goal('You listed the nodes with kubectl get nodes', ranKubectl(ctx, 'get', NODES), 'run kubectl get nodes in the terminal')],
      focus: (ctx) => ctx.list('Node'),
    },
    {
      id: 'control-plane',
      check: (ctx) => {
        const looked = ctx.commands.some(
          (c) => c.exitCode === 0 && c.words[0] === 'kubectl' && c.words.includes('get') && c.words.some((w) => PODS.includes(w)) && (c.words.includes('kube-system') || c.words.includes('-A') || c.words.includes('--all-namespaces') || c.words.includes('--namespace=kube-system') || c.words.includes('-nkube-system')),
        );
        return [goal('You listed the pods of the kube-system namespace', looked, 'kubectl get pods on its own shows the default namespace; add -n kube-system')];
      },
      // The control-plane node (where the diagram shows them) and its static pods.
      focus: (ctx) => [...ctx.list('Node').filter((n) => n.metadata.name === 'control-plane'), ...ctx.list('Pod', 'kube-system').filter((p) => /-control-plane$/.test(p.metadata.name))],
    },
    {
      id: 'first-pod',
      check: (ctx) => {
        const mine = firstPod(ctx);
        const running = mine.filter(isRunningReady);
        return [
          goal('A Pod of your own exists in the default namespace', mine.length > 0, 'no Pod in the default namespace yet'),
          goal('It is Running and ready', running.length > 0, mine.length ? `now: ${mine.map((p) => `${p.metadata.name} is ${podStatus(p)}`).join(', ')}` : undefined),
        ];
      },
      focus: (ctx) => firstPod(ctx),
    },
    {
      id: 'events',
      check: (ctx) => {
        const mine = firstPod(ctx).map((p) => p.metadata.name);
        const described = ctx.commands.some((c) => c.exitCode === 0 && c.words[0] === 'kubectl' && c.words[1] === 'describe' && c.words.some((w) => mine.includes(w) || mine.some((n) => w === `pod/${n}` || w === `pods/${n}`)));
        const events = ranKubectl(ctx, 'events') || ranKubectl(ctx, 'get', ['events', 'event', 'ev']);
        return [goal("You read your Pod's story: kubectl describe pod NAME, or kubectl get events", described || events, mine.length ? undefined : 'your Pod is gone: run one again first')];
      },
      focus: (ctx) => firstPod(ctx) as PodObj[],
    },
  ],
};
