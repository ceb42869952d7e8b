import { describe, expect, it } from 'vitest';
import { SimClock } from '../clock';
import { WorkQueue } from './runtime';

describe('WorkQueue', () => {
  it('[WQ1] adding a queued key again is a no-op', () => {
    const q = new WorkQueue(new SimClock(0), 'q');
    q.add('a');
    q.add('b');
    q.add('a');
    expect(q.length).toBe(2);
    expect(q.get()).toBe('a');
    expect(q.get()).toBe('b');
    expect(q.get()).toBeUndefined();
  });

  it('[WQ2] a key being processed is never handed out twice; re-added, it comes back after done', () => {
    const q = new WorkQueue(new SimClock(0), 'q');
    q.add('a');
    expect(q.get()).toBe('a');
    q.add('a'); // dirty while processing
    expect(q.get()).toBeUndefined();
    q.done('a');
    expect(q.get()).toBe('a');
    q.done('a');
    expect(q.get()).toBeUndefined();
  });

  it('[WQ3] addAfter waits on the simulated clock, and the earliest wake-up wins', () => {
    const clock = new SimClock(0);
    const q = new WorkQueue(clock, 'q');
    q.addAfter('a', 1000);
    q.addAfter('a', 5000);
    expect(q.length).toBe(0);
    clock.advance(999);
    expect(q.length).toBe(0);
    clock.advance(1);
    expect(q.get()).toBe('a');
    q.done('a');
    clock.advance(10_000);
    expect(q.length).toBe(0);
  });

  it('[WQ4] rate-limited re-adds back off exponentially until forgotten', () => {
    const clock = new SimClock(0);
    const q = new WorkQueue(clock, 'q');
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const start = clock.now();
      q.addRateLimited('a');
      while (q.length === 0) clock.step();
      delays.push(clock.now() - start);
      q.done(q.get()!);
    }
    expect(delays).toEqual([5, 10, 20, 40]);
    q.forget('a');
    expect(q.numRequeues('a')).toBe(0);
  });
});
