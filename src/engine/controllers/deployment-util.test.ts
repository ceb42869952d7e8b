import type { DeploymentStatus } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { setNewReplicaSetAnnotations } from './deployment-annotations';
import type { DeploymentObj } from './deployment-util';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  equalIgnoreHash,
  findActiveOrLatest,
  getProportion,
  lastRevision,
  maxRevision,
  maxSurgeOf,
  maxUnavailableOf,
  minAvailableOf,
  newRSNewReplicas,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
} from './deployment-util';
import type { ReplicaSetObj } from './replicaset';

type Strategy = { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };

function dep(replicas: number, strategy?: Strategy, status: DeploymentStatus = {}, extra: Record<string, unknown> = {}): DeploymentObj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'foo', namespace: 'default', uid: 'd-uid', resourceVersion: '1', creationTimestamp: '2026-01-05T09:00:00Z' },
    spec: { replicas, selector: { matchLabels: { app: 'foo' } }, template: {}, ...(strategy ? { strategy } : {}), ...extra },
    status,
  };
}

function rolling(replicas: number, maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, status?: DeploymentStatus): DeploymentObj {
  return dep(replicas, { type: 'RollingUpdate', rollingUpdate: { ...(maxSurge !== undefined ? { maxSurge } : {}), ...(maxUnavailable !== undefined ? { maxUnavailable } : {}) } }, status);
}

function rs(name: string, replicas: number, opts: { annotations?: Record<string, string>; created?: string; available?: number } = {}): ReplicaSetObj {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid: `${name}-uid`, resourceVersion: '1', creationTimestamp: opts.created ?? '2026-01-05T09:00:00Z', ...(opts.annotations ? { annotations: opts.annotations } : {}) },
    spec: { replicas, selector: {} },
    status: { replicas, ...(opts.available !== undefined ? { availableReplicas: opts.available } : {}) },
  };
}

describe('deployment fenceposts', () => {
  it('[DEP1] the 25%/25% defaults round maxSurge up and maxUnavailable down', () => {
    const rows: Array<[number, number, number]> = [
      [0, 0, 1],
      [1, 1, 0],
      [2, 1, 0],
      [3, 1, 0],
      [4, 1, 1],
      [5, 2, 1],
      [10, 3, 2],
    ];
    for (const [replicas, surge, unavailable] of rows) {
      const d = dep(replicas);
      expect([replicas, maxSurgeOf(d)]).toEqual([replicas, surge]);
      // MaxUnavailable is capped at spec.replicas, and is 0 for zero replicas.
      expect([replicas, maxUnavailableOf(d)]).toEqual([replicas, Math.min(unavailable, replicas)]);
    }
  });

  it('[DEP1] MaxUnavailable and MinAvailable follow TestMaxUnavailable / TestMinAvailable', () => {
    const rows: Array<[number, number | string, number, number]> = [
      [10, 5, 5, 5],
      [10, 10, 10, 0],
      [5, 10, 5, 0],
      [0, 10, 0, 0],
      [10, '50%', 5, 5],
      [10, '60%', 6, 4],
      [10, '100%', 10, 0],
      [5, '100%', 5, 0],
    ];
    for (const [replicas, mu, max, min] of rows) {
      const d = rolling(replicas, 1, mu);
      expect({ replicas, mu, max: maxUnavailableOf(d), min: minAvailableOf(d) }).toEqual({ replicas, mu, max, min });
    }
    const recreate = dep(10, { type: 'Recreate' });
    expect([maxUnavailableOf(recreate), minAvailableOf(recreate), maxSurgeOf(recreate)]).toEqual([0, 0, 0]);
  });
});

describe('NewRSNewReplicas', () => {
  it('[DEP2] the new ReplicaSet grows only as far as replicas + maxSurge allows (TestNewRSNewReplicas)', () => {
    const rs5 = rs('rs5', 5);
    const rows: Array<[string, number, number, number, number]> = [
      ['RollingUpdate', 1, 5, 1, 5], // cannot scale up
      ['RollingUpdate', 6, 2, 10, 6], // scale up to depReplicas
      ['Recreate', 3, 1, 1, 3], // recreate: straight to depReplicas
    ];
    for (const [type, replicas, newReplicas, surge, expected] of rows) {
      const d = type === 'Recreate' ? dep(replicas, { type }) : rolling(replicas, surge, 1);
      expect(newRSNewReplicas(d, [rs5], rs('new', newReplicas))).toBe(expected);
    }
  });
});

