import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { KubeObject, Stored } from '../api/types';
import { clone, keyOf } from '../api/types';
import type { ClusterContext } from '../cluster';
import { rfc3339 } from '../clock';
import type { Informer } from '../controllers/runtime';
import type { EventRecorder } from '../events';
import { podState } from './filters';
import type { PluginName, PodState } from './filters';
import { NO_NODES_AVAILABLE, fitErrorMessage } from './fiterror';
import type { Attempt, NodeScore } from './framework';
import { Framework } from './framework';
import { NodeInfoCache } from './nodeinfo';
import type { PodInfo } from './nodeinfo';
import { postFilter } from './preemption';
import type { QueuedPodInfo } from './queue';
import { SchedulingQueue } from './queue';
import { topologyPlugins } from './topology';
import { traceFilterResults, traceScores } from './explain';
import { nodeChangeHelps, podAddHelps, podRemovalHelps } from './hints';

/**
 * kube-scheduler with the default profile. It watches pods without a node and every node, keeps the
 * scheduling queue and its node cache current from those watches, and places pods one at a time at
 * the simulated instant they become ready: filter, score, bind through the API server (pods/binding),
 * or record why not (a FailedScheduling event and the PodScheduled=False condition).
 */

export type StoredPod = Stored<Pod> & KubeObject;
export type StoredNode = Stored<Node> & KubeObject;

export const SCHEDULER_NAME = 'default-scheduler';
const USER = 'kube-scheduler';
/** Per-node filter results go to the trace for every decision only in clusters this small. */
const SMALL_CLUSTER = 10;

export function responsibleFor(pod: StoredPod): boolean {
  return (pod.spec?.schedulerName || SCHEDULER_NAME) === SCHEDULER_NAME;
}

