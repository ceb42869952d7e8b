/**
 * The two writers every describer prints through, ported from kubectl's pkg/describe and Go's
 * text/tabwriter, because describe's alignment is a side effect of how they work together:
 *
 * - `tabbedString` runs a describer against a tabwriter set up as `Init(buf, 0, 8, 2, ' ', 0)`:
 *   minwidth 0, padding 2, spaces, no flags (in particular no RememberWidths, unlike `get`).
 * - Go's tabwriter aligns a column over a run of consecutive lines that all have a cell in that
 *   column, and a line without any tab flushes everything buffered. That is why `Containers:` or
 *   `Volumes:` start a new alignment block, why a Conditions table shares its first column with the
 *   `OldReplicaSets:` line after it, and why DescribeEvents calls Flush before its table.
 * - The PrefixWriter indents by two spaces per level.
 */

interface Cell {
  /** Width in runes, as utf8.RuneCount counts it. */
  width: number;
  text: string;
  /** Terminated by a tab rather than by the end of the line. */
  htab: boolean;
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Go's text/tabwriter.Writer with padchar ' ' and flags 0. */
export class GoTabWriter {
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private out = '';

  constructor(
    private readonly minwidth = 0,
    private readonly padding = 2,
  ) {}

  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\t' && ch !== '\n' && ch !== '\v' && ch !== '\f') continue;
      this.cell += text.slice(start, i);
      start = i + 1;
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        // A line of a single cell cannot affect the columns below it: Go flushes there.
        if (ch === '\f' || ncells === 1) this.flush();
      }
    }
    this.cell += text.slice(start);
  }

  flush(): void {
    if (this.cell.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.cell = '';
    this.widths = [];
  }

  /** Flushes and returns everything written. */
  result(): string {
    this.flush();
    return this.out;
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1]!;
    line.push({ text: this.cell, width: runeCount(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let row = line0; row < line1; row++) {
      if (column >= this.lines[row]!.length - 1) continue;
      // A cell exists in this column: print the lines above the block, then size the block.
      this.writeLines(line0, row);
      line0 = row;
      let width = this.minwidth;
      for (; row < line1; row++) {
        const line = this.lines[row]!;
        if (column >= line.length - 1) break;
        const w = line[column]!.width + this.padding;
        if (w > width) width = w;
      }
      this.widths.push(width);
      this.format(line0, row);
      this.widths.pop();
      line0 = row;
    }
    this.writeLines(line0, line1);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i]!;
      line.forEach((c, j) => {
        this.out += c.text;
        if (j < this.widths.length) this.out += ' '.repeat(Math.max(0, this.widths[j]! - c.width));
      });
      // The last buffered line has no newline yet: its text (if any) is the pending cell.
      if (i + 1 === this.lines.length) this.out += this.cell;
      else this.out += '\n';
    }
  }
}

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/** kubectl's PrefixWriter: text at an indentation level of two spaces each. */
export interface PrefixWriter {
  write(level: number, text: string): void;
  /** fmt.Sprintln of the arguments, unindented. */
  writeLine(...parts: string[]): void;
  flush(): void;
}

class TabPrefixWriter implements PrefixWriter {
  constructor(private readonly out: GoTabWriter) {}

  write(level: number, text: string): void {
    this.out.write('  '.repeat(level) + escapeTerminal(text));
  }

  writeLine(...parts: string[]): void {
    this.out.write(escapeTerminal(parts.join(' ')) + '\n');
  }

  flush(): void {
    this.out.flush();
  }
}

/** NewNestedPrefixWriter: everything written goes `indent` levels deeper. */
export class NestedPrefixWriter implements PrefixWriter {
  constructor(
    private readonly inner: PrefixWriter,
    private readonly indent: number,
  ) {}

  write(level: number, text: string): void {
    this.inner.write(level + this.indent, text);
  }

  writeLine(...parts: string[]): void {
    this.inner.write(this.indent, parts.join(' ') + '\n');
  }

  flush(): void {
    this.inner.flush();
  }
}

/**
 * printers.WriteEscaped (cli-runtime terminal.go): ESC and carriage return in object data are shown,
 * not obeyed, so an annotation cannot rewrite the learner's terminal.
 */
export function escapeTerminal(s: string): string {
  return s.split('\u001b').join('^[').split('\r').join('\\r');
}

/** tabbedString: runs a describer body against a fresh tabwriter and returns what it printed. */
export function tabbedString(body: (w: PrefixWriter) => void): string {
  const tw = new GoTabWriter(0, 2);
  body(new TabPrefixWriter(tw));
  return tw.result();
}
