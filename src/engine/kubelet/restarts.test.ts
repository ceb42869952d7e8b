import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import { kubeletHarness } from './testkit';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const secs = (iso: string | undefined) => (Date.parse(iso ?? '') - T0) / 1000;
const state = (p: Stored<Pod>) => p.status?.containerStatuses?.[0];

describe('kubelet restarts', () => {
  it('[KL9] puts sh -c "exit 1" in CrashLoopBackOff with back-offs of 10, 20 and 40 s', () => {
    const h = kubeletHarness();
    const pod = h.createPod('crash', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; exit 1'] }] });
    const uid = pod.metadata.uid;
    const starts: number[] = [];
    const exits: number[] = [];
    for (let t = 0; t < 120 * 10; t++) {
      const s = state(h.pod('crash'));
      const run = s?.state?.running?.startedAt ?? s?.state?.terminated?.startedAt;
      if (run && !starts.includes(secs(run))) starts.push(secs(run));
      const fin = s?.state?.terminated?.finishedAt ?? s?.lastState?.terminated?.finishedAt;
      if (fin && !exits.includes(secs(fin))) exits.push(secs(fin));
      h.advance(100);
    }
    // rfc3339 keeps whole seconds: the pull ends at 2.572 s, each exit is seen 1 s later.
    expect(starts.slice(0, 5)).toEqual([2, 3, 13, 33, 73]);
    const gaps = starts.slice(1, 5).map((s, i) => s - exits[i]!);
    expect(gaps).toEqual([1, 10, 20, 40]);
    const s = state(h.pod('crash'))!;
    expect(s.restartCount).toBe(4);
    expect(s.state?.waiting).toEqual({ reason: 'CrashLoopBackOff', message: `back-off 1m20s restarting failed container=app pod=crash_default(${uid})` });
    expect(s.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(h.pod('crash').status?.phase).toBe('Running');
    expect(h.events('crash')).toContain(`BackOff: Back-off restarting failed container app in pod crash_default(${uid})`);
  });

  it('[KL9] shows the terminated run until the PLEG sees it, then CrashLoopBackOff with its message', () => {
    const h = kubeletHarness();
    const pod = h.createPod('crash', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'exit 2'] }] });
    h.advance(2600); // started and exited at 2.572 s
    expect(state(h.pod('crash'))?.state?.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    h.advance(1000); // restarted at once, exits again
    expect(state(h.pod('crash'))?.restartCount).toBe(1);
    h.advance(1000);
    const s = state(h.pod('crash'))!;
    expect(s.state?.waiting).toEqual({ reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=app pod=crash_default(${pod.metadata.uid})` });
    expect(s.lastState?.terminated?.exitCode).toBe(2);
    expect(s.ready).toBe(false);
  });

  it('[KL8] gives a restartPolicy Never pod that exits 0 the phase Succeeded', () => {
    const h = kubeletHarness();
    h.createPod('job', { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36', command: ['sh', '-c', 'echo done; sleep 5'] }] });
    h.advance(3000);
    expect(h.pod('job').status?.phase).toBe('Running');
    h.advance(6000);
    const p = h.pod('job');
    expect(p.status?.phase).toBe('Succeeded');
    expect(state(p)).toMatchObject({ ready: false, started: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
    expect(p.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['PodReadyToStartContainers', 'False', undefined],
      ['Initialized', 'True', 'PodCompleted'],
      ['Ready', 'False', 'PodCompleted'],
      ['ContainersReady', 'False', 'PodCompleted'],
      ['PodScheduled', 'True', undefined],
    ]);
    h.advance(60_000);
    expect(state(h.pod('job'))?.restartCount).toBe(0);
  });

  it('[KL8] fails a Never pod whose container fails, and restarts OnFailure only on failure', () => {
    const h = kubeletHarness();
    h.createPod('never', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'exit 3'] }] });
    h.createPod('onfail-ok', { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.36', command: ['true'] }] });
    h.createPod('onfail-bad', { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.36', command: ['false'] }] });
    h.advance(30_000);
    expect(h.pod('never').status?.phase).toBe('Failed');
    expect(h.pod('never').status?.conditions?.find((c) => c.type === 'Ready')?.reason).toBe('PodFailed');
    expect(state(h.pod('never'))?.state?.terminated?.exitCode).toBe(3);
    expect(h.pod('onfail-ok').status?.phase).toBe('Succeeded');
    expect(h.pod('onfail-bad').status?.phase).toBe('Running');
    expect(state(h.pod('onfail-bad'))?.restartCount).toBeGreaterThan(1);
  });

  it('[KL9] resets the back-off after ten minutes without a crash', () => {
    const h = kubeletHarness();
    h.createPod('slow', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 700; exit 1'] }] });
    h.advance(3 * 700_000);
    // Every run lasted longer than 2 x 300 s: each restart comes 1 s after the exit (no back-off).
    const s = state(h.pod('slow'))!;
    expect(s.restartCount).toBe(2);
    expect(secs(s.state?.running?.startedAt) - secs(s.lastState?.terminated?.finishedAt)).toBe(1);
  });

  it('[KL13] crash() makes the container exit with code 1 once, then the policy applies', () => {
    const h = kubeletHarness();
    h.createPod('web', { containers: [{ name: 'nginx', image: 'nginx:1.25' }] });
    h.advance(5000);
    h.kubelet.crash('default', 'web');
    expect(state(h.pod('web'))?.state?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    h.advance(1000);
    const s = state(h.pod('web'))!;
    expect(s.restartCount).toBe(1);
    expect(s.state?.running).toBeDefined();
    expect(s.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(() => h.kubelet.crash('default', 'web', 'nope')).toThrow('no running container "nope" in pod "web" on node-1');
  });
});
