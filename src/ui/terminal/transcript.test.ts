import { describe, expect, it } from 'vitest';
import type { OutputChunk } from '../../engine/protocol';
import { TranscriptBuilder } from './transcript';

const out = (text: string): OutputChunk => ({ stream: 'stdout', text });
const err = (text: string): OutputChunk => ({ stream: 'stderr', text });
const texts = (b: TranscriptBuilder, chunks: OutputChunk[]) => b.update(chunks).lines.map((l) => l.segments.map((s) => s.text).join(''));

describe('TranscriptBuilder', () => {
  it('splits chunks into lines, continuing a line a chunk left open', () => {
    const b = new TranscriptBuilder();
    const chunks = [out('$ kubectl get pods\n'), out('NAME   READY\nweb-1  1/1\n'), err('Warning: x'), err(' y\n')];
    expect(texts(b, chunks)).toEqual(['$ kubectl get pods', 'NAME   READY', 'web-1  1/1', 'Warning: x y']);
    expect(b.update(chunks).lines[3]!.segments.map((s) => s.stream)).toEqual(['stderr', 'stderr']);
  });

  it('processes only appended chunks and keeps finished lines (and their ids) as they were', () => {
    const b = new TranscriptBuilder();
    const first = [out('a\n'), out('b')];
    const before = b.update(first).lines;
    const next = [...first, out('c\nd\n')];
    const after = b.update(next).lines;
    expect(after.map((l) => l.segments.map((s) => s.text).join(''))).toEqual(['a', 'bc', 'd']);
    expect(after[0]).toBe(before[0]);
    expect(after[1]!.id).toBe(before[1]!.id);
    expect(b.update([...next]).lines).toBe(after);
  });

  it('keeps the last lines within the limit and counts the rest', () => {
    const b = new TranscriptBuilder(3);
    const big = out(Array.from({ length: 10_000 }, (_, i) => `line ${i}`).join('\n') + '\n');
    const s = b.update([out('$ kubectl get pods -A\n'), big]);
    expect(s.lines.map((l) => l.segments[0]!.text)).toEqual(['line 9997', 'line 9998', 'line 9999']);
    expect(s.dropped).toBe(10_001 - 3);
  });

  it('starts over when the transcript is cleared', () => {
    const b = new TranscriptBuilder();
    const chunks = [out('a\n')];
    b.update(chunks);
    expect(b.update([])).toEqual({ lines: [], dropped: 0 });
    expect(texts(b, [out('b\n')])).toEqual(['b']);
  });
});
