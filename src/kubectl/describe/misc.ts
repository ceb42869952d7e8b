import type {
  ConfigMap,
  LimitRange,
  Namespace,
  ResourceQuota,
  Secret,
  ServiceAccount,
} from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../engine/api/apiserver';
import type { KubeObject } from '../../engine/api/types';
import { describeEvents, refOf, searchEvents } from './events';
import {
  formatTime,
  goValue,
  printAnnotationsMultiline,
  printLabelsMultiline,
  quantity,
  sortedKeys,
} from './format';
import type { DescribeSettings } from './pod';
import type { PrefixWriter } from './writer';
import { LEVEL_0, LEVEL_1, tabbedString } from './writer';

/**
 * The describers of the small kinds: Namespace, ConfigMap, Secret, ServiceAccount, and the generic
 * describer kubectl falls back to for every kind without its own (Event, Lease and the rest), which
 * walks the object's fields and labels them in words (`leaseDurationSeconds` -> `Lease Duration Seconds`).
 */

type Obj = { kind?: string; metadata: { name: string; namespace?: string; uid?: string } };

/** Bytes a base64 string decodes to (Secret data, ConfigMap binaryData). */
function decodedLength(b64: string): number {
  const s = b64.replace(/\s/g, '');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.floor((s.length * 3) / 4) - pad;
}

function decodeBase64(b64: string): string {
  const bin = atob(b64.replace(/\s/g, ''));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

export function describeNamespace(api: ApiServer, _namespace: string, name: string): string {
  const ns = api.get<Namespace & Obj>('Namespace', undefined, name);
  // A server without the quota kinds would leave the sections out; a real one always serves them.
  const quotas = api.registry.byKindName('ResourceQuota')
    ? api.list<ResourceQuota & Obj>('ResourceQuota', name).items
    : [];
  const limitRanges = api.registry.byKindName('LimitRange')
    ? api.list<LimitRange & Obj>('LimitRange', name).items
    : [];
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    const conditions = ns.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conditions)
        w.write(
          LEVEL_1,
          `${c.type}\t${c.status}\t${formatTime(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`,
        );
    }
    w.write(LEVEL_0, '\n');
    describeResourceQuotas(quotas, w);
    w.write(LEVEL_0, '\n');
    describeLimitRanges(limitRanges, w);
  });
}

function describeResourceQuotas(quotas: ReadonlyArray<ResourceQuota & Obj>, w: PrefixWriter): void {
  if (quotas.length === 0) {
    w.write(LEVEL_0, 'No resource quota.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const q of [...quotas].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
    w.write(LEVEL_1, `Name:\t${q.metadata.name}\n`);
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    for (const r of sortedKeys(q.status?.hard))
      w.write(LEVEL_1, `${r}\t${quantity(q.status?.used?.[r])}\t${quantity(q.status?.hard?.[r])}\n`);
  }
}

function describeLimitRanges(ranges: ReadonlyArray<LimitRange & Obj>, w: PrefixWriter): void {
  if (ranges.length === 0) {
    w.write(LEVEL_0, 'No LimitRange resource.\n');
    return;
  }
  w.write(
    LEVEL_0,
    'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n',
  );
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of ranges) {
    for (const item of lr.spec?.limits ?? []) {
      const bags = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio];
      const names = new Set(bags.flatMap((b) => Object.keys(b ?? {})));
      for (const k of names) {
        const cell = (b: Record<string, unknown> | undefined) =>
          b && k in b ? quantity(b[k] as string) : '-';
        w.write(
          LEVEL_0,
          ` ${item.type}\t${k}\t${bags.map((b) => cell(b as Record<string, unknown> | undefined)).join('\t')}\n`,
        );
      }
    }
  }
}

export function describeConfigMap(
  api: ApiServer,
  namespace: string,
  name: string,
  settings: DescribeSettings,
  now: number,
): string {
  const cm = api.get<ConfigMap & Obj>('ConfigMap', namespace, name);
  const events = settings.showEvents ? searchEvents(api, refOf(cm)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', cm.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
    // Go ranges over the map in random order; sorted keys are one of its orders, and stable.
    w.write(LEVEL_0, '\nData\n====\n');
    for (const k of sortedKeys(cm.data)) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${cm.data?.[k] ?? ''}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    for (const k of sortedKeys(cm.binaryData))
      w.write(LEVEL_0, `${k}: ${decodedLength(cm.binaryData?.[k] ?? '')} bytes\n`);
    w.write(LEVEL_0, '\n');
    if (events) describeEvents(events, w, now);
  });
}

