import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import { kubeletHarness } from './testkit';

const ready = (p: Stored<Pod>) => p.status?.conditions?.find((c) => c.type === 'Ready')?.status;
const cs = (p: Stored<Pod>) => p.status!.containerStatuses![0]!;

describe('kubelet probes', () => {
  it('[KL10] keeps Ready False while the readiness probe fails, and writes nothing more', () => {
    const h = kubeletHarness();
    h.createPod('rp', { containers: [{ name: 'nginx', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 5 } }] });
    h.advance(10_000);
    const p = h.pod('rp');
    expect(p.status?.phase).toBe('Running');
    expect(ready(p)).toBe('False');
    expect(cs(p)).toMatchObject({ ready: false, started: true });
    expect(h.events('rp')).toContain('Unhealthy: Readiness probe failed: Get "http://10.244.0.2:8080/": dial tcp 10.244.0.2:8080: connect: connection refused');
    const rv = h.pod('rp').metadata.resourceVersion;
    h.advance(60_000);
    expect(h.pod('rp').metadata.resourceVersion).toBe(rv);
    const ev = h.ctx.api.list<{ reason: string; count: number }>('Event', 'default').items.find((e) => e.reason === 'Unhealthy')!;
    expect(ev.count).toBeGreaterThan(10);
  });

  it('[KL10] turns Ready True on the first successful readiness probe after initialDelaySeconds', () => {
    const h = kubeletHarness();
    h.createPod('rp', { containers: [{ name: 'nginx', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 } }] });
    h.advance(9_000); // started at 4.761 s; first probe at 9.761 s
    expect(ready(h.pod('rp'))).toBe('False');
    h.advance(1_000);
    expect(ready(h.pod('rp'))).toBe('True');
    expect(cs(h.pod('rp')).ready).toBe(true);
    // The probe's request shows in nginx's access log, as kube-probe's does.
    expect(h.ctx.api.logs('default', 'rp', {}).some((l) => l.includes('"GET / HTTP/1.1" 200') && l.includes('kube-probe/1.33'))).toBe(true);
  });

  it('[KL10] restarts a container whose liveness probe fails failureThreshold times', () => {
    const h = kubeletHarness();
    h.createPod('lp', { containers: [{ name: 'nginx', image: 'nginx:1.25', livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5, failureThreshold: 3 } }] });
    h.advance(14_000); // started 4.761 s, probes at 4.761, 9.761: two failures
    expect(cs(h.pod('lp')).restartCount).toBe(0);
    h.advance(1_000); // third failure at 14.761: killed (nginx exits 0 on SIGQUIT)
    expect(cs(h.pod('lp')).state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    h.advance(1_000);
    expect(cs(h.pod('lp'))).toMatchObject({ restartCount: 1, state: { running: {} }, lastState: { terminated: { reason: 'Completed' } } });
    const ev = h.events('lp');
    expect(ev).toContain('Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 404');
    expect(ev).toContain('Killing: Container nginx failed liveness probe, will be restarted');
  });

  it('[KL10] runs exec probes through the container shell and waits for the startup probe', () => {
    const h = kubeletHarness();
    h.createPod('ex', {
      containers: [
        {
          name: 'app',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'sleep 20; touch /tmp/ready; sleep 3600'],
          startupProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5, failureThreshold: 10 },
          readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5 },
        },
      ],
    });
    h.advance(10_000);
    expect(cs(h.pod('ex'))).toMatchObject({ started: false, ready: false });
    expect(h.events('ex')).toContain('Unhealthy: Startup probe failed: cat: can\'t open \'/tmp/ready\': No such file or directory\n');
    h.advance(20_000);
    expect(cs(h.pod('ex'))).toMatchObject({ started: true, ready: true, restartCount: 0 });
    expect(ready(h.pod('ex'))).toBe('True');
  });

  it('[KL10] kills a container that never passes its startup probe', () => {
    const h = kubeletHarness();
    h.createPod('st', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], startupProbe: { tcpSocket: { port: 8080 }, periodSeconds: 2, failureThreshold: 3 } }] });
    h.advance(10_000);
    expect(h.events('st')).toContain('Unhealthy: Startup probe failed: dial tcp 10.244.0.2:8080: connect: connection refused');
    expect(h.events('st')).toContain('Killing: Container app failed startup probe, will be restarted');
  });
});
