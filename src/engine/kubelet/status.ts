import type { ContainerState, ContainerStatus, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../clock';
import type { ContainerRecord, StoredPod, Terminated } from './model';
import { goList } from './model';
import { podQOS } from './resources';

/**
 * The pod status the kubelet posts, computed from what the runtime reports, as generateAPIPodStatus
 * and convertToAPIContainerStatuses do (pkg/kubelet/kubelet_pods.go, pkg/kubelet/status/generate.go).
 */
export type { StoredPod } from './model';

export interface PodView {
  pod: StoredPod;
  initContainers: ContainerRecord[];
  containers: ContainerRecord[];
  hostIP: string;
  podIP: string | undefined;
  /** The sandbox exists with its network: PodReadyToStartContainers. */
  sandboxReady: boolean;
  startTime: number;
  /** Every container has stopped for good (the pod is terminating or finished). */
  terminal: boolean;
  isStatic: boolean;
  now: number;
}

/** Conditions the kubelet owns; any other condition on the pod is kept as it is. */
const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

export function computePodStatus(v: PodView): PodStatus {
  const old = v.pod.status ?? {};
  const hasInit = v.initContainers.length > 0;
  const initStatuses = v.initContainers.map((r) => containerStatus(r, hasInit ? 'PodInitializing' : 'ContainerCreating'));
  const statuses = v.containers.map((r) => containerStatus(r, hasInit ? 'PodInitializing' : 'ContainerCreating'));
  let phase = podPhase(v, initStatuses, statuses);
  // A pod stopped for good (deleted before it could finish) ends Failed unless it Succeeded.
  if (v.terminal && !v.isStatic && phase !== 'Succeeded') phase = 'Failed';
  // A pod that reached a terminal phase never leaves it.
  if (old.phase === 'Succeeded' || old.phase === 'Failed') phase = old.phase;

  const conditions: PodCondition[] = (old.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type));
  // `c` is always a fresh object: stamp it in place (this runs for every status the kubelet computes).
  const transition = (c: PodCondition): PodCondition => {
    let prev: PodCondition | undefined;
    for (const o of old.conditions ?? []) {
      if (o.type === c.type) {
        prev = o;
        break;
      }
    }
    c.lastProbeTime = null as unknown as string;
    c.lastTransitionTime = prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : rfc3339(v.now);
    return c;
  };
  conditions.push(transition({ type: 'PodReadyToStartContainers', status: v.sandboxReady ? 'True' : 'False' }));
  conditions.push(transition(initializedCondition(v, initStatuses, statuses, phase)));
  const containersReady = containersReadyCondition(v, statuses, phase);
  conditions.push(transition({ ...containersReady, type: 'Ready' }));
  conditions.push(transition(containersReady));
  conditions.push(transition({ type: 'PodScheduled', status: 'True' }));

  const status: PodStatus = {
    phase,
    conditions,
    hostIP: v.hostIP,
    hostIPs: [{ ip: v.hostIP }],
    startTime: old.startTime ?? rfc3339(v.startTime),
    qosClass: old.qosClass ?? podQOS(v.pod.spec ?? { containers: [] }),
    containerStatuses: statuses,
  };
  if (v.podIP) {
    status.podIP = v.podIP;
    status.podIPs = [{ ip: v.podIP }];
  }
  if (initStatuses.length) status.initContainerStatuses = initStatuses;
  return status;
}

function terminatedState(t: Terminated): ContainerState {
  return {
    terminated: {
      containerID: t.containerID,
      exitCode: t.exitCode,
      ...(t.signal !== undefined ? { signal: t.signal } : {}),
      reason: t.reason,
      ...(t.message ? { message: t.message } : {}),
      startedAt: rfc3339(t.startedAt),
      finishedAt: rfc3339(t.finishedAt),
    },
  };
}

export function containerStatus(r: ContainerRecord, defaultWaiting: string): ContainerStatus {
  const cur = r.current;
  let state: ContainerState;
  let lastState: ContainerState = {};
  if (!cur) {
    state = { waiting: r.waiting ? { ...r.waiting } : { reason: defaultWaiting } };
  } else if (!cur.terminated) {
    state = { running: { startedAt: rfc3339(cur.startedAt) } };
    if (r.previous?.terminated) lastState = terminatedState(r.previous.terminated);
  } else if (r.waiting) {
    // Will be restarted: Waiting, with the run that just ended as the last state.
    state = { waiting: { ...r.waiting } };
    lastState = terminatedState(cur.terminated);
  } else {
    state = terminatedState(cur.terminated);
    if (r.previous?.terminated) lastState = terminatedState(r.previous.terminated);
  }
  const s: ContainerStatus = {
    name: r.name,
    image: cur?.image ?? r.spec.image ?? '',
    imageID: cur?.imageID ?? '',
    lastState,
    ready: r.ready && !!cur && !cur.terminated,
    restartCount: Math.max(0, r.created - 1),
    started: r.started && !!cur && !cur.terminated,
    state,
  };
  if (cur) s.containerID = cur.id;
  const res = r.spec.resources;
  if (!r.init && res && (res.requests || res.limits)) {
    s.resources = {};
    if (res.requests) s.resources.requests = { ...res.requests };
    if (res.limits) s.resources.limits = { ...res.limits };
    if (res.requests) s.allocatedResources = { ...res.requests };
  }
  if (r.spec.volumeMounts?.length) {
    s.volumeMounts = r.spec.volumeMounts.map((m) => ({
      name: m.name,
      mountPath: m.mountPath,
      ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
    }));
  }
  return s;
}

/** getPhase (kubelet_pods.go), for regular init containers and app containers. */
function podPhase(v: PodView, init: ContainerStatus[], main: ContainerStatus[]): string {
  const policy = v.pod.spec?.restartPolicy ?? 'Always';
  let pendingInit = 0;
  let failedInit = 0;
  for (const s of init) {
    if (s.state?.running) pendingInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.lastState?.terminated) {
      if (s.lastState.terminated.exitCode !== 0) failedInit++;
    } else pendingInit++;
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of main) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.lastState?.terminated) stopped++;
    else waiting++;
  }
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if (pendingInit > 0 || waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (v.terminal && !v.isStatic) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function initializedCondition(v: PodView, init: ContainerStatus[], main: ContainerStatus[], phase: string): PodCondition {
  if (phase === 'Succeeded') return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  // Any app container that ever started means initialization finished before.
  if (main.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated)) return { type: 'Initialized', status: 'True' };
  const incomplete = v.initContainers.filter((_, i) => !isInitDone(init[i]!)).map((r) => r.name);
  if (incomplete.length) {
    return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: ${goList(incomplete)}` };
  }
  return { type: 'Initialized', status: 'True' };
}

function isInitDone(s: ContainerStatus): boolean {
  return s.state?.terminated?.exitCode === 0;
}

function containersReadyCondition(v: PodView, main: ContainerStatus[], phase: string): PodCondition {
  if (phase === 'Succeeded') return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  const unready = main.filter((s) => !s.ready).map((s) => s.name);
  if (unready.length) {
    return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: ${goList(unready)}` };
  }
  return { type: 'ContainersReady', status: 'True' };
}

/** The status of a pod the kubelet refused to admit (rejectPod). */
export function rejectedStatus(pod: StoredPod, reason: string, message: string, now: number): PodStatus {
  return {
    phase: 'Failed',
    reason,
    message: `Pod was rejected: ${message}`,
    qosClass: pod.status?.qosClass ?? podQOS(pod.spec ?? { containers: [] }),
    startTime: pod.status?.startTime ?? rfc3339(now),
  };
}
