/**
 * The Kubernetes API schema at work: strict decoding as the API server does it, `kubectl explain`,
 * and a JSON Schema for the editor. The schema itself is generated at build time from the
 * `kubernetes-types` declarations (scripts/gen-schema.ts -> generated/schema.json).
 *
 * Decoding follows the API server's typed JSON decoder (sigs.k8s.io/json, a fork of Go's
 * encoding/json, in strict mode): unknown fields are collected as `unknown field "spec.replicass"`
 * (paths with list indices), type mismatches read as Go's UnmarshalTypeError (`json: cannot unmarshal
 * string into Go struct field DeploymentSpec.spec.replicas of type int32`, paths without indices),
 * and the custom unmarshalers of Quantity, IntOrString, Time and []byte fail with their own texts.
 * kubectl sends objects with their keys sorted (it round-trips them through Go maps), so fields are
 * visited in sorted order, depth first, as the server meets them.
 */
import schemaJson from './generated/schema.json';

// ---------------------------------------------------------------------------------------------
// The generated file's format (written by scripts/gen-schema.ts).

export type PropType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'object'
  | 'array'
  | 'map'
  | 'ref'
  | 'int-or-string'
  | 'quantity'
  | 'time'
  | 'any';

export interface PropSchema {
  type: PropType;
  /** The definition a `ref` points at; for int-or-string, quantity, time and any: the definition
   *  holding that type's own description (OpenAPI's $ref to e.g. meta/v1.Time). */
  ref?: string;
  items?: PropSchema;
  additionalProperties?: PropSchema;
  description?: string;
  required?: boolean;
  /** int32 | int64 for integers; byte for base64 []byte strings; date-time | micro-time. */
  format?: string;
  /** OpenAPI enum values, for the fields Kubernetes marks +enum (and apiVersion/kind literals). */
  enum?: string[];
  /** The Go type when it is a named type the declarations lose (v1.Protocol, v1.ResourceList). */
  goType?: string;
}

export interface Definition {
  description?: string;
  /** Set for the scalar definitions (meta/v1.Time, api/resource.Quantity, ...). */
  type?: PropType;
  properties?: Record<string, PropSchema>;
}

export interface SchemaFile {
  source: string;
  /** Keyed `core/v1.Pod`, `apps/v1.DeploymentSpec`, `meta/v1.ObjectMeta`, ... */
  definitions: Record<string, Definition>;
  /** `apps/v1/Deployment` -> `apps/v1.Deployment`; the core group is `v1/Pod`. */
  kinds: Record<string, string>;
}

const schema = schemaJson as unknown as SchemaFile;

export function schemaSource(): string {
  return schema.source;
}

/** The definition key of a kind (`apps/v1.Deployment`), or undefined if the API does not serve it. */
export function definitionKeyFor(apiVersion: string, kind: string): string | undefined {
  return schema.kinds[`${apiVersion}/${kind}`];
}

export function getDefinition(key: string): Definition | undefined {
  return schema.definitions[key];
}

/** Every served kind, as [apiVersion, kind] pairs, sorted. */
export function servedKinds(): Array<{ apiVersion: string; kind: string }> {
  return Object.keys(schema.kinds).map((k) => {
    const i = k.lastIndexOf('/');
    return { apiVersion: k.slice(0, i), kind: k.slice(i + 1) };
  });
}

function splitGroupVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** `core/v1.PodSpec` -> `PodSpec` */
function typeName(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

/** The Go package name of a definition: `core/v1.Pod` -> `v1`, `api/resource.Quantity` -> `resource`. */
function goPackage(key: string): string {
  const modulePath = key.slice(0, key.lastIndexOf('.'));
  return modulePath.slice(modulePath.lastIndexOf('/') + 1);
}

// ---------------------------------------------------------------------------------------------
// Strict decoding.

export type SchemaIssueType =
  /** A field the type does not have (a strict decoding error). */
  | 'unknown-field'
  /** A JSON value of the wrong kind for the Go type (json.UnmarshalTypeError and its kin). */
  | 'type-mismatch'
  /** The right JSON kind but a value a custom decoder rejects (quantity, time, base64). */
  | 'invalid-value'
  /** apiVersion/kind that the API server does not serve. */
  | 'unknown-kind'
  /** Not an object with string apiVersion and kind. */
  | 'invalid-object';

export interface SchemaIssue {
  type: SchemaIssueType;
  /** The path as kubectl prints it: `spec.template.spec.containers[0].image` ('' for the root). */
  path: string;
  /** The same path as keys and list indices, for locating the node in an editor. */
  segments: Array<string | number>;
  /** This issue in the API server's words: `unknown field "spec.replicass"`,
   *  `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`. */
  message: string;
  /** The decoder stops at this error (custom unmarshalers): it is the one the server reports. */
  fatal?: boolean;
  /** For type mismatches: the expected type as `kubectl explain` names it (`integer`, `[]Container`). */
  expected?: string;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
/** 2^63: int64 holds [-2^63, 2^63). */
const TWO_63 = 2 ** 63;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go's byte-wise key order (kubectl marshals maps with sorted keys). */
function sortedKeys(obj: Record<string, unknown>): string[] {
  return Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** How encoding/json names a JSON value in UnmarshalTypeError.Value. */
function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

/** The JSON text of a number as the decoder sees it. */
function numberText(n: number): string {
  return JSON.stringify(n) ?? String(n);
}

/** The Go type (pointers stripped) that reflect's Type.String() prints for a property. */
export function goTypeOf(p: PropSchema): string {
  if (p.goType) return p.goType;
  switch (p.type) {
    case 'string':
      return p.format === 'byte' ? '[]uint8' : 'string';
    case 'integer':
      return p.format === 'int64' ? 'int64' : 'int32';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'array':
      return `[]${p.items ? goTypeOf(p.items) : 'interface {}'}`;
    case 'map':
      return `map[string]${p.additionalProperties ? goTypeOf(p.additionalProperties) : 'interface {}'}`;
    case 'int-or-string':
      return 'intstr.IntOrString';
    case 'quantity':
      return 'resource.Quantity';
    case 'ref':
    case 'time':
    case 'any':
      return p.ref ? `${goPackage(p.ref)}.${typeName(p.ref)}` : 'interface {}';
    case 'object':
      return 'map[string]interface {}';
  }
}

interface Walk {
  issues: SchemaIssue[];
}

interface Place {
  /** kubectl path segments. */
  segments: Array<string | number>;
  /** Go's errorContext: the innermost struct and the field names from the root. */
  struct: string;
  fieldStack: string[];
}

export function formatPath(segments: ReadonlyArray<string | number>): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out ? `.${s}` : s;
  }
  return out;
}

function typeMismatch(w: Walk, at: Place, value: unknown, p: PropSchema, valueText?: string): void {
  const field = at.fieldStack.join('.');
  const what = valueText ?? jsonKind(value);
  const message =
    at.struct || field
      ? `json: cannot unmarshal ${what} into Go struct field ${at.struct}.${field} of type ${goTypeOf(p)}`
      : `json: cannot unmarshal ${what} into Go value of type ${goTypeOf(p)}`;
  w.issues.push({
    type: 'type-mismatch',
    path: formatPath(at.segments),
    segments: at.segments,
    message,
    expected: typeGuess(p),
  });
}

function fatal(w: Walk, at: Place, type: SchemaIssueType, message: string, p: PropSchema): void {
  const issue: SchemaIssue = {
    type,
    path: formatPath(at.segments),
    segments: at.segments,
    message,
    fatal: true,
  };
  if (type === 'type-mismatch') issue.expected = typeGuess(p);
  w.issues.push(issue);
}

function walkStruct(w: Walk, obj: Record<string, unknown>, defKey: string, at: Place): void {
  const def = schema.definitions[defKey];
  const props = def?.properties ?? {};
  const struct = typeName(defKey);
  for (const key of sortedKeys(obj)) {
    const segments = [...at.segments, key];
    const prop = Object.prototype.hasOwnProperty.call(props, key) ? props[key] : undefined;
    if (!prop) {
      const path = formatPath(segments);
      w.issues.push({ type: 'unknown-field', path, segments, message: `unknown field "${path}"` });
      continue;
    }
    walkValue(w, obj[key], prop, { segments, struct, fieldStack: [...at.fieldStack, key] });
  }
}

function walkValue(w: Walk, value: unknown, p: PropSchema, at: Place): void {
  // JSON null decodes into anything (zero value or nil) without complaint.
  if (value === null || value === undefined) return;
  switch (p.type) {
    case 'string':
      if (typeof value !== 'string') return typeMismatch(w, at, value, p);
      if (p.format === 'byte') {
        const err = base64Error(value);
        if (err)
          w.issues.push({
            type: 'invalid-value',
            path: formatPath(at.segments),
            segments: at.segments,
            message: err,
          });
      }
      return;
    case 'integer': {
      if (typeof value !== 'number') return typeMismatch(w, at, value, p);
      const fits =
        p.format === 'int64' ? value >= -TWO_63 && value < TWO_63 : value >= INT32_MIN && value <= INT32_MAX;
      if (!Number.isInteger(value) || !fits) typeMismatch(w, at, value, p, `number ${numberText(value)}`);
      return;
    }
    case 'number':
      if (typeof value !== 'number') typeMismatch(w, at, value, p);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') typeMismatch(w, at, value, p);
      return;
    case 'ref':
      if (!isPlainObject(value)) return typeMismatch(w, at, value, p);
      if (p.ref) walkStruct(w, value, p.ref, at);
      return;
    case 'array':
      if (!Array.isArray(value)) return typeMismatch(w, at, value, p);
      if (p.items) {
        const items = p.items;
        value.forEach((el, i) => walkValue(w, el, items, { ...at, segments: [...at.segments, i] }));
      }
      return;
    case 'map':
    case 'object':
      if (!isPlainObject(value)) return typeMismatch(w, at, value, p);
      if (p.additionalProperties) {
        const inner = p.additionalProperties;
        for (const k of sortedKeys(value))
          walkValue(w, value[k], inner, { ...at, segments: [...at.segments, k] });
      }
      return;
    case 'int-or-string':
      // intstr.IntOrString.UnmarshalJSON: a quoted value is the string, anything else an int32.
      if (typeof value === 'string') return;
      if (typeof value === 'number') {
        if (Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) return;
        return fatal(
          w,
          at,
          'type-mismatch',
          `json: cannot unmarshal number ${numberText(value)} into Go value of type int32`,
          p,
        );
      }
      return fatal(
        w,
        at,
        'type-mismatch',
        `json: cannot unmarshal ${jsonKind(value)} into Go value of type int32`,
        p,
      );
    case 'quantity': {
      // resource.Quantity.UnmarshalJSON parses the unquoted JSON text, whatever it is.
      const text =
        typeof value === 'string'
          ? value
          : typeof value === 'number'
            ? numberText(value)
            : JSON.stringify(value);
      const err = quantityError(text.trim());
      if (err) fatal(w, at, 'invalid-value', err, p);
      return;
    }
    case 'time': {
      // metav1.Time / MicroTime: a JSON string parsed with time.RFC3339 / RFC3339Micro.
      if (typeof value !== 'string') {
        return fatal(
          w,
          at,
          'type-mismatch',
          `json: cannot unmarshal ${jsonKind(value)} into Go value of type string`,
          p,
        );
      }
      const err = parseTimeError(value, p.format === 'micro-time' ? RFC3339_MICRO : RFC3339);
      if (err) fatal(w, at, 'invalid-value', err, p);
      return;
    }
    case 'any':
      return;
  }
}

/**
 * Checks a manifest (an object with apiVersion and kind) the way the API server decodes it in
 * strict field validation: every unknown field and every type error, in the order the decoder
 * meets them. An empty list means the object decodes. (Semantic validation, required fields
 * included, is the API server's next step and not done here.)
 */
export function checkObject(obj: unknown): SchemaIssue[] {
  if (!isPlainObject(obj)) {
    return [
      {
        type: 'invalid-object',
        path: '',
        segments: [],
        message: `json: cannot unmarshal ${jsonKind(obj)} into Go value of type map[string]interface {}`,
      },
    ];
  }
  const issues: SchemaIssue[] = [];
  for (const field of ['apiVersion', 'kind'] as const) {
    const v = obj[field];
    if (v === undefined || v === null || v === '') {
      issues.push({ type: 'invalid-object', path: field, segments: [field], message: `${field} not set` });
    } else if (typeof v !== 'string') {
      issues.push({
        type: 'invalid-object',
        path: field,
        segments: [field],
        message: `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonKind(v)} into Go struct field .${field} of type string`,
      });
    }
  }
  if (issues.length) return issues;
  const apiVersion = obj.apiVersion as string;
  const kind = obj.kind as string;
  const defKey = definitionKeyFor(apiVersion, kind);
  if (!defKey) {
    return [
      {
        type: 'unknown-kind',
        path: '',
        segments: [],
        message: `no matches for kind "${kind}" in version "${apiVersion}"`,
      },
    ];
  }
  const w: Walk = { issues };
  walkStruct(w, obj, defKey, { segments: [], struct: '', fieldStack: [] });
  return issues;
}

/**
 * The message the API server answers a create/update of `obj` with, given its issues, e.g.
 * `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass"`.
 * As in the decoder, the first error a custom unmarshaler stops at wins, then the first type error,
 * then all unknown fields together. Undefined when there is nothing to report.
 */
export function decodeErrorMessage(obj: unknown, issues: readonly SchemaIssue[]): string | undefined {
  if (issues.length === 0) return undefined;
  const shape = issues.filter((i) => i.type === 'invalid-object' || i.type === 'unknown-kind');
  if (shape.length) return shape.map((i) => i.message).join(', ');
  const detail =
    issues.find((i) => i.fatal)?.message ??
    issues.find((i) => i.type !== 'unknown-field')?.message ??
    `strict decoding error: ${issues.map((i) => i.message).join(', ')}`;
  const o = isPlainObject(obj) ? obj : {};
  const kind = typeof o.kind === 'string' ? o.kind : '';
  const version = splitGroupVersion(typeof o.apiVersion === 'string' ? o.apiVersion : '').version;
  return `${kind} in version "${version}" cannot be handled as a ${kind}: ${detail}`;
}

// ---------------------------------------------------------------------------------------------
// Go's decoders, as far as their error messages go.

/** base64.StdEncoding.Decode's CorruptInputError, as encoding/json reports it for []byte. */
function base64Error(s: string): string | undefined {
  const src = new TextEncoder().encode(s);
  const isB64 = (c: number) =>
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 43 /* + */ ||
    c === 47; /* / */
  const isNL = (c: number | undefined) => c === 10 || c === 13;
  const PAD = 61; // '='
  const corrupt = (at: number) => `illegal base64 data at input byte ${at}`;
  let si = 0;
  while (si < src.length) {
    // decodeQuantum
    for (let j = 0; j < 4; j++) {
      if (src.length === si) {
        if (j === 0) return undefined;
        return corrupt(si - j); // padded encoding: a short final quantum is corrupt
      }
      const c = src[si]!;
      si++;
      if (isB64(c)) continue;
      if (isNL(c)) {
        j--;
        continue;
      }
      if (c !== PAD) return corrupt(si - 1);
      // Padding: only valid as the 3rd/4th character, and nothing but newlines may follow.
      if (j === 0 || j === 1) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNL(src[si])) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== PAD) return corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNL(src[si])) si++;
      if (si < src.length) return corrupt(si);
      return undefined;
    }
  }
  return undefined;
}

