/**
 * The standard utilities a container image ships (busybox applets or GNU coreutils), simulated. Each is
 * a generator of effects like every program here, so `sleep 5` takes five simulated seconds and `wget`
 * asks the simulated network. Where busybox and GNU word their errors differently, both are kept:
 * learners read these messages in `kubectl logs`, and they should match what a real image prints.
 */
import { STRERROR, isFsError } from './fs';
import type { FsError } from './fs';
import { KERNEL_RELEASE } from './images-data';
import type { UtilFlavour } from './images-data';
import { lookupProgram, normalizePath } from './images';
import type { Effect, InvocationContext, Program, RuntimeContext } from './types';

export interface UtilInvocation extends InvocationContext {
  rt: RuntimeContext;
  flavour: UtilFlavour;
}

export type UtilFn = (argv: string[], inv: UtilInvocation) => Program;

/** Output helpers: every write is one effect, text exactly as written. */
export function* stdout(text: string): Generator<Effect, void, void> {
  if (text) yield { kind: 'output', stream: 'stdout', text };
}
export function* stderr(text: string): Generator<Effect, void, void> {
  if (text) yield { kind: 'output', stream: 'stderr', text };
}

export function resolvePath(cwd: string, p: string): string {
  return normalizePath(p.startsWith('/') ? p : `${cwd}/${p}`);
}

function strerror(e: FsError): string {
  return STRERROR[e];
}

/** Reads a file argument (`-` is stdin). */
function readInput(inv: UtilInvocation, p: string): string | FsError {
  if (p === '-') return inv.stdin ?? '';
  return inv.rt.fs.read(resolvePath(inv.cwd, p));
}

// ---------------------------------------------------------------------------------------------------
// echo / printf / test: shared with the shell's builtins

const ESCAPES: Record<string, string> = {
  '\\': '\\',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Interprets backslash escapes; returns the text and whether `\c` stopped output. */
export function interpretEscapes(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1]!;
    if (n === 'c') return { text: out, stop: true };
    if (n in ESCAPES) {
      out += ESCAPES[n];
      i++;
    } else if (n === '0' || /[1-7]/.test(n)) {
      const m = /^0?[0-7]{0,3}/.exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m || '0', 8) & 0xff);
      i += m.length;
    } else {
      out += c;
    }
  }
  return { text: out, stop: false };
}

/**
 * `echo`. Busybox, bash and GNU accept `-n`/`-e`/`-E` and do not interpret escapes by default; dash's
 * builtin only knows `-n` and always interprets escapes (so `echo -e 'x'` prints `-e x` there).
 */
export function echoText(args: string[], dialect: 'gnu' | 'dash'): string {
  let newline = true;
  let escapes = dialect === 'dash';
  let i = 0;
  if (dialect === 'dash') {
    if (args[0] === '-n') {
      newline = false;
      i = 1;
    }
  } else {
    for (; i < args.length && /^-[neE]+$/.test(args[i]!); i++) {
      for (const f of args[i]!.slice(1)) {
        if (f === 'n') newline = false;
        else if (f === 'e') escapes = true;
        else escapes = false;
      }
    }
  }
  const body = args.slice(i).join(' ');
  if (!escapes) return body + (newline ? '\n' : '');
  const r = interpretEscapes(body);
  return r.text + (newline && !r.stop ? '\n' : '');
}

/** `printf FORMAT [ARG]...`: %s %b %d %i %u %x %X %o %c %f %e %g %%, widths, reused for extra args. */
export function formatPrintf(format: string, args: string[]): { text: string; error?: string } {
  let out = '';
  let ai = 0;
  let error: string | undefined;
  const fmt = interpretEscapes(format.replace(/\\c/g, '\\\\c')).text;
  const spec = /%([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*))?([sbdiuxXocfeEgG%])/g;
  do {
    let last = 0;
    let consumed = false;
    spec.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = spec.exec(fmt))) {
      out += fmt.slice(last, m.index);
      last = spec.lastIndex;
      const [, flags = '', widthRaw, precRaw, conv] = m;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const width = widthRaw === '*' ? Number(args[ai++] ?? 0) : widthRaw ? Number(widthRaw) : 0;
      const prec =
        precRaw === '*' ? Number(args[ai++] ?? 0) : precRaw !== undefined ? Number(precRaw) : undefined;
      const arg = args[ai++];
      consumed = consumed || arg !== undefined;
      let s: string;
      switch (conv) {
        case 's':
          s = arg ?? '';
          if (prec !== undefined) s = s.slice(0, prec);
          break;
        case 'b':
          s = interpretEscapes(arg ?? '').text;
          break;
        case 'c':
          s = (arg ?? '').slice(0, 1);
          break;
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
          const raw = arg ?? '0';
          let n = /^'./.test(raw) || /^"./.test(raw) ? raw.charCodeAt(1) : Number(raw.trim() || '0');
          if (!Number.isFinite(n)) {
            error = `invalid number '${raw}'`;
            n = 0;
          }
          n = Math.trunc(n);
          s =
            conv === 'x'
              ? n.toString(16)
              : conv === 'X'
                ? n.toString(16).toUpperCase()
                : conv === 'o'
                  ? n.toString(8)
                  : String(n);
          if (flags.includes('+') && n >= 0 && (conv === 'd' || conv === 'i')) s = `+${s}`;
          break;
        }
        default: {
          const n = Number(arg ?? '0');
          const p = prec ?? 6;
          s =
            conv === 'f'
              ? n.toFixed(p)
              : conv === 'e' || conv === 'E'
                ? n.toExponential(p)
                : String(Number(n.toPrecision(p || 1)));
          if (conv === 'E' || conv === 'G') s = s.toUpperCase();
        }
      }
      if (s.length < width) {
        const pad = (flags.includes('0') && !flags.includes('-') && conv !== 's' ? '0' : ' ').repeat(
          width - s.length,
        );
        s = flags.includes('-') ? s + pad.replace(/0/g, ' ') : pad + s;
      }
      out += s;
    }
    out += fmt.slice(last);
    if (!consumed) break;
  } while (ai < args.length);
  return error ? { text: out, error } : { text: out };
}

export interface TestResult {
  status: number;
  error?: string;
}

