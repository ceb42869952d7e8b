/**
 * Label selectors, ported from apimachinery `pkg/labels/selector.go` (the `Parse` lexer and
 * parser, `NewRequirement`, `Requirement.Matches` and `String`), `pkg/apis/meta/v1/helpers.go`
 * (`LabelSelectorAsSelector`, `FormatLabelSelector`) and the label key/value checks of
 * `pkg/api/validate/content/kube.go`.
 *
 * The parser is a straight port rather than a regex so that odd inputs (`x in ()`, `notin=in`,
 * `a in (x,,y)`) are accepted or rejected exactly as kubectl and the API server do, with the same
 * error text.
 */
import type { FieldError } from './validation';
import {
  aggregateMessage,
  byteLength,
  emptyError,
  goQuote,
  invalid,
  isDNS1123Subdomain,
  maxLenError,
  notSupported,
  regexError,
} from './validation';

// ---------------------------------------------------------------------------------------------
// Label key / value validation (content/kube.go)
// ---------------------------------------------------------------------------------------------

const labelKeyFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelKeyErrMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelKeyMaxLength = 63;
const labelKeyNameRegexp = new RegExp(`^${labelKeyFmt}$`);

const labelValueFmt = `(${labelKeyFmt})?`;
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const LABEL_VALUE_MAX_LENGTH = 63;

