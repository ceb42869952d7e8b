/**
 * Runs the programs described as data in images-data.ts: option parsing, subcommands, `--version`-style
 * actions, environment requirements (postgres without POSTGRES_PASSWORD), start-up timelines, and what
 * comes after (serve, exit, block, or `exec "$@"` for entrypoint wrappers). Nothing here knows any
 * particular image; it only interprets the table.
 *
 * Language runtimes (python, node, perl) get a deliberately tiny interpreter for the one-liners
 * tutorials use (`print(...)`, `console.log`, `setInterval`, `time.sleep`, the Job example's
 * `perl -Mbignum=bpi -wle 'print bpi(2000)'`). Code beyond that is reported as not simulated, never
 * silently faked.
 */
import { MONTHS, formatDate, pad, resolvePath, stderr, stdout } from './coreutils';
import { isFsError } from './fs';
import { KERNEL_RELEASE } from './images-data';
import type { AppData, Condition, LanguageData, SignalName, TimelineEntry } from './images-data';
import { lookupProgram } from './images';
import type { Effect, InvocationContext, Program, RuntimeContext, ServerSpec, TemplateScope } from './types';

// ---------------------------------------------------------------------------------------------------
// Templates

export interface RenderContext extends TemplateScope {
  now: number;
  /** Per-line extras: `worker`, request fields, `script`... */
  extra?: Record<string, string>;
}

const US = (ms: number) => pad((ms % 1000) * 1000, 6);

/** Simulated-clock formats used by the log lines in the catalogue. */
export function formatTime(fmt: string, ms: number): string {
  // A starting container logs dozens of lines in the same instant (nginx: one per worker process).
  const key = `${fmt}\u0000${ms}`;
  let text = timeCache.get(key);
  if (text === undefined) {
    if (timeCache.size >= 1024) timeCache.clear();
    text = formatTimeNow(fmt, ms);
    timeCache.set(key, text);
  }
  return text;
}
const timeCache = new Map<string, string>();

function formatTimeNow(fmt: string, ms: number): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const mo = pad(d.getUTCMonth() + 1);
  const day = pad(d.getUTCDate());
  const hms = formatDate(ms, '%H:%M:%S');
  const msPart = pad(d.getUTCMilliseconds(), 3);
  switch (fmt) {
    case 'nginx':
    case 'go':
      return `${Y}/${mo}/${day} ${hms}`;
    case 'clf':
      return `${day}/${MONTHS[d.getUTCMonth()]}/${Y}:${hms} +0000`;
    case 'redis':
      return `${day} ${MONTHS[d.getUTCMonth()]} ${Y} ${hms}.${msPart}`;
    case 'rfc3339s':
      return `${Y}-${mo}-${day} ${hms}+00:00`;
    case 'pg':
      return `${Y}-${mo}-${day} ${hms}.${msPart} UTC`;
    case 'mysql':
    case 'iso':
      return `${Y}-${mo}-${day}T${hms}.${US(ms)}Z`;
    case 'iso-ms':
      return `${Y}-${mo}-${day}T${hms}.${msPart}+00:00`;
    case 'httpd':
      return `${formatDate(ms, '%a %b %d %H:%M:%S')}.${US(ms)} ${Y}`;
    case 'klog':
      return `I${mo}${day} ${hms}.${US(ms)}`;
    case 'python':
      return `${day}/${MONTHS[d.getUTCMonth()]}/${Y} ${hms}`;
    case 'unix':
      return String(Math.floor(ms / 1000));
    case 'go-now':
      return `${Y}-${mo}-${day} ${hms}.${msPart}000000 +0000 UTC`;
    case 'date':
      return formatDate(ms);
    default:
      return formatDate(ms);
  }
}

function lookupName(name: string, s: RenderContext, depth: number): string | undefined {
  if (name.startsWith('time:')) return formatTime(name.slice(5), s.now);
  if (name.startsWith('env.')) return s.env[name.slice(4)] ?? '';
  if (name.startsWith('opt.')) {
    const k = name.slice(4);
    return s.opts[k] ?? (s.vars[k] !== undefined ? render(s.vars[k]!, s, depth + 1) : '');
  }
  if (name.startsWith('arg.')) return s.args[Number(name.slice(4))] ?? '';
  if (name.startsWith('query.')) return s.extra?.[name] ?? '';
  if (s.extra && name in s.extra) return s.extra[name];
  const v = s.vars[name];
  return v === undefined ? undefined : render(v, s, depth + 1);
}