/** `test` / `[`: POSIX expressions with `!`, `-a`, `-o` and parentheses. */
export function evalTest(args: string[], inv: Pick<UtilInvocation, 'rt' | 'cwd' | 'env'>): TestResult {
  let pos = 0;
  const fileOp = (op: string, p: string): boolean => {
    const path = resolvePath(inv.cwd, p);
    const st = inv.rt.fs.stat(path);
    switch (op) {
      case '-e':
      case '-r':
      case '-w':
        return st !== undefined;
      case '-f':
        return st === 'file';
      case '-d':
        return st === 'dir';
      case '-s': {
        const c = inv.rt.fs.read(path);
        return !isFsError(c) && c.length > 0;
      }
      case '-x':
        return st === 'dir' || inv.rt.image.programs.has(path);
      case '-L':
      case '-h':
      case '-p':
      case '-S':
      case '-b':
      case '-c':
        return false;
      default:
        return false;
    }
  };
  const int = (s: string): number => {
    if (!/^\s*[-+]?\d+\s*$/.test(s)) throw new TestError(`${s}: integer expression expected`);
    return parseInt(s, 10);
  };
  const primary = (): boolean => {
    const a = args[pos];
    if (a === undefined) throw new TestError('argument expected');
    if (a === '!') {
      pos++;
      return !primary();
    }
    if (a === '(') {
      pos++;
      const v = orExpr();
      if (args[pos] !== ')') throw new TestError("')' expected");
      pos++;
      return v;
    }
    const b = args[pos + 1];
    const c = args[pos + 2];
    const binOps = ['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '<', '>', '-nt', '-ot'];
    if (b !== undefined && binOps.includes(b) && c !== undefined) {
      pos += 3;
      switch (b) {
        case '=':
        case '==':
          return a === c;
        case '!=':
          return a !== c;
        case '<':
          return a < c;
        case '>':
          return a > c;
        case '-eq':
          return int(a) === int(c);
        case '-ne':
          return int(a) !== int(c);
        case '-lt':
          return int(a) < int(c);
        case '-le':
          return int(a) <= int(c);
        case '-gt':
          return int(a) > int(c);
        case '-ge':
          return int(a) >= int(c);
        default:
          return false;
      }
    }
    if (/^-[a-zA-Z]$/.test(a) && b !== undefined) {
      pos += 2;
      if (a === '-z') return b.length === 0;
      if (a === '-n') return b.length > 0;
      if (a === '-t') return false;
      if ('erwfdsxLhpSbc'.includes(a[1]!)) return fileOp(a, b);
      throw new TestError(`${a}: unary operator expected`);
    }
    pos++;
    return a.length > 0;
  };
  const andExpr = (): boolean => {
    let v = primary();
    while (args[pos] === '-a') {
      pos++;
      const r = primary();
      v = v && r;
    }
    return v;
  };
  const orExpr = (): boolean => {
    let v = andExpr();
    while (args[pos] === '-o') {
      pos++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  try {
    if (args.length === 0) return { status: 1 };
    const v = orExpr();
    if (pos < args.length) return { status: 2, error: `${args[pos]}: unexpected operator` };
    return { status: v ? 0 : 1 };
  } catch (e) {
    if (e instanceof TestError) return { status: 2, error: e.message };
    throw e;
  }
}

class TestError extends Error {}

// ---------------------------------------------------------------------------------------------------
// Time

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function pad(n: number, w = 2, c = '0'): string {
  return String(n).padStart(w, c);
}

/** strftime subset, UTC (containers run with TZ unset). Default: `date`'s `Mon Jan  5 09:00:00 UTC 2026`. */
export function formatDate(ms: number, fmt = '%a %b %e %H:%M:%S %Z %Y'): string {
  const d = new Date(ms);
  // A switch, not a table of closures: this runs for every timestamped log line.
  const field = (c: string): string | undefined => {
    switch (c) {
      case 'Y':
        return String(d.getUTCFullYear());
      case 'y':
        return pad(d.getUTCFullYear() % 100);
      case 'm':
        return pad(d.getUTCMonth() + 1);
      case 'd':
        return pad(d.getUTCDate());
      case 'e':
        return pad(d.getUTCDate(), 2, ' ');
      case 'H':
        return pad(d.getUTCHours());
      case 'I':
        return pad(d.getUTCHours() % 12 || 12);
      case 'M':
        return pad(d.getUTCMinutes());
      case 'S':
        return pad(d.getUTCSeconds());
      case 'N':
        return pad(d.getUTCMilliseconds(), 3) + '000000';
      case 's':
        return String(Math.floor(ms / 1000));
      case 'a':
        return DAYS[d.getUTCDay()]!;
      case 'A':
        return DAYS_LONG[d.getUTCDay()]!;
      case 'b':
      case 'h':
        return MONTHS[d.getUTCMonth()]!;
      case 'B':
        return MONTHS_LONG[d.getUTCMonth()]!;
      case 'j':
        return pad(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3);
      case 'p':
        return d.getUTCHours() < 12 ? 'AM' : 'PM';
      case 'Z':
        return 'UTC';
      case 'z':
        return '+0000';
      case 'F':
        return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      case 'T':
        return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      case 'R':
        return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
      case 'D':
        return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCFullYear() % 100)}`;
      case 'u':
        return String(d.getUTCDay() || 7);
      case 'w':
        return String(d.getUTCDay());
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case '%':
        return '%';
      default:
        return undefined;
    }
  };
  return fmt.replace(/%([a-zA-Z%])/g, (whole, c: string) => field(c) ?? whole);
}

/** Parses a duration as sleep/timeout do: `5`, `0.5`, `5s`, `2m`, `1h`, `1d`, `infinity`. */
export function parseDuration(s: string): number | 'infinity' | undefined {
  if (/^(inf|infinity)$/i.test(s)) return 'infinity';
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
    m[2] as '' | 's' | 'm' | 'h' | 'd'
  ];
  return Math.round(Number(m[1]) * mult);
}

/** Sleeps longer than this are "forever" for the simulation (about 30 years). */
export const FOREVER_MS = 1e12;

// ---------------------------------------------------------------------------------------------------
// The utilities

function* sleepUtil(argv: string[], inv: UtilInvocation): Program {
  const args = argv.slice(1).filter((a) => a !== '--');
  if (args.length === 0) {
    yield* stderr(
      inv.flavour === 'busybox'
        ? 'sleep: missing operand\n'
        : "sleep: missing operand\nTry 'sleep --help' for more information.\n",
    );
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const d = parseDuration(a);
    if (d === undefined) {
      yield* stderr(
        inv.flavour === 'busybox'
          ? `sleep: invalid number '${a}'\n`
          : `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`,
      );
      return 1;
    }
    if (d === 'infinity') {
      yield { kind: 'block' };
      return 0;
    }
    total += d;
  }
  if (total >= FOREVER_MS) {
    yield { kind: 'block' };
    return 0;
  }
  if (total > 0) yield { kind: 'sleep', ms: total };
  return 0;
}

function* echoUtil(argv: string[]): Program {
  yield* stdout(echoText(argv.slice(1), 'gnu'));
  return 0;
}

function* printfUtil(argv: string[]): Program {
  if (argv.length < 2) {
    yield* stderr('printf: missing operand\n');
    return 1;
  }
  const r = formatPrintf(argv[1]!, argv.slice(2));
  yield* stdout(r.text);
  if (r.error) {
    yield* stderr(`printf: ${r.error}\n`);
    return 1;
  }
  return 0;
}

function* catUtil(argv: string[], inv: UtilInvocation): Program {
  const files = argv.slice(1).filter((a) => !/^-[a-zA-Z]+$/.test(a));
  let status = 0;
  if (files.length === 0) files.push('-');
  for (const f of files) {
    const c = readInput(inv, f);
    if (isFsError(c)) {
      status = 1;
      yield* stderr(
        inv.flavour === 'busybox'
          ? c === 'EISDIR'
            ? `cat: read error: Is a directory\n`
            : `cat: can't open '${f}': ${strerror(c)}\n`
          : `cat: ${f}: ${strerror(c)}\n`,
      );
      continue;
    }
    yield* stdout(c);
  }
  return status;
}

