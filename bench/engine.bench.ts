/**
 * `npm run bench`: the engine's speed and memory on this machine.
 *
 * (1) 100 worker nodes (32 CPU, 128Gi each); a Deployment of 5,000 nginx replicas runs until all are
 *     Available; then its image changes and the rollout runs to completion.
 * (2) one simulated hour of that cluster at rest.
 *
 * Each scenario runs RUNS times (default 3, KUBESIM_BENCH_RUNS to change) in this process; figures are
 * reported as median with min-max spread. Targets (issue 2): 5,000 pods Available < 2 s wall, rolling
 * update < 5 s, idle hour < 1 s, peak memory < 400 MB.
 */
import { createCluster } from '../src/engine/cluster';
import type { Cluster } from '../src/engine/cluster';
import type { KubeObject } from '../src/engine/api/types';
import { clone } from '../src/engine/api/types';

const RUNS = Number(process.env.KUBESIM_BENCH_RUNS ?? 3);
const REPLICAS = Number(process.env.KUBESIM_BENCH_REPLICAS ?? 5000);
const NODES = Number(process.env.KUBESIM_BENCH_NODES ?? 100);
/** As the app's worker runs it: no deep-freezing (KUBESIM_BENCH_FREEZE=1 measures the tests' mutation detector). */
const FREEZE = process.env.KUBESIM_BENCH_FREEZE === '1';

type Deploy = KubeObject & {
  spec: { replicas: number; template: { spec: { containers: Array<{ image: string }> } } };
  status?: { availableReplicas?: number; updatedReplicas?: number; replicas?: number; observedGeneration?: number };
};

let peakRss = 0;
let peakHeap = 0;
const sampleMemory = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};

function runUntil(cluster: Cluster, done: () => boolean, limitMs: number): number {
  const start = cluster.now();
  while (!done()) {
    if (cluster.now() - start > limitMs) throw new Error(`not done after ${limitMs / 1000}s of simulated time`);
    cluster.advance(1000);
    sampleMemory();
  }
  return cluster.now() - start;
}

function deployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: '' },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      },
    },
  } as KubeObject;
}

interface Sample {
  setupMs: number;
  availableWallMs: number;
  availableSimMs: number;
  rolloutWallMs: number;
  rolloutSimMs: number;
  idleHourWallMs: number;
}

function once(): Sample {
  const t0 = performance.now();
  const nodes = [
    { name: 'control-plane', cpu: '2', memory: '4Gi', pods: 110, controlPlane: true, labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const }] },
    ...Array.from({ length: NODES }, (_, i) => ({ name: `node-${i + 1}`, cpu: '32', memory: '128Gi', pods: 110 })),
  ];
  const cluster = createCluster({ seed: 1, nodes, freeze: FREEZE });
  const setupMs = performance.now() - t0;
  const api = cluster.api;
  const get = () => api.get<Deploy>('Deployment', 'default', 'web');

  let t = performance.now();
  const { metadata: _m, ...body } = deployment();
  api.create({ ...body, metadata: { name: 'web', namespace: 'default' } });
  const availableSimMs = runUntil(cluster, () => (get().status?.availableReplicas ?? 0) >= REPLICAS, 30 * 60_000);
  const availableWallMs = performance.now() - t;

  t = performance.now();
  const next = clone(get());
  next.spec.template.spec.containers[0]!.image = 'nginx:1.28';
  api.update(next);
  const complete = () => {
    const d = get();
    const s = d.status ?? {};
    return (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) && s.updatedReplicas === REPLICAS && s.replicas === REPLICAS && s.availableReplicas === REPLICAS;
  };
  const rolloutSimMs = runUntil(cluster, complete, 60 * 60_000);
  const rolloutWallMs = performance.now() - t;

  t = performance.now();
  for (let i = 0; i < 60; i++) {
    cluster.advance(60_000);
    sampleMemory();
  }
  const idleHourWallMs = performance.now() - t;
  return { setupMs, availableWallMs, availableSimMs, rolloutWallMs, rolloutSimMs, idleHourWallMs };
}

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const med = s[Math.floor(s.length / 2)]!;
  return `${fmt(med)} (min ${fmt(s[0]!)}, max ${fmt(s[s.length - 1]!)})`;
}
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

const samples: Sample[] = [];
for (let i = 0; i < RUNS; i++) {
  samples.push(once());
  process.stderr.write(`run ${i + 1}/${RUNS} done\n`);
}
const col = (k: keyof Sample) => samples.map((s) => s[k]);
const ratio = (sim: number[], wall: number[]) => sim.map((x, i) => x / wall[i]!);

console.log(`Kubesim engine benchmark: ${NODES} worker nodes (32 CPU, 128Gi), Deployment of ${REPLICAS} nginx replicas, ${RUNS} runs, freeze ${FREEZE ? 'on' : 'off'}, median (min, max)`);
console.log(`cluster start-up (wall)                     ${stats(col('setupMs'))}`);
console.log(`all ${REPLICAS} pods Available (wall)           ${stats(col('availableWallMs'))}   target < 2 s`);
console.log(`  simulated time                            ${stats(col('availableSimMs'))}`);
console.log(`  simulated/wall ratio                      ${ratio(col('availableSimMs'), col('availableWallMs')).map((r) => r.toFixed(1)).join(', ')}`);
console.log(`rolling update to a new image (wall)        ${stats(col('rolloutWallMs'))}   target < 5 s`);
console.log(`  simulated time                            ${stats(col('rolloutSimMs'))}`);
console.log(`  simulated/wall ratio                      ${ratio(col('rolloutSimMs'), col('rolloutWallMs')).map((r) => r.toFixed(1)).join(', ')}`);
console.log(`one simulated hour at rest (wall)           ${stats(col('idleHourWallMs'))}   target < 1 s`);
console.log(`peak resident memory (whole process)        ${(peakRss / 1024 / 1024).toFixed(0)} MB   target < 400 MB`);
console.log(`  peak JS heap in use (sampled each step)   ${(peakHeap / 1024 / 1024).toFixed(0)} MB (the rest is V8's headroom and Node itself)`);
