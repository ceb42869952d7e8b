/**
 * Strategic merge patch: `kubectl patch` (default type), `kubectl apply` (client-side), `kubectl
 * edit/label/annotate/scale/set image`, and the API server's `application/strategic-merge-patch+json`.
 *
 * A port of k8s.io/apimachinery/pkg/util/strategicpatch (patch.go). It is JSON merge patch plus
 * knowledge of which lists are keyed (see patchmeta.ts): a patch that lists one container by `name`
 * changes that container and keeps the others, where a merge patch would replace the whole list.
 *
 * Directives understood in patches:
 * - `$patch: replace` in an object (replace it with the rest of the patch object) or as a list
 *   item (replace the whole list with the other items);
 * - `$patch: delete` in an object (empty it) or as a list item (`{name: x, $patch: delete}` removes
 *   every item with that merge key);
 * - `$patch: merge` is recognised and rejected exactly as apimachinery does (`unknown patch type`
 *   in an object, `merging lists cannot yet be specified in the patch` in a list);
 * - `$deleteFromPrimitiveList/<list>: [values]` removes values from a merged list of scalars;
 * - `$setElementOrder/<list>: [...]` gives the final order of a merged list (items only the live
 *   object has keep their relative place);
 * - `$retainKeys: [fields]` clears every field of the object not named (for union types such as a
 *   Deployment's strategy or a volume's source);
 * - `field: null` deletes the field.
 *
 * The Go code mutates maps in place; here inputs are cloned once at each entry point and never
 * touched. Where the Go code is nondeterministic or leaves patch syntax in the stored object, this
 * port picks the sensible outcome instead, documented at the spot (search "Deviation").
 */
import { PatchError, badRequestPatch, internalPatchError, unprocessablePatch } from './errors';
import {
  cloneJson,
  compareGoStrings,
  deepEqual,
  goFormat,
  goTypeName,
  hasKey,
  isJsonObject,
  jsonKind,
  setKey,
  type JsonKind,
  type JsonObject,
} from './json';
import type { FieldPatchMeta, PatchMeta } from './patchmeta';

// Callers pick the metadata by kind next to the patch function.
export { patchMetaFor } from './patchmeta';

const DIRECTIVE_MARKER = '$patch';
const DELETE_DIRECTIVE = 'delete';
const REPLACE_DIRECTIVE = 'replace';
const MERGE_DIRECTIVE = 'merge';
const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';

// mergepatch's sentinel errors and the status interpretStrategicMergePatchError gives them.
const errBadJSONDoc = () => badRequestPatch('invalid JSON document');
const errNoListOfLists = () => unprocessablePatch('lists of lists are not supported');
const errBadPatchFormatForPrimitiveList = () => badRequestPatch('invalid patch format of primitive list');
const errBadPatchFormatForRetainKeys = () => badRequestPatch('invalid patch format of retainKeys');
const errBadPatchFormatForSetElementOrderList = () => badRequestPatch('invalid patch format of setElementOrder list');
const errNoMergeKey = (m: unknown, key: string) =>
  internalPatchError(`map: ${goFormat(m)} does not contain declared merge key: ${key}`);
const errBadArgType = (expected: string, actual: unknown) =>
  internalPatchError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
const errBadPatchType = (t: unknown, m: unknown) =>
  internalPatchError(`unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`);
const MAP_TYPE = 'map[string]interface {}';
const SLICE_TYPE = '[]interface {}';

interface DiffOptions {
  /** Generate `$setElementOrder` parallel lists. */
  setElementOrder: boolean;
  /** Leave additions and changes out of the patch (three-way: the deletions half). */
  ignoreChangesAndAdditions: boolean;
  /** Leave deletions out of the patch (three-way: the live -> manifest half). */
  ignoreDeletions: boolean;
  /** The map being diffed has patchStrategy retainKeys: emit `$retainKeys`. */
  buildRetainKeysDirective: boolean;
}

interface MergeOptions {
  /**
   * True when applying a patch to an object (server side): parallel lists are interpreted. False
   * when merging two patches into one (three-way patch creation): directives are carried over.
   */
  mergeParallelList: boolean;
  /** Drop `null`s that delete nothing instead of keeping them (true when applying). */
  ignoreUnmatchedNulls: boolean;
}

const APPLY: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };
const COMBINE_PATCHES: MergeOptions = { mergeParallelList: false, ignoreUnmatchedNulls: false };

// ===================================================================================================
// Entry points
// ===================================================================================================

/**
 * Applies a strategic merge patch to `original` (the live object) and returns the result, as the
 * API server does for a PATCH with `application/strategic-merge-patch+json`. Inputs are unchanged.
 *
 * @throws PatchError with the status the API server would answer (400, 422 or 500); see errors.ts.
 */
