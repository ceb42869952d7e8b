import { describe, expect, it } from 'vitest';
import type { KubeObject } from './api/types';
import { BOOTSTRAP_SETTLE_MS } from './bootstrap';
import { createCluster, DEFAULT_START } from './cluster';

type Node = KubeObject & {
  spec?: { taints?: Array<{ key: string; effect: string }> };
  status?: { capacity?: Record<string, string>; conditions?: Array<{ type: string; status: string }>; nodeInfo?: { kubeletVersion?: string } };
};
type Pod = KubeObject & { spec: { nodeName?: string }; status?: { phase?: string; conditions?: Array<{ type: string; status: string }> } };

const ready = (o: { status?: { conditions?: Array<{ type: string; status: string }> } }) => o.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';

describe('the default cluster', () => {
  const cluster = createCluster({ seed: 1 });
  const api = cluster.api;

  it('[CL1] is a kubeadm/kind cluster: a tainted control-plane node and three 2-CPU 4Gi workers, all Ready', () => {
    const nodes = api.list<Node>('Node').items;
    expect(nodes.map((n) => n.metadata.name)).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(nodes.every(ready)).toBe(true);
    const cp = nodes[0]!;
    expect(cp.metadata.labels).toHaveProperty('node-role.kubernetes.io/control-plane', '');
    expect(cp.spec?.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    for (const w of nodes.slice(1)) {
      expect(w.spec?.taints ?? []).toEqual([]);
      expect(w.status?.capacity).toMatchObject({ cpu: '2', memory: '4Gi', pods: '110' });
    }
  });

  it('[CL2] has the system namespaces and Services', () => {
    expect(api.list('Namespace').items.map((n) => n.metadata.name).sort()).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    const svc = api.list<KubeObject & { spec: { clusterIP: string } }>('Service').items.map((s) => `${s.metadata.namespace}/${s.metadata.name} ${s.spec.clusterIP}`);
    expect(svc.sort()).toEqual(['default/kubernetes 10.96.0.1', 'kube-system/kube-dns 10.96.0.10']);
  });

  it('[CL3] runs the control plane as static pods, CoreDNS (2 replicas) and kube-proxy on every node, all Running and Ready', () => {
    const pods = api.list<Pod>('Pod', 'kube-system').items;
    const names = pods.map((p) => p.metadata.name);
    for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) expect(names).toContain(`${c}-control-plane`);
    expect(names.filter((n) => n.startsWith('coredns-'))).toHaveLength(2);
    const proxies = pods.filter((p) => p.metadata.name.startsWith('kube-proxy-'));
    expect(proxies.map((p) => p.spec.nodeName).sort()).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(pods.every((p) => p.status?.phase === 'Running' && ready(p))).toBe(true);
    // CoreDNS tolerates the control-plane taint but prefers nothing: it lands on workers or the control plane.
    expect(pods.filter((p) => p.metadata.name.startsWith('coredns-')).every((p) => p.spec.nodeName)).toBe(true);
  });

  it('[CL4] starts a few minutes old: the system has settled, and the clock is where the bootstrap left it', () => {
    expect(cluster.now()).toBe(DEFAULT_START + BOOTSTRAP_SETTLE_MS);
    expect(api.list<Pod>('Pod', 'default').items).toEqual([]);
  });

  it('[CL5] node count, size and names are configurable', () => {
    const small = createCluster({ seed: 3, workers: 1, workerCpu: '4', workerMemory: '8Gi' });
    const nodes = small.api.list<Node>('Node').items;
    expect(nodes.map((n) => n.metadata.name)).toEqual(['control-plane', 'node-1']);
    expect(nodes[1]!.status?.capacity).toMatchObject({ cpu: '4', memory: '8Gi' });
    const custom = createCluster({ seed: 3, nodes: [{ name: 'solo', cpu: '8', memory: '16Gi', pods: 50, controlPlane: true }] });
    expect(custom.api.list<Node>('Node').items.map((n) => `${n.metadata.name} ${n.status?.capacity?.pods}`)).toEqual(['solo 50']);
  });
});
