import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HotLoopError, rfc3339, SimClock } from './clock';

describe('SimClock', () => {
  it('[CLK1] time moves only when advanced, and tasks run at their own instant', () => {
    const clock = new SimClock(1000);
    const seen: Array<[string, number]> = [];
    clock.setTimeout(() => seen.push(['b', clock.now()]), 200);
    clock.setTimeout(() => seen.push(['a', clock.now()]), 100);
    expect(clock.now()).toBe(1000);
    expect(seen).toEqual([]);
    clock.advance(150);
    expect(seen).toEqual([['a', 1100]]);
    expect(clock.now()).toBe(1150);
    clock.advance(1000);
    expect(seen).toEqual([['a', 1100], ['b', 1200]]);
    expect(clock.now()).toBe(2150);
  });

  it('[CLK2] tasks due at the same instant run in the order they were scheduled', () => {
    const clock = new SimClock(0);
    const order: number[] = [];
    for (let i = 0; i < 50; i++) clock.setTimeout(() => order.push(i), 10);
    clock.advance(10);
    expect(order).toEqual([...Array(50).keys()]);
  });

  it('[CLK3] refuses to go backwards', () => {
    const clock = new SimClock(500);
    expect(() => clock.advance(-1)).toThrow(/backwards/);
    expect(() => clock.runUntil(499)).toThrow(/backwards/);
  });

  it('[CLK4] a cleared timer never fires', () => {
    const clock = new SimClock(0);
    let fired = false;
    const h = clock.setTimeout(() => (fired = true), 5);
    clock.clearTimeout(h);
    clock.advance(10);
    expect(fired).toBe(false);
    expect(clock.pending()).toBe(0);
  });

  it('[CLK5] step jumps to the next happening; false when nothing is scheduled', () => {
    const clock = new SimClock(0);
    expect(clock.step()).toBe(false);
    let n = 0;
    clock.setTimeout(() => n++, 30_000);
    expect(clock.step()).toBe(true);
    expect(clock.now()).toBe(30_000);
    expect(n).toBe(1);
  });

  it('[CLK6] work scheduled for "now" while running due work also runs', () => {
    const clock = new SimClock(0);
    const log: string[] = [];
    clock.setTimeout(() => {
      log.push('first');
      clock.setTimeout(() => log.push('second'), 0);
    }, 0);
    clock.runDue();
    expect(log).toEqual(['first', 'second']);
  });

  it('[CLK7] a task that keeps rescheduling itself at the same instant is reported as a hot loop', () => {
    const clock = new SimClock(0, { instantBudget: 1000 });
    const loop = () => clock.setTimeout(loop, 0, 'looper');
    clock.setTimeout(loop, 0, 'looper');
    expect(() => clock.runDue()).toThrow(HotLoopError);
  });

  it('[CLK8] any schedule of timers fires each timer exactly once, in time order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(10_000), { maxLength: 200 }), (delays) => {
        const clock = new SimClock(0);
        const fired: number[] = [];
        delays.forEach((d, i) => clock.setTimeout(() => fired.push(i), d));
        clock.advance(10_000);
        expect(fired.length).toBe(delays.length);
        for (let k = 1; k < fired.length; k++) {
          const a = delays[fired[k - 1]!]!;
          const b = delays[fired[k]!]!;
          expect(a < b || (a === b && fired[k - 1]! < fired[k]!)).toBe(true);
        }
      }),
    );
  });

  it('formats metav1.Time as RFC 3339 with second precision', () => {
    expect(rfc3339(Date.UTC(2026, 0, 5, 9, 0, 1, 999))).toBe('2026-01-05T09:00:01Z');
  });
});
