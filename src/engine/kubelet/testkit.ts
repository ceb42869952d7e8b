import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject, ObjectInput, Stored } from '../api/types';
import { createContext } from '../cluster';
import type { ClusterContext, NodeConfig } from '../cluster';
import { Kubelet } from './kubelet';

/**
 * A kubelet on the real engine for tests: a context with the system namespaces, one kubelet per node,
 * and helpers to create pods already bound to a node (no scheduler needed) and read their events.
 */
export interface KubeletHarness {
  ctx: ClusterContext;
  kubelet: Kubelet;
  kubelets: Map<string, Kubelet>;
  /** Events in the order they were first recorded: `Reason: message`. */
  events(pod?: string): string[];
  pod(name: string, namespace?: string): Stored<Pod>;
  createPod(name: string, spec: Record<string, unknown>, opts?: { node?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }): Stored<Pod>;
  /** Advances simulated time by `ms`. */
  advance(ms: number): void;
  now(): number;
}

export const WORKER: NodeConfig = { name: 'node-1', cpu: '2', memory: '4Gi', pods: 110 };

export function kubeletHarness(nodes: NodeConfig[] = [WORKER], seed = 1): KubeletHarness {
  const ctx = createContext({ nodes, seed });
  const api = ctx.api;
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
  }
  const log: Array<{ name: string; uid: string; text: string }> = [];
  api.watch('Event', { resourceVersion: api.resourceVersion }, (e) => {
    if (e.type !== 'ADDED') return;
    const ev = e.object as KubeObject & { reason?: string; message?: string; involvedObject?: { name?: string; uid?: string } };
    log.push({ name: ev.involvedObject?.name ?? '', uid: ev.involvedObject?.uid ?? '', text: `${ev.reason}: ${ev.message}` });
  });
  const kubelets = new Map<string, Kubelet>();
  for (const n of nodes) {
    const k = new Kubelet(ctx, n);
    kubelets.set(n.name, k);
    k.start();
  }
  ctx.clock.runDue();
  return {
    ctx,
    kubelet: kubelets.get(nodes[0]!.name)!,
    kubelets,
    events: (pod) => log.filter((e) => pod === undefined || e.name === pod).map((e) => e.text),
    pod: (name, namespace = 'default') => api.get<Stored<Pod>>('Pod', namespace, name),
    createPod(name, spec, opts = {}) {
      const input: ObjectInput = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: opts.namespace ?? 'default', ...(opts.labels ? { labels: opts.labels } : {}), ...(opts.annotations ? { annotations: opts.annotations } : {}) },
        spec: { nodeName: opts.node ?? nodes[0]!.name, ...spec },
      };
      const p = api.create<Stored<Pod>>(input);
      ctx.clock.runDue();
      return p;
    },
    advance: (ms) => ctx.clock.advance(ms),
    now: () => ctx.clock.now(),
  };
}
