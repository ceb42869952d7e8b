import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import { SeededRandom } from '../random';
import type { Harness } from './fixtures';
import { harness, nodeObject, podObject } from './fixtures';
import { podState } from './filters';
import { Framework } from './framework';
import { NodeInfoCache } from './nodeinfo';

const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const };

/** kubeadm's shape: a tainted control plane and three 2-cpu workers. */
function defaultCluster(seed = 1): Harness {
  return harness({ seed, nodes: [['control-plane', { taints: [CONTROL_PLANE_TAINT] }], ['node-1'], ['node-2'], ['node-3']] });
}

const condition = (h: Harness, pod: string) => h.pod(pod).status?.conditions?.find((c) => c.type === 'PodScheduled');

describe('placing pods', () => {
  it('[SCH1] schedules pods for default-scheduler or with no scheduler name, and leaves the others', () => {
    const h = defaultCluster();
    h.addPod('a');
    h.addPod('b', { spec: { schedulerName: 'default-scheduler' } });
    h.addPod('c', { spec: { schedulerName: 'my-scheduler' } });
    h.run();
    expect(h.nodeOf('a')).toMatch(/^node-/);
    expect(h.nodeOf('b')).toMatch(/^node-/);
    expect(h.nodeOf('c')).toBeUndefined();
    expect(h.events('c')).toEqual([]);
  });

  it('[SCH2] binds through pods/binding and records the Scheduled event', () => {
    const h = defaultCluster();
    h.addPod('web-abc');
    h.run();
    const pod = h.pod('web-abc');
    const node = pod.spec?.nodeName;
    expect(node).toMatch(/^node-[123]$/);
    expect(condition(h, 'web-abc')).toMatchObject({ status: 'True' });
    const ev = h.events('web-abc');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ type: 'Normal', reason: 'Scheduled', message: `Successfully assigned default/web-abc to ${node}`, source: { component: 'default-scheduler' } });
  });

  it('[SCH19] spreads equal pods evenly over equal nodes', () => {
    const h = defaultCluster();
    for (let i = 0; i < 30; i++) h.addPod(`p${i}`, { cpu: '50m', memory: '64Mi' });
    h.run();
    const per = new Map<string, number>();
    for (let i = 0; i < 30; i++) per.set(h.nodeOf(`p${i}`) ?? '', (per.get(h.nodeOf(`p${i}`) ?? '') ?? 0) + 1);
    expect(Object.fromEntries(per)).toEqual({ 'node-1': 10, 'node-2': 10, 'node-3': 10 });
  });

  it('[SCH19] spreads request-less pods too (the non-zero defaults count)', () => {
    const h = harness({ nodes: [['node-1'], ['node-2']] });
    for (let i = 0; i < 10; i++) h.addPod(`p${i}`);
    h.run();
    const onOne = Array.from({ length: 10 }, (_, i) => h.nodeOf(`p${i}`)).filter((n) => n === 'node-1').length;
    expect(onOne).toBe(5);
  });

  it('[SCH13] the same seed gives the same placement; ties are broken by the seeded source', () => {
    const placement = (seed: number) => {
      const h = harness({ seed, nodes: [['node-1'], ['node-2'], ['node-3'], ['node-4']] });
      for (let i = 0; i < 12; i++) h.addPod(`p${i}`, { cpu: `${100 + (i % 3) * 100}m` });
      h.run();
      return Array.from({ length: 12 }, (_, i) => h.nodeOf(`p${i}`));
    };
    expect(placement(7)).toEqual(placement(7));
    const seeds = [1, 2, 3, 4, 5, 6].map((s) => placement(s)[0]);
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });

  it('[SCH12] PreferNoSchedule taints and preferred node affinity steer the choice', () => {
    const h = harness({ nodes: [['node-1', { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] }], ['node-2', { labels: { disk: 'hdd' } }], ['node-3', { labels: { disk: 'ssd' } }]] });
    h.addPod('plain');
    h.addPod('wants-ssd', {
      spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } } },
    });
    h.run();
    expect(h.nodeOf('plain')).not.toBe('node-1');
    expect(h.nodeOf('wants-ssd')).toBe('node-3');
  });

  it('[SCH26] prefers the node that already has the image', () => {
    const h = harness({ nodes: [['node-1'], ['node-2']] });
    const node = h.ctx.api.get<{ status: object }>('Node', undefined, 'node-2');
    h.ctx.api.updateStatus({ ...node, status: { ...node.status, images: [{ names: ['docker.io/library/nginx:1.27', 'nginx:1.27'], sizeBytes: 500 * 1024 * 1024 }] } } as never);
    for (let i = 0; i < 3; i++) h.addPod(`web-${i}`, { cpu: '10m' });
    h.run();
    expect([0, 1, 2].map((i) => h.nodeOf(`web-${i}`))).toEqual(['node-2', 'node-2', 'node-2']);
  });

  it('[SCH9] requests never exceed allocatable, whatever the nodes and pods', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cpu: fc.integer({ min: 1, max: 8 }), memGi: fc.integer({ min: 1, max: 8 }), pods: fc.integer({ min: 1, max: 10 }) }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.record({ cpuM: fc.integer({ min: 0, max: 3000 }), memMi: fc.integer({ min: 0, max: 4096 }) }), { minLength: 1, maxLength: 40 }),
        (nodes, pods) => {
          const h = harness({ nodes: nodes.map((n, i) => [`node-${i}`, { cpu: String(n.cpu), memory: `${n.memGi}Gi`, pods: n.pods }] as [string, object]) });
          pods.forEach((p, i) => h.addPod(`p${i}`, { cpu: `${p.cpuM}m`, memory: `${p.memMi}Mi` }));
          h.run();
          const used = new Map<string, { cpu: number; mem: number; n: number }>();
          pods.forEach((p, i) => {
            const node = h.nodeOf(`p${i}`);
            if (!node) {
              expect(h.events(`p${i}`).some((e) => e.reason === 'FailedScheduling')).toBe(true);
              return;
            }
            const u = used.get(node) ?? { cpu: 0, mem: 0, n: 0 };
            used.set(node, { cpu: u.cpu + p.cpuM, mem: u.mem + p.memMi, n: u.n + 1 });
          });
          nodes.forEach((n, i) => {
            const u = used.get(`node-${i}`) ?? { cpu: 0, mem: 0, n: 0 };
            expect(u.cpu).toBeLessThanOrEqual(n.cpu * 1000);
            expect(u.mem).toBeLessThanOrEqual(n.memGi * 1024);
            expect(u.n).toBeLessThanOrEqual(n.pods);
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('when no node fits', () => {
  const FITERROR =
    '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';

  it('[SCH14] FailedScheduling names every node once: control-plane taint and insufficient cpu', () => {
    const h = defaultCluster();
    h.addPod('big', { cpu: '3' });
    h.run();
    expect(h.nodeOf('big')).toBeUndefined();
    const ev = h.events('big');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ type: 'Warning', reason: 'FailedScheduling', message: FITERROR, source: { component: 'default-scheduler' } });
  });

  it('[SCH16] sets PodScheduled=False/Unschedulable with the message, and rewrites it only when it changes', () => {
    const h = defaultCluster();
    h.addPod('big', { cpu: '3' });
    h.run();
    expect(condition(h, 'big')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: FITERROR, lastProbeTime: null });
    const rv = h.pod('big').metadata.resourceVersion;
    // A node that does not fit either: the pod is tried again with the same outcome but one node more.
    h.addNode('node-4', { cpu: '1' });
    h.ctx.clock.advance(1000);
    const msg5 = FITERROR.replaceAll('0/4', '0/5').replace('3 Insufficient cpu', '4 Insufficient cpu').replace('3 No preemption', '4 No preemption');
    expect(condition(h, 'big')?.message).toBe(msg5);
    const rv2 = h.pod('big').metadata.resourceVersion;
    expect(rv2).not.toBe(rv);
    // The same outcome again: an event count grows, the pod is not rewritten.
    h.ctx.clock.advance(5 * 60_000);
    expect(h.pod('big').metadata.resourceVersion).toBe(rv2);
    const failed = h.events('big').filter((e) => e.message === msg5);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.count).toBe(2);
  });

  it('[SCH14] with no nodes at all', () => {
    const h = harness();
    h.addPod('lonely');
    h.run();
    expect(h.events('lonely')[0]?.message).toBe('no nodes available to schedule pods');
    // No plugin rejected it, so it is retried after its back-off, not on events.
    h.addNode('node-1');
    h.run();
    expect(h.nodeOf('lonely')).toBeUndefined();
    h.ctx.clock.advance(1000);
    expect(h.nodeOf('lonely')).toBe('node-1');
  });

  it('[SCH3] a node reports only the first plugin that rejects it', () => {
    const h = harness({ nodes: [['node-1', { cpu: '1', unschedulable: true, taints: [CONTROL_PLANE_TAINT] }], ['node-2', { cpu: '1', taints: [CONTROL_PLANE_TAINT] }], ['node-3', { cpu: '1', labels: { disk: 'hdd' } }]] });
    h.addPod('p', { cpu: '2', spec: { nodeSelector: { disk: 'ssd' } } });
    h.run();
    expect(h.events('p')[0]?.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('[SCH4] a cordoned node is skipped unless the pod tolerates the unschedulable taint', () => {
    const h = harness({ nodes: [['node-1', { unschedulable: true }]] });
    h.addPod('a');
    h.addPod('b', { spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] } });
    h.run();
    expect(h.nodeOf('a')).toBeUndefined();
    expect(h.events('a')[0]?.message).toBe('0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
    expect(h.nodeOf('b')).toBe('node-1');
  });

  it('[SCH6] matchFields on metadata.name narrows the nodes before filtering', () => {
    const h = defaultCluster();
    h.addPod('pinned', {
      cpu: '3',
      spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] }] } } } },
    });
    h.run();
    expect(h.events('pinned')[0]?.message).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
    );
  });

  it('[SCH7] host port conflicts', () => {
    const h = harness({ nodes: [['node-1']] });
    const withPort = { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }] };
    h.addPod('a', withPort);
    h.addPod('b', withPort);
    h.run();
    expect(h.nodeOf('a')).toBe('node-1');
    expect(h.events('b')[0]?.message).toBe("0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
  });

  it('[SCH15] a higher-priority pod evicts the fewest lower-priority pods and is nominated', () => {
    const h = harness({ nodes: [['node-1', { cpu: '2' }], ['node-2', { cpu: '2' }]] });
    h.addPod('low-1', { cpu: '1500m', spec: { priorityClassName: 'system-cluster-critical' } });
    h.addPod('low-2', { cpu: '1500m' });
    h.run();
    const victimNode = h.nodeOf('low-2');
    h.addPod('high', { cpu: '1', spec: { priorityClassName: 'system-node-critical' } });
    h.run();
    // The least important victim goes: low-2 (priority 0, not 2000000000).
    expect(h.pod('low-2').metadata.deletionTimestamp).toBeDefined();
    expect(h.pod('low-2').status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod' });
    expect(h.events('low-2').find((e) => e.reason === 'Preempted')?.message).toBe(`Preempted by pod ${h.pod('high').metadata.uid} on node ${victimNode}`);
    expect(h.pod('low-1').metadata.deletionTimestamp).toBeUndefined();
    expect(h.pod('high').status?.nominatedNodeName).toBe(victimNode);
    expect(condition(h, 'high')?.message).toBe('0/2 nodes are available: 2 Insufficient cpu.');
    // While the victim terminates the pod waits rather than preempting more.
    h.addNode('node-3', { cpu: '500m' });
    h.ctx.clock.advance(1000);
    expect(condition(h, 'high')?.message).toBe('0/3 nodes are available: 3 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.');
    // The victim is gone (its kubelet finished it): the pod lands on the nominated node.
    h.ctx.api.delete('Pod', 'default', 'low-2', { gracePeriodSeconds: 0 });
    h.ctx.clock.advance(2000);
    expect(h.nodeOf('high')).toBe(victimNode);
  });
});

