import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod, Toleration } from 'kubernetes-types/core/v1';
import { isStatusError } from '../api/errors';
import type { KubeObject, Stored } from '../api/types';
import { clone, deepEqual, keyOf, ownerRefTo } from '../api/types';
import { computeHash } from '../apimachinery/hash';
import { getScaledValueFromIntOrPercent } from '../apimachinery/intstr';
import { labelSelectorAsSelector } from '../apimachinery/labels';
import { parseTime } from '../clock';
import type { ClusterContext } from '../cluster';
import { tolerates } from './nodelifecycle';
import { byControllerUid, enqueueOwner } from './runtime';

/**
 * The DaemonSet controller (k/k pkg/controller/daemon): one pod per eligible node. Pods are created
 * with a required node affinity on `metadata.name` (the default scheduler places them, as since 1.12)
 * and the tolerations every daemon pod gets; pods on nodes that no longer qualify are deleted; a
 * changed template rolls out node by node within maxUnavailable.
 */
type StoredDS = Stored<DaemonSet> & KubeObject;
type StoredPod = Stored<Pod> & KubeObject;
type StoredNode = Stored<Node> & KubeObject;

/** AddOrUpdateDaemonPodTolerations (k8s-semantics 6.4). */
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

export function startDaemonSetController(ctx: ClusterContext): void {
  const { api, informers, trace } = ctx;
  const sets = informers.for<StoredDS>('DaemonSet');
  const pods = informers.for<StoredPod>('Pod');
  const nodes = informers.for<StoredNode>('Node');
  pods.addIndexer('controllerUid', byControllerUid);
  const recorder = ctx.recorder({ component: 'daemonset-controller' });

  const queue = ctx.manager.register({ name: 'daemonset-controller', reconcile });
  sets.addEventHandler({ add: (d) => queue.add(keyOf(d)), update: (_o, d) => queue.add(keyOf(d)), delete: (d) => queue.add(keyOf(d)) });
  pods.addEventHandler(enqueueOwner(queue, 'DaemonSet'));
  const allSets = () => {
    for (const d of sets.list()) queue.add(keyOf(d));
  };
  nodes.addEventHandler({ add: allSets, update: (o, n) => { if (o.metadata.labels !== n.metadata.labels || o.spec?.taints !== n.spec?.taints) allSets(); }, delete: allSets });

  function reconcile(key: string): void {
    const ds = sets.get(key);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const hash = computeHash(ds.spec?.template ?? {}, ds.status?.collisionCount ?? undefined);
    const selector = labelSelectorAsSelector(ds.spec?.selector);
    const owned = pods.byIndex('controllerUid', ds.metadata.uid).filter((p) => !p.metadata.deletionTimestamp);
    const byNode = new Map<string, StoredPod[]>();
    for (const p of owned) {
      const n = targetNode(p);
      if (!n) continue;
      byNode.set(n, [...(byNode.get(n) ?? []), p]);
    }
    const decisions = nodes.list().map((n) => ({ node: n, ...nodeShouldRunDaemonPod(ds, n) }));
    const eligible = decisions.filter((d) => d.shouldRun).map((d) => d.node).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const eligibleNames = new Set(eligible.map((n) => n.metadata.name));
    const keepNames = new Set(decisions.filter((d) => d.shouldContinueRunning).map((d) => d.node.metadata.name));
    // Failed daemon pods are replaced; extra pods and pods on nodes they may no longer run on go. A pod
    // on a node that only gained a NoSchedule taint it does not tolerate keeps running.
    for (const [node, list] of byNode) {
      const keep = keepNames.has(node) ? list.filter((p) => p.status?.phase !== 'Failed').sort(oldestFirst).slice(0, 1) : [];
      for (const p of list) if (!keep.includes(p)) remove(ds, p, keepNames.has(node) ? 'it failed or is extra' : `node ${node} no longer qualifies`);
      byNode.set(node, keep);
    }
    for (const n of eligible) {
      if ((byNode.get(n.metadata.name) ?? []).length === 0) createPod(ds, n.metadata.name, hash);
    }
    // RollingUpdate: replace old-template pods while no more than maxUnavailable are unavailable.
    if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
      const desired = eligible.length;
      const maxUnavailable = getScaledValueFromIntOrPercent(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, true);
      let unavailable = eligible.filter((n) => !(byNode.get(n.metadata.name) ?? []).some((p) => isAvailable(p, ds, ctx.clock.now()))).length;
      for (const n of eligible) {
        const p = byNode.get(n.metadata.name)?.[0];
        if (!p || p.metadata.labels?.['controller-revision-hash'] === hash) continue;
        if (!isAvailable(p, ds, ctx.clock.now())) remove(ds, p, 'it runs an old template');
        else if (unavailable < maxUnavailable) {
          remove(ds, p, 'it runs an old template');
          unavailable++;
        }
      }
    }
    const fresh = pods.byIndex('controllerUid', ds.metadata.uid).filter((p) => !p.metadata.deletionTimestamp && selector.matches(p.metadata.labels ?? {}));
    const scheduled = fresh.filter((p) => p.spec?.nodeName);
    const status = {
      currentNumberScheduled: scheduled.filter((p) => eligibleNames.has(p.spec!.nodeName!)).length,
      numberMisscheduled: scheduled.filter((p) => !eligibleNames.has(p.spec!.nodeName!)).length,
      desiredNumberScheduled: eligible.length,
      numberReady: fresh.filter(isReady).length,
      observedGeneration: ds.metadata.generation ?? 1,
      updatedNumberScheduled: scheduled.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash).length,
      numberAvailable: fresh.filter((p) => isAvailable(p, ds, ctx.clock.now())).length,
    };
    const withUnavailable = { ...status, ...(eligible.length - status.numberAvailable > 0 ? { numberUnavailable: eligible.length - status.numberAvailable } : {}) };
    if (!deepEqual(stripCollision(ds.status), withUnavailable)) {
      const next = clone(ds);
      next.status = { ...withUnavailable, ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}) };
      ignore(() => api.updateStatus(next, { user: 'daemonset-controller' }));
    }
  }

  function createPod(ds: StoredDS, node: string, hash: string): void {
    const tpl = clone(ds.spec!.template);
    const spec = clone(tpl.spec!);
    const tolerations = [...(spec.tolerations ?? [])];
    for (const t of DAEMON_TOLERATIONS) if (!tolerations.some((x) => x.key === t.key && x.effect === t.effect)) tolerations.push(t);
    if (spec.hostNetwork && !tolerations.some((x) => x.key === 'node.kubernetes.io/network-unavailable')) {
      tolerations.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
    }
    spec.tolerations = tolerations;
    spec.affinity = {
      ...spec.affinity,
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
        },
      },
    };
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${ds.metadata.name}-`,
        namespace: ds.metadata.namespace,
        labels: { ...(tpl.metadata?.labels ?? {}), 'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
        ...(tpl.metadata?.annotations ? { annotations: tpl.metadata.annotations } : {}),
        ownerReferences: [ownerRefTo(ds)],
      },
      spec,
    };
    try {
      const created = api.create(pod, { user: 'daemonset-controller' });
      recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
      trace.record({
        component: 'kube-controller-manager',
        actor: 'daemonset-controller',
        message: `daemonset ${ds.metadata.namespace}/${ds.metadata.name}: node ${node} has no daemon pod, creating ${created.metadata.name}`,
        ref: { kind: 'DaemonSet', namespace: ds.metadata.namespace!, name: ds.metadata.name },
      });
    } catch (e) {
      if (!isStatusError(e)) throw e;
      recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${e.message}`);
    }
  }

  function remove(ds: StoredDS, p: StoredPod, why: string): void {
    trace.record({
      component: 'kube-controller-manager',
      actor: 'daemonset-controller',
      message: `daemonset ${ds.metadata.namespace}/${ds.metadata.name}: deleting ${p.metadata.name} because ${why}`,
      ref: { kind: 'DaemonSet', namespace: ds.metadata.namespace!, name: ds.metadata.name },
    });
    ignore(() => api.delete('Pod', p.metadata.namespace, p.metadata.name, { user: 'daemonset-controller' }));
    recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
  }
}

