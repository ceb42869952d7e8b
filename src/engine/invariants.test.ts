import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from './api/types';
import { clone } from './api/types';
import { createCluster } from './cluster';
import type { Cluster } from './cluster';
import { milliValue, quantityValue } from './kubelet/resources';

/**
 * Whole-cluster properties (spec/cluster.md, INV): random sequences of what learners and trainers do
 * (create, scale, re-image and delete Deployments and bare ReplicaSets with random requests, take nodes
 * down and up, crash or delete pods, let time pass) against the real engine, with the invariants checked
 * at every write and at the end. fast-check runs from a fixed seed, so a failure reproduces; it prints
 * the shrunk counterexample.
 */

type Container = { name: string; image: string; resources?: { requests?: Record<string, string>; limits?: Record<string, string> } };
type Pod = KubeObject & {
  spec: { nodeName?: string; containers: Container[]; initContainers?: Container[] };
  status?: { phase?: string; conditions?: Array<{ type: string; status: string }> };
};
type Workload = KubeObject & {
  spec: { replicas: number; template: { spec: { containers: Container[] } } };
  status?: { replicas?: number; readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number; observedGeneration?: number };
};
type Node = KubeObject & { status?: { allocatable?: Record<string, string> } };

const DEPLOYMENTS = ['web', 'api', 'db'] as const;
const REPLICASETS = ['rs-a', 'rs-b'] as const;
const NODES = ['node-1', 'node-2', 'node-3'] as const;
const IMAGES = ['nginx:1.27', 'nginx:1.28', 'httpd:2.4'] as const;
type Kind = 'Deployment' | 'ReplicaSet';
type Policy = 'Background' | 'Foreground' | 'Orphan';

type Op =
  | { op: 'create'; kind: Kind; name: string; replicas: number; cpu: string; memory: string; image: string }
  | { op: 'scale'; kind: Kind; name: string; replicas: number }
  | { op: 'image'; kind: Kind; name: string; image: string }
  | { op: 'delete'; kind: Kind; name: string; policy: Policy }
  | { op: 'down' | 'up'; node: string }
  | { op: 'crash' | 'delete-pod' | 'force-delete-pod'; index: number }
  /** What a learner does to a Deployment's ReplicaSet by hand: the Deployment controller answers. */
  | { op: 'owned-rs'; index: number; replicas: number | 'delete' }
  | { op: 'wait'; ms: number };

/** Requests to draw from; HEAVY fills the 2-CPU 4Gi workers so the scheduler and kubelet have to say no. */
interface Sizes {
  cpu: readonly string[];
  memory: readonly string[];
}
const LIGHT: Sizes = { cpu: ['0', '50m', '100m'], memory: ['0', '32Mi', '64Mi'] };
const HEAVY: Sizes = { cpu: ['0', '100m', '500m', '700m'], memory: ['0', '64Mi', '1Gi', '1500Mi'] };

const kindName = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('Deployment' as const), name: fc.constantFrom(...DEPLOYMENTS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ReplicaSet' as const), name: fc.constantFrom(...REPLICASETS) }) },
);
const replicas = fc.integer({ min: 0, max: 5 });
const policy = fc.constantFrom<Policy>('Background', 'Foreground', 'Orphan');

const opArb = (sizes: Sizes): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.tuple(kindName, replicas, fc.constantFrom(...sizes.cpu), fc.constantFrom(...sizes.memory), fc.constantFrom(...IMAGES)).map(([k, r, cpu, memory, image]): Op => ({ op: 'create', ...k, replicas: r, cpu, memory, image })) },
    { weight: 3, arbitrary: fc.tuple(kindName, replicas).map(([k, r]): Op => ({ op: 'scale', ...k, replicas: r })) },
    { weight: 2, arbitrary: fc.tuple(kindName, fc.constantFrom(...IMAGES)).map(([k, image]): Op => ({ op: 'image', ...k, image })) },
    { weight: 1, arbitrary: fc.tuple(kindName, policy).map(([k, p]): Op => ({ op: 'delete', ...k, policy: p })) },
    { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('down' as const, 'up' as const), node: fc.constantFrom(...NODES) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('crash' as const, 'delete-pod' as const, 'force-delete-pod' as const), index: fc.nat(20) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('owned-rs' as const), index: fc.nat(5), replicas: fc.oneof(replicas, fc.constant('delete' as const)) }) },
    // Short waits land mid-rollout, mid-pull and mid-termination; long ones pass the 40 s node grace and 300 s eviction.
    { weight: 4, arbitrary: fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 400_000 })).map((ms): Op => ({ op: 'wait', ms })) },
  );

