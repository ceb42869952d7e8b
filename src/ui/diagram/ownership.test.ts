import { describe, expect, it } from 'vitest';
import { defaultCluster, deployment, pod, viewMap, workload } from './fixtures';
import { layoutOwnership, MAX_POD_NODES } from './ownership';
import type { PodGroupData } from './ownership';
import { podCategory, podLabel } from './status';

const none = new Set<string>();

describe('ownership layout', () => {
  it('links Deployment → ReplicaSet → each pod when there are few', () => {
    const g = layoutOwnership(
      viewMap([...defaultCluster(3), ...deployment('web', 3, ['node-1', 'node-2', 'node-3'])]),
      false,
      none,
    );
    const edges = g.edges.map((e) => `${e.source} -> ${e.target}`);
    expect(edges).toEqual([
      'Deployment/default/web -> ReplicaSet/default/web-7d4b9c',
      'ReplicaSet/default/web-7d4b9c -> Pod/default/web-7d4b9c-xxxx0',
      'ReplicaSet/default/web-7d4b9c -> Pod/default/web-7d4b9c-xxxx1',
      'ReplicaSet/default/web-7d4b9c -> Pod/default/web-7d4b9c-xxxx2',
    ]);
    expect(g.nodes.some((n) => n.id.includes('coredns'))).toBe(false);
  });

  it('lists ReplicaSets newest revision first, old ones kept at 0 pods', () => {
    const views = [
      ...deployment('web', 2, ['node-1']),
      workload('ReplicaSet', 'web-old', {
        desired: 0,
        revision: '1',
        owner: { kind: 'Deployment', name: 'web' },
      }),
      workload('ReplicaSet', 'web-7d4b9c', {
        desired: 2,
        revision: '2',
        owner: { kind: 'Deployment', name: 'web' },
      }),
    ];
    const g = layoutOwnership(viewMap(views), false, none);
    const rs = g.nodes.filter((n) => n.type === 'workload' && n.data.workload.kind === 'ReplicaSet');
    expect(rs.map((n) => n.id)).toEqual(['ReplicaSet/default/web-7d4b9c', 'ReplicaSet/default/web-old']);
    expect((rs[1]?.position.y ?? 0) > (rs[0]?.position.y ?? 0)).toBe(true);
  });

  it('boxes the pods of a big owner, and keeps standalone pods apart', () => {
    const views = [...deployment('web', MAX_POD_NODES + 1, ['node-1']), pod('debug', { node: 'node-1' })];
    const g = layoutOwnership(viewMap(views), false, none);
    const group = g.nodes.find((n) => n.id === 'group:ReplicaSet/default/web-7d4b9c');
    expect(group?.type).toBe('podGroup');
    expect((group?.data as PodGroupData).podCount).toBe(MAX_POD_NODES + 1);
    const orphans = g.nodes.find((n) => n.id === 'group:orphans')?.data as PodGroupData;
    expect(orphans.items.map((i) => (i.type === 'pod' ? i.pod.name : ''))).toEqual(['debug']);
  });

  it('shows DaemonSet pods under their DaemonSet when system pods are shown', () => {
    const g = layoutOwnership(viewMap(defaultCluster(3)), true, none);
    expect(g.edges.filter((e) => e.source === 'DaemonSet/kube-system/kube-proxy')).toHaveLength(4);
    // Static pods (owned by their Node) are standalone here.
    const orphans = g.nodes.find((n) => n.id === 'group:orphans')?.data as PodGroupData;
    expect(orphans.podCount).toBe(4);
  });
});

describe('pod status', () => {
  it('maps kubectl STATUS to a colour that never lies', () => {
    const c = (status: string, isReady = false, deleting = false) =>
      podCategory({ status, isReady, deleting });
    expect(c('Running', true)).toBe('ready');
    expect(c('Running', false)).toBe('unready');
    expect(c('ContainerCreating')).toBe('creating');
    expect(c('Init:0/1')).toBe('creating');
    expect(c('Init:Error')).toBe('error');
    expect(c('Init:CrashLoopBackOff')).toBe('crash');
    expect(c('ErrImagePull')).toBe('image');
    expect(c('ImagePullBackOff')).toBe('image');
    expect(c('Terminating', false, true)).toBe('terminating');
    expect(c('Completed')).toBe('completed');
    expect(c('OOMKilled')).toBe('error');
    expect(c('Pending')).toBe('pending');
  });

  it('labels a pod as a screen reader should read it', () => {
    expect(podLabel(pod('web-7d4b9c-abcde'))).toBe('Pod web-7d4b9c-abcde: Running, ready 1/1, 0 restarts');
    expect(
      podLabel(pod('x', { status: 'CrashLoopBackOff', restarts: 1, ready: '0/1', namespace: 'dev' })),
    ).toBe('Pod x: CrashLoopBackOff, ready 0/1, 1 restart, namespace dev');
  });
});
