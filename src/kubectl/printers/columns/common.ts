import { humanDuration } from '../../../engine/apimachinery/duration';
import { parseTime } from '../../../engine/clock';
import type { KubeObject } from '../../../engine/api/types';

/**
 * The pieces every server-side table shares (k/k pkg/printers/internalversion/printers.go): a
 * column definition as metav1.TableColumnDefinition has it, and the cells of one row. Columns with
 * priority 1 show only with `-o wide`; the one with format `name` is where `--show-kind`/several
 * kinds put the `kind.group/` prefix.
 */
export interface ColumnDef {
  name: string;
  priority?: 0 | 1;
  format?: 'name';
}

export type Cell = string | number | boolean;

export interface Row {
  cells: Cell[];
  object: KubeObject;
}

export interface PrintContext {
  /** Simulated now, in ms, for AGE-like cells. */
  now: number;
  wide: boolean;
}

/** How one kind prints: its columns and a function from an object to its row's cells. */
export interface KindPrinter {
  columns: readonly ColumnDef[];
  row(obj: KubeObject, ctx: PrintContext): Cell[];
}

export const NAME: ColumnDef = { name: 'Name', format: 'name' };
export const AGE: ColumnDef = { name: 'Age' };

/** translateTimestampSince: `<unknown>` for a zero time. */
export function since(ts: string | undefined | null, now: number): string {
  return sinceMs(parseTime(ts ?? undefined), now);
}

export function sinceMs(t: number | undefined, now: number): string {
  if (t === undefined) return '<unknown>';
  return humanDuration(now - t);
}

export function age(obj: KubeObject, ctx: PrintContext): string {
  return since(obj.metadata.creationTimestamp, ctx.now);
}

/** layoutContainerCells: container names and images, comma-joined. */
export function containerCells(containers: ReadonlyArray<{ name?: string; image?: string }> | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name ?? '').join(','), cs.map((c) => c.image ?? '').join(',')];
}

/** A wide-only column. */
export function wide(name: string): ColumnDef {
  return { name, priority: 1 };
}
