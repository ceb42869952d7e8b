import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from './api/types';
import { clone } from './api/types';
import { createCluster } from './cluster';
import type { Cluster } from './cluster';
import { milliValue, quantityValue } from './kubelet/resources';

/**
 * Whole-cluster properties (spec/cluster.md, INV): random sequences of what learners and trainers do
 * (create, scale, re-image and delete Deployments, take nodes down and up, crash pods, let time pass)
 * against the real engine, with the invariants checked at every write and at the end.
 */

type Pod = KubeObject & {
  spec: { nodeName?: string; containers: Array<{ resources?: { requests?: Record<string, string> } }> };
  status?: { phase?: string };
};
type Deploy = KubeObject & {
  spec: { replicas: number; template: { spec: { containers: Array<{ image: string }> } } };
  status?: { replicas?: number; readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number };
};
type Node = KubeObject & { status?: { allocatable?: Record<string, string> } };

const NAMES = ['web', 'api', 'db'] as const;
const NODES = ['node-1', 'node-2', 'node-3'] as const;
const IMAGES = ['nginx:1.27', 'nginx:1.28', 'httpd:2.4'] as const;

type Op =
  | { op: 'create'; name: string; replicas: number; cpu: string; image: string }
  | { op: 'scale'; name: string; replicas: number }
  | { op: 'image'; name: string; image: string }
  | { op: 'delete'; name: string; policy: 'Background' | 'Foreground' | 'Orphan' }
  | { op: 'down' | 'up'; node: string }
  | { op: 'crash'; index: number }
  | { op: 'wait'; ms: number };

const name = fc.constantFrom(...NAMES);
/** `cpus`: the requests to draw from; heavy ones fill the 2-CPU workers so scheduling has to say no. */
const opArb = (cpus: readonly string[]): fc.Arbitrary<Op> => fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('create' as const), name, replicas: fc.integer({ min: 0, max: 5 }), cpu: fc.constantFrom(...cpus), image: fc.constantFrom(...IMAGES) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('scale' as const), name, replicas: fc.integer({ min: 0, max: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('image' as const), name, image: fc.constantFrom(...IMAGES) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), name, policy: fc.constantFrom('Background' as const, 'Foreground' as const, 'Orphan' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('down' as const, 'up' as const), node: fc.constantFrom(...NODES) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('crash' as const), index: fc.nat(20) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 400_000 }) }) },
);

/** Every run starts from the three Deployments, so the operations have something to act on. */
const start = (cpu: string): Op[] => NAMES.map((n, i) => ({ op: 'create', name: n, replicas: 2 + i, cpu, image: 'nginx:1.27' }));
const LIGHT = ['0', '50m', '100m'];
const HEAVY = ['100m', '500m', '700m'];
const ops = (max: number, cpus: readonly string[] = LIGHT) => fc.array(opArb(cpus), { minLength: 1, maxLength: max }).map((rest) => [...start(cpus[cpus.length - 1]!), ...rest]);

function deployment(op: Extract<Op, { op: 'create' }>): KubeObject {
  const requests = op.cpu === '0' ? {} : { requests: { cpu: op.cpu, memory: '32Mi' } };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: op.name, namespace: 'default' },
    spec: {
      replicas: op.replicas,
      selector: { matchLabels: { app: op.name } },
      template: { metadata: { labels: { app: op.name } }, spec: { containers: [{ name: 'main', image: op.image, resources: requests }] } },
    },
  } as unknown as KubeObject;
}

/** Applies one operation as a client would; API errors (NotFound, AlreadyExists) are the client's to see. */
function apply(c: Cluster, op: Op): void {
  const api = c.api;
  const tryApi = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (!(e && typeof e === 'object' && 'status' in e)) throw e;
    }
  };
  switch (op.op) {
    case 'create':
      return tryApi(() => api.create(deployment(op)));
    case 'scale':
      return tryApi(() => api.updateScale('Deployment', 'default', op.name, op.replicas));
    case 'image':
      return tryApi(() => {
        const d = clone(api.get<Deploy>('Deployment', 'default', op.name));
        d.spec.template.spec.containers[0]!.image = op.image;
        api.update(d);
      });
    case 'delete':
      return tryApi(() => api.delete('Deployment', 'default', op.name, { propagationPolicy: op.policy }));
    case 'down':
      return c.nodeDown(op.node);
    case 'up':
      return c.nodeUp(op.node);
    case 'crash': {
      const running = api.list<Pod>('Pod', 'default').items.filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
      const p = running[op.index % Math.max(1, running.length)];
      // A pod on a node that is down has no kubelet to crash it: that is not an invariant breach.
      if (p) tryCrash(c, p);
      return;
    }
    case 'wait':
      return c.advance(op.ms);
  }
}

function tryCrash(c: Cluster, p: Pod): void {
  try {
    c.crash('default', p.metadata.name);
  } catch (e) {
    if (!(e instanceof Error && /no running container|is not running/.test(e.message))) throw e;
  }
}

/** Watches every write: rv order, bindings, and per-node requests against allocatable. */
function watchInvariants(c: Cluster): string[] {
  const broken: string[] = [];
  let lastRv = Number(c.api.list('Node').resourceVersion);
  const boundTo = new Map<string, string>();
  c.api.subscribe((e) => {
    const rv = Number(e.object.metadata.resourceVersion);
    if (!(rv > lastRv)) broken.push(`INV3 resourceVersion ${rv} after ${lastRv}`);
    lastRv = rv;
    if (e.kind !== 'Pod') return;
    const pod = e.object as Pod;
    const node = pod.spec.nodeName;
    const before = boundTo.get(pod.metadata.uid);
    if (before && node !== before) broken.push(`INV1 pod ${pod.metadata.name} moved from ${before} to ${node ?? '(none)'}`);
    if (node) boundTo.set(pod.metadata.uid, node);
    if (node && e.type !== 'DELETED') {
      const over = overcommitted(c, node);
      if (over) broken.push(`INV2 ${over}`);
    }
  });
  return broken;
}

