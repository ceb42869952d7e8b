import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types';
import { describeEvents, searchEvents } from './events';
import { describePodByName } from './pod';
import { bareApi, envOf, run } from './testkit';
import { tabbedString } from './writer';

function pod(ctx: ReturnType<typeof bareApi>, name: string): KubeObject {
  return ctx.api.create<KubeObject>(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { automountServiceAccountToken: false, containers: [{ name: 'c', image: 'busybox' }] },
    },
    { namespace: 'default' },
  );
}

function eventsSection(out: string): string {
  return out.slice(out.indexOf('Events:'));
}

describe('Events section', () => {
  it('[KC-DESC5] folds repeats into `33s (x70 over 15m)`, sorts by last time, and shows the component', () => {
    const ctx = bareApi();
    const p = pod(ctx, 'web');
    const kubelet = ctx.recorder({ component: 'kubelet', host: 'node-1' });
    kubelet.event(
      p,
      'Warning',
      'BackOff',
      'Back-off restarting failed container c in pod web_default(uid)',
      'spec.containers{c}',
    );
    for (let i = 1; i < 70; i++) {
      ctx.clock.advance(13_000);
      if (i === 10)
        ctx
          .recorder({ component: 'default-scheduler' })
          .event(p, 'Normal', 'Scheduled', 'Successfully assigned default/web to node-1');
      kubelet.event(
        p,
        'Warning',
        'BackOff',
        'Back-off restarting failed container c in pod web_default(uid)',
        'spec.containers{c}',
      );
    }
    ctx.clock.advance(33_000);
    const out = describePodByName(ctx.api, 'default', 'web', { showEvents: true }, ctx.clock.now());
    // The BackOff event was created first (so it lists first by name) but was seen last.
    expect(eventsSection(out)).toBe(`Events:
  Type     Reason     Age                 From               Message
  ----     ------     ----                ----               -------
  Normal   Scheduled  13m                 default-scheduler  Successfully assigned default/web to node-1
  Warning  BackOff    33s (x70 over 15m)  kubelet            Back-off restarting failed container c in pod web_default(uid)
`);
  });

  it('[KC-DESC5] finds events by the object uid: a recreated object with the same name does not inherit them', () => {
    const ctx = bareApi();
    const first = pod(ctx, 'web');
    ctx
      .recorder({ component: 'kubelet', host: 'node-1' })
      .event(first, 'Normal', 'Killing', 'Stopping container c');
    ctx.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 0 });
    pod(ctx, 'web');
    const out = describePodByName(ctx.api, 'default', 'web', { showEvents: true }, ctx.clock.now());
    expect(out.slice(out.lastIndexOf('\n', out.length - 2) + 1)).toBe('Events:           <none>\n');
    expect(
      searchEvents(ctx.api, { name: 'web', namespace: 'default', uid: first.metadata.uid }),
    ).toHaveLength(1);
  });

  it('[KC-DESC5] From falls back to reportingComponent; messages are trimmed; a flush starts the table', () => {
    const ctx = bareApi();
    const now = ctx.clock.now();
    const ev = (reason: string, source: Partial<Event>): Event => ({
      metadata: { name: reason },
      involvedObject: {},
      type: 'Normal',
      reason,
      message: `  ${reason} happened \n`,
      firstTimestamp: '2026-01-05T08:59:00Z',
      lastTimestamp: '2026-01-05T08:59:00Z',
      count: 1,
      ...source,
    });
    const out = tabbedString((w) => {
      w.write(0, 'A very long label:\tvalue\n');
      describeEvents(
        [ev('One', { source: { component: 'kubelet' } }), ev('Two', { reportingComponent: 'karpenter' })],
        w,
        now,
      );
    });
    expect(out).toBe(`A very long label:  value
Events:
  Type    Reason  Age   From       Message
  ----    ------  ----  ----       -------
  Normal  One     60s   kubelet    One happened
  Normal  Two     60s   karpenter  Two happened
`);
  });

  it('[KC-DESC5] --show-events=false leaves the section out', () => {
    const ctx = bareApi();
    pod(ctx, 'web');
    const withEvents = run(envOf(ctx), 'describe', 'pod', 'web').stdout;
    const without = run(envOf(ctx), 'describe', 'pod', 'web', '--show-events=false').stdout;
    expect(withEvents).toContain('Events:');
    expect(without).not.toContain('Events:');
    expect(withEvents.startsWith(without)).toBe(true);
  });
});
