import { describe, expect, it } from 'vitest';
import { forbidden, StatusError } from '../api/errors';
import type { ObjectInput } from '../api/types';
import { clone } from '../api/types';
import type { ClusterContext } from '../cluster';
import { eventsFor, fakeKubelet, podsOf, setReady, workloadContext } from './deployment-testkit';
import type { ReplicaSetObj } from './replicaset';
import type { PodObj } from './replicaset-pods';
import { isPodActive } from './replicaset-pods';

function replicaSet(name: string, replicas: number, extra: { minReadySeconds?: number; templateLabels?: Record<string, string> } = {}): ObjectInput {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      ...(extra.minReadySeconds ? { minReadySeconds: extra.minReadySeconds } : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: extra.templateLabels ?? { app: name } },
        spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] },
      },
    },
  };
}

const rsOf = (ctx: ClusterContext, name: string) => ctx.api.get<ReplicaSetObj>('ReplicaSet', 'default', name);
const active = (ctx: ClusterContext, app: string) => podsOf(ctx, app).filter(isPodActive);
const traces = (ctx: ClusterContext) => ctx.trace.since().filter((e) => e.actor === 'replicaset-controller').map((e) => e.message);

function scale(ctx: ClusterContext, name: string, replicas: number): void {
  const rs = clone(rsOf(ctx, name));
  rs.spec!.replicas = replicas;
  ctx.api.update(rs as ObjectInput);
}

function orphan(ctx: ClusterContext, name: string, labels: Record<string, string>): PodObj {
  return ctx.api.create<PodObj>({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { containers: [{ name: 'app', image: 'busybox' }] } });
}

/** An admission plugin standing in for a ResourceQuota: at most `max` pods in the namespace. */
function podQuota(ctx: ClusterContext, max: number): void {
  ctx.api.addAdmission({
    name: 'FakeQuota',
    validate: (attrs, api) => {
      if (attrs.operation !== 'CREATE' || attrs.type.kind !== 'Pod') return;
      const used = api.list('Pod', attrs.namespace).items.length;
      if (used >= max) throw forbidden({ group: '', resource: 'pods' }, attrs.name, `exceeded quota: pods, requested: pods=1, used: pods=${used}, limited: pods=${max}`);
    },
  });
}