/** Every run starts with the three Deployments and one ReplicaSet, so the operations have something to act on. */
const start = (sizes: Sizes): Op[] => [
  ...DEPLOYMENTS.map((n, i): Op => ({ op: 'create', kind: 'Deployment', name: n, replicas: 2 + i, cpu: sizes.cpu[1]!, memory: sizes.memory[1]!, image: 'nginx:1.27' })),
  { op: 'create', kind: 'ReplicaSet', name: 'rs-a', replicas: 2, cpu: sizes.cpu[1]!, memory: sizes.memory[1]!, image: 'httpd:2.4' },
];
// size 'max': lengths spread over [max / 2, max] (fast-check's default size keeps arrays at a handful).
const ops = (max: number, sizes: Sizes = LIGHT) =>
  fc.array(opArb(sizes), { minLength: Math.ceil(max / 2), maxLength: max, size: 'max' }).map((rest) => [...start(sizes), ...rest]);

function workload(op: Extract<Op, { op: 'create' }>): KubeObject {
  const requests: Record<string, string> = {};
  if (op.cpu !== '0') requests.cpu = op.cpu;
  if (op.memory !== '0') requests.memory = op.memory;
  return {
    apiVersion: 'apps/v1',
    kind: op.kind,
    metadata: { name: op.name, namespace: 'default' },
    spec: {
      replicas: op.replicas,
      selector: { matchLabels: { app: op.name } },
      template: { metadata: { labels: { app: op.name } }, spec: { containers: [{ name: 'main', image: op.image, resources: { requests } }] } },
    },
  } as unknown as KubeObject;
}

const isApiError = (e: unknown) => !!e && typeof e === 'object' && 'status' in e;
const tryApi = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    // NotFound, AlreadyExists, Conflict: the client's to see, not an invariant breach.
    if (!isApiError(e)) throw e;
  }
};

const livePods = (c: Cluster) => c.api.list<Pod>('Pod', 'default').items.filter((p) => !p.metadata.deletionTimestamp);

/**
 * Applies one operation as a client would (kubectl create / scale / set image / delete, `sim`). With
 * `react`, the controllers react before the next operation, as after each command of a session
 * (session.ts); without, consecutive writes land in the same instant, as from concurrent clients.
 */
function apply(c: Cluster, op: Op, react = false): void {
  applyOp(c, op);
  if (react) c.runDue();
}

function applyOp(c: Cluster, op: Op): void {
  const api = c.api;
  switch (op.op) {
    case 'create':
      return tryApi(() => api.create(workload(op)));
    case 'scale':
      return tryApi(() => api.updateScale(op.kind, 'default', op.name, op.replicas));
    case 'image':
      return tryApi(() => {
        const w = clone(api.get<Workload>(op.kind, 'default', op.name));
        w.spec.template.spec.containers[0]!.image = op.image;
        api.update(w);
      });
    case 'delete':
      return tryApi(() => api.delete(op.kind, 'default', op.name, { propagationPolicy: op.policy }));
    case 'down':
      return c.nodeDown(op.node);
    case 'up':
      return c.nodeUp(op.node);
    case 'crash': {
      const running = livePods(c).filter((p) => p.status?.phase === 'Running');
      const p = running[op.index % Math.max(1, running.length)];
      if (!p) return;
      try {
        c.crash('default', p.metadata.name);
      } catch (e) {
        // A pod whose container is already down, or whose node's kubelet is stopped, has nothing to crash.
        if (!(e instanceof Error && /no running container|is not running/.test(e.message))) throw e;
      }
      return;
    }
    case 'delete-pod':
    case 'force-delete-pod': {
      // kubectl delete pod, or with --force --grace-period=0 (the object goes at once, even from a node that is down).
      const pods = op.op === 'delete-pod' ? livePods(c) : c.api.list<Pod>('Pod', 'default').items;
      const p = pods[op.index % Math.max(1, pods.length)];
      if (p) tryApi(() => api.delete('Pod', 'default', p.metadata.name, op.op === 'force-delete-pod' ? { gracePeriodSeconds: 0 } : {}));
      return c.runDue();
    }
    case 'owned-rs': {
      const owned = api.list<Workload>('ReplicaSet', 'default').items.filter((rs) => rs.metadata.ownerReferences?.some((r) => r.kind === 'Deployment'));
      const rs = owned[op.index % Math.max(1, owned.length)];
      if (!rs) return;
      const name = rs.metadata.name;
      tryApi(() => (op.replicas === 'delete' ? api.delete('ReplicaSet', 'default', name) : api.updateScale('ReplicaSet', 'default', name, op.replicas)));
      return c.runDue();
    }
    case 'wait':
      return c.advance(op.ms);
  }
}

