import type { Container, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { Stored } from '../api/types';
import { nodeObject } from './fixtures';
import { insufficientResources, nodeAffinity, podState, taintToleration, toleratesTaint } from './filters';
import { fitErrorMessage } from './fiterror';
import { matchesRequired, requiredNodeAffinity } from './nodeaffinity';
import { HostPortInfo, NodeInfo, podInfoOf } from './nodeinfo';
import type { Node } from 'kubernetes-types/core/v1';
import { podRequests } from './resources';
import { backoffDuration } from './queue';
import { Framework, numFeasibleNodesToFind } from './framework';
import { NodeInfoCache } from './nodeinfo';
import { postFilter } from './preemption';
import { SeededRandom } from '../random';
import { balancedScorer, defaultNormalizeScore, imageLocalityScore, intolerablePreferNoSchedule, isBestEffort, leastAllocatedScorer, nodeResourcesFitScore } from './scores';
import { normalizedImageName } from './nodeinfo';

let uid = 0;
function stored(spec: Pod['spec'], nodeName?: string): Stored<Pod> {
  uid++;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p${uid}`, namespace: 'default', uid: `uid-${uid}`, resourceVersion: '1', creationTimestamp: '2026-01-05T09:00:00Z' },
    spec: { ...spec, containers: spec?.containers ?? [], ...(nodeName ? { nodeName } : {}) },
  } as Stored<Pod>;
}

/** st.MakePod().Req(...).Req(...): one container per request list, quantities as given. */
function req(...lists: Array<Record<string, string>>): Container[] {
  return lists.map((requests, i) => ({ name: `c${i}`, image: 'img', resources: { requests } }));
}

function nodeInfo(name: string, cpu: string | undefined, memory: string | undefined, existing: Container[][] = []): NodeInfo {
  const alloc: Record<string, string> = { pods: '110' };
  if (cpu) alloc.cpu = cpu;
  if (memory) alloc.memory = memory;
  const n = { ...nodeObject(name), status: { allocatable: alloc } };
  const ni = new NodeInfo(name);
  ni.setNode(n as Stored<typeof n>);
  for (const containers of existing) ni.addPod(podInfoOf(stored({ containers }, name)));
  return ni;
}

describe('NodeResourcesFit LeastAllocated (7.4 vectors)', () => {
  const score = (pod: Container[], nodes: NodeInfo[]) => nodes.map((ni) => nodeResourcesFitScore(podState(stored({ containers: pod })), ni));

  it('[SCH10] nothing scheduled, nothing requested: 100 and 100', () => {
    expect(score([], [nodeInfo('n1', '4000', '10000'), nodeInfo('n2', '4000', '10000')])).toEqual([100, 100]);
  });
  it('[SCH10] nothing scheduled, resources requested, differently sized nodes: 37 and 50', () => {
    const pod = req({ cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' });
    expect(score(pod, [nodeInfo('n1', '4000', '10000'), nodeInfo('n2', '6000', '10000')])).toEqual([37, 50]);
  });
  it('[SCH10] no resources requested, pods scheduled with resources: 70 and 57', () => {
    const n1 = nodeInfo('n1', '10000', '20000', [req({ cpu: '3000', memory: '0' }), req({ cpu: '3000', memory: '0' })]);
    const n2 = nodeInfo('n2', '10000', '20000', [req({ cpu: '3000', memory: '0' }), req({ cpu: '3000', memory: '5000' })]);
    expect(score([], [n1, n2])).toEqual([70, 57]);
  });
  it('[SCH10] resources requested, pods scheduled with resources: 57 and 45; differently sized nodes: 57 and 60', () => {
    const pod = req({ cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' });
    const n1 = () => nodeInfo('n1', '10000', '20000', [req({ cpu: '3000', memory: '0' })]);
    expect(score(pod, [n1(), nodeInfo('n2', '10000', '20000', [req({ cpu: '3000', memory: '5000' })])])).toEqual([57, 45]);
    expect(score(pod, [n1(), nodeInfo('n2', '10000', '50000', [req({ cpu: '3000', memory: '5000' })])])).toEqual([57, 60]);
  });
  it('[SCH10] requested resources exceed node capacity: 50 and 25', () => {
    const pod = req({ cpu: '3000', memory: '0' });
    const n1 = nodeInfo('n1', '4000', '10000', [req({ cpu: '3000', memory: '0' })]);
    const n2 = nodeInfo('n2', '4000', '10000', [req({ cpu: '3000', memory: '5000' })]);
    expect(score(pod, [n1, n2])).toEqual([50, 25]);
  });
  it('[SCH10] zero node resources: 0 and 0', () => {
    expect(score([], [nodeInfo('n1', undefined, undefined, [req({ cpu: '3000', memory: '0' })]), nodeInfo('n2', undefined, undefined)])).toEqual([0, 0]);
  });
  it('[SCH10] weights memory:2 cpu:1: 41 and 50', () => {
    const w = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 2 }];
    expect(leastAllocatedScorer([3000, 5000], [4000, 10000], w)).toBe(41);
    expect(leastAllocatedScorer([3000, 5000], [6000, 10000], w)).toBe(50);
  });
  it('[SCH10] a container without requests counts as 100m cpu and 200Mi memory', () => {
    const pod = [{ name: 'app', image: 'nginx' }];
    // cpu (1000-100)*100/1000 = 90; memory (1024Mi-200Mi)*100/1024Mi = 80; mean 85.
    expect(score(pod, [nodeInfo('n1', '1', '1Gi')])).toEqual([85]);
    // An explicit zero is a request of zero, not a missing one.
    expect(score(req({ cpu: '0', memory: '0' }), [nodeInfo('n1', '1', '1Gi')])).toEqual([100]);
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  it('[SCH11] scores 1 minus half the gap between the cpu and memory fractions', () => {
    expect(balancedScorer([3000, 5000], [10000, 20000])).toBe(97); // |0.3 - 0.25| / 2 = 0.025
    expect(balancedScorer([10000, 0], [10000, 20000])).toBe(50);
    expect(balancedScorer([0, 0], [10000, 20000])).toBe(100);
  });
  it('[SCH11] is skipped for pods that request neither cpu nor memory', () => {
    expect(isBestEffort(podState(stored({ containers: [{ name: 'a', image: 'x' }] })))).toBe(true);
    expect(isBestEffort(podState(stored({ containers: req({ cpu: '10m' }) })))).toBe(false);
  });
});

describe('toleration matching (7.5 vectors)', () => {
  const cases: Array<[number, Toleration, Taint, boolean]> = [
    [1, { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }, { key: 'foo', effect: 'NoSchedule' }, true],
    [2, { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }, true],
    [3, { key: '', operator: 'Exists', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }, true],
    [4, { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }, true],
    [5, { key: 'foo', operator: 'Equal', value: 'value1', effect: 'NoSchedule' }, { key: 'foo', value: 'value2', effect: 'NoSchedule' }, false],
    [6, { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoExecute' }, false],
  ];
  it.each(cases)('[SCH5] vector %i', (_n, t, taint, want) => {
    expect(toleratesTaint(t, taint)).toBe(want);
  });
  const gated: Array<[number, Toleration, Taint, boolean]> = [
    [7, { key: 'sla', operator: 'Gt', value: '950' }, { key: 'sla', value: '800', effect: 'NoSchedule' }, false],
    [8, { key: 'sla', operator: 'Gt', value: '750' }, { key: 'sla', value: '950', effect: 'NoSchedule' }, true],
    [9, { key: 'sla', operator: 'Lt', value: '800' }, { key: 'sla', value: '950', effect: 'NoSchedule' }, false],
    [10, { key: 'sla', operator: 'Lt', value: '950' }, { key: 'sla', value: '800', effect: 'NoSchedule' }, true],
    [11, { key: 'sla', operator: 'Gt', value: '950' }, { key: 'sla', value: '950', effect: 'NoSchedule' }, false],
    [12, { key: 'sla', operator: 'Gt', value: '950' }, { key: 'sla', value: 'high', effect: 'NoSchedule' }, false],
    [13, { key: 'k', operator: 'Gt', value: '-100' }, { key: 'k', value: '-200', effect: 'NoSchedule' }, false],
  ];
  it.each(gated)('[SCH5] vector %i with the comparison gate on, and never without it', (_n, t, taint, want) => {
    expect(toleratesTaint(t, taint, true)).toBe(want);
    expect(toleratesTaint(t, taint)).toBe(false);
  });
  it('[SCH5] an empty effect matches every effect; no operator means Equal', () => {
    expect(toleratesTaint({ key: 'a', value: 'b' }, { key: 'a', value: 'b', effect: 'NoExecute' })).toBe(true);
    expect(toleratesTaint({ key: 'a' }, { key: 'a', value: 'b', effect: 'NoExecute' })).toBe(false);
  });
  it('[SCH5] the filter names the first untolerated NoSchedule/NoExecute taint; PreferNoSchedule only scores', () => {
    const ni = nodeInfo('n1', '1', '1Gi');
    ni.taints = [
      { key: 'soft', effect: 'PreferNoSchedule' },
      { key: 'dedicated', value: 'gpu', effect: 'NoExecute' },
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ];
    const plain = podState(stored({ containers: [] }));
    expect(taintToleration(plain, ni)?.reasons).toEqual(['node(s) had untolerated taint {dedicated: gpu}']);
    const tolerant = podState(stored({ containers: [], tolerations: [{ key: 'dedicated', operator: 'Exists' }] }));
    expect(taintToleration(tolerant, ni)?.reasons).toEqual(['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']);
    expect(taintToleration(podState(stored({ containers: [], tolerations: [{ operator: 'Exists' }] })), ni)).toBeUndefined();
    expect(intolerablePreferNoSchedule(ni.taints, [])).toBe(1);
    // A toleration for NoSchedule only does not count for PreferNoSchedule.
    expect(intolerablePreferNoSchedule(ni.taints, [{ key: 'soft', operator: 'Exists', effect: 'NoSchedule' }])).toBe(1);
    expect(intolerablePreferNoSchedule(ni.taints, [{ key: 'soft', operator: 'Exists' }])).toBe(0);
  });
});

describe('nodeSelector and node affinity (7.6 vectors)', () => {
  type Spec = NonNullable<Pod['spec']>;
  const expr = (key: string, operator: string, values?: string[]) => ({ key, operator, ...(values ? { values } : {}) });
  const aff = (terms: unknown): Partial<Spec> => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } } as Partial<Spec>);
  const cases: Array<[number, Partial<Spec>, string, Record<string, string>, boolean]> = [
    [1, {}, 'n', { foo: 'bar' }, true],
    [2, { nodeSelector: { foo: 'bar' } }, 'n', {}, false],
    [3, { nodeSelector: { foo: 'bar' } }, 'n', { foo: 'bar' }, true],
    [4, { nodeSelector: { foo: 'bar' } }, 'n', { foo: 'bar', baz: 'blah' }, true],
    [5, { nodeSelector: { foo: 'bar', baz: 'blah' } }, 'n', { foo: 'bar' }, false],
    [6, aff([{ matchExpressions: [expr('foo', 'In', ['bar', 'value2'])] }]), 'n', { foo: 'bar' }, true],
    [7, aff([{ matchExpressions: [expr('kernel-version', 'Gt', ['0204'])] }]), 'n', { 'kernel-version': '0206' }, true],
    [8, aff([{ matchExpressions: [expr('mem-type', 'NotIn', ['DDR', 'DDR2'])] }]), 'n', { 'mem-type': 'DDR3' }, true],
    [9, aff([{ matchExpressions: [expr('GPU', 'Exists')] }]), 'n', { GPU: 'NVIDIA-GRID-K1' }, true],
    [10, aff([{ matchExpressions: [expr('foo', 'In', ['value1', 'value2'])] }]), 'n', { foo: 'bar' }, false],
    [11, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } } } as Partial<Spec>, 'n', { foo: 'bar' }, false],
    [12, aff([]), 'n', { foo: 'bar' }, false],
    [13, aff([{ matchExpressions: [] }]), 'n', { foo: 'bar' }, false],
    [14, aff([{ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'NotIn', ['AMD', 'INTER'])] }]), 'n', { GPU: 'NVIDIA-GRID-K1' }, true],
    [15, aff([{ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'In', ['AMD', 'INTER'])] }]), 'n', { GPU: 'NVIDIA-GRID-K1' }, false],
    [16, aff([{ matchExpressions: [expr('foo', 'In', ['bar', 'value2'])] }, { matchExpressions: [expr('diffkey', 'In', ['wrong', 'value2'])] }]), 'n', { foo: 'bar' }, true],
    [17, { nodeSelector: { foo: 'bar' }, ...aff([{ matchExpressions: [expr('foo', 'Exists')] }]) }, 'n', { foo: 'bar' }, true],
    [18, { nodeSelector: { foo: 'bar' }, ...aff([{ matchExpressions: [expr('foo', 'Exists')] }]) }, 'n', { foo: 'barrrrrr' }, false],
    [19, aff([{ matchExpressions: [expr('foo', 'NotIn', ['invalid value: ___@#$%^'])] }]), 'n', { foo: 'bar' }, false],
    [20, aff([{ matchFields: [expr('metadata.name', 'In', ['node_1'])] }]), 'node_1', {}, true],
    [21, aff([{ matchFields: [expr('metadata.name', 'In', ['node_1'])] }]), 'node_2', {}, false],
    [22, aff([{ matchFields: [expr('metadata.name', 'In', ['node_1'])] }, { matchExpressions: [expr('foo', 'In', ['bar'])] }]), 'node_2', { foo: 'bar' }, true],
    [23, aff([{ matchFields: [expr('metadata.name', 'In', ['node_1'])], matchExpressions: [expr('foo', 'In', ['bar'])] }]), 'node_2', { foo: 'bar' }, false],
    [24, aff([{ matchFields: [expr('metadata.name', 'In', ['node_1'])], matchExpressions: [expr('foo', 'In', ['bar'])] }]), 'node_1', { foo: 'bar' }, true],
  ];
  it.each(cases)('[SCH6] vector %i', (_n, spec, name, labels, want) => {
    const s = stored({ containers: [], ...spec } as Spec);
    expect(matchesRequired(requiredNodeAffinity(s.spec), { name, labels })).toBe(want);
  });
  it('[SCH6] the filter reason', () => {
    const ni = nodeInfo('n1', '1', '1Gi');
    expect(nodeAffinity(podState(stored({ containers: [], nodeSelector: { disk: 'ssd' } })), ni)?.reasons).toEqual(["node(s) didn't match Pod's node affinity/selector"]);
  });
});

describe('resources and fit', () => {
  it('[SCH8] pod requests: containers add up, init containers take the max, sidecars add, overhead on top', () => {
    const spec = {
      containers: req({ cpu: '2', memory: '1G' }, { cpu: '1', memory: '1G' }),
      initContainers: req({ cpu: '2', memory: '1G' }, { cpu: '2', memory: '3G' }),
    };
    expect(podRequests(spec)).toMatchObject({ milliCPU: 3000, memory: 3e9 });
    const withSidecar = { containers: req({ cpu: '1' }), initContainers: [{ name: 'side', image: 'x', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } }, ...req({ cpu: '2' })] };
    expect(podRequests(withSidecar).milliCPU).toBe(2500); // init 2 runs beside the sidecar: max(1 + 0.5, 2 + 0.5)
    expect(podRequests({ containers: req({ cpu: '100m' }), overhead: { cpu: '250m' } }).milliCPU).toBe(350);
  });
  it('[SCH8] reasons: the pod count first, then every short resource', () => {
    const ni = nodeInfo('n1', '1', '1Gi', [req({ cpu: '800m', memory: '900Mi' })]);
    ni.allocatable.pods = 1;
    const s = podState(stored({ containers: req({ cpu: '500m', memory: '512Mi', 'nvidia.com/gpu': '1' }) }));
    expect(insufficientResources(s.requests, ni)).toEqual(['Too many pods', 'Insufficient cpu', 'Insufficient memory', 'Insufficient nvidia.com/gpu']);
    // A pod that requests nothing is only held back by the pod count.
    expect(insufficientResources(podState(stored({ containers: [] })).requests, ni)).toEqual(['Too many pods']);
  });
  it('[SCH7] host ports: 0.0.0.0 overlaps every address, other addresses only themselves', () => {
    const used = new HostPortInfo();
    used.add({ ip: '127.0.0.1', protocol: 'TCP', port: 8080 });
    expect(used.conflicts({ ip: '0.0.0.0', protocol: 'TCP', port: 8080 })).toBe(true);
    expect(used.conflicts({ ip: '127.0.0.1', protocol: 'TCP', port: 8080 })).toBe(true);
    expect(used.conflicts({ ip: '10.0.0.1', protocol: 'TCP', port: 8080 })).toBe(false);
    expect(used.conflicts({ ip: '127.0.0.1', protocol: 'UDP', port: 8080 })).toBe(false);
    used.add({ ip: '0.0.0.0', protocol: 'UDP', port: 53 });
    expect(used.conflicts({ ip: '10.0.0.1', protocol: 'UDP', port: 53 })).toBe(true);
    used.remove({ ip: '0.0.0.0', protocol: 'UDP', port: 53 });
    expect(used.conflicts({ ip: '10.0.0.1', protocol: 'UDP', port: 53 })).toBe(false);
  });
});

describe('normalisation, messages, back-off', () => {
  it('[SCH12] DefaultNormalizeScore scales to the best node; reversed, all-zero means all 100', () => {
    const a = [0, 0, 0];
    defaultNormalizeScore(100, true, a);
    expect(a).toEqual([100, 100, 100]);
    const b = [1, 2, 0];
    defaultNormalizeScore(100, true, b);
    expect(b).toEqual([50, 0, 100]);
    const c = [3, 10, 0];
    defaultNormalizeScore(100, false, c);
    expect(c).toEqual([30, 100, 0]);
  });
  it('[SCH14] reasons are counted per node and sorted as byte strings', () => {
    const st = (plugin: 'NodeResourcesFit' | 'TaintToleration' | 'NodeUnschedulable', reason: string) => ({ plugin, code: 'Unschedulable' as const, reasons: [reason] });
    const msg = fitErrorMessage({
      numAllNodes: 5,
      statuses: [st('NodeResourcesFit', 'Insufficient memory'), st('NodeResourcesFit', 'Insufficient memory'), st('NodeResourcesFit', 'Insufficient memory'), st('TaintToleration', 'node(s) had untolerated taint {dedicated: gpu}'), st('NodeUnschedulable', 'node(s) were unschedulable')],
      postFilterMsg: 'preemption: 0/5 nodes are available: 5 No preemption victims found for incoming pod.',
    });
    expect(msg).toBe(
      '0/5 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable, 3 Insufficient memory. preemption: 0/5 nodes are available: 5 No preemption victims found for incoming pod.',
    );
    expect(fitErrorMessage({ numAllNodes: 3, statuses: [], absent: ['Preemption is not helpful for scheduling'] })).toBe('0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  });
  it('[SCH3] with 100 nodes or more only an adaptive share must be found feasible', () => {
    expect([50, 100, 1000, 5000, 10000].map(numFeasibleNodesToFind)).toEqual([50, 100, 420, 500, 500]);
  });
  it('[SCH17] back-off is 1 s doubling per attempt up to 10 s', () => {
    expect([1, 2, 3, 4, 5, 6].map(backoffDuration)).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });
});

describe('DefaultPreemption', () => {
  const setup = (spec: Pod['spec']) => {
    const cache = new NodeInfoCache();
    cache.setNode(nodeObject('node-1', { cpu: '1' }) as Stored<Node>);
    const s = podState(stored(spec));
    const attempt = new Framework(cache, new SeededRandom(1)).findFeasible(s);
    const pre = postFilter(s, attempt, cache);
    return fitErrorMessage({ numAllNodes: attempt.numAllNodes, statuses: attempt.rejected.values(), postFilterMsg: pre.message });
  };
  it('[SCH15] a pod with preemptionPolicy Never is not eligible', () => {
    expect(setup({ containers: req({ cpu: '2' }), preemptionPolicy: 'Never' })).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
    expect(setup({ containers: req({ cpu: '2' }) })).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  });
});

describe('ImageLocality', () => {
  it('[SCH26] scores the image size scaled by its spread, clamped to 23 MB .. 1000 MB per container', () => {
    const MB = 1024 * 1024;
    const ni = nodeInfo('n1', '1', '1Gi');
    ni.images = new Map([['nginx:1.27', 500 * MB], ['tiny:1', 5 * MB]]);
    // 500 MB on 1 of 2 nodes = 250 MB: (250 - 23) / (1000 - 23) -> 23.
    expect(imageLocalityScore(['nginx:1.27'], ni, new Map([['nginx:1.27', 1]]), 2)).toBe(23);
    // On every node it counts fully: (500 - 23) / 977 -> 48.
    expect(imageLocalityScore(['nginx:1.27'], ni, new Map([['nginx:1.27', 2]]), 2)).toBe(48);
    expect(imageLocalityScore(['tiny:1'], ni, new Map([['tiny:1', 1]]), 1)).toBe(0);
    expect(imageLocalityScore(['redis:7'], ni, new Map(), 2)).toBe(0);
    expect(normalizedImageName('nginx')).toBe('nginx:latest');
    expect(normalizedImageName('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(normalizedImageName('nginx:1.27')).toBe('nginx:1.27');
  });
});
