import type { Namespace } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types';
import type { CheckContext, Command, Lesson } from '../types';
import { allNamespaces, commandNamespace, created, deleted, goal, isRunningReady, kubectlCommands, pods, simCurls, statusSummary } from '../checks';
import type { DeploymentObj, PodObj } from '../checks';

type NamespaceObj = KubeObject & Namespace;

const SYSTEM = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const NAMESPACES = ['namespaces', 'namespace', 'ns'];
const PODS = ['pods', 'pod', 'po'];

/** Namespaces the learner made (not the four every cluster starts with), not being deleted. */
const ownNamespaces = (ctx: CheckContext): string[] =>
  ctx
    .list<NamespaceObj>('Namespace')
    .filter((n) => !SYSTEM.includes(n.metadata.name) && !n.metadata.deletionTimestamp)
    .map((n) => n.metadata.name);

/** Deployments of a namespace whose pods are all Running and ready. */
const runningDeployments = (ctx: CheckContext, ns: string): DeploymentObj[] =>
  ctx.list<DeploymentObj>('Deployment', ns).filter((d) => {
    const s = d.status ?? {};
    return (d.spec?.replicas ?? 1) > 0 && s.availableReplicas === (d.spec?.replicas ?? 1) && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
  });

/** The pods that answered a `sim curl`: the names before ": 200" in its output. */
const answeredBy = (c: Command): string[] => [...c.output.matchAll(/^(\S+): [23]\d\d\b/gm)].map((m) => m[1]!);

/** `sim curl`s whose answers all came from pods of namespace `ns`, with the namespace the client ran in. */
function curlsReaching(ctx: CheckContext, ns: string): Array<{ host: string; from: string }> {
  const names = new Set(ctx.list<PodObj>('Pod', ns).map((p) => p.metadata.name));
  return simCurls(ctx)
    .filter((c) => c.ok && answeredBy(c.command).every((p) => names.has(p)))
    .map((c) => ({ host: c.host, from: commandNamespace(c.command) }));
}

