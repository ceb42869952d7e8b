import { describe, expect, it } from 'vitest';
import { NAME_ALPHABET, SeededRandom } from './random';

describe('SeededRandom', () => {
  it('[RND1] the same seed gives the same sequence; another seed another', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    const seqB = Array.from({ length: 20 }, () => b.next());
    const seqC = Array.from({ length: 20 }, () => c.next());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('[RND2] generated name suffixes use Kubernetes\' alphabet only', () => {
    const r = new SeededRandom('names');
    for (let i = 0; i < 200; i++) expect(r.string(5)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(NAME_ALPHABET).toHaveLength(27);
  });

  it('[RND3] UIDs look like version-4 UUIDs and do not repeat', () => {
    const r = new SeededRandom(7);
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const u = r.uuid();
      expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      seen.add(u);
    }
    expect(seen.size).toBe(1000);
  });

  it('[RND4] int(n) covers [0, n) roughly evenly', () => {
    const r = new SeededRandom(3);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) counts[r.int(10)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });
});