describe('completion and progress', () => {
  it('[DEP4] DeploymentComplete needs every replica updated and available and no old ones (TestDeploymentComplete)', () => {
    const row = (desired: number, current: number, updated: number, available: number, mu: number, ms: number) =>
      deploymentComplete(rolling(desired, ms, mu), { replicas: current, updatedReplicas: updated, availableReplicas: available });
    expect(row(5, 5, 5, 4, 1, 0)).toBe(false);
    expect(row(5, 5, 5, 3, 1, 0)).toBe(false);
    expect(row(5, 5, 5, 5, 0, 0)).toBe(true);
    expect(row(5, 5, 4, 5, 0, 0)).toBe(false);
    expect(row(1, 2, 1, 1, 0, 1)).toBe(false); // still running old pods
    expect(row(1, 1, 1, 0, 1, 1)).toBe(false);
  });

  it('[DEP4] DeploymentProgressing compares the new status with the old (TestDeploymentProgressing)', () => {
    const s = (replicas: number, updatedReplicas: number, readyReplicas: number, availableReplicas: number) => ({ replicas, updatedReplicas, readyReplicas, availableReplicas });
    const row = (old: DeploymentStatus, next: DeploymentStatus) => deploymentProgressing(dep(10, undefined, old), next);
    expect(row(s(10, 4, 4, 4), s(10, 6, 4, 4))).toBe(true);
    expect(row(s(10, 4, 4, 4), s(10, 4, 4, 4))).toBe(false);
    expect(row(s(10, 4, 6, 6), s(8, 4, 6, 6))).toBe(true); // old pods removed
    expect(row(s(10, 7, 3, 3), s(10, 6, 3, 3))).toBe(false); // fewer new pods
    expect(row(s(10, 4, 7, 7), s(8, 8, 5, 5))).toBe(true);
    expect(row(s(10, 10, 9, 8), s(10, 10, 10, 8))).toBe(true); // more ready
    expect(row(s(10, 10, 10, 9), s(10, 10, 10, 10))).toBe(true); // more available
  });

  it('[DEP4] DeploymentTimedOut counts progressDeadlineSeconds from the last progress (TestDeploymentTimedOut)', () => {
    const at = (min: number, sec: number) => Date.UTC(2016, 0, 1, 0, min, sec);
    const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
    const row = (pds: number, reason: string, from: number) => {
      const status: DeploymentStatus = { conditions: [{ type: 'Progressing', status: 'True', reason, lastUpdateTime: iso(from) }] };
      return deploymentTimedOut(dep(1, undefined, status, { progressDeadlineSeconds: pds }), status, at(1, 20));
    };
    expect(row(10, '', at(1, 9))).toBe(true);
    expect(row(10, '', at(1, 11))).toBe(false);
    expect(row(2147483647, '', at(1, 9))).toBe(false); // MaxInt32: no deadline
    expect(row(10, 'NewReplicaSetAvailable', at(1, 9))).toBe(false);
    expect(row(10, 'ProgressDeadlineExceeded', at(1, 19))).toBe(true);
  });
});

describe('revisions and proportions', () => {
  it('[DEP8] MaxRevision and LastRevision skip unreadable revisions', () => {
    const r = (name: string, rev: string) => rs(name, 0, { annotations: { [REVISION_ANNOTATION]: rev } });
    const all = [r('a', '1'), r('b', '3'), r('c', 'x'), r('d', '2')];
    expect(maxRevision(all)).toBe(3);
    expect(lastRevision(all)).toBe(2);
  });

  it('[DEP8] a ReplicaSet taking a higher revision keeps its old one in revision-history, within 2000 characters', () => {
    const d = dep(3);
    const target = rs('old', 0, { annotations: { [REVISION_ANNOTATION]: '1' } });
    expect(setNewReplicaSetAnnotations(d, target, '3', true, 2000, 3, 4)).toBe(true);
    expect(target.metadata.annotations).toMatchObject({ [REVISION_ANNOTATION]: '3', [REVISION_HISTORY_ANNOTATION]: '1' });
    setNewReplicaSetAnnotations(d, target, '5', true, 2000, 3, 4);
    expect(target.metadata.annotations?.[REVISION_HISTORY_ANNOTATION]).toBe('1,3');
    // Never lowered: a smaller newRevision leaves everything as it is.
    expect(setNewReplicaSetAnnotations(d, target, '2', true, 2000, 3, 4)).toBe(false);
    const capped = rs('capped', 0, { annotations: { [REVISION_ANNOTATION]: '9', [REVISION_HISTORY_ANNOTATION]: '1,2,3' } });
    setNewReplicaSetAnnotations(d, capped, '10', true, 5, 3, 4);
    expect(capped.metadata.annotations?.[REVISION_HISTORY_ANNOTATION]).toBe('2,3,9');
  });

  it('[DEP13] GetProportion scales each ReplicaSet by (replicas + maxSurge) / its max-replicas annotation', () => {
    // Scaled from 10 to 20 (maxSurge 3 -> 5): a ReplicaSet with 6 of max 13 gets round(6*25/13) - 6 = 6 more.
    const d = rolling(20, '25%', 0);
    const r = rs('r', 6, { annotations: { 'deployment.kubernetes.io/max-replicas': '13' } });
    expect(getProportion(r, d, 12, 0)).toBe(6);
    expect(getProportion(r, d, 12, 10)).toBe(2); // never more than what is left to add
    expect(getProportion(r, d, 12, 12)).toBe(0);
  });

  it('[DEP15] FindActiveOrLatest: the only active ReplicaSet, the newest when none is, none when several are', () => {
    const old1 = rs('old1', 0, { created: '2026-01-05T09:00:00Z' });
    const old2 = rs('old2', 0, { created: '2026-01-05T09:01:00Z' });
    expect(findActiveOrLatest(undefined, [old1, old2])?.metadata.name).toBe('old2');
    expect(findActiveOrLatest(rs('new', 0), [old1])?.metadata.name).toBe('new');
    expect(findActiveOrLatest(rs('new', 2), [old1])?.metadata.name).toBe('new');
    expect(findActiveOrLatest(rs('new', 2), [rs('old', 1)])).toBeUndefined();
  });

  it('[DEP5] EqualIgnoreHash ignores pod-template-hash and empty-versus-absent values', () => {
    const t = (labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
      metadata: { labels },
      spec: { containers: [{ name: 'app', image: 'nginx', ...extra }] },
    });
    expect(equalIgnoreHash(t({ app: 'a', 'pod-template-hash': 'x' }), t({ app: 'a' }))).toBe(true);
    expect(equalIgnoreHash(t({ app: 'a' }, { env: [] }), t({ app: 'a' }))).toBe(true);
    expect(equalIgnoreHash(t({ app: 'a' }, { image: 'nginx:2' }), t({ app: 'a' }))).toBe(false);
    expect(equalIgnoreHash(t({ app: 'b' }), t({ app: 'a' }))).toBe(false);
  });
});
