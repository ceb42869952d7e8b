/**
 * JSON patch (RFC 6902), `kubectl patch --type json` and `application/json-patch+json`.
 *
 * The API server applies these with gopkg.in/evanphx/json-patch.v4, and learners see its error
 * texts verbatim, so this is a port of that library's behaviour rather than a textbook RFC 6902.
 * Its deviations from the RFC are kept on purpose, because a real cluster shows them:
 *
 * - `replace` on a missing object key succeeds and adds the key (only arrays check the index);
 * - `copy` from a missing object key copies `null`; a key holding `null` counts as missing;
 * - negative array indexes count from the end (`/containers/-1` is the last container);
 * - `add`/`remove` with the root path `""` fail (`doc is missing path: ""`); only `replace` and
 *   `test` accept the root;
 * - a path without the leading `/` ignores its first segment.
 *
 * Failures become a 422 PatchError whose `message` is the json-patch text (what the server puts in
 * `details.causes`); see errors.ts for how kubectl shows it.
 */
import { PatchError, badRequestPatch, unprocessablePatch } from './errors';
import { cloneJson, deepEqual, hasKey, isJsonObject, setKey, type JsonObject } from './json';

/** One RFC 6902 operation as sent on the wire. */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

/** apiserver's maxJSONPatchOperations: longer patches are rejected with 413 before being applied. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

/** A Go `error` value inside this module; wrapped with context the way json-patch wraps errors. */
class GoError extends Error {}

const ERR_MISSING = 'missing value';
const ERR_TEST_FAILED = 'test failed';
const ERR_INVALID_INDEX = 'invalid index referenced';

type Container = { kind: 'object'; obj: JsonObject } | { kind: 'array'; arr: unknown[] };

/**
 * Applies a JSON patch to `doc` and returns the patched document; `doc` and `patch` are not
 * modified. Operations apply in order and the first failing one aborts the whole patch.
 *
 * @param patch the decoded request body: normally an array of {@link JsonPatchOperation}; anything
 *   else is rejected with the decoding error the server would give (400).
 * @throws PatchError 400 (undecodable patch), 413 (too many operations), 422 (an operation failed).
 */