const QUANTITY_FORMAT_WRONG =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY_SUFFIX = "unable to parse quantity's suffix";

/** resource.ParseQuantity's error for `str`, or undefined if it parses. */
function quantityError(str: string): string | undefined {
  if (str.length === 0) return QUANTITY_FORMAT_WRONG;
  if (str === '0') return undefined;
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  // parseQuantityString
  let pos = 0;
  const end = str.length;
  if (str[0] === '-' || str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return undefined;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos >= end) return undefined;
  if (str[pos] === '.') {
    pos++;
    while (pos < end && isDigit(str[pos])) pos++;
    if (pos >= end) return undefined;
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos]!)) pos++;
  if (pos < end) {
    if (str[pos] === '-' || str[pos] === '+') pos++;
    while (pos < end && isDigit(str[pos])) pos++;
    if (pos < end) return QUANTITY_FORMAT_WRONG;
  }
  const suffix = str.slice(suffixStart);
  // quantitySuffixer.interpret
  if (['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'].includes(suffix))
    return undefined;
  if (
    suffix.length > 1 &&
    (suffix[0] === 'e' || suffix[0] === 'E') &&
    /^[+-]?[0-9]+$/.test(suffix.slice(1))
  ) {
    const exp = Number(suffix.slice(1));
    if (exp >= -TWO_63 && exp < TWO_63) return undefined; // strconv.ParseInt(s, 10, 64)
  }
  return QUANTITY_SUFFIX;
}

