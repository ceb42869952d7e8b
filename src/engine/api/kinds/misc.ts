import type { FieldError } from '../../apimachinery/validation';
import { byteLength, forbidden, invalid, regexError, required, tooLong } from '../../apimachinery/validation';
import type { ResourceType } from '../resources';
import { ALL_VERBS } from '../resources';
import type { KubeObject } from '../types';
import { deepEqual } from '../types';
import { asRecord, cannotHandle, validateMetaMaps } from './meta';

type EventLike = KubeObject & { involvedObject?: Record<string, string | undefined>; reason?: string; type?: string; source?: { component?: string; host?: string }; reportingComponent?: string };

/**
 * Events, ConfigMaps, Secrets, ServiceAccounts and Leases: the small kinds. Their rules come from
 * k/k pkg/apis/core/validation (ValidateConfigMap, ValidateSecret, legacyValidateEvent) and the v1
 * conversion of Secret.stringData.
 */
const MAX_SECRET_SIZE = 1024 * 1024;
const IMMUTABLE_MSG = 'field is immutable when `immutable` is set';

function plain(kind: string, plural: string, shortNames: string[], strategy: ResourceType['strategy'], extra: Partial<ResourceType> = {}): ResourceType {
  return {
    kind,
    group: '',
    version: 'v1',
    plural,
    singular: kind.toLowerCase(),
    shortNames,
    namespaced: true,
    categories: [],
    statusSubresource: false,
    tracksGeneration: false,
    nameRule: 'dns1123Subdomain',
    verbs: ALL_VERBS,
    strategy,
    ...extra,
  };
}

/** validation.IsConfigMapKey: the keys of ConfigMap and Secret data become file names. */
export function isConfigMapKey(key: string): string[] {
  const errs: string[] = [];
  if (byteLength(key) > 253) errs.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
  }
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

function keyErrors(bag: Record<string, unknown> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(bag ?? {}).sort()) for (const m of isConfigMapKey(k)) errs.push(invalid(`${path}[${k}]`, k, m));
  return errs;
}

/** The immutable-ConfigMap/Secret rule shared by both update validations. */
function immutableErrors(obj: KubeObject, old: KubeObject, bags: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(forbidden('immutable', IMMUTABLE_MSG));
  for (const b of bags) if (!deepEqual(obj[b] ?? {}, old[b] ?? {})) errs.push(forbidden(b, IMMUTABLE_MSG));
  return errs;
}

export const eventType: ResourceType = plain(
  'Event',
  'events',
  ['ev'],
  {
    /** legacyValidateEvent: an event lives in its object's namespace (cluster-scoped objects: default). */
    validate(obj) {
      const ev = obj as EventLike;
      const errs = validateMetaMaps(obj.metadata);
      const ns = obj.metadata.namespace ?? '';
      const involved = ev.involvedObject?.namespace ?? '';
      if (!obj.eventTime) {
        if (involved === '' ? ns !== '' && ns !== 'default' : ns !== involved) {
          errs.push(invalid('involvedObject.namespace', involved, 'does not match event.namespace'));
        }
      } else if (involved === '' && ns !== 'default' && ns !== 'kube-system') {
        errs.push(invalid('involvedObject.namespace', involved, 'does not match event.namespace'));
      }
      return errs;
    },
  },
  {
    fieldSelectors: {
      'involvedObject.kind': (o) => (o as EventLike).involvedObject?.kind ?? '',
      'involvedObject.namespace': (o) => (o as EventLike).involvedObject?.namespace ?? '',
      'involvedObject.name': (o) => (o as EventLike).involvedObject?.name ?? '',
      'involvedObject.uid': (o) => (o as EventLike).involvedObject?.uid ?? '',
      'involvedObject.apiVersion': (o) => (o as EventLike).involvedObject?.apiVersion ?? '',
      'involvedObject.resourceVersion': (o) => (o as EventLike).involvedObject?.resourceVersion ?? '',
      'involvedObject.fieldPath': (o) => (o as EventLike).involvedObject?.fieldPath ?? '',
      reason: (o) => (o as EventLike).reason ?? '',
      reportingComponent: (o) => (o as EventLike).reportingComponent ?? '',
      source: (o) => (o as EventLike).source?.component ?? '',
      type: (o) => (o as EventLike).type ?? '',
    },
  },
);

