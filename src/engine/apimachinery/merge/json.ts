/**
 * JSON value helpers shared by the three patch formats.
 *
 * The patch functions take plain JSON (what a Kubernetes object is once decoded) and must never
 * mutate their inputs: stored objects are deep-frozen and shared. They therefore clone once at the
 * entry point (`cloneJson`) and then work on private copies, which lets the algorithms stay close
 * to their Go originals (which mutate maps in place).
 */

/** A decoded JSON object. Values are `unknown` so that typed Kubernetes objects fit in. */
export type JsonObject = Record<string, unknown>;

export type JsonKind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

export function isJsonObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Own-property test: patches come from users, so `__proto__` and friends are just keys. */
export function hasKey(o: JsonObject, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** Sets an own property even for `__proto__`, which plain assignment would treat as the prototype. */
export function setKey(o: JsonObject, k: string, v: unknown): void {
  if (k === '__proto__') {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  } else {
    o[k] = v;
  }
}

/** Go's `reflect.TypeOf` as far as JSON can tell types apart (int64 and float64 are both `number`). */
export function jsonKind(v: unknown): JsonKind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'number':
    case 'bigint':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

/**
 * Deep copy of a JSON value into fresh, unfrozen objects. `undefined` object members are dropped (as
 * `JSON.stringify` would) and `undefined` array items become `null`.
 */
export function cloneJson<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : cloneJson(x))) as T;
  const out: JsonObject = {};
  for (const k of Object.keys(v)) {
    const x = (v as JsonObject)[k];
    if (x !== undefined) setKey(out, k, cloneJson(x));
  }
  return out as T;
}

/** Structural equality of JSON values; object key order does not matter, array order does. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  for (const k of ak) {
    if (!hasKey(bo, k) || !deepEqual(ao[k], bo[k])) return false;
  }
  return true;
}

/**
 * Go's `fmt.Sprintf("%v", v)` for decoded JSON: `map[a:1 b:x]` with sorted keys, `[1 2]`, `<nil>`.
 * Error messages quote values this way, and strategic merge sorts merge keys by this string.
 */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as JsonObject;
    const keys = Object.keys(o).sort(compareGoStrings);
    return `map[${keys.map((k) => `${k}:${goFormat(o[k])}`).join(' ')}]`;
  }
  if (typeof v === 'number') return goNumber(v);
  return String(v);
}

/** Go prints float exponents with at least two digits (`1e-07`), JavaScript with one (`1e-7`). */
function goNumber(n: number): string {
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, (_m, sign: string, digit: string) => `e${sign}0${digit}`);
}

/** Go's reflect type name of a decoded JSON value (apimachinery decodes integers as int64). */
export function goTypeName(v: unknown): string {
  switch (jsonKind(v)) {
    case 'null':
      return '<nil>';
    case 'array':
      return '[]interface {}';
    case 'object':
      return 'map[string]interface {}';
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
    case 'boolean':
      return 'bool';
    default:
      return 'string';
  }
}

/** Go compares strings byte-wise (UTF-8), which is code point order; JS `<` compares UTF-16 units. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}
