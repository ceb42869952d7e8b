/**
 * The three patch formats of the Kubernetes API (`kubectl patch --type json|merge|strategic`) and
 * the patch computations of `kubectl apply` (client-side) and `kubectl edit/label/scale`, as pure
 * functions over decoded JSON.
 */
export { applyMergePatch, createMergePatch, createThreeWayJsonMergePatch } from './jsonmerge';
export { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS, type JsonPatchOperation } from './jsonpatch';
export { applyStrategicMergePatch, createThreeWayMergePatch, createTwoWayMergePatch } from './strategic';
export {
  KUBE_PATCH_TYPES,
  NO_PATCH_META,
  lookupPatchMeta,
  patchMetaFor,
  patchMetaFromTable,
  type FieldPatchMeta,
  type FieldTag,
  type PatchMeta,
  type PatchTypeTable,
} from './patchmeta';
export { GENERIC_UNPROCESSABLE_MESSAGE, PatchError, isPatchError, type PatchErrorReason } from './errors';
export type { JsonObject } from './json';
