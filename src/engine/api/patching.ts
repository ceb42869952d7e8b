import { labelSelectorAsSelector, selectorFromSet, type LabelSelector } from '../apimachinery/labels';
import { cloneJson, goFormat, isJsonObject, type JsonObject } from '../apimachinery/merge/json';
import { invalid as fieldInvalid } from '../apimachinery/validation';
import { badRequest, invalid, StatusError } from './errors';
import type { KubeObject, ObjectInput } from './types';
import { checkObject, type SchemaIssue } from './schema';

/**
 * The parts of the API server's PATCH handler (k8s.io/apiserver/pkg/endpoints/handlers/patch.go)
 * that sit around applying the patch: decoding the body as the handler's field validation does,
 * decoding the patched object back into its type (unknown fields dropped with a warning, wrong
 * types refused), and the scale subresource's Scale object.
 *
 * kubectl patch sends no fieldValidation, so the server's default, Warn, applies: unknown fields
 * become `Warning: unknown field "spec.selectr"` and are dropped, which is how a typo in a patch
 * ends as `service/web patched (no change)`.
 */

export type PatchType = 'merge' | 'strategic' | 'json';

/** How encoding/json names a JSON value in `cannot unmarshal X into ...`. */
function jsonValueKind(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

/**
 * The handler's first decoding of the body (kjson.UnmarshalStrict under Warn, then jsonpatch's
 * DecodePatch): what cannot be decoded into the patch type is a 400 before anything is applied.
 * Returns the patch as the patcher then sees it (a null strategic patch is an empty map).
 */
export function decodePatchBody(type: PatchType, patch: unknown): unknown {
  const cannot = (v: unknown, into: string) => `json: cannot unmarshal ${jsonValueKind(v)} into Go ${into}`;
  if (type === 'strategic') {
    if (patch === null || patch === undefined) return {};
    if (!isJsonObject(patch)) throw badRequest(cannot(patch, 'value of type map[string]interface {}'));
    return patch;
  }
  if (type === 'merge') {
    if (patch === null || patch === undefined) throw badRequest('Invalid JSON Patch');
    if (!isJsonObject(patch)) {
      throw badRequest(`error decoding patch: ${cannot(patch, 'value of type map[string]interface {}')}`);
    }
    return patch;
  }
  if (patch === null || patch === undefined) return [];
  if (!Array.isArray(patch)) {
    throw badRequest(`error decoding patch: ${cannot(patch, 'value of type []handlers.jsonPatchOp')}`);
  }
  for (const op of patch) {
    if (op === null) continue;
    if (!isJsonObject(op)) throw badRequest(`error decoding patch: ${cannot(op, 'value of type handlers.jsonPatchOp')}`);
    for (const field of ['op', 'path', 'from'] as const) {
      const v = op[field];
      if (v !== undefined && v !== null && typeof v !== 'string') {
        throw badRequest(`error decoding patch: ${cannot(v, `struct field jsonPatchOp.${field} of type string`)}`);
      }
    }
  }
  return patch;
}

/**
 * Decodes the patched object into its type as the patchers do under fieldValidation=Warn: unknown
 * fields are dropped and reported as warnings; a value of the wrong type fails the request as
 * `patch: Invalid value: ...`. The strategic patcher converts from unstructured, so it names the
 * patch (`%+v`) and the converter's error (`unrecognized type: int32`); the JSON patchers name the
 * patched document and encoding/json's error.
 */
export function decodePatched(type: PatchType, patch: unknown, patched: ObjectInput, warnings: string[]): ObjectInput {
  const issues = checkObject(patched);
  const unknown = issues.filter((i) => i.type === 'unknown-field');
  const wrong = issues.find((i) => i.type !== 'unknown-field');
  if (wrong) {
    const [value, detail] =
      type === 'strategic'
        ? [goFormat(patch), converterError(wrong, patched)]
        : [goJsonCompact(patched), wrong.message];
    throw invalid('', '', '', [fieldInvalid('patch', value, detail)]);
  }
  if (!unknown.length) return patched;
  const out = cloneJson(patched);
  for (const i of unknown) {
    warnings.push(i.message);
    removeAt(out, i.segments);
  }
  return out;
}

function removeAt(root: unknown, segments: ReadonlyArray<string | number>): void {
  let node: unknown = root;
  for (const s of segments.slice(0, -1)) node = (node as Record<string | number, unknown> | undefined)?.[s];
  const last = segments[segments.length - 1];
  if (isJsonObject(node) && typeof last === 'string') delete node[last];
}

/** Go's reflect.Kind of a value decoded with PreserveInts, as the unstructured converter sees it. */
function goKind(v: unknown): string {
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object' && v !== null) return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

const NUMERIC = /^(u?int(8|16|32|64)?|float(32|64))$/;

/**
 * runtime.DefaultUnstructuredConverter's error for a value of the wrong type (fromUnstructured):
 * scalars that JSON would not convert are `unrecognized type: int32`, an integer into a string is
 * `cannot convert int64 to string`, non-objects into structs, slices and maps cannot be restored.
 * Types with their own JSON decoding (IntOrString, Quantity, Time) keep encoding/json's words.
 */
function converterError(issue: SchemaIssue, obj: unknown): string {
  if (issue.fatal || issue.type !== 'type-mismatch') return issue.message;
  const target = /of type (\S+)$/.exec(issue.message)?.[1];
  if (!target) return issue.message;
  let value: unknown = obj;
  for (const s of issue.segments) value = (value as Record<string | number, unknown> | undefined)?.[s];
  const from = goKind(value);
  // reflect.Kind of the target: a named string (v1.ServiceType) is a string.
  const kind =
    issue.expected === 'string'
      ? 'string'
      : issue.expected === 'boolean'
        ? 'bool'
        : issue.expected === 'number'
          ? 'float64'
          : issue.expected === 'integer'
            ? NUMERIC.test(target)
              ? target
              : 'int32'
            : undefined;
  if (kind === undefined) {
    if (target.startsWith('[]')) return `cannot restore slice from ${from}`;
    if (target.startsWith('map[')) return `cannot restore map from ${from}`;
    return `cannot restore struct from: ${from}`;
  }
  // ConvertibleTo but not a JSON conversion: a fraction into an integer, an integer into a string.
  if (NUMERIC.test(kind) && (from === 'int64' || from === 'float64')) return `cannot convert ${from} to ${target}`;
  if (from === 'int64' && kind === 'string') return `cannot convert int64 to ${target}`;
  return `unrecognized type: ${kind}`;
}

/** encoding/json of a decoded object: compact, keys sorted, `<>&` escaped (the patched document). */
function goJsonCompact(v: unknown): string {
  const walk = (x: unknown): string => {
    if (x === null || x === undefined) return 'null';
    if (Array.isArray(x)) return `[${x.map(walk).join(',')}]`;
    if (typeof x === 'object') {
      const o = x as JsonObject;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${keys.map((k) => `${JSON.stringify(k)}:${walk(o[k])}`).join(',')}}`;
    }
    return JSON.stringify(x) ?? 'null';
  };
  return walk(v).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/**
 * patcher.applyPatch's last checks on the patched object: a namespace other than the request's is
 * refused (an empty one takes the request's), and the name must still be the one in the URL.
 */
export function checkPatchedIdentity(obj: ObjectInput, namespace: string | undefined, name: string): void {
  const meta = (obj.metadata ??= {});
  const objNamespace = meta.namespace ?? '';
  if (namespace && objNamespace && objNamespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  if (namespace) meta.namespace = namespace;
  else delete meta.namespace;
  const objName = meta.name ?? '';
  if (objName !== name) {
    throw badRequest(`the name of the object (${objName}) does not match the name on the URL (${name})`);
  }
}

// ------------------------------------------------------------------------------------------ scale

/** The kinds with a scale subresource, and where their pod selector lives. */
export const SCALE_KINDS: readonly string[] = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];

/**
 * The autoscaling/v1 Scale the registry derives from a scalable object (scaleFromDeployment and
 * its siblings): identity metadata, spec.replicas (omitted when 0), status.replicas and the
 * selector as a string.
 */
export function scaleOf(obj: KubeObject): KubeObject {
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: unknown };
  const status = (obj.status ?? {}) as { replicas?: number };
  let selector = '';
  try {
    selector =
      obj.kind === 'ReplicationController'
        ? selectorFromSet(spec.selector as Record<string, string> | undefined).toString()
        : labelSelectorAsSelector(spec.selector as LabelSelector | undefined).toString();
  } catch {
    selector = '';
  }
  const m = obj.metadata;
  const meta: Record<string, string> = { name: m.name };
  if (m.namespace) meta.namespace = m.namespace;
  if (m.uid) meta.uid = m.uid;
  if (m.resourceVersion) meta.resourceVersion = m.resourceVersion;
  if (m.creationTimestamp) meta.creationTimestamp = m.creationTimestamp;
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: meta,
    spec: spec.replicas ? { replicas: spec.replicas } : {},
    status: { replicas: status.replicas ?? 0, ...(selector ? { selector } : {}) },
  } as unknown as KubeObject;
}

/** The generic 404 of a path the server does not serve (a subresource the kind does not have). */
export function noSuchResource(): StatusError {
  return new StatusError({ reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' });
}
