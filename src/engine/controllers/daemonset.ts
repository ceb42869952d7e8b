import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod, Toleration } from 'kubernetes-types/core/v1';
import { isStatusError } from '../api/errors';
import type { KubeObject, Stored } from '../api/types';
import { clone, deepEqual, keyOf, ownerRefTo } from '../api/types';
import { computeHash } from '../apimachinery/hash';
import { getScaledValueFromIntOrPercent } from '../apimachinery/intstr';
import { parseTime } from '../clock';
import type { ClusterContext } from '../cluster';
import { tolerates } from './nodelifecycle';
import type { ReconcileResult } from './runtime';
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

  function reconcile(key: string): ReconcileResult {
    const ds = sets.get(key);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const hash = computeHash(ds.spec?.template ?? {}, ds.status?.collisionCount ?? undefined);
    const nodeList = nodes.list().sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    // manage, then the rolling update once the writes of manage are observed (upstream's expectations:
    // the informer events of those writes requeue this DaemonSet, and the next pass does the update).
    const managed = manage(ds, nodeList, hash);
    if (!managed && (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') rollingUpdate(ds, nodeList, hash);
    return updateStatus(ds, nodeList, hash);
  }

  /**
   * getNodesToDaemonPods(ds, includeDeletedTerminal=false): the DaemonSet's pods by target node. A
   * terminating pod still counts for its node until it is terminal (the kubelet has stopped it) or gone.
   */
  function nodeToDaemonPods(ds: StoredDS): Map<string, StoredPod[]> {
    const out = new Map<string, StoredPod[]>();
    for (const p of pods.byIndex('controllerUid', ds.metadata.uid)) {
      if (isTerminal(p) && p.metadata.deletionTimestamp) continue;
      const n = targetNode(p);
      if (!n) continue;
      out.set(n, [...(out.get(n) ?? []), p]);
    }
    return out;
  }

  /** manage + podsShouldBeOnNode; returns whether it wrote anything. */
  function manage(ds: StoredDS, nodeList: StoredNode[], hash: string): boolean {
    const byNode = nodeToDaemonPods(ds);
    const surge = allowsSurge(ds);
    const create: string[] = [];
    const del: Array<[StoredPod, string]> = [];
    for (const node of nodeList) {
      const name = node.metadata.name;
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(ds, node);
      const daemonPods = byNode.get(name);
      if (shouldRun && !daemonPods) {
        create.push(name);
      } else if (shouldContinueRunning && daemonPods) {
        const running: StoredPod[] = [];
        for (const p of daemonPods) {
          if (p.metadata.deletionTimestamp) continue;
          if (p.status?.phase === 'Failed') {
            recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${name}, will try to kill it`);
            del.push([p, 'it failed']);
          } else if (p.status?.phase === 'Succeeded') {
            recorder.event(ds, 'Normal', 'SucceededDaemonPod', `Found succeeded daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${name}, will try to delete it`);
            del.push([p, 'it succeeded']);
          } else running.push(p);
        }
        running.sort(byCreationTimestampAndPhase);
        if (!surge) {
          // Without surge one pod per node: all but the oldest go. A node whose only pods are
          // terminating gets nothing until they are gone.
          for (const p of running.slice(1)) del.push([p, 'it is an extra pod on its node']);
        } else if (running.length === 0) {
          if (shouldRun) create.push(name);
        } else if (running.length > 1) {
          // Surging: an old and a new pod may share a node while the new one is not available yet.
          let oldestNew: StoredPod | undefined;
          let oldestOld: StoredPod | undefined;
          for (const p of running) {
            if (p.metadata.labels?.['controller-revision-hash'] === hash) {
              if (!oldestNew) {
                oldestNew = p;
                continue;
              }
            } else if (!oldestOld) {
              oldestOld = p;
              continue;
            }
            del.push([p, 'it is an extra pod on its node']);
          }
          if (oldestNew && oldestOld) {
            if (!isReady(oldestOld)) del.push([oldestOld, `it is not ready and ${oldestNew.metadata.name} replaces it`]);
            else if (isAvailable(oldestNew, ds, ctx.clock.now())) del.push([oldestOld, `${oldestNew.metadata.name} is available and replaces it`]);
          }
        }
      } else if (!shouldContinueRunning && daemonPods) {
        for (const p of daemonPods) if (!p.metadata.deletionTimestamp) del.push([p, `node ${name} no longer qualifies`]);
      }
    }
    // Pods for nodes that no longer exist (upstream: the unscheduled ones here, bound ones by the pod GC).
    const existing = new Set(nodeList.map((n) => n.metadata.name));
    for (const [name, list] of byNode) {
      if (existing.has(name)) continue;
      for (const p of list) if (!p.metadata.deletionTimestamp) del.push([p, `node ${name} no longer exists`]);
    }
    syncNodes(ds, del, create, hash);
    return create.length + del.length > 0;
  }

  /** update.go rollingUpdate: which old pods to delete (maxSurge 0) or nodes to surge onto (maxSurge > 0). */
  function rollingUpdate(ds: StoredDS, nodeList: StoredNode[], hash: string): void {
    const byNode = nodeToDaemonPods(ds);
    const now = ctx.clock.now();
    // updatedDesiredNodeCounts: every node that should run a pod is considered, with or without pods.
    let desired = 0;
    for (const n of nodeList) {
      if (!nodeShouldRunDaemonPod(ds, n).shouldRun) continue;
      desired++;
      if (!byNode.has(n.metadata.name)) byNode.set(n.metadata.name, []);
    }
    const ru = ds.spec?.updateStrategy?.rollingUpdate;
    let maxUnavailable = getScaledValueFromIntOrPercent(ru?.maxUnavailable ?? 1, desired, true);
    const maxSurge = getScaledValueFromIntOrPercent(ru?.maxSurge ?? 0, desired, true);
    if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
    const nodeNames = [...byNode.keys()].sort();
    const available = (p: StoredPod) => isAvailable(p, ds, now);

    if (maxSurge === 0) {
      let numUnavailable = 0;
      const replacements: StoredPod[] = [];
      const candidates: StoredPod[] = [];
      for (const name of nodeNames) {
        const found = findUpdatedPodsOnNode(ds, byNode.get(name)!, hash);
        if (!found) {
          numUnavailable++;
          continue;
        }
        const { newPod, oldPod } = found;
        if ((!oldPod && !newPod) || (oldPod && newPod)) numUnavailable++;
        else if (newPod) {
          if (!available(newPod)) numUnavailable++;
        } else if (oldPod) {
          if (!available(oldPod)) {
            replacements.push(oldPod);
            numUnavailable++;
          } else if (numUnavailable < maxUnavailable) candidates.push(oldPod);
        }
      }
      const remaining = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidates.length);
      syncNodes(
        ds,
        [...replacements.map((p): [StoredPod, string] => [p, 'it runs an old template and is not available']), ...candidates.slice(0, remaining).map((p): [StoredPod, string] => [p, 'it runs an old template'])],
        [],
        hash,
      );
      return;
    }

    const oldPodsToDelete: Array<[StoredPod, string]> = [];
    const shouldNotRun: StoredPod[] = [];
    const candidateNewNodes: string[] = [];
    const allowedNewNodes: string[] = [];
    let numSurge = 0;
    let numAvailable = 0;
    for (const name of nodeNames) {
      const found = findUpdatedPodsOnNode(ds, byNode.get(name)!, hash);
      if (!found) {
        numSurge++;
        continue;
      }
      const { newPod, oldPod } = found;
      if (oldPod ? available(oldPod) : newPod ? available(newPod) : false) numAvailable++;
      if (!oldPod) continue;
      const node = nodes.getByName(undefined, name);
      if (!newPod) {
        const shouldRun = node ? nodeShouldRunDaemonPod(ds, node).shouldRun : false;
        if (!available(oldPod)) {
          if (!shouldRun) oldPodsToDelete.push([oldPod, `it is not available and node ${name} no longer qualifies`]);
          else allowedNewNodes.push(name);
        } else if (!shouldRun) shouldNotRun.push(oldPod);
        else if (numSurge < maxSurge) candidateNewNodes.push(name);
      } else if (!available(newPod)) {
        numSurge++;
      } else {
        oldPodsToDelete.push([oldPod, `${newPod.metadata.name} is available and replaces it`]);
      }
    }
    const deletable = Math.min(numAvailable - desired, shouldNotRun.length);
    for (const p of shouldNotRun.slice(0, Math.max(deletable, 0))) oldPodsToDelete.push([p, `node ${targetNode(p)} no longer qualifies`]);
    const remainingSurge = Math.min(Math.max(maxSurge - numSurge, 0), candidateNewNodes.length);
    syncNodes(ds, oldPodsToDelete, [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)], hash);
  }

  /** syncNodes: creates the pods, then deletes. */
  function syncNodes(ds: StoredDS, podsToDelete: Array<[StoredPod, string]>, nodesNeedingDaemonPods: string[], hash: string): void {
    for (const n of nodesNeedingDaemonPods) createPod(ds, n, hash);
    for (const [p, why] of podsToDelete) remove(ds, p, why);
  }

  /** updateDaemonSetStatus: per node, the oldest of its daemon pods (terminating ones included). */
  function updateStatus(ds: StoredDS, nodeList: StoredNode[], hash: string): ReconcileResult {
    const byNode = nodeToDaemonPods(ds);
    const now = ctx.clock.now();
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let updated = 0;
    let available = 0;
    for (const node of nodeList) {
      const list = byNode.get(node.metadata.name) ?? [];
      if (nodeShouldRunDaemonPod(ds, node).shouldRun) {
        desired++;
        if (list.length === 0) continue;
        current++;
        const pod = [...list].sort(byCreationTimestampAndPhase)[0]!;
        if (isReady(pod)) {
          ready++;
          if (isAvailable(pod, ds, now)) available++;
        }
        if (isPodUpdated(ds, pod, hash)) updated++;
      } else if (list.length > 0) misscheduled++;
    }
    const status = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata.generation ?? 1,
      updatedNumberScheduled: updated,
      numberAvailable: available,
      ...(desired - available > 0 ? { numberUnavailable: desired - available } : {}),
    };
    if (!deepEqual(stripCollision(ds.status), status)) {
      const next = clone(ds);
      next.status = { ...status, ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}) };
      ignore(() => api.updateStatus(next, { user: 'daemonset-controller' }));
    }
    // Resync after minReadySeconds so pods that became ready are counted available.
    const min = ds.spec?.minReadySeconds ?? 0;
    if (min > 0 && ready !== available) return { requeueAfter: min * 1000 };
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
        labels: { ...(tpl.metadata?.labels ?? {}), 'controller-revision-hash': hash, ...templateGenerationLabel(ds) },
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

/** podByCreationTimestampAndPhase: scheduled pods first, then the oldest, then by name. */
function byCreationTimestampAndPhase(a: StoredPod, b: StoredPod): number {
  if (!!a.spec?.nodeName !== !!b.spec?.nodeName) return a.spec?.nodeName ? -1 : 1;
  const ta = a.metadata.creationTimestamp;
  const tb = b.metadata.creationTimestamp;
  if (ta === tb) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return ta < tb ? -1 : 1;
}

function isTerminal(p: StoredPod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

/** The `deprecated.daemonset.template.generation` annotation (GetTemplateGeneration). */
function templateGeneration(ds: StoredDS): string | undefined {
  const g = ds.metadata.annotations?.['deprecated.daemonset.template.generation'];
  return g !== undefined && /^-?\d+$/.test(g) ? g : undefined;
}

/** CreatePodTemplate labels a pod with the template generation when the DaemonSet has one. */
function templateGenerationLabel(ds: StoredDS): Record<string, string> {
  const g = templateGeneration(ds);
  return g === undefined ? {} : { 'pod-template-generation': g };
}

/** IsPodUpdated: the pod carries the current hash or the current template generation. */
function isPodUpdated(ds: StoredDS, p: StoredPod, hash: string): boolean {
  const g = templateGeneration(ds);
  return (hash !== '' && p.metadata.labels?.['controller-revision-hash'] === hash) || (g !== undefined && p.metadata.labels?.['pod-template-generation'] === g);
}

/** findUpdatedPodsOnNode: at most one new and one old non-deleted pod, or undefined when there are more. */
function findUpdatedPodsOnNode(ds: StoredDS, list: StoredPod[], hash: string): { newPod?: StoredPod; oldPod?: StoredPod } | undefined {
  let newPod: StoredPod | undefined;
  let oldPod: StoredPod | undefined;
  for (const p of list) {
    if (p.metadata.deletionTimestamp) continue;
    if (isPodUpdated(ds, p, hash)) {
      if (newPod) return undefined;
      newPod = p;
    } else {
      if (oldPod) return undefined;
      oldPod = p;
    }
  }
  return { newPod, oldPod };
}

/** AllowsSurge: maxSurge scaled against 1 is above 0. */
function allowsSurge(ds: StoredDS): boolean {
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return false;
  return getScaledValueFromIntOrPercent(ds.spec?.updateStrategy?.rollingUpdate?.maxSurge ?? 0, 1, true) > 0;
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