describe('the queue', () => {
  it('[SCH18] a pending pod is scheduled once a node is added', () => {
    const h = defaultCluster();
    h.addPod('big', { cpu: '3' });
    h.run();
    h.addNode('node-4', { cpu: '4' });
    // Moved to backoffQ, and with nothing else to do the scheduler takes it at once (SchedulerPopFromBackoffQ).
    h.run();
    expect(h.nodeOf('big')).toBe('node-4');
  });

  it('[SCH18] a pending pod is scheduled once a pod frees room, and not on unrelated changes', () => {
    const h = harness({ nodes: [['node-1', { cpu: '1' }]] });
    h.addPod('hog', { cpu: '800m' });
    h.addPod('waiting', { cpu: '500m' });
    h.run();
    expect(h.nodeOf('waiting')).toBeUndefined();
    h.ctx.clock.advance(30_000);
    // A heartbeat-like status change moves nothing: still exactly one attempt.
    const node = h.ctx.api.get<{ status: { conditions: Array<Record<string, string>> } }>('Node', undefined, 'node-1');
    h.ctx.api.updateStatus({ ...node, status: { ...node.status, conditions: [{ ...node.status.conditions[0], lastHeartbeatTime: '2026-01-05T09:00:30Z' }] } } as never);
    h.ctx.clock.advance(30_000);
    expect(h.events('waiting')[0]?.count).toBe(1);
    h.ctx.api.delete('Pod', 'default', 'hog', { gracePeriodSeconds: 0 });
    h.run();
    expect(h.nodeOf('waiting')).toBe('node-1');
  });

  it('[SCH18] an unschedulable pod is retried after 5 minutes without any event', () => {
    const h = harness({ nodes: [['node-1', { cpu: '1' }]] });
    h.addPod('big', { cpu: '2' });
    h.run();
    h.ctx.clock.advance(5 * 60_000 - 1);
    expect(h.events('big')[0]?.count).toBe(1);
    h.ctx.clock.advance(1);
    expect(h.events('big')[0]?.count).toBe(2);
  });

  it('[SCH17] higher priority first, then arrival order', () => {
    const h = harness({ nodes: [['node-1', { cpu: '1' }]] });
    h.addPod('first', { cpu: '600m' });
    h.addPod('urgent', { cpu: '600m', spec: { priorityClassName: 'system-cluster-critical' } });
    h.run();
    expect(h.nodeOf('urgent')).toBe('node-1');
    expect(h.nodeOf('first')).toBeUndefined();
    const h2 = harness({ nodes: [['node-1', { cpu: '1' }]] });
    h2.addPod('first', { cpu: '600m' });
    h2.addPod('second', { cpu: '600m' });
    h2.run();
    expect(h2.nodeOf('first')).toBe('node-1');
  });

  it('[SCH20] gated pods wait until their gates are removed', () => {
    const h = harness({ nodes: [['node-1']] });
    h.addPod('gated', { spec: { schedulingGates: [{ name: 'example.com/wait' }] } });
    h.run();
    expect(h.nodeOf('gated')).toBeUndefined();
    expect(condition(h, 'gated')).toMatchObject({ reason: 'SchedulingGated' });
    const pod = h.pod('gated');
    h.ctx.api.update({ ...pod, spec: { ...pod.spec, schedulingGates: [] } });
    h.run();
    expect(h.nodeOf('gated')).toBe('node-1');
  });

  it('[SCH21] finished pods free their requests; a pod being deleted still holds them', () => {
    const h = harness({ nodes: [['node-1', { cpu: '1' }]] });
    h.addPod('job', { cpu: '800m' });
    h.run();
    const job = h.pod('job');
    h.ctx.api.updateStatus({ ...job, status: { ...job.status, phase: 'Succeeded' } });
    h.addPod('next', { cpu: '800m' });
    h.run();
    expect(h.nodeOf('next')).toBe('node-1');
    h.ctx.api.delete('Pod', 'default', 'next', { gracePeriodSeconds: 30 });
    h.addPod('third', { cpu: '800m' });
    h.run();
    expect(h.nodeOf('third')).toBeUndefined();
  });
});