/** Fills `{name}`, `{a|b}` (first non-empty; a last alternative that is not a name is a literal). */
export function render(template: string, s: RenderContext, depth = 0): string {
  if (depth > 4 || !template.includes('{')) return template;
  return template.replace(/\{([a-zA-Z][\w.:-]*(?:\|[^{}|]*)*)\}/g, (whole, body: string) => {
    const alts = body.split('|');
    let knownEmpty = false;
    for (let k = 0; k < alts.length; k++) {
      const v = lookupName(alts[k]!, s, depth);
      if (v !== undefined) {
        if (v !== '') return v;
        knownEmpty = true;
      } else if (k > 0) return alts[k]!;
    }
    return knownEmpty ? '' : whole;
  });
}

/** The port number in `8080`, `:5678` or `0.0.0.0:9376`. */
export function parsePort(s: string): number | undefined {
  const m = /(\d+)\s*$/.exec(s);
  return m ? Number(m[1]) : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Running described programs

export interface AppRun {
  rt: RuntimeContext;
  inv: InvocationContext;
  argv: string[];
  /** Image (tag) variables; the app's own `vars` are defaults under them. */
  vars: Record<string, string>;
  /** The program is PID 1: its signal handlers are the container's. */
  pid1: boolean;
  /** Where the program lives (`/usr/local/bin/docker-entrypoint.sh`), for messages. */
  path: string;
}

function holds(c: Condition | undefined, s: RenderContext): boolean {
  if (!c) return true;
  const envSet = (n: string) => (s.env[n] ?? '') !== '';
  if (c.env !== undefined && !envSet(c.env)) return false;
  if (c.notEnv !== undefined && envSet(c.notEnv)) return false;
  if (c.envIs !== undefined) {
    const eq = c.envIs.indexOf('=');
    if (s.env[c.envIs.slice(0, eq)] !== c.envIs.slice(eq + 1)) return false;
  }
  if (c.opt !== undefined && s.opts[c.opt] === undefined) return false;
  if (c.notOpt !== undefined && s.opts[c.notOpt] !== undefined) return false;
  if (c.optContains && !(s.opts[c.optContains[0]] ?? '').includes(c.optContains[1])) return false;
  if (c.notOptContains && (s.opts[c.notOptContains[0]] ?? '').includes(c.notOptContains[1])) return false;
  if (c.args !== undefined && c.args !== Number(s.extra?.argc ?? s.args.length) > 0) return false;
  return true;
}

function cpus(s: RenderContext): number {
  return Math.max(1, Number(s.vars.cpus ?? '1'));
}

/** Plays a timeline: lines become output (with a trailing newline), sleeps pass time. */
export function* play(
  entries: readonly TimelineEntry[],
  s: RenderContext,
  now: () => number,
): Generator<Effect, void, void> {
  for (const e of entries) {
    if (!holds(e.when, s)) continue;
    if ('sleep' in e) {
      yield { kind: 'sleep', ms: e.sleep };
      continue;
    }
    const times = 'each' in e && e.each === 'worker' ? cpus(s) : 1;
    for (let i = 0; i < times; i++) {
      const scope: RenderContext = { ...s, now: now(), extra: { ...(s.extra ?? {}) } };
      if (times > 1 || ('each' in e && e.each))
        scope.extra!.worker = String(Number(s.vars.worker ?? '29') + i);
      if ('group' in e) yield* play(e.group, scope, now);
      else if ('out' in e) yield { kind: 'output', stream: 'stdout', text: `${render(e.out, scope)}\n` };
      else yield { kind: 'output', stream: 'stderr', text: `${render(e.err, scope)}\n` };
    }
  }
}

function parseOptions(app: AppData, args: string[]): { opts: Record<string, string>; positional: string[] } {
  const opts: Record<string, string> = {};
  const positional: string[] = [];
  const options = app.options ?? [];
  const find = (name: string) =>
    options.find(
      (o) => o.names.includes(name) || o.names.some((n) => /^-[^-]{2,}/.test(n) && `-${n}` === name),
    );
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 && a.startsWith('-') ? a.slice(0, eq) : a;
    const o = a.startsWith('-') ? find(name) : undefined;
    if (!o) {
      if (!a.startsWith('-')) positional.push(a);
      continue;
    }
    if (o.value) opts[o.var] = eq > 0 && name !== a ? a.slice(eq + 1) : (args[++i] ?? '');
    else opts[o.var] = 'true';
  }
  return { opts, positional };
}

