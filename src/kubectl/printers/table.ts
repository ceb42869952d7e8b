import { parseQuantity } from '../../engine/apimachinery/quantity';
import { formatLabels } from '../../engine/apimachinery/labels';
import type { KubeObject } from '../../engine/api/types';
import type { Cell, ColumnDef, Row } from './columns';
import { printerFor } from './columns';
import { JSONPath, relaxedJSONPathExpression } from './jsonpath';
import { TabWriter } from './tabwriter';

/**
 * kubectl's human-readable output: the API server's Table for a kind (built as the server builds
 * it, always with the wide columns) decorated and printed by cli-runtime's HumanReadablePrinter:
 * NAMESPACE in front with -A, `-L` label columns and LABELS at the end, `kind.group/` before the
 * name when several kinds are printed, priority columns only with `-o wide`, headers upper-cased
 * and printed once per kind, cells cut at the first line break (`...`).
 */

/** What a table needs to know about the resource type it prints. */
export interface TableKind {
  group: string;
  kind: string;
  namespaced: boolean;
  /** Tables of the same resource share a printer (and one header) in `kubectl get`. */
  plural: string;
}

export interface TableData {
  columns: ColumnDef[];
  rows: Row[];
}

export interface TableOptions {
  wide?: boolean;
  showLabels?: boolean;
  noHeaders?: boolean;
  /** -A: a NAMESPACE column (ignored for cluster-scoped kinds). */
  withNamespace?: boolean;
  /** The `pod/web`, `deployment.apps/web` NAME prefix (several kinds, or --show-kind). */
  withKind?: boolean;
  /** -L: one column per label key. */
  labelColumns?: readonly string[];
  /** --sort-by: a JSONPath over each row's object. */
  sortBy?: string;
}

/** The server-side Table (`Accept: as=Table`) for objects of one kind. */
export function buildTable(kind: Pick<TableKind, 'group' | 'kind'>, items: readonly KubeObject[], now: number): TableData {
  const p = printerFor(kind.group, kind.kind);
  return { columns: [...p.columns], rows: items.map((o) => ({ cells: p.row(o, { now, wide: true }), object: o })) };
}

/** GroupKind.String(), lower-cased: `pod`, `deployment.apps`. */
export function kindPrefix(kind: Pick<TableKind, 'group' | 'kind'>): string {
  return (kind.group ? `${kind.kind}.${kind.group}` : kind.kind).toLowerCase();
}

const WATCH_EVENT: Readonly<Record<string, string>> = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ', ERROR: 'ERROR   ' };

/** cli-runtime's HumanReadablePrinter for one resource: remembers whether it printed headers. */
export class HumanReadablePrinter {
  private lastColumns: readonly ColumnDef[] | undefined;
  private printedHeaders = false;

  constructor(
    private readonly kind: TableKind,
    private readonly opts: TableOptions,
  ) {}

  /** Writes the table's lines to the tab writer (the caller flushes). `eventType` adds the EVENT column. */
  print(table: TableData, w: TabWriter, eventType?: string): void {
    let noHeaders = !!this.opts.noHeaders;
    const same = this.lastColumns !== undefined && sameColumns(table.columns, this.lastColumns);
    if (this.printedHeaders && same) noHeaders = true;
    if (!same) {
      this.lastColumns = table.columns;
      this.printedHeaders = false;
    }
    if (table.rows.length > 0) this.printedHeaders = true;
    const { columns, rows } = this.decorate(table, eventType);
    const wideOut = !!this.opts.wide;
    const visible = columns.map((c) => wideOut || !c.priority);
    if (!noHeaders) {
      if (rows.length === 0) return;
      w.write(columns.filter((_, i) => visible[i]).map((c) => c.name.toUpperCase()).join('\t') + '\n');
    }
    for (const r of rows) w.write(r.filter((_, i) => visible[i]).map(cellText).join('\t') + '\n');
  }

  private decorate(table: TableData, eventType?: string): { columns: ColumnDef[]; rows: Cell[][] } {
    const withNamespace = !!this.opts.withNamespace && this.kind.namespaced;
    const labelCols = this.opts.labelColumns ?? [];
    const columns: ColumnDef[] = [];
    if (eventType !== undefined) columns.push({ name: 'Event' });
    if (withNamespace) columns.push({ name: 'Namespace' });
    columns.push(...table.columns);
    for (const l of labelCols) columns.push({ name: l.split('/').pop()!.toUpperCase() });
    if (this.opts.showLabels) columns.push({ name: 'Labels' });
    const nameColumn = this.opts.withKind ? table.columns.findIndex((c) => c.format === 'name') : -1;
    const prefix = kindPrefix(this.kind);
    const rows = table.rows.map((row) => {
      const cells = [...row.cells];
      if (nameColumn >= 0) cells[nameColumn] = `${prefix}/${String(cells[nameColumn])}`;
      const labels = row.object.metadata.labels ?? {};
      for (const l of labelCols) cells.push(labels[l] ?? '');
      if (this.opts.showLabels) cells.push(formatLabels(labels));
      if (withNamespace) cells.unshift(row.object.metadata.namespace ?? '');
      if (eventType !== undefined) cells.unshift(WATCH_EVENT[eventType] ?? eventType);
      return cells;
    });
    return { columns, rows };
  }
}

