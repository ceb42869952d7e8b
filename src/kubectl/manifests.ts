import { parseDocument } from 'yaml';
import type { ObjectInput } from '../engine/api/types';
import { KubectlError } from './errors';
import type { KubectlEnv } from './types';
import { goJson } from './writeutil';

/**
 * Reading `-f` as cli-runtime's resource builder does: files, several `-f`, `-` for stdin,
 * directories (only .json/.yaml/.yml inside, in name order, subdirectories with -R), YAML
 * streams split on `---` lines, JSON streams, `kind: List` flattened, empty documents skipped.
 *
 * Errors follow kubectl's visitors: a missing path stops everything before anything is sent; a
 * document that does not parse or has no apiVersion/kind ends its file (the documents before it
 * still count, as in `kubectl apply`); an unknown kind only skips its own document.
 */
export interface Manifest {
  /** The filename as given (or `dir/file.yaml` inside a directory), `STDIN` for `-`. */
  source: string;
  /** Position of the object in its source, from 0. */
  index: number;
  /** 1-based line where the object's document starts. */
  line: number;
  obj: ObjectInput;
}

export interface ManifestFailure {
  source: string;
  error: KubectlError;
  /** 1-based line where the failing document starts, when the failure is about one document. */
  line?: number;
}

export type ManifestEntry = Manifest | ManifestFailure;

export function isFailure(e: ManifestEntry): e is ManifestFailure {
  return 'error' in e;
}

export interface ReadOptions {
  recursive?: boolean;
  /** `--validate=false` skips the client-side apiVersion/kind check. */
  validate?: boolean;
  /**
   * `-n` was given: a namespaced object naming another namespace is an error that ends its file
   * (cli-runtime's RequireNamespace decorator).
   */
  enforceNamespace?: boolean;
}

/** Hostile-input limits: a file's size, YAML aliases (billion laughs) and nesting depth. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
export const MAX_ALIAS_COUNT = 100;
export const MAX_DEPTH = 100;

const EXTENSIONS = ['.json', '.yaml', '.yml'];
const STOP_VALIDATE = 'if you choose to ignore these errors, turn validation off with --validate=false';

/** The objects of every `-f`; throws the first error of any kind (for commands that need all or nothing). */
export function readManifests(
  filenames: readonly string[],
  env: KubectlEnv,
  opts: ReadOptions = {},
): Manifest[] {
  const out: Manifest[] = [];
  for (const e of loadManifests(filenames, env, opts)) {
    if (isFailure(e)) throw e.error;
    out.push(e);
  }
  return out;
}

/** Objects and per-document failures in visiting order. Throws only for a path that does not exist. */
export function loadManifests(
  filenames: readonly string[],
  env: KubectlEnv,
  opts: ReadOptions = {},
): ManifestEntry[] {
  const files: Array<{ source: string; text: () => string }> = [];
  for (const name of filenames) {
    if (name === '-') {
      files.push({ source: 'STDIN', text: () => env.io.stdin ?? '' });
      continue;
    }
    const entries = env.io.readDir?.(name);
    if (entries) {
      for (const source of walk(name, env, !!opts.recursive))
        files.push({ source, text: () => readFile(source, env) });
      continue;
    }
    if (!exists(name, env)) throw new KubectlError(`the path "${name}" does not exist`);
    files.push({ source: name, text: () => readFile(name, env) });
  }
  const out: ManifestEntry[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = f.text();
    } catch (e) {
      if (e instanceof KubectlError) {
        out.push({ source: f.source, error: e });
        continue;
      }
      throw e;
    }
    out.push(...parseStream(text, f.source, env, opts));
  }
  return out;
}

function exists(name: string, env: KubectlEnv): boolean {
  try {
    env.io.readFile?.(name);
    return !!env.io.readFile;
  } catch {
    return false;
  }
}

