import { stringify } from 'yaml';
import { KubectlError } from './errors';

/**
 * `-o yaml|json` for the write commands until printers/output.ts lands: go-yaml v2's layout
 * (sorted keys, sequences not indented, YAML 1.1 quoting) and encoding/json's 4-space indent.
 */
export const OUTPUT_FORMATS = [
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'name',
  'template',
  'templatefile',
  'yaml',
];

/** PrintFlags.ToPrinter's refusal of an unknown `-o`. */
export function checkOutputFormat(format: string): void {
  if (format === '' || OUTPUT_FORMATS.includes(format) || /^(jsonpath|go-template|custom-columns)[=-]/.test(format)) return;
  throw new KubectlError(
    `unable to match a printer suitable for the output format ${JSON.stringify(format)}, allowed formats are: ${OUTPUT_FORMATS.join(',')}`,
  );
}

export function printStructured(obj: unknown, format: string): string {
  if (format === 'json') return JSON.stringify(obj, null, 4) + '\n';
  return stringify(obj, {
    version: '1.1',
    sortMapEntries: true,
    indentSeq: false,
    lineWidth: 0,
    minContentWidth: 0,
    nullStr: 'null',
  });
}

/** Several objects print as a `kind: List` (as kubectl's apply and get do). */
export function asList(objs: readonly unknown[]): unknown {
  return objs.length === 1 ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
}