export function applyStrategicMergePatch(original: object, patch: unknown, meta: PatchMeta): JsonObject {
  if (!isJsonObject(original) || !isJsonObject(patch)) throw errBadJSONDoc();
  return guard(() => mergeMap(cloneJson(original), cloneJson(patch), meta, APPLY));
}

/**
 * The strategic merge patch that turns `original` into `modified` (CreateTwoWayMergePatch), as
 * kubectl computes it for edit, label, annotate, scale and set: changed and added fields, `null`
 * for removed fields, `$patch: delete` items and `$deleteFromPrimitiveList` for removed list items,
 * and `$setElementOrder` for merged lists whose content or order changed. Equal objects give `{}`.
 */
export function createTwoWayMergePatch(original: object, modified: object, meta: PatchMeta): JsonObject {
  if (!isJsonObject(original) || !isJsonObject(modified)) throw errBadJSONDoc();
  return guard(() =>
    diffMaps(cloneJson(original), cloneJson(modified), meta, {
      setElementOrder: true,
      ignoreChangesAndAdditions: false,
      ignoreDeletions: false,
      buildRetainKeysDirective: false,
    }),
  );
}

/**
 * The patch client-side `kubectl apply` sends (CreateThreeWayMergePatch with overwrite=true):
 *
 * - `original` is the last-applied configuration (the `kubectl.kubernetes.io/last-applied-
 *   configuration` annotation; pass `null`/`{}` when the object has none);
 * - `modified` is the new manifest (kubectl adds the updated annotation to it before diffing);
 * - `current` is the live object.
 *
 * The patch is the live -> manifest difference without deletions, merged with the deletions from
 * last-applied -> manifest. So a field the manifest no longer sets but used to is deleted; a field
 * only the live object has (defaulted by the server, or set by `kubectl label`, `kubectl scale`,
 * controllers) is kept; a changed value comes from the manifest.
 *
 * Note the consequence learners meet with `replicas`: removing `spec.replicas` from a manifest
 * that used to set it sends `replicas: null`, the server then defaults it (to 1 for a Deployment),
 * so an HPA-managed or `kubectl scale`d Deployment drops to 1. If last-applied never had it, the
 * live value survives.
 *
 * Conflict detection (apply --overwrite=false) is not implemented: kubectl's default overwrites.
 */
export function createThreeWayMergePatch(
  original: object | null | undefined,
  modified: object,
  current: object,
  meta: PatchMeta,
): JsonObject {
  const o = original ?? {};
  if (!isJsonObject(o) || !isJsonObject(modified) || !isJsonObject(current)) throw errBadJSONDoc();
  return guard(() => {
    const delta = diffMaps(cloneJson(current), cloneJson(modified), meta, {
      setElementOrder: true,
      ignoreChangesAndAdditions: false,
      ignoreDeletions: true,
      buildRetainKeysDirective: false,
    });
    const deletions = diffMaps(cloneJson(o), cloneJson(modified), meta, {
      setElementOrder: true,
      ignoreChangesAndAdditions: true,
      ignoreDeletions: false,
      buildRetainKeysDirective: false,
    });
    return mergeMap(deletions, delta, meta, COMBINE_PATCHES);
  });
}

/** Turns an unexpected JS error (a bug here) into the 500 a Go panic would give, keeping PatchErrors. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PatchError) throw e;
    throw internalPatchError(e instanceof Error ? e.message : String(e));
  }
}

// ===================================================================================================
// Diff: building patches
// ===================================================================================================

/**
 * diffMaps: the (recursive) patch that yields `modified` from `original`. Added keys are copied,
 * changed scalars and replaced lists take the modified value, removed keys become null, nested
 * maps and merged lists recurse.
 */
function diffMaps(original: JsonObject, modified: JsonObject, meta: PatchMeta, opts: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeysList: unknown[] = [];
  for (const key of Object.keys(modified)) {
    const modifiedValue = modified[key];
    if (opts.buildRetainKeysDirective && modifiedValue !== null) retainKeysList.push(key);
    if (!hasKey(original, key)) {
      if (!opts.ignoreChangesAndAdditions) setKey(patch, key, modifiedValue);
      continue;
    }
    const originalValue = original[key];
    if (key === DIRECTIVE_MARKER) {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') {
        throw internalPatchError(`invalid value for special key: ${DIRECTIVE_MARKER}`);
      }
      if (originalValue !== modifiedValue) patch[DIRECTIVE_MARKER] = modifiedValue;
      continue;
    }
    if (jsonKind(originalValue) !== jsonKind(modifiedValue)) {
      if (!opts.ignoreChangesAndAdditions) setKey(patch, key, modifiedValue);
      continue;
    }
    if (isJsonObject(originalValue)) {
      handleMapDiff(key, originalValue, modifiedValue as JsonObject, patch, meta, opts);
    } else if (Array.isArray(originalValue)) {
      handleSliceDiff(key, originalValue, modifiedValue as unknown[], patch, meta, opts);
    } else if (!opts.ignoreChangesAndAdditions && !deepEqual(originalValue, modifiedValue)) {
      setKey(patch, key, modifiedValue);
    }
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) {
      if (!hasKey(modified, key)) setKey(patch, key, null);
    }
  }
  if (
    retainKeysList.length > 0 &&
    (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))
  ) {
    patch[RETAIN_KEYS_DIRECTIVE] = sortScalars(retainKeysList);
  }
  return patch;
}