describe('topology', () => {
  it('[SCH22] DoNotSchedule spread constraints cap the skew between domains', () => {
    const h = harness({ nodes: [['node-1', { labels: { zone: 'a' } }], ['node-2', { labels: { zone: 'b' } }], ['node-3']] });
    const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] };
    for (let i = 0; i < 4; i++) h.addPod(`web-${i}`, { labels: { app: 'web' }, spec: spread });
    h.run();
    const zones = Array.from({ length: 4 }, (_, i) => h.nodeOf(`web-${i}`)).sort();
    expect(zones).toEqual(['node-1', 'node-1', 'node-2', 'node-2']);
    // One more in zone a by hand (a=3, b=2), then a pod that may only go to zone a: skew 3 + 1 - 2 > 1.
    h.addPod('manual', { labels: { app: 'web' }, spec: { nodeName: 'node-1' } });
    const ignoreSelector = { topologySpreadConstraints: [{ ...spread.topologySpreadConstraints[0]!, nodeAffinityPolicy: 'Ignore' }], nodeSelector: { zone: 'a' } };
    h.addPod('web-4', { labels: { app: 'web' }, spec: ignoreSelector });
    h.run();
    expect(h.events('web-4')[0]?.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
    // Without the selector it goes to zone b; node-3 has no zone label at all.
    const from = h.ctx.trace.lastSeq;
    h.addPod('web-5', { labels: { app: 'web' }, spec: spread });
    h.run();
    expect(h.nodeOf('web-5')).toBe('node-2');
    expect(h.ctx.trace.since(from).map((e) => e.message)).toContain("node-3 filtered out by PodTopologySpread: node(s) didn't match pod topology spread constraints (missing required label)");
  });

  it('[SCH23] required anti-affinity keeps replicas apart; affinity follows a matching pod', () => {
    const h = harness({ nodes: [['node-1'], ['node-2']] });
    const anti = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } } }] } } };
    for (let i = 0; i < 3; i++) h.addPod(`db-${i}`, { labels: { app: 'db' }, spec: anti });
    h.run();
    expect(new Set([h.nodeOf('db-0'), h.nodeOf('db-1')])).toEqual(new Set(['node-1', 'node-2']));
    expect(h.events('db-2')[0]?.message).toBe("0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.");
    // A plain pod matching the selector is kept off both nodes by the existing pods' anti-affinity.
    h.addPod('intruder', { labels: { app: 'db' } });
    h.run();
    expect(h.events('intruder')[0]?.message).toContain("2 node(s) didn't satisfy existing pods anti-affinity rules");
    const near = { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'cache' } } }] } } };
    h.addPod('cache', { labels: { app: 'cache' } });
    h.run();
    h.addPod('client', { spec: near });
    h.run();
    expect(h.nodeOf('client')).toBe(h.nodeOf('cache'));
  });
});