function scopeFor(run: AppRun, app: AppData, opts: Record<string, string>, args: string[]): RenderContext {
  const vars: Record<string, string> = {
    kernel: KERNEL_RELEASE,
    cpus: String(run.rt.cpus),
    hostname: run.rt.hostname,
    podIP: run.rt.podIP,
    ...(app.vars ?? {}),
    ...run.vars,
  };
  return {
    vars,
    opts,
    env: run.inv.env,
    args,
    now: run.rt.now(),
    extra: { program: run.argv[0] ?? '', argc: String(run.argv.length - 1) },
  };
}

/** Runs a described program with its arguments. */
export function* runApp(app: AppData, run: AppRun): Program {
  const args = run.argv.slice(1);
  if (app.then.kind === 'exec-args') return yield* runWrapper(app, args, run);

  if (app.subcommands) {
    // Options may come before the subcommand (`redis-cli -p 6380 ping`): the first positional picks it.
    const sub = parseOptions(app, args).positional[0];
    const key =
      sub === undefined
        ? undefined
        : Object.keys(app.subcommands).find((k) => k.toLowerCase() === sub.toLowerCase());
    if (key !== undefined) {
      const chosen = app.subcommands[key]!;
      const child: AppData = {
        ...chosen,
        options: [...(app.options ?? []), ...(chosen.options ?? [])],
        vars: { ...(app.vars ?? {}), ...(chosen.vars ?? {}) },
        ...((chosen.connects ?? app.connects) ? { connects: chosen.connects ?? app.connects } : {}),
      };
      const at = args.indexOf(sub!);
      return yield* runApp(child, {
        ...run,
        argv: [run.argv[0]!, ...args.slice(0, at), ...args.slice(at + 1)],
      });
    }
    if (sub !== undefined && app.unknownSubcommand) {
      const s = scopeFor(run, app, {}, args);
      if (app.connects && !connected(app, s, run)) {
        yield* play(app.connects.refused, s, run.rt.now);
        return app.connects.exit;
      }
      yield* play(app.unknownSubcommand.timeline, s, run.rt.now);
      return app.unknownSubcommand.exit;
    }
  }

  const { opts, positional } = parseOptions(app, args);
  const scope = scopeFor(run, app, opts, positional);
  const now = run.rt.now;

  for (const a of app.actions ?? []) {
    if (args.some((x) => a.flags.includes(x))) {
      yield* play(a.timeline, scope, now);
      return a.exit;
    }
  }

  if (app.language) {
    const prog = runLanguage(app.language, args, run, scope);
    return yield* prog;
  }

  if (run.pid1) yield* installHandlers(app, scope, now);

  if (app.preamble) yield* play(app.preamble, scope, now);
  for (const r of app.requires ?? []) {
    if (r.unless && holds(r.unless, scope)) continue;
    const ok = r.anyOf.some((req) => {
      const eq = req.indexOf('=');
      return eq === -1 ? (scope.env[req] ?? '') !== '' : scope.env[req.slice(0, eq)] === req.slice(eq + 1);
    });
    if (!ok) {
      yield* play(r.timeline, scope, now);
      return r.exit;
    }
  }

  if (app.connects && !connected(app, scope, run)) {
    yield* play(app.connects.refused, scope, now);
    return app.connects.exit;
  }

  const body = (function* (): Program {
    yield* play(app.startup ?? [], scope, now);
    const then = app.alternatives?.find((alt) => holds(alt.when, scope))?.then ?? app.then;
    switch (then.kind) {
      case 'exit':
        return then.code;
      case 'block':
        yield { kind: 'block' };
        return 0;
      case 'serve': {
        const ports = then.ports
          .map((p) => parsePort(render(p, { ...scope, now: now() })))
          .filter((p): p is number => p !== undefined);
        const server: ServerSpec = {
          ports,
          http: then.http,
          scope: { vars: scope.vars, opts, env: scope.env, args: positional },
          startedAt: now(),
        };
        yield { kind: 'serve', server };
        return 0;
      }
      case 'exec-args':
        return 0;
    }
  })();
  if (app.bufferedStdoutUnlessEnv && !(scope.env[app.bufferedStdoutUnlessEnv] ?? ''))
    return yield* bufferStdout(body);
  return yield* body;
}

/** Whether a client app finds its server listening inside the Pod. */
function connected(app: AppData, scope: RenderContext, run: AppRun): boolean {
  if (!app.connects) return true;
  const port = parsePort(render(app.connects.port, { ...scope, now: run.rt.now() }));
  return port !== undefined && run.rt.listening().includes(port);
}