function* envUtil(argv: string[], inv: UtilInvocation): Program {
  let i = 1;
  let env: Record<string, string> = { ...inv.env };
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-i' || a === '-' || a === '--ignore-environment') env = {};
    else if (a === '-u') delete env[argv[++i] ?? ''];
    else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) {
      const eq = a.indexOf('=');
      env[a.slice(0, eq)] = a.slice(eq + 1);
    } else break;
  }
  if (i >= argv.length) {
    yield* stdout(
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
    return 0;
  }
  const cmd = argv.slice(i);
  const r = inv.rt.spawn(cmd, { env, cwd: inv.cwd, stdin: inv.stdin, exec: false });
  if (r.kind === 'run') return yield* r.program;
  if (r.kind === 'unsimulated') return yield* unsimulated(cmd[0]!);
  yield* stderr(
    inv.flavour === 'busybox'
      ? `env: can't execute '${cmd[0]}': No such file or directory\n`
      : `env: '${cmd[0]}': No such file or directory\n`,
  );
  return 127;
}

/** A binary that exists in the image but has no simulation: say so rather than invent its output. */
export function* unsimulated(name: string): Program {
  yield* stderr(`kubesim: '${name}' exists in this image but is not simulated\n`);
  return 1;
}

function* printenvUtil(argv: string[], inv: UtilInvocation): Program {
  const names = argv.slice(1);
  if (names.length === 0) {
    yield* stdout(
      Object.entries(inv.env)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
    return 0;
  }
  let status = 0;
  for (const n of names) {
    const v = inv.env[n];
    if (v === undefined) status = 1;
    else yield* stdout(`${v}\n`);
  }
  return status;
}

function* dateUtil(argv: string[], inv: UtilInvocation): Program {
  let fmt: string | undefined;
  for (const a of argv.slice(1)) {
    if (a.startsWith('+')) fmt = a.slice(1);
    else if (a === '-I' || a === '--iso-8601' || a === '-Idate') fmt = '%F';
    else if (a === '-Iseconds' || a === '--iso-8601=seconds') fmt = '%FT%T+00:00';
    else if (a === '-R' || a === '--rfc-2822') fmt = '%a, %d %b %Y %T +0000';
  }
  yield* stdout(`${formatDate(inv.rt.now(), fmt)}\n`);
  return 0;
}

function* hostnameUtil(argv: string[], inv: UtilInvocation): Program {
  const a = argv[1];
  if (a === '-i' || a === '-I') yield* stdout(`${inv.rt.podIP}${a === '-I' ? ' ' : ''}\n`);
  else if (a === '-f' || a === '-d' || a === '-s') yield* stdout(`${inv.rt.hostname}\n`);
  else if (a && !a.startsWith('-')) {
    yield* stderr(
      inv.flavour === 'busybox'
        ? 'hostname: sethostname: Operation not permitted\n'
        : 'hostname: you must be root to change the host name\n',
    );
    return 1;
  } else yield* stdout(`${inv.rt.hostname}\n`);
  return 0;
}

function* lsUtil(argv: string[], inv: UtilInvocation): Program {
  const flags = argv
    .slice(1)
    .filter((a) => a.startsWith('-') && a.length > 1)
    .join('');
  const paths = argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  const long = flags.includes('l');
  const all = flags.includes('a');
  if (paths.length === 0) paths.push('.');
  let status = 0;
  const fs = inv.rt.fs;
  const line = (name: string, path: string): string => {
    if (!long) return `${name}\n`;
    const isDir = fs.stat(path) === 'dir';
    const c = fs.read(path);
    const size = isDir ? 4096 : isFsError(c) ? 0 : new TextEncoder().encode(c).length;
    return `${isDir ? 'drwxr-xr-x' : '-rw-r--r--'}    1 root     root     ${String(size).padStart(8)} ${formatDate(inv.rt.now(), '%b %e %H:%M')} ${name}\n`;
  };
  for (const p of paths) {
    const path = resolvePath(inv.cwd, p);
    const st = fs.stat(path);
    if (!st) {
      status = inv.flavour === 'busybox' ? 1 : 2;
      yield* stderr(
        inv.flavour === 'busybox'
          ? `ls: ${p}: No such file or directory\n`
          : `ls: cannot access '${p}': No such file or directory\n`,
      );
      continue;
    }
    if (st === 'file') {
      yield* stdout(line(p, path));
      continue;
    }
    if (paths.length > 1) yield* stdout(`${p}:\n`);
    const entries = fs.list(path);
    const names = isFsError(entries) ? [] : entries.filter((n) => all || !n.startsWith('.'));
    if (all) names.unshift('.', '..');
    if (long) yield* stdout(`total ${names.length * 4}\n`);
    for (const n of names) yield* stdout(line(n, `${path}/${n}`));
  }
  return status;
}

function fsErrorLine(
  inv: UtilInvocation,
  util: string,
  verbBusybox: string,
  verbGnu: string,
  p: string,
  e: FsError,
): string {
  if (inv.flavour === 'busybox')
    return verbBusybox
      ? `${util}: ${verbBusybox} '${p}': ${strerror(e)}\n`
      : `${util}: ${p}: ${strerror(e)}\n`;
  return verbGnu ? `${util}: ${verbGnu} '${p}': ${strerror(e)}\n` : `${util}: ${p}: ${strerror(e)}\n`;
}

function* touchUtil(argv: string[], inv: UtilInvocation): Program {
  let status = 0;
  for (const p of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const path = resolvePath(inv.cwd, p);
    if (inv.rt.fs.stat(path)) continue;
    const e = inv.rt.fs.write(path, '');
    if (e) {
      status = 1;
      yield* stderr(fsErrorLine(inv, 'touch', '', 'cannot touch', p, e));
    }
  }
  return status;
}

function* rmUtil(argv: string[], inv: UtilInvocation): Program {
  const flags = argv
    .slice(1)
    .filter((a) => a.startsWith('-'))
    .join('');
  const force = flags.includes('f');
  const recursive = /[rR]/.test(flags);
  let status = 0;
  for (const p of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const e = inv.rt.fs.remove(resolvePath(inv.cwd, p), recursive);
    if (e && !(force && e === 'ENOENT')) {
      status = 1;
      yield* stderr(fsErrorLine(inv, 'rm', "can't remove", 'cannot remove', p, e));
    }
  }
  return status;
}

function* mkdirUtil(argv: string[], inv: UtilInvocation): Program {
  const parents = argv.slice(1).some((a) => /^-[a-z]*p/.test(a) || a === '--parents');
  let status = 0;
  for (const p of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const e = inv.rt.fs.mkdir(resolvePath(inv.cwd, p), parents);
    if (e) {
      status = 1;
      yield* stderr(fsErrorLine(inv, 'mkdir', "can't create directory", 'cannot create directory', p, e));
    }
  }
  return status;
}

function parseCount(
  argv: string[],
  def: number,
): { n: number; files: string[]; follow: boolean; fromStart: boolean } {
  let n = def;
  let follow = false;
  let fromStart = false;
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-n' || a === '-c') {
      const v = argv[++i] ?? '';
      fromStart = v.startsWith('+');
      n = Math.abs(parseInt(v, 10));
    } else if (/^-n[+-]?\d+$/.test(a)) {
      fromStart = a[2] === '+';
      n = Math.abs(parseInt(a.slice(2), 10));
    } else if (/^-\d+$/.test(a)) n = parseInt(a.slice(1), 10);
    else if (a === '-f' || a === '-F' || a === '--follow') follow = true;
    else if (a.startsWith('-') && a !== '-') continue;
    else files.push(a);
  }
  return { n, files, follow, fromStart };
}

