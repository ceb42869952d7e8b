import type { Lesson } from '../types';
import { allNamespaces, commandNamespace, goal, isRunningReady, kubectlArgs, kubectlCommands, podStatus, pods, ranKubectl } from '../checks';
import type { PodObj } from '../checks';

const NODES = ['nodes', 'node', 'no'];
const PODS = ['pods', 'pod', 'po'];

/** Pods in `default` that no controller owns: the learner's first Pod (the namespace starts empty). */
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
        const looked = kubectlCommands(ctx, 'get', [...PODS, 'all']).some((c) => allNamespaces(c) || commandNamespace(c) === 'kube-system');
        return [goal('You listed the Pods of the kube-system namespace', looked, 'kubectl get pods on its own shows the default namespace; add -n kube-system')];
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
        // `kubectl describe pod hello` (or po/hello, pods hello), or `kubectl describe pods` for every pod.
        const described = kubectlCommands(ctx, 'describe', PODS).some((c) => {
          const names = kubectlArgs(c.words)
            .slice(1)
            .flatMap((a) => (a.includes('/') ? [a.split('/')[1]!] : PODS.includes(a) ? [] : [a]));
          return commandNamespace(c) === 'default' && (names.length === 0 || names.some((n) => mine.includes(n)));
        });
        const events = ranKubectl(ctx, 'events') || ranKubectl(ctx, 'get', ['events', 'event', 'ev']);
        return [goal("You read your Pod's story: kubectl describe pod NAME, or kubectl get events", described || events, mine.length ? undefined : 'your Pod is gone: run one again first')];
      },
      focus: (ctx) => firstPod(ctx) as PodObj[],
    },
  ],
};
