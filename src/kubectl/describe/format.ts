import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { humanDuration } from '../../engine/apimachinery/duration';
import { parseQuantity } from '../../engine/apimachinery/quantity';
import { byteLength } from '../../engine/apimachinery/validation';
import { parseTime } from '../../engine/clock';
import { goSort } from './gosort';
import type { PrefixWriter } from './writer';
import { LEVEL_0 } from './writer';

/**
 * The small formatting helpers describe.go shares between describers: multi-line label and
 * annotation blocks, tolerations and taints, times (RFC1123Z and HumanDuration ages), and Go's
 * default value formatting.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** time.RFC1123Z in UTC: `Mon, 05 Jan 2026 09:00:00 +0000`. */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

/** A metav1.Time field formatted as describe does; an unset time is Go's zero time. */
export function formatTime(ts: string | null | undefined): string {
  const ms = parseTime(ts ?? undefined);
  return ms === undefined ? 'Mon, 01 Jan 0001 00:00:00 +0000' : rfc1123z(ms);
}

/** translateTimestampSince: HumanDuration of the time since `ts`, `<unknown>` when unset. */
export function since(ts: string | null | undefined, now: number): string {
  const ms = parseTime(ts ?? undefined);
  if (ms === undefined) return '<unknown>';
  return humanDuration(now - ms);
}

export function stringOrNone(s: string | undefined): string {
  return s && s.length > 0 ? s : '<none>';
}

export function printBool(v: boolean | undefined): string {
  return v ? 'True' : 'False';
}

/** Go's `%v` of a *bool: `<nil>` when unset. */
export function boolPtr(v: boolean | undefined | null): string {
  return v === undefined || v === null ? '<nil>' : String(v);
}

/** resource.Quantity.String(): the canonical form of what the object holds. */
export function quantity(v: string | number | undefined): string {
  if (v === undefined) return '0';
  try {
    return parseQuantity(String(v)).toString();
  } catch {
    return String(v);
  }
}

/** Keys in Go's sort.Strings order (byte order; the same as code-unit order for ASCII keys). */
export function sortedKeys(m: Readonly<Record<string, unknown>> | undefined | null): string[] {
  return Object.keys(m ?? {}).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** printController: `ReplicaSet/web-7c5ddbdf54` for the controlling owner. */
export function printController(meta: { ownerReferences?: readonly OwnerReference[] } | undefined): string {
  const ref = meta?.ownerReferences?.find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** printLabelsMultilineWithIndent: first entry after the title, the rest under it in the same column. */
export function printLabelsMultilineWithIndent(
  w: PrefixWriter,
  initialIndent: string,
  title: string,
  innerIndent: string,
  labels: Readonly<Record<string, string>> | undefined | null,
  skip: ReadonlySet<string> = new Set(),
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortedKeys(labels).filter((k) => !skip.has(k));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${key}=${labels?.[key] ?? ''}\n`);
  });
}

export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Readonly<Record<string, string>> | undefined | null,
): void {
  printLabelsMultilineWithIndent(w, '', title, '\t', labels);
}

const MAX_ANNOTATION_LEN = 140;
/** The client-side apply annotation is noise in describe output: kubectl always hides it. */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

function shorten(s: string, maxLength: number): string {
  const bytes = new TextEncoder().encode(s);
  if (bytes.length <= maxLength) return s;
  return new TextDecoder().decode(bytes.slice(0, maxLength)) + '...';
}

/** printAnnotationsMultiline: long or multi-line values go on their own lines, cut at 140 bytes. */
export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Readonly<Record<string, string>> | undefined | null,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortedKeys(annotations).filter((k) => !SKIP_ANNOTATIONS.has(k));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    let value = annotations?.[key] ?? '';
    if (value.endsWith('\n')) value = value.slice(0, -1);
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n'))
        w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** printTolerationsMultilineWithIndent: `key=value:Effect op=Exists for 300s`, sorted by key. */
export function printTolerationsMultilineWithIndent(
  w: PrefixWriter,
  initialIndent: string,
  title: string,
  innerIndent: string,
  tolerations: readonly Toleration[] | undefined,
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations || tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = goSort([...tolerations], (a, b) => (a.key ?? '') < (b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    // An empty key with operator Exists tolerates everything.
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
      s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

export function printPodTolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: readonly Toleration[] | undefined,
): void {
  printTolerationsMultilineWithIndent(w, '', title, '\t', tolerations);
}

/** Taint.ToString(). */
export function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** printNodeTaintsMultiline: taints sorted by effect, then key. */
export function printNodeTaintsMultiline(
  w: PrefixWriter,
  title: string,
  taints: readonly Taint[] | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints || taints.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const key = (t: Taint) => `${t.effect ?? ''},${t.key}`;
  const sorted = goSort([...taints], (a, b) => key(a) < key(b));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

/** Go's `%v` of a decoded JSON value (the generic describer prints unstructured content with it). */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  return `map[${sortedKeys(v as Record<string, unknown>)
    .map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`)
    .join(' ')}]`;
}
