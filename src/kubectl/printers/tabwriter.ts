/**
 * Go's text/tabwriter as kubectl uses it (the github.com/liggitt/tabwriter fork with RememberWidths),
 * so columns line up byte for byte with a real kubectl.
 *
 * Cells are tab-terminated; the text after a line's last tab is not part of any column, which is
 * why the last column is never padded. A column is as wide as its widest cell plus the padding,
 * but never narrower than minwidth. Columns are "elastic tabstops": a column block is a run of
 * consecutive lines that all have a cell in that column, so a short line (a blank separator line)
 * starts new blocks. With RememberWidths the widths survive Flush, which is what keeps the rows
 * `kubectl get -w` prints one at a time aligned with the table printed before them.
 */
export interface TabWriterOptions {
  minwidth?: number;
  padding?: number;
  /** Keep per-column maximum widths across flushes (kubectl's printers.GetNewTabWriter sets it). */
  rememberWidths?: boolean;
}

interface Cell {
  text: string;
  /** Width in runes, as Go counts it. */
  width: number;
  /** Terminated by a tab (rather than by the end of the line). */
  htab: boolean;
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export class TabWriter {
  private readonly minwidth: number;
  private readonly padding: number;
  private readonly remember: boolean;
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private maxwidths: number[] = [];
  private out = '';

  constructor(opts: TabWriterOptions = {}) {
    this.minwidth = opts.minwidth ?? 6;
    this.padding = opts.padding ?? 3;
    this.remember = opts.rememberWidths ?? true;
  }

  /** Buffers text; a line with a single cell flushes what came before, as Go's Write does. */
  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\t' && ch !== '\n') continue;
      this.cell += text.slice(start, i);
      start = i + 1;
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n') {
        this.lines.push([]);
        if (ncells === 1) this.flush();
      }
    }
    this.cell += text.slice(start);
  }

  /** Formats and emits everything buffered. */
  flush(): void {
    if (this.cell.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.cell = '';
    this.widths = [];
  }

  /** kubectl resets the remembered widths when it starts printing another resource type. */
  resetRememberedWidths(): void {
    this.maxwidths = [];
  }

  /** The output produced so far (flushed text only), cleared by the call. */
  take(): string {
    const s = this.out;
    this.out = '';
    return s;
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1]!;
    line.push({ text: this.cell, width: runeCount(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    let row = line0;
    while (row < line1) {
      const line = this.lines[row]!;
      if (column >= line.length - 1) {
        row++;
        continue;
      }
      // A cell exists in this column: print the lines above the block, then size the block.
      this.writeLines(line0, row);
      line0 = row;
      let width = this.minwidth;
      for (; row < line1; row++) {
        const l = this.lines[row]!;
        if (column >= l.length - 1) break;
        const w = l[column]!.width + this.padding;
        if (w > width) width = w;
      }
      if (this.remember) width = this.rememberWidth(width);
      this.widths.push(width);
      this.format(line0, row);
      this.widths.pop();
      line0 = row;
      row++;
    }
    this.writeLines(line0, line1);
  }

  private rememberWidth(width: number): number {
    const idx = this.widths.length;
    if (this.maxwidths.length < idx) this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
    if (this.maxwidths.length === idx) {
      this.maxwidths.push(width);
      return width;
    }
    const max = this.maxwidths[idx]!;
    if (max > width) return max;
    this.maxwidths[idx] = width;
    return width;
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i]!;
      line.forEach((c, j) => {
        this.out += c.text;
        if (j < this.widths.length) this.out += ' '.repeat(Math.max(0, this.widths[j]! - c.width));
      });
      if (i + 1 !== this.lines.length) this.out += '\n';
    }
  }
}

/** Aligns rows of cells as kubectl's tabwriter does (for one-off tables: api-resources, describe lists). */
export function tabulate(rows: readonly (readonly string[])[], opts: TabWriterOptions = {}): string {
  const w = new TabWriter(opts);
  for (const r of rows) w.write(r.join('\t') + '\n');
  w.flush();
  return w.take();
}
