import { describe, expect, it } from 'vitest';
import type { ObjectInput } from '../api/types';
import { clone } from '../api/types';
import { computeHash } from '../apimachinery/hash';
import type { ClusterContext } from '../cluster';
import {
  deploymentManifest,
  editDeployment,
  eventsFor,
  fakeKubelet,
  getDeployment,
  podCounts,
  podsOf,
  replicaSetsOf,
  setImage,
  workloadContext,
} from './deployment-testkit';
import { POD_TEMPLATE_HASH, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION } from './deployment-util';
import type { ReplicaSetObj } from './replicaset';
import { isPodActive } from './replicaset-pods';

const traces = (ctx: ClusterContext) => ctx.trace.since().filter((e) => e.actor === 'deployment-controller').map((e) => e.message);
const scaling = (ctx: ClusterContext, name = 'web') => eventsFor(ctx, name, 'ScalingReplicaSet').map((e) => e.message);
const byRevision = (ctx: ClusterContext, app = 'web') =>
  Object.fromEntries(replicaSetsOf(ctx, app).map((rs) => [rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '?', rs]));
const condition = (ctx: ClusterContext, type: string, name = 'web') => getDeployment(ctx, name).status?.conditions?.find((c) => c.type === type);
const images = (ctx: ClusterContext, app = 'web') => podsOf(ctx, app).filter(isPodActive).map((p) => p.spec?.containers[0]?.image).sort();

function started(opts: Parameters<typeof deploymentManifest>[1] = {}, kubelet: Parameters<typeof fakeKubelet>[1] = {}): ClusterContext {
  const ctx = workloadContext();
  fakeKubelet(ctx, kubelet);
  ctx.api.create(deploymentManifest('web', opts));
  ctx.clock.advance(5000);
  return ctx;
}

/** Watches every pod write and keeps the extremes a rollout reaches. */
function watchBounds(ctx: ClusterContext, app = 'web'): { maxActive: number; minReady: number } {
  const seen = { maxActive: 0, minReady: Infinity };
  ctx.api.subscribe((e) => {
    if (e.kind !== 'Pod') return;
    const { active, ready } = podCounts(ctx, app);
    seen.maxActive = Math.max(seen.maxActive, active);
    seen.minReady = Math.min(seen.minReady, ready);
  });
  return seen;
}

