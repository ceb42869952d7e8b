/**
 * Name validation and field errors, ported from apimachinery `pkg/util/validation` (the `content`
 * package on current heads), `pkg/util/validation/field/errors.go` and `pkg/api/validation`.
 *
 * Every message here is copied byte for byte from the Go source, quirks included: learners paste
 * these strings into search engines, so "almost the same wording" is not good enough.
 */

// ---------------------------------------------------------------------------------------------
// Go formatting helpers. Messages quote values the way Go's fmt does, so we need its %q and %v.
// ---------------------------------------------------------------------------------------------

const utf8 = new TextEncoder();

/** Go's `len(s)`: the UTF-8 byte length. Kubernetes limits count bytes, not UTF-16 units. */
export function byteLength(s: string): number {
  // Names are almost always ASCII, where bytes and UTF-16 units agree: skip the encoder then.
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return utf8.encode(s).length;
  return s.length;
}

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's `strconv.Quote` (what `%q` prints for a string). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (cp >= 0xd800 && cp <= 0xdfff)
      out += '\\ufffd'; // a lone surrogate is invalid UTF-8 in Go
    else if (PRINTABLE.test(ch)) out += ch;
    else if (cp === 7) out += '\\a';
    else if (cp === 8) out += '\\b';
    else if (cp === 12) out += '\\f';
    else if (cp === 10) out += '\\n';
    else if (cp === 13) out += '\\r';
    else if (cp === 9) out += '\\t';
    else if (cp === 11) out += '\\v';
    else if (cp < 0x80) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/**
 * Go's `%v` for a number. JS cannot tell int64 from float64, so integral values print as the
 * int64 they almost always are (replicas, ports, seconds); others print like Go's shortest `%g`,
 * which switches to exponent form below 1e-4 and from 1e6 up, with a two-digit exponent.
 */
export function goNumber(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return Object.is(n, -0) ? '0' : String(n);
  const [mant = '0', exp = '0'] = n.toExponential().split('e');
  const e = Number(exp);
  if (e >= -4 && e < 6) return String(n);
  return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Generic messages (validation.go)
// ---------------------------------------------------------------------------------------------

export function emptyError(): string {
  return 'must be non-empty';
}

export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/**
 * RegexError. Each example is followed by ", " and the next one is preceded by " or ", which is
 * where the famous double space in "'my-name',  or '123-abc'" comes from.
 */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = msg + ' (e.g. ';
  examples.forEach((ex, i) => {
    if (i > 0) out += ' or ';
    out += `'${ex}', `;
  });
  return out + `regex used for validation is '${fmt}')`;
}

// ---------------------------------------------------------------------------------------------
// DNS names
// ---------------------------------------------------------------------------------------------

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123LabelErrMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
export const DNS1123_LABEL_MAX_LENGTH = 63;
const dns1123LabelRegexp = new RegExp(`^${dns1123LabelFmt}$`);

const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1123SubdomainErrorMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
const dns1123SubdomainRegexp = new RegExp(`^${dns1123SubdomainFmt}$`);

const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const dns1035LabelErrMsg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
export const DNS1035_LABEL_MAX_LENGTH = 63;
const dns1035LabelRegexp = new RegExp(`^${dns1035LabelFmt}$`);

/** IsDNS1123Label: Namespace names (and many other "label" names). Empty list means valid. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123LabelRegexp.test(value)) {
    // A valid subdomain that is not a valid label can only be failing because of its dots
    // (length was already checked above), so say exactly that.
    if (dns1123SubdomainRegexp.test(value)) errs.push('must not contain dots');
    else errs.push(regexError(dns1123LabelErrMsg, dns1123LabelFmt, 'my-name', '123-abc'));
  }
  return errs;
}

/** IsDNS1123Subdomain: Pod, Deployment, ConfigMap... names. Empty list means valid. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123SubdomainRegexp.test(value))
    errs.push(regexError(dns1123SubdomainErrorMsg, dns1123SubdomainFmt, 'example.com'));
  return errs;
}

/** IsDNS1035Label: Service names (they become DNS labels that must not start with a digit). */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!dns1035LabelRegexp.test(value))
    errs.push(regexError(dns1035LabelErrMsg, dns1035LabelFmt, 'my-name', 'abc-123'));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Field errors (field/errors.go)
// ---------------------------------------------------------------------------------------------

