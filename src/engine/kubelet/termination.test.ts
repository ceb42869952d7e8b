import { describe, expect, it } from 'vitest';
import { isStatusError } from '../api/errors';
import { kubeletHarness } from './testkit';

/** Seconds from `from` until the pod is gone, stepping 100 ms. */
function secondsUntilGone(h: ReturnType<typeof kubeletHarness>, name: string, limit = 60): number {
  const from = h.now();
  while (h.ctx.api.tryGet('Pod', 'default', name)) {
    if (h.now() - from > limit * 1000) return Number.POSITIVE_INFINITY;
    h.advance(100);
  }
  return (h.now() - from) / 1000;
}

describe('kubelet termination and logs', () => {
  it('[KL11] stops nginx at once on deletion and removes the pod', () => {
    const h = kubeletHarness();
    h.createPod('web', { containers: [{ name: 'nginx', image: 'nginx:1.25' }] });
    h.advance(10_000);
    const deleted = h.ctx.api.delete<{ metadata: { deletionTimestamp?: string; deletionGracePeriodSeconds?: number } }>('Pod', 'default', 'web');
    expect(deleted.metadata.deletionGracePeriodSeconds).toBe(30);
    h.ctx.clock.runDue();
    const states: string[] = [];
    h.ctx.api.watch('Pod', { namespace: 'default', resourceVersion: h.ctx.api.resourceVersion }, (e) => {
      const p = e.object as { status?: { phase?: string; containerStatuses?: Array<{ state?: { terminated?: { exitCode: number; reason: string } } }> } };
      const t = p.status?.containerStatuses?.[0]?.state?.terminated;
      states.push(`${e.type} ${p.status?.phase}${t ? ` ${t.reason} ${t.exitCode}` : ''}`);
    });
    const gone = secondsUntilGone(h, 'web');
    expect(gone).toBeLessThan(3);
    expect(h.events('web')).toContain('Killing: Stopping container nginx');
    // nginx handles its stop signal (SIGQUIT) and exits 0; the final status shows it, then the pod goes.
    expect(states[states.length - 1]).toBe('DELETED Succeeded Completed 0');
  });

  it('[KL11] SIGKILLs a shell running sleep as PID 1 when the 30 s grace period ends', () => {
    const h = kubeletHarness();
    h.createPod('sleeper', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }] });
    h.advance(5_000);
    h.ctx.api.delete('Pod', 'default', 'sleeper');
    h.ctx.clock.runDue();
    let last: { phase?: string; exitCode?: number } = {};
    h.ctx.api.watch('Pod', { namespace: 'default', resourceVersion: h.ctx.api.resourceVersion }, (e) => {
      const p = e.object as { status?: { phase?: string; containerStatuses?: Array<{ state?: { terminated?: { exitCode: number } } }> } };
      last = { phase: p.status?.phase, exitCode: p.status?.containerStatuses?.[0]?.state?.terminated?.exitCode };
    });
    const gone = secondsUntilGone(h, 'sleeper');
    expect(gone).toBeGreaterThanOrEqual(30);
    expect(gone).toBeLessThan(32);
    expect(last).toEqual({ phase: 'Failed', exitCode: 137 });
  });

  it('[KL11] honours a shorter grace period given on deletion', () => {
    const h = kubeletHarness();
    h.createPod('sleeper', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] });
    h.advance(5_000);
    h.ctx.api.delete('Pod', 'default', 'sleeper', { gracePeriodSeconds: 5 });
    const gone = secondsUntilGone(h, 'sleeper');
    expect(gone).toBeGreaterThanOrEqual(5);
    expect(gone).toBeLessThan(7);
  });

  it('[KL12] serves current and previous logs, with tail and the real errors', () => {
    const h = kubeletHarness();
    h.createPod('counter', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'for i in 1 2 3 4 5; do echo line $i; done; sleep 5; exit 1'] }] });
    h.advance(4_000);
    const api = h.ctx.api;
    expect(api.logs('default', 'counter', {})).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
    expect(api.logs('default', 'counter', { tailLines: 2 })).toEqual(['line 4', 'line 5']);
    expect(api.logs('default', 'counter', { timestamps: true })[0]).toMatch(/^2026-01-05T09:00:02\.\d{9}Z line 1$/);
    const noPrevious = (() => {
      try {
        api.logs('default', 'counter', { previous: true });
      } catch (e) {
        return isStatusError(e) ? `${e.reason}: ${e.message}` : String(e);
      }
      return 'no error';
    })();
    expect(noPrevious).toBe('BadRequest: previous terminated container "app" in pod "counter" not found');
    h.advance(10_000); // exited at 7.6 s, restarted at 8.6 s
    expect(h.pod('counter').status?.containerStatuses?.[0]?.restartCount).toBe(1);
    expect(api.logs('default', 'counter', { previous: true })).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
  });

  it('[KL12] refuses logs when the kubelet is down', () => {
    const h = kubeletHarness();
    h.createPod('web', { containers: [{ name: 'nginx', image: 'nginx:1.25' }] });
    h.advance(6_000);
    h.kubelet.stop();
    expect(() => h.ctx.api.logs('default', 'web', {})).toThrow('Get "https://172.18.0.2:10250/containerLogs/default/web/nginx": dial tcp 172.18.0.2:10250: connect: connection refused');
  });
});