/** The requests a pod holds on its node: sum of containers, at least each init container (resourcehelper.PodRequests). */
function requestsOf(p: Pod): { cpu: number; memory: number } {
  const one = (ct: Container) => ({
    cpu: milliValue(ct.resources?.requests?.cpu ?? ct.resources?.limits?.cpu),
    memory: quantityValue(ct.resources?.requests?.memory ?? ct.resources?.limits?.memory),
  });
  const sum = { cpu: 0, memory: 0 };
  for (const ct of p.spec.containers) {
    const r = one(ct);
    sum.cpu += r.cpu;
    sum.memory += r.memory;
  }
  for (const ct of p.spec.initContainers ?? []) {
    const r = one(ct);
    sum.cpu = Math.max(sum.cpu, r.cpu);
    sum.memory = Math.max(sum.memory, r.memory);
  }
  return sum;
}

function overcommitted(c: Cluster, nodeName: string): string | undefined {
  const alloc = c.api.tryGet<Node>('Node', undefined, nodeName)?.status?.allocatable;
  if (!alloc) return undefined;
  let cpu = 0;
  let memory = 0;
  let pods = 0;
  for (const p of c.api.list<Pod>('Pod', undefined, { fieldSelector: `spec.nodeName=${nodeName}` }).items) {
    if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    const r = requestsOf(p);
    cpu += r.cpu;
    memory += r.memory;
    pods++;
  }
  if (cpu > milliValue(alloc.cpu)) return `${nodeName}: cpu requests ${cpu}m > allocatable ${alloc.cpu}`;
  if (memory > quantityValue(alloc.memory)) return `${nodeName}: memory requests ${memory} > allocatable ${alloc.memory}`;
  if (pods > Number(alloc.pods)) return `${nodeName}: ${pods} pods > allocatable ${alloc.pods}`;
  return undefined;
}

/** Watches every write: INV1 bindings, INV2 per-node requests, INV3 resourceVersion order and uniqueness. */
function watchInvariants(c: Cluster): string[] {
  const broken: string[] = [];
  let lastRv = Number(c.api.list('Node').resourceVersion);
  const seenRv = new Set<number>();
  const boundTo = new Map<string, string>();
  c.api.subscribe((e) => {
    const rv = Number(e.object.metadata.resourceVersion);
    if (seenRv.has(rv)) broken.push(`INV3 resourceVersion ${rv} written twice (${e.kind} ${e.object.metadata.name})`);
    if (!(rv > lastRv)) broken.push(`INV3 resourceVersion ${rv} after ${lastRv} (${e.kind} ${e.object.metadata.name})`);
    seenRv.add(rv);
    lastRv = Math.max(lastRv, rv);
    if (e.kind !== 'Pod') return;
    const pod = e.object as Pod;
    const node = pod.spec.nodeName;
    const before = boundTo.get(pod.metadata.uid);
    if (before && node !== before) broken.push(`INV1 pod ${pod.metadata.name} moved from ${before} to ${node ?? '(none)'}`);
    if (node) boundTo.set(pod.metadata.uid, node);
    if (node && e.type !== 'DELETED') {
      const over = overcommitted(c, node);
      if (over) broken.push(`INV2 ${over} (after ${e.type} of pod ${pod.metadata.name})`);
    }
  });
  return broken;
}

/** Every kind the API server serves, every object, in store order: the cluster's state, byte for byte. */
function snapshot(c: Cluster): string {
  return JSON.stringify(c.api.registry.all().map((t) => [t.kind, c.api.list(t.kind).items]));
}

function run(seed: number, list: readonly Op[], react = false): { cluster: Cluster; broken: string[] } {
  const cluster = createCluster({ seed, workers: NODES.length });
  const broken = watchInvariants(cluster);
  for (const op of list) apply(cluster, op, react);
  return { cluster, broken };
}

