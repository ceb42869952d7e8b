import { validateLabelKey, validateLabelValue } from '../../apimachinery/labels';
import type { FieldError, ValidateNameFunc } from '../../apimachinery/validation';
import type { LabelSelector } from '../../apimachinery/labels';
import {
  byteLength,
  forbidden,
  invalid,
  isDNS1123Label,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  required,
  tooLong,
  validateObjectMetaName,
} from '../../apimachinery/validation';
import { badRequest } from '../errors';
import type { ResourceType } from '../resources';
import type { KubeObject } from '../types';
import { deepEqual } from '../types';

/**
 * The parts of ValidateObjectMeta (apimachinery pkg/api/validation/objectmeta.go) that the API
 * server core leaves to the kinds: labels and annotations. Keys are visited in sorted order where
 * Go ranges over a map, so the same object always gives the same message.
 */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** unversionedvalidation.ValidateLabels: every key a qualified name, every value a label value. */
export function validateLabels(labels: Record<string, string> | null | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  for (const k of Object.keys(labels).sort()) {
    for (const msg of validateLabelKey(k)) errs.push(invalid(path, k, msg));
    const v = labels[k];
    for (const msg of validateLabelValue(typeof v === 'string' ? v : String(v))) errs.push(invalid(path, v, msg));
  }
  return errs;
}

/** ValidateAnnotations: keys are qualified names (case-insensitive); 256 KiB in total. */
export function validateAnnotations(annotations: Record<string, string> | null | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!annotations) return errs;
  let total = 0;
  for (const k of Object.keys(annotations).sort()) {
    for (const msg of validateLabelKey(k.toLowerCase())) errs.push(invalid(path, k, msg));
    total += byteLength(k) + byteLength(String(annotations[k] ?? ''));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

/** Labels and annotations of an object's metadata (or a template's, with `path` = `spec.template.metadata`). */
export function validateMetaMaps(meta: { labels?: Record<string, string>; annotations?: Record<string, string> } | undefined, path = 'metadata'): FieldError[] {
  return [...validateLabels(meta?.labels, `${path}.labels`), ...validateAnnotations(meta?.annotations, `${path}.annotations`)];
}

/** metav1 validation.ValidateLabelSelector (strict: selector values must be valid label values). */
export function validateLabelSelector(sel: LabelSelector | null | undefined, path: string): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, `${path}.matchLabels`);
  (sel.matchExpressions ?? []).forEach((expr, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const values = expr.values ?? [];
    if (expr.operator === 'In' || expr.operator === 'NotIn') {
      if (values.length === 0) errs.push(required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (expr.operator === 'Exists' || expr.operator === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push(invalid(`${at}.operator`, expr.operator, 'not a valid selector operator'));
    }
    for (const msg of validateLabelKey(expr.key)) errs.push(invalid(`${at}.key`, expr.key, msg));
    values.forEach((v, j) => {
      for (const msg of validateLabelValue(v)) errs.push(invalid(`${at}.values[${j}]`, v, msg));
    });
  });
  return errs;
}

/** apiequality.Semantic.DeepEqual's view of JSON: an empty list or map equals an absent one. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.length ? v.map(norm) : undefined;
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const n = norm(x);
        if (n !== undefined) out[k] = n;
      }
      return Object.keys(out).length ? out : undefined;
    }
    return v ?? undefined;
  };
  return deepEqual(norm(a), norm(b));
}

function nameFunc(t: ResourceType): ValidateNameFunc | undefined {
  switch (t.nameRule) {
    case 'dns1123Label':
      return nameIsDNSLabel;
    case 'dns1035Label':
      return nameIsDNS1035Label;
    case 'dns1123Subdomain':
      return nameIsDNSSubdomain;
    default:
      return undefined;
  }
}

/**
 * The name and namespace errors the API server reports before the kind's own (see
 * ApiServer.validateMeta); needed only when a kind raises its Invalid status itself.
 */
export function metaNameErrors(t: ResourceType): (obj: KubeObject) => FieldError[] {
  return (obj) => {
    const fn = nameFunc(t);
    const errs = fn ? validateObjectMetaName(obj.metadata.name, undefined, fn) : [];
    const ns = obj.metadata.namespace;
    if (t.namespaced && ns) for (const msg of isDNS1123Label(ns)) errs.push(invalid('metadata.namespace', ns, msg));
    return errs;
  };
}

/**
 * The decoder's own failure: a body the API server cannot turn into the typed object (a quantity
 * that does not parse, a string where an int belongs) is a 400 before any validation runs.
 */
export function cannotHandle(obj: KubeObject, why: string): never {
  const version = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[1] : obj.apiVersion;
  throw badRequest(`${obj.kind} in version "${version ?? ''}" cannot be handled as a ${obj.kind}: ${why}`);
}

/** A plain-object view of a possibly absent JSON object field. */
export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
