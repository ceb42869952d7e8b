import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nanosHex } from './events';

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
