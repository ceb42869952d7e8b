import { goNumber, goQuote } from '../../engine/apimachinery/validation';

/**
 * How Go renders the unstructured values kubectl prints (map[string]interface{}, []interface{},
 * strings, int64/float64, bool, nil): encoding/json for `-o json`, and the fmt verbs `%v` and `%#v`
 * that custom-columns, jsonpath and their error messages use. kubectl works on Unstructured
 * objects, so maps come out with their keys sorted at every level, whatever order the object was
 * built in.
 */

/** A JSON-shaped value; `undefined` fields are dropped as encoding/json drops absent ones. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** encoding/json's string encoding, HTML-safe as json.Marshal is by default (`<` is `\u003c`). */
export function goJSONString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029)
      out += '\\u' + cp.toString(16).padStart(4, '0');
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

function jsonNumber(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  return Object.is(n, -0) ? '0' : String(n);
}

/** json.MarshalIndent(v, "", indent): kubectl's `-o json` uses four spaces. */
export function goMarshalIndent(value: unknown, indent = '    '): string {
  const enc = (v: unknown, pad: string): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return goJSONString(v);
    if (typeof v === 'number') return jsonNumber(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    const inner = pad + indent;
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[\n${v.map((x) => inner + enc(x === undefined ? null : x, inner)).join(',\n')}\n${pad}]`;
    }
    if (isRecord(v)) {
      const keys = sortedKeys(v);
      if (keys.length === 0) return '{}';
      return `{\n${keys.map((k) => `${inner}${goJSONString(k)}: ${enc(v[k], inner)}`).join(',\n')}\n${pad}}`;
    }
    return 'null';
  };
  return enc(value, '');
}

/** Compact json.Marshal (jsonpath prints maps and lists this way). */
export function goMarshal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJSONString(value);
  if (typeof value === 'number') return jsonNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map((x) => goMarshal(x)).join(',')}]`;
  if (isRecord(value)) return `{${sortedKeys(value).map((k) => `${goJSONString(k)}:${goMarshal(value[k])}`).join(',')}}`;
  return 'null';
}

/** fmt's `%v` of an unstructured value: `map[a:1 b:x]`, `[1 2]`, `<nil>`. */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map((x) => goSprint(x)).join(' ')}]`;
  if (isRecord(value)) return `map[${sortedKeys(value).map((k) => `${k}:${goSprint(value[k])}`).join(' ')}]`;
  return String(value);
}

/** fmt's `%#v` of an unstructured value, as kubectl dumps the object in jsonpath errors. */
export function goSharpV(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[]interface {}{${value.map((x) => goSharpV(x)).join(', ')}}`;
  if (isRecord(value)) {
    return `map[string]interface {}{${sortedKeys(value)
      .map((k) => `${goQuote(k)}:${goSharpV(value[k])}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** A plain JSON copy (drops undefined, functions), the way an object looks after a JSON round trip. */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((x) => toJsonValue(x));
  if (isRecord(value)) {
    const out: { [key: string]: JsonValue } = {};
    for (const k of Object.keys(value)) {
      if (value[k] !== undefined && typeof value[k] !== 'function') out[k] = toJsonValue(value[k]);
    }
    return out;
  }
  return null;
}
