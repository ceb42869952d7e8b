import { StatusError } from '../engine/api/errors';
import type { ResourceType } from '../engine/api/resources';
import { formatError, KubectlError } from './errors';
import type { ParsedFlags } from './flags';
import type { FlagSpec } from './types';

/**
 * What kubectl's write commands share (k8s.io/kubectl/pkg/cmd/util): the dry-run strategy, the
 * name printer's `deployment.apps/web created` lines, AddSourceToErr, CheckErr's rendering of one
 * or several errors, and the JSON encoding kubectl stores in last-applied-configuration.
 */

export type DryRun = 'none' | 'client' | 'server';

/** GetDryRunStrategy: `--dry-run` alone means client (with a deprecation warning, as klog prints it). */
export function dryRunStrategy(flags: ParsedFlags): { strategy: DryRun; warning?: string } {
  const v = flags.string('dry-run');
  switch (v) {
    case 'unchanged':
      return {
        strategy: 'client',
        warning: '--dry-run is deprecated and can be replaced with --dry-run=client.',
      };
    case 'client':
    case 'server':
    case 'none':
      return { strategy: v };
    case 'true':
    case 'false':
    case '1':
    case '0':
    case 't':
    case 'f':
    case 'T':
    case 'F':
    case 'TRUE':
    case 'FALSE':
    case 'True':
    case 'False': {
      const b = ['true', '1', 't', 'T', 'TRUE', 'True'].includes(v);
      return {
        strategy: b ? 'client' : 'none',
        warning: `--dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=${b ? 'client' : 'none'}.`,
      };
    }
    default:
      throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  }
}

/** PrintFlagsWithDryRunStrategy: the operation word gains ` (dry run)` or ` (server dry run)`. */
export function withDryRun(operation: string, dryRun: DryRun): string {
  if (dryRun === 'client') return `${operation} (dry run)`;
  if (dryRun === 'server') return `${operation} (server dry run)`;
  return operation;
}

/** `deployment.apps` or `pod`: lower-case kind, then the group when there is one. */
export function kindPrefix(t: Pick<ResourceType, 'kind' | 'group'>): string {
  return t.group ? `${t.kind.toLowerCase()}.${t.group}` : t.kind.toLowerCase();
}

/** The name printer: `deployment.apps/web created`; `-o name` drops the operation. */
export function nameLine(
  t: Pick<ResourceType, 'kind' | 'group'>,
  name: string,
  operation: string,
  shortOutput = false,
): string {
  return `${kindPrefix(t)}/${name}${operation && !shortOutput ? ' ' + operation : ''}\n`;
}

/** The group-qualified resource (`deployments.apps`) kubectl puts in error messages. */
export function groupResource(t: Pick<ResourceType, 'plural' | 'group'>): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

/**
 * cmdutil.AddSourceToErr: API errors keep their reason (and Invalid details) with the message
 * prefixed `error when creating "x.yaml": `; other errors are wrapped the same way.
 */