export function describeSecret(api: ApiServer, namespace: string, name: string): string {
  const secret = api.get<Secret & Obj>('Secret', namespace, name);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${secret.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', secret.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations);
    w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const k of sortedKeys(secret.data)) {
      const v = secret.data?.[k] ?? '';
      // A service account token is not a secret from its reader: kubectl shows it.
      if (k === 'token' && secret.type === 'kubernetes.io/service-account-token')
        w.write(LEVEL_0, `${k}:\t${decodeBase64(v)}\n`);
      else w.write(LEVEL_0, `${k}:\t${decodedLength(v)} bytes\n`);
    }
  });
}

export function describeServiceAccount(
  api: ApiServer,
  namespace: string,
  name: string,
  settings: DescribeSettings,
  now: number,
): string {
  const sa = api.get<ServiceAccount & Obj>('ServiceAccount', namespace, name);
  const secrets = api.list<Secret & Obj>('Secret', namespace).items;
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const tokens = secrets.filter(
    (s) =>
      s.type === 'kubernetes.io/service-account-token' &&
      s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name &&
      s.metadata.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata.uid,
  );
  const missing = new Set(
    [...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])]
      .map((s) => s.name ?? '')
      .filter((n) => !existing.has(n)),
  );
  const events = settings.showEvents ? searchEvents(api, refOf(sa)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${sa.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', sa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
    const groups: Array<[string, string[]]> = [
      ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
      ['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? '')],
      ['Tokens:            ', tokens.map((s) => s.metadata.name)],
    ];
    for (const [header, names] of groups) {
      if (names.length === 0) {
        w.write(LEVEL_0, `${header}\t<none>\n`);
        continue;
      }
      let prefix = header;
      for (const n of names) {
        w.write(LEVEL_0, `${prefix}\t${n}${missing.has(n) ? ' (not found)' : ''}\n`);
        prefix = '                   ';
      }
    }
    if (events) describeEvents(events, w, now);
  });
}

/** fatih/camelcase.Split: runs of lower, upper, digit and other runes; `PDFLoader` -> `PDF`, `Loader`. */
function camelSplit(src: string): string[] {
  const classOf = (r: string) => (/\p{Ll}/u.test(r) ? 1 : /\p{Lu}/u.test(r) ? 2 : /\p{Nd}/u.test(r) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const r of src) {
    const c = classOf(r);
    if (c === last) runs[runs.length - 1]!.push(r);
    else runs.push([r]);
    last = c;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (classOf(runs[i]![0]!) === 2 && classOf(runs[i + 1]![0]!) === 1) runs[i + 1]!.unshift(runs[i]!.pop()!);
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** smartLabelFor: `apiVersion` -> `API Version`; names with digits or symbols stay as they are. */
export function smartLabelFor(field: string): string {
  if ([...field].some((r) => !/\p{L}/u.test(r) && r !== '-')) return field;
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

const GENERIC_SKIP = new Set([
  '.metadata.managedFields',
  '.metadata.name',
  '.metadata.namespace',
  '.metadata.labels',
  '.metadata.annotations',
]);

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function printUnstructuredContent(
  w: PrefixWriter,
  level: number,
  content: Record<string, unknown>,
  skipPrefix: string,
): void {
  for (const field of sortedKeys(content)) {
    const value = content[field];
    if (value === undefined) continue;
    const path = `${skipPrefix}.${field}`;
    if (GENERIC_SKIP.has(path)) continue;
    if (isMap(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isMap(child)) printUnstructuredContent(w, level + 1, child, path);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

/** genericDescriber: any kind, from its fields; events by the object's reference. */
export function describeGeneric(
  api: ApiServer,
  kind: string,
  namespace: string,
  name: string,
  settings: DescribeSettings,
  now: number,
): string {
  const obj = api.get<KubeObject>(kind, namespace, name);
  const events = settings.showEvents ? searchEvents(api, refOf(obj)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    printUnstructuredContent(w, LEVEL_0, obj as unknown as Record<string, unknown>, '');
    if (events) describeEvents(events, w, now);
  });
}