function* installHandlers(
  app: AppData,
  scope: RenderContext,
  now: () => number,
): Generator<Effect, void, void> {
  for (const [sig, h] of Object.entries(app.signals ?? {})) {
    if (!h) continue;
    yield {
      kind: 'handle',
      signal: sig as SignalName,
      handler: function* (): Program<number | null> {
        yield* play(h.timeline, scope, now);
        return h.exit;
      },
    };
  }
}

/**
 * Block buffering of stdout when it is not a terminal (Python's default in a container): lines
 * appear only at exit or every 8 KiB. This is why `print()` in a Pod often shows nothing in
 * `kubectl logs` until PYTHONUNBUFFERED=1 is set.
 */
export const STDOUT_BUFFER_BYTES = 8192;

function* bufferStdout(prog: Program): Program {
  let pending = '';
  let r = prog.next();
  while (!r.done) {
    const e = r.value;
    if (e.kind === 'output' && e.stream === 'stdout') {
      pending += e.text;
      if (pending.length >= STDOUT_BUFFER_BYTES) {
        yield { kind: 'output', stream: 'stdout', text: pending };
        pending = '';
      }
    } else yield e;
    r = prog.next();
  }
  if (pending) yield { kind: 'output', stream: 'stdout', text: pending };
  return r.value;
}

/** docker-entrypoint.sh-style wrappers: adjust "$@", run the set-up, then `exec "$@"`. */
function* runWrapper(app: AppData, argsIn: string[], run: AppRun): Program {
  let args = argsIn;
  if (
    app.prependWhenOption &&
    (args[0]?.startsWith('-') || (app.prependWhenSuffix && args[0]?.endsWith(app.prependWhenSuffix)))
  )
    args = [app.prependWhenOption, ...args];
  if (app.prependWhenNotCommand && args.length > 0) {
    const first = args[0]!;
    const isCommand =
      !first.startsWith('-') &&
      lookupProgram(run.rt.image, first, run.inv.env.PATH ?? '', run.inv.cwd) !== undefined;
    if (!isCommand) args = [app.prependWhenNotCommand, ...args];
  }
  const first = args[0];
  const doSetup =
    !app.setupFor || (first !== undefined && app.setupFor.includes(first.slice(first.lastIndexOf('/') + 1)));
  if (doSetup) {
    const scope = scopeFor(run, app, {}, args);
    if (app.preamble) yield* play(app.preamble, scope, run.rt.now);
    for (const r of app.requires ?? []) {
      const ok = r.anyOf.some((req) => {
        const eq = req.indexOf('=');
        return eq === -1 ? (scope.env[req] ?? '') !== '' : scope.env[req.slice(0, eq)] === req.slice(eq + 1);
      });
      if (!ok) {
        yield* play(r.timeline, scope, run.rt.now);
        return r.exit;
      }
    }
    yield* play(app.startup ?? [], scope, run.rt.now);
  }
  if (args.length === 0) return 0;
  const r = run.rt.spawn(args, { env: run.inv.env, cwd: run.inv.cwd, stdin: run.inv.stdin, exec: run.pid1 });
  if (r.kind === 'not-found') {
    yield* stderr(`${run.path}: exec: ${args[0]}: not found\n`);
    return 127;
  }
  if (r.kind === 'unsimulated') {
    yield* stderr(`kubesim: '${args[0]}' exists in this image but is not simulated\n`);
    return 1;
  }
  return yield* r.program;
}

// ---------------------------------------------------------------------------------------------------
// Language runtimes

function* runLanguage(lang: LanguageData, args: string[], run: AppRun, scope: RenderContext): Program {
  let code: string | undefined;
  let script: string | undefined;
  let module: string | undefined;
  let rest: string[] = [];
  let unbuffered = false;
  let perlNewline = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (lang.codeFlags.includes(a) || (lang.kind === 'perl' && /^-[a-zA-Z]*[eE]$/.test(a))) {
      if (lang.kind === 'perl' && a.includes('l')) perlNewline = true;
      code = args[i + 1] ?? '';
      rest = args.slice(i + 2);
      break;
    }
    if (lang.kind === 'python' && a === '-m') {
      module = args[i + 1];
      rest = args.slice(i + 2);
      break;
    }
    if (a === '-u') unbuffered = true;
    if (a.startsWith('-')) {
      if (lang.kind === 'perl' && a.includes('l')) perlNewline = true;
      continue;
    }
    script = a;
    rest = args.slice(i + 1);
    break;
  }
  const program = run.argv[0]!;
  if (module !== undefined) {
    const m = lang.modules?.[module];
    if (!m) {
      yield* stderr(`${program}: No module named ${module}\n`);
      return 1;
    }
    return yield* runApp(m, { ...run, argv: [program, ...rest] });
  }
  if (script !== undefined && code === undefined) {
    const path = resolvePath(run.inv.cwd, script);
    const c = run.rt.fs.read(path);
    if (isFsError(c)) {
      const s: RenderContext = { ...scope, extra: { ...(scope.extra ?? {}), script: path } };
      yield* play(lang.missingScript.timeline, s, run.rt.now);
      return lang.missingScript.exit;
    }
    code = c;
  }
  if (code === undefined) {
    yield* play(lang.noInput.timeline, scope, run.rt.now);
    return lang.noInput.exit;
  }
  const buffered = lang.kind === 'python' && !unbuffered && !(run.inv.env.PYTHONUNBUFFERED ?? '');
  const mini = new MiniInterpreter(lang.kind, run, { buffered, perlNewline });
  return yield* mini.run(code);
}

