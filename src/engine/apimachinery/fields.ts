/**
 * Field selectors (`kubectl get pods --field-selector status.phase!=Running`), ported from
 * apimachinery `pkg/fields/selector.go`.
 *
 * Unlike label selectors there is no set syntax: a selector is a comma-separated AND of
 * `field=value`, `field==value` and `field!=value`. Values may escape `\`, `,` and `=` with a
 * backslash. Which fields may be selected on is decided per resource by the API server, not here.
 */

export type FieldOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  /** Unescaped value. */
  readonly value: string;
}

/** Looks a field path (e.g. `metadata.name`) up on an object; undefined when it is not set. */
export type FieldGetter = (path: string) => string | undefined;

export interface FieldSelector {
  /** In the order upstream keeps them: sorted by the raw term text. */
  readonly requirements: readonly FieldRequirement[];
  /** A missing field reads as "" (Go's Fields.Get on a map), so `x!=a` matches when x is unset. */
  matches(getField: FieldGetter): boolean;
  isEmpty(): boolean;
  toString(): string;
  /** The value `field` is pinned to by an `=`/`==` term, if any. */
  requiresExactMatch(field: string): string | undefined;
}

/** EscapeValue: backslash first, then the two characters that would end a term or split it. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => '\\' + c);
}

/** UnescapeValue. Unknown escapes and bare `,`/`=` are errors, with upstream's wording. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=')
        throw new Error(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // Go prints the rune with %v, i.e. as its code point number.
      throw new Error(`invalid field selector: unescaped character in value: ${c.codePointAt(0) ?? 0}`);
    } else {
      out += c;
    }
  }
  if (inSlash) throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** splitTerms: split on commas that are not escaped; the escapes stay in the terms. */
export function splitFieldTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

/** `!=` and `==` are tried before `=` so that `a==b` does not leave "=b" as the value. */
const TERM_OPERATORS: readonly FieldOperator[] = ['!=', '==', '='];

/** splitTerm: the first operator occurrence splits; the lhs has no escaping. */
export function splitFieldTerm(term: string): { lhs: string; op: FieldOperator; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

class AndFieldSelector implements FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}
  matches(getField: FieldGetter): boolean {
    return this.requirements.every((r) => {
      const actual = getField(r.field) ?? '';
      return r.operator === '!=' ? actual !== r.value : actual === r.value;
    });
  }
  isEmpty(): boolean {
    return this.requirements.length === 0;
  }
  toString(): string {
    // hasTerm prints "=" whether it was parsed from "=" or "==".
    return this.requirements
      .map((r) => `${r.field}${r.operator === '!=' ? '!=' : '='}${escapeFieldValue(r.value)}`)
      .join(',');
  }
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator !== '!=')?.value;
  }
}

/** fields.ParseSelector. Throws `invalid selector: '<s>'; can't understand '<term>'` on bad terms. */
export function parseFieldSelector(selector: string): FieldSelector {
  // Terms are sorted as raw strings (before unescaping) so the result is deterministic.
  const parts = splitFieldTerms(selector).sort();
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const t = splitFieldTerm(part);
    if (!t) throw new Error(`invalid selector: '${selector}'; can't understand '${part}'`);
    reqs.push({ field: t.lhs, operator: t.op, value: unescapeFieldValue(t.rhs) });
  }
  return new AndFieldSelector(reqs);
}

/** fields.SelectorFromSet / OneTermEqualSelector: `field=value` for every entry. */
export function fieldSelectorFromSet(set: Readonly<Record<string, string>>): FieldSelector {
  return new AndFieldSelector(
    Object.entries(set).map(([field, value]) => ({ field, operator: '=' as const, value })),
  );
}

export function everythingFields(): FieldSelector {
  return new AndFieldSelector([]);
}
