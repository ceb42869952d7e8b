import type { ApiServer } from '../engine/api/apiserver';
import type { ResourceType } from '../engine/api/resources';
import type { KubeObject } from '../engine/api/types';
import { commands } from './commands';
import { globalFlags } from './flags';
import type { Command, FlagSpec } from './types';

/**
 * Shell completion for one terminal line, as kubectl's cobra `__complete` offers it to bash: the
 * first word (`kubectl`, `sim`, `sleep`, `clear`), kubectl's commands and sub-commands from the real
 * registry, the current command's flags, the values of flags that have a known set (`-o`, `--dry-run`,
 * `-n`), resource types and, from the live API (list only), object names: `delete pod we<TAB>`,
 * `get deploy/w<TAB>`, nodes for cordon/drain/taint and `sim node-down`, pods for logs and `sim crash`.
 *
 * Candidates are whole replacement words for `line.slice(from, cursor)`, sorted. A candidate ending in
 * `=` or `/` expects more (cobra's NoSpace); any other single candidate is a finished word.
 */
export interface CompletionEnv {
  api: ApiServer;
  /** The context's namespace; `-n/--namespace` on the line overrides it. */
  namespace: string;
}

export interface Completion {
  from: number;
  candidates: string[];
}

interface Word {
  /** The word with shell quoting removed. */
  text: string;
  /** Where it starts in the line. */
  start: number;
}

/** Candidates for the current word; `skip` leaves that many leading characters of it in place (`--output=`). */
interface Found {
  words: string[];
  skip?: number;
}

const PROGRAMS = ['clear', 'kubectl', 'sim', 'sleep'];
const SIM_COMMANDS = ['crash', 'curl', 'node-down', 'node-up'];
const SIM_FLAGS: Record<string, string[]> = { crash: ['-c', '-n'], curl: ['--count', '-n'] };
const NONE: Found = { words: [] };

export function complete(line: string, cursor: number, env: CompletionEnv): Completion {
  const at = Math.max(0, Math.min(cursor, line.length));
  const words = wordsBefore(line, at);
  if (!words) return { from: at, candidates: [] };
  const cur = words[words.length - 1]!;
  const before = words.slice(0, -1).map((w) => w.text);
  let found: Found;
  if (before.length === 0) found = { words: PROGRAMS };
  else if (before[0] === 'kubectl') found = completeKubectl(before.slice(1), cur.text, env);
  else if (before[0] === 'sim') found = completeSim(before.slice(1), cur.text, env);
  else found = NONE;
  const skip = found.skip ?? 0;
  const prefix = cur.text.slice(skip);
  const candidates = [...new Set(found.words.filter((w) => w.startsWith(prefix)))].sort();
  return { from: cur.start + skip, candidates };
}

/**
 * The words of `line` up to the cursor, as a shell splits them, each with where it starts; the last is
 * the word under the cursor (empty after a space). Undefined inside a comment.
 */
