import { describe, expect, it } from 'vitest';
import type { KubeObject } from './api/types';
import { BOOTSTRAP_SETTLE_MS } from './bootstrap';
import { createCluster, DEFAULT_START } from './cluster';

type Condition = { type: string; status: string; lastTransitionTime?: string };
type Node = KubeObject & {
  spec?: { podCIDR?: string; taints?: Array<{ key: string; effect: string }> };
  status?: { capacity?: Record<string, string>; allocatable?: Record<string, string>; conditions?: Condition[] };
};
type Pod = KubeObject & {
  spec: { nodeName?: string; priorityClassName?: string };
  status?: { phase?: string; podIP?: string; conditions?: Condition[]; containerStatuses?: Array<{ restartCount: number; ready: boolean }> };
};
type Workload = KubeObject & { spec: { replicas?: number }; status?: Record<string, number> };

const ready = (o: { status?: { conditions?: Condition[] } }) => o.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
const owner = (o: KubeObject) => o.metadata.ownerReferences?.filter((r) => r.controller).map((r) => `${r.kind}/${r.name}`);
const prefixed = (pods: Pod[], prefix: string) => pods.filter((p) => p.metadata.name.startsWith(prefix));

describe('the default cluster', () => {
  const cluster = createCluster({ seed: 1 });
  const api = cluster.api;
  const systemPods = api.list<Pod>('Pod', 'kube-system').items;

  it('[CL1] is a kubeadm/kind cluster: a tainted control-plane node and three 2-CPU 4Gi workers, all Ready', () => {
    const nodes = api.list<Node>('Node').items;
    expect(nodes.map((n) => n.metadata.name)).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(nodes.every(ready)).toBe(true);
    const cp = nodes[0]!;
    expect(cp.metadata.labels).toMatchObject({ 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'control-plane', 'kubernetes.io/os': 'linux' });
    expect(cp.spec?.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    for (const w of nodes.slice(1)) {
      expect(w.spec?.taints ?? []).toEqual([]);
      expect(w.metadata.labels).not.toHaveProperty('node-role.kubernetes.io/control-plane');
      expect(w.status?.capacity).toMatchObject({ cpu: '2', memory: '4Gi', pods: '110' });
      expect(w.status?.allocatable).toMatchObject({ cpu: '2', memory: '4Gi', pods: '110' });
    }
    // One pod CIDR per node out of kind's 10.244.0.0/16, and one heartbeat Lease per node, owned by it.
    expect(nodes.map((n) => n.spec?.podCIDR)).toEqual(['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24', '10.244.3.0/24']);
    expect(api.list('Lease', 'kube-node-lease').items.map((l) => `${l.metadata.name} ${(l.metadata.ownerReferences ?? []).map((r) => `${r.kind}/${r.name}`).join()}`)).toEqual(
      nodes.map((n) => `${n.metadata.name} Node/${n.metadata.name}`),
    );
  });

  it('[CL2] has the system namespaces, the kubernetes and kube-dns Services, and kube-dns has the CoreDNS pods as endpoints', () => {
    expect(api.list('Namespace').items.map((n) => n.metadata.name).sort()).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    type Svc = KubeObject & { spec: { clusterIP: string; ports: Array<{ port: number; protocol: string; targetPort: number }> } };
    const svc = api.list<Svc>('Service').items.map((s) => `${s.metadata.namespace}/${s.metadata.name} ${s.spec.clusterIP} ${s.spec.ports.map((p) => `${p.port}/${p.protocol}->${p.targetPort}`).join(',')}`);
    expect(svc.sort()).toEqual(['default/kubernetes 10.96.0.1 443/TCP->6443', 'kube-system/kube-dns 10.96.0.10 53/UDP->53,53/TCP->53,9153/TCP->9153']);
    type Ep = KubeObject & { subsets?: Array<{ addresses?: Array<{ ip: string }> }> };
    const ips = (ns: string, name: string) => (api.get<Ep>('Endpoints', ns, name).subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
    expect(ips('default', 'kubernetes')).toEqual(['172.18.0.2']);
    expect(ips('kube-system', 'kube-dns')).toEqual(prefixed(systemPods, 'coredns-').map((p) => p.status!.podIP!).sort());
    // Every namespace gets its default ServiceAccount and the kube-root-ca.crt ConfigMap.
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      expect(api.tryGet('ServiceAccount', ns, 'default'), ns).toBeDefined();
      expect(api.tryGet('ConfigMap', ns, 'kube-root-ca.crt'), ns).toBeDefined();
    }
  });

  it('[CL3] runs the control plane as static pods, CoreDNS (2 replicas) and kube-proxy on every node, all Running and Ready', () => {
    const statics = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((c) => `${c}-control-plane`);
    for (const name of statics) {
      const p = systemPods.find((x) => x.metadata.name === name);
      // Mirror pods: the kubelet runs them from its manifests; the API object is owned by the Node.
      expect(p && { node: p.spec.nodeName, owner: owner(p), priority: p.spec.priorityClassName }, name).toEqual({ node: 'control-plane', owner: ['Node/control-plane'], priority: 'system-node-critical' });
    }
    const coredns = api.get<Workload>('Deployment', 'kube-system', 'coredns');
    expect(coredns.spec.replicas).toBe(2);
    expect(coredns.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2 });
    const rs = api.list<Workload>('ReplicaSet', 'kube-system').items;
    expect(rs.map((r) => owner(r))).toEqual([['Deployment/coredns']]);
    const dnsPods = prefixed(systemPods, 'coredns-');
    expect(dnsPods.map((p) => owner(p))).toEqual([[`ReplicaSet/${rs[0]!.metadata.name}`], [`ReplicaSet/${rs[0]!.metadata.name}`]]);

    const ds = api.get<Workload>('DaemonSet', 'kube-system', 'kube-proxy');
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 4, currentNumberScheduled: 4, numberReady: 4, numberMisscheduled: 0 });
    const proxies = prefixed(systemPods, 'kube-proxy-');
    expect(proxies.map((p) => p.spec.nodeName).sort()).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(proxies.every((p) => owner(p)?.join() === 'DaemonSet/kube-proxy')).toBe(true);

    expect(systemPods).toHaveLength(statics.length + 2 + 4);
    const notReady = systemPods.filter((p) => !(p.status?.phase === 'Running' && ready(p) && p.status.containerStatuses?.every((c) => c.ready && c.restartCount === 0)));
    expect(notReady.map((p) => p.metadata.name)).toEqual([]);
  });

  it('[CL4] starts settled: the system pods were Ready within a minute of start, nothing warned, the default namespace is empty', () => {
    expect(cluster.now()).toBe(DEFAULT_START + BOOTSTRAP_SETTLE_MS);
    for (const p of systemPods) {
      const since = Date.parse(p.status!.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime!) - DEFAULT_START;
      expect(since, p.metadata.name).toBeLessThanOrEqual(60_000);
    }
    expect(api.list<KubeObject & { type: string; reason: string }>('Event').items.filter((e) => e.type !== 'Normal').map((e) => e.reason)).toEqual([]);
    for (const kind of ['Pod', 'ReplicaSet', 'Deployment', 'DaemonSet']) expect(api.list(kind, 'default').items, kind).toEqual([]);
  });

  it('[CL5] node count, size and names are configurable, and kube-proxy follows the nodes', () => {
    const small = createCluster({ seed: 3, workers: 1, workerCpu: '4', workerMemory: '8Gi' });
    const nodes = small.api.list<Node>('Node').items;
    expect(nodes.map((n) => n.metadata.name)).toEqual(['control-plane', 'node-1']);
    expect(nodes[1]!.status?.capacity).toMatchObject({ cpu: '4', memory: '8Gi' });
    const five = createCluster({ seed: 3, workers: 5 });
    const proxies = prefixed(five.api.list<Pod>('Pod', 'kube-system').items, 'kube-proxy-');
    expect(proxies.map((p) => p.spec.nodeName).sort()).toEqual(['control-plane', 'node-1', 'node-2', 'node-3', 'node-4', 'node-5']);
    expect(proxies.every((p) => ready(p))).toBe(true);
    const custom = createCluster({ seed: 3, nodes: [{ name: 'solo', cpu: '8', memory: '16Gi', pods: 50, controlPlane: true }] });
    expect(custom.api.list<Node>('Node').items.map((n) => `${n.metadata.name} ${n.status?.capacity?.pods}`)).toEqual(['solo 50']);
  });

  it('[CL6] the same seed builds the same cluster; another seed gives other generated names and uids', () => {
    const dump = (seed: number) => {
      const c = createCluster({ seed });
      return c.api.registry.all().flatMap((t) => c.api.list(t.kind).items);
    };
    const a = dump(1);
    expect(JSON.stringify(dump(1))).toBe(JSON.stringify(a));
    const b = dump(2);
    const generated = (objs: KubeObject[]) => objs.filter((o) => o.metadata.generateName).map((o) => o.metadata.name).sort();
    expect(generated(a).length).toBeGreaterThan(0);
    expect(generated(b)).not.toEqual(generated(a));
    expect(b.map((o) => o.metadata.uid)).not.toEqual(a.map((o) => o.metadata.uid));
  });
});