export function withSource(verb: string, source: string, e: unknown): unknown {
  if (!source) return e;
  if (e instanceof StatusError) {
    const s = e.status;
    return new StatusError({
      reason: s.reason,
      code: s.code,
      message: `error when ${verb} ${JSON.stringify(source)}: ${s.message}`,
      ...(s.details ? { details: s.details } : {}),
    });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new KubectlError(`error when ${verb} ${JSON.stringify(source)}: ${msg}`);
}

/** StandardErrorMessage: how an API error reads inside a list of several errors. */
export function standardMessage(e: unknown): string {
  if (e instanceof StatusError) {
    const s = e.status;
    return s.reason ? `Error from server (${s.reason}): ${s.message}` : `Error from server: ${s.message}`;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}

/**
 * CheckErr on what a command collected: one error prints as kubectl prints a single error
 * (`error: ...`, `The Deployment "web" is invalid: ...`); several print one per line, each in
 * its StandardErrorMessage form, without the `error: ` prefix (MultipleErrors).
 */
export function renderErrors(errs: readonly unknown[]): string {
  if (errs.length === 0) return '';
  if (errs.length === 1) {
    const out = formatError(errs[0]);
    return out.endsWith('\n') ? out : out + '\n';
  }
  return errs.map((e) => standardMessage(e) + '\n').join('');
}

/** Output collected by a command that keeps going after errors, as kubectl's ContinueOnError does. */
export class Outcome {
  stdout = '';
  stderr = '';
  readonly errors: unknown[] = [];
  private readonly order: Array<{ stream: 'stdout' | 'stderr'; text: string }> = [];
  out(s: string): void {
    this.stdout += s;
    if (s) this.order.push({ stream: 'stdout', text: s });
  }
  err(s: string): void {
    const line = s.endsWith('\n') ? s : s + '\n';
    this.stderr += line;
    this.order.push({ stream: 'stderr', text: line });
  }
  fail(e: unknown): void {
    this.errors.push(e);
  }
  result(): { stdout: string; stderr: string; exitCode: number; interleaved?: ReadonlyArray<{ stream: 'stdout' | 'stderr'; text: string }> } {
    const errs = renderErrors(this.errors);
    const base = { stdout: this.stdout, stderr: this.stderr + errs, exitCode: this.errors.length ? 1 : 0 };
    // Only when some stderr came before stdout does the order say more than the two strings do.
    const firstErr = this.order.findIndex((p) => p.stream === 'stderr');
    const mixed = firstErr >= 0 && this.order.slice(firstErr).some((p) => p.stream === 'stdout');
    return mixed ? { ...base, interleaved: [...this.order, ...(errs ? [{ stream: 'stderr' as const, text: errs }] : [])] } : base;
  }
}

// ------------------------------------------------------------------------------------ Go's JSON

/**
 * encoding/json as kubectl uses it for last-applied-configuration: compact, map keys sorted,
 * `<`, `>`, `&`, U+2028 and U+2029 escaped as \u003c etc.
 */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map((v) => goJson(v)).join(',')}]`;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort(compareBytes);
  return `{${keys.map((k) => `${goJsonString(k)}:${goJson(o[k])}`).join(',')}}`;
}

function goJsonString(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
}

/** Go sorts map keys by their UTF-8 bytes; for the BMP this is code-unit order. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ------------------------------------------------------------------------------------ help text

export interface HelpSpec {
  /** Paragraphs of the Long description; a paragraph starting `* ` is a bullet item. */
  long: readonly string[];
  examples?: readonly string[];
  aliases?: readonly string[];
  /** The Use line after `kubectl ` (e.g. `scale [--resource-version=version] ... (-f FILENAME | TYPE NAME)`). */
  use: string;
  flags: readonly FlagSpec[];
  /**
   * cobra's subcommands (name and Short, as `kubectl <path> --help` lists them under `Available
   * Commands:`), with the command path the `<command> --help` hint names.
   */
  subcommands?: { path: string; list: ReadonlyArray<readonly [string, string]> };
}

const WRAP = 120;

/** Go's word wrapping as kubectl's help writer does it: leading spaces kept, lines up to `width`. */
function wrap(text: string, width = WRAP): string {
  const lead = /^ */.exec(text)![0];
  const words = text.slice(lead.length).split(' ');
  const lines: string[] = [];
  let cur = lead;
  let started = false;
  for (const w of words) {
    if (started && (cur + ' ' + w).length > width) {
      lines.push(cur);
      cur = w;
    } else cur = started ? `${cur} ${w}` : cur + w;
    started = true;
  }
  lines.push(cur);
  return lines.join('\n');
}

function defaultText(f: FlagSpec): string {
  if (f.type === 'bool') return f.default === true ? 'true' : 'false';
  if (f.type === 'stringArray') return '[]';
  if (f.type === 'int') return String(f.default ?? 0);
  if (f.type === 'duration') return String(f.default ?? '0s');
  return `'${f.default === undefined ? '' : String(f.default)}'`;
}

/** The help page as kubectl's templater lays it out: Long, Aliases, Examples, Options, Usage. */
export function helpText(spec: HelpSpec): string {
  const paras = spec.long.map((p, i) => {
    if (p.startsWith('* ')) return wrap('  *  ' + p.slice(2));
    return wrap(i === 0 ? p : ' ' + p);
  });
  let long = '';
  spec.long.forEach((p, i) => {
    const sep = i === 0 ? '' : p.startsWith('* ') && spec.long[i - 1]!.startsWith('* ') ? '\n' : '\n\n';
    long += sep + paras[i];
  });
  let out = long + '\n\n';
  if (spec.aliases?.length) out += `Aliases:\n${spec.aliases.join(', ')}\n\n`;
  if (spec.examples?.length)
    out += `Examples:\n${spec.examples
      .map((l) => '  ' + l)
      .join('\n')
      .trimEnd()}\n\n`;
  if (spec.subcommands) {
    // cobra pads names to the longest (at least 11), then three spaces.
    const pad = Math.max(11, ...spec.subcommands.list.map(([n]) => n.length)) + 3;
    out += `Available Commands:\n${spec.subcommands.list.map(([n, s]) => `  ${n.padEnd(pad)}${s}\n`).join('')}\n`;
  }
  const flags = [...spec.flags]
    .filter((f) => f.usage !== undefined)
    .sort((a, b) => compareBytes(a.name, b.name));
  if (flags.length) {
    const lines = flags.map(
      // HelpFlagPrinter wraps usages 10 columns short of the 120 a wide terminal gives kubectl.
      (f) =>
        `    ${f.short ? `-${f.short}, ` : ''}--${f.name}=${defaultText(f)}:\n\t${wrap(f.usage ?? '', WRAP - 10).replace(/\n/g, '\n\t')}`,
    );
    out += `Options:\n${lines.join('\n\n')}\n\n`;
  }
  out += `Usage:\n  kubectl ${spec.use}${flags.length && !spec.use.includes('[options]') ? ' [options]' : ''}\n\n`;
  if (spec.subcommands)
    out += `Use "kubectl ${spec.subcommands.path} <command> --help" for more information about a given command.\n`;
  out += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return out;
}

// ------------------------------------------------------------------------------------ shared steps

/** cobra's MarkFlagRequired check, which runs before the command does. */
export function requireFlags(flags: ParsedFlags, names: readonly string[]): void {
  const missing = names.filter((n) => !flags.changed(n));
  if (missing.length) throw new KubectlError(`required flag(s) "${missing.join('", "')}" not set`);
}

/** The namespace a generator writes into its object: only an explicit `-n` (EnforceNamespace). */
export function enforcedNamespace(flags: ParsedFlags, namespace: string): string | undefined {
  return flags.changed('namespace') ? namespace : undefined;
}

/** GetValidationDirective: `--validate` as the fieldValidation the request carries. */
export function validationDirective(flags: ParsedFlags): 'Strict' | 'Warn' | 'Ignore' {
  const v = flags.string('validate').toLowerCase();
  if (v === 'strict' || v === 'true') return 'Strict';
  if (v === 'warn') return 'Warn';
  if (v === 'ignore' || v === 'false') return 'Ignore';
  throw new KubectlError(
    `invalid - validate option "${flags.string('validate')}"; must be one of: strict (or true), warn, ignore (or false)`,
  );
}

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * CreateOrUpdateAnnotation (`--save-config`): the object as JSON, without the annotation itself,
 * plus a newline. Typed objects (the generators') encode in struct order, manifests with sorted keys.
 */
export function withLastApplied<T extends { metadata?: { annotations?: Record<string, string> } }>(
  obj: T,
  typed: boolean,
): T {
  const copy = JSON.parse(JSON.stringify(obj)) as T;
  const meta = (copy.metadata ??= {});
  const annotations = { ...(meta.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  // Unstructured objects keep an empty `annotations: {}`; typed ones omit it (omitempty).
  if (typed && !Object.keys(annotations).length) delete meta.annotations;
  else meta.annotations = annotations;
  const json = typed ? goJsonOrdered(copy) : goJson(copy);
  meta.annotations = { ...annotations, [LAST_APPLIED]: json + '\n' };
  return copy;
}

/** encoding/json of a typed object: field order as inserted, HTML characters escaped. */
export function goJsonOrdered(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
}