describe('Deployment controller', () => {
  it('[DEP5] creates ReplicaSet <name>-<pod-template-hash> with revision and replica annotations', () => {
    const ctx = workloadContext();
    const d = ctx.api.create<{ spec: { template: unknown }; metadata: { uid: string } }>(deploymentManifest('web'));
    ctx.clock.runDue();
    const hash = computeHash(d.spec.template, undefined);
    const [rs] = replicaSetsOf(ctx, 'web');
    expect(replicaSetsOf(ctx, 'web')).toHaveLength(1);
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.metadata.labels).toEqual({ app: 'web', [POD_TEMPLATE_HASH]: hash });
    expect(rs!.spec?.selector).toEqual({ matchLabels: { app: 'web', [POD_TEMPLATE_HASH]: hash } });
    expect(rs!.spec?.template?.metadata?.labels).toEqual({ app: 'web', [POD_TEMPLATE_HASH]: hash });
    expect(rs!.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(rs!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(getDeployment(ctx, 'web').metadata.annotations?.[REVISION_ANNOTATION]).toBe('1');
    expect(scaling(ctx)).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
    expect(eventsFor(ctx, 'web', 'ScalingReplicaSet')[0]!.source.component).toBe('deployment-controller');
    expect(podsOf(ctx, 'web').map((p) => p.metadata.name.slice(0, -6))).toEqual([`web-${hash}`, `web-${hash}`, `web-${hash}`]);
  });

  it('[DEP12] reports Available and Progressing conditions and the replica counts', () => {
    const ctx = workloadContext();
    fakeKubelet(ctx, { readyAfterMs: 2000 });
    ctx.api.create(deploymentManifest('web'));
    ctx.clock.runDue();
    const rsName = replicaSetsOf(ctx, 'web')[0]!.metadata.name;
    expect(getDeployment(ctx, 'web').status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, unavailableReplicas: 3 });
    expect(condition(ctx, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    expect(condition(ctx, 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.` });
    ctx.clock.advance(5000);
    const status = getDeployment(ctx, 'web').status!;
    expect({ ...status, conditions: undefined }).toEqual({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    const available = condition(ctx, 'Available')!;
    expect(available).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(available.lastUpdateTime).toBe('2026-01-05T09:00:02Z');
    expect(condition(ctx, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` });
    expect(condition(ctx, 'Progressing')!.lastTransitionTime).toBe('2026-01-05T09:00:00Z');
    expect(traces(ctx)).toContain(`default/web condition Available=True (MinimumReplicasAvailable): Deployment has minimum availability.`);
  });

  it('[DEP6] a rolling update with maxSurge 1, maxUnavailable 0 never drops below 3 available nor exceeds 4 pods', () => {
    const ctx = started({ replicas: 3, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } });
    const oldRS = replicaSetsOf(ctx, 'web')[0]!.metadata.name;
    const bounds = watchBounds(ctx);
    setImage(ctx, 'web', 'nginx:1.26');
    ctx.clock.advance(30_000);
    expect(bounds).toEqual({ maxActive: 4, minReady: 3 });
    expect(images(ctx)).toEqual(['nginx:1.26', 'nginx:1.26', 'nginx:1.26']);
    const newRS = replicaSetsOf(ctx, 'web').find((rs) => rs.metadata.name !== oldRS)!.metadata.name;
    expect(scaling(ctx)).toEqual([
      `Scaled up replica set ${oldRS} from 0 to 3`,
      `Scaled up replica set ${newRS} from 0 to 1`,
      `Scaled down replica set ${oldRS} from 3 to 2`,
      `Scaled up replica set ${newRS} from 1 to 2`,
      `Scaled down replica set ${oldRS} from 2 to 1`,
      `Scaled up replica set ${newRS} from 2 to 3`,
      `Scaled down replica set ${oldRS} from 1 to 0`,
    ]);
    expect(traces(ctx)).toContain(`rolling update of default/web: old RS ${oldRS} scaled down from 3 to 2 (maxUnavailable 0: 4 pods available, 3 must stay available)`);
    expect(traces(ctx)).toContain(`rolling update of default/web: new RS ${newRS} scaled up from 1 to 2 (maxSurge 1: 4 of at most 4 pods)`);
    expect(getDeployment(ctx, 'web').status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 2 });
    expect(getDeployment(ctx, 'web').metadata.annotations?.[REVISION_ANNOTATION]).toBe('2');
  });

  it('[DEP7] Recreate scales the old ReplicaSet to 0 and creates the new one only once every old pod is gone', () => {
    const ctx = started({ strategy: { type: 'Recreate' } }, { terminateAfterMs: 8000 });
    const oldRS = replicaSetsOf(ctx, 'web')[0]!;
    let oldPodsWhenCreated = -1;
    ctx.api.subscribe((e) => {
      if (e.kind === 'ReplicaSet' && e.type === 'ADDED') oldPodsWhenCreated = podsOf(ctx, 'web').length;
    });
    setImage(ctx, 'web', 'nginx:1.26');
    ctx.clock.runDue();
    expect(ctx.api.get<ReplicaSetObj>('ReplicaSet', 'default', oldRS.metadata.name).spec?.replicas).toBe(0);
    expect(replicaSetsOf(ctx, 'web')).toHaveLength(1);
    expect(traces(ctx)).toContain('recreate of default/web: waiting for 3 old pods to be gone before creating new ones');
    ctx.clock.advance(7000);
    expect(replicaSetsOf(ctx, 'web')).toHaveLength(1);
    ctx.clock.advance(1000);
    expect(oldPodsWhenCreated).toBe(0);
    ctx.clock.advance(5000);
    expect(images(ctx)).toEqual(['nginx:1.26', 'nginx:1.26', 'nginx:1.26']);
    expect(scaling(ctx).slice(1)).toEqual([`Scaled down replica set ${oldRS.metadata.name} from 3 to 0`, expect.stringMatching(/^Scaled up replica set web-\w+ from 0 to 3$/)]);
  });

  it('[DEP8] a rollback to an earlier template reuses its ReplicaSet, which becomes the newest revision', () => {
    const ctx = started();
    const first = replicaSetsOf(ctx, 'web')[0]!;
    setImage(ctx, 'web', 'nginx:1.26');
    ctx.clock.advance(30_000);
    // kubectl rollout undo: the template of revision 1, without its pod-template-hash label, goes into the Deployment.
    editDeployment(ctx, 'web', (d) => {
      const t = clone(first.spec!.template!);
      delete t.metadata!.labels![POD_TEMPLATE_HASH];
      d.spec!.template = t as NonNullable<typeof d.spec>['template'];
    });
    ctx.clock.advance(30_000);
    const revs = byRevision(ctx);
    expect(Object.keys(revs).sort()).toEqual(['2', '3']);
    expect(revs['3']!.metadata.uid).toBe(first.metadata.uid);
    expect(revs['3']!.metadata.annotations?.[REVISION_HISTORY_ANNOTATION]).toBe('1');
    expect(revs['3']!.spec?.replicas).toBe(3);
    expect(revs['2']!.spec?.replicas).toBe(0);
    expect(getDeployment(ctx, 'web').metadata.annotations?.[REVISION_ANNOTATION]).toBe('3');
    expect(images(ctx)).toEqual(['nginx:1.25', 'nginx:1.25', 'nginx:1.25']);
    expect(traces(ctx)).toContain(`default/web: ReplicaSet ${first.metadata.name} has the Deployment's template again, so it becomes revision 3 (was 1)`);
  });

  it('[DEP9] a paused Deployment does not roll out a new template but still scales; resuming continues', () => {
    const ctx = started();
    editDeployment(ctx, 'web', (d) => {
      d.spec!.paused = true;
      d.spec!.template.spec!.containers[0]!.image = 'nginx:1.26';
    });
    ctx.clock.advance(10_000);
    expect(replicaSetsOf(ctx, 'web')).toHaveLength(1);
    expect(condition(ctx, 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    expect(getDeployment(ctx, 'web').status?.updatedReplicas).toBeUndefined();
    editDeployment(ctx, 'web', (d) => {
      d.spec!.replicas = 5;
    });
    ctx.clock.advance(10_000);
    expect(images(ctx)).toEqual(Array(5).fill('nginx:1.25'));
    editDeployment(ctx, 'web', (d) => {
      d.spec!.paused = false;
    });
    ctx.clock.runDue();
    expect(traces(ctx)).toContain('default/web is resumed: Progressing=Unknown (DeploymentResumed); the rollout continues and its deadline counts from now');
    ctx.clock.advance(60_000);
    expect(images(ctx)).toEqual(Array(5).fill('nginx:1.26'));
    expect(condition(ctx, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });

  it('[DEP10] no progress within progressDeadlineSeconds turns Progressing False with ProgressDeadlineExceeded', () => {
    const ctx = workloadContext();
    fakeKubelet(ctx, { becomesReady: () => false });
    ctx.api.create(deploymentManifest('web', { progressDeadlineSeconds: 30 }));
    ctx.clock.advance(30_000);
    expect(condition(ctx, 'Progressing')).toMatchObject({ status: 'True' });
    ctx.clock.advance(1000);
    const rsName = replicaSetsOf(ctx, 'web')[0]!.metadata.name;
    expect(condition(ctx, 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rsName}" has timed out progressing.`,
      lastUpdateTime: '2026-01-05T09:00:31Z',
    });
    expect(traces(ctx)).toContain(`default/web condition Progressing=False (ProgressDeadlineExceeded): ReplicaSet "${rsName}" has timed out progressing. (no progress for 30s: progressDeadlineSeconds)`);
  });

  it('[DEP11] keeps revisionHistoryLimit old ReplicaSets at 0 replicas and deletes the oldest beyond it', () => {
    const ctx = started({ revisionHistoryLimit: 2 });
    for (const v of ['1.26', '1.27', '1.28', '1.29']) {
      setImage(ctx, 'web', `nginx:${v}`);
      ctx.clock.advance(30_000);
    }
    expect(Object.keys(byRevision(ctx)).sort()).toEqual(['3', '4', '5']);
    expect(traces(ctx).filter((m) => m.includes('deleting old ReplicaSet'))).toEqual([
      expect.stringMatching(/revision 1\): revisionHistoryLimit is 2 and there are 3 old ReplicaSets$/),
      expect.stringMatching(/revision 2\): revisionHistoryLimit is 2 and there are 3 old ReplicaSets$/),
    ]);
  });

  it('[DEP13] scaling in the middle of a rollout is spread over the ReplicaSets in proportion', () => {
    const ctx = started({ replicas: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }, { becomesReady: (p) => p.spec?.containers[0]?.image !== 'nginx:broken' });
    const oldRS = replicaSetsOf(ctx, 'web')[0]!.metadata.name;
    setImage(ctx, 'web', 'nginx:broken');
    ctx.clock.advance(10_000);
    const sizes = () => Object.fromEntries(replicaSetsOf(ctx, 'web').map((rs) => [rs.metadata.name === oldRS ? 'old' : 'new', rs.spec?.replicas]));
    expect(sizes()).toEqual({ old: 8, new: 5 });
    editDeployment(ctx, 'web', (d) => {
      d.spec!.replicas = 20;
    });
    ctx.clock.advance(10_000);
    expect(sizes()).toEqual({ old: 14, new: 9 });
    expect(scaling(ctx).slice(-2)).toEqual([expect.stringMatching(/ from 8 to 14$/), expect.stringMatching(/ from 5 to 9$/)]);
  });

  it('[DEP14] adopts an orphan ReplicaSet its selector matches, and releases one whose labels stop matching', () => {
    const ctx = workloadContext();
    const template = (deploymentManifest('web').spec as { template: unknown }).template;
    ctx.api.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-manual', namespace: 'default', labels: { app: 'web' } }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template } });
    ctx.api.create(deploymentManifest('web'));
    ctx.clock.runDue();
    const rss = replicaSetsOf(ctx, 'web');
    expect(rss.map((rs) => rs.metadata.name)).toEqual(['web-manual']);
    expect(rss[0]!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true });
    expect(rss[0]!.metadata.annotations?.[REVISION_ANNOTATION]).toBe('1');
    const rs = clone(rss[0]!);
    rs.metadata.labels = { app: 'other' };
    ctx.api.update(rs as ObjectInput);
    ctx.clock.runDue();
    expect(ctx.api.get<ReplicaSetObj>('ReplicaSet', 'default', 'web-manual').metadata.ownerReferences ?? []).toEqual([]);
    expect(traces(ctx)).toContain('default/web released ReplicaSet web-manual: its labels no longer match the selector app=web');
    expect(replicaSetsOf(ctx, 'web')).toHaveLength(1); // a new ReplicaSet web-<hash> took its place
  });

  it('[DEP15] changing replicas on a finished rollout scales its ReplicaSet, with no new revision', () => {
    const ctx = started();
    const [rs] = replicaSetsOf(ctx, 'web');
    editDeployment(ctx, 'web', (d) => {
      d.spec!.replicas = 5;
    });
    ctx.clock.advance(5000);
    expect(replicaSetsOf(ctx, 'web').map((r) => [r.metadata.name, r.spec?.replicas, r.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']])).toEqual([[rs!.metadata.name, 5, '5']]);
    expect(scaling(ctx).at(-1)).toBe(`Scaled up replica set ${rs!.metadata.name} from 3 to 5`);
    expect(podCounts(ctx, 'web')).toEqual({ active: 5, ready: 5 });
  });

  it('[DEP17] user annotations are copied to the new ReplicaSet; the controller keeps its own', () => {
    const ctx = workloadContext();
    const m = deploymentManifest('web');
    (m.metadata as { annotations?: Record<string, string> }).annotations = { 'kubernetes.io/change-cause': 'first', 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    ctx.api.create(m);
    ctx.clock.runDue();
    expect(replicaSetsOf(ctx, 'web')[0]!.metadata.annotations).toEqual({
      'kubernetes.io/change-cause': 'first',
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
  });
});

describe('Deployment controller, edge cases', () => {
  it('[DEP18] a ReplicaSet name taken by another template bumps collisionCount and the hash', () => {
    const ctx = workloadContext();
    const manifest = deploymentManifest('web');
    const template = (manifest.spec as { template: { spec: unknown } }).template;
    const defaulted = ctx.api.create<{ spec: { template: unknown } }>(manifest, { dryRun: true }).spec.template;
    const hash = computeHash(defaulted, undefined);
    ctx.api.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: `web-${hash}`, namespace: 'default', labels: { app: 'squatter' } },
      spec: { replicas: 0, selector: { matchLabels: { app: 'squatter' } }, template: { metadata: { labels: { app: 'squatter' } }, spec: template.spec } },
    });
    ctx.api.create(manifest);
    ctx.clock.advance(1000);
    expect(getDeployment(ctx, 'web').status?.collisionCount).toBe(1);
    expect(replicaSetsOf(ctx, 'web').map((rs) => rs.metadata.name)).toEqual([`web-${computeHash(defaulted, 1)}`]);
    expect(traces(ctx)).toContain(`default/web: ReplicaSet web-${hash} already exists with another template (a hash collision): collisionCount becomes 1, giving a new hash`);
  });

  it('[DEP8] the deprecated rollback.to annotation rolls the template back and is cleared', () => {
    const ctx = started();
    setImage(ctx, 'web', 'nginx:1.26');
    ctx.clock.advance(30_000);
    editDeployment(ctx, 'web', (d) => {
      d.metadata.annotations = { ...d.metadata.annotations, 'deprecated.deployment.rollback.to': '9' };
    });
    ctx.clock.runDue();
    expect(eventsFor(ctx, 'web', 'DeploymentRollbackRevisionNotFound').map((e) => e.message)).toEqual(['Unable to find the revision to rollback to.']);
    editDeployment(ctx, 'web', (d) => {
      d.metadata.annotations = { ...d.metadata.annotations, 'deprecated.deployment.rollback.to': '0' };
    });
    ctx.clock.advance(30_000);
    expect(eventsFor(ctx, 'web', 'DeploymentRollback').map((e) => e.message)).toEqual(['Rolled back deployment "web" to revision 1']);
    expect(getDeployment(ctx, 'web').metadata.annotations?.['deprecated.deployment.rollback.to']).toBeUndefined();
    expect(images(ctx)).toEqual(['nginx:1.25', 'nginx:1.25', 'nginx:1.25']);
    expect(getDeployment(ctx, 'web').metadata.annotations?.[REVISION_ANNOTATION]).toBe('3');
  });

  it('[DEP12] minReadySeconds goes to the ReplicaSet and holds the rollout until new pods have been ready that long', () => {
    const ctx = started({ minReadySeconds: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } });
    const first = replicaSetsOf(ctx, 'web')[0]!;
    expect(first.spec?.minReadySeconds).toBe(10);
    ctx.clock.advance(20_000);
    setImage(ctx, 'web', 'nginx:1.26');
    ctx.clock.advance(5000); // the first new pod is ready (after 1 s) but not yet available
    expect(ctx.api.get<ReplicaSetObj>('ReplicaSet', 'default', first.metadata.name).spec?.replicas).toBe(3);
    ctx.clock.advance(7000);
    expect(ctx.api.get<ReplicaSetObj>('ReplicaSet', 'default', first.metadata.name).spec?.replicas).toBe(2);
  });
});
