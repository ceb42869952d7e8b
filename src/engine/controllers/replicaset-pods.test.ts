import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelSelectorAsSelector } from '../apimachinery/labels';
import type { PodObj } from './replicaset-pods';
import { activePodsPerNode, isPodActive, isPodAvailable, podDeletedBefore, podDeletionCost, podsToDelete } from './replicaset-pods';
import { Tally } from './replicaset-tally';

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
const iso = (t: number) => new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const HOUR = 3600_000;

function pod(name: string, node: string, phase: string, ready: boolean, restarts: number, readySince?: number, created?: number, annotations?: Record<string, string>): PodObj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid: '',
      resourceVersion: '1',
      creationTimestamp: created === undefined ? '' : iso(created),
      ...(annotations ? { annotations } : {}),
    },
    spec: { containers: [], ...(node ? { nodeName: node } : {}) },
    status: {
      phase,
      ...(ready
        ? {
            conditions: [{ type: 'Ready', status: 'True', ...(readySince !== undefined ? { lastTransitionTime: iso(readySince) } : {}) }],
            containerStatuses: [{ name: 'c', image: '', imageID: '', ready: true, restartCount: restarts }],
          }
        : {}),
    },
  };
}

// The pods of k/k TestSortingActivePodsWithRanks.
const month = NOW - 30 * 24 * HOUR;
const unscheduled = pod('unscheduled', '', 'Pending', false, 0);
const scheduledPending = pod('pending', 'node', 'Pending', false, 0);
const unknownPhase = pod('unknown-phase', 'node', 'Unknown', false, 0);
const runningNotReady = pod('not-ready', 'node', 'Running', false, 0);
const readyNoTransition = pod('ready-no-last-transition-time', 'node', 'Running', true, 0);
const readyNow = pod('ready-now', 'node', 'Running', true, 0, NOW, NOW);
const readyThen = pod('ready-then', 'node', 'Running', true, 0, month, month);
const readyHighRestarts = pod('ready-high-restarts', 'node', 'Running', true, 9001, NOW, NOW);
const readyNowCreatedThen = pod('ready-now-created-then', 'node', 'Running', true, 0, NOW, month);
const lowCost = pod('low-deletion-cost', 'node', 'Running', true, 0, NOW, month, { 'controller.kubernetes.io/pod-deletion-cost': '10' });
const highCost = pod('high-deletion-cost', 'node', 'Running', true, 0, NOW, month, { 'controller.kubernetes.io/pod-deletion-cost': '100' });
const unscheduled5h = pod('unscheduled-5-hours', '', 'Pending', false, 0, NOW - 5 * HOUR, NOW - 5 * HOUR);
const unscheduled8h = pod('unscheduled-10-hours', '', 'Pending', false, 0, NOW - 8 * HOUR, NOW - 8 * HOUR);
const ready2h = pod('ready-2-hours', '', 'Running', true, 0, NOW - 2 * HOUR, month);
const ready5h = pod('ready-5-hours', '', 'Running', true, 0, NOW - 5 * HOUR, month);
const ready8h = pod('ready-10-hours', '', 'Running', true, 0, NOW - 8 * HOUR, month);

