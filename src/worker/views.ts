import type { Container, Endpoints, Node, Pod, ResourceRequirements, Service } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../engine/api/types';
import { parseTime } from '../engine/clock';
import { podRequests, resourceFromList } from '../engine/scheduler/resources';
import type { ConfigView, EventView, NamespaceView, NodeView, ObjectView, PodView, ServiceView, ViewBase, ViewKind, WorkloadView } from '../engine/protocol';
import { podSummary } from '../kubectl/printers/columns/pod';

/** The kinds the picture shows, in the order a snapshot lists them. */
export const VIEW_KINDS: readonly ViewKind[] = ['Namespace', 'Node', 'Deployment', 'ReplicaSet', 'DaemonSet', 'Pod', 'Service', 'ConfigMap', 'Secret', 'Event'];

export function viewKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function time(s: string | undefined): number {
  return parseTime(s) ?? 0;
}

function base(obj: KubeObject): Omit<ViewBase, 'key'> & { key: string } {
  const m = obj.metadata;
  const owner = m.ownerReferences?.find((r) => r.controller) ?? null;
  return {
    key: viewKey(obj.kind, m.namespace, m.name),
    uid: m.uid ?? '',
    namespace: m.namespace ?? '',
    name: m.name,
    createdAt: time(m.creationTimestamp),
    labels: m.labels ?? {},
    owner: owner ? { kind: owner.kind, name: owner.name } : null,
    deleting: !!m.deletionTimestamp,
  };
}

type Obj<T> = KubeObject & T;

export function nodeView(node: Obj<Node>, pods: Iterable<Obj<Pod>>): NodeView {
  const alloc = resourceFromList((node.status?.allocatable ?? {}) as NonNullable<ResourceRequirements['requests']>);
  let cpu = 0;
  let memory = 0;
  for (const p of pods) {
    if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    const r = podRequests(p.spec as Parameters<typeof podRequests>[0]);
    cpu += r.milliCPU;
    memory += r.memory;
  }
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const labels = node.metadata.labels ?? {};
  return {
    ...base(node),
    kind: 'Node',
    ready: ready?.status === 'True',
    readyStatus: ready?.status ?? 'Unknown',
    unschedulable: !!node.spec?.unschedulable,
    controlPlane: 'node-role.kubernetes.io/control-plane' in labels,
    taints: (node.spec?.taints ?? []).map((t) => `${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`),
    cpu: { allocatable: alloc.milliCPU, requested: cpu },
    memory: { allocatable: alloc.memory, requested: memory },
    maxPods: Number(node.status?.allocatable?.pods ?? 110),
    internalIP: node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
  };
}

export function podView(pod: Obj<Pod>): PodView {
  const s = podSummary(pod);
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  return {
    ...base(pod),
    kind: 'Pod',
    node: pod.spec?.nodeName ?? null,
    phase: pod.status?.phase ?? 'Pending',
    status: s.reason,
    ready: `${s.ready}/${s.total}`,
    isReady: ready?.status === 'True',
    restarts: s.restarts,
    ip: pod.status?.podIP ?? '',
    images: (pod.spec?.containers ?? []).map((c: Container) => c.image ?? ''),
    ...(scheduled?.status === 'False' && scheduled.message ? { unschedulable: scheduled.message } : {}),
  };
}

export function serviceView(svc: Obj<Service>, endpoints: Obj<Endpoints> | undefined): ServiceView {
  const ready: string[] = [];
  const notReady: string[] = [];
  for (const subset of endpoints?.subsets ?? []) {
    for (const a of subset.addresses ?? []) if (a.targetRef?.kind === 'Pod') ready.push(a.targetRef.name ?? '');
    for (const a of subset.notReadyAddresses ?? []) if (a.targetRef?.kind === 'Pod') notReady.push(a.targetRef.name ?? '');
  }
  const spec = svc.spec ?? {};
  const ports = (spec.ports ?? []).map((p) => `${p.port}${p.nodePort ? ':' + p.nodePort : ''}/${p.protocol ?? 'TCP'}`).join(',');
  return {
    ...base(svc),
    kind: 'Service',
    type: spec.type ?? 'ClusterIP',
    clusterIP: spec.clusterIP ?? '',
    ports: ports || '<none>',
    selector: spec.selector ?? null,
    endpoints: { ready: [...new Set(ready)].sort(), notReady: [...new Set(notReady)].sort() },
  };
}

