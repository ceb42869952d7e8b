import { describe, expect, it } from 'vitest';
import { kubeletHarness, WORKER } from './testkit';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const at = (s: number) => new Date(T0 + s * 1000).toISOString().replace('.000Z', 'Z');
const NGINX_PULL = 'Successfully pulled image "nginx:1.25" in 4.261s (4.261s including waiting). Image size: 67831271 bytes.';

describe('kubelet pod lifecycle', () => {
  it('[KL4] takes an nginx pod from Pending through ContainerCreating to Running and Ready', () => {
    const h = kubeletHarness();
    h.createPod('web', { containers: [{ name: 'nginx', image: 'nginx:1.25' }] });
    let p = h.pod('web');
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.hostIP).toBe('172.18.0.2');
    expect(p.status?.hostIPs).toEqual([{ ip: '172.18.0.2' }]);
    expect(p.status?.startTime).toBe(at(0));
    expect(p.status?.podIP).toBeUndefined();
    expect(p.status?.containerStatuses).toEqual([
      { name: 'nginx', image: 'nginx:1.25', imageID: '', lastState: {}, ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ContainerCreating' } }, volumeMounts: expect.any(Array) },
    ]);
    expect(p.status?.conditions?.map((c) => [c.type, c.status, c.reason ?? '', c.message ?? ''])).toEqual([
      ['PodReadyToStartContainers', 'False', '', ''],
      ['Initialized', 'True', '', ''],
      ['Ready', 'False', 'ContainersNotReady', 'containers with unready status: [nginx]'],
      ['ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [nginx]'],
      ['PodScheduled', 'True', '', ''],
    ]);
    expect(h.events('web')).toEqual([]);

    h.advance(1000);
    p = h.pod('web');
    expect(p.status?.podIP).toBe('10.244.0.2');
    expect(p.status?.podIPs).toEqual([{ ip: '10.244.0.2' }]);
    expect(p.status?.conditions?.[0]).toMatchObject({ type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: at(0) });
    expect(p.status?.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(h.events('web')).toEqual(['Pulling: Pulling image "nginx:1.25"']);

    h.advance(4000); // the pull takes the catalogue's 4.261 s
    p = h.pod('web');
    expect(p.status?.phase).toBe('Running');
    const cs = p.status!.containerStatuses![0]!;
    expect(cs).toMatchObject({ image: 'docker.io/library/nginx:1.25', ready: true, started: true, restartCount: 0, state: { running: { startedAt: at(4) } } });
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(p.status?.conditions?.map((c) => [c.type, c.status, c.lastTransitionTime])).toEqual([
      ['PodReadyToStartContainers', 'True', at(0)],
      ['Initialized', 'True', at(0)],
      ['Ready', 'True', at(4)],
      ['ContainersReady', 'True', at(4)],
      ['PodScheduled', 'True', at(0)],
    ]);
    expect(h.events('web')).toEqual(['Pulling: Pulling image "nginx:1.25"', `Pulled: ${NGINX_PULL}`, 'Created: Created container: nginx', 'Started: Started container nginx']);
    const podEvents = h.ctx.api.list<{ involvedObject: { kind: string; fieldPath?: string } }>('Event', 'default').items.filter((e) => e.involvedObject.kind === 'Pod');
    const fieldPaths = podEvents.map((e) => e.involvedObject.fieldPath);
    expect(new Set(fieldPaths)).toEqual(new Set(['spec.containers{nginx}']));
  });

  it('[KL5] hands out pod IPs in order, never one in use, and the node IP to hostNetwork pods', () => {
    const h = kubeletHarness([{ ...WORKER, name: 'cp' }, WORKER]);
    const spec = { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] };
    for (const n of ['a', 'b', 'c']) h.createPod(n, spec, { node: 'node-1' });
    h.createPod('host', { ...spec, hostNetwork: true }, { node: 'node-1' });
    h.advance(1000);
    expect(['a', 'b', 'c', 'host'].map((n) => h.pod(n).status?.podIP)).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4', '172.18.0.3']);
    h.ctx.api.delete('Pod', 'default', 'a', { gracePeriodSeconds: 0 });
    h.createPod('d', spec, { node: 'node-1' });
    h.advance(1000);
    expect(h.pod('d').status?.podIP).toBe('10.244.1.5');
  });

  it('[KL6] honours imagePullPolicy and serializes pulls on a node', () => {
    const h = kubeletHarness();
    h.createPod('one', { containers: [{ name: 'nginx', image: 'nginx:1.25' }] });
    h.createPod('two', { containers: [{ name: 'redis', image: 'redis:7' }] });
    h.advance(30_000);
    expect(h.events('one')).toContain(`Pulled: ${NGINX_PULL}`);
    const two = h.events('two').find((e) => e.startsWith('Pulled:'))!;
    // redis waited for the nginx pull in front of it.
    expect(two).toMatch(/^Pulled: Successfully pulled image "redis:7" in ([\d.]+)s \(([\d.]+)s including waiting\)\. Image size: \d+ bytes\.$/);
    const [, pull, total] = /in ([\d.]+)s \(([\d.]+)s/.exec(two)!;
    expect(Number(total)).toBeCloseTo(Number(pull) + 4.261, 3);

    h.createPod('cached', { containers: [{ name: 'nginx', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }] });
    h.createPod('always', { containers: [{ name: 'nginx', image: 'nginx:1.25', imagePullPolicy: 'Always' }] });
    h.createPod('never', { containers: [{ name: 'app', image: 'alpine:3.20', imagePullPolicy: 'Never' }] });
    h.advance(5_000);
    expect(h.events('cached')).toContain('Pulled: Container image "nginx:1.25" already present on machine');
    expect(h.events('always')).toContain('Pulled: Successfully pulled image "nginx:1.25" in 1s (1s including waiting). Image size: 67831271 bytes.');
    expect(h.events('never')).toEqual([
      'ErrImageNeverPull: Container image "alpine:3.20" is not present with pull policy of Never',
      'Failed: Error: ErrImageNeverPull',
    ]);
    expect(h.pod('never').status?.containerStatuses?.[0]?.state).toEqual({
      waiting: { reason: 'ErrImageNeverPull', message: 'Container image "alpine:3.20" is not present with pull policy of Never' },
    });
  });

  it('[KL7] leaves a mistyped tag in ImagePullBackOff with a back-off of 10 s doubling', () => {
    const h = kubeletHarness();
    h.createPod('bad', { containers: [{ name: 'nginx', image: 'nginx:1.255' }] });
    const err =
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.255": failed to resolve reference "docker.io/library/nginx:1.255": docker.io/library/nginx:1.255: not found';
    const pulls: number[] = [];
    const states: string[] = [];
    h.ctx.api.watch('Event', { namespace: 'default' }, (e) => {
      const ev = e.object as { reason?: string };
      if (ev.reason === 'Pulling') pulls.push((h.now() - T0) / 1000);
    });
    for (let t = 0; t < 320; t++) {
      const reason = h.pod('bad').status?.containerStatuses?.[0]?.state?.waiting?.reason ?? '';
      if (states[states.length - 1] !== reason) states.push(reason);
      if (t === 3) expect(h.pod('bad').status?.containerStatuses?.[0]?.state?.waiting).toEqual({ reason: 'ErrImagePull', message: err });
      h.advance(1000);
    }
    // Each pull takes 1 s to fail; the next waits 10, 20, 40, 80, 160 s after the failure.
    expect(pulls).toEqual([0.5, 11.5, 32.5, 73.5, 154.5, 315.5]);
    expect(states.slice(0, 5)).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull', 'ImagePullBackOff']);
    h.advance(10_000);
    expect(h.pod('bad').status?.containerStatuses?.[0]?.state?.waiting).toEqual({
      reason: 'ImagePullBackOff',
      message: `Back-off pulling image "nginx:1.255": ErrImagePull: ${err}`,
    });
    expect(h.events('bad')).toEqual([
      'Pulling: Pulling image "nginx:1.255"',
      `Failed: Failed to pull image "nginx:1.255": ${err}`,
      'Failed: Error: ErrImagePull',
      'BackOff: Back-off pulling image "nginx:1.255"',
      'Failed: Error: ImagePullBackOff',
    ]);
    expect(h.pod('bad').status?.phase).toBe('Pending');
  });

  it('[KL26] pulls a corrected image at once, without waiting out the broken one\'s back-off', () => {
    const h = kubeletHarness();
    h.createPod('bad', { containers: [{ name: 'nginx', image: 'nginx:1.255' }] });
    // The third pull failed at 33.5 s; from 43.5 s the next waits until 73.5 s.
    h.advance(45_000);
    expect(h.pod('bad').status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ImagePullBackOff');
    const fixed = JSON.parse(JSON.stringify(h.pod('bad'))) as { spec: { containers: Array<{ image: string }> } };
    fixed.spec.containers[0]!.image = 'nginx:1.27';
    h.ctx.api.update(fixed as never);
    const fixedAt = h.now();
    let pulling: number | undefined;
    h.ctx.api.watch('Event', { namespace: 'default', resourceVersion: h.ctx.api.resourceVersion }, (e) => {
      const ev = e.object as { reason?: string; message?: string };
      if (ev.reason === 'Pulling' && ev.message?.includes('nginx:1.27')) pulling ??= h.now() - fixedAt;
    });
    h.advance(5_000);
    expect(pulling).toBe(0);
    expect(h.pod('bad').status?.containerStatuses?.[0]).toMatchObject({ image: 'docker.io/library/nginx:1.27', ready: true, state: { running: expect.anything() } });
  });
});