/** INV4/INV5 after the operations: every node up, time enough to settle. Returns what did not hold. */
function settledViolations(cluster: Cluster): string[] {
  for (const n of NODES) cluster.nodeUp(n);
  cluster.advance(15 * 60_000);
  const api = cluster.api;
  const out: string[] = [];
  // Every namespace: the learner's workloads and the system's (CoreDNS, kube-proxy, the control plane).
  const pods = api.list<Pod>('Pod').items;
  const rss = api.list<Workload>('ReplicaSet').items;
  const ownedBy = <T extends KubeObject>(items: T[], uid: string) => items.filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === uid && r.controller));
  const runningReady = (p: Pod) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running' && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

  for (const d of api.list<Workload>('Deployment').items) {
    const want = d.spec.replicas;
    const s = d.status ?? {};
    const got = { ready: s.readyReplicas ?? 0, updated: s.updatedReplicas ?? 0, total: s.replicas ?? 0, observed: s.observedGeneration };
    const exp = { ready: want, updated: want, total: want, observed: d.metadata.generation };
    if (JSON.stringify(got) !== JSON.stringify(exp)) out.push(`INV4 Deployment ${d.metadata.name}: status ${JSON.stringify(got)}, want ${JSON.stringify(exp)}`);
    const mine = ownedBy(rss, d.metadata.uid);
    const active = mine.filter((rs) => rs.spec.replicas > 0 || (rs.status?.replicas ?? 0) > 0);
    if (want > 0 && active.length !== 1) out.push(`INV4 Deployment ${d.metadata.name}: ${active.length} active ReplicaSets (${active.map((r) => r.metadata.name).join(', ')})`);
    const image = d.spec.template.spec.containers[0]!.image;
    const podsOfD = mine.flatMap((rs) => ownedBy(pods, rs.metadata.uid)).filter((p) => !p.metadata.deletionTimestamp);
    const good = podsOfD.filter((p) => runningReady(p) && p.spec.containers[0]!.image === image);
    if (podsOfD.length !== want || good.length !== want) out.push(`INV4 Deployment ${d.metadata.name}: ${podsOfD.length} pods, ${good.length} Ready on ${image}; want ${want}`);
  }
  for (const rs of rss) {
    const want = rs.spec.replicas;
    const mine = ownedBy(pods, rs.metadata.uid).filter((p) => !p.metadata.deletionTimestamp);
    const ready = rs.status?.readyReplicas ?? 0;
    if (mine.length !== want || mine.filter(runningReady).length !== want || ready !== want) {
      out.push(`INV4 ReplicaSet ${rs.metadata.name}: ${mine.length} pods, ${mine.filter(runningReady).length} Ready, status.readyReplicas ${ready}; want ${want}`);
    }
  }

  for (const ds of api.list<KubeObject & { status?: Record<string, number> }>('DaemonSet').items) {
    const s = ds.status ?? {};
    if (s.numberReady !== s.desiredNumberScheduled || s.desiredNumberScheduled !== NODES.length + 1) out.push(`INV4 DaemonSet ${ds.metadata.name}: ${JSON.stringify(s)}`);
  }
  for (const p of pods) if (p.metadata.namespace === 'kube-system' && !runningReady(p)) out.push(`INV4 system pod ${p.metadata.name} is not Running and Ready`);

  // INV5: every ownerReference, of every object of every kind, names an owner that exists (by uid).
  const all = api.registry.all().flatMap((t) => api.list(t.kind).items);
  const uids = new Set(all.map((o) => o.metadata.uid));
  for (const o of all) {
    for (const ref of o.metadata.ownerReferences ?? []) {
      if (!uids.has(ref.uid)) out.push(`INV5 ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name} owned by missing ${ref.kind} ${ref.name}`);
    }
  }
  // No pod stays terminating once its node is up and its grace period is long over.
  for (const p of pods) if (p.metadata.deletionTimestamp) out.push(`INV4 pod ${p.metadata.name} still terminating`);
  return out;
}

// A fixed seed, so a failure reproduces; fast-check shrinks it and prints the minimal operation list.
const RUNS = { seed: 20261122 } as const;