function wordsBefore(line: string, end: number): Word[] | undefined {
  const out: Word[] = [];
  let cur: Word | undefined;
  for (let i = 0; i < end; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (cur) out.push(cur);
      cur = undefined;
      continue;
    }
    if (!cur) {
      if (c === '#') return undefined;
      cur = { text: '', start: i };
    }
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      const stop = close < 0 || close >= end ? end : close;
      cur.text += line.slice(i + 1, stop).replace(c === '"' ? /\\(["\\$`])/g : /$^/, '$1');
      i = stop;
    } else if (c === '\\') {
      if (i + 1 < end) cur.text += line[++i];
    } else {
      cur.text += c;
    }
  }
  out.push(cur ?? { text: '', start: end });
  return out;
}

// ------------------------------------------------------------------------------------------ kubectl

interface Parsed {
  /** The command words found (`rollout`, `status`). */
  path: string[];
  command: Command | undefined;
  /** Positional arguments after the command. */
  args: string[];
  /** Values of the flags given, by flag name. */
  flags: Map<string, string[]>;
  /** The last word was a flag that takes the next word (the current one) as its value. */
  pending: FlagSpec | undefined;
  dashdash: boolean;
}

function flagSpecs(command: Command | undefined): FlagSpec[] {
  const own = command?.flags ?? [];
  return [...own, ...globalFlags().filter((g) => !own.some((f) => f.name === g.name))];
}

const takesValue = (f: FlagSpec) => f.type !== 'bool' && f.noOptDefault === undefined;

/** Walks the words as cobra's Find and pflag would: command path, flags (and their values), arguments. */
function parseKubectl(words: readonly string[]): Parsed {
  const p: Parsed = { path: [], command: undefined, args: [], flags: new Map(), pending: undefined, dashdash: false };
  const set = (f: FlagSpec, v: string) => p.flags.set(f.name, [...(p.flags.get(f.name) ?? []), v]);
  for (const w of words) {
    const specs = flagSpecs(p.command);
    if (p.pending) {
      set(p.pending, w);
      p.pending = undefined;
    } else if (p.dashdash) {
      p.args.push(w);
    } else if (w === '--') {
      p.dashdash = true;
    } else if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const spec = specs.find((f) => f.name === w.slice(2, eq < 0 ? undefined : eq));
      if (!spec) continue;
      if (eq >= 0) set(spec, w.slice(eq + 1));
      else if (takesValue(spec)) p.pending = spec;
      else set(spec, spec.noOptDefault ?? 'true');
    } else if (w.startsWith('-') && w.length > 1) {
      for (let j = 1; j < w.length; j++) {
        const spec = specs.find((f) => f.short === w[j]);
        if (!spec) break;
        if (spec.type === 'bool') {
          set(spec, 'true');
          continue;
        }
        const rest = w.slice(j + 1).replace(/^=/, '');
        if (rest) set(spec, rest);
        else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault);
        else p.pending = spec;
        break;
      }
    } else if (p.args.length === 0 && childNames(p.path).includes(w)) {
      p.path.push(w);
      p.command = commands.find((c) => c.name === p.path.join(' '));
    } else {
      p.args.push(w);
    }
  }
  return p;
}

/** The sub-command words registered under a path (`create` → deployment, deploy, namespace...). */
function childNames(path: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of commands) {
    const parts = c.name.split(' ');
    if (parts.length > path.length && path.every((w, i) => parts[i] === w)) out.push(parts[path.length]!);
  }
  return [...new Set(out)];
}

/** Whether `kubectl <path> <word>` is an alias (its help's Aliases line names another word first). */
function isAlias(path: readonly string[], word: string): boolean {
  const c = commands.find((x) => x.name === [...path, word].join(' '));
  const aliases = c && /(?:^|\n)Aliases:\n([^\n]+)/.exec(c.help)?.[1]?.split(', ');
  return aliases !== undefined && aliases.includes(word) && aliases[0] !== word;
}

/** cobra lists sub-command names, not aliases, unless only aliases match what was typed. */
function subcommands(path: readonly string[], prefix: string): string[] {
  const matching = childNames(path).filter((w) => w.startsWith(prefix));
  const names = matching.filter((w) => !isAlias(path, w));
  return names.length ? names : matching;
}

function completeKubectl(before: readonly string[], cur: string, env: CompletionEnv): Found {
  const p = parseKubectl(before);
  const namespace = p.flags.get('namespace')?.at(-1) ?? env.namespace;
  const ctx: Ctx = { api: env.api, namespace, parsed: p };
  if (p.pending) return flagValues(p.pending.name, ctx, cur);
  if (!p.dashdash && cur.startsWith('--') && cur.includes('=')) {
    const eq = cur.indexOf('=');
    const spec = flagSpecs(p.command).find((f) => f.name === cur.slice(2, eq));
    return spec ? { ...flagValues(spec.name, ctx, cur.slice(eq + 1)), skip: eq + 1 } : NONE;
  }
  if (!p.dashdash && cur.startsWith('-')) return { words: flagNames(flagSpecs(p.command), p.flags) };
  if (p.args.length === 0 && childNames(p.path).length) return { words: subcommands(p.path, cur) };
  if (!p.command) return NONE;
  return positional(p.command.name, ctx, cur);
}

/** `--name` for every flag, `-x` for shorthands; flags already given are offered again only if repeatable. */
function flagNames(specs: readonly FlagSpec[], given: ReadonlyMap<string, string[]>): string[] {
  return specs
    .filter((f) => f.type === 'stringArray' || !given.has(f.name))
    .flatMap((f) => (f.short ? [`--${f.name}`, `-${f.short}`] : [`--${f.name}`]));
}

interface Ctx {
  api: ApiServer;
  namespace: string;
  parsed: Parsed;
}

