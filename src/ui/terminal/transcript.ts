import type { OutputChunk } from '../../engine/protocol';

/**
 * The transcript as display lines, built incrementally from the store's chunks: only chunks appended
 * since the last update are split, and only the last `limit` lines are kept, so a 10,000-line table or
 * a long `get -w` costs the main thread the new text, not the whole history. Lines keep their identity
 * (and React key) once finished, so only new lines render.
 */
export interface Segment {
  stream: OutputChunk['stream'];
  text: string;
}

export interface Line {
  id: number;
  segments: Segment[];
}

export interface TranscriptSnapshot {
  lines: readonly Line[];
  /** Lines no longer shown (beyond the limit). */
  dropped: number;
}

export const LINE_LIMIT = 2000;

export class TranscriptBuilder {
  private lines: Line[] = [];
  private dropped = 0;
  private nextId = 1;
  /** The last line has no newline yet: the next chunk continues it. */
  private open = false;
  private last: OutputChunk | undefined;
  private source: readonly OutputChunk[] | undefined;
  private snapshot: TranscriptSnapshot = { lines: [], dropped: 0 };

  constructor(private readonly limit = LINE_LIMIT) {}

  update(chunks: readonly OutputChunk[]): TranscriptSnapshot {
    if (chunks === this.source) return this.snapshot;
    this.source = chunks;
    let start = 0;
    if (this.last !== undefined) {
      const i = chunks.lastIndexOf(this.last);
      if (i >= 0) start = i + 1;
      else this.reset(); // cleared, or capped past what we had: rebuild from what is there
    }
    if (start >= chunks.length) return this.snapshot;
    const lines = [...this.lines];
    for (let i = start; i < chunks.length; i++) this.add(lines, chunks[i]!);
    this.last = chunks[chunks.length - 1];
    if (lines.length > this.limit) {
      this.dropped += lines.length - this.limit;
      lines.splice(0, lines.length - this.limit);
    }
    this.lines = lines;
    this.snapshot = { lines, dropped: this.dropped };
    return this.snapshot;
  }

  private reset(): void {
    this.lines = [];
    this.dropped = 0;
    this.open = false;
    this.last = undefined;
    this.snapshot = { lines: [], dropped: 0 };
  }

  private add(lines: Line[], chunk: OutputChunk): void {
    if (chunk.text === '') return;
    const parts = chunk.text.split('\n');
    // A trailing newline ends the last line rather than starting an empty one.
    const ends = parts[parts.length - 1] === '';
    if (ends) parts.pop();
    // Lines far beyond the limit are counted, never built.
    const skip = Math.max(0, parts.length - this.limit - 1);
    parts.forEach((text, k) => {
      if (k === 0 && this.open && lines.length > 0) {
        const prev = lines[lines.length - 1]!;
        lines[lines.length - 1] = { id: prev.id, segments: [...prev.segments, { stream: chunk.stream, text }] };
      } else if (k < skip) {
        this.dropped++;
      } else {
        lines.push({ id: this.nextId++, segments: [{ stream: chunk.stream, text }] });
      }
    });
    this.open = !ends;
  }
}