describe('explaining itself', () => {
  it('[SCH24] one summary per decision, per-node reasons in a small cluster', () => {
    const h = defaultCluster();
    const from = h.ctx.trace.lastSeq;
    h.addPod('web');
    h.addPod('big', { cpu: '3' });
    h.run();
    const entries = h.ctx.trace.since(from).filter((e) => e.component === 'kube-scheduler');
    const msgs = entries.map((e) => `${e.actor}: ${e.message}`);
    expect(msgs).toContain('TaintToleration: control-plane filtered out by TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
    expect(msgs.find((m) => m.startsWith('DefaultBinder: scored'))).toMatch(/^DefaultBinder: scored node-\d=\d+ node-\d=\d+ node-\d=\d+; 3 nodes tied for the best score, picked one at random; bound to node-\d$/);
    expect(msgs).toContain('NodeResourcesFit: node-2 filtered out by NodeResourcesFit: Insufficient cpu');
    expect(msgs.filter((m) => m.startsWith('default-scheduler: cannot place the pod'))).toHaveLength(1);
  });

  it('[SCH24] large clusters group the filter reasons', () => {
    const h = harness({ nodes: Array.from({ length: 20 }, (_, i) => [`node-${i + 1}`, {}] as [string, object]) });
    const from = h.ctx.trace.lastSeq;
    h.addPod('ok');
    h.addPod('big', { cpu: '3' });
    h.run();
    const msgs = h.ctx.trace.since(from).filter((e) => e.component === 'kube-scheduler').map((e) => e.message);
    expect(msgs.some((m) => m.includes('filtered out') && m.includes('ok'))).toBe(false);
    expect(msgs).toContain('node-1, node-2, node-3 and 17 more filtered out by NodeResourcesFit: Insufficient cpu');
    expect(msgs.find((m) => m.startsWith('scored 20 nodes, best'))).toBeDefined();
  });

  it('[SCH25] the scheduler itself places 5,000 pods on 100 nodes in well under a second', () => {
    // The scheduler's own work, without the API server: filter, score, pick, assume.
    const cache = new NodeInfoCache();
    for (let i = 1; i <= 100; i++) cache.setNode(nodeObject(`node-${i}`, { cpu: '32', memory: '64Gi' }) as Stored<Node>);
    const fw = new Framework(cache, new SeededRandom(1));
    const pods = Array.from({ length: 5000 }, (_, i) => ({ ...podObject(`p-${i}`, { cpu: '100m', memory: '128Mi' }), metadata: { name: `p-${i}`, namespace: 'default', uid: `u${i}`, resourceVersion: '1', creationTimestamp: '2026-01-05T09:00:00Z' } }) as Stored<Pod>);
    const t0 = performance.now();
    for (const pod of pods) {
      const s = podState(pod);
      const attempt = fw.findFeasible(s);
      const best = fw.selectHost(fw.score(s, attempt.feasible))?.best;
      cache.upsertPod({ ...pod, spec: { ...pod.spec!, nodeName: best!.node.name } });
    }
    const ms = performance.now() - t0;
    const per = cache.list().map((ni) => ni.pods.size);
    expect(Math.min(...per)).toBeGreaterThanOrEqual(44);
    expect(ms).toBeLessThan(1000);
  });

  it('[SCH25] end to end through the API server, 5,000 pods on 100 nodes all land, evenly', () => {
    const h = harness({ nodes: Array.from({ length: 100 }, (_, i) => [`node-${i + 1}`, { cpu: '32', memory: '64Gi' }] as [string, object]) });
    const t = performance.now();
    for (let i = 0; i < 5000; i++) h.addPod(`p-${i}`, { cpu: '100m', memory: '128Mi', labels: { app: 'bench' } });
    const t0 = performance.now();
    h.run();
    const ms = performance.now() - t0;
    const createMs = t0 - t;
    const counts = new Map<string, number>();
    for (const p of h.ctx.api.list<{ spec: { nodeName?: string } }>('Pod').items) counts.set(p.spec.nodeName ?? '', (counts.get(p.spec.nodeName ?? '') ?? 0) + 1);
    expect(counts.get('')).toBeUndefined();
    // Integer scores tie in bands and ties are drawn at random, so the spread is even but not exact.
    expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(6);
    // Most of this is the API server writing two objects per pod (the binding and the Scheduled
    // event); the bounds are loose for busy machines but catch a cost that grows with the pod count.
    expect(ms).toBeLessThan(Math.max(3 * createMs, 3000));
  });
});