/** Waiting for a node: unassigned, not being deleted, not finished. */
export function isPending(pod: StoredPod): boolean {
  const phase = pod.status?.phase;
  return !pod.spec?.nodeName && !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

const isGated = (pod: StoredPod) => (pod.spec?.schedulingGates?.length ?? 0) > 0;

/** Whether an update to a pending pod could change the outcome (isPodUpdated ignores status and bookkeeping). */
function podChanged(a: StoredPod, b: StoredPod): boolean {
  return JSON.stringify([a.spec, a.metadata.labels, a.metadata.annotations]) !== JSON.stringify([b.spec, b.metadata.labels, b.metadata.annotations]);
}

export class Scheduler {
  readonly cache = new NodeInfoCache();
  readonly queue: SchedulingQueue;
  readonly framework: Framework;
  private readonly pods: Informer<StoredPod>;
  private readonly recorder: EventRecorder;
  private drainScheduled = false;

  constructor(private readonly ctx: ClusterContext) {
    this.queue = new SchedulingQueue(ctx.clock, () => this.kick());
    this.framework = new Framework(this.cache, ctx.random, topologyPlugins(this.cache, (ns) => this.namespaceLabels(ns)));
    this.recorder = ctx.recorder({ component: SCHEDULER_NAME });
    this.pods = ctx.informers.for<StoredPod>('Pod');
  }

  start(): void {
    const nodes = this.ctx.informers.for<StoredNode>('Node');
    nodes.addEventHandler({
      add: (n) => {
        this.cache.setNode(n);
        this.queue.moveUnschedulable(() => true);
      },
      update: (o, n) => {
        this.cache.setNode(n);
        const helps = nodeChangeHelps(o, n);
        if (helps.size) this.queue.moveUnschedulable((info) => info.rejectors.size === 0 || [...info.rejectors].some((p) => helps.has(p)));
      },
      delete: (n) => this.cache.removeNode(n.metadata.name),
    });
    this.pods.addEventHandler({
      add: (p) => this.onPod(undefined, p),
      update: (o, p) => this.onPod(o, p),
      delete: (p) => {
        this.queue.delete(keyOf(p));
        this.podRemoved(this.cache.removePod(keyOf(p)));
      },
    });
  }

  private onPod(old: StoredPod | undefined, pod: StoredPod): void {
    const key = keyOf(pod);
    if (pod.spec?.nodeName) {
      if (old && !old.spec?.nodeName) this.queue.delete(key);
      const { before, after } = this.cache.upsertPod(pod);
      if (before && before !== after) this.podRemoved(before);
      if (after && after !== before) this.queue.moveUnschedulable((info) => podAddHelps(info.rejectors));
      return;
    }
    if (!isPending(pod) || !responsibleFor(pod)) return this.queue.delete(key);
    const priority = pod.spec?.priority ?? 0;
    if (!old) this.queue.add(key, priority, isGated(pod));
    else this.queue.update(key, priority, isGated(pod), podChanged(old, pod));
  }

  /** An assigned pod left a node (deleted, finished, or moved): the space may help a waiting pod. */
  private podRemoved(pi: PodInfo | undefined): void {
    if (!pi) return;
    this.queue.moveUnschedulable((info) => info.rejectors.size === 0 || podRemovalHelps(info.rejectors, pi));
  }

  private namespaceLabels(ns: string): Readonly<Record<string, string>> | undefined {
    return this.ctx.informers.for('Namespace').getByName(undefined, ns)?.metadata.labels ?? undefined;
  }

  /** Schedules a pass over the active queue at the current simulated instant. */
  private kick(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    this.ctx.clock.setTimeout(() => {
      this.drainScheduled = false;
      for (let info = this.queue.pop(); info; info = this.queue.pop()) this.scheduleGuarded(info);
    }, 0, 'kube-scheduler: schedule pending pods');
  }

  /** A failure inside one attempt must not stop the others: the pod backs off, as on a plugin Error status. */
  private scheduleGuarded(info: QueuedPodInfo): void {
    try {
      this.scheduleOne(info);
    } catch (e) {
      this.queue.requeueBackoff(info);
      const pod = this.pods.get(info.key);
      if (pod) this.record(SCHEDULER_NAME, pod, `error while scheduling: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private scheduleOne(info: QueuedPodInfo): void {
    const pod = this.pods.get(info.key);
    if (!pod || !isPending(pod) || !responsibleFor(pod)) return this.queue.done(info.key);
    const s = podState(pod);
    const attempt = this.framework.findFeasible(s);
    const small = attempt.numAllNodes <= SMALL_CLUSTER;
    if (attempt.feasible.length === 0) return this.fail(info, s, attempt);
    if (small) traceFilterResults(this.ctx.trace, pod, attempt);
    let chosen: NodeScore | undefined;
    let scores: NodeScore[] = [];
    let tied = 1;
    if (attempt.feasible.length === 1) {
      chosen = { node: attempt.feasible[0]!, total: 0 };
    } else {
      scores = this.framework.score(s, attempt.feasible);
      const sel = this.framework.selectHost(scores);
      chosen = sel?.best;
      tied = sel?.tied ?? 1;
    }
    if (chosen) this.bind(info, pod, chosen.node.name, traceScores(attempt, scores, chosen, tied));
  }

  private bind(info: QueuedPodInfo, pod: StoredPod, node: string, why: string): void {
    const ns = pod.metadata.namespace ?? 'default';
    let bound: StoredPod;
    try {
      bound = this.ctx.api.bind(ns, pod.metadata.name, node, { user: USER }) as StoredPod;
    } catch (e) {
      const latest = this.pods.get(info.key);
      if (!latest || !isPending(latest)) this.queue.done(info.key);
      else this.queue.requeueBackoff(info);
      this.record('DefaultBinder', pod, `binding to ${node} failed: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    // Assume the pod at once, even before the informer delivers the binding.
    this.cache.upsertPod(bound);
    this.queue.done(info.key);
    this.recorder.event(bound, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${pod.metadata.name} to ${node}`);
    this.record('DefaultBinder', pod, `${why}; bound to ${node}`);
  }

  private fail(info: QueuedPodInfo, s: PodState, attempt: Attempt): void {
    const pod = s.pod;
    let message: string;
    const rejectors = new Set<PluginName>();
    let nominate: string | undefined;
    if (attempt.numAllNodes === 0) {
      message = NO_NODES_AVAILABLE;
    } else {
      traceFilterResults(this.ctx.trace, pod, attempt);
      for (const r of attempt.rejected.values()) rejectors.add(r.plugin);
      if (attempt.absent) rejectors.add(attempt.absent.plugin);
      if (attempt.preFilter) rejectors.add(attempt.preFilter.plugin);
      const pre = postFilter(s, attempt, this.cache);
      if (pre.nomination) {
        this.preempt(pod, pre.nomination.node, pre.nomination.victims);
        nominate = pre.nomination.node;
      }
      message = fitErrorMessage({
        numAllNodes: attempt.numAllNodes,
        statuses: attempt.rejected.values(),
        absent: attempt.absent?.reasons,
        preFilterMsg: attempt.preFilter?.reasons.join(', '),
        postFilterMsg: pre.message,
      });
    }
    if (rejectors.size) this.queue.requeueUnschedulable(info, rejectors);
    else this.queue.requeueBackoff(info);
    this.recorder.event(pod, 'Warning', 'FailedScheduling', message);
    this.setUnschedulable(info.key, message, nominate);
    const waits = rejectors.size ? 'waits for a node or pod change that could help (at most 5m)' : 'retries after its back-off';
    this.record(SCHEDULER_NAME, pod, `cannot place the pod, it ${waits}: ${message}`);
  }

  /** PodScheduled=False/Unschedulable with the message, written only when it changes (UpdatePodCondition). */
  private setUnschedulable(key: string, message: string, nominatedNodeName: string | undefined): void {
    const latest = this.pods.get(key);
    if (!latest) return;
    const conds = latest.status?.conditions ?? [];
    const old = conds.find((c) => c.type === 'PodScheduled');
    const nominatedChanged = nominatedNodeName !== undefined && latest.status?.nominatedNodeName !== nominatedNodeName;
    if (old && old.status === 'False' && old.reason === 'Unschedulable' && old.message === message && !nominatedChanged) return;
    const now = rfc3339(this.ctx.clock.now());
    const cond = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: old && old.status === 'False' ? old.lastTransitionTime : now,
      reason: 'Unschedulable',
      message,
    } as unknown as PodCondition;
    const next = clone(latest);
    next.status ??= {};
    const list = (next.status.conditions ??= []);
    const i = list.findIndex((c) => c.type === 'PodScheduled');
    if (i >= 0) list[i] = cond;
    else list.push(cond);
    if (nominatedNodeName) next.status.nominatedNodeName = nominatedNodeName;
    this.updateStatus(next);
  }

  /** Evicts the victims DefaultPreemption chose, as prepareCandidate does. */
  private preempt(preemptor: StoredPod, node: string, victims: PodInfo[]): void {
    for (const v of victims) {
      const vp = v.pod as StoredPod;
      const next = clone(vp);
      next.status ??= {};
      const list = (next.status.conditions ??= []).filter((c) => c.type !== 'DisruptionTarget');
      list.push({
        type: 'DisruptionTarget',
        status: 'True',
        lastTransitionTime: rfc3339(this.ctx.clock.now()),
        reason: 'PreemptionByScheduler',
        message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
      } as PodCondition);
      next.status.conditions = list;
      this.updateStatus(next);
      try {
        this.ctx.api.delete('Pod', vp.metadata.namespace, vp.metadata.name, { user: USER });
      } catch {
        continue; // already gone
      }
      this.recorder.event(vp, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid} on node ${node}`);
      this.record('DefaultPreemption', vp, `evicting ${keyOf(vp)} (priority ${v.priority}) from ${node} to make room for ${keyOf(preemptor)} (priority ${preemptor.spec?.priority ?? 0})`);
    }
  }

  private updateStatus(next: Stored<Pod>): void {
    try {
      this.ctx.api.updateStatus(next as StoredPod, { user: USER });
    } catch {
      // The pod was deleted meanwhile: nothing to report on.
    }
  }

  private record(actor: string, pod: StoredPod, message: string): void {
    this.ctx.trace.record({ component: 'kube-scheduler', actor, message, ref: { kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name } });
  }
}

/** Starts kube-scheduler on the shared informers. */
export function startScheduler(ctx: ClusterContext): Scheduler {
  const s = new Scheduler(ctx);
  s.start();
  return s;
}
