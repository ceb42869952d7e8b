import type { Node, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types';
import type { CheckContext, Lesson } from '../types';
import { changes, created, deployment, flagValues, goal, isRunningReady, kubectlCommands, pods, podsRunning, podStatus, ranKubectl, readEvents, statusSummary } from '../checks';
import type { PodObj } from '../checks';

const APP = { app: 'web' };
const NODES = ['nodes', 'node', 'no'];
const PODS = ['pods', 'pod', 'po'];

type NodeObj = KubeObject & Node;

/** The first FailedScheduling event this step whose message passes `test`, and when it came. */
function failedScheduling(ctx: CheckContext, test: (message: string) => boolean): number | undefined {
  const at = changes(ctx, 'Event')
    .filter((c) => c.type !== 'DELETED' && (c.object as { reason?: string }).reason === 'FailedScheduling' && test((c.object as { message?: string }).message ?? ''))
    .map((c) => c.at);
  return at.length ? Math.min(...at) : undefined;
}

/** Nodes whose labels gained `key=value` this step. */
function labelledThisStep(ctx: CheckContext, key: string, value: string): string[] {
  return changes(ctx, 'Node', 'MODIFIED')
    .filter((c) => c.object.metadata.labels?.[key] === value && c.old?.metadata.labels?.[key] !== value)
    .map((c) => c.object.metadata.name);
}

/** A worker node's NoSchedule taints added this step (the control plane's own taint is not the learner's). */
function taintsAdded(ctx: CheckContext): Array<{ node: string; taint: Taint }> {
  const out: Array<{ node: string; taint: Taint }> = [];
  for (const c of changes(ctx, 'Node', 'MODIFIED')) {
    const before = ((c.old as NodeObj | undefined)?.spec?.taints ?? []).map((t) => JSON.stringify([t.key, t.value, t.effect]));
    for (const t of (c.object as NodeObj).spec?.taints ?? []) {
      if (t.effect === 'NoSchedule' && t.key !== 'node-role.kubernetes.io/control-plane' && t.key !== 'node.kubernetes.io/unschedulable' && !before.includes(JSON.stringify([t.key, t.value, t.effect]))) out.push({ node: c.object.metadata.name, taint: t });
    }
  }
  return out;
}

/** core/v1 ToleratesTaint. */
function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.operator ?? 'Equal') === 'Equal' && (t.value ?? '') === (taint.value ?? '');
}

/** Pods of `default` created this step and still there. */
function newPods(ctx: CheckContext): PodObj[] {
  const names = new Set(created(ctx, 'Pod').map((p) => p.metadata.name));
  return pods(ctx).filter((p) => names.has(p.metadata.name));
}

const where = (p: PodObj) => `${p.metadata.name} is ${podStatus(p)}${p.spec?.nodeName ? ` on ${p.spec.nodeName}` : ''}`;