const OUTPUTS: Record<string, string[]> = {
  get: ['custom-columns=', 'json', 'jsonpath=', 'name', 'wide', 'yaml'],
  'api-resources': ['name', 'wide'],
  version: ['json', 'yaml'],
  '': ['json', 'jsonpath=', 'name', 'yaml'],
};

const FLAG_VALUES: Record<string, string[]> = {
  'dry-run': ['client', 'none', 'server'],
  cascade: ['background', 'foreground', 'orphan'],
  restart: ['Always', 'Never', 'OnFailure'],
  'image-pull-policy': ['Always', 'IfNotPresent', 'Never'],
  validate: ['ignore', 'strict', 'warn'],
  subresource: ['scale', 'status'],
};

function flagValues(flag: string, ctx: Ctx, cur: string): Found {
  const command = ctx.parsed.command?.name ?? '';
  switch (flag) {
    case 'output':
      return { words: OUTPUTS[command] ?? OUTPUTS['']! };
    case 'namespace':
      return { words: names(ctx.api, 'Namespace', undefined) };
    case 'type':
      return command === 'expose' ? { words: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] } : NONE;
    case 'container': {
      const pod = ctx.parsed.args[0];
      return pod && !pod.includes('/') ? { words: containers(ctx.api, ctx.namespace, pod) } : NONE;
    }
    case 'for':
      return typeSlashName(ctx, cur, allTypes(ctx.api), []);
    default:
      return { words: FLAG_VALUES[flag] ?? [] };
  }
}

/** Which resource types a command's first argument names, as kubectl's ValidArgsFunctions say. */
const SPECIFIED_TYPES: Record<string, string[]> = {
  scale: ['deployment', 'replicaset', 'replicationcontroller', 'statefulset'],
  expose: ['deployment', 'pod', 'replicaset', 'replicationcontroller', 'service'],
  taint: ['node'],
};
const ROLLOUT_TYPES = ['daemonset', 'deployment', 'statefulset'];
const TYPE_AND_NAME = new Set(['get', 'describe', 'delete', 'label', 'annotate', 'edit', 'patch', 'wait', 'set image', 'set env', 'set resources', 'set selector']);
const NODE_ARGS = new Set(['cordon', 'uncordon', 'drain']);
const POD_ARGS = new Set(['logs', 'exec', 'attach', 'port-forward', 'cp']);

function positional(command: string, ctx: Ctx, cur: string): Found {
  const args = ctx.parsed.args;
  if (TYPE_AND_NAME.has(command)) return typeAndName(ctx, cur, allTypes(ctx.api), true);
  if (command === 'explain') return args.length === 0 && !cur.includes('/') ? { words: typeNames(allTypes(ctx.api), cur) } : NONE;
  const specified = SPECIFIED_TYPES[command] ?? (command.startsWith('rollout ') ? ROLLOUT_TYPES : undefined);
  if (specified) {
    const types = specified.flatMap((n) => ctx.api.registry.resolve(n) ?? []);
    if (args.length === 0 && !cur.includes('/')) return { words: specified.filter((n) => ctx.api.registry.resolve(n)) };
    return typeAndName(ctx, cur, types, command !== 'expose' && command !== 'rollout status');
  }
  if (NODE_ARGS.has(command)) return { words: without(names(ctx.api, 'Node', undefined), args) };
  if (POD_ARGS.has(command)) {
    if (args.length === 0) return cur.includes('/') ? typeSlashName(ctx, cur, allTypes(ctx.api), []) : { words: names(ctx.api, 'Pod', ctx.namespace) };
    if (args.length === 1 && command === 'logs' && !ctx.parsed.dashdash) return { words: containers(ctx.api, ctx.namespace, args[0]!) };
  }
  return NONE;
}

/**
 * kubectl's ResourceTypeAndNameCompletionFunc: the first argument is a type (or `type/name`); after a
 * type, names of it; after a `type/name`, more of that form.
 */
function typeAndName(ctx: Ctx, cur: string, types: readonly ResourceType[], repeat: boolean): Found {
  const args = ctx.parsed.args;
  const first = args[0];
  if (first !== undefined && !first.includes('/')) {
    if (!repeat && args.length > 1) return NONE;
    const words = splitTypes(first).flatMap((t) => {
      const type = ctx.api.registry.resolve(t);
      return type && types.includes(type) ? names(ctx.api, type.kind, ctx.namespace) : [];
    });
    return { words: without(words, args.slice(1)) };
  }
  if (!repeat && first !== undefined) return NONE;
  if (cur.includes('/')) return typeSlashName(ctx, cur, types, args);
  if (first === undefined) return { words: typeNames(types, cur) };
  return { words: typeNames(types, cur).map((t) => `${t}/`) };
}