function handleMapDiff(
  key: string,
  original: JsonObject,
  modified: JsonObject,
  patch: JsonObject,
  meta: PatchMeta,
  opts: DiffOptions,
): void {
  const field = meta.lookup(key);
  if (field.strategy === REPLACE_DIRECTIVE) {
    // patchStrategy:"replace" objects are always sent whole, changed or not (as in Go).
    if (!opts.ignoreChangesAndAdditions) setKey(patch, key, modified);
    return;
  }
  const value = diffMaps(original, modified, field.meta, { ...opts, buildRetainKeysDirective: field.retainKeys });
  if (Object.keys(value).length > 0) setKey(patch, key, value);
}

function handleSliceDiff(
  key: string,
  original: unknown[],
  modified: unknown[],
  patch: JsonObject,
  meta: PatchMeta,
  opts: DiffOptions,
): void {
  const field = meta.lookup(key);
  if (field.strategy !== MERGE_DIRECTIVE) {
    if (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)) setKey(patch, key, modified);
    return;
  }
  const { patchList, deleteList, setOrderList } = diffLists(original, modified, field, {
    ...opts,
    buildRetainKeysDirective: field.retainKeys,
  });
  if (patchList.length > 0) setKey(patch, key, patchList);
  if (deleteList.length > 0) setKey(patch, `${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/${key}`, deleteList);
  if (setOrderList.length > 0) setKey(patch, `${SET_ELEMENT_ORDER_PREFIX}/${key}`, setOrderList);
}

/**
 * diffLists for a merged list: the patch items (changed/added items, then `$patch: delete` items),
 * the deletion list (scalars only) and the `$setElementOrder` list.
 */
function diffLists(
  original: unknown[],
  modified: unknown[],
  field: FieldPatchMeta,
  opts: DiffOptions,
): { patchList: unknown[]; deleteList: unknown[]; setOrderList: unknown[] } {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return { patchList: [], deleteList: [], setOrderList: [] };
    return { patchList: modified, deleteList: [], setOrderList: [] };
  }
  const mergeKey = field.mergeKey;
  const kind = sliceElementKind([original, modified]);
  if (kind === 'object') {
    const maps = diffListsOfMaps(original, modified, field.meta, mergeKey, opts);
    let patchList = normalizeSliceOrder(maps.patch, modified, mergeKey, kind);
    const orderSame = isOrderSame(original, modified, mergeKey);
    patchList = [...patchList, ...maps.deletions];
    let setOrderList: unknown[] = [];
    if (
      opts.setElementOrder &&
      ((!opts.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) ||
        (!opts.ignoreDeletions && patchList.length > 0))
    ) {
      setOrderList = modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] ?? null }));
    }
    return { patchList, deleteList: [], setOrderList };
  }
  const scalars = diffListsOfScalars(original, modified, opts);
  const patchList = normalizeSliceOrder(scalars.add, modified, mergeKey, kind);
  let setOrderList: unknown[] = [];
  // Go sorts `original` in place while diffing, so this compares the *sorted* original with
  // modified: an unchanged but unsorted list still gets a (harmless) $setElementOrder.
  if (
    opts.setElementOrder &&
    ((!opts.ignoreDeletions && scalars.deletions.length > 0) ||
      (!opts.ignoreChangesAndAdditions && !deepEqual(scalars.sortedOriginal, modified)))
  ) {
    setOrderList = modified;
  }
  return { patchList, deleteList: scalars.deletions, setOrderList };
}

