import { describe, expect, it } from 'vitest';
import { kubeletHarness } from './testkit';

describe('kubelet init containers', () => {
  it('[KL17] runs init containers one at a time before the app containers', () => {
    const h = kubeletHarness();
    h.createPod('app', {
      initContainers: [
        { name: 'wait', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'] },
        { name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'echo setup done'] },
      ],
      containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }],
    });
    h.advance(3_000);
    let p = h.pod('app');
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.initContainerStatuses?.map((s) => Object.keys(s.state ?? {})[0])).toEqual(['running', 'waiting']);
    expect(p.status?.initContainerStatuses?.[1]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(p.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(p.status?.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [wait setup]',
    });
    h.advance(10_000);
    p = h.pod('app');
    expect(p.status?.phase).toBe('Running');
    expect(p.status?.initContainerStatuses?.map((s) => s.state?.terminated?.reason)).toEqual(['Completed', 'Completed']);
    expect(p.status?.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
    expect(h.events('app').filter((e) => e.startsWith('Started'))).toEqual(['Started: Started container wait', 'Started: Started container setup', 'Started: Started container main']);
  });

  it('[KL17] fails a restartPolicy Never pod whose init container fails, without starting the app', () => {
    const h = kubeletHarness();
    h.createPod('app', {
      restartPolicy: 'Never',
      initContainers: [{ name: 'check', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }],
      containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }],
    });
    h.advance(10_000);
    const p = h.pod('app');
    expect(p.status?.phase).toBe('Failed');
    expect(p.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(h.events('app')).not.toContain('Started: Started container main');
  });

  it('[KL11] ends a pod deleted before its image could be pulled as Failed', () => {
    const h = kubeletHarness();
    h.createPod('bad', { containers: [{ name: 'c', image: 'nginx:1.255' }] });
    h.advance(5_000);
    let phase: string | undefined;
    h.ctx.api.watch('Pod', { namespace: 'default', resourceVersion: h.ctx.api.resourceVersion }, (e) => {
      phase = (e.object as { status?: { phase?: string } }).status?.phase;
    });
    h.ctx.api.delete('Pod', 'default', 'bad');
    h.advance(3_000);
    expect(h.ctx.api.tryGet('Pod', 'default', 'bad')).toBeUndefined();
    expect(phase).toBe('Failed');
  });
});
