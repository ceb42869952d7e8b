import { describe, expect, it } from 'vitest';
import { TabWriter, tabulate } from './tabwriter';

describe('tabwriter', () => {
  it('[KC-GET4] pads each column to its widest cell plus 3, at least 6, and leaves the last column unpadded', () => {
    const out = tabulate([
      ['NAME', 'READY', 'STATUS', 'AGE'],
      ['web', '1/1', 'Running', '5m'],
      ['a-much-longer-name', '0/1', 'Pending', '10s'],
    ]);
    expect(out).toBe(
      'NAME                 READY   STATUS    AGE\n' +
        'web                  1/1     Running   5m\n' +
        'a-much-longer-name   0/1     Pending   10s\n',
    );
  });

  it('[KC-GET4] a short column still takes the minimum width of 6', () => {
    expect(tabulate([['A', 'B'], ['x', 'y']])).toBe('A     B\nx     y\n');
  });

  it('[KC-GET4] empty trailing cells keep the padding of the column before them', () => {
    expect(tabulate([['NAME', 'APP'], ['web', '']])).toBe('NAME   APP\nweb    \n');
  });

  it('[KC-GET16] remembers widths across flushes, so later rows align with the first table and only widen themselves', () => {
    const w = new TabWriter();
    w.write('NAME\tREADY\tSTATUS\n');
    w.write('web\t1/1\tRunning\n');
    w.flush();
    w.write('w\t0/1\tPending\n');
    w.flush();
    w.write('a-very-long-name\t0/1\tTerminating\n');
    w.flush();
    expect(w.take()).toBe(
      'NAME   READY   STATUS\n' + 'web    1/1     Running\n' + 'w      0/1     Pending\n' + 'a-very-long-name   0/1     Terminating\n',
    );
  });

  it('[KC-GET4] counts runes, not UTF-16 units, when measuring cells', () => {
    expect(tabulate([['héllo😀', 'x'], ['a', 'y']])).toBe('héllo😀   x\na        y\n');
  });
});