function splitLines(s: string): string[] {
  if (!s) return [];
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function* headTail(argv: string[], inv: UtilInvocation, which: 'head' | 'tail'): Program {
  const { n, files, follow, fromStart } = parseCount(argv, 10);
  if (files.length === 0) files.push('-');
  let status = 0;
  for (const f of files) {
    const c = readInput(inv, f);
    if (isFsError(c)) {
      status = 1;
      yield* stderr(
        inv.flavour === 'busybox'
          ? `${which}: can't open '${f}': ${strerror(c)}\n`
          : `${which}: cannot open '${f}' for reading: ${strerror(c)}\n`,
      );
      continue;
    }
    const lines = splitLines(c);
    const pick =
      which === 'head'
        ? lines.slice(0, n)
        : fromStart
          ? lines.slice(Math.max(0, n - 1))
          : lines.slice(Math.max(0, lines.length - n));
    yield* stdout(pick.map((l) => `${l}\n`).join(''));
  }
  if (which === 'tail' && follow) {
    // `tail -f` keeps the file open forever: the classic "keep the container running" idiom.
    yield { kind: 'block' };
  }
  return status;
}

function* grepUtil(argv: string[], inv: UtilInvocation): Program {
  let flags = '';
  const rest: string[] = [];
  let pattern: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-e') pattern = argv[++i];
    else if (/^-[a-zA-Z]+$/.test(a)) flags += a.slice(1);
    else if (pattern === undefined) pattern = a;
    else rest.push(a);
  }
  if (pattern === undefined) {
    yield* stderr(
      inv.flavour === 'busybox'
        ? 'BusyBox grep: usage: grep [-HhnlLoqvsrRiwFE] PATTERN [FILE]...\n'
        : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
    );
    return 2;
  }
  let re: RegExp;
  try {
    const src = flags.includes('F')
      ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      : flags.includes('E')
        ? pattern
        : pattern.replace(/\\([(){}|+?])/g, '$1');
    re = new RegExp(flags.includes('w') ? `\\b(?:${src})\\b` : src, flags.includes('i') ? 'i' : '');
  } catch {
    yield* stderr(`grep: Invalid regular expression\n`);
    return 2;
  }
  const files = rest.length ? rest : ['-'];
  let matched = 0;
  let status = 0;
  for (const f of files) {
    const c = readInput(inv, f);
    if (isFsError(c)) {
      status = 2;
      if (!flags.includes('s')) yield* stderr(`grep: ${f}: ${strerror(c)}\n`);
      continue;
    }
    let count = 0;
    const lines = splitLines(c);
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (re.test(l) !== flags.includes('v')) {
        count++;
        matched++;
        if (flags.includes('q')) return 0;
        if (!flags.includes('c') && !flags.includes('l')) {
          const prefix = (files.length > 1 ? `${f}:` : '') + (flags.includes('n') ? `${i + 1}:` : '');
          yield* stdout(`${prefix}${l}\n`);
        }
      }
    }
    if (flags.includes('c')) yield* stdout(`${files.length > 1 ? `${f}:` : ''}${count}\n`);
    if (flags.includes('l') && count) yield* stdout(`${f}\n`);
  }
  return status === 2 && !matched ? 2 : matched ? 0 : 1;
}

function* wcUtil(argv: string[], inv: UtilInvocation): Program {
  const flags = argv
    .slice(1)
    .filter((a) => /^-[lwcm]+$/.test(a))
    .join('');
  const files = argv.slice(1).filter((a) => !/^-[lwcm]+$/.test(a));
  const want = flags
    ? { l: flags.includes('l'), w: flags.includes('w'), c: /[cm]/.test(flags) }
    : { l: true, w: true, c: true };
  const one = (c: string, name?: string): string => {
    const parts: number[] = [];
    if (want.l) parts.push((c.match(/\n/g) ?? []).length);
    if (want.w) parts.push(c.split(/\s+/).filter(Boolean).length);
    if (want.c) parts.push(new TextEncoder().encode(c).length);
    const nums =
      parts.length === 1 && !name ? String(parts[0]) : parts.map((p) => String(p).padStart(7)).join(' ');
    return `${nums}${name ? ` ${name}` : ''}\n`;
  };
  if (files.length === 0) {
    yield* stdout(one(inv.stdin ?? ''));
    return 0;
  }
  let status = 0;
  for (const f of files) {
    const c = readInput(inv, f);
    if (isFsError(c)) {
      status = 1;
      yield* stderr(
        inv.flavour === 'busybox' ? `wc: can't open '${f}': ${strerror(c)}\n` : `wc: ${f}: ${strerror(c)}\n`,
      );
    } else yield* stdout(one(c, f));
  }
  return status;
}

