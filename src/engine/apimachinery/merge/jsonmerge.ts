/**
 * JSON merge patch (RFC 7386), `kubectl patch --type merge` and `application/merge-patch+json`.
 *
 * A merge patch is a partial document: objects merge key by key, `null` deletes a key, and every
 * other value (arrays included) replaces what was there. It has no way to address one list item,
 * which is why Kubernetes added strategic merge patch for its built-in types; custom resources only
 * get this format (and kubectl apply falls back to `createThreeWayJsonMergePatch` for them).
 */
import { conflictPatch } from './errors';
import { cloneJson, deepEqual, goFormat, hasKey, isJsonObject, jsonKind, setKey, type JsonObject } from './json';

/**
 * Applies `patch` to `target` per RFC 7386 section 2 and returns the new document; inputs are not
 * modified. A non-object patch replaces the target outright; an object patch turns a non-object
 * target into `{}` first. Nulls inside newly added objects are dropped, as the RFC's recursion does.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const out: JsonObject = isJsonObject(target) ? cloneJson(target) : {};
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) {
      delete out[name];
    } else {
      setKey(out, name, applyMergePatch(hasKey(out, name) ? out[name] : undefined, value));
    }
  }
  return out;
}

/**
 * The merge patch that turns `original` into `modified` (evanphx/json-patch `CreateMergePatch`, as
 * `kubectl` uses it): added and changed keys carry the new value, removed keys are `null`, nested
 * objects diff recursively, and any changed array is sent whole. Equal documents give `{}`.
 */
export function createMergePatch(original: unknown, modified: unknown): unknown {
  if (isJsonObject(original) && isJsonObject(modified)) return diffObjects(original, modified);
  // A non-object document can only be reached by sending the whole new value.
  return cloneJson(modified);
}

function diffObjects(a: JsonObject, b: JsonObject): JsonObject {
  const into: JsonObject = {};
  for (const [key, bv] of Object.entries(b)) {
    if (bv === undefined) continue;
    if (!hasKey(a, key) || a[key] === undefined) {
      setKey(into, key, cloneJson(bv));
      continue;
    }
    const av = a[key];
    if (jsonKind(av) !== jsonKind(bv)) {
      setKey(into, key, cloneJson(bv));
    } else if (isJsonObject(av) && isJsonObject(bv)) {
      const sub = diffObjects(av, bv);
      if (Object.keys(sub).length > 0) setKey(into, key, sub);
    } else if (!deepEqual(av, bv)) {
      setKey(into, key, cloneJson(bv));
    }
  }
  for (const key of Object.keys(a)) {
    if (a[key] !== undefined && (!hasKey(b, key) || b[key] === undefined)) setKey(into, key, null);
  }
  return into;
}

/**
 * kubectl apply's patch for types without strategic merge metadata (custom resources):
 * k8s.io/apimachinery/pkg/util/jsonmergepatch `CreateThreeWayJSONMergePatch`.
 *
 * - additions and changes come from `current` (live) -> `modified` (new manifest), nulls dropped,
 *   so fields only the live object has (set by controllers or other clients) survive;
 * - deletions come from `original` (last-applied) -> `modified`, nulls only, so a field removed
 *   from the manifest is deleted from the live object.
 *
 * Throws a 409 `Conflict` PatchError when the two parts touch the same key differently (as the Go
 * function does, regardless of kubectl's --overwrite).
 */
export function createThreeWayJsonMergePatch(
  original: unknown,
  modified: unknown,
  current: unknown,
): JsonObject {
  const o = isJsonObject(original) ? original : {};
  const m = isJsonObject(modified) ? modified : {};
  const c = isJsonObject(current) ? current : {};
  const addAndChange = keepOrDeleteNull(diffObjects(c, m), false);
  const deletions = keepOrDeleteNull(diffObjects(o, m), true);
  if (hasConflicts(addAndChange, deletions)) {
    throw conflictPatch(goFormat(addAndChange), goFormat(deletions));
  }
  return applyMergePatchKeepingNulls(deletions, addAndChange);
}

/**
 * jsonmergepatch.keepOrDeleteNullInObj: keep only the deletions (`keepNull`) or only the
 * additions/changes. An explicitly empty object is a value, not an empty sub-patch.
 */
function keepOrDeleteNull(m: JsonObject, keepNull: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [key, val] of Object.entries(m)) {
    if (val === null) {
      if (keepNull) setKey(out, key, null);
    } else if (isJsonObject(val)) {
      if (Object.keys(val).length === 0) {
        if (!keepNull) setKey(out, key, val);
        continue;
      }
      const sub = keepOrDeleteNull(val, keepNull);
      if (Object.keys(sub).length > 0) setKey(out, key, sub);
    } else if (!keepNull) {
      setKey(out, key, val);
    }
  }
  return out;
}

/** mergepatch.HasConflicts: both patches set the same leaf to different values. */
function hasConflicts(left: unknown, right: unknown): boolean {
  if (isJsonObject(left)) {
    if (!isJsonObject(right)) return true;
    for (const [key, lv] of Object.entries(left)) {
      if (hasKey(right, key) && hasConflicts(lv, right[key])) return true;
    }
    return false;
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return true;
    return left.some((lv, i) => hasConflicts(lv, right[i]));
  }
  return !deepEqual(left, right);
}

/**
 * Merging two patches must keep the `null`s of the first (they are deletions to send), which RFC
 * 7386 application would strip: evanphx `MergePatch(deletePatch, addAndChangePatch)` on two
 * patches where the second has no nulls.
 */
function applyMergePatchKeepingNulls(base: JsonObject, patch: JsonObject): JsonObject {
  const out = cloneJson(base);
  for (const [key, pv] of Object.entries(patch)) {
    const cur = hasKey(out, key) ? out[key] : undefined;
    if (isJsonObject(cur) && isJsonObject(pv)) setKey(out, key, applyMergePatchKeepingNulls(cur, pv));
    else setKey(out, key, cloneJson(pv));
  }
  return out;
}