/**
 * NodeShouldRunDaemonPod: a daemon pod should run on the node when the template's nodeName, node selector
 * and required affinity match and every NoSchedule/NoExecute taint is tolerated; one already there may
 * continue running unless a NoExecute taint is not tolerated.
 */
function nodeShouldRunDaemonPod(ds: StoredDS, node: StoredNode): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const spec = ds.spec?.template.spec;
  const no = { shouldRun: false, shouldContinueRunning: false };
  if (spec?.nodeName && spec.nodeName !== node.metadata.name) return no;
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec?.nodeSelector ?? {})) if (labels[k] !== v) return no;
  const terms = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const fields: Record<string, string> = { 'metadata.name': node.metadata.name };
  const termMatches = (t: NonNullable<typeof terms>[number]) =>
    !!(t.matchExpressions?.length || t.matchFields?.length) &&
    (t.matchExpressions ?? []).every((e) => matchExpr(e, labels)) &&
    (t.matchFields ?? []).every((e) => matchExpr(e, fields));
  if (terms && !terms.some(termMatches)) return no;
  const tolerations = [...(spec?.tolerations ?? []), ...DAEMON_TOLERATIONS];
  const untolerated = (node.spec?.taints ?? []).filter((taint) => taint.effect !== 'PreferNoSchedule' && !tolerations.some((t) => tolerates(t, taint)));
  if (untolerated.length === 0) return { shouldRun: true, shouldContinueRunning: true };
  return { shouldRun: false, shouldContinueRunning: !untolerated.some((t) => t.effect === 'NoExecute') };
}

function matchExpr(e: { key: string; operator: string; values?: readonly string[] }, labels: Record<string, string>): boolean {
  const v = labels[e.key];
  switch (e.operator) {
    case 'In':
      return v !== undefined && (e.values ?? []).includes(v);
    case 'NotIn':
      return v === undefined || !(e.values ?? []).includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    default:
      return false;
  }
}

function targetNode(p: StoredPod): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  const terms = p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.values?.length) return f.values[0];
  return undefined;
}

function isReady(p: StoredPod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function isAvailable(p: StoredPod, ds: StoredDS, now: number): boolean {
  const ready = p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  if (!ready) return false;
  const min = ds.spec?.minReadySeconds ?? 0;
  if (min === 0) return true;
  const since = parseTime(ready.lastTransitionTime);
  return since !== undefined && since + min * 1000 <= now;
}

function oldestFirst(a: StoredPod, b: StoredPod): number {
  return a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : a.metadata.creationTimestamp > b.metadata.creationTimestamp ? 1 : a.metadata.name < b.metadata.name ? -1 : 1;
}

function stripCollision(s: StoredDS['status']): unknown {
  if (!s) return undefined;
  const { collisionCount: _c, conditions: _k, ...rest } = s as Record<string, unknown>;
  return rest;
}

function ignore(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e, 'NotFound') || isStatusError(e, 'Conflict')) return;
    throw e;
  }
}