function isOrderSame(original: unknown[], modified: unknown[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  for (let i = 0; i < modified.length; i++) {
    if (!mergeKeyValueEqual(original[i], modified[i], mergeKey)) return false;
  }
  return true;
}

/** diffListsOfScalars: walks both lists sorted by their `%v` strings. */
function diffListsOfScalars(
  original: unknown[],
  modified: unknown[],
  opts: DiffOptions,
): { add: unknown[]; deletions: unknown[]; sortedOriginal: unknown[] } {
  const originalScalars = sortScalars(original);
  const modifiedScalars = sortScalars(modified);
  const add: unknown[] = [];
  const deletions: unknown[] = [];
  let oi = 0;
  let mi = 0;
  for (;;) {
    const oIn = oi < originalScalars.length;
    const mIn = mi < modifiedScalars.length;
    if (!oIn && !mIn) break;
    const oStr = oIn ? goFormat(originalScalars[oi]) : '';
    const mStr = mIn ? goFormat(modifiedScalars[mi]) : '';
    if (oIn && mIn && oStr === mStr) {
      oi++;
      mi++;
    } else if (!oIn || (mIn && compareGoStrings(oStr, mStr) > 0)) {
      if (!opts.ignoreChangesAndAdditions) add.push(modifiedScalars[mi]);
      mi++;
    } else {
      if (!opts.ignoreDeletions) deletions.push(originalScalars[oi]);
      oi++;
    }
  }
  return { add, deletions: deduplicateScalars(deletions), sortedOriginal: originalScalars };
}

/**
 * diffListsOfMaps: walks both lists sorted by merge key; matching items diff recursively (the patch
 * item carries the merge key), new items are copied, vanished items get `{key: v, $patch: delete}`.
 */
function diffListsOfMaps(
  original: unknown[],
  modified: unknown[],
  elemMeta: PatchMeta,
  mergeKey: string,
  opts: DiffOptions,
): { patch: unknown[]; deletions: unknown[] } {
  const patch: unknown[] = [];
  const deletions: unknown[] = [];
  const originalSorted = sortMapsByMergeKey(original, mergeKey);
  const modifiedSorted = sortMapsByMergeKey(modified, mergeKey);
  let oi = 0;
  let mi = 0;
  for (;;) {
    const oIn = oi < originalSorted.length;
    const mIn = mi < modifiedSorted.length;
    if (!oIn && !mIn) break;
    const o = oIn ? mapAndMergeKeyValue(originalSorted[oi], mergeKey) : undefined;
    const m = mIn ? mapAndMergeKeyValue(modifiedSorted[mi], mergeKey) : undefined;
    const oStr = o ? goFormat(o.value) : '';
    const mStr = m ? goFormat(m.value) : '';
    if (o && m && oStr === mStr) {
      const value = diffMaps(o.map, m.map, elemMeta, opts);
      if (Object.keys(value).length > 0) {
        setKey(value, mergeKey, m.value);
        patch.push(value);
      }
      oi++;
      mi++;
    } else if (m && (!o || compareGoStrings(oStr, mStr) > 0)) {
      if (!opts.ignoreChangesAndAdditions) patch.push(m.map);
      mi++;
    } else if (o) {
      if (!opts.ignoreDeletions) deletions.push({ [mergeKey]: o.value, [DIRECTIVE_MARKER]: DELETE_DIRECTIVE });
      oi++;
    }
  }
  return { patch, deletions };
}

function mapAndMergeKeyValue(item: unknown, mergeKey: string): { map: JsonObject; value: unknown } {
  if (!isJsonObject(item)) throw errBadArgType(MAP_TYPE, item);
  if (!hasKey(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
  return { map: item, value: item[mergeKey] };
}

/** sortMergeListsByNameArray without recursion: a copy sorted by the merge key's `%v`. */
function sortMapsByMergeKey(list: unknown[], mergeKey: string): unknown[] {
  if (list.length === 0) return list;
  sliceElementKind([list]);
  return [...list].sort((a, b) =>
    compareGoStrings(goFormat((a as JsonObject)[mergeKey]), goFormat((b as JsonObject)[mergeKey])),
  );
}

function hasAdditionalNewField(original: JsonObject, modified: JsonObject): boolean {
  return Object.keys(original).some((k) => original[k] !== null && !hasKey(modified, k));
}

// ===================================================================================================
// Merge: applying patches (and combining two patches into one)
// ===================================================================================================

/**
 * mergeMap: merges `patch` into `original` (both private copies; `original` is updated and
 * returned). Directives are processed first: `$patch`, then `$retainKeys`, then `$setElementOrder`
 * lists together with their lists, then every remaining key.
 */
function mergeMap(original: JsonObject, patch: JsonObject, meta: PatchMeta, opts: MergeOptions): JsonObject {
  if (hasKey(patch, DIRECTIVE_MARKER)) return handleDirectiveInMergeMap(patch[DIRECTIVE_MARKER], patch, meta, opts);

  applyRetainKeysDirective(original, patch, opts);
  mergePatchIntoOriginal(original, patch, meta, opts);

  for (const patchKey of Object.keys(patch)) {
    const patchV = patch[patchKey];
    let key = patchKey;
    let isDeleteList = false;
    if (patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
      if (!opts.mergeParallelList) {
        setKey(original, patchKey, patchV);
        continue;
      }
      key = extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST_PREFIX);
      isDeleteList = true;
    }

    if (patchV === null || patchV === undefined) {
      delete original[key];
      if (opts.ignoreUnmatchedNulls) continue;
    }

    const field = meta.lookup(key);
    if (!hasKey(original, key)) {
      // Removing values from a list that does not exist leaves nothing to do (current upstream
      // mergeMap skips delete lists here; older versions stored the deletion list itself).
      if (isDeleteList) continue;
      setKey(original, key, fresh(patchV, field, opts));
      continue;
    }

    const originalV = original[key];
    if (jsonKind(originalV) !== jsonKind(patchV)) {
      // A deletion list never takes the place of a value of another type, e.g. a null list
      // (patch_test.go "$deleteFromPrimitiveList on empty primitive list should not add the item").
      if (isDeleteList) continue;
      setKey(original, key, fresh(patchV, field, opts));
      continue;
    }
    if (isJsonObject(originalV)) {
      setKey(original, key, mergeMapHandler(originalV, patchV as JsonObject, field, opts));
    } else if (Array.isArray(originalV)) {
      setKey(original, key, mergeSliceHandler(originalV, patchV as unknown[], field, isDeleteList, opts));
    } else {
      setKey(original, key, patchV);
    }
  }
  return original;
}

/**
 * A patch value landing where the original has nothing (or something of another type).
 *
 * Deviation: Go stores such a value verbatim, directives and nulls included, and relies on the
 * typed decoding that follows to drop what is not a field (a `null` label would even become an
 * empty string). As the simulator stores JSON, the value is merged into an empty one instead, which
 * drops nulls and resolves directives the way the Go code does for values that do exist. When
 * combining two patches (three-way creation) values are kept verbatim, as there they are patch.
 */
function fresh(value: unknown, field: FieldPatchMeta, opts: MergeOptions): unknown {
  if (!opts.mergeParallelList) return value;
  if (isJsonObject(value)) return mergeMap({}, value, field.meta, opts);
  if (Array.isArray(value) && field.strategy === MERGE_DIRECTIVE) {
    return value
      .filter((item) => !(isJsonObject(item) && hasKey(item, DIRECTIVE_MARKER)))
      .map((item) => freshItem(item, field.meta, opts));
  }
  return value;
}

function freshItem(item: unknown, elemMeta: PatchMeta, opts: MergeOptions): unknown {
  return opts.mergeParallelList && isJsonObject(item) ? mergeMap({}, item, elemMeta, opts) : item;
}

/** `$patch` in an object: replace keeps the rest of the patch as the new value, delete empties it. */
function handleDirectiveInMergeMap(directive: unknown, patch: JsonObject, meta: PatchMeta, opts: MergeOptions): JsonObject {
  if (directive === REPLACE_DIRECTIVE) {
    delete patch[DIRECTIVE_MARKER];
    return opts.mergeParallelList ? mergeMap({}, patch, meta, opts) : patch;
  }
  if (directive === DELETE_DIRECTIVE) return {};
  throw errBadPatchType(directive, patch);
}

function mergeMapHandler(original: JsonObject, patch: JsonObject, field: FieldPatchMeta, opts: MergeOptions): JsonObject {
  if (field.strategy !== REPLACE_DIRECTIVE) return mergeMap(original, patch, field.meta, opts);
  return opts.mergeParallelList ? mergeMap({}, patch, field.meta, opts) : patch;
}

function mergeSliceHandler(
  original: unknown[],
  patch: unknown[],
  field: FieldPatchMeta,
  isDeleteList: boolean,
  opts: MergeOptions,
): unknown[] {
  // A $deleteFromPrimitiveList deletes whatever the field's strategy (kubernetes#110472); other
  // lists without the merge strategy are replaced by the patch value.
  if (field.strategy !== MERGE_DIRECTIVE && !isDeleteList) return patch;
  return mergeSlice(original, patch, field.meta, field.mergeKey, opts, isDeleteList);
}

/**
 * mergeSlice: merges a patch list into a merged list. Scalars: set union, or removal for a
 * `$deleteFromPrimitiveList`. Objects: `$patch` items first, then each item merges into the item
 * with the same merge key or is appended. Finally the order: patch items in patch order, items only
 * the original has keep their relative order around them.
 */
function mergeSlice(
  original: unknown[],
  patch: unknown[],
  elemMeta: PatchMeta,
  mergeKey: string,
  opts: MergeOptions,
  isDeleteList: boolean,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind([original, patch]);
  let merged: unknown[];
  if (kind !== 'object') {
    if (opts.mergeParallelList && isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw internalPatchError('cannot merge lists without merge key for struct');
    const special = mergeSliceWithSpecialElements(original, patch, mergeKey, elemMeta, opts);
    original = special.original;
    patch = special.patch;
    merged = mergeSliceWithoutSpecialElements(original, patch, mergeKey, elemMeta, opts);
  }
  const parts =
    mergeKey === '' ? partitionPrimitivesByPresentInList(merged, patch) : partitionMapsByPresentInList(merged, patch, mergeKey);
  return normalizeElementOrder(parts.present, parts.serverOnly, patch, original, mergeKey, kind);
}

/** Handles `$patch` items of a list of objects; returns the updated original and the plain items. */
function mergeSliceWithSpecialElements(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
  elemMeta: PatchMeta,
  opts: MergeOptions,
): { original: unknown[]; patch: unknown[] } {
  const plain: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const item = v as JsonObject;
    if (!hasKey(item, DIRECTIVE_MARKER)) {
      plain.push(v);
      continue;
    }
    const directive = item[DIRECTIVE_MARKER];
    if (directive === DELETE_DIRECTIVE) {
      if (!hasKey(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      original = deleteMatchingEntries(original, mergeKey, item[mergeKey]);
    } else if (directive === REPLACE_DIRECTIVE) {
      // Keep scanning to drop the other $patch items.
      replace = true;
    } else if (directive === MERGE_DIRECTIVE) {
      throw internalPatchError('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, item);
    }
  }
  if (replace) return { original: plain.map((item) => freshItem(item, elemMeta, opts)), patch: [] };
  return { original, patch: plain };
}

function deleteMatchingEntries(original: unknown[], mergeKey: string, value: unknown): unknown[] {
  return original.filter((item, index) => {
    if (!isJsonObject(item)) throw internalPatchError(`value for key ${index} is not a map.`);
    return !(hasKey(item, mergeKey) && sameValue(item[mergeKey], value));
  });
}

function mergeSliceWithoutSpecialElements(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
  elemMeta: PatchMeta,
  opts: MergeOptions,
): unknown[] {
  const out = [...original];
  for (const v of patch) {
    const item = v as JsonObject;
    if (!hasKey(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    const index = findMapInSlice(out, mergeKey, item[mergeKey]);
    if (index >= 0) out[index] = mergeMap(out[index] as JsonObject, item, elemMeta, opts);
    else out.push(freshItem(v, elemMeta, opts));
  }
  return out;
}

/** Index of the first object whose merge key equals `value`, or -1. */
function findMapInSlice(list: unknown[], mergeKey: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isJsonObject(item)) throw internalPatchError(`value for key ${i} is not a map.`);
    if (hasKey(item, mergeKey) && sameValue(item[mergeKey], value)) return i;
  }
  return -1;
}

function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const drop = new Set(toDelete);
  return current.filter((v) => !drop.has(v));
}

/** Removes `$retainKeys` from the patch and clears the original's fields it does not name. */
function applyRetainKeysDirective(original: JsonObject, patch: JsonObject, opts: MergeOptions): void {
  if (!hasKey(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retainKeys = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];

  if (!opts.mergeParallelList) {
    // Combining patches: both halves must agree; carry the directive over.
    if (hasKey(original, RETAIN_KEYS_DIRECTIVE)) {
      if (!deepEqual(original[RETAIN_KEYS_DIRECTIVE], retainKeys)) {
        throw internalPatchError(
          `${goFormat(original[RETAIN_KEYS_DIRECTIVE])} and ${goFormat(retainKeys)} are not deep equal: this may happen when calculating the 3-way diff patch`,
        );
      }
    } else {
      original[RETAIN_KEYS_DIRECTIVE] = retainKeys;
    }
    return;
  }

  if (!Array.isArray(retainKeys)) throw errBadPatchFormatForRetainKeys();
  const keep = new Set<unknown>(retainKeys);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || k.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    if (!keep.has(k)) throw errBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) {
    if (!keep.has(k)) delete original[k];
  }
}

/**
 * Processes every `$setElementOrder/<list>` of the patch together with `<list>`: merges them, then
 * orders the result by the directive (items only the original has keep their place relative to
 * it). Both are removed from the patch. When combining patches the directive is carried over.
 */
function mergePatchIntoOriginal(original: JsonObject, patch: JsonObject, meta: PatchMeta, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const setElementOrder = patch[key];
    if (!opts.mergeParallelList) {
      if (hasKey(original, key)) {
        if (!deepEqual(original[key], setElementOrder)) throw errBadPatchFormatForSetElementOrderList();
      } else {
        setKey(original, key, setElementOrder);
      }
    }
    delete patch[key];

    if (!Array.isArray(setElementOrder)) throw errBadArgType(SLICE_TYPE, setElementOrder);
    const listKey = extractKey(key, SET_ELEMENT_ORDER_PREFIX);
    const foundOriginal = hasKey(original, listKey);
    const foundPatch = hasKey(patch, listKey);
    let originalList: unknown[] = [];
    let patchList: unknown[] = [];
    if (foundOriginal) {
      const v = original[listKey];
      if (!Array.isArray(v)) throw errBadArgType(SLICE_TYPE, v);
      originalList = v;
    }
    if (foundPatch) {
      const v = patch[listKey];
      if (!Array.isArray(v)) throw errBadArgType(SLICE_TYPE, v);
      patchList = v;
    }
    const field = meta.lookup(listKey);
    validatePatchWithSetOrderList(patchList, setElementOrder, field.mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = fresh(patchList, field, opts) as unknown[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList, patchList, field, false, opts);
    else continue;

    const parts =
      field.mergeKey === ''
        ? partitionPrimitivesByPresentInList(merged, setElementOrder)
        : partitionMapsByPresentInList(merged, setElementOrder, field.mergeKey);
    const kind = sliceElementKind([originalList, patchList]);
    setKey(
      original,
      listKey,
      normalizeElementOrder(parts.present, parts.serverOnly, setElementOrder, originalList, field.mergeKey, kind),
    );
    delete patch[listKey];
  }
}

/**
 * The patch list's items must appear in `$setElementOrder` in the same relative order (deletions
 * and other directive items aside).
 */
function validatePatchWithSetOrderList(patchList: unknown[], setOrderList: unknown[], mergeKey: string): void {
  if (setOrderList.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey !== '' ? extractToDeleteItems(patchList).keep : patchList;
  let pi = 0;
  let si = 0;
  while (pi < nonDelete.length && si < setOrderList.length) {
    if (isJsonObject(nonDelete[pi]) && hasKey(nonDelete[pi] as JsonObject, DIRECTIVE_MARKER)) {
      pi++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[pi], setOrderList[si], mergeKey)) pi++;
    si++;
  }
  if (pi < nonDelete.length && si >= setOrderList.length) {
    throw internalPatchError(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${goFormat(setOrderList)}\n`,
    );
  }
}

function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST_PREFIX) throw errBadPatchFormatForPrimitiveList();
    throw errBadPatchFormatForSetElementOrderList();
  }
  return s.slice(slash + 1);
}

// ===================================================================================================
// Ordering helpers (normalizeElementOrder and friends), ported step by step because the Go
// comparators are not strict orders and the exact algorithm decides the outcome.
// ===================================================================================================

function partitionPrimitivesByPresentInList(list: unknown[], by: unknown[]): { present: unknown[]; serverOnly: unknown[] } {
  const inPatch = new Set(by);
  const present: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of list) (inPatch.has(v) ? present : serverOnly).push(v);
  return { present, serverOnly };
}

function partitionMapsByPresentInList(
  list: unknown[],
  by: unknown[],
  mergeKey: string,
): { present: unknown[]; serverOnly: unknown[] } {
  const present: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of list) {
    if (!isJsonObject(v)) throw errBadArgType(MAP_TYPE, v);
    if (!hasKey(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    (findMapInSlice(by, mergeKey, v[mergeKey]) >= 0 ? present : serverOnly).push(v);
  }
  return { present, serverOnly };
}

/** Orders patch items by the patch order and server-only items by the server order, then interleaves. */
function normalizeElementOrder(
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: JsonKind,
): unknown[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

/**
 * mergeSortedSlice: inserts the server-only items (`left`) among the patch items (`right`): a left
 * item goes first only when both are found in the server order and it comes earlier there.
 */
function mergeSortedSlice(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, kind: JsonKind): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  const size = left.length + right.length;
  for (let k = 0; k < size; k++) {
    if (i >= left.length && j < right.length) {
      out.push(right[j++]);
    } else if (j >= right.length && i < left.length) {
      out.push(left[i++]);
    } else {
      const li = indexOf(serverOrder, left[i], mergeKey, kind);
      const ri = indexOf(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** Index of `value` in `list`, comparing merge key values for objects and values for scalars. */
function indexOf(list: unknown[], value: unknown, mergeKey: string, kind: JsonKind): number {
  const get = kind === 'object' ? (v: unknown) => (isJsonObject(v) ? (v[mergeKey] ?? null) : null) : (v: unknown) => v;
  const want = get(value);
  for (let i = 0; i < list.length; i++) if (sameValue(get(list[i]), want)) return i;
  return -1;
}

/**
 * normalizeSliceOrder: sorts `toSort` by position in `order` with Go's sort.SliceStable and the
 * original comparator (which calls any pair involving an item missing from `order` "less"), then
 * appends the `$patch: delete` items.
 */
function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: JsonKind): unknown[] {
  let items = toSort;
  let toDelete: unknown[] = [];
  if (kind === 'object') {
    validateMergeKeyInLists(mergeKey, [toSort, order]);
    const split = extractToDeleteItems(toSort);
    items = split.keep;
    toDelete = split.toDelete;
  }
  const less = (a: unknown, b: unknown): boolean => {
    const ia = indexOf(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexOf(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  return [...goStableSort(items, less), ...toDelete];
}

/** Go's sort.SliceStable (insertion sort on blocks of 20, then SymMerge), for identical results. */
function goStableSort(list: unknown[], less: (a: unknown, b: unknown) => boolean): unknown[] {
  const data = [...list];
  const n = data.length;
  const swap = (i: number, j: number) => {
    const t = data[i];
    data[i] = data[j];
    data[j] = t;
  };
  const lessAt = (i: number, j: number) => less(data[i], data[j]);
  const insertionSort = (a: number, b: number) => {
    for (let i = a + 1; i < b; i++) for (let j = i; j > a && lessAt(j, j - 1); j--) swap(j, j - 1);
  };
  const rotate = (a: number, m: number, b: number) => {
    // Go's swapRange-based rotation of [a,m) and [m,b).
    let i = m - a;
    let j = b - m;
    const swapRange = (x: number, y: number, count: number) => {
      for (let k = 0; k < count; k++) swap(x + k, y + k);
    };
    while (i !== j) {
      if (i > j) {
        swapRange(m - i, m, j);
        i -= j;
      } else {
        swapRange(m - i, m + j - i, i);
        j -= i;
      }
    }
    swapRange(m - i, m, i);
  };
  const symMerge = (a: number, m: number, b: number): void => {
    if (m - a === 1) {
      let i = m;
      let j = b;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (lessAt(h, a)) i = h + 1;
        else j = h;
      }
      for (let k = a; k < i - 1; k++) swap(k, k + 1);
      return;
    }
    if (b - m === 1) {
      let i = a;
      let j = m;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (!lessAt(m, h)) i = h + 1;
        else j = h;
      }
      for (let k = m; k > i; k--) swap(k, k - 1);
      return;
    }
    const mid = (a + b) >>> 1;
    const nn = mid + m;
    let start: number;
    let r: number;
    if (m > mid) {
      start = nn - b;
      r = mid;
    } else {
      start = a;
      r = m;
    }
    const p = nn - 1;
    while (start < r) {
      const c = (start + r) >>> 1;
      if (!lessAt(p - c, c)) start = c + 1;
      else r = c;
    }
    const end = nn - start;
    if (start < m && m < end) rotate(start, m, end);
    if (a < start && start < mid) symMerge(a, start, mid);
    if (mid < end && end < b) symMerge(mid, end, b);
  };

  let blockSize = 20;
  let a = 0;
  let b = blockSize;
  while (b <= n) {
    insertionSort(a, b);
    a = b;
    b += blockSize;
  }
  insertionSort(a, n);
  while (blockSize < n) {
    a = 0;
    b = 2 * blockSize;
    while (b <= n) {
      symMerge(a, a + blockSize, b);
      a = b;
      b += 2 * blockSize;
    }
    const m = a + blockSize;
    if (m < n) symMerge(a, m, n);
    blockSize *= 2;
  }
  return data;
}

function validateMergeKeyInLists(mergeKey: string, lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isJsonObject(item)) throw errBadArgType(MAP_TYPE, item);
      if (!hasKey(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

function extractToDeleteItems(list: unknown[]): { keep: unknown[]; toDelete: unknown[] } {
  const keep: unknown[] = [];
  const toDelete: unknown[] = [];
  for (const v of list) {
    if (!isJsonObject(v)) throw errBadArgType(MAP_TYPE, v);
    (v[DIRECTIVE_MARKER] === DELETE_DIRECTIVE ? toDelete : keep).push(v);
  }
  return { keep, toDelete };
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (mergeKey === '') return sameValue(left, right);
  if (!isJsonObject(left)) throw errBadArgType(MAP_TYPE, left);
  if (!isJsonObject(right)) throw errBadArgType(MAP_TYPE, right);
  if (!hasKey(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!hasKey(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return sameValue(left[mergeKey], right[mergeKey]);
}

/** Go `==` on decoded JSON scalars (objects, which Go cannot compare, compare structurally). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return typeof a === 'object' && typeof b === 'object' && deepEqual(a, b);
}

/** sliceElementType: the common kind of all items; lists of lists and mixed lists are errors. */
function sliceElementKind(lists: unknown[][]): JsonKind {
  let prev: JsonKind | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = jsonKind(v);
      if (prev === undefined) {
        prev = k;
        if (k === 'array') throw errNoListOfLists();
      } else if (prev !== k) {
        throw internalPatchError(`list element types are not identical: ${goFormat(lists)}`);
      }
    }
  }
  if (prev === undefined) throw internalPatchError('no elements in any of the given slices');
  return prev;
}

/** Scalars sorted by their `%v` strings (a copy). */
function sortScalars(list: unknown[]): unknown[] {
  return [...list].sort((a, b) => compareGoStrings(goFormat(a), goFormat(b)));
}

/** Go's in-place deduplication (the last item fills each duplicate's slot), on a copy. */
function deduplicateScalars(list: unknown[]): unknown[] {
  const s = [...list];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}
