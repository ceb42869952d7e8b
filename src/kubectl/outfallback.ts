import { KubectlError } from './errors';
import { goMarshalIndent } from './printers/gojson';
import { printJsonPath, printYaml } from './printers/output';

/**
 * `-o` for the write commands: PrintFlags without the table formats, rendered by printers/.
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
  if (
    format === '' ||
    OUTPUT_FORMATS.includes(format) ||
    /^(jsonpath|go-template|custom-columns)[=-]/.test(format)
  )
    return;
  throw new KubectlError(
    `unable to match a printer suitable for the output format ${JSON.stringify(format)}, allowed formats are: ${OUTPUT_FORMATS.join(',')}`,
  );
}

export function printStructured(obj: unknown, format: string): string {
  if (format === 'json') return goMarshalIndent(obj) + '\n';
  if (format === 'yaml') return printYaml(obj);
  const eq = format.indexOf('=');
  if (eq > 0 && format.startsWith('jsonpath'))
    return printJsonPath(format.slice(eq + 1), obj, format.startsWith('jsonpath-as-json'));
  throw new KubectlError(`kubesim does not print -o ${format.split('=')[0]} yet`);
}

/**
 * encoding/json of a typed object (the generators'): struct field order, as kubectl prints
 * `create deployment ... -o json`, rather than the sorted keys of an unstructured object.
 */
export function printTypedJson(obj: unknown): string {
  const s = JSON.stringify(obj, null, 4).replace(
    /[<>&\u2028\u2029]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
  return s + '\n';
}

/** Several objects print as a `kind: List` (as kubectl's apply and get do). */
export function asList(objs: readonly unknown[]): unknown {
  return objs.length === 1
    ? objs[0]
    : { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
}