export const lesson: Lesson = {
  id: 'namespaces',
  title: 'Namespaces',
  level: 'beginner',
  minutes: 8,
  concepts: ['namespace', 'default namespace', 'kube-system', '-n', '--all-namespaces', 'DNS', 'namespace controller', 'Terminating'],
  steps: [
    {
      id: 'list',
      check: (ctx) => [
        goal('You listed the namespaces', kubectlCommands(ctx, 'get', NAMESPACES).length > 0, 'kubectl get namespaces'),
        goal('You listed the Pods of every namespace at once', kubectlCommands(ctx, 'get', PODS).some(allNamespaces), 'add -A to kubectl get pods'),
      ],
      focus: (ctx) => ctx.list('Pod', 'kube-system'),
    },
    {
      id: 'create',
      check: (ctx) => {
        const made = created(ctx, 'Namespace')
          .map((n) => n.metadata.name)
          .filter((n) => ownNamespaces(ctx).includes(n));
        const ns = made[0];
        const deps = ns ? runningDeployments(ctx, ns) : [];
        const inNs = ns ? pods(ctx, {}, ns) : [];
        const svcs = ns ? ctx.list('Service', ns) : [];
        const listed = !!ns && kubectlCommands(ctx, 'get', [...PODS, 'all']).some((c) => commandNamespace(c) === ns);
        return [
          goal('You created a namespace', made.length > 0, 'kubectl create namespace shop'),
          goal(`A Deployment in ${ns ?? 'it'} has its Pods Running`, deps.length > 0, ns ? (inNs.length ? `now: ${statusSummary(inNs)}` : `nothing runs in ${ns} yet: add -n ${ns} to kubectl create deployment`) : undefined),
          goal(`A Service in ${ns ?? 'it'} sends traffic to them`, svcs.length > 0, ns ? `no Service in ${ns} yet: kubectl expose deployment web -n ${ns} --port=80 --target-port=5678` : undefined),
          goal(`You listed the Pods of ${ns ?? 'your namespace'} with -n`, listed, ns ? `kubectl get pods -n ${ns}` : undefined),
        ];
      },
      focus: (ctx) => ownNamespaces(ctx).flatMap((ns) => [...ctx.list('Deployment', ns), ...ctx.list('Pod', ns), ...ctx.list('Service', ns)]),
    },
    {
      id: 'same-name',
      files: ['web.yaml'],
      check: (ctx) => {
        const mine = ownNamespaces(ctx);
        const otherNames = new Set(mine.flatMap((ns) => ctx.list('Deployment', ns).map((d) => d.metadata.name)));
        const fresh = new Set(created(ctx, 'Deployment', (d) => d.metadata.namespace === 'default').map((d) => d.metadata.name));
        const twins = runningDeployments(ctx, 'default').filter((d) => fresh.has(d.metadata.name) && otherNames.has(d.metadata.name));
        const twin = twins[0]?.metadata.name;
        const svc = twin !== undefined && ctx.get('Service', 'default', twin) !== undefined && mine.some((ns) => ctx.get('Service', ns, twin) !== undefined);
        const inDefault = pods(ctx);
        return [
          goal(
            `A Deployment of the same name runs in default (kubectl apply -f web.yaml)`,
            twins.length > 0,
            fresh.size ? `now: ${statusSummary(inDefault)} in default` : `nothing new in default yet: kubectl apply -f web.yaml`,
          ),
          goal(`A Service of that name exists in both namespaces`, svc),
          goal('You listed Deployments across all namespaces (-A)', kubectlCommands(ctx, 'get').some(allNamespaces), 'kubectl get deployments -A'),
        ];
      },
      focus: (ctx) => [...ctx.list('Deployment', 'default'), ...ownNamespaces(ctx).flatMap((ns) => ctx.list('Deployment', ns))],
    },
    {
      id: 'dns',
      check: (ctx) => {
        const mine = ownNamespaces(ctx);
        const local = curlsReaching(ctx, 'default').some((c) => c.from === 'default' && (c.host.split('.')[1] ?? 'default') === 'default');
        const across = mine.find((ns) => curlsReaching(ctx, ns).some((c) => c.from === 'default' && c.host.split('.')[1] === ns));
        const inside = mine.find((ns) => curlsReaching(ctx, ns).some((c) => c.from === ns && !c.host.includes('.')));
        const ns = mine[0] ?? 'shop';
        return [
          goal('From default, http://web reached the web in default', local, 'sim curl http://web'),
          goal(`From default, http://web.${across ?? ns} reached the web in ${across ?? ns}`, across !== undefined, `sim curl http://web.${ns}`),
          goal(`From inside ${inside ?? ns}, plain http://web reached the web in ${inside ?? ns}`, inside !== undefined, `sim curl http://web -n ${ns}`),
        ];
      },
      focus: (ctx) => [...ctx.list('Service', 'default').filter((s) => s.metadata.name !== 'kubernetes'), ...ownNamespaces(ctx).flatMap((ns) => ctx.list('Service', ns))],
    },
    {
      id: 'delete',
      check: (ctx) => {
        const gone = deleted(ctx, 'Namespace', (n) => !SYSTEM.includes(n.metadata.name)).map((n) => n.metadata.name);
        const terminating = ctx
          .list<NamespaceObj>('Namespace')
          .filter((n) => n.metadata.deletionTimestamp)
          .map((n) => n.metadata.name);
        const contents = gone.flatMap((ns) => deleted(ctx, 'Pod', (p) => p.metadata.namespace === ns));
        const survivors = runningDeployments(ctx, 'default').filter((d) => pods(ctx, d.spec?.selector?.matchLabels ?? {}).some(isRunningReady));
        return [
          goal(
            'You deleted your namespace, and it is gone',
            gone.length > 0,
            terminating.length ? `now: ${terminating.join(', ')} is Terminating: the namespace controller is deleting what is inside` : 'kubectl delete namespace shop',
          ),
          goal('Its Pods were deleted with it', contents.length > 0),
          goal('The web in default still runs', survivors.length > 0),
          goal('You looked at the namespaces afterwards', kubectlCommands(ctx, 'get', NAMESPACES).length > 0, 'kubectl get namespaces'),
        ];
      },
      focus: (ctx) => ctx.list('Namespace'),
    },
  ],
};