function* sortUtil(argv: string[], inv: UtilInvocation): Program {
  const flags = argv
    .slice(1)
    .filter((a) => /^-[a-zA-Z]+$/.test(a))
    .join('');
  const files = argv.slice(1).filter((a) => !/^-[a-zA-Z]+$/.test(a));
  let lines: string[] = [];
  for (const f of files.length ? files : ['-']) {
    const c = readInput(inv, f);
    if (!isFsError(c)) lines.push(...splitLines(c));
  }
  lines.sort(
    flags.includes('n')
      ? (a, b) => parseFloat(a) - parseFloat(b) || (a < b ? -1 : a > b ? 1 : 0)
      : (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  );
  if (flags.includes('r')) lines.reverse();
  if (flags.includes('u')) lines = lines.filter((l, i) => i === 0 || l !== lines[i - 1]);
  yield* stdout(lines.map((l) => `${l}\n`).join(''));
  return 0;
}

function* uniqUtil(argv: string[], inv: UtilInvocation): Program {
  const count = argv.includes('-c');
  const file = argv.slice(1).find((a) => !a.startsWith('-'));
  const c = file ? readInput(inv, file) : (inv.stdin ?? '');
  if (isFsError(c)) return 1;
  const out: string[] = [];
  let prev: string | undefined;
  let n = 0;
  const flush = () => {
    if (prev !== undefined) out.push(count ? `${String(n).padStart(7)} ${prev}\n` : `${prev}\n`);
  };
  for (const l of splitLines(c)) {
    if (l === prev) n++;
    else {
      flush();
      prev = l;
      n = 1;
    }
  }
  flush();
  yield* stdout(out.join(''));
  return 0;
}

function* trUtil(argv: string[], inv: UtilInvocation): Program {
  const del = argv[1] === '-d';
  const sets = argv.slice(del ? 2 : 1);
  const expand = (s: string): string => {
    const named: Record<string, string> = {
      '[:lower:]': 'a-z',
      '[:upper:]': 'A-Z',
      '[:digit:]': '0-9',
      '[:space:]': ' \t\n\r\f\v',
    };
    let t = s;
    for (const [k, v] of Object.entries(named)) t = t.split(k).join(v);
    t = interpretEscapes(t).text;
    let out = '';
    for (let i = 0; i < t.length; i++) {
      if (t[i + 1] === '-' && i + 2 < t.length) {
        for (let c = t.charCodeAt(i); c <= t.charCodeAt(i + 2); c++) out += String.fromCharCode(c);
        i += 2;
      } else out += t[i];
    }
    return out;
  };
  const from = expand(sets[0] ?? '');
  const to = expand(sets[1] ?? '');
  let out = '';
  for (const c of inv.stdin ?? '') {
    const i = from.indexOf(c);
    if (i === -1) out += c;
    else if (!del) out += to[Math.min(i, to.length - 1)] ?? '';
  }
  yield* stdout(out);
  return 0;
}

function* seqUtil(argv: string[]): Program {
  const nums = argv
    .slice(1)
    .filter((a) => !/^-[a-z]/.test(a))
    .map(Number);
  const [first, incr, last] =
    nums.length === 1
      ? [1, 1, nums[0]!]
      : nums.length === 2
        ? [nums[0]!, 1, nums[1]!]
        : [nums[0]!, nums[1]!, nums[2]!];
  if ([first, incr, last].some((n) => !Number.isFinite(n)) || incr === 0) {
    yield* stderr(`seq: invalid floating point argument: '${argv[1] ?? ''}'\n`);
    return 1;
  }
  let out = '';
  for (let i = first, k = 0; incr > 0 ? i <= last : i >= last; i += incr, k++) {
    out += `${i}\n`;
    if (k > 100_000) break;
  }
  yield* stdout(out);
  return 0;
}

function* unameUtil(argv: string[], inv: UtilInvocation): Program {
  const f = argv.slice(1).join('');
  const parts: string[] = [];
  const all = f.includes('a');
  if (all || f.includes('s') || !f) parts.push('Linux');
  if (all || f.includes('n')) parts.push(inv.rt.hostname);
  if (all || f.includes('r')) parts.push(KERNEL_RELEASE);
  if (all || f.includes('v')) parts.push('#60-Ubuntu SMP PREEMPT_DYNAMIC Fri May 23 18:43:56 UTC 2025');
  if (all || f.includes('m')) parts.push('x86_64');
  if (all) parts.push('GNU/Linux');
  yield* stdout(`${parts.join(' ')}\n`);
  return 0;
}

function* idUtil(argv: string[], inv: UtilInvocation): Program {
  if (argv[1] === '-u') yield* stdout('0\n');
  else if (argv[1] === '-un' || argv[1] === '-nu') yield* stdout('root\n');
  else
    yield* stdout(
      inv.flavour === 'busybox'
        ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n'
        : 'uid=0(root) gid=0(root) groups=0(root)\n',
    );
  return 0;
}

function* basenameUtil(argv: string[]): Program {
  const p = (argv[1] ?? '').replace(/\/+$/, '');
  let b = p.slice(p.lastIndexOf('/') + 1) || '/';
  if (argv[2] && b.endsWith(argv[2]) && b !== argv[2]) b = b.slice(0, -argv[2].length);
  yield* stdout(`${b}\n`);
  return 0;
}

function* dirnameUtil(argv: string[]): Program {
  const p = (argv[1] ?? '').replace(/\/+$/, '');
  const i = p.lastIndexOf('/');
  yield* stdout(`${i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i)}\n`);
  return 0;
}

function* teeUtil(argv: string[], inv: UtilInvocation): Program {
  const append = argv.includes('-a');
  const data = inv.stdin ?? '';
  let status = 0;
  for (const f of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const e = inv.rt.fs.write(resolvePath(inv.cwd, f), data, append);
    if (e) {
      status = 1;
      yield* stderr(`tee: ${f}: ${strerror(e)}\n`);
    }
  }
  yield* stdout(data);
  return status;
}

function* cpMvUtil(argv: string[], inv: UtilInvocation, which: 'cp' | 'mv'): Program {
  const args = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (args.length < 2) {
    yield* stderr(`${which}: missing file operand\n`);
    return 1;
  }
  const dest = args[args.length - 1]!;
  let status = 0;
  for (const src of args.slice(0, -1)) {
    const c = inv.rt.fs.read(resolvePath(inv.cwd, src));
    if (isFsError(c)) {
      status = 1;
      yield* stderr(fsErrorLine(inv, which, "can't stat", 'cannot stat', src, c));
      continue;
    }
    let target = resolvePath(inv.cwd, dest);
    if (inv.rt.fs.stat(target) === 'dir') target = `${target}/${src.slice(src.lastIndexOf('/') + 1)}`;
    const e = inv.rt.fs.write(target, c);
    if (e) {
      status = 1;
      yield* stderr(fsErrorLine(inv, which, "can't create", 'cannot create regular file', dest, e));
    } else if (which === 'mv') inv.rt.fs.remove(resolvePath(inv.cwd, src));
  }
  return status;
}

function* exprUtil(argv: string[]): Program {
  const a = argv.slice(1);
  let result: string;
  if (a[0] === 'length' && a.length === 2) result = String(a[1]!.length);
  else if (a.length === 3) {
    const [x, op, y] = a as [string, string, string];
    const nx = Number(x);
    const ny = Number(y);
    const numeric = /^-?\d+$/.test(x) && /^-?\d+$/.test(y);
    const arith: Record<string, () => number> = {
      '+': () => nx + ny,
      '-': () => nx - ny,
      '*': () => nx * ny,
      '/': () => Math.trunc(nx / ny),
      '%': () => nx % ny,
    };
    const cmp: Record<string, boolean> = {
      '=': numeric ? nx === ny : x === y,
      '!=': numeric ? nx !== ny : x !== y,
      '<': numeric ? nx < ny : x < y,
      '>': numeric ? nx > ny : x > y,
      '<=': numeric ? nx <= ny : x <= y,
      '>=': numeric ? nx >= ny : x >= y,
    };
    if (op in arith) {
      if (!numeric) {
        yield* stderr('expr: non-integer argument\n');
        return 2;
      }
      if ((op === '/' || op === '%') && ny === 0) {
        yield* stderr('expr: division by zero\n');
        return 2;
      }
      result = String(arith[op]!());
    } else if (op in cmp) result = cmp[op] ? '1' : '0';
    else {
      yield* stderr('expr: syntax error\n');
      return 2;
    }
  } else if (a.length === 1) result = a[0]!;
  else {
    yield* stderr('expr: syntax error\n');
    return 2;
  }
  yield* stdout(`${result}\n`);
  return result === '0' || result === '' ? 1 : 0;
}

/** Lines per burst of `yes`; each burst takes a millisecond so an endless writer cannot hang the engine. */
const YES_BURST = 100;

function* yesUtil(argv: string[]): Program {
  const line = `${argv.length > 1 ? argv.slice(1).join(' ') : 'y'}\n`;
  for (;;) {
    yield* stdout(line.repeat(YES_BURST));
    yield { kind: 'sleep', ms: 1 };
  }
}

function* pwdUtil(_argv: string[], inv: UtilInvocation): Program {
  yield* stdout(`${inv.cwd}\n`);
  return 0;
}

/** A program that ends at once with `code` (generators must exist even when nothing is yielded). */
// eslint-disable-next-line require-yield -- finishing without output is the whole point
export function* exitWith(code: number): Program {
  return code;
}

const trueUtil: UtilFn = () => exitWith(0);
const falseUtil: UtilFn = () => exitWith(1);

function* testUtil(argv: string[], inv: UtilInvocation): Program {
  let args = argv.slice(1);
  const name = argv[0]!.slice(argv[0]!.lastIndexOf('/') + 1);
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      yield* stderr('[: missing ]\n');
      return 2;
    }
    args = args.slice(0, -1);
  }
  const r = evalTest(args, inv);
  if (r.error) yield* stderr(`${name}: ${r.error}\n`);
  return r.status;
}