/** IsLabelKey (a.k.a. IsQualifiedName): `[prefix/]name`. Empty list means valid. */
export function validateLabelKey(value: string): string[] {
  const errs: string[] = [];
  let name = value;
  const slash = value.indexOf('/');
  if (slash !== -1) {
    const prefix = value.slice(0, slash);
    name = value.slice(slash + 1);
    if (name.includes('/')) {
      return [
        'a valid label key ' +
          regexError(labelKeyErrMsg, labelKeyFmt, 'MyName', 'my.name', '123-abc') +
          " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ];
    }
    if (prefix.length === 0) errs.push('prefix part ' + emptyError());
    else for (const msg of isDNS1123Subdomain(prefix)) errs.push('prefix part ' + msg);
  }
  if (name.length === 0) errs.push('name part ' + emptyError());
  else if (byteLength(name) > labelKeyMaxLength) errs.push('name part ' + maxLenError(labelKeyMaxLength));
  // Not an else: an empty or over-long name also fails the pattern, and upstream reports both.
  if (!labelKeyNameRegexp.test(name))
    errs.push('name part ' + regexError(labelKeyErrMsg, labelKeyFmt, 'MyName', 'my.name', '123-abc'));
  return errs;
}

/** IsLabelValue: at most 63 characters, empty allowed. Empty list means valid. */
export function validateLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (value.length > 0 && !labelKeyNameRegexp.test(value)) {
    errs.push(regexError(labelValueErrMsg, labelValueFmt, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Requirements and selectors
// ---------------------------------------------------------------------------------------------

/** selection.Operator values, spelled as in `pkg/selection/operator.go`. */
export type Operator = '!' | '=' | '==' | 'in' | '!=' | 'notin' | 'exists' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** Sorted. Empty for exists / does-not-exist. */
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>>;

export interface Selector {
  /** AND of these, sorted by key. Empty for Everything and for Nothing. */
  readonly requirements: readonly Requirement[];
  matches(labels: Labels | undefined): boolean;
  /** True when the selector does not restrict anything (Everything). Nothing is not empty. */
  isEmpty(): boolean;
  /** Canonical form: requirements joined by ',' in key order. */
  toString(): string;
  /** Copy with more requirements ANDed in. */
  add(...reqs: Requirement[]): Selector;
  /** The value a selector pins `key` to, if it requires exactly one (used to narrow lists). */
  requiresExactMatch(key: string): string | undefined;
}

const BINARY_OPERATORS: readonly Operator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const VALID_OPERATORS: readonly Operator[] = [...BINARY_OPERATORS, 'exists', '!'];

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64): an optional sign and decimal digits, within int64. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

/** Go field.Path rendering for NewRequirement's error paths (the parser passes a nil root). */
function childPath(root: string | undefined, child: string): string {
  return root ? `${root}.${child}` : child;
}

/**
 * NewRequirement: validates and builds one requirement. Errors are collected and thrown together
 * as the aggregate upstream returns, e.g. `values: Invalid value: null: for 'in', ...`.
 */
export function newRequirement(
  key: string,
  operator: Operator,
  values: readonly string[],
  path?: string,
): Requirement {
  const errs: FieldError[] = [];
  const keyErrs = validateLabelKey(key);
  if (keyErrs.length) errs.push(invalid(childPath(path, 'key'), key, keyErrs.join('; ')));
  const valuePath = childPath(path, 'values');
  // Go passes a nil slice here when there are no values; json.Marshal renders it as null.
  const shown = values.length === 0 ? null : [...values];
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0)
        errs.push(invalid(valuePath, shown, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1)
        errs.push(invalid(valuePath, shown, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0)
        errs.push(invalid(valuePath, shown, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1)
        errs.push(invalid(valuePath, shown, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined)
          errs.push(
            invalid(`${valuePath}[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"),
          );
      });
      break;
    default:
      errs.push(notSupported(childPath(path, 'operator'), operator, VALID_OPERATORS));
  }
  values.forEach((v, i) => {
    const valErrs = validateLabelValue(v);
    if (valErrs.length) errs.push(invalid(`${valuePath}[${i}][${key}]`, v, valErrs.join('; ')));
  });
  if (errs.length) throw new Error(aggregateMessage(errs));
  return { key, operator, values: [...values].sort() };
}

/** Requirement.Matches. NotIn and != match when the key is absent; Gt/Lt need int64 values. */
export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(labels[r.key] ?? '');
    case 'notin':
    case '!=':
      return !has || !r.values.includes(labels[r.key] ?? '');
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1) return false;
      const lv = parseInt64(labels[r.key] ?? '');
      const rv = parseInt64(r.values[0] ?? '');
      if (lv === undefined || rv === undefined) return false;
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
    default:
      // The zero-value Requirement{} (or any unknown operator) matches nothing.
      return false;
  }
}

/** Requirement.String. */
export function requirementString(r: Requirement): string {
  const vals = [...r.values].sort().join(',');
  switch (r.operator) {
    case '!':
      return '!' + r.key;
    case 'exists':
      return r.key;
    case 'in':
      return `${r.key} in (${vals})`;
    case 'notin':
      return `${r.key} notin (${vals})`;
    case 'gt':
      return `${r.key}>${vals}`;
    case 'lt':
      return `${r.key}<${vals}`;
    default:
      return `${r.key}${r.operator}${vals}`;
  }
}

function byKey(a: Requirement, b: Requirement): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** internalSelector: a sorted list of requirements, ANDed. The empty list is Everything. */
class RequirementsSelector implements Selector {
  readonly requirements: readonly Requirement[];
  constructor(reqs: readonly Requirement[]) {
    this.requirements = [...reqs].sort(byKey);
  }
  matches(labels: Labels | undefined): boolean {
    const ls = labels ?? {};
    return this.requirements.every((r) => requirementMatches(r, ls));
  }
  isEmpty(): boolean {
    return this.requirements.length === 0;
  }
  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
  add(...reqs: Requirement[]): Selector {
    return new RequirementsSelector([...this.requirements, ...reqs]);
  }
  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((x) => x.key === key);
    if (r && (r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1)
      return r.values[0];
    return undefined;
  }
}

/** nothingSelector: what a nil LabelSelector becomes. It matches no object at all. */
class NothingSelector implements Selector {
  readonly requirements: readonly Requirement[] = [];
  matches(): boolean {
    return false;
  }
  isEmpty(): boolean {
    return false;
  }
  toString(): string {
    return '';
  }
  add(): Selector {
    return this;
  }
  requiresExactMatch(): string | undefined {
    return undefined;
  }
}

const EVERYTHING: Selector = new RequirementsSelector([]);
const NOTHING: Selector = new NothingSelector();

export function everything(): Selector {
  return EVERYTHING;
}

export function nothing(): Selector {
  return NOTHING;
}

/** A selector built straight from requirements (sorted by key), as `NewSelector().Add(...)`. */
export function selectorFromRequirements(reqs: readonly Requirement[]): Selector {
  return new RequirementsSelector(reqs);
}

/** SelectorFromSet: `k=v` for every entry; no validation, like SelectorFromValidatedSet. */
export function selectorFromSet(set: Labels | undefined | null): Selector {
  if (!set) return EVERYTHING;
  return new RequirementsSelector(
    Object.entries(set).map(([key, v]) => ({ key, operator: '=' as const, values: [v] })),
  );
}

// ---------------------------------------------------------------------------------------------
// Lexer and parser (labels.Parse)
// ---------------------------------------------------------------------------------------------

const enum Tok {
  Error,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const STRING_TO_TOKEN: ReadonlyMap<string, Tok> = new Map([
  [')', Tok.ClosedPar],
  [',', Tok.Comma],
  ['!', Tok.DoesNotExist],
  ['==', Tok.DoubleEquals],
  ['=', Tok.Equals],
  ['>', Tok.GreaterThan],
  ['in', Tok.In],
  ['<', Tok.LessThan],
  ['!=', Tok.NotEquals],
  ['notin', Tok.NotIn],
  ['(', Tok.OpenPar],
]);

interface Item {
  tok: Tok;
  lit: string;
}

function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

function isSpecialSymbol(ch: string): boolean {
  return ch === '=' || ch === '!' || ch === '(' || ch === ')' || ch === ',' || ch === '>' || ch === '<';
}

/** Lexer.Lex over the whole input. Anything that is not special or whitespace is identifier text. */
function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos] ?? '')) pos++;
    if (pos >= s.length) {
      items.push({ tok: Tok.EndOfString, lit: '' });
      return items;
    }
    const ch = s[pos] ?? '';
    if (isSpecialSymbol(ch)) {
      // Longest operator wins: "!=" is one token, "=>" is "=" then ">".
      let buffer = '';
      let last: Item | undefined;
      while (pos < s.length && isSpecialSymbol(s[pos] ?? '')) {
        buffer += s[pos];
        const tok = STRING_TO_TOKEN.get(buffer);
        if (tok !== undefined) last = { tok, lit: buffer };
        else if (last) break;
        pos++;
      }
      items.push(last ?? { tok: Tok.Error, lit: `error expected: keyword found '${buffer}'` });
    } else {
      let buffer = '';
      while (pos < s.length && !isSpecialSymbol(s[pos] ?? '') && !isWhitespace(s[pos] ?? ''))
        buffer += s[pos++];
      items.push({ tok: STRING_TO_TOKEN.get(buffer) ?? Tok.Identifier, lit: buffer });
    }
  }
}

/** `in` and `notin` are keywords only where an operator may appear; elsewhere they are values. */
const enum Ctx {
  KeyAndOperator,
  Values,
}

class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  private at(i: number, ctx: Ctx): Item {
    const item = this.items[i] ?? { tok: Tok.EndOfString, lit: '' };
    if (ctx === Ctx.Values && (item.tok === Tok.In || item.tok === Tok.NotIn))
      return { tok: Tok.Identifier, lit: item.lit };
    return item;
  }
  private lookahead(ctx: Ctx): Item {
    return this.at(this.position, ctx);
  }
  private consume(ctx: Ctx): Item {
    return this.at(this.position++, ctx);
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(Ctx.Values);
      switch (tok) {
        case Tok.Identifier:
        case Tok.DoesNotExist: {
          let r: Requirement;
          try {
            r = this.parseRequirement();
          } catch (e) {
            throw new Error(`unable to parse requirement: ${(e as Error).message}`);
          }
          reqs.push(r);
          const t = this.consume(Ctx.Values);
          if (t.tok === Tok.EndOfString) return reqs;
          if (t.tok === Tok.Comma) {
            const t2 = this.lookahead(Ctx.Values);
            if (t2.tok !== Tok.Identifier && t2.tok !== Tok.DoesNotExist)
              throw new Error(`found '${t2.lit}', expected: identifier after ','`);
            break;
          }
          throw new Error(`found '${t.lit}', expected: ',' or 'end of string'`);
        }
        case Tok.EndOfString:
          return reqs;
        default:
          throw new Error(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const { key, operator } = this.parseKeyAndInferOperator();
    if (operator === 'exists' || operator === '!') return newRequirement(key, operator, []);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, [...values].sort());
  }

  private parseKeyAndInferOperator(): { key: string; operator: Operator | undefined } {
    let operator: Operator | undefined;
    let item = this.consume(Ctx.Values);
    if (item.tok === Tok.DoesNotExist) {
      operator = '!';
      item = this.consume(Ctx.Values);
    }
    if (item.tok !== Tok.Identifier) throw new Error(`found '${item.lit}', expected: identifier`);
    const keyErrs = validateLabelKey(item.lit);
    // The parser validates with a nil field path, which Go prints as "<nil>".
    if (keyErrs.length) throw new Error(`<nil>: Invalid value: ${goQuote(item.lit)}: ${keyErrs.join('; ')}`);
    const next = this.lookahead(Ctx.Values).tok;
    if ((next === Tok.EndOfString || next === Tok.Comma) && operator !== '!') operator = 'exists';
    return { key: item.lit, operator };
  }

  private parseOperator(): Operator {
    const { tok, lit } = this.consume(Ctx.KeyAndOperator);
    switch (tok) {
      case Tok.In:
        return 'in';
      case Tok.Equals:
        return '=';
      case Tok.DoubleEquals:
        return '==';
      case Tok.GreaterThan:
        return 'gt';
      case Tok.LessThan:
        return 'lt';
      case Tok.NotIn:
        return 'notin';
      case Tok.NotEquals:
        return '!=';
      default:
        throw new Error(`found '${lit}', expected: ${BINARY_OPERATORS.join(', ')}`);
    }
  }

  /** `(a,b,c)`; an empty set or empty elements mean the empty string. */
  private parseValues(): Set<string> {
    const open = this.consume(Ctx.Values);
    if (open.tok !== Tok.OpenPar) throw new Error(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(Ctx.Values);
    switch (tok) {
      case Tok.Identifier:
      case Tok.Comma: {
        const s = this.parseIdentifiersList();
        // Upstream reports the literal it looked at before the list, not the offending one.
        if (this.consume(Ctx.Values).tok !== Tok.ClosedPar) throw new Error(`found '${lit}', expected: ')'`);
        return s;
      }
      case Tok.ClosedPar:
        this.consume(Ctx.Values);
        return new Set(['']);
      default:
        throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
    }
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(Ctx.Values);
      switch (tok) {
        case Tok.Identifier: {
          s.add(lit);
          const next = this.lookahead(Ctx.Values);
          if (next.tok === Tok.Comma) continue;
          if (next.tok === Tok.ClosedPar) return s;
          throw new Error(`found '${next.lit}', expected: ',' or ')'`);
        }
        case Tok.Comma: {
          if (s.size === 0) s.add(''); // "(,"
          const next = this.lookahead(Ctx.Values).tok;
          if (next === Tok.ClosedPar) {
            s.add(''); // ",)"
            return s;
          }
          if (next === Tok.Comma) {
            this.consume(Ctx.Values);
            s.add(''); // ",,"
          }
          break;
        }
        default:
          throw new Error(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const next = this.lookahead(Ctx.Values).tok;
    if (next === Tok.EndOfString || next === Tok.Comma) return new Set(['']); // "x=" means x is ""
    const { tok, lit } = this.consume(Ctx.Values);
    if (tok === Tok.Identifier) return new Set([lit]);
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

/**
 * labels.Parse: `kubectl get -l` / `?labelSelector=` syntax. Throws Error with apimachinery's
 * message, e.g. `unable to parse requirement: <nil>: Invalid value: "app:web": name part ...`.
 */
export function parseSelector(s: string): Selector {
  return new RequirementsSelector(new Parser(lex(s)).parse());
}

// ---------------------------------------------------------------------------------------------
// metav1.LabelSelector
// ---------------------------------------------------------------------------------------------

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[] | null;
}

export interface LabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: LabelSelectorRequirement[] | null;
}

const EXPRESSION_OPERATORS: Readonly<Record<string, Operator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * LabelSelectorAsSelector: a nil selector selects nothing, an empty one selects everything.
 * This is why a Service without a selector gets no endpoints but `selector: {}` on a
 * NetworkPolicy means "all pods".
 */
export function labelSelectorAsSelector(ls: LabelSelector | undefined | null): Selector {
  if (ls === undefined || ls === null) return NOTHING;
  const matchLabels = ls.matchLabels ?? {};
  const matchExpressions = ls.matchExpressions ?? [];
  const labelKeys = Object.keys(matchLabels).sort();
  if (labelKeys.length + matchExpressions.length === 0) return EVERYTHING;
  const reqs: Requirement[] = [];
  for (const k of labelKeys) reqs.push(newRequirement(k, '=', [matchLabels[k] ?? '']));
  for (const expr of matchExpressions) {
    const op = Object.prototype.hasOwnProperty.call(EXPRESSION_OPERATORS, expr.operator)
      ? EXPRESSION_OPERATORS[expr.operator]
      : undefined;
    if (!op) throw new Error(`${goQuote(expr.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(expr.key, op, expr.values ?? []));
  }
  return new RequirementsSelector(reqs);
}

/** metav1.FormatLabelSelector, as kubectl prints SELECTOR columns: `<none>` / `<error>`. */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  let s: string;
  try {
    s = labelSelectorAsSelector(ls).toString();
  } catch {
    return '<error>';
  }
  return s.length === 0 ? '<none>' : s;
}

/** labels.FormatLabels: `a=b,c=d` in key order, `<none>` when there are none. */
export function formatLabels(labels: Labels | undefined | null): string {
  const s = Object.keys(labels ?? {})
    .sort()
    .map((k) => `${k}=${labels?.[k] ?? ''}`)
    .join(',');
  return s.length === 0 ? '<none>' : s;
}
