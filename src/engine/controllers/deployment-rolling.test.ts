import { describe, expect, it } from 'vitest';
import type { ObjectInput } from '../api/types';
import { createContext } from '../cluster';
import { cleanupUnhealthyReplicas, reconcileNewReplicaSet, reconcileOldReplicaSets, scaleDownOldReplicaSetsForRollingUpdate } from './deployment-rolling';
import { DeploymentController } from './deployment-sync';
import type { DeploymentObj } from './deployment-util';
import type { ReplicaSetObj } from './replicaset';
import { workloadInformers } from './replicaset-informers';

/**
 * The tables of k/k rolling_test.go, run against ReplicaSets stored in a real API server (no
 * controller running, so only the function under test writes).
 */
function bench(replicas: number, maxSurge: number, maxUnavailable: number) {
  // Validation forbids 0 and 0; "1%" of 10 rounds down to 0 and resolves to 1 just as upstream's unvalidated fixtures do.
  const mu: number | string = maxSurge === 0 && maxUnavailable === 0 ? '1%' : maxUnavailable;
  const ctx = createContext();
  ctx.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const { pods, replicaSets } = workloadInformers(ctx);
  const deployments = ctx.informers.for<DeploymentObj>('Deployment');
  const queue = ctx.manager.register({ name: 'test', reconcile: () => undefined });
  const dc = new DeploymentController(ctx, deployments, replicaSets, pods, queue);
  const template = (v: string) => ({ metadata: { labels: { app: 'foo', v } }, spec: { containers: [{ name: 'c', image: `img:${v}` }] } });
  const d = ctx.api.create<DeploymentObj>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'foo', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'foo' } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable: mu } }, template: template('new') },
  });
  const rs = (v: string, size: number, available: number): ReplicaSetObj => {
    const created = ctx.api.create<ReplicaSetObj>({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: `foo-${v}`, namespace: 'default', labels: { app: 'foo', v } },
      spec: { replicas: size, selector: { matchLabels: { app: 'foo', v } }, template: template(v) },
    });
    return ctx.api.updateStatus<ReplicaSetObj>({ ...created, status: { replicas: size, ...(available ? { availableReplicas: available, readyReplicas: available } : {}) } } as ObjectInput);
  };
  const size = (name: string) => ctx.api.get<ReplicaSetObj>('ReplicaSet', 'default', name).spec?.replicas;
  return { dc, d, rs, size };
}

describe('rolling update steps', () => {
  it('[DEP3] reconcileNewReplicaSet (TestDeploymentController_reconcileNewReplicaSet, maxUnavailable 0)', () => {
    const rows: Array<[number, number, number, number, number | undefined]> = [
      [10, 0, 10, 0, undefined],
      [10, 2, 10, 0, 2],
      [10, 2, 5, 0, 7],
      [10, 2, 10, 2, undefined],
      [10, 2, 2, 11, 10], // scale down to the desired replicas
    ];
    for (const [replicas, surge, oldSize, newSize, expected] of rows) {
      const { dc, d, rs, size } = bench(replicas, surge, 0);
      const newRS = rs('new', newSize, 0);
      const oldRS = rs('old', oldSize, oldSize);
      const scaled = reconcileNewReplicaSet(dc, [newRS, oldRS], newRS, d);
      expect({ row: [replicas, surge, oldSize, newSize], scaled, size: size('foo-new') }).toEqual({
        row: [replicas, surge, oldSize, newSize],
        scaled: expected !== undefined,
        size: expected ?? newSize,
      });
    }
  });

  it('[DEP3] reconcileOldReplicaSets (TestDeploymentController_reconcileOldReplicaSets, maxSurge 0)', () => {
    const rows: Array<[number, number, number, number, number, number, number | undefined]> = [
      [10, 0, 10, 0, 10, 0, 9], // maxUnavailable 0 resolves to 1
      [10, 2, 10, 0, 10, 0, 8],
      [10, 2, 10, 0, 8, 0, 8], // 2 unhealthy cleaned up
      [10, 2, 10, 0, 9, 0, 8], // 1 unhealthy + 1 ready
      [10, 2, 8, 2, 8, 0, undefined],
    ];
    for (const [replicas, mu, oldSize, newSize, readyOld, readyNew, expected] of rows) {
      const { dc, d, rs, size } = bench(replicas, 0, mu);
      const newRS = rs('new', newSize, readyNew);
      const oldRS = rs('old', oldSize, readyOld);
      const scaled = reconcileOldReplicaSets(dc, [oldRS, newRS], [oldRS], newRS, d);
      expect({ row: [replicas, mu, oldSize, readyOld], scaled, size: size('foo-old') }).toEqual({
        row: [replicas, mu, oldSize, readyOld],
        scaled: expected !== undefined,
        size: expected ?? oldSize,
      });
    }
  });

  it('[DEP3] cleanupUnhealthyReplicas removes at most maxCleanupCount unhealthy replicas (TestDeploymentController_cleanupUnhealthyReplicas)', () => {
    const rows: Array<[number, number, number]> = [
      [8, 1, 1],
      [8, 3, 2],
      [8, 0, 0],
      [10, 3, 0],
    ];
    for (const [ready, maxCleanup, cleaned] of rows) {
      const { dc, d, rs, size } = bench(10, 2, 2);
      const oldRS = rs('old', 10, ready);
      expect([ready, maxCleanup, cleanupUnhealthyReplicas(dc, [oldRS], d, maxCleanup).count]).toEqual([ready, maxCleanup, cleaned]);
      expect(size('foo-old')).toBe(10 - cleaned);
    }
  });

  it('[DEP3] scaleDownOldReplicaSetsForRollingUpdate keeps minAvailable available (TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate)', () => {
    const rows: Array<[number, number, number, number | undefined]> = [
      [0, 10, 10, 9],
      [2, 10, 10, 8],
      [2, 8, 10, undefined],
    ];
    for (const [mu, ready, oldSize, expected] of rows) {
      const { dc, d, rs, size } = bench(10, 0, mu);
      const oldRS = rs('old', oldSize, ready);
      const n = scaleDownOldReplicaSetsForRollingUpdate(dc, [oldRS], [oldRS], d);
      expect([mu, ready, n > 0, size('foo-old')]).toEqual([mu, ready, expected !== undefined, expected ?? oldSize]);
    }
  });
});