interface WorkloadLike {
  spec?: { replicas?: number; selector?: { matchLabels?: Record<string, string> }; template?: { spec?: { containers?: Container[] } } };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    updatedReplicas?: number;
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    numberReady?: number;
    numberAvailable?: number;
    updatedNumberScheduled?: number;
    conditions?: Array<{ type: string; reason?: string }>;
  };
}

export function workloadView(obj: Obj<WorkloadLike>): WorkloadView {
  const st = obj.status ?? {};
  const ds = obj.kind === 'DaemonSet';
  const progress = st.conditions?.find((c) => c.type === 'Progressing')?.reason;
  return {
    ...base(obj),
    kind: obj.kind as WorkloadView['kind'],
    desired: ds ? (st.desiredNumberScheduled ?? 0) : (obj.spec?.replicas ?? 1),
    current: ds ? (st.currentNumberScheduled ?? 0) : (st.replicas ?? 0),
    ready: ds ? (st.numberReady ?? 0) : (st.readyReplicas ?? 0),
    available: ds ? (st.numberAvailable ?? 0) : (st.availableReplicas ?? 0),
    updated: ds ? (st.updatedNumberScheduled ?? 0) : (st.updatedReplicas ?? 0),
    images: (obj.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? ''),
    revision: obj.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '',
    selector: obj.spec?.selector?.matchLabels ?? null,
    ...(progress ? { progress } : {}),
  };
}

interface EventLike {
  type?: string;
  reason?: string;
  message?: string;
  involvedObject?: { kind?: string; name?: string; namespace?: string };
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
}

export function eventView(ev: Obj<EventLike>): EventView {
  const io = ev.involvedObject ?? {};
  return {
    ...base(ev),
    kind: 'Event',
    type: ev.type ?? 'Normal',
    reason: ev.reason ?? '',
    message: ev.message ?? '',
    object: `${io.kind ?? ''}/${io.name ?? ''}`,
    objectNamespace: io.namespace ?? '',
    source: ev.source?.component || ev.reportingComponent || '',
    count: ev.series?.count ?? ev.count ?? 1,
    lastSeen: time(ev.series?.lastObservedTime ?? ev.lastTimestamp ?? ev.eventTime ?? ev.metadata.creationTimestamp),
  };
}

export function namespaceView(ns: Obj<{ status?: { phase?: string } }>): NamespaceView {
  return { ...base(ns), kind: 'Namespace', phase: ns.status?.phase ?? 'Active' };
}

export function configView(obj: Obj<{ data?: Record<string, string>; binaryData?: Record<string, string> }>): ConfigView {
  return { ...base(obj), kind: obj.kind as ConfigView['kind'], keys: Object.keys({ ...obj.data, ...obj.binaryData }).sort() };
}

/** The view of any stored object of a shown kind; Nodes and Services need their related objects. */
export function viewOf(obj: KubeObject, related: { podsOn(node: string): Iterable<Obj<Pod>>; endpoints(ns: string, name: string): Obj<Endpoints> | undefined }): ObjectView | undefined {
  switch (obj.kind) {
    case 'Node':
      return nodeView(obj as Obj<Node>, related.podsOn(obj.metadata.name));
    case 'Pod':
      return podView(obj as Obj<Pod>);
    case 'Service':
      return serviceView(obj as Obj<Service>, related.endpoints(obj.metadata.namespace ?? '', obj.metadata.name));
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
      return workloadView(obj as Obj<WorkloadLike>);
    case 'Event':
      return eventView(obj as Obj<EventLike>);
    case 'Namespace':
      return namespaceView(obj as Obj<{ status?: { phase?: string } }>);
    case 'ConfigMap':
    case 'Secret':
      return configView(obj as Obj<{ data?: Record<string, string> }>);
    default:
      return undefined;
  }
}