const RFC3339 = '2006-01-02T15:04:05Z07:00';
const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00';

/** Go's time.quote: ASCII as is (with \" and \\ escaped), everything else as \xNN bytes. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x80 || code < 0x20) {
      for (const b of new TextEncoder().encode(ch)) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}

/**
 * time.Parse(layout, value)'s error for the two layouts metav1 uses, or undefined if it parses.
 * Follows the standard library's chunk-by-chunk parser so that the messages match:
 * `parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"`,
 * `parsing time "2024-13-01T00:00:00Z": month out of range`.
 */
function parseTimeError(value: string, layout: typeof RFC3339 | typeof RFC3339_MICRO): string | undefined {
  const avalue = value;
  const cannot = (valueElem: string, layoutElem: string) =>
    `parsing time ${goQuote(avalue)} as ${goQuote(layout)}: cannot parse ${goQuote(valueElem)} as ${goQuote(layoutElem)}`;
  const range = (what: string) => `parsing time ${goQuote(avalue)}: ${what} out of range`;
  const isDigit = (s: string, i: number) => i < s.length && s[i]! >= '0' && s[i]! <= '9';
  // getnum: one or two digits (exactly two when fixed).
  const getnum = (s: string, fixed: boolean): [number, string] | undefined => {
    if (!isDigit(s, 0)) return undefined;
    if (!isDigit(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
    return [Number(s.slice(0, 2)), s.slice(2)];
  };
  type Chunk = [prefix: string, std: string];
  const chunks: Chunk[] = [
    ['', '2006'],
    ['-', '01'],
    ['-', '02'],
    ['T', '15'],
    [':', '04'],
    [':', '05'],
  ];
  if (layout === RFC3339_MICRO) chunks.push(['', '.000000']);
  chunks.push(['', 'Z07:00']);

  let year = 0;
  let month = 0;
  let day = 0;
  for (let ci = 0; ci < chunks.length; ci++) {
    const [prefix, std] = chunks[ci]!;
    for (const p of prefix) {
      if (value.length === 0 || value[0] !== p) return cannot(value, prefix);
      value = value.slice(1);
    }
    const hold = value;
    let bad = false;
    let rangeErr = '';
    switch (std) {
      case '2006': {
        if (value.length < 4 || !isDigit(value, 0) || !/^[+-]?[0-9]+$/.test(value.slice(0, 4))) bad = true;
        else {
          year = Number(value.slice(0, 4));
          value = value.slice(4);
        }
        break;
      }
      case '01':
      case '02':
      case '15':
      case '04':
      case '05': {
        const r = getnum(value, std !== '15');
        if (!r) {
          bad = true;
          break;
        }
        const [n, rest] = r;
        value = rest;
        if (std === '01') {
          month = n;
          if (n <= 0 || n > 12) rangeErr = 'month';
        } else if (std === '02') day = n;
        else if (std === '15' && n >= 24) rangeErr = 'hour';
        else if (std === '04' && n >= 60) rangeErr = 'minute';
        else if (std === '05') {
          if (n >= 60) rangeErr = 'second';
          // A fractional second the layout does not mention is accepted.
          else if (
            layout === RFC3339 &&
            value.length >= 2 &&
            (value[0] === '.' || value[0] === ',') &&
            isDigit(value, 1)
          ) {
            let n2 = 2;
            while (n2 < value.length && isDigit(value, n2)) n2++;
            value = value.slice(n2);
          }
        }
        break;
      }
      case '.000000': {
        if (
          value.length < 7 ||
          (value[0] !== '.' && value[0] !== ',') ||
          !/^[0-9]{6}$/.test(value.slice(1, 7))
        )
          bad = true;
        else value = value.slice(7);
        break;
      }
      case 'Z07:00': {
        if (value.length >= 1 && value[0] === 'Z') {
          value = value.slice(1);
          break;
        }
        if (value.length < 6 || value[3] !== ':') {
          bad = true;
          break;
        }
        const sign = value[0];
        const hh = getnum(value.slice(1, 3), true);
        const mm = hh ? getnum(value.slice(4, 6), true) : undefined;
        value = value.slice(6);
        if (!hh || !mm) bad = true;
        if ((hh?.[0] ?? 0) > 24) rangeErr = 'time zone offset hour';
        if ((mm?.[0] ?? 0) > 60) rangeErr = 'time zone offset minute';
        if (sign !== '+' && sign !== '-') bad = true;
        break;
      }
    }
    if (rangeErr) return range(rangeErr);
    if (bad) return cannot(hold, std);
  }
  if (value.length > 0) return `parsing time ${goQuote(avalue)}: extra text: ${goQuote(value)}`;
  const daysIn = [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  if (day < 1 || day > daysIn[month - 1]!) return range('day');
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// kubectl explain (the OpenAPI v3 plaintext template of kubectl 1.30).

export interface ExplainField {
  name: string;
  /** The type as explain prints it, without the angle brackets: `string`, `[]Container`. */
  type: string;
  required: boolean;
  enum?: string[];
  description: string;
  /** Nested fields, in recursive mode only. */
  fields?: ExplainField[];
}

export interface ExplainResult {
  group: string;
  kind: string;
  version: string;
  /** The field explained (absent when explaining the resource itself). */
  field?: { name: string; type: string; enum?: string[] };
  /** The DESCRIPTION text before wrapping: the field's own description, then its type's
   *  (each followed by a newline, as the template concatenates them). */
  description: string;
  fields: ExplainField[];
  recursive: boolean;
}

/** explain's type hint (the template's typeGuess). */
export function typeGuess(p: PropSchema): string {
  switch (p.type) {
    case 'array':
      return `[]${p.items ? typeGuess(p.items) : 'Object'}`;
    case 'map':
      return `map[string]${p.additionalProperties ? typeGuess(p.additionalProperties) : 'Object'}`;
    case 'ref':
      return p.ref ? typeName(p.ref) : 'Object';
    case 'time':
      return 'string'; // meta/v1.Time is `type: string, format: date-time`
    case 'quantity':
      return 'Quantity';
    case 'int-or-string':
      return 'IntOrString';
    case 'any':
      return p.ref ? typeName(p.ref) : 'Object';
    case 'object':
      return 'Object';
    default:
      return p.type;
  }
}

/** The description template: a schema's description, then those of what it refers to. */
function describe(p: PropSchema): string {
  let out = p.description ? `${p.description}\n` : '';
  if (p.ref) {
    const d = schema.definitions[p.ref]?.description;
    if (d) out += `${d}\n`;
  }
  if (p.items) out += describe(p.items);
  if (p.additionalProperties) out += describe(p.additionalProperties);
  return out;
}

/** The struct definition a property leads to, through lists and maps (the fieldList template). */
function structOf(p: PropSchema): Definition | undefined {
  if (p.items) return structOf(p.items);
  if (p.additionalProperties) return structOf(p.additionalProperties);
  if (p.type === 'ref' && p.ref) return schema.definitions[p.ref];
  return undefined;
}

function fieldsOf(
  def: Definition | undefined,
  recursive: boolean,
  seen: ReadonlySet<Definition>,
): ExplainField[] {
  if (!def?.properties || seen.has(def)) return [];
  const next = new Set(seen).add(def);
  return Object.keys(def.properties)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => {
      const p = def.properties![name]!;
      const f: ExplainField = {
        name,
        type: typeGuess(p),
        required: !!p.required,
        description: p.description ?? '',
      };
      if (p.enum) f.enum = p.enum;
      if (recursive) f.fields = fieldsOf(structOf(p), true, next);
      return f;
    });
}

/**
 * What `kubectl explain <resource>[.field.path]` shows, for a kind and a field path (which goes
 * through lists and maps as explain's does). Undefined when the kind is not served or the path does
 * not exist; kubectl then says `error: field "<last element of the path>" does not exist`.
 */
export function explain(
  gvk: { apiVersion: string; kind: string },
  fieldPath: readonly string[],
  options: { recursive?: boolean } = {},
): ExplainResult | undefined {
  const key = definitionKeyFor(gvk.apiVersion, gvk.kind);
  const root = key ? schema.definitions[key] : undefined;
  if (!key || !root) return undefined;
  const recursive = !!options.recursive;
  const { group, version } = splitGroupVersion(gvk.apiVersion);
  const base = { group, kind: gvk.kind, version, recursive };
  if (fieldPath.length === 0) {
    const description = root.description ? `${root.description}\n` : '';
    return { ...base, description, fields: fieldsOf(root, recursive, new Set()) };
  }
  let current: Definition | undefined = root;
  let prop: PropSchema | undefined;
  for (const name of fieldPath) {
    prop =
      current?.properties && Object.prototype.hasOwnProperty.call(current.properties, name)
        ? current.properties[name]
        : undefined;
    if (!prop) return undefined;
    current = structOf(prop);
  }
  const p = prop!;
  const name = fieldPath[fieldPath.length - 1]!;
  const field: ExplainResult['field'] = { name, type: typeGuess(p) };
  if (p.enum) field.enum = p.enum;
  return { ...base, field, description: describe(p), fields: fieldsOf(structOf(p), recursive, new Set()) };
}

/** mitchellh/go-wordwrap's WrapString, which kubectl's explain template wraps with. */
export function wrapString(s: string, lim: number): string {
  const isSpace = (c: string) =>
    /^[\t\n\v\f\r \u0085\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
  let buf = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  for (const ch of s) {
    if (ch === '\n') {
      if (wordLen === 0) {
        if (current + spaceLen > lim) current = 0;
        else {
          current += spaceLen;
          buf += space;
        }
        space = '';
        spaceLen = 0;
      } else {
        current += spaceLen + wordLen;
        buf += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      buf += ch;
      current = 0;
    } else if (isSpace(ch)) {
      if (spaceLen === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        buf += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        buf += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= lim) buf += space;
  } else {
    buf += space + word;
  }
  return buf;
}

/** The template's indent: pads the first line and every line after a newline (blank ones too). */
function indent(n: number, s: string): string {
  const pad = ' '.repeat(n);
  return pad + s.split('\n').join(`\n${pad}`);
}

function enumLong(values: readonly string[]): string {
  return 'ENUM:' + values.map((v) => `\n    ${v === '' ? '""' : v}`).join('');
}

function enumShort(values: readonly string[], indentAmount: number): string {
  const shown = values.slice(0, 4).map((v) => (v === '' ? '""' : v));
  return `\n${' '.repeat(indentAmount)}enum: ${shown.join(', ')}${values.length > 4 ? ', ....' : ''}`;
}

function renderFields(fields: readonly ExplainField[], level: number, recursive: boolean): string {
  const indentAmount = level * 2;
  let out = '';
  for (const f of fields) {
    out += `${indent(indentAmount, f.name)}\t<${f.type}>`;
    if (f.required) out += ' -required-';
    if (f.enum) out += enumShort(f.enum, indentAmount);
    out += '\n';
    if (recursive) {
      out += renderFields(f.fields ?? [], level + 1, true);
    } else {
      out += `${indent(indentAmount + 2, wrapString(f.description || '<no description>', 78 - indentAmount))}\n\n`;
    }
  }
  return out;
}

/** The text `kubectl explain` prints for a result, byte for byte (tabs and trailing blanks included). */
export function renderExplain(r: ExplainResult): string {
  let out = '';
  if (r.group) out += `GROUP:      ${r.group}\n`;
  out += `KIND:       ${r.kind}\n`;
  out += `VERSION:    ${r.version}\n`;
  out += '\n';
  if (r.field) {
    out += `FIELD: ${r.field.name} <${r.field.type}>\n`;
    if (r.field.enum) out += enumLong(r.field.enum);
    out += '\n\n';
  }
  out += 'DESCRIPTION:\n';
  out += `${indent(4, wrapString(r.description || '<empty>', 76))}\n`;
  if (r.fields.length) {
    out += 'FIELDS:\n';
    out += renderFields(r.fields, 1, r.recursive);
  }
  return out + '\n';
}

// ---------------------------------------------------------------------------------------------
// JSON Schema for the editor.

export interface JsonSchema {
  [keyword: string]: unknown;
}

/** OpenAPI names: core/v1.Pod -> io.k8s.api.core.v1.Pod, meta/v1.ObjectMeta -> io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta. */
export function openAPIName(key: string): string {
  const i = key.lastIndexOf('.');
  const modulePath = key.slice(0, i);
  const name = key.slice(i + 1);
  const dotted = modulePath.replace(/\//g, '.');
  switch (modulePath) {
    case 'meta/v1':
      return `io.k8s.apimachinery.pkg.apis.meta.v1.${name}`;
    case 'api/resource':
    case 'util/intstr':
    case 'runtime':
      return `io.k8s.apimachinery.pkg.${dotted}.${name}`;
    default:
      return `io.k8s.api.${dotted}.${name}`;
  }
}

const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

function propJsonSchema(p: PropSchema, need: (key: string) => void): JsonSchema {
  const out: JsonSchema = {};
  if (p.description) out.description = p.description;
  switch (p.type) {
    case 'string':
      out.type = 'string';
      if (p.format) out.format = p.format;
      break;
    case 'integer':
      out.type = 'integer';
      out.format = p.format ?? 'int32';
      break;
    case 'number':
    case 'boolean':
      out.type = p.type;
      break;
    case 'ref':
      if (p.ref) {
        need(p.ref);
        out.$ref = `#/definitions/${openAPIName(p.ref)}`;
      }
      break;
    case 'array':
      out.type = 'array';
      if (p.items) out.items = propJsonSchema(p.items, need);
      break;
    case 'map':
    case 'object':
      out.type = 'object';
      if (p.additionalProperties) out.additionalProperties = propJsonSchema(p.additionalProperties, need);
      break;
    case 'int-or-string':
      out.anyOf = [{ type: 'integer' }, { type: 'string' }];
      out['x-kubernetes-int-or-string'] = true;
      break;
    case 'quantity':
      out.anyOf = [{ type: 'number' }, { type: 'string', pattern: QUANTITY_PATTERN }];
      out['x-kubernetes-int-or-string'] = true;
      break;
    case 'time':
      out.type = 'string';
      out.format = 'date-time';
      break;
    case 'any':
      out['x-kubernetes-preserve-unknown-fields'] = true;
      break;
  }
  if (p.enum) out.enum = p.enum;
  return out;
}

function definitionJsonSchema(def: Definition, need: (key: string) => void): JsonSchema {
  const out: JsonSchema = {};
  if (def.description) out.description = def.description;
  const props = def.properties ?? {};
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const name of Object.keys(props)) {
    const p = props[name]!;
    properties[name] = propJsonSchema(p, need);
    if (p.required) required.push(name);
  }
  out.type = 'object';
  out.properties = properties;
  if (required.length) out.required = required;
  out.additionalProperties = false;
  return out;
}

/**
 * A draft-07 JSON Schema for one kind (definitions named as in Kubernetes' OpenAPI document), for
 * the YAML editor's completion, hover and validation. Structs reject unknown fields, as strict
 * field validation does. Undefined for kinds the API does not serve.
 */
export function jsonSchemaFor(apiVersion: string, kind: string): JsonSchema | undefined {
  const key = definitionKeyFor(apiVersion, kind);
  if (!key) return undefined;
  const definitions: Record<string, JsonSchema> = {};
  const queue = [key];
  const need = (k: string) => {
    if (!queue.includes(k)) queue.push(k);
  };
  for (let i = 0; i < queue.length; i++) {
    const k = queue[i]!;
    const def = schema.definitions[k];
    if (def) definitions[openAPIName(k)] = definitionJsonSchema(def, need);
  }
  // The root's apiVersion and kind admit one value each (the editor completes them).
  const rootName = openAPIName(key);
  const rootProps = definitions[rootName]?.properties as Record<string, JsonSchema> | undefined;
  if (rootProps?.apiVersion) rootProps.apiVersion = { ...rootProps.apiVersion, enum: [apiVersion] };
  if (rootProps?.kind) rootProps.kind = { ...rootProps.kind, enum: [kind] };
  const { group, version } = splitGroupVersion(apiVersion);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $ref: `#/definitions/${openAPIName(key)}`,
    'x-kubernetes-group-version-kind': [{ group, version, kind }],
    definitions,
  };
}
