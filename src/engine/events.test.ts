import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from './api/types';
import { createContext } from './cluster';
import { EventRecorder, nanosHex } from './events';

describe('event names', () => {
  it('[EVT1] the name suffix is the event time in nanoseconds, in hex, as client-go writes it', () => {
    expect(nanosHex(Date.UTC(2026, 0, 5, 9, 0, 0), 0)).toBe((BigInt(Date.UTC(2026, 0, 5, 9, 0, 0)) * 1_000_000n).toString(16));
    expect(nanosHex(0, 7)).toBe('7');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 44 }), fc.integer({ min: 0, max: 999_999 }), (ms, ns) => {
        expect(nanosHex(ms, ns)).toBe((BigInt(ms) * 1_000_000n + BigInt(ns)).toString(16));
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe('event expiry', () => {
  it('[EVT2] an event expires an hour after its last update; a repeat folds into it and extends its life', () => {
    const ctx = createContext({ seed: 1 });
    ctx.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    const rec = new EventRecorder(ctx.api, ctx.clock, { component: 'test' });
    const pod = ctx.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } });
    const events = () => ctx.api.list<KubeObject & { reason: string; count: number }>('Event', 'default').items.map((e) => `${e.reason} x${e.count}`);
    rec.event(pod, 'Normal', 'Once', 'only once');
    rec.event(pod, 'Normal', 'Again', 'repeats');
    ctx.clock.advance(30 * 60_000);
    rec.event(pod, 'Normal', 'Again', 'repeats');
    expect(events().sort()).toEqual(['Again x2', 'Once x1']);
    ctx.clock.advance(30 * 60_000 - 1);
    expect(events().sort()).toEqual(['Again x2', 'Once x1']);
    ctx.clock.advance(1);
    expect(events()).toEqual(['Again x2']);
    ctx.clock.advance(30 * 60_000);
    expect(events()).toEqual([]);
    // After expiry the same event starts afresh.
    rec.event(pod, 'Normal', 'Again', 'repeats');
    expect(events()).toEqual(['Again x1']);
  });
});
