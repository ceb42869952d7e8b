import type { FieldError } from '../../apimachinery/validation';
import { fieldErrorBody, fieldErrorString, goNumber, goQuote, invalid } from '../../apimachinery/validation';
import { StatusError } from '../errors';
import type { StrategyContext } from '../resources';
import type { KubeObject } from '../types';

/**
 * Go's `%#v` for the values the API server prints in field errors. When a bad value is a map, a
 * struct or a slice, field.Error renders it with `%#v`, so the messages learners meet read
 * `map[string]string{"app":"web"}` or `v1.LabelSelector{MatchLabels:...}`, not JSON. A GoLiteral
 * carries that rendering as the bad value of a field error.
 */
export class GoLiteral {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
  toJSON(): string {
    return this.text;
  }
}

export function isGoLiteral(v: unknown): v is GoLiteral {
  return v instanceof GoLiteral;
}

/** `map[string]string{"a":"1", "b":"2"}`: fmt sorts map keys; a nil map prints `map[string]string(nil)`. */
export function goStringMap(m: Readonly<Record<string, string>> | null | undefined): string {
  if (m === null || m === undefined) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k] ?? '')}`).join(', ')}}`;
}

/** `[]string{"a", "b"}`, or `[]string(nil)`. */
export function goStringSlice(s: readonly string[] | null | undefined, type = 'string'): string {
  if (s === null || s === undefined) return `[]${type}(nil)`;
  return `[]${type}{${s.map((v) => goQuote(v)).join(', ')}}`;
}

interface SelectorLike {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] | null }> | null;
}

/** `v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`. */
export function goLabelSelector(sel: SelectorLike | null | undefined): string {
  if (!sel) return 'null';
  const exprs = sel.matchExpressions;
  const exprText =
    exprs === null || exprs === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map((e) => `v1.LabelSelectorRequirement{Key:${goQuote(e.key)}, Operator:${goQuote(e.operator)}, Values:${goStringSlice(e.values)}}`)
          .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprText}}`;
}

/** `intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}`: how an IntOrString value prints in errors. */
export function goIntOrString(v: number | string | null | undefined): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${goNumber(v ?? 0)}, StrVal:""}`;
}

/** field.Invalid with a Go-rendered value. */
export function invalidGo(field: string, goText: string, detail: string): FieldError {
  return invalid(field, new GoLiteral(goText), detail);
}

/** Whether apimachinery/validation already prints a GoLiteral raw (then no work-around is needed). */
const NATIVE_GO_VALUES = fieldErrorBody(invalid('f', new GoLiteral('x{}'), '')) === 'Invalid value: x{}';

function body(e: FieldError): string {
  if (!isGoLiteral(e.badValue) || NATIVE_GO_VALUES) return fieldErrorString(e);
  const plain = fieldErrorBody({ ...e, badValue: 0 });
  // fieldErrorBody printed the placeholder 0 in the value slot: put the Go rendering there instead.
  const words = plain.slice(0, plain.indexOf(': 0'));
  const rest = plain.slice(words.length + 3);
  return `${e.field}: ${words}: ${e.badValue.text}${rest}`;
}

function hasGo(errs: readonly FieldError[]): boolean {
  return !NATIVE_GO_VALUES && errs.some((e) => isGoLiteral(e.badValue));
}

/**
 * errors.NewInvalid built here when an error carries a Go-rendered value, because the shared
 * formatter prints non-strings as JSON. Same message shape as api/errors.ts `invalid`.
 */
export function invalidStatus(obj: KubeObject, errs: readonly FieldError[]): StatusError {
  const [group] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : [''];
  const qualifiedKind = group ? `${obj.kind}.${group}` : obj.kind;
  const seen = [...new Set(errs.map(body))];
  const agg = seen.length === 1 ? (seen[0] ?? '') : `[${seen.join(', ')}]`;
  const name = obj.metadata.name ?? '';
  return new StatusError({
    reason: 'Invalid',
    code: 422,
    message: `${qualifiedKind} "${name}" is invalid: ${agg}`,
    details: {
      name,
      group: group ?? '',
      kind: obj.kind,
      causes: errs.map((e) => ({ reason: e.type, message: body(e).slice(e.field.length + 2), field: e.field })),
    },
  });
}

type Validate = (obj: KubeObject, ctx: StrategyContext) => FieldError[];
type ValidateUpdate = (obj: KubeObject, old: KubeObject, ctx: StrategyContext) => FieldError[];

/**
 * Wraps a kind's validate/validateUpdate so errors with Go-rendered values print as Go prints them.
 * The API server concatenates validate's and validateUpdate's errors itself; when one of them holds
 * a GoLiteral we raise the whole Invalid status here instead, in the same order. `metaErrors` adds
 * the name errors the API server would have put first (they are only possible on create).
 */
export function goAwareValidation(
  validate: Validate,
  validateUpdate: ValidateUpdate | undefined,
  metaErrors: (obj: KubeObject) => FieldError[],
): { validate: Validate; validateUpdate: ValidateUpdate } {
  const isUpdate = (obj: KubeObject, ctx: StrategyContext) =>
    ctx.get(obj.kind, obj.metadata.namespace, obj.metadata.name)?.metadata.uid === obj.metadata.uid;
  // On update the API server calls validate then validateUpdate with the same object: reuse the work.
  const lastBase = new WeakMap<KubeObject, FieldError[]>();
  return {
    validate(obj, ctx) {
      const errs = validate(obj, ctx);
      lastBase.set(obj, errs);
      if (!hasGo(errs)) return errs;
      if (isUpdate(obj, ctx)) return []; // validateUpdate reports them with its own
      throw invalidStatus(obj, [...metaErrors(obj), ...errs]);
    },
    validateUpdate(obj, old, ctx) {
      const upd = validateUpdate?.(obj, old, ctx) ?? [];
      const base = lastBase.get(obj) ?? validate(obj, ctx);
      if (hasGo(base) || hasGo(upd)) throw invalidStatus(obj, [...base, ...upd]);
      return upd;
    },
  };
}
