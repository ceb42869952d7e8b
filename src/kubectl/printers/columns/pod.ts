import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../engine/api/types';
import type { Cell, KindPrinter, PrintContext } from './common';
import { AGE, NAME, since, sinceMs, wide } from './common';

/** The reason a node controller gives pods on an unreachable node (k/k pkg/util/node). */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

export interface PodSummary {
  ready: number;
  total: number;
  /** The STATUS column. */
  reason: string;
  restarts: number;
  /** Finish time of the most recent restart, when known (ms). */
  lastRestart: number | undefined;
}

function isRestartable(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function finishedAt(s: ContainerStatus): number | undefined {
  const t = s.lastState?.terminated?.finishedAt;
  return t ? Date.parse(t) : undefined;
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  if (b === undefined || Number.isNaN(b)) return a;
  return a === undefined || b > a ? b : a;
}

function conditionTrue(conds: readonly PodCondition[] | undefined, type: string): boolean {
  return (conds ?? []).some((c) => c.type === type && c.status === 'True');
}

/**
 * printPod's READY, STATUS and RESTARTS, as `kubectl get pods` computes them: init containers first
 * (`Init:1/2`, `Init:CrashLoopBackOff`), then the regular containers from last to first so that the
 * first container's waiting or terminated reason wins, then `Terminating` / `Unknown` for deleted
 * pods.
 */
export function podSummary(pod: Pod): PodSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let total = spec?.containers?.length ?? 0;
  let ready = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;
  const phase = status.phase ?? '';
  let reason: string = phase;
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec?.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartable(c)) total++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += c.restartCount ?? 0;
    lastRestart = later(lastRestart, finishedAt(c));
    const restartable = isRestartable(initContainers.get(c.name));
    if (restartable) {
      restartableInitRestarts += c.restartCount ?? 0;
      lastRestartableInitRestart = later(lastRestartableInitRestart, finishedAt(c));
    }
    const term = c.state?.terminated;
    const wait = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (restartable && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      else reason = `Init:${term.reason}`;
    } else if (wait?.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status.conditions, 'Initialized')) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      lastRestart = later(lastRestart, finishedAt(c));
      const wait = c.state?.waiting;
      const term = c.state?.terminated;
      if (wait?.reason) reason = wait.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(status.conditions, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata?.deletionTimestamp && status.reason === NODE_UNREACHABLE_POD_REASON) reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') reason = 'Terminating';

  return { ready, total, reason, restarts, lastRestart };
}

function restartsCell(s: PodSummary, now: number): string {
  if (s.restarts !== 0 && s.lastRestart !== undefined) {
    return `${s.restarts} (${sinceMs(s.lastRestart, now)} ago)`;
  }
  return String(s.restarts);
}

export const podPrinter: KindPrinter = {
  columns: [
    NAME,
    { name: 'Ready' },
    { name: 'Status' },
    { name: 'Restarts' },
    AGE,
    wide('IP'),
    wide('Node'),
    wide('Nominated Node'),
    wide('Readiness Gates'),
  ],
  row(obj: KubeObject, ctx: PrintContext): Cell[] {
    const pod = obj as unknown as Pod;
    const s = podSummary(pod);
    const cells: Cell[] = [obj.metadata.name, `${s.ready}/${s.total}`, s.reason, restartsCell(s, ctx.now), since(obj.metadata.creationTimestamp, ctx.now)];
    if (ctx.wide) {
      const gates = pod.spec?.readinessGates ?? [];
      let gatesCell = '<none>';
      if (gates.length > 0) {
        let trueCount = 0;
        for (const g of gates) {
          const c = (pod.status?.conditions ?? []).find((x) => x.type === g.conditionType);
          if (c?.status === 'True') trueCount++;
        }
        gatesCell = `${trueCount}/${gates.length}`;
      }
      cells.push(pod.status?.podIPs?.[0]?.ip || '<none>', pod.spec?.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', gatesCell);
    }
    return cells;
  },
};