function sameColumns(a: readonly ColumnDef[], b: readonly ColumnDef[]): boolean {
  return a.length === b.length && a.every((c, i) => c.name === b[i]!.name && (c.priority ?? 0) === (b[i]!.priority ?? 0));
}

/** A cell as printTable writes it: cut at the first line break, terminal escapes made visible. */
export function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell !== 'string') return String(cell);
  const brk = cell.search(/[\f\n\r]/);
  const text = brk >= 0 ? cell.slice(0, brk) : cell;
  return escapeTerminal(text) + (brk >= 0 ? '...' : '');
}

export function escapeTerminal(s: string): string {
  return s.split('\u001b').join('^[').split('\r').join('\\r');
}

// ---------------------------------------------------------------------------------------------
// --sort-by (kubectl's TableSorter)

/** sortorder.NaturalLess: digit runs compare as numbers, digits sort before other characters. */
export function naturalLess(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  const dig = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  while (i < a.length && j < b.length) {
    const da = dig(a[i]);
    const db = dig(b[j]);
    if (da !== db) return da;
    if (!da) {
      if (a[i] !== b[j]) return a[i]! < b[j]!;
      i++;
      j++;
      continue;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    const si = i;
    const sj = j;
    while (dig(a[i])) i++;
    while (dig(b[j])) j++;
    if (i - si !== j - sj) return i - si < j - sj;
    const na = a.slice(si, i);
    const nb = b.slice(sj, j);
    if (na !== nb) return na < nb;
    if (si !== sj) return si < sj;
  }
  return a.length < b.length;
}

function isLess(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    try {
      return parseQuantity(a).cmp(parseQuantity(b)) < 0;
    } catch {
      return naturalLess(a, b);
    }
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let k = 0; k < Math.min(a.length, b.length); k++) if (!isLess(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/**
 * Sorts by a JSONPath over each item's object (kubectl's TableSorter / SortingPrinter): items
 * without the field come first; kubectl fails when no item has it.
 */
export function sortByField<T>(items: readonly T[], objectOf: (item: T) => unknown, sortBy: string): T[] {
  let field: string;
  try {
    field = relaxedJSONPathExpression(sortBy);
  } catch {
    field = sortBy;
  }
  const parser = new JSONPath('sorting').allowMissingKeys(true);
  try {
    parser.parse(field);
  } catch (e) {
    throw new Error(`sorting error: ${(e as Error).message}`);
  }
  const keyed = items.map((item) => {
    const res = parser.findResults(objectOf(item));
    const v = res.length > 0 && res[0]!.length > 0 ? { value: res[0]![0] } : undefined;
    return { item, v };
  });
  if (keyed.length > 0 && !keyed.some((k) => k.v)) throw new Error(`couldn't find any field with path "${field}" in the list of objects`);
  keyed.sort((x, y) => {
    if (!x.v) return y.v ? -1 : 0;
    if (!y.v) return 1;
    return isLess(x.v.value, y.v.value) ? -1 : isLess(y.v.value, x.v.value) ? 1 : 0;
  });
  return keyed.map((k) => k.item);
}

export function sortTable(table: TableData, sortBy: string): void {
  table.rows = sortByField(table.rows, (r) => r.object, sortBy);
}

// ---------------------------------------------------------------------------------------------
// kubectl get's loop over the resources it fetched

export interface TableGroup {
  kind: TableKind;
  items: readonly KubeObject[];
}

/**
 * Prints groups of objects as `kubectl get` does: one printer per run of the same resource (one
 * header), a fresh tab writer block per resource, and a blank line before each further resource
 * once something was printed. Returns '' when nothing was printed (the caller then says "No
 * resources found").
 */
export function printTable(groups: readonly TableGroup[], opts: TableOptions, now: number): string {
  const w = new TabWriter();
  let out = '';
  let separatorReady = false;
  let printer: HumanReadablePrinter | undefined;
  let last: TableKind | undefined;
  const flush = () => {
    w.flush();
    const text = w.take();
    if (text.length > 0 && separatorReady) {
      out += '\n';
      separatorReady = false;
    }
    out += text;
  };
  for (const g of groups) {
    if (!printer || !last || last.plural !== g.kind.plural || last.group !== g.kind.group) {
      flush();
      w.resetRememberedWidths();
      if (last && !opts.noHeaders && out.length > 0) separatorReady = true;
      printer = new HumanReadablePrinter(g.kind, opts);
      last = g.kind;
    }
    const table = buildTable(g.kind, g.items, now);
    if (opts.sortBy) sortTable(table, opts.sortBy);
    printer.print(table, w);
  }
  flush();
  return out;
}