describe('ReplicaSet controller', () => {
  it('[RS1] creates missing pods up to spec.replicas from the template, owned by the ReplicaSet', () => {
    const ctx = workloadContext();
    const rs = ctx.api.create<ReplicaSetObj>(replicaSet('web', 3));
    ctx.clock.runDue();
    const pods = active(ctx, 'web');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    const created = eventsFor(ctx, 'web', 'SuccessfulCreate');
    expect(created.map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(created.every((e) => e.type === 'Normal' && e.source.component === 'replicaset-controller')).toBe(true);
    expect(traces(ctx)).toContain('default/web has 0 of 3 pods, creating 3');
    expect(rsOf(ctx, 'web').status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  it('[RS2] deletes the surplus, not-ready pods before ready ones, and the newest first', () => {
    const ctx = workloadContext();
    let slowName = '';
    fakeKubelet(ctx, { becomesReady: (p) => p.metadata.name !== slowName });
    ctx.api.create(replicaSet('web', 3));
    ctx.clock.runDue();
    const [slow] = active(ctx, 'web');
    slowName = slow!.metadata.name;
    ctx.clock.advance(5000);
    expect(active(ctx, 'web').map((p) => [p.metadata.name, p.status?.phase])).toHaveLength(3);
    scale(ctx, 'web', 2);
    ctx.clock.runDue();
    const left = active(ctx, 'web').map((p) => p.metadata.name);
    expect(left).toHaveLength(2);
    expect(left).not.toContain(slow!.metadata.name);
    expect(eventsFor(ctx, 'web', 'SuccessfulDelete').map((e) => e.message)).toEqual([`Deleted pod: ${slow!.metadata.name}`]);
    expect(traces(ctx)).toContain(`default/web has 3 of 2 pods, deleting 1: ${slow!.metadata.name} (not ready)`);
  });

  it('[RS4] replaces a deleted pod at once, without waiting for it to terminate', () => {
    const ctx = workloadContext();
    fakeKubelet(ctx, { terminateAfterMs: 30_000 });
    ctx.api.create(replicaSet('web', 2));
    ctx.clock.advance(5000);
    const victim = active(ctx, 'web')[0]!;
    ctx.api.delete('Pod', 'default', victim.metadata.name);
    ctx.clock.runDue();
    const pods = podsOf(ctx, 'web');
    expect(pods.find((p) => p.metadata.name === victim.metadata.name)?.metadata.deletionTimestamp).toBeDefined();
    expect(pods.filter(isPodActive)).toHaveLength(2);
    expect(rsOf(ctx, 'web').status?.replicas).toBe(2);
    ctx.clock.advance(30_000);
    expect(podsOf(ctx, 'web')).toHaveLength(2);
  });

  it('[RS5] adopts a matching orphan instead of creating a pod, and releases a pod whose labels stop matching', () => {
    const ctx = workloadContext();
    orphan(ctx, 'stray', { app: 'web' });
    const rs = ctx.api.create<ReplicaSetObj>(replicaSet('web', 2));
    ctx.clock.runDue();
    const stray = ctx.api.get<PodObj>('Pod', 'default', 'stray');
    expect(stray.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true });
    expect(active(ctx, 'web')).toHaveLength(2);
    expect(eventsFor(ctx, 'web', 'SuccessfulCreate')).toHaveLength(1);
    expect(traces(ctx)).toContain('default/web adopted pod stray: it had no controller and its labels match the selector app=web');

    const relabeled = clone(stray);
    relabeled.metadata.labels = { app: 'debug' };
    ctx.api.update(relabeled as ObjectInput);
    ctx.clock.runDue();
    expect(ctx.api.get<PodObj>('Pod', 'default', 'stray').metadata.ownerReferences ?? []).toEqual([]);
    expect(active(ctx, 'web')).toHaveLength(2);
    expect(traces(ctx)).toContain('default/web released pod stray: its labels no longer match the selector app=web');
  });

  it('[RS6] creates at most 500 pods per sync, in slow-start batches that stop at the first failure', () => {
    const ctx = workloadContext();
    ctx.api.create(replicaSet('big', 1200));
    ctx.clock.runDue();
    expect(active(ctx, 'big')).toHaveLength(1200);
    expect(traces(ctx)).toEqual([
      'default/big has 0 of 1200 pods, creating 500 (at most 500 per sync)',
      'default/big has 500 of 1200 pods, creating 500 (at most 500 per sync)',
      'default/big has 1000 of 1200 pods, creating 200',
    ]);

    const quota = workloadContext();
    podQuota(quota, 5);
    quota.api.create(replicaSet('web', 10));
    quota.clock.runDue();
    // Batches of 1, 2 and 4: the third batch has 2 failures, so the 3 remaining creates are skipped.
    expect(active(quota, 'web')).toHaveLength(5);
    const stop = /^default\/web created 5 of 10 pods, then stopped: pods "web-[a-z0-9]{5}" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=5, limited: pods=5$/;
    expect(traces(quota).filter((m) => stop.test(m))).toHaveLength(1);
    expect(eventsFor(quota, 'web', 'FailedCreate').length).toBeGreaterThanOrEqual(2);
  });

  it('[RS7] status counts replicas, fully labeled, ready and available pods and the observed generation', () => {
    const ctx = workloadContext();
    orphan(ctx, 'partial', { app: 'web' });
    ctx.api.create(replicaSet('web', 3, { templateLabels: { app: 'web', tier: 'front' } }));
    ctx.clock.runDue();
    const pods = active(ctx, 'web');
    setReady(ctx, pods.find((p) => p.metadata.name === 'partial')!, true);
    ctx.clock.runDue();
    expect(rsOf(ctx, 'web').status).toEqual({ replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 });
    scale(ctx, 'web', 3); // no spec change: no new generation, no status write
    const rv = rsOf(ctx, 'web').metadata.resourceVersion;
    ctx.clock.runDue();
    expect(rsOf(ctx, 'web').metadata.resourceVersion).toBe(rv);
  });

  it('[RS8] a ready pod becomes available minReadySeconds later, with no other event to wake the controller', () => {
    const ctx = workloadContext();
    fakeKubelet(ctx, { readyAfterMs: 1000 });
    ctx.api.create(replicaSet('web', 2, { minReadySeconds: 10 }));
    ctx.clock.advance(2000);
    expect(rsOf(ctx, 'web').status).toMatchObject({ replicas: 2, readyReplicas: 2 });
    expect(rsOf(ctx, 'web').status?.availableReplicas).toBeUndefined();
    ctx.clock.advance(9000);
    expect(rsOf(ctx, 'web').status?.availableReplicas).toBeUndefined();
    ctx.clock.advance(1);
    expect(rsOf(ctx, 'web').status?.availableReplicas).toBe(2);
  });

  it('[RS9] a refused create is a FailedCreate event and a ReplicaFailure condition; a terminating namespace is silent', () => {
    const ctx = workloadContext();
    podQuota(ctx, 1);
    ctx.api.create(replicaSet('web', 2));
    ctx.clock.runDue();
    const failed = eventsFor(ctx, 'web', 'FailedCreate');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0]).toMatchObject({ type: 'Warning', source: { component: 'replicaset-controller' } });
    expect(failed[0]!.message).toMatch(/^Error creating: pods "web-[a-z0-9]{5}" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=1, limited: pods=1$/);
    expect(rsOf(ctx, 'web').status?.conditions).toEqual([
      expect.objectContaining({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: failed[0]!.message.replace('Error creating: ', '') }),
    ]);

    const ns = workloadContext();
    ns.api.addAdmission({
      name: 'FakeNamespaceLifecycle',
      validate: (attrs) => {
        if (attrs.operation !== 'CREATE' || attrs.type.kind !== 'Pod') return;
        throw new StatusError({
          reason: 'Forbidden',
          code: 403,
          message: `pods "${attrs.name}" is forbidden: unable to create new content in namespace default because it is being terminated`,
          details: { name: attrs.name, kind: 'pods', causes: [{ reason: 'NamespaceTerminating', message: 'namespace default is being terminated', field: 'metadata.namespace' }] },
        });
      },
    });
    ns.api.create(replicaSet('web', 2));
    ns.clock.runDue();
    expect(eventsFor(ns, 'web')).toEqual([]);
    expect(ns.manager.errors).toEqual([]);
  });

  it('[RS10] a ReplicaSet being deleted neither creates nor adopts pods', () => {
    const ctx = workloadContext();
    const input = replicaSet('web', 2);
    (input.metadata as { finalizers?: string[] }).finalizers = ['example.com/hold'];
    ctx.api.create(input);
    ctx.clock.runDue();
    ctx.api.delete('ReplicaSet', 'default', 'web');
    ctx.api.delete('Pod', 'default', active(ctx, 'web')[0]!.metadata.name);
    orphan(ctx, 'stray', { app: 'web' });
    ctx.clock.runDue();
    expect(active(ctx, 'web').map((p) => p.metadata.name)).toContain('stray');
    expect(active(ctx, 'web')).toHaveLength(2);
    expect(ctx.api.get<PodObj>('Pod', 'default', 'stray').metadata.ownerReferences).toBeUndefined();
  });
});