describe('whole-cluster invariants, for any sequence of operations', () => {
  it('[INV1] [INV2] [INV3] a pod is bound once, node requests stay within allocatable, resourceVersions only grow', () => {
    fc.assert(
      fc.property(ops(25, HEAVY), (list) => {
        const { broken } = run(1, list);
        expect(broken).toEqual([]);
      }),
      { ...RUNS, numRuns: 15 },
    );
  });

  it('[INV4] [INV5] with every node back, workloads converge on one active ReplicaSet and nothing is left owned by a missing owner', () => {
    fc.assert(
      fc.property(ops(20), (list) => {
        // Controllers react between operations, as between a learner's commands: two writes in one instant
        // (scale a Deployment and, before its controller runs, its ReplicaSet to the same size) can leave a
        // stale desired-replicas annotation that wedges the Deployment, in Kubernetes as here
        // (kubernetes/kubernetes#138036, #138840); that is fidelity, not an invariant breach.
        const { cluster, broken } = run(2, list, true);
        expect([...broken, ...settledViolations(cluster)]).toEqual([]);
      }),
      { ...RUNS, numRuns: 10 },
    );
  });

  it('[INV6] the same seed and the same operations give the same cluster, byte for byte; another seed gives other names', () => {
    fc.assert(
      fc.property(ops(10), (list) => {
        const a = run(7, list).cluster;
        const b = run(7, list).cluster;
        expect(snapshot(a) === snapshot(b)).toBe(true);
        const c = run(8, list).cluster;
        const names = (x: Cluster) => x.api.registry.all().flatMap((t) => x.api.list(t.kind).items.filter((o) => o.metadata.generateName).map((o) => o.metadata.name)).sort();
        expect(names(a).length).toBeGreaterThan(0);
        expect(names(c)).not.toEqual(names(a));
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

  it('[INV4] see a Deployment that has not converged', () => {
    // Each pod asks for more CPU than a worker has: the Deployment cannot converge.
    const { cluster } = run(1, [{ op: 'create', kind: 'Deployment', name: 'web', replicas: 2, cpu: '3', memory: '0', image: 'nginx:1.27' }]);
    expect(settledViolations(cluster).some((v) => v.startsWith('INV4 Deployment web'))).toBe(true);
  });
});

describe('what the API server itself guarantees', () => {
  it('[INV1] a bound pod cannot move: a second binding is a Conflict, a changed spec.nodeName is Forbidden', () => {
    const c = createCluster({ seed: 1, workers: 2 });
    c.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } as unknown as KubeObject);
    c.runDue();
    const p = c.api.get<Pod>('Pod', 'default', 'p');
    const node = p.spec.nodeName!;
    const other = node === 'node-1' ? 'node-2' : 'node-1';
    expect(() => c.api.bind('default', 'p', other)).toThrow(`Operation cannot be fulfilled on pods "p": pod p is already assigned to node "${node}"`);
    const moved = clone(p);
    moved.spec.nodeName = other;
    expect(() => c.api.update(moved)).toThrow(/Pod "p" is invalid: spec: Forbidden: pod updates may not change fields/);
    expect(c.api.get<Pod>('Pod', 'default', 'p').spec.nodeName).toBe(node);
  });
});

describe('regressions the properties found', () => {
  const pod = (name: string, image: string): KubeObject =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'main', image }] } }) as unknown as KubeObject;
  const state = (c: Cluster, name: string) => {
    const p = c.api.get<Pod & { status: { containerStatuses?: Array<{ ready: boolean; restartCount: number; state: Record<string, unknown> }> } }>('Pod', 'default', name);
    const s = p.status.containerStatuses?.[0];
    return { ready: s?.ready, restarts: s?.restartCount, state: Object.keys(s?.state ?? {})[0] };
  };

  it('[INV4] a container that crashed just before its kubelet restarted is restarted once the kubelet is back', () => {
    // Shrunk from: crash a pod, then take its node down within the PLEG's 1 s relist, then bring it back.
    const c = createCluster({ seed: 1, workers: 1 });
    c.api.create(pod('app', 'nginx:1.27'));
    c.advance(10_000);
    expect(state(c, 'app')).toEqual({ ready: true, restarts: 0, state: 'running' });
    c.crash('default', 'app');
    c.nodeDown('node-1');
    c.nodeUp('node-1');
    c.advance(30_000);
    expect(state(c, 'app')).toEqual({ ready: true, restarts: 1, state: 'running' });
  });

  it('[INV4] a pull that failed just before its kubelet restarted is retried once the kubelet is back', () => {
    const c = createCluster({ seed: 1, workers: 1 });
    c.api.create(pod('app', 'nginx:no-such-tag'));
    c.advance(3_000);
    expect(state(c, 'app').state).toBe('waiting');
    c.nodeDown('node-1');
    c.nodeUp('node-1');
    // The learner fixes the image while the kubelet is inside its 10 s sync back-off.
    const p = clone(c.api.get<Pod>('Pod', 'default', 'app'));
    p.spec.containers[0]!.image = 'nginx:1.27';
    c.api.update(p);
    c.advance(60_000);
    expect(state(c, 'app')).toEqual({ ready: true, restarts: 0, state: 'running' });
  });
});