function validateConfigMap(obj: KubeObject): FieldError[] {
  const data = asRecord(obj.data);
  const binary = asRecord(obj.binaryData);
  const errs = [...validateMetaMaps(obj.metadata), ...keyErrors(data, 'data')];
  let total = 0;
  for (const k of Object.keys(data ?? {}).sort()) {
    if (binary && k in binary) errs.push(invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    total += byteLength(String(data?.[k] ?? ''));
  }
  errs.push(...keyErrors(binary, 'binaryData'));
  for (const v of Object.values(binary ?? {})) total += Math.floor((String(v).length * 3) / 4);
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('', '', MAX_SECRET_SIZE));
  return errs;
}

export const configMapType: ResourceType = plain('ConfigMap', 'configmaps', ['cm'], {
  validate: validateConfigMap,
  validateUpdate: (obj, old) => immutableErrors(obj, old, ['data', 'binaryData']),
});

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** encoding/base64 StdEncoding.DecodeString's error: the offset of the first byte it rejects. */
function base64Error(s: string): string | undefined {
  if (BASE64.test(s) && s.length % 4 === 0 && !/=[^=]/.test(s)) return undefined;
  const bad = [...s].findIndex((ch) => !/[A-Za-z0-9+/=]/.test(ch));
  const at = bad >= 0 ? bad : s.length - (s.length % 4 || 4);
  return `illegal base64 data at input byte ${at}`;
}

/** base64 of a string's UTF-8 bytes (what the v1 conversion does with stringData). */
export function base64Encode(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

const SECRET_REQUIRED: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

function validateSecret(obj: KubeObject): FieldError[] {
  const data = asRecord(obj.data);
  const errs = [...validateMetaMaps(obj.metadata), ...keyErrors(data, 'data')];
  let total = 0;
  for (const v of Object.values(data ?? {})) total += Math.floor((String(v).length * 3) / 4);
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('data', '', MAX_SECRET_SIZE));
  const type = String(obj.type ?? '');
  if (type === 'kubernetes.io/service-account-token' && !obj.metadata.annotations?.['kubernetes.io/service-account.name']) {
    errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
  } else if (type === 'kubernetes.io/basic-auth') {
    if (!data || !('username' in data || 'password' in data)) errs.push(required('data[username]'), required('data[password]'));
  } else {
    for (const key of SECRET_REQUIRED[type] ?? []) if (!data || !(key in data)) errs.push(required(`data[${key}]`));
  }
  return errs;
}

export const secretType: ResourceType = plain(
  'Secret',
  'secrets',
  [],
  {
    /** SetDefaults_Secret (type Opaque) and the decoder: data must be base64, stringData is merged in. */
    defaults(obj) {
      if (!obj.type) obj.type = 'Opaque';
      const data = asRecord(obj.data);
      for (const v of Object.values(data ?? {})) {
        const err = base64Error(String(v));
        if (err) cannotHandle(obj, err);
      }
      const stringData = asRecord(obj.stringData);
      if (stringData) {
        const merged: Record<string, unknown> = { ...(data ?? {}) };
        for (const [k, v] of Object.entries(stringData)) merged[k] = base64Encode(String(v));
        obj.data = merged;
        delete obj.stringData;
      }
    },
    validate: validateSecret,
    validateUpdate(obj, old) {
      const errs: FieldError[] = [];
      if (obj.type !== old.type) errs.push(invalid('type', obj.type, 'field is immutable'));
      return [...errs, ...immutableErrors(obj, old, ['data'])];
    },
  },
  { fieldSelectors: { type: (o) => String((o as { type?: string }).type ?? '') } },
);

export const serviceAccountType: ResourceType = plain('ServiceAccount', 'serviceaccounts', ['sa'], {
  validate: (obj) => validateMetaMaps(obj.metadata),
});

export const leaseType: ResourceType = {
  ...plain('Lease', 'leases', [], { validate: (obj) => validateMetaMaps(obj.metadata) }),
  group: 'coordination.k8s.io',
};
