import type { KubeObject } from '../../engine/api/types';
import { KubectlError } from '../errors';
import { goMarshalIndent, goSharpV, toJsonValue } from './gojson';
import { toGoYaml } from './goyaml';
import { JSONPath, relaxedJSONPathExpression, sprintResult } from './jsonpath';
import { escapeTerminal } from './table';
import { TabWriter } from './tabwriter';

/**
 * kubectl's non-table printers (`-o yaml|json|name|jsonpath=...|custom-columns=...`), fed with the
 * objects as the server returned them. Several objects, or a listing, print as one `kind: List`
 * (kubectl get's printGeneric); managedFields are hidden unless asked for, as since kubectl 1.21.
 */
export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string; asJson: boolean }
  | { kind: 'custom-columns'; spec: string };

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** Parses `-o` as kubectl's PrintFlags do; errors in kubectl's words. */
export function parseOutputFormat(output: string): OutputFormat {
  if (output === '') return { kind: 'table', wide: false };
  if (output === 'wide') return { kind: 'table', wide: true };
  if (output === 'yaml') return { kind: 'yaml' };
  if (output === 'json') return { kind: 'json' };
  if (output === 'name') return { kind: 'name' };
  const eq = output.indexOf('=');
  const fmt = eq < 0 ? output : output.slice(0, eq);
  const arg = eq < 0 ? '' : output.slice(eq + 1);
  if (fmt === 'jsonpath' || fmt === 'jsonpath-as-json') {
    if (!arg) throw new KubectlError('template format specified but no template given');
    return { kind: 'jsonpath', template: arg, asJson: fmt === 'jsonpath-as-json' };
  }
  if (fmt === 'custom-columns') {
    if (!arg) throw new KubectlError('custom-columns format specified but no custom columns given');
    return { kind: 'custom-columns', spec: arg };
  }
  throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${ALLOWED}`);
}

function stripManagedFields(obj: KubeObject): unknown {
  const value = toJsonValue(obj) as Record<string, unknown>;
  const meta = value.metadata as Record<string, unknown> | undefined;
  if (meta && 'managedFields' in meta) delete meta.managedFields;
  return value;
}

/** The objects to print: one object as itself, otherwise a List (printGeneric). */
export function printable(items: readonly KubeObject[], singleItem: boolean, showManagedFields = false): unknown {
  const clean = (o: KubeObject) => (showManagedFields ? toJsonValue(o) : stripManagedFields(o));
  if (singleItem && items.length === 1) return clean(items[0]!);
  return { apiVersion: 'v1', items: items.map(clean), kind: 'List', metadata: { resourceVersion: '' } };
}

export function printYaml(value: unknown): string {
  return toGoYaml(value);
}

export function printJson(value: unknown): string {
  return goMarshalIndent(value) + '\n';
}

/** `-o name`: `pod/web`, `deployment.apps/web`. */
export function nameOf(obj: { apiVersion?: string; kind?: string; metadata?: { name?: string } }): string {
  const apiVersion = obj.apiVersion ?? '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const kind = (obj.kind ?? '').toLowerCase();
  const name = obj.metadata?.name ?? '';
  return group ? `${kind}.${group}/${name}` : `${kind}/${name}`;
}

export function printNames(items: readonly KubeObject[]): string {
  return items.map((o) => nameOf(o) + '\n').join('');
}

/** `-o jsonpath=`: parse errors and execution errors in kubectl's words. */
export function printJsonPath(template: string, value: unknown, asJson = false): string {
  const jp = new JSONPath('out').allowMissingKeys(true);
  try {
    jp.parse(template);
  } catch (e) {
    throw new KubectlError(`error parsing jsonpath ${template}, ${(e as Error).message}`);
  }
  if (asJson) jp.enableJSONOutput(true);
  try {
    return jp.execute(value);
  } catch (e) {
    throw new KubectlError(
      `error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${(e as Error).message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${template}\n` +
        `\tobject given to jsonpath engine was:\n\t\t${goSharpV(value)}\n\n`,
    );
  }
}

interface Column {
  header: string;
  spec: string;
}

function parseColumns(spec: string): Column[] {
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new KubectlError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    let field: string;
    try {
      field = relaxedJSONPathExpression(part.slice(colon + 1));
    } catch (e) {
      throw new KubectlError((e as Error).message);
    }
    return { header: part.slice(0, colon), spec: field };
  });
}

/** `-o custom-columns=NAME:.metadata.name,...`: `<none>` for a missing value, several joined by `,`. */
export function printCustomColumns(spec: string, items: readonly unknown[], noHeaders = false): string {
  const columns = parseColumns(spec);
  const w = new TabWriter();
  if (!noHeaders) w.write(columns.map((c) => c.header).join('\t') + '\n');
  const parsers = columns.map((c, i) => {
    const jp = new JSONPath(`column${i}`).allowMissingKeys(true);
    try {
      jp.parse(c.spec);
    } catch (e) {
      throw new KubectlError((e as Error).message);
    }
    return jp;
  });
  for (const obj of items) {
    const cells = parsers.map((jp) => {
      const values = jp.findResults(obj);
      const strs: string[] = [];
      if (values.length === 0 || values[0]!.length === 0) strs.push('<none>');
      for (const arr of values) for (const v of arr) strs.push(escapeTerminal(sprintResult(v)));
      return strs.join(',');
    });
    w.write(cells.join('\t') + '\n');
  }
  w.flush();
  return w.take();
}

export interface GenericPrintOptions {
  /** One object named on the command line prints as itself, anything else as a List. */
  singleItem: boolean;
  noHeaders?: boolean;
  showManagedFields?: boolean;
}

/** Prints objects in a non-table format, as kubectl get's printGeneric does. */
export function printObjects(items: readonly KubeObject[], format: Exclude<OutputFormat, { kind: 'table' }>, opts: GenericPrintOptions): string {
  const value = printable(items, opts.singleItem, opts.showManagedFields);
  switch (format.kind) {
    case 'yaml':
      return printYaml(value);
    case 'json':
      return printJson(value);
    case 'name':
      return printNames(items);
    case 'jsonpath':
      return printJsonPath(format.template, value, format.asJson);
    case 'custom-columns': {
      const v = value as { kind?: string; items?: unknown[] };
      return printCustomColumns(format.spec, v.kind === 'List' && Array.isArray(v.items) ? v.items : [value], opts.noHeaders);
    }
  }
}
