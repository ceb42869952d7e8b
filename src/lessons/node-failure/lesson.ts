import type { Node } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types';
import type { CheckContext, Lesson } from '../types';
import { changes, created, deleted, goal, isRunningReady, plural, pods, podStatus, ran, statusSummary, terminationsStarted } from '../checks';
import type { PodObj } from '../checks';

type NodeObj = KubeObject & Node;

const WORKERS = ['node-1', 'node-2', 'node-3'];

/** The Ready condition's status: True, False or Unknown. */
const readyOf = (n: KubeObject | undefined): string | undefined => (n as NodeObj | undefined)?.status?.conditions?.find((c) => c.type === 'Ready')?.status;

/** The workload's pods: pods in `default` that a ReplicaSet owns, not being deleted. */
const workload = (ctx: CheckContext): PodObj[] => pods(ctx).filter((p) => p.metadata.ownerReferences?.some((o) => o.kind === 'ReplicaSet'));

const onNode = (node: string) => (p: PodObj) => p.spec?.nodeName === node;

/** Nodes whose Ready condition went from True to something else since the step began. */
const wentNotReady = (ctx: CheckContext): string[] => [
  ...new Set(
    changes(ctx, 'Node', 'MODIFIED')
      .filter((c) => readyOf(c.old) === 'True' && readyOf(c.object) !== 'True')
      .map((c) => c.object.metadata.name),
  ),
];

/** Nodes whose Ready condition came back to True since the step began. */
const cameBack = (ctx: CheckContext): string[] => [
  ...new Set(
    changes(ctx, 'Node', 'MODIFIED')
      .filter((c) => readyOf(c.old) !== 'True' && readyOf(c.object) === 'True')
      .map((c) => c.object.metadata.name),
  ),
];

/** Worker nodes that are not Ready now (the one the learner stopped). */
const downNodes = (ctx: CheckContext): string[] =>
  ctx
    .list<NodeObj>('Node')
    .filter((n) => WORKERS.includes(n.metadata.name) && readyOf(n) !== 'True')
    .map((n) => n.metadata.name);

/** A successful command whose output has a line matching `line`. */
const saw = (ctx: CheckContext, line: RegExp): boolean => ran(ctx, (_w, c) => c.output.split('\n').some((l) => line.test(l))).length > 0;

/** Did the learner run `sim VERB ...` in this step? */
const simRan = (ctx: CheckContext, verb: string): boolean => ctx.commands.some((c) => c.words[0] === 'sim' && c.words[1] === verb && c.exitCode === 0);

const unschedulable = (n: KubeObject | undefined): boolean => (n as NodeObj | undefined)?.spec?.unschedulable === true;

/** Nodes cordoned (spec.unschedulable set) since the step began. */
const cordoned = (ctx: CheckContext): string[] => [
  ...new Set(
    changes(ctx, 'Node', 'MODIFIED')
      .filter((c) => !unschedulable(c.old) && unschedulable(c.object))
      .map((c) => c.object.metadata.name),
  ),
];

/** Pods on `node` whose deletion began or ended since the step began. */
const podsRemovedFrom = (ctx: CheckContext, node: string): string[] => [
  ...new Set([...terminationsStarted(ctx, onNode(node)), ...(deleted(ctx, 'Pod', (o) => onNode(node)(o as PodObj)) as PodObj[])].filter((p) => p.metadata.namespace === 'default').map((p) => p.metadata.name)),
];

/** "2 on node-1, 2 on node-3". */
const placement = (list: readonly PodObj[]): string => {
  const counts = new Map<string, number>();
  for (const p of list) counts.set(p.spec?.nodeName ?? 'no node', (counts.get(p.spec?.nodeName ?? 'no node') ?? 0) + 1);
  return [...counts]
    .sort()
    .map(([n, c]) => `${c} on ${n}`)
    .join(', ');
};

