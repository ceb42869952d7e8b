import type { Node, NodeCondition, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { isStatusError } from '../api/errors';
import type { KubeObject, Stored } from '../api/types';
import { clone, keyOf } from '../api/types';
import { parseTime, rfc3339 } from '../clock';
import type { TimerHandle } from '../clock';
import type { ClusterContext } from '../cluster';

/**
 * The node lifecycle controller (k/k pkg/controller/nodelifecycle) and the taint-eviction controller.
 *
 * Every node-monitor period (5 s) it checks each node's last heartbeat (its Lease in kube-node-lease,
 * or its Ready condition's heartbeat). Silent for longer than the grace period (50 s), the node's
 * conditions go Unknown ("Kubelet stopped posting node status."), its pods are marked not Ready, and it
 * gets the `node.kubernetes.io/unreachable` taints: NoSchedule keeps new pods away, NoExecute makes the
 * taint-eviction controller delete pods once their toleration (300 s by default) runs out. A node that
 * reports Ready=False gets the `not-ready` taints instead. When the kubelet is back, the taints go.
 */
export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_MS = 50_000;
/** node-startup-grace-period: for a node that never posted its status. */
export const NODE_STARTUP_GRACE_MS = 60_000;

type StoredNode = Stored<Node> & KubeObject;
type StoredPod = Stored<Pod> & KubeObject;
type StoredLease = Stored<Lease> & KubeObject;

const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export function startNodeLifecycleController(ctx: ClusterContext): void {
  const { api, informers, clock, trace } = ctx;
  const nodes = informers.for<StoredNode>('Node');
  const leases = informers.for<StoredLease>('Lease');
  const pods = informers.for<StoredPod>('Pod');
  pods.addIndexer('nodeName', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
  const recorder = ctx.recorder({ component: 'node-controller' });

  const queue = ctx.manager.register({
    name: 'node-lifecycle-controller',
    reconcile(name) {
      const node = nodes.get(name);
      if (!node) return;
      monitor(node);
      syncTaints(nodes.get(name)!);
      return { requeueAfter: NODE_MONITOR_PERIOD_MS };
    },
  });
  nodes.addEventHandler({
    add: (n) => queue.add(keyOf(n)),
    update: (o, n) => {
      if (taintRelevant(o, n)) queue.add(keyOf(n));
    },
  });

  function lastHeartbeat(node: StoredNode): number | undefined {
    const lease = leases.getByName('kube-node-lease', node.metadata.name);
    const renew = parseTime(lease?.spec?.renewTime);
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    const hb = parseTime(ready?.lastHeartbeatTime);
    if (renew === undefined) return hb;
    if (hb === undefined) return renew;
    return Math.max(renew, hb);
  }

  /** tryUpdateNodeHealth: after the grace period without a heartbeat, the conditions go Unknown. */
  function monitor(node: StoredNode): void {
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    const hb = lastHeartbeat(node) ?? parseTime(node.metadata.creationTimestamp) ?? clock.now();
    // A node that never posted a Ready condition gets node-startup-grace-period instead.
    const grace = ready ? NODE_MONITOR_GRACE_MS : NODE_STARTUP_GRACE_MS;
    if (clock.now() - hb <= grace || ready?.status === 'Unknown') return;
    const now = rfc3339(clock.now());
    const next = clone(node);
    // tryUpdateNodeHealth: each of these conditions goes Unknown; a missing one is added as never updated.
    const conditions: NodeCondition[] = [...(next.status?.conditions ?? [])];
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      const i = conditions.findIndex((c) => c.type === type);
      if (i < 0) {
        conditions.push({ type, status: 'Unknown', lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: now, reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
      } else if (conditions[i]!.status !== 'Unknown') {
        conditions[i] = { ...conditions[i]!, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now };
      }
    }
    next.status = { ...next.status, conditions };
    trace.record({
      component: 'kube-controller-manager',
      actor: 'node-lifecycle-controller',
      message: `node ${node.metadata.name} has not sent a heartbeat for ${Math.round((clock.now() - hb) / 1000)}s (grace period ${grace / 1000}s): marking it NotReady (Unknown)${ready?.status === 'True' ? ' and its pods not ready' : ''}`,
      ref: { kind: 'Node', name: node.metadata.name },
    });
    api.updateStatus(next, { user: 'node-controller' });
    // Only a Ready -> not Ready transition is reported, and marks the pods (monitorNodeHealth).
    if (ready?.status !== 'True') return;
    recorder.event(node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
    markPodsNotReady(node.metadata.name);
  }

  /** nodeutil.MarkPodsNotReady: the pods' Ready condition goes False, so Services drop them. */
  function markPodsNotReady(nodeName: string): void {
    const now = rfc3339(clock.now());
    for (const pod of pods.byIndex('nodeName', nodeName)) {
      const conds = pod.status?.conditions ?? [];
      const ready = conds.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const next = clone(pod);
      next.status!.conditions = conds.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c));
      ignore(() => api.updateStatus(next, { user: 'node-controller' }));
      recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
  }

  /** The condition-to-taint map: NoSchedule and NoExecute taints follow the Ready condition. */
  function syncTaints(node: StoredNode): void {
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    const want = new Map<string, Taint>();
    const now = rfc3339(clock.now());
    // SwapNodeControllerTaint stamps timeAdded on every taint it adds, NoSchedule ones included.
    if (ready?.status === 'Unknown') {
      want.set(`${UNREACHABLE}:NoSchedule`, { key: UNREACHABLE, effect: 'NoSchedule', timeAdded: now });
      want.set(`${UNREACHABLE}:NoExecute`, { key: UNREACHABLE, effect: 'NoExecute', timeAdded: now });
    } else if (ready?.status === 'False') {
      want.set(`${NOT_READY}:NoSchedule`, { key: NOT_READY, effect: 'NoSchedule', timeAdded: now });
      want.set(`${NOT_READY}:NoExecute`, { key: NOT_READY, effect: 'NoExecute', timeAdded: now });
    }
    if (node.spec?.unschedulable) want.set(`${UNSCHEDULABLE}:NoSchedule`, { key: UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: now });
    const managed = (t: Taint) => t.key === UNREACHABLE || t.key === NOT_READY || t.key === UNSCHEDULABLE;
    const current = node.spec?.taints ?? [];
    const kept = current.filter((t) => !managed(t) || want.has(`${t.key}:${t.effect}`));
    const keptKeys = new Set(kept.map((t) => `${t.key}:${t.effect}`));
    const added = [...want.entries()].filter(([k]) => !keptKeys.has(k)).map(([, t]) => t);
    if (added.length === 0 && kept.length === current.length) return;
    const next = clone(node);
    const taints = [...kept, ...added];
    next.spec = { ...next.spec, ...(taints.length ? { taints } : {}) };
    if (!taints.length) delete next.spec.taints;
    if (added.length) {
      trace.record({
        component: 'kube-controller-manager',
        actor: 'node-lifecycle-controller',
        message: `node ${node.metadata.name}: adding taint${added.length > 1 ? 's' : ''} ${added.map((t) => `${t.key}:${t.effect}`).join(', ')}`,
        ref: { kind: 'Node', name: node.metadata.name },
      });
    }
    ignore(() => api.update(next, { user: 'node-controller' }));
  }

  startTaintEvictionController(ctx);
}

function taintRelevant(o: StoredNode, n: StoredNode): boolean {
  const ro = o.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  const rn = n.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  return ro !== rn || o.spec?.unschedulable !== n.spec?.unschedulable || o.spec?.taints !== n.spec?.taints;
}

/**
 * The taint-eviction controller (k/k pkg/controller/tainteviction): a pod on a node with a NoExecute
 * taint it does not tolerate is deleted at once; one whose tolerations all carry tolerationSeconds is
 * deleted the smallest of them after the controller first saw it on the tainted node (its scheduled
 * eviction keeps that start time); a pod that tolerates forever, or whose node loses its NoExecute
 * taints, has its scheduled eviction cancelled ("Cancelling deletion of Pod ...").
 */
export function startTaintEvictionController(ctx: ClusterContext): void {
  const { api, informers, clock, trace } = ctx;
  const nodes = informers.for<StoredNode>('Node');
  const pods = informers.for<StoredPod>('Pod');
  pods.addIndexer('nodeName', (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
  const recorder = ctx.recorder({ component: 'taint-eviction-controller' });
  /** The TimedWorkerQueue: a scheduled eviction per pod, kept (not re-timed) while the pod stays tainted. */
  const scheduled = new Map<string, { at: number; handle: TimerHandle }>();
  /** Deleted pods, for the cancellation event (the real controller names them from its queue). */
  const lastSeen = new Map<string, StoredPod>();

  const cancel = (podKey: string, pod: StoredPod | undefined) => {
    const t = scheduled.get(podKey);
    if (!t) return;
    clock.clearTimeout(t.handle);
    scheduled.delete(podKey);
    lastSeen.delete(podKey);
    if (pod) recorder.event(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${podKey}`);
  };

  const queue = ctx.manager.register({
    name: 'taint-eviction-controller',
    reconcile(podKey) {
      const pod = pods.get(podKey);
      if (!pod || !pod.spec?.nodeName) return cancel(podKey, pod ?? lastSeen.get(podKey));
      if (pod.metadata.deletionTimestamp) {
        // Already going: nothing left to evict.
        const t = scheduled.get(podKey);
        if (t) clock.clearTimeout(t.handle);
        scheduled.delete(podKey);
        return;
      }
      const node = nodes.getByName(undefined, pod.spec.nodeName);
      const taints = (node?.spec?.taints ?? []).filter((x) => x.effect === 'NoExecute');
      if (taints.length === 0) return cancel(podKey, pod);
      // GetMatchingTolerations: the first toleration that matches each taint.
      const used: Toleration[] = [];
      for (const taint of taints) {
        const m = (pod.spec.tolerations ?? []).find((tol) => tolerates(tol, taint));
        if (!m) {
          cancel(podKey, pod);
          return evict(pod);
        }
        used.push(m);
      }
      const secs = minTolerationSeconds(used);
      if (secs < 0) return cancel(podKey, pod);
      const t = scheduled.get(podKey);
      if (t) {
        if (clock.now() < t.at) return;
        scheduled.delete(podKey);
        return evict(pod);
      }
      if (secs === 0) return evict(pod);
      const at = clock.now() + secs * 1000;
      scheduled.set(podKey, { at, handle: clock.setTimeout(() => queue.add(podKey), secs * 1000, 'taint-eviction') });
    },
  });
  pods.addEventHandler({
    add: (p) => queue.add(keyOf(p)),
    update: (o, n) => {
      if (o.spec?.nodeName !== n.spec?.nodeName || o.spec?.tolerations !== n.spec?.tolerations || (!o.metadata.deletionTimestamp && n.metadata.deletionTimestamp)) queue.add(keyOf(n));
    },
    delete: (p) => {
      if (!scheduled.has(keyOf(p))) return;
      lastSeen.set(keyOf(p), p);
      queue.add(keyOf(p));
    },
  });
  nodes.addEventHandler({
    update: (o, n) => {
      if (o.spec?.taints === n.spec?.taints) return;
      for (const p of pods.byIndex('nodeName', n.metadata.name)) queue.add(keyOf(p));
    },
  });

  function evict(pod: StoredPod): void {
    lastSeen.delete(keyOf(pod));
    const ns = pod.metadata.namespace!;
    trace.record({
      component: 'kube-controller-manager',
      actor: 'taint-eviction-controller',
      message: `pod ${ns}/${pod.metadata.name} no longer tolerates the NoExecute taint of node ${pod.spec?.nodeName}: deleting it`,
      ref: { kind: 'Pod', namespace: ns, name: pod.metadata.name },
    });
    recorder.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${ns}/${pod.metadata.name}`);
    const next = clone(pod);
    const now = rfc3339(clock.now());
    const conds = (next.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
    conds.push({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: now });
    next.status = { ...next.status, conditions: conds };
    ignore(() => api.updateStatus(next, { user: 'taint-eviction-controller' }));
    ignore(() => api.delete('Pod', ns, pod.metadata.name, { user: 'taint-eviction-controller' }));
  }
}

/** getMinTolerationTime: 0 if any used toleration has tolerationSeconds <= 0, -1 (forever) if none has any. */
function minTolerationSeconds(used: Toleration[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return Number.isFinite(min) ? min : -1;
}

/** core/v1 ToleratesTaint (without the gated Gt/Lt operators). */
export function tolerates(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.key && tol.key !== taint.key) return false;
  const op = tol.operator ?? 'Equal';
  if (op === 'Exists') return true;
  if (op === 'Equal') return (tol.value ?? '') === (taint.value ?? '');
  return false;
}

function ignore(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e, 'NotFound') || isStatusError(e, 'Conflict')) return;
    throw e;
  }
}