export function applyJsonPatch(doc: unknown, patch: unknown): unknown {
  const ops = decodePatch(patch);
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new PatchError(
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`,
      'RequestEntityTooLarge',
      413,
    );
  }
  if (!isJsonObject(doc) && !Array.isArray(doc)) {
    throw unprocessablePatch(`json: cannot unmarshal ${goJsonKind(doc)} into Go value of type jsonpatch.partialDoc`);
  }
  const state = { root: cloneJson(doc) as JsonObject | unknown[] };
  for (const op of ops) {
    try {
      applyOperation(state, op);
    } catch (e) {
      if (e instanceof GoError) throw unprocessablePatch(e.message);
      throw e;
    }
  }
  return state.root;
}

/** jsonpatch.DecodePatch: `json.Unmarshal` into `[]map[string]*json.RawMessage`. */
function decodePatch(patch: unknown): (JsonObject | null)[] {
  if (patch === null || patch === undefined) return [];
  if (!Array.isArray(patch)) {
    throw badRequestPatch(`json: cannot unmarshal ${goJsonKind(patch)} into Go value of type jsonpatch.Patch`);
  }
  return patch.map((op) => {
    if (op === null || op === undefined) return null;
    if (!isJsonObject(op)) {
      throw badRequestPatch(`json: cannot unmarshal ${goJsonKind(op)} into Go value of type jsonpatch.Operation`);
    }
    return op;
  });
}

/** How encoding/json names a JSON value in "cannot unmarshal X into ..." errors. */
function goJsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v;
}

function applyOperation(state: { root: JsonObject | unknown[] }, op: JsonObject | null): void {
  const kind = op !== null && typeof op['op'] === 'string' ? op['op'] : 'unknown';
  const o = op ?? {};
  switch (kind) {
    case 'add':
      return opAdd(state.root, o);
    case 'remove':
      return opRemove(state.root, o);
    case 'replace':
      return opReplace(state, o);
    case 'move':
      return opMove(state.root, o);
    case 'test':
      return opTest(state.root, o);
    case 'copy':
      return opCopy(state.root, o);
    default:
      throw new GoError(`Unexpected kind: ${kind}`);
  }
}

/** Operation.Path / Operation.From: the field must be a present, non-null JSON string. */
function stringField(op: JsonObject, field: 'path' | 'from'): string {
  const v = hasKey(op, field) ? op[field] : undefined;
  if (v === null || v === undefined) {
    throw new GoError(
      field === 'path' ? `operation missing path field: ${ERR_MISSING}` : `operation, missing from field: ${ERR_MISSING}`,
    );
  }
  if (typeof v !== 'string') throw new GoError(`json: cannot unmarshal ${goJsonKind(v)} into Go value of type string`);
  return v;
}

/** Operation.value(): an absent `value` and `"value": null` both insert JSON null. */
function opValue(op: JsonObject): unknown {
  return hasKey(op, 'value') && op['value'] !== undefined ? cloneJson(op['value']) : null;
}

function opAdd(root: JsonObject | unknown[], op: JsonObject): void {
  const path = decodeOr(() => stringField(op, 'path'), () => `add operation failed to decode path: ${ERR_MISSING}`);
  const found = findObject(root, path);
  if (!found) throw new GoError(`add operation does not apply: doc is missing path: "${path}": ${ERR_MISSING}`);
  wrap(() => containerAdd(found.con, found.key, opValue(op)), (err) => `error in add for path: '${path}': ${err}`);
}

function opRemove(root: JsonObject | unknown[], op: JsonObject): void {
  const path = decodeOr(() => stringField(op, 'path'), () => `remove operation failed to decode path: ${ERR_MISSING}`);
  const found = findObject(root, path);
  if (!found) throw new GoError(`remove operation does not apply: doc is missing path: "${path}": ${ERR_MISSING}`);
  wrap(() => containerRemove(found.con, found.key), (err) => `error in remove for path: '${path}': ${err}`);
}

function opReplace(state: { root: JsonObject | unknown[] }, op: JsonObject): void {
  const path = decodeOr(() => stringField(op, 'path'), (err) => `replace operation failed to decode path: ${err}`);
  if (path === '') {
    const value = hasKey(op, 'value') ? op['value'] : undefined;
    if (!isJsonObject(value) && !Array.isArray(value)) {
      // json-patch wraps a nil error here, which Go renders as %!w(<nil>).
      throw new GoError('replace operation value must be object or array: %!w(<nil>)');
    }
    state.root = cloneJson(value);
    return;
  }
  const found = findObject(state.root, path);
  if (!found) throw new GoError(`replace operation does not apply: doc is missing path: ${path}: ${ERR_MISSING}`);
  try {
    containerGet(found.con, found.key);
  } catch (e) {
    if (e instanceof GoError) {
      throw new GoError(`replace operation does not apply: doc is missing key: ${path}: ${ERR_MISSING}`);
    }
    throw e;
  }
  // json-patch's message says "remove" here; kept as the server prints it.
  wrap(() => containerSet(found.con, found.key, opValue(op)), (err) => `error in remove for path: '${path}': ${err}`);
}

function opMove(root: JsonObject | unknown[], op: JsonObject): void {
  const from = decodeOr(() => stringField(op, 'from'), (err) => `move operation failed to decode from: ${err}`);
  const src = findObject(root, from);
  if (!src) throw new GoError(`move operation does not apply: doc is missing from path: ${from}: ${ERR_MISSING}`);
  const val = wrap(() => containerGet(src.con, src.key), (err) => `error in move for path: '${src.key}': ${err}`);
  wrap(() => containerRemove(src.con, src.key), (err) => `error in move for path: '${src.key}': ${err}`);
  const path = decodeOr(() => stringField(op, 'path'), (err) => `move operation failed to decode path: ${err}`);
  const dst = findObject(root, path);
  if (!dst) throw new GoError(`move operation does not apply: doc is missing destination path: ${path}: ${ERR_MISSING}`);
  wrap(() => containerAdd(dst.con, dst.key, val ?? null), (err) => `error in move for path: '${path}': ${err}`);
}

function opTest(root: JsonObject | unknown[], op: JsonObject): void {
  const path = decodeOr(() => stringField(op, 'path'), (err) => `test operation failed to decode path: ${err}`);
  const hasValue = hasKey(op, 'value') && op['value'] !== undefined;
  const expected = hasValue ? op['value'] : null;
  if (path === '') {
    if (hasValue && deepEqual(root, expected)) return;
    throw new GoError(`testing value ${path} failed: ${ERR_TEST_FAILED}`);
  }
  const found = findObject(root, path);
  if (!found) throw new GoError(`test operation does not apply: is missing path: ${path}: ${ERR_MISSING}`);
  const val = wrap(() => containerGet(found.con, found.key), (err) => `error in test for path: '${path}': ${err}`);
  if (val === undefined) {
    // A missing key (or one holding null) matches an absent or null value.
    if (expected === null) return;
    throw new GoError(`testing value ${path} failed: ${ERR_TEST_FAILED}`);
  }
  if (!hasValue || !deepEqual(val, expected)) throw new GoError(`testing value ${path} failed: ${ERR_TEST_FAILED}`);
}

function opCopy(root: JsonObject | unknown[], op: JsonObject): void {
  const from = decodeOr(() => stringField(op, 'from'), (err) => `copy operation failed to decode from: ${err}`);
  const src = findObject(root, from);
  if (!src) throw new GoError(`copy operation does not apply: doc is missing from path: ${from}: ${ERR_MISSING}`);
  const val = wrap(() => containerGet(src.con, src.key), (err) => `error in copy for from: '${from}': ${err}`);
  const path = decodeOr(() => stringField(op, 'path'), () => `copy operation failed to decode path: ${ERR_MISSING}`);
  const dst = findObject(root, path);
  if (!dst) throw new GoError(`copy operation does not apply: doc is missing destination path: ${path}: ${ERR_MISSING}`);
  const copy = val === undefined ? null : cloneJson(val);
  wrap(() => containerAdd(dst.con, dst.key, copy), (err) => `error while adding value during copy: ${err}`);
}

/** Runs `fn`, rewording a Go error with `message(err)`. */
function wrap<T>(fn: () => T, message: (err: string) => string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof GoError) throw new GoError(message(e.message));
    throw e;
  }
}

function decodeOr(fn: () => string, message: (err: string) => string): string {
  return wrap(fn, message);
}

/** RFC 6901 reference token decoding: `~1` is `/`, then `~0` is `~`. */
function decodePatchKey(k: string): string {
  return k.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * json-patch's findObject: walks every segment but the last and returns the container holding the
 * target plus the decoded last segment; null when an intermediate value is missing, null or a scalar.
 */
function findObject(root: JsonObject | unknown[], path: string): { con: Container; key: string } | null {
  const split = path.split('/');
  if (split.length < 2) return null;
  const parts = split.slice(1, -1);
  const key = split[split.length - 1] ?? '';
  let con = containerOf(root);
  for (const part of parts) {
    let next: unknown;
    try {
      next = containerGet(con, decodePatchKey(part));
    } catch (e) {
      if (e instanceof GoError) return null;
      throw e;
    }
    if (isJsonObject(next) || Array.isArray(next)) con = containerOf(next);
    else return null;
  }
  return { con, key: decodePatchKey(key) };
}

function containerOf(v: JsonObject | unknown[]): Container {
  return Array.isArray(v) ? { kind: 'array', arr: v } : { kind: 'object', obj: v };
}

/** Go's strconv.Atoi, with its error texts. */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new GoError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const big = BigInt(s);
  if (big > 9223372036854775807n || big < -9223372036854775808n) {
    throw new GoError(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  }
  return Number(big);
}

function invalidIndex(idx: number): GoError {
  return new GoError(`Unable to access invalid index: ${idx}: ${ERR_INVALID_INDEX}`);
}

/** The value at `key`, or undefined for Go's nil (a missing key or a JSON null). */
function containerGet(con: Container, key: string): unknown {
  if (con.kind === 'object') {
    const v = hasKey(con.obj, key) ? con.obj[key] : undefined;
    return v === null ? undefined : v;
  }
  let idx = atoi(key);
  const len = con.arr.length;
  if (idx < 0) {
    if (idx < -len) throw invalidIndex(idx);
    idx += len;
  }
  if (idx >= len) throw invalidIndex(idx);
  const v = con.arr[idx];
  return v === null ? undefined : v;
}

function containerSet(con: Container, key: string, val: unknown): void {
  if (con.kind === 'object') {
    setKey(con.obj, key, val);
    return;
  }
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -con.arr.length) throw invalidIndex(idx);
    idx += con.arr.length;
  }
  con.arr[idx] = val;
}

function containerAdd(con: Container, key: string, val: unknown): void {
  if (con.kind === 'object') {
    setKey(con.obj, key, val);
    return;
  }
  if (key === '-') {
    con.arr.push(val);
    return;
  }
  let idx: number;
  try {
    idx = atoi(key);
  } catch (e) {
    if (e instanceof GoError) throw new GoError(`value was not a proper array index: '${key}': ${e.message}`);
    throw e;
  }
  const size = con.arr.length + 1;
  if (idx >= size) throw invalidIndex(idx);
  if (idx < 0) {
    if (idx < -size) throw invalidIndex(idx);
    idx += size;
  }
  con.arr.splice(idx, 0, val);
}

function containerRemove(con: Container, key: string): void {
  if (con.kind === 'object') {
    if (!hasKey(con.obj, key)) throw new GoError(`Unable to remove nonexistent key: ${key}: ${ERR_MISSING}`);
    delete con.obj[key];
    return;
  }
  let idx = atoi(key);
  const len = con.arr.length;
  if (idx >= len) throw invalidIndex(idx);
  if (idx < 0) {
    if (idx < -len) throw invalidIndex(idx);
    idx += len;
  }
  con.arr.splice(idx, 1);
}
