import { describe, expect, it } from 'vitest';
import type { KubeObject, ObjectInput } from '../api/types';
import type { ClusterContext } from '../cluster';
import { createCluster } from '../cluster';
import { deploymentManifest, fakeKubelet, podsOf, replicaSetsOf, workloadContext } from './deployment-testkit';
import { startGarbageCollector } from './garbagecollector';

/** The workload controllers, the garbage collector and a fake kubelet (terminating pods go after 1 s). */
function gcContext(): ClusterContext {
  const ctx = workloadContext();
  startGarbageCollector(ctx);
  fakeKubelet(ctx, { terminateAfterMs: 1000 });
  ctx.api.create(deploymentManifest('web', { replicas: 2 }));
  ctx.clock.advance(2000);
  return ctx;
}

const gcWrites = (ctx: ClusterContext, after: number) =>
  ctx.trace.since(after).filter((e) => e.component === 'kube-apiserver' && e.message.endsWith('(by generic-garbage-collector)')).map((e) => e.message);

function configMap(ctx: ClusterContext, name: string, owners: KubeObject[] = [], extra: { blockOwnerDeletion?: boolean; uids?: string[] } = {}): KubeObject {
  const refs = [
    ...owners.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, ...(extra.blockOwnerDeletion ? { blockOwnerDeletion: true } : {}) })),
    ...(extra.uids ?? []).map((uid) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: 'gone', uid })),
  ];
  const input: ObjectInput = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', ...(refs.length ? { ownerReferences: refs } : {}) }, data: { k: 'v' } };
  return ctx.api.create(input);
}