export type FieldErrorType =
  | 'FieldValueInvalid'
  | 'FieldValueRequired'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueDuplicate'
  | 'FieldValueNotFound';

/** field.Error: one problem with one field of an object, as the API server reports it. */
export interface FieldError {
  type: FieldErrorType;
  /** The field path, e.g. `metadata.name` or `spec.template.spec.containers[0].image`. */
  field: string;
  badValue?: unknown;
  detail: string;
}

/** ErrorType.String(): the words that appear in the message. */
const TYPE_WORDS: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
};

export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, badValue: value, detail };
}

export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, badValue: '', detail };
}

/** NotSupported: the detail lists the allowed values, each %q-quoted. */
export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const detail =
    supported.length > 0 ? 'supported values: ' + supported.map((v) => goQuote(v)).join(', ') : '';
  return { type: 'FieldValueNotSupported', field, badValue: value, detail };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, badValue: '', detail };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, badValue: value, detail: '' };
}

export function notFound(field: string, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field, badValue: value, detail: '' };
}

/** TooLong never echoes the value (it may be huge); the detail states the byte limit. */
export function tooLong(field: string, _value: unknown, maxLength: number): FieldError {
  const detail =
    maxLength >= 0
      ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}`
      : 'value is too long';
  return { type: 'FieldValueTooLong', field, badValue: '<value omitted>', detail };
}

/** How ErrorBody prints a bad value: simple types with %v, strings with %q, the rest as JSON. */
function formatBadValue(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined) return 'null';
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return String(value);
  }
}

/** field.Error.ErrorBody(): the message without the leading field path. */
export function fieldErrorBody(e: FieldError): string {
  let s = TYPE_WORDS[e.type];
  // Required, Forbidden and TooLong never show the value: there is none, or it is not useful.
  if (e.type !== 'FieldValueRequired' && e.type !== 'FieldValueForbidden' && e.type !== 'FieldValueTooLong') {
    s += ': ' + formatBadValue(e.badValue);
  }
  if (e.detail.length !== 0) s += ': ' + e.detail;
  return s;
}

/** field.Error.Error(): `<field>: <Type>: <value>: <detail>`. */
export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/**
 * ErrorList.ToAggregate().Error(): one message is printed bare, several are bracketed and
 * comma-separated. Identical messages are reported once, as the aggregate de-duplicates them.
 */
export function aggregateMessage(errs: readonly (FieldError | string)[]): string {
  const seen = new Set<string>();
  for (const e of errs) seen.add(typeof e === 'string' ? e : fieldErrorString(e));
  const msgs = [...seen];
  if (msgs.length === 0) return '';
  if (msgs.length === 1) return msgs[0] ?? '';
  return '[' + msgs.join(', ') + ']';
}

// ---------------------------------------------------------------------------------------------
// Object names (pkg/api/validation/generic.go, objectmeta.go)
// ---------------------------------------------------------------------------------------------

/**
 * ValidateNameFunc: `prefix` is true when validating a generateName, which will get a random
 * suffix appended, so a trailing dash is allowed there.
 */
export type ValidateNameFunc = (name: string, prefix: boolean) => string[];

/**
 * maskTrailingDash. Upstream drops the last *two* characters and appends "a"; the only thing that
 * matters is that the name no longer ends in '-', but we keep the quirk so the same inputs pass.
 */
export function maskTrailingDash(name: string): string {
  if (name.length > 1 && name.endsWith('-')) return name.slice(0, -2) + 'a';
  return name;
}

export const nameIsDNSSubdomain: ValidateNameFunc = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: ValidateNameFunc = (name, prefix) =>
  isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: ValidateNameFunc = (name, prefix) =>
  isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/**
 * The name part of ValidateObjectMetaAccessor. The API server generates the name before
 * validating, so a request with only generateName arrives here with a name already filled in.
 */
export function validateObjectMetaName(
  name: string | undefined,
  generateName: string | undefined,
  validator: ValidateNameFunc,
  path = 'metadata',
): FieldError[] {
  const errs: FieldError[] = [];
  if (generateName) {
    for (const msg of validator(generateName, true))
      errs.push(invalid(`${path}.generateName`, generateName, msg));
  }
  if (!name) {
    errs.push(required(`${path}.name`, 'name or generateName is required'));
  } else {
    for (const msg of validator(name, false)) errs.push(invalid(`${path}.name`, name, msg));
  }
  return errs;
}
