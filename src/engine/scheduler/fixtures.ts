import type { Container, Node, Pod, Taint } from 'kubernetes-types/core/v1';
import type { ObjectInput } from '../api/types';
import type { ClusterContext } from '../cluster';
import { createContext } from '../cluster';
import type { Scheduler, StoredPod } from './scheduler';
import { startScheduler } from './scheduler';

/**
 * Builders for the scheduler's tests: Node objects as a kubelet registers them (capacity,
 * allocatable, Ready) and Pods as a user writes them, created through the real API server.
 */

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
}

export function nodeObject(name: string, o: NodeOptions = {}): Node {
  const resources = { cpu: o.cpu ?? '2', memory: o.memory ?? '4Gi', pods: String(o.pods ?? 110), 'ephemeral-storage': '100Gi' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...o.labels } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
    },
  };
}

export interface PodOptions {
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  namespace?: string;
  priority?: number;
  spec?: Partial<NonNullable<Pod['spec']>>;
  containers?: Container[];
}

export function podObject(name: string, o: PodOptions = {}): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  const containers: Container[] = o.containers ?? [{ name: 'app', image: 'nginx:1.27', ...(o.cpu || o.memory ? { resources: { requests } } : {}) }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'default', ...(o.labels ? { labels: o.labels } : {}) },
    spec: { containers, ...(o.priority !== undefined ? { priority: o.priority } : {}), ...o.spec },
  };
}

export interface Harness {
  ctx: ClusterContext;
  scheduler: Scheduler;
  addNode(name: string, o?: NodeOptions): void;
  addPod(name: string, o?: PodOptions): StoredPod;
  pod(name: string, namespace?: string): StoredPod;
  nodeOf(name: string, namespace?: string): string | undefined;
  events(name: string): Array<{ type: string; reason: string; message: string; count: number; source: { component: string } }>;
  run(): void;
}

export function harness(opts: { seed?: number; nodes?: Array<[string, NodeOptions?]> } = {}): Harness {
  const ctx = createContext({ seed: opts.seed ?? 1, nodes: [] });
  for (const ns of ['default', 'kube-system']) ctx.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const scheduler = startScheduler(ctx);
  const h: Harness = {
    ctx,
    scheduler,
    addNode(name, o) {
      const n = nodeObject(name, o);
      const created = ctx.api.create(n as ObjectInput);
      // A kubelet registers with its status; write it if creation dropped it.
      if (!(created as { status?: Node['status'] }).status?.allocatable) ctx.api.updateStatus({ ...created, status: n.status });
    },
    addPod(name, o) {
      return ctx.api.create(podObject(name, o) as ObjectInput) as StoredPod;
    },
    pod: (name, namespace = 'default') => ctx.api.get<StoredPod>('Pod', namespace, name),
    nodeOf: (name, namespace = 'default') => h.pod(name, namespace).spec?.nodeName,
    events(name) {
      return ctx.api
        .list<{ involvedObject: { name: string }; type: string; reason: string; message: string; count: number; source: { component: string } }>('Event')
        .items.filter((e) => e.involvedObject.name === name);
    },
    run: () => ctx.clock.runDue(),
  };
  for (const [name, o] of opts.nodes ?? []) h.addNode(name, o);
  return h;
}