export const lesson: Lesson = {
  id: 'node-failure',
  title: 'Node failure and maintenance',
  level: 'intermediate',
  minutes: 14,
  concepts: ['node failure', 'NotReady', 'node lifecycle controller', 'Lease', 'taints', 'NoExecute', 'tolerationSeconds', 'taint-based eviction', 'cordon', 'drain', 'uncordon', 'eviction'],
  steps: [
    {
      id: 'spread',
      check: (ctx) => {
        const list = workload(ctx);
        const running = list.filter(isRunningReady);
        const nodes = new Set(running.map((p) => p.spec?.nodeName));
        return [
          goal('A Deployment runs at least 3 Pods, all Running and ready', running.length >= 3 && running.length === list.length, list.length ? `now: ${statusSummary(list)}` : 'no Deployment Pods yet: kubectl create deployment web --image=nginx:1.27 --replicas=6'),
          goal('Its Pods are spread over node-1, node-2 and node-3', WORKERS.every((n) => nodes.has(n)), running.length ? `now: ${placement(running)}` : undefined),
          goal('You looked at which node each Pod runs on (kubectl get pods -o wide)', saw(ctx, /^NAME\s.*\sNODE\s/), 'the NODE column appears with -o wide'),
        ];
      },
      focus: (ctx) => [...ctx.list('Node').filter((n) => WORKERS.includes(n.metadata.name)), ...workload(ctx)],
    },
    {
      id: 'node-down',
      check: (ctx) => {
        const stopped = simRan(ctx, 'node-down');
        const down = wentNotReady(ctx).filter((n) => downNodes(ctx).includes(n));
        const name = down[0];
        return [
          goal(
            "A worker node's kubelet stopped and the control plane marked the node NotReady",
            down.length > 0,
            stopped ? 'the kubelet is silent; the node lifecycle controller waits 50 s before it gives up on a node' : 'stop a kubelet: sim node-down node-2',
          ),
          goal('You saw it NotReady in kubectl get nodes', !!name && saw(ctx, new RegExp(`^${name}\\s+NotReady`))),
          goal(`You read its conditions and taints with kubectl describe node ${name ?? 'NODE'}`, !!name && saw(ctx, /^Taints:\s+node\.kubernetes\.io\/unreachable/)),
        ];
      },
      focus: (ctx) => ctx.list('Node').filter((n) => WORKERS.includes(n.metadata.name) && readyOf(n) !== 'True'),
    },
    {
      id: 'eviction',
      check: (ctx) => {
        const down = downNodes(ctx);
        const evicted = down.flatMap((n) => podsRemovedFrom(ctx, n));
        const live = workload(ctx);
        const stranded = live.filter((p) => down.includes(p.spec?.nodeName ?? ''));
        const taint = down
          .map((n) => ctx.get<NodeObj>('Node', undefined, n)?.spec?.taints?.find((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute'))
          .find((t) => t?.timeAdded);
        const age = taint ? Math.max(0, Math.round((ctx.now - Date.parse(taint.timeAdded!)) / 1000)) : undefined;
        return [
          goal(
            `The Pods on ${down.join(', ') || 'the stopped node'} were evicted`,
            evicted.length > 0,
            down.length === 0 ? 'no worker node is down: sim node-down node-2 and wait until it is NotReady' : age !== undefined ? `now: the NoExecute taint is ${age}s old; the Pods tolerate it for 300s` : 'waiting for the Pods\' 300 s toleration to run out',
          ),
          goal('Replacements run on the other nodes, all Running and ready', evicted.length > 0 && live.length > 0 && stranded.length === 0 && live.every(isRunningReady), live.length ? `now: ${statusSummary(live)} (${placement(live)})` : undefined),
          goal(
            `You saw the evicted Pods Terminating on ${down[0] ?? 'the stopped node'} (kubectl get pods -o wide)`,
            down.some((n) => saw(ctx, new RegExp(`\\sTerminating\\s.*\\s${n}\\s`))),
          ),
        ];
      },
      focus: (ctx) => [...ctx.list('Node').filter((n) => WORKERS.includes(n.metadata.name) && readyOf(n) !== 'True'), ...ctx.list<PodObj>('Pod', 'default')],
    },
    {
      id: 'node-up',
      check: (ctx) => {
        const back = cameBack(ctx).filter((n) => WORKERS.includes(n) && readyOf(ctx.get('Node', undefined, n)) === 'True');
        const stuck = ctx.list<PodObj>('Pod', 'default').filter((p) => p.metadata.deletionTimestamp && back.concat(downNodes(ctx)).includes(p.spec?.nodeName ?? ''));
        const gone = back.flatMap((n) => deleted(ctx, 'Pod', (o) => onNode(n)(o as PodObj) && o.metadata.namespace === 'default'));
        return [
          goal('The stopped node is Ready again', back.length > 0, downNodes(ctx).length ? `now: ${downNodes(ctx).join(', ')} is NotReady: sim node-up ${downNodes(ctx)[0]}` : undefined),
          goal('The Pods stuck Terminating on it are gone', back.length > 0 && gone.length > 0 && stuck.length === 0, stuck.length ? `now: ${plural(stuck.length, 'Pod')} still Terminating` : undefined),
          goal('You looked at where the Pods run now (kubectl get pods -o wide)', saw(ctx, /^NAME\s.*\sNODE\s/)),
        ];
      },
      focus: (ctx) => ctx.list('Node').filter((n) => WORKERS.includes(n.metadata.name)),
    },
    {
      id: 'drain',
      check: (ctx) => {
        const nodes = cordoned(ctx).filter((n) => unschedulable(ctx.get('Node', undefined, n)));
        const emptied = nodes.filter((n) => podsRemovedFrom(ctx, n).length > 0);
        const live = workload(ctx);
        const left = live.filter((p) => nodes.includes(p.spec?.nodeName ?? ''));
        return [
          goal('A worker node is cordoned: Ready,SchedulingDisabled', nodes.length > 0, 'kubectl cordon node-1'),
          goal(`You saw SchedulingDisabled in kubectl get nodes`, saw(ctx, /^\S+\s+Ready,SchedulingDisabled\s/)),
          goal(
            `The Deployment's Pods on ${nodes[0] ?? 'it'} were evicted and replaced elsewhere`,
            emptied.length > 0 && left.length === 0 && live.length > 0 && live.every(isRunningReady),
            nodes.length ? `now: ${left.length ? `${plural(left.length, 'Pod')} still on ${nodes[0]}: kubectl drain ${nodes[0]} --ignore-daemonsets` : statusSummary(live)}` : undefined,
          ),
        ];
      },
      focus: (ctx) => ctx.list('Node').filter((n) => WORKERS.includes(n.metadata.name)),
    },
    {
      id: 'uncordon',
      check: (ctx) => {
        const reopened = [
          ...new Set(
            changes(ctx, 'Node', 'MODIFIED')
              .filter((c) => unschedulable(c.old) && !unschedulable(c.object))
              .map((c) => c.object.metadata.name),
          ),
        ].filter((n) => !unschedulable(ctx.get('Node', undefined, n)));
        const still = ctx.list<NodeObj>('Node').filter((n) => WORKERS.includes(n.metadata.name) && unschedulable(n));
        const fresh = new Set(created(ctx, 'Pod').map((p) => p.metadata.name));
        const landed = pods(ctx).filter((p) => fresh.has(p.metadata.name) && reopened.includes(p.spec?.nodeName ?? ''));
        return [
          goal('The drained node accepts Pods again (uncordoned)', reopened.length > 0, still.length ? `now: ${still.map((n) => n.metadata.name).join(', ')} is SchedulingDisabled` : undefined),
          goal(
            `A new Pod runs on ${reopened[0] ?? 'it'}`,
            landed.some(isRunningReady),
            landed.length ? `now: ${landed.map((p) => `${p.metadata.name} is ${podStatus(p)}`).join(', ')}` : reopened.length ? 'Pods never move back by themselves: scale the Deployment up' : undefined,
          ),
        ];
      },
      focus: (ctx) => [...ctx.list('Node').filter((n) => WORKERS.includes(n.metadata.name)), ...workload(ctx)],
    },
  ],
};