describe('garbage collector', () => {
  it('[GC1] background: the owner goes at once, then its dependents, then theirs', () => {
    const ctx = gcContext();
    expect(replicaSetsOf(ctx, 'web')).toHaveLength(1);
    expect(podsOf(ctx, 'web')).toHaveLength(2);
    const seq = ctx.trace.lastSeq;
    ctx.api.delete('Deployment', 'default', 'web', { propagationPolicy: 'Background' });
    expect(ctx.api.tryGet('Deployment', 'default', 'web')).toBeUndefined();
    ctx.clock.runDue();
    expect(replicaSetsOf(ctx, 'web')).toHaveLength(0);
    // The pods are being deleted (graceful), by the collector, and are gone once the kubelet is done.
    expect(podsOf(ctx, 'web').every((p) => p.metadata.deletionTimestamp)).toBe(true);
    const writes = gcWrites(ctx, seq);
    expect(writes[0]).toMatch(/^delete replicasets default\/web-[a-z0-9]+ \(by generic-garbage-collector\)$/);
    expect(writes.slice(1).every((w) => w.startsWith('delete (graceful) pods default/web-'))).toBe(true);
    expect(ctx.trace.since(seq).some((e) => e.actor === 'garbage-collector-controller' && /^replicaset web-\w+: its owner is gone, deleting it \(background\)$/.test(e.message))).toBe(true);
    ctx.clock.advance(1000);
    expect(podsOf(ctx, 'web')).toHaveLength(0);
  });

  it('[GC2] an object whose owners are all gone is deleted; one with a remaining owner only loses the dangling reference', () => {
    const ctx = gcContext();
    const owner = configMap(ctx, 'owner');
    configMap(ctx, 'orphaned', [], { uids: ['00000000-0000-0000-0000-000000000001'] });
    configMap(ctx, 'mixed', [owner], { uids: ['00000000-0000-0000-0000-000000000002'] });
    ctx.clock.runDue();
    expect(ctx.api.tryGet('ConfigMap', 'default', 'orphaned')).toBeUndefined();
    const mixed = ctx.api.get('ConfigMap', 'default', 'mixed');
    expect(mixed.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid }]);
    // Deleting the last owner then collects it.
    ctx.api.delete('ConfigMap', 'default', 'owner');
    ctx.clock.runDue();
    expect(ctx.api.tryGet('ConfigMap', 'default', 'mixed')).toBeUndefined();
  });

  it('[GC3] foreground: the owner stays with foregroundDeletion until its blocking dependents are gone, then goes', () => {
    const ctx = gcContext();
    const rsName = replicaSetsOf(ctx, 'web')[0]!.metadata.name;
    ctx.api.delete('Deployment', 'default', 'web', { propagationPolicy: 'Foreground' });
    ctx.clock.runDue();
    const dep = ctx.api.get('Deployment', 'default', 'web');
    expect(dep.metadata.deletionTimestamp).toBeDefined();
    expect(dep.metadata.finalizers).toEqual(['foregroundDeletion']);
    // The ReplicaSet has dependents of its own, so it is deleted in the foreground too.
    const rs = ctx.api.get('ReplicaSet', 'default', rsName);
    expect(rs.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(podsOf(ctx, 'web').map((p) => !!p.metadata.deletionTimestamp)).toEqual([true, true]);
    ctx.clock.advance(999);
    expect(ctx.api.tryGet('Deployment', 'default', 'web')).toBeDefined();
    ctx.clock.advance(1);
    // The pods went: the ReplicaSet's finalizer is removed, it goes, then the Deployment's.
    expect(podsOf(ctx, 'web')).toHaveLength(0);
    expect(ctx.api.tryGet('ReplicaSet', 'default', rsName)).toBeUndefined();
    expect(ctx.api.tryGet('Deployment', 'default', 'web')).toBeUndefined();
  });

  it('[GC4] orphan: the dependents lose their ownerReference and keep running; the orphan finalizer goes with the owner', () => {
    const ctx = gcContext();
    const rs = ctx.api.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'solo', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'solo' } }, template: { metadata: { labels: { app: 'solo' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } } },
    });
    ctx.clock.advance(2000);
    expect(podsOf(ctx, 'solo').map((p) => p.metadata.ownerReferences?.[0]?.uid)).toEqual([rs.metadata.uid, rs.metadata.uid]);
    const seq = ctx.trace.lastSeq;
    ctx.api.delete('ReplicaSet', 'default', 'solo', { propagationPolicy: 'Orphan' });
    const held = ctx.api.get('ReplicaSet', 'default', 'solo');
    expect(held.metadata.finalizers).toEqual(['orphan']);
    expect(held.metadata.deletionTimestamp).toBeDefined();
    ctx.clock.runDue();
    expect(ctx.api.tryGet('ReplicaSet', 'default', 'solo')).toBeUndefined();
    const pods = podsOf(ctx, 'solo');
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.metadata.ownerReferences === undefined && !p.metadata.deletionTimestamp)).toBe(true);
    expect(gcWrites(ctx, seq).filter((w) => w.startsWith('update pods default/solo-'))).toHaveLength(2);
    expect(ctx.trace.since(seq).some((e) => e.actor === 'garbage-collector-controller' && e.message === 'replicaset solo deleted with orphan propagation: its dependents keep running without an owner')).toBe(true);
    ctx.clock.advance(60_000);
    expect(podsOf(ctx, 'solo')).toHaveLength(2);
  });

  it('[GC5] dependents that do not block owner deletion are deleted without holding a foreground owner', () => {
    const ctx = gcContext();
    const owner = configMap(ctx, 'owner');
    ctx.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'worker', namespace: 'default', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid }] },
      spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx:1.25' }] },
    });
    ctx.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Foreground' });
    ctx.clock.runDue();
    expect(ctx.api.tryGet('ConfigMap', 'default', 'owner')).toBeUndefined();
    expect(ctx.api.get('Pod', 'default', 'worker').metadata.deletionTimestamp).toBeDefined();
  });

  it('[GC6] the graph starts from the objects that exist when the collector starts', () => {
    const ctx = workloadContext();
    const owner = configMap(ctx, 'owner');
    configMap(ctx, 'child', [owner], { blockOwnerDeletion: true });
    configMap(ctx, 'stray', [], { uids: ['00000000-0000-0000-0000-000000000003'] });
    startGarbageCollector(ctx);
    ctx.clock.runDue();
    expect(ctx.api.tryGet('ConfigMap', 'default', 'child')).toBeDefined();
    expect(ctx.api.tryGet('ConfigMap', 'default', 'stray')).toBeUndefined();
    ctx.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Foreground' });
    ctx.clock.runDue();
    expect(ctx.api.tryGet('ConfigMap', 'default', 'child')).toBeUndefined();
    expect(ctx.api.tryGet('ConfigMap', 'default', 'owner')).toBeUndefined();
  });

  it('[GC3] in the whole cluster, a Deployment deleted in the foreground lasts until its pods finish terminating', () => {
    const c = createCluster({ seed: 3 });
    const manifest = deploymentManifest('web', { replicas: 2, image: 'busybox:1.36' }) as ObjectInput & { spec: { template: { spec: { containers: Array<Record<string, unknown>> } } } };
    // sleep as PID 1 ignores SIGTERM: the pods take their whole 30 s grace period.
    manifest.spec.template.spec.containers[0]!.command = ['sleep', '3600'];
    c.api.create(manifest);
    c.advance(20_000);
    expect(podsOf(c.ctx, 'web').filter((p) => p.status?.phase === 'Running')).toHaveLength(2);
    c.api.delete('Deployment', 'default', 'web', { propagationPolicy: 'Foreground' });
    c.advance(29_000);
    expect(c.api.get('Deployment', 'default', 'web').metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(podsOf(c.ctx, 'web')).toHaveLength(2);
    c.advance(2_000);
    expect(podsOf(c.ctx, 'web')).toHaveLength(0);
    expect(replicaSetsOf(c.ctx, 'web')).toHaveLength(0);
    expect(c.api.tryGet('Deployment', 'default', 'web')).toBeUndefined();
  });
});
