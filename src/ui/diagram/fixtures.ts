import type { NodeView, ObjectView, PodView, ServiceView, WorkloadView } from '../../engine/protocol';

/**
 * Hand-made views for the diagram's unit tests and for trying the diagram without an engine: the
 * shapes the worker sends, with just the fields the diagram reads filled in meaningfully.
 */

const base = (kind: string, namespace: string, name: string) => ({
  key: `${kind}/${namespace}/${name}`,
  uid: `uid-${kind}-${namespace}-${name}`,
  namespace,
  name,
  createdAt: 0,
  labels: {},
  owner: null,
  deleting: false,
});

export function node(name: string, over: Partial<NodeView> = {}): NodeView {
  const controlPlane = over.controlPlane ?? false;
  return {
    ...base('Node', '', name),
    kind: 'Node',
    ready: true,
    readyStatus: 'True',
    unschedulable: false,
    controlPlane,
    taints: controlPlane ? ['node-role.kubernetes.io/control-plane:NoSchedule'] : [],
    cpu: { allocatable: 2000, requested: 100 },
    memory: { allocatable: 4 * 1024 ** 3, requested: 128 * 1024 ** 2 },
    maxPods: 110,
    internalIP: '172.18.0.2',
    ...over,
  };
}

export function pod(name: string, over: Partial<PodView> = {}): PodView {
  const namespace = over.namespace ?? 'default';
  return {
    ...base('Pod', namespace, name),
    kind: 'Pod',
    node: null,
    phase: 'Running',
    status: 'Running',
    ready: '1/1',
    isReady: true,
    restarts: 0,
    ip: '10.244.1.2',
    images: ['nginx:1.27'],
    ...over,
  };
}

export function service(
  name: string,
  ready: string[],
  notReady: string[] = [],
  over: Partial<ServiceView> = {},
): ServiceView {
  const namespace = over.namespace ?? 'default';
  return {
    ...base('Service', namespace, name),
    kind: 'Service',
    type: 'ClusterIP',
    clusterIP: '10.96.12.34',
    ports: '80/TCP',
    selector: { app: name },
    endpoints: { ready, notReady },
    ...over,
  };
}

export function workload(
  kind: WorkloadView['kind'],
  name: string,
  over: Partial<WorkloadView> = {},
): WorkloadView {
  const namespace = over.namespace ?? 'default';
  return {
    ...base(kind, namespace, name),
    kind,
    desired: 3,
    current: 3,
    ready: 3,
    available: 3,
    updated: 3,
    images: ['nginx:1.27'],
    revision: kind === 'DaemonSet' ? '' : '1',
    selector: { app: name },
    ...over,
  };
}

export function viewMap(views: ObjectView[]): Map<string, ObjectView> {
  return new Map(views.map((v) => [v.key, v]));
}

/** A kind-like default cluster: a tainted control plane, `workers` workers, kube-system pods. */
export function defaultCluster(workers = 3): ObjectView[] {
  const views: ObjectView[] = [node('control-plane', { controlPlane: true })];
  for (let i = 1; i <= workers; i++) views.push(node(`node-${i}`));
  for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
    views.push(
      pod(`${c}-control-plane`, {
        namespace: 'kube-system',
        node: 'control-plane',
        owner: { kind: 'Node', name: 'control-plane' },
      }),
    );
  }
  views.push(workload('DaemonSet', 'kube-proxy', { namespace: 'kube-system', desired: workers + 1 }));
  for (const n of ['control-plane', ...Array.from({ length: workers }, (_, i) => `node-${i + 1}`)]) {
    views.push(
      pod(`kube-proxy-${n.slice(-3)}`, {
        namespace: 'kube-system',
        node: n,
        owner: { kind: 'DaemonSet', name: 'kube-proxy' },
      }),
    );
  }
  views.push(workload('Deployment', 'coredns', { namespace: 'kube-system', desired: 2 }));
  views.push(
    workload('ReplicaSet', 'coredns-668d6bf9bc', {
      namespace: 'kube-system',
      desired: 2,
      owner: { kind: 'Deployment', name: 'coredns' },
    }),
  );
  views.push(
    pod('coredns-668d6bf9bc-aaaaa', {
      namespace: 'kube-system',
      node: 'node-1',
      owner: { kind: 'ReplicaSet', name: 'coredns-668d6bf9bc' },
    }),
  );
  views.push(
    pod('coredns-668d6bf9bc-bbbbb', {
      namespace: 'kube-system',
      node: `node-${Math.min(2, workers)}`,
      owner: { kind: 'ReplicaSet', name: 'coredns-668d6bf9bc' },
    }),
  );
  views.push(
    service('kube-dns', ['coredns-668d6bf9bc-aaaaa', 'coredns-668d6bf9bc-bbbbb'], [], {
      namespace: 'kube-system',
    }),
  );
  views.push(service('kubernetes', [], [], { selector: null, clusterIP: '10.96.0.1', ports: '443/TCP' }));
  return views;
}

const STATUSES: Array<Pick<PodView, 'status' | 'isReady' | 'ready'>> = [
  { status: 'Running', isReady: true, ready: '1/1' },
  { status: 'Running', isReady: false, ready: '0/1' },
  { status: 'ContainerCreating', isReady: false, ready: '0/1' },
  { status: 'CrashLoopBackOff', isReady: false, ready: '0/1' },
  { status: 'ImagePullBackOff', isReady: false, ready: '0/1' },
  { status: 'Terminating', isReady: false, ready: '0/1' },
  { status: 'Completed', isReady: false, ready: '0/1' },
  { status: 'Error', isReady: false, ready: '0/1' },
];

/**
 * A Deployment `name` with `replicas` pods spread round-robin over `nodes`, mostly Running; with
 * `mixed`, every status in turn. Returns the Deployment, its ReplicaSet, the pods and a Service.
 */
export function deployment(name: string, replicas: number, nodes: string[], mixed = false): ObjectView[] {
  const rs = `${name}-7d4b9c`;
  const views: ObjectView[] = [
    workload('Deployment', name, { desired: replicas }),
    workload('ReplicaSet', rs, { desired: replicas, owner: { kind: 'Deployment', name } }),
  ];
  const ready: string[] = [];
  const notReady: string[] = [];
  for (let i = 0; i < replicas; i++) {
    const s = mixed
      ? (STATUSES[i % STATUSES.length] as (typeof STATUSES)[number])
      : (STATUSES[0] as (typeof STATUSES)[number]);
    const podName = `${rs}-${i.toString(36).padStart(5, 'x')}`;
    (s.isReady ? ready : notReady).push(podName);
    views.push(
      pod(podName, {
        ...s,
        node: nodes[i % nodes.length] ?? null,
        createdAt: i,
        restarts: s.status === 'CrashLoopBackOff' ? 4 : 0,
        owner: { kind: 'ReplicaSet', name: rs },
        labels: { app: name },
      }),
    );
  }
  views.push(service(name, ready, notReady));
  return views;
}