/** `deploy/w` → `deploy/web`, ... for the names of that type not already on the line. */
function typeSlashName(ctx: Ctx, cur: string, types: readonly ResourceType[], args: readonly string[]): Found {
  const slash = cur.indexOf('/');
  if (slash < 0) return { words: typeNames(types, cur).map((t) => `${t}/`) };
  const typeWord = cur.slice(0, slash);
  const type = ctx.api.registry.resolve(typeWord);
  if (!type || !types.includes(type)) return NONE;
  return { words: without(names(ctx.api, type.kind, ctx.namespace).map((n) => `${typeWord}/${n}`), args) };
}

/**
 * The type names that complete what was typed: the plural when it matches (`depl` → deployments),
 * otherwise the singular, short or kind name that does (`svc`, `deploy`), `plural.group` after a dot;
 * before a comma, the types already listed stay (`deploy,r` → `deploy,rs`).
 */
function typeNames(types: readonly ResourceType[], cur: string): string[] {
  const comma = cur.lastIndexOf(',');
  const head = cur.slice(0, comma + 1);
  const typed = cur.slice(comma + 1).toLowerCase();
  const out: string[] = [];
  for (const t of types) {
    const forms = [t.plural, t.singular, ...t.shortNames, t.kind.toLowerCase()];
    if (t.group) forms.push(`${t.plural}.${t.group}`);
    const match = typed.includes('.')
      ? forms.find((f) => f.includes('.') && f.startsWith(typed))
      : t.plural.startsWith(typed)
        ? t.plural
        : forms.find((f) => f.startsWith(typed));
    if (match) out.push(head + match);
  }
  return out;
}

function splitTypes(arg: string): string[] {
  return arg.split(',').filter((t) => t !== '');
}

function allTypes(api: ApiServer): readonly ResourceType[] {
  return api.registry.all();
}

// ------------------------------------------------------------------------------------------- sim

function completeSim(before: readonly string[], cur: string, env: CompletionEnv): Found {
  const sub = before[0];
  if (sub === undefined) return { words: SIM_COMMANDS };
  const rest = before.slice(1);
  const last = rest.at(-1);
  const nIndex = rest.lastIndexOf('-n');
  const namespace = nIndex >= 0 && nIndex + 1 < rest.length ? rest[nIndex + 1]! : env.namespace;
  if (last === '-n') return { words: names(env.api, 'Namespace', undefined) };
  const args = rest.filter((w, i) => !w.startsWith('-') && !(i > 0 && rest[i - 1]!.startsWith('-')));
  if (last === '-c') return sub === 'crash' && args[0] ? { words: containers(env.api, namespace, args[0]) } : NONE;
  if (last?.startsWith('-')) return NONE;
  if (cur.startsWith('-')) return { words: SIM_FLAGS[sub] ?? [] };
  if (args.length > 0) return NONE;
  switch (sub) {
    case 'node-down':
    case 'node-up':
      return { words: names(env.api, 'Node', undefined) };
    case 'crash':
      return { words: names(env.api, 'Pod', namespace) };
    case 'curl':
      return { words: names(env.api, 'Service', namespace).map((s) => `http://${s}`) };
    default:
      return NONE;
  }
}

// ------------------------------------------------------------------------------------------ the API

/** Names of the objects of a kind in the namespace (ignored for cluster-scoped kinds), through LIST. */
function names(api: ApiServer, kind: string, namespace: string | undefined): string[] {
  const t = api.registry.byKindName(kind);
  if (!t) return [];
  try {
    return api.list(kind, t.namespaced ? namespace : undefined).items.map((o) => o.metadata.name);
  } catch {
    return [];
  }
}

/** The containers of a pod (init, then app containers), through GET. */
function containers(api: ApiServer, namespace: string, pod: string): string[] {
  let obj: KubeObject;
  try {
    obj = api.get('Pod', namespace, pod);
  } catch {
    return [];
  }
  const spec = (obj.spec ?? {}) as { containers?: Array<{ name: string }>; initContainers?: Array<{ name: string }> };
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) => c.name);
}

function without(words: readonly string[], given: readonly string[]): string[] {
  return words.filter((w) => !given.includes(w));
}