describe('ActivePodsWithRanks', () => {
  it('[RS3] equivalent pods compare equal either way (TestSortingActivePodsWithRanks equality rows)', () => {
    const pairs: Array<[PodObj, PodObj]> = [
      [unscheduled, unscheduled],
      [scheduledPending, scheduledPending],
      [unknownPhase, unknownPhase],
      [runningNotReady, runningNotReady],
      [readyNowCreatedThen, readyNowCreatedThen],
      [readyNow, readyNow],
      [readyThen, readyThen],
      [readyHighRestarts, readyHighRestarts],
      [unscheduled5h, unscheduled8h], // same log2 bucket
      [ready5h, ready8h],
    ];
    for (const [a, b] of pairs) {
      expect([a.metadata.name, podDeletedBefore(a, 1, b, 1, NOW)]).toEqual([a.metadata.name, false]);
      expect([b.metadata.name, podDeletedBefore(b, 1, a, 1, NOW)]).toEqual([b.metadata.name, false]);
    }
  });

  it('[RS3] the eight rules order pods for deletion (TestSortingActivePodsWithRanks inequality rows)', () => {
    const rows: Array<[PodObj, number, PodObj, number]> = [
      [unscheduled, 1, scheduledPending, 2], // 1. unassigned first
      [unscheduled, 2, scheduledPending, 1],
      [scheduledPending, 1, unknownPhase, 2], // 2. Pending < Unknown < Running
      [unknownPhase, 1, runningNotReady, 2],
      [runningNotReady, 1, readyNoTransition, 1], // 3. not ready first
      [readyNoTransition, 1, readyNow, 1], // 6. unknown ready time first
      [readyNow, 2, readyNoTransition, 1], // 5. doubled up first
      [readyNow, 1, readyThen, 1], // 6. ready more recently first
      [readyNow, 2, readyThen, 1],
      [readyHighRestarts, 1, readyNow, 1], // 7. more restarts first
      [readyNow, 2, readyHighRestarts, 1],
      [readyNow, 1, readyNowCreatedThen, 1], // 8. newer first
      [readyNowCreatedThen, 2, readyNow, 1],
      [lowCost, 2, highCost, 1], // 4. lower deletion cost first, before rank
      [ready2h, 1, ready5h, 1], // 6. in log2 buckets
    ];
    for (const [lesser, lr, greater, gr] of rows) {
      const label = `${lesser.metadata.name}/${lr} < ${greater.metadata.name}/${gr}`;
      expect([label, podDeletedBefore(lesser, lr, greater, gr, NOW)]).toEqual([label, true]);
      expect([label, podDeletedBefore(greater, gr, lesser, lr, NOW)]).toEqual([label, false]);
    }
  });

  it('[RS3] podsToDelete ranks by active related pods on the same node', () => {
    const a = pod('a', 'n1', 'Running', true, 0, NOW - HOUR, NOW - HOUR);
    const b = pod('b', 'n2', 'Running', true, 0, NOW - HOUR, NOW - HOUR);
    const sibling = pod('sibling', 'n2', 'Running', true, 0, NOW - HOUR, NOW - HOUR);
    const terminating = { ...pod('gone', 'n1', 'Running', true, 0), metadata: { ...pod('gone', 'n1', 'Running', true, 0).metadata, deletionTimestamp: iso(NOW) } };
    // b shares node n2 with a related pod; the terminating pod on n1 does not count.
    const onNode = activePodsPerNode([a, b, sibling, terminating]);
    expect(podsToDelete([a, b], (p) => onNode.get(p.spec?.nodeName ?? '') ?? 0, 1, NOW).map((p) => p.metadata.name)).toEqual(['b']);
  });

  it('[RS3] pod-deletion-cost accepts only canonical int32 values', () => {
    const withCost = (v: string) => pod('p', 'n', 'Running', true, 0, NOW, NOW, { 'controller.kubernetes.io/pod-deletion-cost': v });
    expect(['-5', '0', '42', '+3', '007', 'x', '2147483648'].map((v) => podDeletionCost(withCost(v)))).toEqual([-5, 0, 42, 0, 0, 0, 0]);
  });

  it('[RS4] finished and terminating pods are not active', () => {
    expect(isPodActive(pod('r', 'n', 'Running', true, 0))).toBe(true);
    expect(isPodActive(pod('s', 'n', 'Succeeded', false, 0))).toBe(false);
    expect(isPodActive(pod('f', 'n', 'Failed', false, 0))).toBe(false);
  });

  it('[RS7] a pod is available once it has been ready for more than minReadySeconds', () => {
    const p = pod('p', 'n', 'Running', true, 0, NOW, NOW);
    expect(isPodAvailable(p, 0, NOW)).toBe(true);
    expect(isPodAvailable(p, 10, NOW + 10_000)).toBe(false); // strictly more than 10 s
    expect(isPodAvailable(p, 10, NOW + 10_001)).toBe(true);
    expect(isPodAvailable(runningNotReady, 0, NOW)).toBe(false);
  });
});

describe('choosing victims through the tallies', () => {
  it('[RS3] no pod left alive comes before a chosen one, whether chosen by sorting or by class and rank groups', () => {
    const selector = labelSelectorAsSelector({ matchLabels: { app: 'x' } });
    const podArb = fc.record({
      node: fc.constantFrom('', 'n1', 'n2', 'n3', 'n4'),
      phase: fc.constantFrom('Pending', 'Unknown', 'Running'),
      ready: fc.boolean(),
      cost: fc.constantFrom(undefined, '-5', '0', '10'),
      readyAgo: fc.integer({ min: 0, max: 40 * HOUR }),
      createdAgo: fc.integer({ min: 0, max: 40 * HOUR }),
      restarts: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(podArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 45 }), (specs, want) => {
        const pods = specs.map((p, i) => {
          const base = pod(`p${i}`, p.node, p.phase, p.ready, p.restarts, NOW - p.readyAgo, NOW - p.createdAgo, p.cost ? { 'controller.kubernetes.io/pod-deletion-cost': p.cost } : undefined);
          return { ...base, metadata: { ...base.metadata, uid: `uid-${i}`, labels: { app: 'x' } } } as PodObj;
        });
        const count = Math.min(want, pods.length);
        const onNode = activePodsPerNode(pods);
        const rank = (p: PodObj) => onNode.get(p.spec?.nodeName ?? '') ?? 0;
        const tally = new Tally('', 1, selector, { app: 'x' });
        pods.forEach((p) => tally.add(p.metadata.name, p));
        for (const chosen of [podsToDelete(pods, rank, count, NOW), tally.victims(count, onNode, NOW)]) {
          expect(chosen).toHaveLength(count);
          const picked = new Set(chosen);
          for (const v of chosen) for (const w of pods) if (!picked.has(w)) expect(podDeletedBefore(w, rank(w), v, rank(v), NOW)).toBe(false);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
