import { describe, expect, it } from 'vitest';
import { computeHash, fnv32a, fnv32aUpdate, safeEncodeString, stableJSON } from './hash';

describe('fnv32a (Go hash/fnv New32a test vectors)', () => {
  it.each<[string, number]>([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['ab', 0x4d2505ca],
    ['abc', 0x1a47e90b],
    ['foobar', 0xbf9cf968],
  ])('%j', (input, want) => {
    expect(fnv32a(input)).toBe(want);
    expect(fnv32a(new TextEncoder().encode(input))).toBe(want);
  });

  it('is incremental', () => {
    expect(fnv32aUpdate(fnv32a('foo'), new TextEncoder().encode('bar'))).toBe(fnv32a('foobar'));
  });
});

describe('SafeEncodeString (section 3.7 / 12.2)', () => {
  it('maps each character to alphanums[code % 27]', () => {
    // '0'..'9' are 48..57, so digits map to 4 5 6 7 8 9 b c d f.
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(safeEncodeString('a')).toBe('v'); // 97 % 27 = 16
  });
});

describe('computeHash (pod-template-hash)', () => {
  const template = {
    metadata: { labels: { app: 'nginx' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
  };

  it('is deterministic and independent of key order', () => {
    const reordered = {
      spec: { containers: [{ image: 'nginx:1.25', name: 'nginx' }] },
      metadata: { labels: { app: 'nginx' } },
    };
    expect(computeHash(template)).toBe(computeHash(template));
    expect(computeHash(reordered)).toBe(computeHash(template));
  });

  it('changes with the template and with the collision count', () => {
    const other = { ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } };
    expect(computeHash(other)).not.toBe(computeHash(template));
    expect(computeHash(template, 1)).not.toBe(computeHash(template));
    expect(computeHash(template, 1)).not.toBe(computeHash(template, 2));
    expect(computeHash(template, null)).toBe(computeHash(template));
  });

  it('uses only the characters digits encode to, like real hashes (e.g. 7c5ddbdf54)', () => {
    for (let i = 0; i < 50; i++) expect(computeHash({ i })).toMatch(/^[456789bcdf]{1,10}$/);
  });

  it('is the safe encoding of the decimal FNV sum over JSON plus the 8-byte LE count', () => {
    const json = stableJSON(template);
    expect(computeHash(template)).toBe(safeEncodeString(String(fnv32a(json))));
    const withCount = fnv32aUpdate(fnv32a(json), new Uint8Array([3, 0, 0, 0, 0, 0, 0, 0]));
    expect(computeHash(template, 3)).toBe(safeEncodeString(String(withCount)));
  });
});

describe('stableJSON', () => {
  it('sorts keys at every level and drops undefined like JSON.stringify', () => {
    expect(stableJSON({ b: 1, a: { d: [3, undefined], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,null]},"b":1}',
    );
    expect(stableJSON(undefined)).toBe('null');
    expect(stableJSON('s')).toBe('"s"');
  });
});
