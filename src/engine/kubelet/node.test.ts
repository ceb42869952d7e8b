import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Stored } from '../api/types';
import { clone } from '../api/types';
import type { NodeConfig } from '../cluster';
import { kubeletHarness, WORKER } from './testkit';

const CP: NodeConfig = {
  name: 'control-plane',
  cpu: '2',
  memory: '4Gi',
  pods: 110,
  controlPlane: true,
  labels: { 'node-role.kubernetes.io/control-plane': '' },
  taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
};

const node = (h: ReturnType<typeof kubeletHarness>, name = 'node-1') => h.ctx.api.get<Stored<Node>>('Node', undefined, name);
const lease = (h: ReturnType<typeof kubeletHarness>, name = 'node-1') => h.ctx.api.get<Stored<Lease>>('Lease', 'kube-node-lease', name);

describe('kubelet node', () => {
  it('[KL1] registers the Node with labels, taints, capacity, addresses, info and conditions', () => {
    const h = kubeletHarness([CP, WORKER]);
    const cp = node(h, 'control-plane');
    expect(cp.metadata.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'control-plane',
      'kubernetes.io/os': 'linux',
      'node-role.kubernetes.io/control-plane': '',
    });
    expect(cp.spec).toEqual({ podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'], taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
    const n = node(h);
    expect(n.spec?.podCIDR).toBe('10.244.1.0/24');
    expect(n.status?.addresses).toEqual([{ type: 'InternalIP', address: '172.18.0.3' }, { type: 'Hostname', address: 'node-1' }]);
    const capacity = { cpu: '2', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '4Gi', pods: '110' };
    expect(n.status?.capacity).toEqual(capacity);
    expect(n.status?.allocatable).toEqual(capacity);
    expect(n.status?.nodeInfo).toMatchObject({ kubeletVersion: 'v1.33.1', containerRuntimeVersion: 'containerd://2.1.1', operatingSystem: 'linux', architecture: 'amd64' });
    expect(n.status?.nodeInfo?.machineID).toMatch(/^[0-9a-f]{32}$/);
    expect(n.status?.daemonEndpoints).toEqual({ kubeletEndpoint: { Port: 10250 } });
    expect(n.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
    expect(h.events('node-1')).toEqual([
      'Starting: Starting kubelet.',
      'NodeHasSufficientMemory: Node node-1 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure: Node node-1 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID: Node node-1 status is now: NodeHasSufficientPID',
      'NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      'NodeReady: Node node-1 status is now: NodeReady',
    ]);
    // The same seed gives the same machine.
    expect(node(kubeletHarness([CP, WORKER])).status?.nodeInfo).toEqual(n.status?.nodeInfo);
  });

  it('[KL2] renews its Lease every 10 s and posts node status only when it changed or every 5 minutes', () => {
    const h = kubeletHarness();
    const l = lease(h);
    expect(l.spec).toEqual({ holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2026-01-05T09:00:00.000000Z' });
    expect(l.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: node(h).metadata.uid }]);
    h.advance(10_000);
    expect(lease(h).spec?.renewTime).toBe('2026-01-05T09:00:10.000000Z');
    const rv = node(h).metadata.resourceVersion;
    h.advance(4 * 60_000);
    expect(node(h).metadata.resourceVersion).toBe(rv);
    h.advance(60_000);
    expect(node(h).metadata.resourceVersion).not.toBe(rv);
    expect(node(h).status?.conditions?.[3]).toMatchObject({ lastHeartbeatTime: '2026-01-05T09:05:00Z', lastTransitionTime: '2026-01-05T09:00:00Z' });
    // Someone else changes Ready (the node lifecycle controller would): the next check puts it back.
    const n = clone(node(h));
    n.status!.conditions![3] = { ...n.status!.conditions![3]!, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' };
    h.ctx.api.updateStatus(n as never);
    h.advance(10_000);
    expect(node(h).status?.conditions?.[3]).toMatchObject({ status: 'True', reason: 'KubeletReady', lastTransitionTime: '2026-01-05T09:05:20Z' });
    expect(h.events('node-1').filter((e) => e.startsWith('NodeReady'))).toHaveLength(1); // folded: count 2
  });

  it('[KL3] stops renewing its Lease when stopped, and resyncs its pods when started again', () => {
    const h = kubeletHarness();
    h.createPod('keep', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] });
    h.createPod('gone', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] });
    h.advance(10_000);
    h.kubelet.stop();
    const renew = lease(h).spec?.renewTime;
    h.ctx.api.delete('Pod', 'default', 'gone');
    h.createPod('new', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] });
    h.advance(120_000);
    expect(lease(h).spec?.renewTime).toBe(renew);
    expect(h.pod('gone').metadata.deletionTimestamp).toBeDefined(); // nobody to finish the deletion
    expect(h.pod('new').status?.containerStatuses).toBeUndefined();
    h.kubelet.start();
    h.ctx.clock.runDue();
    expect(lease(h).spec?.renewTime).toBe('2026-01-05T09:02:10.000000Z');
    h.advance(35_000);
    expect(h.ctx.api.tryGet('Pod', 'default', 'gone')).toBeUndefined();
    expect(h.pod('new').status?.phase).toBe('Running');
    expect(h.pod('keep').status?.containerStatuses?.[0]?.restartCount).toBe(0);
    expect(h.events('node-1').filter((e) => e.startsWith('Starting'))).toHaveLength(1); // folded: count 2
  });

  it('[KL14] rejects a pod that does not fit the node: OutOfcpu', () => {
    const h = kubeletHarness();
    h.createPod('small', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], resources: { requests: { cpu: '500m' } } }] });
    h.createPod('big', { containers: [{ name: 'c', image: 'busybox:1.36', resources: { requests: { cpu: '3' } } }] });
    h.advance(5_000);
    const p = h.pod('big');
    expect(p.status).toEqual({
      phase: 'Failed',
      reason: 'OutOfcpu',
      message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 500, capacity: 2000",
      qosClass: 'Burstable',
      startTime: '2026-01-05T09:00:00Z',
    });
    expect(h.events('big')).toEqual(["OutOfcpu: Node didn't have enough resource: cpu, requested: 3000, used: 500, capacity: 2000"]);
    expect(h.pod('small').status?.phase).toBe('Running');
  });

  it('[KL15] runs the control plane as static pods with mirror pods, and recreates a deleted mirror', () => {
    const h = kubeletHarness([CP]);
    h.advance(1_000);
    const pods = h.ctx.api.list<Stored<Pod>>('Pod', 'kube-system').items;
    expect(pods.map((p) => p.metadata.name)).toEqual(['etcd-control-plane', 'kube-apiserver-control-plane', 'kube-controller-manager-control-plane', 'kube-scheduler-control-plane']);
    const etcd = pods[0]!;
    const a = etcd.metadata.annotations!;
    expect(a['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
    expect(a['kubernetes.io/config.hash']).toBe(a['kubernetes.io/config.mirror']);
    expect(a['kubernetes.io/config.source']).toBe('file');
    expect(a['kubeadm.kubernetes.io/etcd.advertise-client-urls']).toBe('https://172.18.0.2:2379');
    expect(etcd.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'control-plane', uid: node(h, 'control-plane').metadata.uid, controller: true }]);
    expect(etcd.spec).toMatchObject({ hostNetwork: true, priority: 2000001000, priorityClassName: 'system-node-critical', nodeName: 'control-plane' });
    expect(etcd.status).toMatchObject({ phase: 'Running', podIP: '172.18.0.2', hostIP: '172.18.0.2' });
    expect(etcd.status?.containerStatuses?.[0]).toMatchObject({ image: 'registry.k8s.io/etcd:3.5.21-0', ready: true });
    expect(h.events('kube-apiserver-control-plane')[0]).toBe('Pulled: Container image "registry.k8s.io/kube-apiserver:v1.33.1" already present on machine');

    h.ctx.api.delete('Pod', 'kube-system', 'etcd-control-plane');
    h.advance(1_000);
    const again = h.ctx.api.get<Stored<Pod>>('Pod', 'kube-system', 'etcd-control-plane');
    expect(again.metadata.uid).not.toBe(etcd.metadata.uid);
    expect(again.metadata.deletionTimestamp).toBeUndefined();
    expect(again.status?.phase).toBe('Running');
    // The static pod itself never stopped.
    expect(again.status?.containerStatuses?.[0]?.containerID).toBe(etcd.status?.containerStatuses?.[0]?.containerID);
  });

  it('[KL16] reacts only to its own pods and ignores the echo of its own status writes', () => {
    const h = kubeletHarness([WORKER, { ...WORKER, name: 'node-2' }]);
    const writes = { 'node-1': 0, 'node-2': 0 };
    h.ctx.api.subscribe((e) => {
      const user = e.kind === 'Pod' && e.type === 'MODIFIED' ? (e.object.spec as { nodeName?: string }).nodeName : undefined;
      if (user === 'node-1' || user === 'node-2') writes[user]++;
    });
    h.createPod('web', { containers: [{ name: 'nginx', image: 'nginx:1.25', readinessProbe: { httpGet: { port: 80 } } }] }, { node: 'node-2' });
    h.advance(60_000);
    expect(writes['node-1']).toBe(0);
    // Pending, sandbox ready, running and ready: three writes in a minute of steady probing.
    expect(writes['node-2']).toBe(3);
    // Steady state: the same timers (heartbeats, probes, event TTLs) minute after minute.
    const pending = h.ctx.clock.pending();
    h.advance(60_000);
    expect(h.ctx.clock.pending()).toBe(pending);
    expect(writes['node-2']).toBe(3);
  });
});