class Unsupported extends Error {}
class MiniExit {
  constructor(readonly code: number) {}
}

interface Stmt {
  text: string;
  indent: number;
  body: Stmt[];
}

/**
 * Line-oriented mini interpreters for python/node/perl one-liners. Values are strings and numbers;
 * statements outside the supported set raise Unsupported, reported to the user as not simulated.
 */
class MiniInterpreter {
  private vars = new Map<string, string | number>();
  private funcs = new Map<string, Stmt[]>();
  private pending = '';
  private iterations = 0;

  constructor(
    readonly lang: 'python' | 'node' | 'perl',
    readonly ctx: AppRun,
    readonly opts: { buffered: boolean; perlNewline: boolean },
  ) {}

  *run(code: string): Program {
    let status = 0;
    try {
      if (this.lang === 'node' && /require\(\s*['"]express['"]\s*\)/.test(code)) {
        yield* stderr(
          `node:internal/modules/cjs/loader:1386\n  throw err;\n  ^\n\nError: Cannot find module 'express'\nRequire stack:\n- ${this.ctx.inv.cwd === '/' ? '' : this.ctx.inv.cwd}/[eval]\n    at Function._resolveFilename (node:internal/modules/cjs/loader:1383:15) {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: [ '[eval]' ]\n}\n\nNode.js v${this.ctx.vars.version ?? ''}\n`,
        );
        return 1;
      }
      if (this.lang === 'node' && /createServer/.test(code) && /\.listen\(/.test(code)) {
        yield* this.nodeServer(code);
        return 0;
      }
      const stmts =
        this.lang === 'python'
          ? parseIndented(code)
          : splitStatements(code).map((text) => ({ text, indent: 0, body: [] }));
      yield* this.block(stmts);
    } catch (e) {
      if (e instanceof MiniExit) status = e.code;
      else if (e instanceof Unsupported) {
        yield* this.flush();
        yield* stderr(`kubesim: this ${this.lang} code is not simulated: ${e.message}\n`);
        return 1;
      } else throw e;
    }
    yield* this.flush();
    return status;
  }

  private *flush(): Generator<Effect, void, void> {
    if (this.pending) yield* stdout(this.pending);
    this.pending = '';
  }

  private *print(text: string, stream: 'stdout' | 'stderr', flush = false): Generator<Effect, void, void> {
    if (stream === 'stderr' || !this.opts.buffered) {
      yield* stream === 'stdout' ? stdout(text) : stderr(text);
      return;
    }
    this.pending += text;
    if (flush || this.pending.length >= STDOUT_BUFFER_BYTES) yield* this.flush();
  }

  private *guard(): Generator<Effect, void, void> {
    if (++this.iterations >= 100) {
      this.iterations = 0;
      yield { kind: 'sleep', ms: 1 };
    }
  }

  private *block(stmts: Stmt[]): Generator<Effect, void, void> {
    for (const s of stmts) yield* this.stmt(s);
  }

  private *stmt(s: Stmt): Generator<Effect, void, void> {
    const t = s.text.trim().replace(/;$/, '').trim();
    if (!t || t.startsWith('#') || t.startsWith('//')) return;
    if (this.lang === 'python') return yield* this.python(t, s);
    if (this.lang === 'node') return yield* this.node(t);
    return yield* this.perl(t);
  }

  // --- python ---

  private *python(t: string, s: Stmt): Generator<Effect, void, void> {
    let m: RegExpExecArray | null;
    if (/^(import |from \S+ import )/.test(t) || t === 'pass') return;
    if ((m = /^print\((.*)\)$/s.exec(t))) {
      const args = splitArgs(m[1]!);
      let end = '\n';
      let stream: 'stdout' | 'stderr' = 'stdout';
      let flush = false;
      let sep = ' ';
      const vals: string[] = [];
      for (const a of args) {
        const kw = /^(end|sep|file|flush)\s*=\s*(.*)$/s.exec(a);
        if (kw) {
          if (kw[1] === 'end') end = this.str(kw[2]!);
          else if (kw[1] === 'sep') sep = this.str(kw[2]!);
          else if (kw[1] === 'file') stream = /stderr/.test(kw[2]!) ? 'stderr' : 'stdout';
          else flush = kw[2]!.trim() === 'True';
        } else vals.push(this.str(a));
      }
      return yield* this.print(vals.join(sep) + end, stream, flush);
    }
    if ((m = /^(?:time\.)?sleep\((.*)\)$/.exec(t))) {
      yield { kind: 'sleep', ms: Math.round(Number(this.value(m[1]!)) * 1000) };
      this.iterations = 0;
      return;
    }
    if ((m = /^(?:sys\.exit|exit|quit|raise SystemExit)\((.*)\)$/.exec(t))) {
      const v = m[1]!.trim() === '' ? 0 : this.value(m[1]!);
      if (typeof v === 'string' && !/^\d+$/.test(v)) {
        yield* this.print(`${v}\n`, 'stderr');
        throw new MiniExit(1);
      }
      throw new MiniExit(Number(v));
    }
    if (/^while\s+(True|1)\s*:$/.test(t)) {
      for (;;) {
        yield* this.guard();
        yield* this.block(s.body);
      }
    }
    if ((m = /^for\s+([A-Za-z_]\w*)\s+in\s+range\((.*)\)\s*:$/.exec(t))) {
      const nums = splitArgs(m[2]!).map((a) => Number(this.value(a)));
      const [from, to, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
      for (let i = from; step > 0 ? i < to : i > to; i += step) {
        yield* this.guard();
        this.vars.set(m[1]!, i);
        yield* this.block(s.body);
      }
      return;
    }
    if (/^if\s+__name__\s*==\s*['"]__main__['"]\s*:$/.test(t)) return yield* this.block(s.body);
    if ((m = /^def\s+([A-Za-z_]\w*)\(\)\s*:$/.exec(t))) {
      this.funcs.set(m[1]!, s.body);
      return;
    }
    if ((m = /^([A-Za-z_]\w*)\(\)$/.exec(t)) && this.funcs.has(m[1]!))
      return yield* this.block(this.funcs.get(m[1]!)!);
    if ((m = /^([A-Za-z_]\w*)\s*=\s*(.+)$/.exec(t))) {
      this.vars.set(m[1]!, this.value(m[2]!));
      return;
    }
    if ((m = /^([A-Za-z_]\w*)\s*\+=\s*(.+)$/.exec(t))) {
      const cur = this.vars.get(m[1]!) ?? 0;
      const add = this.value(m[2]!);
      this.vars.set(m[1]!, typeof cur === 'number' && typeof add === 'number' ? cur + add : `${cur}${add}`);
      return;
    }
    throw new Unsupported(t);
  }

  // --- node ---

  private *node(t: string): Generator<Effect, void, void> {
    let m: RegExpExecArray | null;
    if (/^(const|let|var)\s+\w+\s*=\s*require\(/.test(t) || /^['"]use strict['"]$/.test(t)) return;
    if ((m = /^console\.(log|error|info|warn)\((.*)\)$/s.exec(t))) {
      const text = splitArgs(m[2]!)
        .map((a) => this.str(a))
        .join(' ');
      return yield* this.print(`${text}\n`, m[1] === 'error' || m[1] === 'warn' ? 'stderr' : 'stdout');
    }
    if ((m = /^process\.exit\((.*)\)$/.exec(t))) throw new MiniExit(Number(this.value(m[1]! || '0')));
    if ((m = /^(setInterval|setTimeout)\((.*)\)$/s.exec(t))) {
      const args = splitArgs(m[2]!);
      const body = callbackBody(args[0] ?? '');
      const ms = Number(this.value(args[1] ?? '0'));
      const stmts = splitStatements(body).map((text) => ({ text, indent: 0, body: [] }));
      if (m[1] === 'setTimeout') {
        yield { kind: 'sleep', ms };
        return yield* this.block(stmts);
      }
      for (;;) {
        if (ms > 0) yield { kind: 'sleep', ms };
        else yield* this.guard();
        yield* this.block(stmts);
      }
    }
    if (
      (m = /^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(.+)$/s.exec(t)) ||
      (m = /^([A-Za-z_$][\w$]*)\s*=\s*(.+)$/s.exec(t))
    ) {
      this.vars.set(m[1]!, this.value(m[2]!));
      return;
    }
    throw new Unsupported(t);
  }

  private *nodeServer(code: string): Generator<Effect, void, void> {
    const port = Number(
      /\.listen\(\s*(?:process\.env\.PORT\s*\|\|\s*)?(\d+)/.exec(code)?.[1] ??
        (this.ctx.inv.env.PORT || '3000'),
    );
    const body = /res\.(?:end|send)\(\s*(['"`])([\s\S]*?)\1\s*\)/.exec(code)?.[2] ?? '';
    const log =
      /\.listen\([^,)]*,\s*(?:\(\)\s*=>|function\s*\(\)\s*)\s*\{?\s*console\.log\(([\s\S]*?)\)\s*;?\s*\}?\s*\)/.exec(
        code,
      );
    if (log)
      yield* this.print(
        `${splitArgs(log[1]!)
          .map((a) => this.str(a))
          .join(' ')}\n`,
        'stdout',
      );
    yield {
      kind: 'serve',
      server: {
        ports: [port],
        http: { kind: 'routes', routes: [], fallback: { path: '*', body, contentType: 'text/plain' } },
        scope: { vars: {}, opts: {}, env: this.ctx.inv.env, args: [] },
        startedAt: this.ctx.rt.now(),
      },
    };
  }

  // --- perl ---

  private *perl(t: string): Generator<Effect, void, void> {
    let m: RegExpExecArray | null;
    if (/^use\s/.test(t)) return;
    const nl = this.opts.perlNewline ? '\n' : '';
    if ((m = /^print\s+(?:STDOUT\s+)?bpi\((\d+)\)$/.exec(t))) {
      const n = Number(m[1]);
      // Math::BigFloat takes a moment for thousands of digits; keep the Job visibly Running for a bit.
      yield { kind: 'sleep', ms: Math.round((n * n) / 1000) };
      return yield* this.print(piDigits(n) + nl, 'stdout');
    }
    if ((m = /^print\s+(STDERR\s+)?(.+)$/s.exec(t))) {
      const parts = splitArgs(m[2]!, '.').map((a) => this.str(a));
      return yield* this.print(parts.join('') + nl, m[1] ? 'stderr' : 'stdout');
    }
    if ((m = /^sleep\s*\(?\s*([\d.]+)\s*\)?$/.exec(t))) {
      yield { kind: 'sleep', ms: Math.round(Number(m[1]) * 1000) };
      return;
    }
    if ((m = /^exit\s*\(?\s*(\d*)\s*\)?$/.exec(t))) throw new MiniExit(Number(m[1] || '0'));
    if ((m = /^while\s*\(\s*1\s*\)\s*\{(.*)\}$/s.exec(t))) {
      const stmts = splitStatements(m[1]!).map((text) => ({ text, indent: 0, body: [] }));
      for (;;) {
        yield* this.guard();
        yield* this.block(stmts);
      }
    }
    throw new Unsupported(t);
  }

  // --- values ---

  private value(expr: string): string | number {
    const e = expr.trim();
    if (/^-?\d+(\.\d+)?$/.test(e)) return Number(e);
    const parts = splitArgs(e, '+');
    if (parts.length > 1) {
      const vals = parts.map((p) => this.value(p));
      if (vals.every((v) => typeof v === 'number')) return (vals as number[]).reduce((a, b) => a + b, 0);
      return vals.map((v) => String(v)).join('');
    }
    const lit = /^([fbr]*)(['"`])([\s\S]*)\2$/.exec(e);
    if (lit) {
      let s = lit[3]!;
      if (!lit[1]!.includes('r'))
        s = s
          .replace(/\\n/g, '\n')
          .replace(/\\t/g, '\t')
          .replace(/\\(['"\\])/g, '$1');
      if (lit[1]!.includes('f')) s = s.replace(/\{([^}]+)\}/g, (_x, v: string) => String(this.value(v)));
      if (lit[2] === '`') s = s.replace(/\$\{([^}]+)\}/g, (_x, v: string) => String(this.value(v)));
      if (this.lang === 'perl' && lit[2] === '"')
        s = s.replace(/\$(\w+)/g, (_x, v: string) => String(this.vars.get(v) ?? ''));
      return s;
    }
    let m: RegExpExecArray | null;
    if ((m = /^str\((.*)\)$/.exec(e)) || (m = /^String\((.*)\)$/.exec(e))) return String(this.value(m[1]!));
    if (
      (m =
        /^(?:os\.environ(?:\.get\(|\[)|os\.getenv\(|process\.env\.|\$ENV\{)['"]?(\w+)['"]?(?:\s*,\s*(.+?))?[)\]}]?$/.exec(
          e,
        ))
    ) {
      const v = this.ctx.inv.env[m[1]!];
      return v ?? (m[2] !== undefined ? this.value(m[2]) : '');
    }
    if ((m = /^socket\.gethostname\(\)$|^os\.hostname\(\)$|^require\(['"]os['"]\)\.hostname\(\)$/.exec(e)))
      return this.ctx.rt.hostname;
    if (/^(time\.)?time\(\)$|^Date\.now\(\)$/.test(e))
      return this.lang === 'node' ? this.ctx.rt.now() : this.ctx.rt.now() / 1000;
    if (/^new Date\(\)(\.toISOString\(\))?$/.test(e)) return new Date(this.ctx.rt.now()).toISOString();
    if (this.vars.has(e)) return this.vars.get(e)!;
    throw new Unsupported(expr.trim());
  }

  private str(expr: string): string {
    return String(this.value(expr));
  }
}

/** Python statements with their indented blocks. */
function parseIndented(code: string): Stmt[] {
  const lines: { text: string; indent: number }[] = [];
  for (const raw of code.split('\n')) {
    for (const piece of splitStatements(raw, ';')) {
      if (!piece.trim()) continue;
      lines.push({ text: piece.trim(), indent: /^\s*/.exec(raw)![0].length });
    }
  }
  // One-liners: `while True: print(1); time.sleep(1)` put the body on the same line.
  const expanded: { text: string; indent: number }[] = [];
  for (const l of lines) {
    const m = /^((?:while|for|if|def)\b[^:]*:)\s*(\S.*)$/.exec(l.text);
    if (m && !l.text.endsWith(':')) {
      expanded.push({ text: m[1]!, indent: l.indent });
      expanded.push({ text: m[2]!, indent: l.indent + 4 });
    } else expanded.push(l);
  }
  let i = 0;
  const parseBlock = (indent: number): Stmt[] => {
    const out: Stmt[] = [];
    while (i < expanded.length && expanded[i]!.indent >= indent) {
      const l = expanded[i++]!;
      const s: Stmt = { text: l.text, indent: l.indent, body: [] };
      if (l.text.endsWith(':') && i < expanded.length && expanded[i]!.indent > l.indent)
        s.body = parseBlock(expanded[i]!.indent);
      out.push(s);
    }
    return out;
  };
  return parseBlock(0);
}

/** Splits on a separator outside quotes and brackets. */
function splitStatements(code: string, seps = ';\n'): string[] {
  return splitTop(code, (c) => seps.includes(c))
    .map((s) => s.trim())
    .filter(Boolean);
}

function splitArgs(s: string, sep = ','): string[] {
  if (!s.trim()) return [];
  return splitTop(s, (c) => c === sep).map((x) => x.trim());
}

function splitTop(s: string, isSep: (c: string) => boolean): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      cur += c;
      if (c === '\\') cur += s[++i] ?? '';
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && isSep(c)) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function callbackBody(cb: string): string {
  const t = cb.trim();
  const m =
    /^(?:\([^)]*\)|\w+)\s*=>\s*([\s\S]*)$/.exec(t) ?? /^function\s*\w*\s*\([^)]*\)\s*([\s\S]*)$/.exec(t);
  let body = m ? m[1]!.trim() : t;
  if (body.startsWith('{') && body.endsWith('}')) body = body.slice(1, -1);
  return body;
}

/** π to `n` significant digits, rounded, as Math::BigFloat's bpi(n) prints it. */
export function piDigits(n: number): string {
  const guard = 10;
  const scale = 10n ** BigInt(n + guard);
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    let k = 1n;
    let sign = 1n;
    while (term !== 0n) {
      sum += (sign * term) / k;
      term /= x2;
      k += 2n;
      sign = -sign;
    }
    return sum;
  };
  const pi = 4n * (4n * arctanInv(5n) - arctanInv(239n));
  let digits = pi.toString().slice(0, n + 1);
  let keep = BigInt(digits.slice(0, n));
  if (Number(digits[n] ?? '0') >= 5) keep += 1n;
  digits = keep.toString();
  return n <= 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
}