function readFile(path: string, env: KubectlEnv): string {
  let text: string;
  try {
    text = env.io.readFile ? env.io.readFile(path) : '';
  } catch (e) {
    throw new KubectlError(`open ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (text.length > MAX_FILE_BYTES) {
    throw new KubectlError(
      `error reading ${path}: file is larger than the ${MAX_FILE_BYTES} bytes kubesim reads`,
    );
  }
  return text;
}

/** filepath.Walk order: names sorted, files with a manifest extension, subdirectories only with -R. */
function walk(dir: string, env: KubectlEnv, recursive: boolean): string[] {
  const out: string[] = [];
  const names = [...(env.io.readDir?.(dir) ?? [])].sort();
  for (const n of names) {
    const path = joinPath(dir, n);
    if (env.io.readDir?.(path)) {
      if (recursive) out.push(...walk(path, env, recursive));
    } else if (EXTENSIONS.some((x) => n.endsWith(x))) {
      out.push(path);
    }
  }
  return out;
}

function joinPath(dir: string, name: string): string {
  const d = dir.replace(/\/+$/, '').replace(/^\.\//, '');
  return d === '' || d === '.' ? name : `${d}/${name}`;
}

// -------------------------------------------------------------------------------------- parsing

interface Doc {
  text: string;
  line: number;
}

function parseStream(text: string, source: string, env: KubectlEnv, opts: ReadOptions): ManifestEntry[] {
  const body = text.replace(/^\uFEFF/, '');
  const out: ManifestEntry[] = [];
  let index = 0;
  let line: number | undefined;
  try {
    for (const doc of splitDocuments(body, source)) {
      line = doc.line;
      const value = parseDocumentValue(doc, source);
      if (value === null || value === undefined) continue;
      checkDepth(value, source);
      validate(value, source, opts);
      const objects = flatten(value as ObjectInput);
      for (const obj of objects) {
        const mapErr = mappingError(obj, source, env);
        if (mapErr) out.push({ source, error: mapErr, line: doc.line });
        else {
          if (opts.enforceNamespace) requireNamespace(obj, env);
          out.push({ source, index, line: doc.line, obj });
        }
        index++;
      }
    }
  } catch (e) {
    // The stream visitor stops at this document; what it read before still counts.
    if (e instanceof KubectlError) out.push({ source, error: e, ...(line !== undefined ? { line } : {}) });
    else throw e;
  }
  return out;
}

/** YAMLReader: a line starting with `---` ends a document; only a comment may follow it. */
function splitDocuments(text: string, source: string): Doc[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return jsonDocuments(text, source);
  const lines = text.split('\n');
  const docs: Doc[] = [];
  let buf: string[] = [];
  let start = 1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith('---')) {
      const rest = l.slice(3).trim();
      if (rest && !rest.startsWith('#')) {
        throw new KubectlError(`error parsing ${source}: invalid Yaml document separator: ${rest}`);
      }
      if (buf.some((b) => b.trim() !== '')) docs.push({ text: buf.join('\n'), line: start });
      buf = [];
      start = i + 2;
      continue;
    }
    buf.push(l);
  }
  if (buf.some((b) => b.trim() !== '')) docs.push({ text: buf.join('\n'), line: start });
  return docs;
}

/** A JSON stream: one value after another (`{...}{...}`), each its own document. */
function jsonDocuments(text: string, source: string): Doc[] {
  const docs: Doc[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const end = jsonValueEnd(text, i);
    if (end < 0) {
      // Not a well-formed JSON value: the rest is read as YAML, as the newest decoder falls back.
      docs.push({ text: text.slice(i), line: lineAt(text, i) });
      break;
    }
    docs.push({ text: text.slice(i, end), line: lineAt(text, i) });
    i = end;
  }
  void source;
  return docs;
}

function jsonValueEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function parseDocumentValue(doc: Doc, source: string): unknown {
  const t = doc.text.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.parse(t);
    } catch {
      // Fall through to YAML, a superset of JSON, for kubectl's wording of the error.
    }
  }
  try {
    return yamlToJson(doc.text);
  } catch (e) {
    if (e instanceof YamlError) {
      throw new KubectlError(`error parsing ${source}: error converting YAML to JSON: ${e.message}`);
    }
    throw e;
  }
}

/** A YAML document go-yaml would refuse; the message is go-yaml's (`yaml: line 3: ...`). */
export class YamlError extends Error {}

/**
 * sigs.k8s.io/yaml's YAMLToJSON on one document, as go-yaml v2 decodes it (YAML 1.1 booleans,
 * timestamps kept as strings, merge keys): the value, or a YamlError in go-yaml's words.
 */
export function yamlToJson(text: string): unknown {
  const yamlErr = (msg: string) => new YamlError(`yaml: ${msg}`);
  if (flowDepth(text) > MAX_DEPTH) throw yamlErr(`exceeded max depth of ${MAX_DEPTH}`);
  try {
    const d = parseDocument(text, {
      version: '1.1',
      merge: true,
      uniqueKeys: false,
      // go-yaml v2 keeps timestamp-like and sexagesimal scalars as strings when decoding into interface{}.
      customTags: (tags) =>
        tags.filter(
          (t) => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME'),
        ),
    });
    if (d.errors.length) {
      const e = d.errors[0]!;
      throw yamlErr(goYamlMessage(e.code, e.message, text, e.pos[0]));
    }
    return d.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof YamlError) throw e;
    if (e instanceof RangeError) throw yamlErr(`exceeded max depth of ${MAX_DEPTH}`);
    if (e instanceof Error && /alias/i.test(e.message)) throw yamlErr('document contains excessive aliasing');
    throw yamlErr(e instanceof Error ? e.message : String(e));
  }
}

/** Deepest `[`/`{` nesting outside quoted strings: checked before parsing so nothing recurses that deep. */
function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return max;
}

/**
 * The go-yaml (v2) wording of the commonest mistakes, with the line go-yaml reports: its parser
 * fail() names no line for an error on the first line (a one-line `kubectl patch -p` never gets
 * one); scanner errors count lines from 1, parser errors (the flow collections) from 0.
 */
function goYamlMessage(code: string, message: string, text: string, offset: number): string {
  const lineOf = (o: number) => lineAt(text, Math.min(o, text.length));
  const scanner = (line: number, msg: string) => (line > 1 ? `line ${line}: ${msg}` : msg);
  const parser = (line: number, msg: string) => (line > 1 ? `line ${line - 1}: ${msg}` : msg);
  const flow = /Flow (?:sequence|map)[^\n]*end with an? ([\]}])/.exec(message);
  if (flow && (code === 'MISSING_CHAR' || code === 'BAD_INDENT')) {
    return parser(lineOf(offset), `did not find expected ',' or '${flow[1]}'`);
  }
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY': {
      // go-yaml reports the ':' it did not expect, which may be on a later line than the key.
      const rest = text.slice(offset);
      const m = /:(\s|$)/.exec(rest);
      return scanner(lineOf(m ? offset + m.index : offset), 'mapping values are not allowed in this context');
    }
    case 'MULTILINE_IMPLICIT_KEY':
      return `line ${lineOf(offset) + 1}: could not find expected ':'`;
    case 'TAB_AS_INDENT':
    case 'BAD_SCALAR_START':
      return scanner(lineOf(offset), 'found character that cannot start any token');
    case 'MISSING_CHAR':
      return scanner(lineOf(offset), 'found unexpected end of stream');
    default:
      return `line ${lineOf(offset)}: did not find expected key`;
  }
}

function checkDepth(value: unknown, source: string): void {
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 1 }];
  while (stack.length) {
    const { v, d } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > MAX_DEPTH) {
      throw new KubectlError(
        `error parsing ${source}: error converting YAML to JSON: yaml: exceeded max depth of ${MAX_DEPTH}`,
      );
    }
    for (const c of Object.values(v as Record<string, unknown>)) stack.push({ v: c, d: d + 1 });
  }
}

/** Client-side validation (getObjectKind): apiVersion and kind must be set, as strings. */
function validate(value: unknown, source: string, opts: ReadOptions): void {
  const fail = (msg: string) =>
    new KubectlError(
      `error validating ${JSON.stringify(source)}: error validating data: ${msg}; ${STOP_VALIDATE}`,
    );
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    if (opts.validate === false)
      throw new KubectlError(
        `unable to decode ${JSON.stringify(source)}: Object 'Kind' is missing in '${goJson(value)}'`,
      );
    throw fail('invalid object to validate');
  }
  const o = value as Record<string, unknown>;
  const errs: string[] = [];
  if (o.apiVersion === undefined || o.apiVersion === null) errs.push('apiVersion not set');
  else if (typeof o.apiVersion !== 'string') errs.push("apiVersion isn't string type");
  if (o.kind === undefined || o.kind === null) errs.push('kind not set');
  else if (typeof o.kind !== 'string') errs.push("kind isn't string type");
  if (!errs.length) return;
  if (opts.validate === false) {
    const missing = o.kind ? 'apiVersion' : 'Kind';
    throw new KubectlError(
      `unable to decode ${JSON.stringify(source)}: Object '${missing}' is missing in '${goJson(value)}'`,
    );
  }
  throw fail(errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`);
}

/** FlattenListVisitor: a `kind: List` (or any *List) stands for its items, nested lists included. */
function flatten(obj: ObjectInput): ObjectInput[] {
  const items = (obj as { items?: unknown }).items;
  if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(items)) {
    return items.flatMap((i) => (i && typeof i === 'object' ? flatten(i as ObjectInput) : []));
  }
  return [obj];
}

function requireNamespace(obj: ObjectInput, env: KubectlEnv): void {
  const ns = obj.metadata?.namespace;
  if (!ns || !env.api.registry.forObject(obj.apiVersion, obj.kind)?.namespaced || ns === env.namespace)
    return;
  throw new KubectlError(
    `the namespace from the provided object "${ns}" does not match the namespace "${env.namespace}". You must pass '--namespace=${ns}' to perform this operation.`,
  );
}

/**
 * The namespace a manifest's object is sent to (DefaultNamespace): its own for namespaced kinds,
 * else the context's; none for cluster-scoped kinds.
 */
export function manifestNamespace(obj: ObjectInput, env: KubectlEnv): string | undefined {
  const t = env.api.registry.forObject(obj.apiVersion, obj.kind);
  if (!t?.namespaced) return undefined;
  return obj.metadata?.namespace || env.namespace;
}

/** infoForData: the RESTMapper must know the apiVersion and kind. */
function mappingError(obj: ObjectInput, source: string, env: KubectlEnv): KubectlError | undefined {
  if (env.api.registry.forObject(obj.apiVersion, obj.kind)) return undefined;
  const name = obj.metadata?.name ?? '';
  const ns = obj.metadata?.namespace ?? '';
  return new KubectlError(
    `resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(ns)} from ${JSON.stringify(source)}: ` +
      `no matches for kind ${JSON.stringify(obj.kind ?? '')} in version ${JSON.stringify(obj.apiVersion ?? '')}\nensure CRDs are installed first`,
  );
}