function* killUtil(argv: string[]): Program {
  if (argv.length < 2) {
    yield* stderr(
      'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n',
    );
    return 2;
  }
  return 0;
}

function* timeoutUtil(argv: string[], inv: UtilInvocation): Program {
  let i = 1;
  while (i < argv.length && argv[i]!.startsWith('-')) i += argv[i] === '-s' || argv[i] === '-k' ? 2 : 1;
  const dur = parseDuration(argv[i] ?? '');
  const cmd = argv.slice(i + 1);
  if (dur === undefined || cmd.length === 0) {
    yield* stderr(`timeout: invalid time interval '${argv[i] ?? ''}'\n`);
    return 125;
  }
  const r = inv.rt.spawn(cmd, { env: inv.env, cwd: inv.cwd, stdin: inv.stdin, exec: false });
  if (r.kind === 'not-found') {
    yield* stderr(
      inv.flavour === 'busybox'
        ? `timeout: can't execute '${cmd[0]}': No such file or directory\n`
        : `timeout: failed to run command '${cmd[0]}': No such file or directory\n`,
    );
    return 127;
  }
  if (r.kind === 'unsimulated') return yield* unsimulated(cmd[0]!);
  if (dur === 'infinity') return yield* r.program;
  const child = r.program;
  let left = dur;
  for (;;) {
    const step = child.next();
    if (step.done) return step.value;
    const e = step.value;
    if (e.kind === 'sleep') {
      if (e.ms >= left) {
        if (left > 0) yield { kind: 'sleep', ms: left };
        child.return(124);
        return 124;
      }
      left -= e.ms;
      yield e;
    } else if (e.kind === 'block' || e.kind === 'serve') {
      yield { kind: 'sleep', ms: left };
      child.return(124);
      return 124;
    } else yield e;
  }
}

