import { describe, expect, it } from 'vitest';
import { SimClock } from '../clock';
import { PLUGIN } from './filters';
import { SchedulingQueue } from './queue';

function queue() {
  const clock = new SimClock(0);
  let kicks = 0;
  const q = new SchedulingQueue(clock, () => kicks++);
  return { clock, q, kicks: () => kicks };
}

const FIT = new Set([PLUGIN.NodeResourcesFit]);

describe('scheduling queue', () => {
  it('[SCH17] pops by priority, then by the time pods entered the queue', () => {
    const { q, clock } = queue();
    q.add('a', 0, false);
    clock.advance(1);
    q.add('b', 10, false);
    q.add('c', 0, false);
    expect([q.pop()?.key, q.pop()?.key, q.pop()?.key, q.pop()]).toEqual(['b', 'a', 'c', undefined]);
  });

  it('[SCH17] a failed pod re-enters behind pods that arrived before its failure', () => {
    const { q, clock } = queue();
    q.add('a', 0, false);
    const a = q.pop()!;
    clock.advance(10);
    q.add('b', 0, false);
    clock.advance(10);
    q.requeueUnschedulable(a, FIT);
    clock.advance(5000);
    q.moveUnschedulable(() => true);
    expect([q.pop()?.key, q.pop()?.key]).toEqual(['b', 'a']);
  });

  it('[SCH17] with nothing active, a moved pod is taken from backoffQ early; an errored one is not', () => {
    const { q, clock } = queue();
    q.add('rejected', 0, false);
    q.add('errored', 0, false);
    const r = q.pop()!;
    const e = q.pop()!;
    q.requeueUnschedulable(r, FIT);
    q.requeueBackoff(e);
    expect(q.counts()).toMatchObject({ unschedulable: 1, backoff: 1 });
    q.moveUnschedulable(() => true);
    expect(q.counts()).toMatchObject({ backoff: 2 });
    expect(q.pop()?.key).toBe('rejected');
    expect(q.pop()).toBeUndefined();
    clock.advance(1000);
    expect(q.pop()?.key).toBe('errored');
  });

  it('[SCH18] parked pods move only when the event helps a plugin that rejected them, or after 5 minutes', () => {
    const { q, clock } = queue();
    q.add('p', 0, false);
    q.requeueUnschedulable(q.pop()!, FIT);
    expect(q.moveUnschedulable((i) => i.rejectors.has(PLUGIN.TaintToleration))).toBe(0);
    clock.advance(5 * 60_000 - 1);
    expect(q.get('p')?.area).toBe('unschedulable');
    clock.advance(1);
    expect(q.get('p')?.area).toBe('active');
  });

  it('[SCH20] a gated pod stays out until its gates are removed; a deleted pod is forgotten', () => {
    const { q } = queue();
    q.add('g', 0, true);
    expect(q.pop()).toBeUndefined();
    q.update('g', 0, false, true);
    q.add('x', 0, false);
    q.delete('x');
    expect([q.pop()?.key, q.pop()]).toEqual(['g', undefined]);
  });
});