function overcommitted(c: Cluster, nodeName: string): string | undefined {
  const node = c.api.tryGet<Node>('Node', undefined, nodeName);
  const alloc = node?.status?.allocatable;
  if (!alloc) return undefined;
  let cpu = 0;
  let mem = 0;
  for (const p of c.api.list<Pod>('Pod', undefined, { fieldSelector: `spec.nodeName=${nodeName}` }).items) {
    if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    for (const ct of p.spec.containers) {
      cpu += milliValue(ct.resources?.requests?.cpu);
      mem += quantityValue(ct.resources?.requests?.memory);
    }
  }
  if (cpu > milliValue(alloc.cpu)) return `${nodeName}: cpu requests ${cpu}m > allocatable ${alloc.cpu}`;
  if (mem > quantityValue(alloc.memory)) return `${nodeName}: memory requests ${mem} > allocatable ${alloc.memory}`;
  return undefined;
}

/** Everything the API server holds, in a fixed order: the cluster's state, byte for byte. */
function snapshot(c: Cluster): string {
  const kinds = ['Namespace', 'Node', 'Lease', 'Pod', 'ReplicaSet', 'Deployment', 'DaemonSet', 'Service', 'Endpoints', 'Event', 'ConfigMap', 'ServiceAccount'];
  return JSON.stringify(kinds.map((k) => c.api.list(k).items));
}

function run(seed: number, ops: readonly Op[]): { cluster: Cluster; broken: string[] } {
  const cluster = createCluster({ seed, workers: 3 });
  const broken = watchInvariants(cluster);
  for (const op of ops) apply(cluster, op);
  return { cluster, broken };
}

const RUNS = { seed: 20261122, numRuns: 15, endOnFailure: true } as const;

describe('whole-cluster invariants, for any sequence of operations', () => {
  it('[INV1] [INV2] [INV3] a pod is bound once, node requests stay within allocatable, resourceVersions only grow', () => {
    fc.assert(
      fc.property(ops(20, HEAVY), (list) => {
        const { broken } = run(1, list);
        expect(broken).toEqual([]);
      }),
      RUNS,
    );
  });

  it('[INV4] [INV5] with every node back, Deployments converge and nothing is left owned by a missing owner', () => {
    fc.assert(
      fc.property(ops(20), (list) => {
        const { cluster } = run(2, list);
        for (const n of NODES) cluster.nodeUp(n);
        cluster.advance(15 * 60_000);
        const api = cluster.api;
        for (const d of api.list<Deploy>('Deployment', 'default').items) {
          const want = d.spec.replicas;
          expect({ name: d.metadata.name, ready: d.status?.readyReplicas ?? 0, updated: d.status?.updatedReplicas ?? 0, total: d.status?.replicas ?? 0 }).toEqual({
            name: d.metadata.name,
            ready: want,
            updated: want,
            total: want,
          });
          const live = api.list<Pod>('Pod', 'default', { labelSelector: `app=${d.metadata.name}` }).items.filter((p) => !p.metadata.deletionTimestamp && p.metadata.ownerReferences?.length);
          expect(live).toHaveLength(want);
        }
        const uids = new Set<string>();
        const all = ['Pod', 'ReplicaSet', 'Deployment'].flatMap((k) => api.list(k).items);
        for (const o of all) uids.add(o.metadata.uid);
        for (const o of all) {
          for (const ref of o.metadata.ownerReferences ?? []) {
            if (ref.kind === 'Node' || ref.kind === 'DaemonSet') continue;
            expect(uids.has(ref.uid), `${o.kind} ${o.metadata.name} owned by missing ${ref.kind} ${ref.name}`).toBe(true);
          }
        }
      }),
      { ...RUNS, numRuns: 8 },
    );
  });

  it('[INV6] the same seed and the same operations give the same cluster, byte for byte; another seed does not', () => {
    fc.assert(
      fc.property(ops(10), (list) => {
        const withCreate: Op[] = [...list, { op: 'wait', ms: 30_000 }];
        const a = snapshot(run(7, withCreate).cluster);
        const b = snapshot(run(7, withCreate).cluster);
        expect(a === b).toBe(true);
        const c = snapshot(run(8, withCreate).cluster);
        expect(c === a).toBe(false);
      }),
      { ...RUNS, numRuns: 5 },
    );
  });
});

describe('the invariant checks themselves', () => {
  it('[INV2] see a node whose pods ask for more than it has (a pod placed by nodeName skips the scheduler)', () => {
    const cluster = createCluster({ seed: 1, workers: 1 });
    const broken = watchInvariants(cluster);
    cluster.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'big', namespace: 'default' },
      spec: { nodeName: 'node-1', containers: [{ name: 'main', image: 'nginx:1.27', resources: { requests: { cpu: '3' } } }] },
    } as unknown as KubeObject);
    expect(broken.some((b) => b.startsWith('INV2 node-1: cpu requests'))).toBe(true);
    // The kubelet refuses it (OutOfcpu): a Failed pod no longer counts.
    cluster.advance(5_000);
    expect(cluster.api.get<Pod>('Pod', 'default', 'big').status?.phase).toBe('Failed');
    expect(overcommitted(cluster, 'node-1')).toBeUndefined();
  });
});