function* psUtil(_argv: string[], inv: UtilInvocation): Program {
  const procs = inv.rt.processes();
  if (inv.flavour === 'busybox') {
    yield* stdout(
      `PID   USER     TIME  COMMAND\n${procs.map((p) => `${String(p.pid).padStart(5)} root      0:00 ${p.args}\n`).join('')}`,
    );
  } else {
    yield* stdout(
      `    PID TTY          TIME CMD\n${procs.map((p) => `${String(p.pid).padStart(7)} ?        00:00:00 ${p.args.split(' ')[0]!.split('/').pop()}\n`).join('')}`,
    );
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------
// Network utilities

interface Url {
  scheme: string;
  host: string;
  port: number;
  path: string;
}

function parseUrl(raw: string): Url | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/.exec(raw);
  if (!m) return undefined;
  const scheme = m[1] ?? 'http';
  return {
    scheme,
    host: m[2]!,
    port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80,
    path: m[4] || '/',
  };
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Unknown';
}

/** busybox wget's default network timeout is 900 s; a dropped connection hangs that long. */
const WGET_DEFAULT_TIMEOUT_MS = 900_000;
/** What the kernel's SYN retries give a connect before failing (curl without --max-time). */
const CONNECT_GIVE_UP_MS = 130_000;

function* wgetUtil(argv: string[], inv: UtilInvocation): Program {
  let quiet = false;
  let output: string | undefined;
  let spider = false;
  let timeoutMs = WGET_DEFAULT_TIMEOUT_MS;
  let url: string | undefined;
  const headers: Record<string, string> = { 'User-Agent': 'Wget' };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [name, value] = a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
      if (name === '--spider') spider = true;
      else if (name === '--quiet') quiet = true;
      else if (name === '--output-document') output = value ?? argv[++i];
      else if (name === '--timeout')
        timeoutMs = (parseDuration(value ?? argv[++i] ?? '') as number) || timeoutMs;
      else if (name === '--header') {
        const h = value ?? argv[++i] ?? '';
        const c = h.indexOf(':');
        if (c > 0) headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // Busybox getopt: flags may be bundled, and a flag taking a value eats the rest (`-qO-`).
      for (let k = 1; k < a.length; k++) {
        const f = a[k]!;
        if (f === 'q') quiet = true;
        else if (f === 'O' || f === 'T' || f === 'U' || f === 'P' || f === 'o' || f === 'Y') {
          const v = k + 1 < a.length ? a.slice(k + 1) : (argv[++i] ?? '');
          if (f === 'O') output = v;
          if (f === 'T') timeoutMs = (parseDuration(v) as number) || timeoutMs;
          break;
        }
      }
      continue;
    }
    url = a;
  }
  if (!url) {
    yield* stderr(
      'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n',
    );
    return 1;
  }
  const u = parseUrl(url);
  if (!u) {
    yield* stderr(`wget: bad address '${url}'\n`);
    return 1;
  }
  if (!inv.rt.fetch) {
    yield* stderr(`wget: bad address '${u.host}'\n`);
    return 1;
  }
  const r = inv.rt.fetch({
    url: `${u.scheme}://${u.host}:${u.port}${u.path}`,
    method: spider ? 'HEAD' : 'GET',
    headers,
  });
  if (!r.ok && r.error === 'unresolved') {
    yield* stderr(`wget: bad address '${u.host}'\n`);
    return 1;
  }
  const ip = r.ip ?? u.host;
  if (!quiet)
    yield* stderr(`Connecting to ${u.host}${u.port !== 80 || u.host !== ip ? ` (${ip}:${r.port})` : ''}\n`);
  if (!r.ok) {
    if (r.error === 'refused') {
      yield* stderr(`wget: can't connect to remote host (${ip}): Connection refused\n`);
      return 1;
    }
    yield { kind: 'sleep', ms: timeoutMs };
    yield* stderr('wget: download timed out\n');
    return 1;
  }
  if (r.status >= 400) {
    yield* stderr(`wget: server returned error: HTTP/1.1 ${r.status} ${reasonPhrase(r.status)}\n`);
    return 1;
  }
  if (spider) {
    if (!quiet) yield* stderr('remote file exists\n');
    return 0;
  }
  const size = new TextEncoder().encode(r.body).length;
  const bar = (name: string) =>
    `${name.padEnd(20).slice(0, 20)} 100% |********************************| ${String(size).padStart(5)}  0:00:00 ETA\n`;
  if (output === '-') {
    if (!quiet) yield* stderr('writing to stdout\n');
    yield* stdout(r.body);
    if (!quiet) yield* stderr(`${bar('-')}written to stdout\n`);
    return 0;
  }
  const file = output ?? (u.path.replace(/\?.*$/, '').split('/').pop() || 'index.html');
  if (!quiet) yield* stderr(`saving to '${file}'\n`);
  const e = inv.rt.fs.write(resolvePath(inv.cwd, file), r.body);
  if (e) {
    yield* stderr(`wget: can't open '${file}': ${strerror(e)}\n`);
    return 1;
  }
  if (!quiet) yield* stderr(`${bar(file)}'${file}' saved\n`);
  return 0;
}

