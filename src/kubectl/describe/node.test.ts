import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { clone } from '../../engine/api/types';
import { podRequestsAndLimits } from './node';
import { bareApi, envOf, run, runningWeb } from './testkit';

describe('kubectl describe node', () => {
  it('[KC-DESC10] describes a worker node with its lease, conditions, pods and allocated resources', () => {
    const c = runningWeb();
    const node = c.api.get<Node>('Node', undefined, 'node-1');
    const info = node.status!.nodeInfo!;
    const pods = c.api.list<Pod>('Pod', undefined, { fieldSelector: 'spec.nodeName=node-1' }).items;
    const webPods = pods.filter((p) => p.metadata!.namespace === 'default').map((p) => p.metadata!.name!);
    const proxy = pods.find((p) => p.metadata!.namespace === 'kube-system')!.metadata!.name!;
    expect(webPods).toHaveLength(2);
    const r = run(envOf(c), 'describe', 'node', 'node-1');
    expect(r.stdout).toBe(`Name:               node-1
Roles:              <none>
Labels:             beta.kubernetes.io/arch=amd64
                    beta.kubernetes.io/os=linux
                    kubernetes.io/arch=amd64
                    kubernetes.io/hostname=node-1
                    kubernetes.io/os=linux
Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock
                    node.alpha.kubernetes.io/ttl: 0
                    volumes.kubernetes.io/controller-managed-attach-detach: true
CreationTimestamp:  Mon, 05 Jan 2026 09:00:00 +0000
Taints:             <none>
Unschedulable:      false
Lease:
  HolderIdentity:  node-1
  AcquireTime:     <unset>
  RenewTime:       Mon, 05 Jan 2026 09:04:00 +0000
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   False   Mon, 05 Jan 2026 09:03:10 +0000   Mon, 05 Jan 2026 09:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
  DiskPressure     False   Mon, 05 Jan 2026 09:03:10 +0000   Mon, 05 Jan 2026 09:00:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
  PIDPressure      False   Mon, 05 Jan 2026 09:03:10 +0000   Mon, 05 Jan 2026 09:00:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
  Ready            True    Mon, 05 Jan 2026 09:03:10 +0000   Mon, 05 Jan 2026 09:00:00 +0000   KubeletReady                 kubelet is posting ready status
Addresses:
  InternalIP:  172.18.0.3
  Hostname:    node-1
Capacity:
  cpu:                2
  ephemeral-storage:  102626232Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             4Gi
  pods:               110
Allocatable:
  cpu:                2
  ephemeral-storage:  102626232Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             4Gi
  pods:               110
System Info:
  Machine ID:                 ${info.machineID}
  System UUID:                ${info.systemUUID}
  Boot ID:                    ${info.bootID}
  Kernel Version:             6.8.0-60-generic
  OS Image:                   Debian GNU/Linux 12 (bookworm)
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://2.1.1
  Kubelet Version:            v1.33.1
  Kube-Proxy Version:         
PodCIDR:                      10.244.1.0/24
PodCIDRs:                     10.244.1.0/24
Non-terminated Pods:          (3 in total)
  Namespace                   Name                    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                    ------------  ----------  ---------------  -------------  ---
  default                     ${webPods[0]}    100m (5%)     500m (25%)  128Mi (3%)       256Mi (6%)     60s
  default                     ${webPods[1]}    100m (5%)     500m (25%)  128Mi (3%)       256Mi (6%)     60s
  kube-system                 ${proxy}        0 (0%)        0 (0%)      0 (0%)           0 (0%)         4m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                200m (10%)  1 (50%)
  memory             256Mi (6%)  512Mi (12%)
  ephemeral-storage  0 (0%)      0 (0%)
  hugepages-1Gi      0 (0%)      0 (0%)
  hugepages-2Mi      0 (0%)      0 (0%)
Events:
  Type    Reason                   Age   From     Message
  ----    ------                   ----  ----     -------
  Normal  Starting                 4m    kubelet  Starting kubelet.
  Normal  NodeHasSufficientMemory  4m    kubelet  Node node-1 status is now: NodeHasSufficientMemory
  Normal  NodeHasNoDiskPressure    4m    kubelet  Node node-1 status is now: NodeHasNoDiskPressure
  Normal  NodeHasSufficientPID     4m    kubelet  Node node-1 status is now: NodeHasSufficientPID
  Normal  NodeAllocatableEnforced  4m    kubelet  Updated Node Allocatable limit across pods
  Normal  NodeReady                4m    kubelet  Node node-1 status is now: NodeReady
`);
  });

  it('[KC-DESC10] shows roles and taints of the control plane, and cordoning as Unschedulable: true', () => {
    const c = runningWeb();
    const cp = clone(c.api.get<Node & { metadata: { name: string } }>('Node', undefined, 'control-plane'));
    cp.spec = {
      ...cp.spec,
      unschedulable: true,
      taints: [
        ...(cp.spec?.taints ?? []),
        { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
        { key: 'dedicated', value: 'infra', effect: 'NoExecute' },
      ],
    };
    c.api.update(cp);
    const out = run(envOf(c), 'describe', 'no', 'control-plane', '--show-events=false').stdout;
    expect(out).toMatch(/^Name: {15}control-plane\nRoles: {14}control-plane\n/);
    expect(out).toContain(`Taints:             dedicated=infra:NoExecute
                    node-role.kubernetes.io/control-plane:NoSchedule
                    node.kubernetes.io/unschedulable:NoSchedule
Unschedulable:      true
`);
    expect(out).not.toContain('Events:');
  });

  it('[KC-DESC10] a node without a lease says so, and lists no pods', () => {
    const ctx = bareApi();
    ctx.api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'lonely' } });
    const out = run(envOf(ctx), 'describe', 'node', 'lonely').stdout;
    expect(out).toContain(
      'Lease:              Failed to get lease: leases.coordination.k8s.io "lonely" not found\n',
    );
    expect(out).toContain(`Non-terminated Pods:          (0 in total)
  Namespace                   Name    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----    ------------  ----------  ---------------  -------------  ---
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests  Limits
  --------           --------  ------
  cpu                0 (0%)    0 (0%)
  memory             0 (0%)    0 (0%)
  ephemeral-storage  0 (0%)    0 (0%)
Events:              <none>
`);
  });

  it('[KC-DESC10] pod requests: containers summed, sidecars added, the largest init container as a floor', () => {
    const pod: Pod = {
      spec: {
        initContainers: [
          { name: 'setup', resources: { requests: { cpu: '900m', memory: '64Mi' } } },
          {
            name: 'proxy',
            restartPolicy: 'Always',
            resources: { requests: { cpu: '100m', memory: '32Mi' } },
          },
          { name: 'late', resources: { requests: { cpu: '200m', memory: '512Mi' } } },
        ],
        containers: [
          { name: 'a', resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '1' } } },
          { name: 'b', resources: { requests: { cpu: '250m' } } },
        ],
        overhead: { cpu: '10m' },
      },
    };
    const { reqs, limits } = podRequestsAndLimits(pod);
    // cpu: max(250+250+100, 900, 200+100) + 10 = 910m; memory: max(128+32, 64, 512+32) = 544Mi.
    expect(String(reqs.get('cpu'))).toBe('910m');
    expect(String(reqs.get('memory'))).toBe('544Mi');
    expect(String(limits.get('cpu'))).toBe('1010m');
  });
});