export const lesson: Lesson = {
  id: 'scheduling',
  title: 'Scheduling: requests, limits, and where Pods land',
  level: 'advanced',
  minutes: 15,
  concepts: ['scheduler', 'resource requests', 'resource limits', 'allocatable', 'FailedScheduling', 'Insufficient cpu', 'node labels', 'nodeSelector', 'taints', 'tolerations', 'node affinity'],
  steps: [
    {
      id: 'requests',
      files: ['web.yaml'],
      check: (ctx) => [
        podsRunning(ctx, APP, 3),
        goal("You read a node's allocated resources: kubectl describe node NAME", ranKubectl(ctx, 'describe', NODES), 'look for Allocatable and Allocated resources'),
      ],
      focus: (ctx) => [...pods(ctx, APP), ...ctx.list('Node')],
    },
    {
      id: 'insufficient',
      check: (ctx) => {
        const failedAt = failedScheduling(ctx, (m) => m.includes('Insufficient cpu'));
        const list = pods(ctx, APP);
        const pending = list.filter((p) => !p.spec?.nodeName);
        const d = deployment(ctx, 'web');
        const want = d?.spec?.replicas ?? 0;
        const settled = failedAt !== undefined && pending.length === 0 && want <= 6 && d?.status?.availableReplicas === want && list.length === want;
        return [
          goal('A web Pod stayed Pending: the scheduler found no node with enough CPU', failedAt !== undefined, `now: ${statusSummary(list)}`),
          goal("You read the scheduler's reason: kubectl describe pod, or kubectl get events", failedAt !== undefined && readEvents(ctx, failedAt)),
          goal('You scaled web back so that every Pod has a node', settled, failedAt !== undefined ? `now: ${want} wanted, ${statusSummary(list)}` : undefined),
        ];
      },
      focus: (ctx) => pods(ctx, APP),
    },
    {
      id: 'node-selector',
      files: ['fast.yaml'],
      check: (ctx) => {
        const labelled = labelledThisStep(ctx, 'disktype', 'ssd');
        const selecting = pods(ctx).filter((p) => p.spec?.nodeSelector?.disktype);
        const placed = selecting.filter((p) => isRunningReady(p) && labelled.includes(p.spec?.nodeName ?? ''));
        return [
          goal('You labelled a node disktype=ssd: kubectl label node NAME disktype=ssd', labelled.length > 0),
          goal('A Pod with nodeSelector disktype: ssd runs on that node', placed.length > 0, selecting.length ? `now: ${selecting.map(where).join(', ')}` : 'apply fast.yaml'),
        ];
      },
      focus: (ctx) => [...pods(ctx).filter((p) => p.spec?.nodeSelector?.disktype), ...ctx.list('Node').filter((n) => n.metadata.labels?.disktype)],
    },
    {
      id: 'taints',
      files: ['gpu.yaml'],
      check: (ctx) => {
        const added = taintsAdded(ctx);
        const tainted = new Set(added.map((a) => a.node));
        const guests = newPods(ctx).filter((p) => isRunningReady(p) && added.some((a) => a.node === p.spec?.nodeName && (p.spec?.tolerations ?? []).some((t) => tolerates(t, a.taint))));
        const keys = added.map((a) => a.taint.key);
        const kept = failedScheduling(ctx, (m) => keys.some((k) => m.includes(`untolerated taint {${k}:`))) !== undefined;
        const mine = newPods(ctx);
        return [
          goal('You tainted a worker node with effect NoSchedule: kubectl taint nodes node-1 dedicated=gpu:NoSchedule', added.length > 0),
          goal('A Pod that tolerates the taint runs on the tainted node', guests.length > 0, mine.length ? `now: ${mine.map(where).join(', ')}` : tainted.size ? 'apply gpu.yaml' : undefined),
          goal('A Pod without the toleration was kept off it (FailedScheduling: untolerated taint)', kept),
        ];
      },
      focus: (ctx) => [...newPods(ctx), ...ctx.list('Node').filter((n) => (n as NodeObj).spec?.taints?.some((t) => t.key !== 'node-role.kubernetes.io/control-plane'))],
    },
    {
      id: 'affinity',
      files: ['affinity.yaml'],
      check: (ctx) => {
        const mine = newPods(ctx);
        const required = mine.filter((p) => p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
        const preferred = mine.filter((p) => p.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length && !p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution);
        const looked = kubectlCommands(ctx, 'get', PODS).some((c) => flagValues(c.words, 'o', 'output').includes('wide'));
        return [
          goal('A Pod with a required node affinity is Running', required.some(isRunningReady), required.length ? `now: ${required.map(where).join(', ')}` : 'apply affinity.yaml'),
          goal('A Pod with only a preferred node affinity is Running', preferred.some(isRunningReady), preferred.length ? `now: ${preferred.map(where).join(', ')}` : undefined),
          goal('You saw where they landed: kubectl get pods -o wide', looked && mine.length > 0),
        ];
      },
      focus: (ctx) => newPods(ctx),
    },
  ],
};

