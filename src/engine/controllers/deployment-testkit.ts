import type { Deployment } from 'kubernetes-types/apps/v1';
import type { ObjectInput } from '../api/types';
import { clone } from '../api/types';
import { rfc3339 } from '../clock';
import type { ClusterContext } from '../cluster';
import { createContext } from '../cluster';
import { startDeploymentController } from './deployment';
import type { DeploymentObj } from './deployment-util';
import type { ReplicaSetObj } from './replicaset';
import { startReplicaSetController } from './replicaset';
import type { PodObj } from './replicaset-pods';
import { isPodActive, isPodReady } from './replicaset-pods';

/**
 * A harness for the workload controllers' tests: a context with only the ReplicaSet and Deployment
 * controllers, and a fake kubelet that plays the node's part through the API server (bind, Running and
 * Ready after a delay, final removal of terminating pods), so tests need no scheduler or real kubelet.
 */
export interface FakeKubeletOptions {
  /** Delay from binding to Running+Ready (ms). Default 1000. */
  readyAfterMs?: number;
  /** Up to this much more delay, different for each pod (drawn from the seeded random source). */
  readyJitterMs?: number;
  /** Delay before a terminating pod is removed (ms). Default 1000. */
  terminateAfterMs?: number;
  /** Pods for which this returns false start Running but never become ready. */
  becomesReady?: (pod: PodObj) => boolean;
  nodes?: string[];
}

export function workloadContext(seed = 1): ClusterContext {
  const ctx = createContext({ seed, bootstrap: false });
  ctx.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  startReplicaSetController(ctx);
  startDeploymentController(ctx);
  return ctx;
}

export function fakeKubelet(ctx: ClusterContext, opts: FakeKubeletOptions = {}): void {
  const { api, clock } = ctx;
  const nodes = opts.nodes ?? ['node-1', 'node-2', 'node-3'];
  let next = 0;
  const current = (ns: string | undefined, name: string, uid: string) => {
    const p = api.tryGet<PodObj>('Pod', ns, name);
    return p && p.metadata.uid === uid ? p : undefined;
  };
  api.subscribe((e) => {
    if (e.kind !== 'Pod' || e.type === 'DELETED') return;
    const pod = e.object as PodObj;
    const { namespace: ns, name, uid } = pod.metadata;
    if (pod.metadata.deletionTimestamp) {
      if (e.old?.metadata.deletionTimestamp) return;
      clock.setTimeout(() => {
        if (current(ns, name, uid)) api.delete('Pod', ns, name, { gracePeriodSeconds: 0, user: 'kubelet' });
      }, opts.terminateAfterMs ?? 1000, 'fake-kubelet:kill');
      return;
    }
    if (e.type !== 'ADDED' || pod.spec?.nodeName) return;
    const node = nodes[next++ % nodes.length]!;
    clock.setTimeout(() => {
      const p = current(ns, name, uid);
      if (!p || p.spec?.nodeName || p.metadata.deletionTimestamp) return;
      api.bind(ns!, name, node, { user: 'kube-scheduler' });
      const jitter = opts.readyJitterMs ? ctx.random.int(opts.readyJitterMs) : 0;
      clock.setTimeout(() => start(ns, name, uid), (opts.readyAfterMs ?? 1000) + jitter, 'fake-kubelet:start');
    }, 0, 'fake-kubelet:bind');
  });
  const start = (ns: string | undefined, name: string, uid: string) => {
    const p = current(ns, name, uid);
    if (!p || p.metadata.deletionTimestamp) return;
    setReady(ctx, p, opts.becomesReady ? opts.becomesReady(p) : true);
  };
}

/** What a kubelet reports for a running pod: phase Running, containers started, Ready as given. */
export function setReady(ctx: ClusterContext, pod: PodObj, ready: boolean): PodObj {
  const now = rfc3339(ctx.clock.now());
  const next = clone(pod);
  const status = (next.status ??= {});
  status.phase = 'Running';
  status.startTime ??= now;
  const truth = ready ? 'True' : 'False';
  const conds = (status.conditions ?? []).filter((c) => !['Initialized', 'ContainersReady', 'Ready'].includes(c.type));
  const prevReady = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const since = prevReady?.status === truth && prevReady.lastTransitionTime ? prevReady.lastTransitionTime : now;
  conds.push({ type: 'Initialized', status: 'True', lastTransitionTime: now });
  conds.push({ type: 'ContainersReady', status: truth, lastTransitionTime: since });
  conds.push({ type: 'Ready', status: truth, lastTransitionTime: since });
  status.conditions = conds;
  status.containerStatuses = (pod.spec?.containers ?? []).map((c) => ({
    name: c.name,
    image: c.image ?? '',
    imageID: '',
    ready,
    restartCount: 0,
    started: true,
    state: { running: { startedAt: now } },
  }));
  return ctx.api.updateStatus<PodObj>(next as ObjectInput, { user: 'kubelet' });
}

export interface DeploymentOptions {
  replicas?: number;
  image?: string;
  strategy?: NonNullable<Deployment['spec']>['strategy'];
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
}

export function deploymentManifest(name: string, o: DeploymentOptions = {}): ObjectInput {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      ...(o.strategy ? { strategy: o.strategy } : {}),
      ...(o.minReadySeconds !== undefined ? { minReadySeconds: o.minReadySeconds } : {}),
      ...(o.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: o.progressDeadlineSeconds } : {}),
      ...(o.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: o.revisionHistoryLimit } : {}),
      ...(o.paused ? { paused: true } : {}),
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: o.image ?? 'nginx:1.25' }] },
      },
    },
  };
}

/** Changes the Deployment as `kubectl edit` would: read, change, write back. */
export function editDeployment(ctx: ClusterContext, name: string, change: (d: DeploymentObj) => void): DeploymentObj {
  const d = clone(ctx.api.get<DeploymentObj>('Deployment', 'default', name));
  change(d);
  return ctx.api.update<DeploymentObj>(d as ObjectInput);
}

export function setImage(ctx: ClusterContext, name: string, image: string): DeploymentObj {
  return editDeployment(ctx, name, (d) => {
    d.spec!.template.spec!.containers[0]!.image = image;
  });
}

export function podsOf(ctx: ClusterContext, app: string): PodObj[] {
  return ctx.api.list<PodObj>('Pod', 'default', { labelSelector: `app=${app}` }).items;
}

export function replicaSetsOf(ctx: ClusterContext, app: string): ReplicaSetObj[] {
  return ctx.api.list<ReplicaSetObj>('ReplicaSet', 'default', { labelSelector: `app=${app}` }).items;
}

export function getDeployment(ctx: ClusterContext, name: string): DeploymentObj {
  return ctx.api.get<DeploymentObj>('Deployment', 'default', name);
}

/** Active pods, and those of them ready (the fake kubelet's pods are available once ready). */
export function podCounts(ctx: ClusterContext, app: string): { active: number; ready: number } {
  const active = podsOf(ctx, app).filter(isPodActive);
  return { active: active.length, ready: active.filter(isPodReady).length };
}

export function eventsFor(ctx: ClusterContext, name: string, reason?: string): Array<{ reason: string; message: string; type: string; count: number; source: { component: string } }> {
  type Ev = { involvedObject: { name: string }; reason: string; message: string; type: string; count: number; source: { component: string } };
  return ctx.api
    .list<Ev>('Event', 'default')
    .items.filter((e) => e.involvedObject.name === name && (!reason || e.reason === reason));
}
