import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rfc1123z } from './format';
import { goSort } from './gosort';
import { escapeTerminal, GoTabWriter, NestedPrefixWriter, tabbedString } from './writer';

describe('describe writers', () => {
  it('[KC-DESC1] columns are the widest cell plus 2; the last cell of a line is never padded', () => {
    const tw = new GoTabWriter(0, 2);
    tw.write('Name:\tweb\nNamespace:\tdefault\nPort:\t<unset>\t80/TCP\n');
    expect(tw.result()).toBe('Name:       web\nNamespace:  default\nPort:       <unset>  80/TCP\n');
  });

  it('[KC-DESC1] a line without a tab ends the alignment block; an empty cell still takes its padding', () => {
    const out = tabbedString((w) => {
      w.write(0, 'Short:\ta\n');
      w.write(0, 'Containers:\n');
      w.write(1, 'Much longer label:\tb\n');
      w.write(1, 'Name\t\tCPU\n');
      w.write(1, 'x\t\t1\n');
    });
    expect(out).toBe(
      'Short:  a\nContainers:\n  Much longer label:  b\n  Name' +
        ' '.repeat(18) +
        'CPU\n  x' +
        ' '.repeat(21) +
        '1\n',
    );
    const gap = tabbedString((w) => w.write(0, 'a\t\tb\n'));
    expect(gap).toBe('a    b\n');
  });

  it('[KC-DESC1] flush starts new column widths; text without a final newline is still written', () => {
    const out = tabbedString((w) => {
      w.write(0, 'A long label:\t1\n');
      w.flush();
      w.write(0, 'B:\t2\n');
      w.write(0, 'tail');
    });
    expect(out).toBe('A long label:  1\nB:  2\ntail');
  });

  it('[KC-DESC1] PrefixWriter indents two spaces a level; nested writers add their levels; ESC and CR are shown', () => {
    const out = tabbedString((w) => {
      const nested = new NestedPrefixWriter(w, 2);
      w.write(1, 'one\n');
      nested.write(1, 'three\n');
      nested.writeLine('two', 'words');
      w.writeLine('<none>');
      w.write(0, 'evil:\t\u001b[2Jcleared\r\n');
    });
    expect(out).toBe('  one\n      three\n    two words\n<none>\nevil:  ^[[2Jcleared\\r\n');
    expect(escapeTerminal('a\tb')).toBe('a\tb');
  });

  it('[KC-DESC1] times print as RFC1123Z in UTC', () => {
    expect(rfc1123z(Date.UTC(2026, 0, 5, 9, 0, 0))).toBe('Mon, 05 Jan 2026 09:00:00 +0000');
    expect(rfc1123z(Date.UTC(2025, 11, 31, 23, 59, 7))).toBe('Wed, 31 Dec 2025 23:59:07 +0000');
  });

  it('[KC-DESC5] goSort sorts like sort.Sort: ordered output, and lists up to 12 keep the order of equal keys', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 200 }), (keys) => {
        const items = keys.map((k, i) => ({ k, i }));
        const sorted = goSort([...items], (a, b) => a.k < b.k);
        expect(sorted.map((x) => x.k)).toEqual([...keys].sort((a, b) => a - b));
        expect([...sorted].sort((a, b) => a.i - b.i)).toEqual(items);
        if (keys.length <= 12) expect(sorted).toEqual([...items].sort((a, b) => a.k - b.k || a.i - b.i));
      }),
    );
    // Already sorted input of any length comes back untouched (partialInsertionSort).
    const equal = Array.from({ length: 40 }, (_, i) => ({ k: 1, i }));
    expect(goSort([...equal], (a, b) => a.k < b.k)).toEqual(equal);
  });

  it('[KC-DESC5] goSort is deterministic on long lists with ties (pdqsort with its fixed xorshift seed)', () => {
    const keys = Array.from({ length: 300 }, (_, i) => (i * 7919) % 13);
    const run = () =>
      goSort(
        keys.map((k, i) => ({ k, i })),
        (a, b) => a.k < b.k,
      ).map((x) => x.i);
    expect(run()).toEqual(run());
  });
});