function* curlUtil(argv: string[], inv: UtilInvocation): Program {
  let silent = false;
  let showError = false;
  let fail = false;
  let head = false;
  let include = false;
  let output: string | undefined;
  let writeOut: string | undefined;
  let method = 'GET';
  let maxTimeMs: number | undefined;
  let url: string | undefined;
  const headers: Record<string, string> = {
    'User-Agent': `curl/${inv.rt.image.vars.version && inv.rt.image.ref.repository === 'curlimages/curl' ? inv.rt.image.vars.version : '7.88.1'}`,
    Accept: '*/*',
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-o' || a === '--output') output = argv[++i];
    else if (a === '-w' || a === '--write-out') writeOut = argv[++i];
    else if (a === '-X' || a === '--request') method = argv[++i] ?? 'GET';
    else if (a === '-m' || a === '--max-time' || a === '--connect-timeout')
      maxTimeMs = (parseDuration(argv[++i] ?? '') as number) || undefined;
    else if (a === '-H' || a === '--header') {
      const h = argv[++i] ?? '';
      const c = h.indexOf(':');
      if (c > 0) headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
    } else if (
      a === '-d' ||
      a === '--data' ||
      a === '-A' ||
      a === '--user-agent' ||
      a === '-u' ||
      a === '--retry'
    ) {
      i++;
      if (a === '-d' || a === '--data') method = method === 'GET' ? 'POST' : method;
    } else if (a === '--silent') silent = true;
    else if (a === '--show-error') showError = true;
    else if (a === '--fail') fail = true;
    else if (a === '--head') head = true;
    else if (a === '--include') include = true;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 's') silent = true;
        else if (f === 'S') showError = true;
        else if (f === 'f') fail = true;
        else if (f === 'I') head = true;
        else if (f === 'i') include = true;
        else if (f === 'o') output = argv[++i];
      }
    } else if (!a.startsWith('-')) url = a;
  }
  const quietErrors = silent && !showError;
  const err = function* (code: number, msg: string): Program {
    if (!quietErrors) yield* stderr(`curl: (${code}) ${msg}\n`);
    if (writeOut) yield* stdout(writeOut.replace(/%\{http_code\}/g, '000').replace(/\\n/g, '\n'));
    return code;
  };
  if (!url) {
    yield* stderr("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const u = parseUrl(url);
  if (!u) return yield* err(3, 'URL rejected: Malformed input to a URL function');
  if (!inv.rt.fetch) return yield* err(6, `Could not resolve host: ${u.host}`);
  const r = inv.rt.fetch({
    url: `${u.scheme}://${u.host}:${u.port}${u.path}`,
    method: head ? 'HEAD' : method,
    headers,
  });
  if (!r.ok) {
    if (r.error === 'unresolved') return yield* err(6, `Could not resolve host: ${u.host}`);
    if (r.error === 'refused')
      return yield* err(
        7,
        `Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server`,
      );
    const wait = maxTimeMs ?? CONNECT_GIVE_UP_MS;
    yield { kind: 'sleep', ms: wait };
    return maxTimeMs !== undefined
      ? yield* err(28, `Connection timed out after ${wait + 1} milliseconds`)
      : yield* err(
          28,
          `Failed to connect to ${u.host} port ${u.port} after ${wait} ms: Couldn't connect to server`,
        );
  }
  const size = new TextEncoder().encode(r.body).length;
  if (!silent) {
    // curl prints its progress meter to stderr whenever stdout is not a terminal, as in a container.
    yield* stderr(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        `100 ${String(size).padStart(5)}  100 ${String(size).padStart(5)}    0     0   ${String(Math.max(1, size * 2)).padStart(4)}      0 --:--:-- --:--:-- --:--:-- ${String(Math.max(1, size * 2)).padStart(5)}\n`,
    );
  }
  if (fail && r.status >= 400) return yield* err(22, `The requested URL returned error: ${r.status}`);
  const headerText = `HTTP/1.1 ${r.status} ${reasonPhrase(r.status)}\r\n${Object.entries(r.headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  const body = head ? headerText : (include ? headerText : '') + r.body;
  if (output !== undefined && output !== '-') {
    const e = inv.rt.fs.write(resolvePath(inv.cwd, output), body);
    if (e) return yield* err(23, `Failure writing output to destination`);
  } else yield* stdout(body);
  if (writeOut)
    yield* stdout(
      writeOut
        .replace(/%\{http_code\}/g, String(r.status))
        .replace(/%\{size_download\}/g, String(size))
        .replace(/\\n/g, '\n'),
    );
  return 0;
}

function dnsServer(inv: UtilInvocation): string {
  const conf = inv.rt.fs.read('/etc/resolv.conf');
  const m = isFsError(conf) ? null : /^nameserver\s+(\S+)/m.exec(conf);
  return m?.[1] ?? '10.96.0.10';
}

function* nslookupUtil(argv: string[], inv: UtilInvocation): Program {
  const name = argv.slice(1).find((a) => !a.startsWith('-'));
  if (!name) {
    yield* stderr('Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    return 1;
  }
  const server = dnsServer(inv);
  const busybox = inv.flavour === 'busybox';
  const header = `Server:\t\t${server}\nAddress:\t${server}${busybox ? ':53' : '#53'}\n\n`;
  if (!inv.rt.resolve) {
    yield { kind: 'sleep', ms: 15_000 };
    yield* stdout(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  const r = inv.rt.resolve(name);
  if (!r.ok) {
    yield* stdout(`${header}** server can't find ${name}: NXDOMAIN\n${busybox ? '\n' : ''}`);
    return 1;
  }
  yield* stdout(`${header}${r.addresses.map((a) => `Name:\t${r.name}\nAddress: ${a}\n`).join('')}\n`);
  return 0;
}

function* ncUtil(argv: string[], inv: UtilInvocation): Program {
  let verbose = false;
  let wait: number | undefined;
  const pos: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-w') wait = (parseDuration(argv[++i] ?? '') as number) || undefined;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      if (a.includes('v')) verbose = true;
      if (a.includes('l')) {
        yield { kind: 'block' };
        return 0;
      }
    } else pos.push(a);
  }
  const [host, portRaw] = pos;
  const port = Number(portRaw);
  if (!host || !Number.isFinite(port)) {
    yield* stderr('BusyBox v1.37.0 multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n');
    return 1;
  }
  const r = inv.rt.dial ? inv.rt.dial(host, port) : 'unresolved';
  if (r === 'unresolved') {
    yield* stderr(`nc: bad address '${host}'\n`);
    return 1;
  }
  if (r === 'timeout') {
    yield { kind: 'sleep', ms: wait ?? CONNECT_GIVE_UP_MS };
    if (verbose) yield* stderr(`nc: ${host} (${port}): Connection timed out\n`);
    return 1;
  }
  if (r === 'refused') {
    if (verbose) yield* stderr(`nc: ${host} (${port}): Connection refused\n`);
    return 1;
  }
  if (verbose) yield* stderr(`${host} (${port}) open\n`);
  return 0;
}

function* whichUtil(argv: string[], inv: UtilInvocation): Program {
  let status = 0;
  for (const n of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const found = lookupProgram(inv.rt.image, n, inv.env.PATH ?? '', inv.cwd);
    if (found) yield* stdout(`${found.path}\n`);
    else status = 1;
  }
  return status;
}

export const UTILS: Record<string, UtilFn> = {
  echo: echoUtil,
  printf: printfUtil,
  sleep: sleepUtil,
  cat: catUtil,
  env: envUtil,
  printenv: printenvUtil,
  date: dateUtil,
  hostname: hostnameUtil,
  ls: lsUtil,
  touch: touchUtil,
  rm: rmUtil,
  mkdir: mkdirUtil,
  head: (a, i) => headTail(a, i, 'head'),
  tail: (a, i) => headTail(a, i, 'tail'),
  grep: grepUtil,
  wc: wcUtil,
  sort: sortUtil,
  uniq: uniqUtil,
  tr: trUtil,
  seq: seqUtil,
  uname: unameUtil,
  id: idUtil,
  whoami: function* () {
    yield* stdout('root\n');
    return 0;
  },
  basename: basenameUtil,
  dirname: dirnameUtil,
  tee: teeUtil,
  cp: (a, i) => cpMvUtil(a, i, 'cp'),
  mv: (a, i) => cpMvUtil(a, i, 'mv'),
  expr: exprUtil,
  yes: yesUtil,
  pwd: pwdUtil,
  true: trueUtil,
  false: falseUtil,
  test: testUtil,
  '[': testUtil,
  kill: killUtil,
  timeout: timeoutUtil,
  ps: psUtil,
  wget: wgetUtil,
  curl: curlUtil,
  nslookup: nslookupUtil,
  nc: ncUtil,
  which: whichUtil,
};
