/**
 * A small POSIX shell (busybox ash, dash and bash dialects) for the scripts learners put in
 * `command: ["sh", "-c", "..."]`, in exec probes and in `kubectl exec`. It parses the script once and
 * interprets it as a generator of effects, so a `while true; do echo tick; sleep 1; done` is evaluated
 * lazily, one step at a time, as simulated time advances.
 *
 * Supported: lists (`;`, newlines, `&`), `&&`, `||`, `!`, pipelines (run one stage after the other on
 * captured text), `if/elif/else`, `while`, `until`, `for`, `case`, `{ }`, `( )`, functions, `local`,
 * redirections (`>`, `>>`, `<`, `2>&1`, `>&2`, here-documents), parameter expansion (`$X`, `${X:-d}`,
 * `${#X}`, `${X#p}`, `${X%p}`, `${X/a/b}`...), `$(...)`, backquotes, `$((...))`, field splitting,
 * `set -e/-x/-u`, `trap`, and the usual builtins. Not supported: globbing, job control beyond `&`/`wait`,
 * arrays, `select`, coprocesses.
 *
 * Error messages follow each dialect (`sh: foo: not found` in busybox, `sh: 1: foo: not found` in dash,
 * `bash: line 1: foo: command not found` in bash) because they end up in `kubectl logs`.
 */
import { echoText, evalTest, exitWith, formatPrintf, resolvePath } from './coreutils';
import { STRERROR, isFsError } from './fs';
import type { FsError } from './fs';
import type { ShellFlavour, SignalName } from './images-data';
import type { Effect, OutputStream, Program, RuntimeContext } from './types';

/**
 * Busy-loop guard. A loop that never sleeps (`while true; do echo x; done`) would run forever inside
 * one call to `next()` and freeze the engine, since simulated time only moves when a program sleeps.
 * Real CPUs also need time per iteration, so after this many loop iterations without time passing the
 * shell inserts a short sleep: the loop still floods the logs like on a real node, but the clock moves.
 */
export const BUSY_LOOP_ITERATIONS = 100;
export const BUSY_LOOP_SLEEP_MS = 1;
/** Function nesting limit, like bash's FUNCNEST safety net, so `f() { f; }; f` fails instead of overflowing. */
const MAX_FUNCTION_DEPTH = 200;

// ---------------------------------------------------------------------------------------------------
// Lexer

interface HereDoc {
  delim: string;
  strip: boolean;
  quoted: boolean;
  body: string;
}

interface Token {
  kind: 'word' | 'op' | 'nl' | 'eof';
  value: string;
  line: number;
  fd?: number;
}

export class ShellSyntaxError extends Error {
  constructor(
    readonly token: string,
    readonly line: number,
    readonly expecting?: string,
    readonly unterminated?: boolean,
  ) {
    super(`syntax error near ${token}`);
  }
}

const OPERATORS = [
  '<<-',
  '&&',
  '||',
  ';;',
  '<<',
  '>>',
  '>&',
  '<&',
  '<>',
  '>|',
  '&>',
  ';',
  '&',
  '|',
  '(',
  ')',
  '<',
  '>',
];
const REDIRECT_OPS = new Set(['<', '>', '>>', '<<', '<<-', '>&', '<&', '<>', '>|', '&>']);

class Lexer {
  pos = 0;
  line = 1;
  private pending: HereDoc[] = [];

  constructor(readonly src: string) {}

  addHereDoc(h: HereDoc): void {
    this.pending.push(h);
  }

  next(): Token {
    const s = this.src;
    for (;;) {
      while (
        this.pos < s.length &&
        (s[this.pos] === ' ' || s[this.pos] === '\t' || (s[this.pos] === '\\' && s[this.pos + 1] === '\n'))
      ) {
        if (s[this.pos] === '\\') {
          this.pos += 2;
          this.line++;
        } else this.pos++;
      }
      if (this.pos >= s.length) return { kind: 'eof', value: '', line: this.line };
      const c = s[this.pos]!;
      if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
        continue;
      }
      if (c === '\n') {
        const line = this.line;
        this.pos++;
        this.line++;
        this.readHereDocs();
        return { kind: 'nl', value: '\n', line };
      }
      for (const op of OPERATORS) {
        if (s.startsWith(op, this.pos)) {
          this.pos += op.length;
          return { kind: 'op', value: op, line: this.line };
        }
      }
      const start = this.pos;
      const line = this.line;
      this.scanWord();
      const value = s.slice(start, this.pos);
      this.line += (value.match(/\n/g) ?? []).length;
      if (/^\d+$/.test(value) && (s[this.pos] === '<' || s[this.pos] === '>')) {
        for (const op of OPERATORS) {
          if (REDIRECT_OPS.has(op) && s.startsWith(op, this.pos)) {
            this.pos += op.length;
            return { kind: 'op', value: op, line, fd: Number(value) };
          }
        }
      }
      return { kind: 'word', value, line };
    }
  }

  private readHereDocs(): void {
    const s = this.src;
    for (const h of this.pending) {
      let body = '';
      for (;;) {
        if (this.pos >= s.length) break;
        let end = s.indexOf('\n', this.pos);
        if (end === -1) end = s.length;
        let lineText = s.slice(this.pos, end);
        this.pos = Math.min(end + 1, s.length);
        this.line++;
        if (h.strip) lineText = lineText.replace(/^\t+/, '');
        if (lineText === h.delim) break;
        body += `${lineText}\n`;
      }
      h.body = body;
    }
    this.pending = [];
  }

  private scanWord(): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (' \t\n;&|()<>'.includes(c)) break;
      this.pos = skipSpecial(s, this.pos, this.line);
    }
  }
}

/** Skips one lexical unit starting at `i` (a quote, an escape, a `$...` expansion or one char). */
function skipSpecial(s: string, i: number, line: number): number {
  const c = s[i]!;
  if (c === '\\') return Math.min(i + 2, s.length);
  if (c === "'") {
    const j = s.indexOf("'", i + 1);
    if (j === -1) throw new ShellSyntaxError('quote', line, undefined, true);
    return j + 1;
  }
  if (c === '"') {
    let j = i + 1;
    while (j < s.length && s[j] !== '"') {
      if (s[j] === '\\') j += 2;
      else if (s[j] === '$' || s[j] === '`') j = skipSpecial(s, j, line);
      else j++;
    }
    if (j >= s.length) throw new ShellSyntaxError('quote', line, undefined, true);
    return j + 1;
  }
  if (c === '`') {
    let j = i + 1;
    while (j < s.length && s[j] !== '`') j += s[j] === '\\' ? 2 : 1;
    if (j >= s.length) throw new ShellSyntaxError('backquote', line, undefined, true);
    return j + 1;
  }
  if (c === '$') {
    const n = s[i + 1];
    if (n === '(') return matchClose(s, i + 1, '(', ')', line);
    if (n === '{') return matchClose(s, i + 1, '{', '}', line);
    return i + 1;
  }
  return i + 1;
}

/** Index just past the bracket closing the one at `i`, skipping quoted text. */
function matchClose(s: string, i: number, open: string, close: string, line: number): number {
  let depth = 0;
  let j = i;
  while (j < s.length) {
    const c = s[j]!;
    if (c === open) {
      depth++;
      j++;
    } else if (c === close) {
      depth--;
      j++;
      if (depth === 0) return j;
    } else if (c === "'" || c === '"' || c === '`' || c === '\\') j = skipSpecial(s, j, line);
    else j++;
  }
  throw new ShellSyntaxError(close, line, close, true);
}

// ---------------------------------------------------------------------------------------------------
// Parser

interface Redirect {
  op: string;
  fd?: number;
  target: string;
  heredoc?: HereDoc;
}

type Node =
  | { type: 'simple'; assigns: string[]; words: string[]; redirects: Redirect[]; line: number }
  | { type: 'pipeline'; negate: boolean; commands: Node[] }
  | { type: 'andor'; first: Node; rest: { op: '&&' | '||'; node: Node }[] }
  | { type: 'list'; items: { node: Node; background: boolean }[] }
  | { type: 'group'; body: Node; redirects: Redirect[] }
  | { type: 'subshell'; body: Node; redirects: Redirect[] }
  | { type: 'if'; clauses: { cond: Node; body: Node }[]; otherwise?: Node; redirects: Redirect[] }
  | { type: 'loop'; until: boolean; cond: Node; body: Node; redirects: Redirect[] }
  | { type: 'for'; name: string; items: string[] | null; body: Node; redirects: Redirect[] }
  | { type: 'case'; word: string; arms: { patterns: string[]; body: Node }[]; redirects: Redirect[] }
  | { type: 'func'; name: string; body: Node };

const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'case',
  'esac',
  'while',
  'until',
  'for',
  'in',
  '{',
  '}',
  '!',
]);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

class Parser {
  private buf: Token[] = [];

  constructor(private readonly lx: Lexer) {}

  private peek(k = 0): Token {
    while (this.buf.length <= k) this.buf.push(this.lx.next());
    return this.buf[k]!;
  }

  private take(): Token {
    const t = this.peek();
    this.buf.shift();
    return t;
  }

  private isWord(t: Token, v?: string): boolean {
    return t.kind === 'word' && (v === undefined || t.value === v);
  }

  private isOp(t: Token, v?: string): boolean {
    return t.kind === 'op' && (v === undefined || t.value === v);
  }

  private unexpected(t: Token, expecting?: string): ShellSyntaxError {
    const desc = t.kind === 'eof' ? 'end of file' : t.kind === 'nl' ? 'newline' : t.value;
    return new ShellSyntaxError(desc, t.line, expecting);
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'nl') this.take();
  }

  private expectWord(v: string): void {
    const t = this.peek();
    if (!this.isWord(t, v)) throw this.unexpected(t, v);
    this.take();
  }

  parseProgram(): Node {
    const list = this.parseList(new Set());
    const t = this.peek();
    if (t.kind !== 'eof') throw this.unexpected(t);
    return list;
  }

  private parseList(terminators: Set<string>): Node {
    const items: { node: Node; background: boolean }[] = [];
    this.skipNewlines();
    for (;;) {
      const t = this.peek();
      if (
        t.kind === 'eof' ||
        this.isOp(t, ')') ||
        this.isOp(t, ';;') ||
        (t.kind === 'word' && terminators.has(t.value))
      )
        break;
      const node = this.parseAndOr();
      const sep = this.peek();
      if (this.isOp(sep, ';') || sep.kind === 'nl') {
        this.take();
        items.push({ node, background: false });
      } else if (this.isOp(sep, '&')) {
        this.take();
        items.push({ node, background: true });
      } else {
        items.push({ node, background: false });
        break;
      }
      this.skipNewlines();
    }
    return { type: 'list', items };
  }

  /** A list that must not be empty (`then` with nothing after it is a syntax error). */
  private parseBody(terminators: Set<string>, expecting: string): Node {
    const list = this.parseList(terminators);
    if (list.type === 'list' && list.items.length === 0) throw this.unexpected(this.peek(), expecting);
    return list;
  }

  private parseAndOr(): Node {
    const first = this.parsePipeline();
    const rest: { op: '&&' | '||'; node: Node }[] = [];
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, '&&') && !this.isOp(t, '||')) break;
      this.take();
      this.skipNewlines();
      rest.push({ op: t.value as '&&' | '||', node: this.parsePipeline() });
    }
    return rest.length ? { type: 'andor', first, rest } : first;
  }

  private parsePipeline(): Node {
    let negate = false;
    if (this.isWord(this.peek(), '!')) {
      this.take();
      negate = true;
    }
    const commands = [this.parseCommand()];
    while (this.isOp(this.peek(), '|')) {
      this.take();
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return commands.length === 1 && !negate ? commands[0]! : { type: 'pipeline', negate, commands };
  }

  private parseRedirects(): Redirect[] {
    const out: Redirect[] = [];
    while (this.peek().kind === 'op' && REDIRECT_OPS.has(this.peek().value)) out.push(this.parseRedirect());
    return out;
  }

  private parseRedirect(): Redirect {
    const op = this.take();
    const target = this.peek();
    if (target.kind !== 'word') throw this.unexpected(target);
    this.take();
    const r: Redirect = { op: op.value, target: target.value, ...(op.fd !== undefined ? { fd: op.fd } : {}) };
    if (op.value === '<<' || op.value === '<<-') {
      const quoted = /['"\\]/.test(target.value);
      const h: HereDoc = {
        delim: target.value.replace(/['"\\]/g, ''),
        strip: op.value === '<<-',
        quoted,
        body: '',
      };
      this.lx.addHereDoc(h);
      r.heredoc = h;
    }
    return r;
  }

  private parseCommand(): Node {
    const t = this.peek();
    if (t.kind === 'word' && RESERVED.has(t.value)) {
      let node: Node;
      switch (t.value) {
        case 'if':
          node = this.parseIf();
          break;
        case 'while':
        case 'until':
          node = this.parseLoop(t.value === 'until');
          break;
        case 'for':
          node = this.parseFor();
          break;
        case 'case':
          node = this.parseCase();
          break;
        case '{': {
          this.take();
          const body = this.parseBody(new Set(['}']), '}');
          this.expectWord('}');
          node = { type: 'group', body, redirects: [] };
          break;
        }
        default:
          throw this.unexpected(t);
      }
      const redirects = this.parseRedirects();
      if (redirects.length && 'redirects' in node) node.redirects = redirects;
      return node;
    }
    if (this.isOp(t, '(')) {
      this.take();
      const body = this.parseBody(new Set(), ')');
      const close = this.peek();
      if (!this.isOp(close, ')')) throw this.unexpected(close, ')');
      this.take();
      return { type: 'subshell', body, redirects: this.parseRedirects() };
    }
    if (
      t.kind === 'word' &&
      NAME_RE.test(t.value) &&
      this.isOp(this.peek(1), '(') &&
      this.isOp(this.peek(2), ')')
    ) {
      this.take();
      this.take();
      this.take();
      this.skipNewlines();
      const body = this.parseCommand();
      return { type: 'func', name: t.value, body };
    }
    if (this.isWord(t, 'function')) {
      const name = this.peek(1);
      if (name.kind === 'word' && NAME_RE.test(name.value)) {
        this.take();
        this.take();
        if (this.isOp(this.peek(), '(') && this.isOp(this.peek(1), ')')) {
          this.take();
          this.take();
        }
        this.skipNewlines();
        return { type: 'func', name: name.value, body: this.parseCommand() };
      }
    }
    return this.parseSimple();
  }

  private parseSimple(): Node {
    const assigns: string[] = [];
    const words: string[] = [];
    const redirects: Redirect[] = [];
    const line = this.peek().line;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'word') {
        if (words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t.value)) assigns.push(t.value);
        else words.push(t.value);
        this.take();
      } else if (t.kind === 'op' && REDIRECT_OPS.has(t.value)) redirects.push(this.parseRedirect());
      else break;
    }
    if (!assigns.length && !words.length && !redirects.length) throw this.unexpected(this.peek());
    return { type: 'simple', assigns, words, redirects, line };
  }

  private parseIf(): Node {
    this.take();
    const clauses: { cond: Node; body: Node }[] = [];
    let otherwise: Node | undefined;
    const cond = this.parseBody(new Set(['then']), 'then');
    this.expectWord('then');
    clauses.push({ cond, body: this.parseBody(new Set(['elif', 'else', 'fi']), 'fi') });
    for (;;) {
      const t = this.peek();
      if (this.isWord(t, 'elif')) {
        this.take();
        const c = this.parseBody(new Set(['then']), 'then');
        this.expectWord('then');
        clauses.push({ cond: c, body: this.parseBody(new Set(['elif', 'else', 'fi']), 'fi') });
      } else if (this.isWord(t, 'else')) {
        this.take();
        otherwise = this.parseBody(new Set(['fi']), 'fi');
      } else if (this.isWord(t, 'fi')) {
        this.take();
        break;
      } else throw this.unexpected(t, 'fi');
    }
    return { type: 'if', clauses, ...(otherwise ? { otherwise } : {}), redirects: [] };
  }

  private parseDoGroup(): Node {
    this.skipNewlines();
    this.expectWord('do');
    const body = this.parseBody(new Set(['done']), 'done');
    this.expectWord('done');
    return body;
  }

  private parseLoop(until: boolean): Node {
    this.take();
    const cond = this.parseBody(new Set(['do']), 'do');
    const body = this.parseDoGroup();
    return { type: 'loop', until, cond, body, redirects: [] };
  }

  private parseFor(): Node {
    this.take();
    const name = this.take();
    if (name.kind !== 'word' || !NAME_RE.test(name.value)) throw this.unexpected(name);
    let items: string[] | null = null;
    this.skipNewlines();
    if (this.isWord(this.peek(), 'in')) {
      this.take();
      items = [];
      while (this.peek().kind === 'word') items.push(this.take().value);
      const sep = this.peek();
      if (this.isOp(sep, ';') || sep.kind === 'nl') this.take();
      else throw this.unexpected(sep, 'do');
    } else if (this.isOp(this.peek(), ';')) this.take();
    return { type: 'for', name: name.value, items, body: this.parseDoGroup(), redirects: [] };
  }

  private parseCase(): Node {
    this.take();
    const word = this.take();
    if (word.kind !== 'word') throw this.unexpected(word);
    this.skipNewlines();
    this.expectWord('in');
    this.skipNewlines();
    const arms: { patterns: string[]; body: Node }[] = [];
    while (!this.isWord(this.peek(), 'esac')) {
      if (this.isOp(this.peek(), '(')) this.take();
      const patterns: string[] = [];
      for (;;) {
        const p = this.take();
        if (p.kind !== 'word') throw this.unexpected(p);
        patterns.push(p.value);
        if (this.isOp(this.peek(), '|')) this.take();
        else break;
      }
      const close = this.take();
      if (!this.isOp(close, ')')) throw this.unexpected(close, ')');
      const body = this.parseList(new Set(['esac']));
      arms.push({ patterns, body });
      if (this.isOp(this.peek(), ';;')) this.take();
      this.skipNewlines();
      if (this.peek().kind === 'eof') throw this.unexpected(this.peek(), 'esac');
    }
    this.take();
    return { type: 'case', word: word.value, arms, redirects: [] };
  }
}

function parse(src: string): Node {
  return new Parser(new Lexer(src)).parseProgram();
}

// ---------------------------------------------------------------------------------------------------
// Interpreter

class ExitSignal {
  constructor(readonly code: number) {}
}
class BreakSignal {
  constructor(public levels: number) {}
}
class ContinueSignal {
  constructor(public levels: number) {}
}
class ReturnSignal {
  constructor(readonly code: number) {}
}

type Sink =
  | { kind: 'stream'; stream: OutputStream }
  | { kind: 'file'; path: string }
  | { kind: 'buffer'; buf: { text: string } }
  | { kind: 'null' };

interface Input {
  text: string;
  pos: number;
}

interface Io {
  out: Sink;
  err: Sink;
  stdin: Input | null;
}

type Piece = { text: string; quoted: boolean; split: boolean } | { brk: true };

type Builtin = (argv: string[], io: Io) => Program;

const SIGNAL_NAMES: Record<string, SignalName | 'EXIT'> = {
  TERM: 'SIGTERM',
  SIGTERM: 'SIGTERM',
  '15': 'SIGTERM',
  INT: 'SIGINT',
  SIGINT: 'SIGINT',
  '2': 'SIGINT',
  QUIT: 'SIGQUIT',
  SIGQUIT: 'SIGQUIT',
  '3': 'SIGQUIT',
  HUP: 'SIGHUP',
  SIGHUP: 'SIGHUP',
  '1': 'SIGHUP',
  USR1: 'SIGUSR1',
  SIGUSR1: 'SIGUSR1',
  '10': 'SIGUSR1',
  WINCH: 'SIGWINCH',
  SIGWINCH: 'SIGWINCH',
  '28': 'SIGWINCH',
  EXIT: 'EXIT',
  '0': 'EXIT',
};

export interface ShellOptions {
  flavour: ShellFlavour;
  /** `$0`, and the prefix of error messages (`sh`, `/bin/sh`, `bash`, or the script path). */
  name: string;
  positional: string[];
  env: Record<string, string>;
  cwd: string;
  stdin: string | null;
  /** This shell is the container's PID 1, so its `trap`s handle the signals the kubelet sends. */
  pid1: boolean;
  /** `sh -c` mode (bash words its errors `bash: -c: line 1:`). */
  commandMode?: boolean;
  errexit?: boolean;
  xtrace?: boolean;
}

interface Budget {
  iterations: number;
}

class Shell {
  vars = new Map<string, string>();
  exported = new Set<string>();
  funcs = new Map<string, Node>();
  positional: string[];
  cwd: string;
  status = 0;
  line = 1;
  errexit: boolean;
  xtrace: boolean;
  nounset = false;
  private conditionDepth = 0;
  private functionDepth = 0;
  private localFrames: Map<string, string | undefined>[] = [];
  private execSingle: Node | undefined;
  private lastSubstStatus: number | undefined;
  exitTrap: string | undefined;
  private random: number;
  private lastBackground = 0;

  constructor(
    readonly rt: RuntimeContext,
    readonly opts: ShellOptions,
    private budget: Budget = { iterations: 0 },
  ) {
    this.positional = [...opts.positional];
    this.cwd = opts.cwd;
    this.errexit = !!opts.errexit;
    this.xtrace = !!opts.xtrace;
    for (const [k, v] of Object.entries(opts.env)) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
    if (!this.vars.has('IFS')) this.vars.set('IFS', ' \t\n');
    if (!this.vars.has('PWD')) this.vars.set('PWD', this.cwd);
    this.random = [...rt.hostname].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  }

  /** A copy for a subshell: same variables and functions, its own changes. */
  clone(): Shell {
    const s = new Shell(this.rt, { ...this.opts, pid1: false }, this.budget);
    s.vars = new Map(this.vars);
    s.exported = new Set(this.exported);
    s.funcs = new Map(this.funcs);
    s.positional = [...this.positional];
    s.cwd = this.cwd;
    s.status = this.status;
    s.errexit = this.errexit;
    s.xtrace = this.xtrace;
    s.nounset = this.nounset;
    s.line = this.line;
    return s;
  }

  // --- messages ---------------------------------------------------------------------------------

  /** `sh: `, `sh: 1: ` or `bash: line 1: ` depending on the dialect. */
  prefix(): string {
    const n = this.opts.name;
    switch (this.opts.flavour) {
      case 'ash':
        return `${n}: `;
      case 'dash':
        return `${n}: ${this.line}: `;
      case 'bash':
        return `${n}: line ${this.line}: `;
    }
  }

  syntaxErrorText(e: ShellSyntaxError, source: string): string {
    const n = this.opts.name;
    const lineText = source.split('\n')[e.line - 1] ?? '';
    switch (this.opts.flavour) {
      case 'ash':
        if (e.unterminated) return `${n}: syntax error: unterminated quoted string\n`;
        return e.token === 'end of file'
          ? `${n}: syntax error: unexpected end of file${e.expecting ? ` (expecting "${e.expecting}")` : ''}\n`
          : `${n}: syntax error: unexpected ${e.token === 'newline' ? 'newline' : `"${e.token}"`}${e.expecting && e.expecting !== e.token ? ` (expecting "${e.expecting}")` : ''}\n`;
      case 'dash':
        if (e.unterminated) return `${n}: ${e.line}: Syntax error: Unterminated quoted string\n`;
        return e.token === 'end of file'
          ? `${n}: ${e.line}: Syntax error: end of file unexpected${e.expecting ? ` (expecting "${e.expecting}")` : ''}\n`
          : `${n}: ${e.line}: Syntax error: ${e.token === 'newline' ? 'newline' : `"${e.token}"`} unexpected${e.expecting && e.expecting !== e.token ? ` (expecting "${e.expecting}")` : ''}\n`;
      case 'bash': {
        const where = this.opts.commandMode ? `${n}: -c: line ${e.line}: ` : `${n}: line ${e.line}: `;
        if (e.unterminated)
          return `${where}unexpected EOF while looking for matching \`${e.token === 'quote' ? "'" : e.token}'\n`;
        if (e.token === 'end of file') return `${where}syntax error: unexpected end of file\n`;
        return `${where}syntax error near unexpected token \`${e.token === 'newline' ? 'newline' : e.token}'\n${where}\`${lineText}'\n`;
      }
    }
  }

  private notFoundText(cmd: string): string {
    return this.opts.flavour === 'bash'
      ? `${this.prefix()}${cmd}: command not found\n`
      : `${this.prefix()}${cmd}: not found\n`;
  }

  // --- output ------------------------------------------------------------------------------------

  private write(sink: Sink, text: string): Effect | undefined {
    switch (sink.kind) {
      case 'stream':
        return text ? { kind: 'output', stream: sink.stream, text } : undefined;
      case 'file':
        this.rt.fs.write(sink.path, text, true);
        return undefined;
      case 'buffer':
        sink.buf.text += text;
        return undefined;
      case 'null':
        return undefined;
    }
  }

  private *emit(io: Io, stream: OutputStream, text: string): Generator<Effect, void, void> {
    const e = this.write(stream === 'stdout' ? io.out : io.err, text);
    if (e) yield e;
  }

  /** Runs a child program with this command's redirections applied to its output. */
  private *route(prog: Program, io: Io): Program {
    let r = prog.next();
    while (!r.done) {
      const e = r.value;
      if (e.kind === 'output') {
        const mapped = this.write(e.stream === 'stdout' ? io.out : io.err, e.text);
        if (mapped) yield mapped;
      } else {
        if (e.kind === 'sleep') this.budget.iterations = 0;
        yield e;
      }
      r = prog.next();
    }
    return r.value;
  }

  // --- variables ---------------------------------------------------------------------------------

  getVar(name: string): string | undefined {
    if (name === 'RANDOM' && this.opts.flavour !== 'dash') {
      this.random = (Math.imul(this.random, 1103515245) + 12345) >>> 0;
      return String((this.random >>> 16) % 32768);
    }
    if (name === 'LINENO') return String(this.line);
    return this.vars.get(name);
  }

  setVar(name: string, value: string): void {
    this.vars.set(name, value);
  }

  exportedEnv(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const k of this.exported) {
      const v = this.vars.get(k);
      if (v !== undefined) env[k] = v;
    }
    return env;
  }

  private special(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '#':
        return String(this.positional.length);
      case '$':
        return this.opts.pid1 ? '1' : '7';
      case '!':
        return this.lastBackground ? String(this.lastBackground) : '';
      case '-':
        return (this.errexit ? 'e' : '') + (this.xtrace ? 'x' : '') + (this.nounset ? 'u' : '') + 'h';
      case '0':
        return this.opts.name;
      case '*':
      case '@':
        return this.positional.join(' ');
      default:
        if (/^\d+$/.test(name)) return this.positional[Number(name) - 1];
        return undefined;
    }
  }

  private lookup(name: string): string | undefined {
    const s = this.special(name);
    if (s !== undefined || /^(\d+|[?#$!\-*@])$/.test(name)) return s;
    return this.getVar(name);
  }

  private *unsetError(name: string): Generator<Effect, never, void> {
    const msg =
      this.opts.flavour === 'bash'
        ? `${this.prefix()}${name}: unbound variable\n`
        : `${this.prefix()}${name}: parameter not set\n`;
    yield { kind: 'output', stream: 'stderr', text: msg };
    throw new ExitSignal(this.opts.flavour === 'bash' ? 1 : 2);
  }

  // --- expansion ---------------------------------------------------------------------------------

  /** Expands a word into fields (parameter/command/arithmetic expansion, splitting, quote removal). */
  *expandFields(raw: string, io: Io): Generator<Effect, string[], void> {
    const pieces = yield* this.expandPieces(raw, io, false);
    return this.split(pieces);
  }

  /** Expands a word into one string, without field splitting (assignments, redirection targets). */
  *expandSingle(raw: string, io: Io): Generator<Effect, string, void> {
    const pieces = yield* this.expandPieces(raw, io, false);
    return pieces.map((p) => ('brk' in p ? ' ' : p.text)).join('');
  }

  private split(pieces: Piece[]): string[] {
    const ifs = this.vars.get('IFS') ?? ' \t\n';
    const fields: string[] = [];
    let cur = '';
    let has = false;
    for (const p of pieces) {
      if ('brk' in p) {
        fields.push(cur);
        cur = '';
        has = false;
        continue;
      }
      if (!p.split) {
        cur += p.text;
        has = has || p.quoted || p.text.length > 0;
        continue;
      }
      for (const ch of p.text) {
        if (ifs.includes(ch)) {
          if (has) fields.push(cur);
          cur = '';
          has = false;
        } else {
          cur += ch;
          has = true;
        }
      }
    }
    if (has) fields.push(cur);
    return fields;
  }

  private *expandPieces(raw: string, io: Io, heredoc: boolean): Generator<Effect, Piece[], void> {
    const pieces: Piece[] = [];
    const lit = (text: string, quoted: boolean) => {
      const last = pieces[pieces.length - 1];
      if (last && !('brk' in last) && !last.split && last.quoted === quoted) last.text += text;
      else pieces.push({ text, quoted, split: false });
    };
    let i = 0;
    while (i < raw.length) {
      const c = raw[i]!;
      if (heredoc) {
        if (c === '\\' && '$`\\\n'.includes(raw[i + 1] ?? '')) {
          if (raw[i + 1] !== '\n') lit(raw[i + 1]!, true);
          i += 2;
        } else if (c === '$') {
          const r = yield* this.expandDollar(raw, i, true, io);
          pieces.push(...r.pieces);
          i = r.end;
        } else if (c === '`') {
          const end = skipSpecial(raw, i, this.line);
          pieces.push({
            text: yield* this.commandSubst(raw.slice(i + 1, end - 1).replace(/\\([`$\\])/g, '$1'), io),
            quoted: true,
            split: false,
          });
          i = end;
        } else {
          lit(c, true);
          i++;
        }
        continue;
      }
      if (c === "'") {
        const j = raw.indexOf("'", i + 1);
        lit(raw.slice(i + 1, j), true);
        i = j + 1;
      } else if (c === '"') {
        const r = yield* this.expandDouble(raw, i + 1, io);
        if (r.pieces.length === 0 && !r.atEmpty) lit('', true);
        pieces.push(...r.pieces);
        i = r.end;
      } else if (c === '\\') {
        if (raw[i + 1] !== '\n' && i + 1 < raw.length) lit(raw[i + 1]!, true);
        i += 2;
      } else if (c === '$') {
        const r = yield* this.expandDollar(raw, i, false, io);
        pieces.push(...r.pieces);
        i = r.end;
      } else if (c === '`') {
        const end = skipSpecial(raw, i, this.line);
        pieces.push({
          text: yield* this.commandSubst(raw.slice(i + 1, end - 1).replace(/\\([`$\\])/g, '$1'), io),
          quoted: false,
          split: true,
        });
        i = end;
      } else if (c === '~' && i === 0) {
        const m = /^~([A-Za-z0-9_]*)(?=\/|$)/.exec(raw);
        if (m && !m[1]) {
          lit(this.getVar('HOME') ?? '/root', true);
          i = 1;
        } else {
          lit(c, false);
          i++;
        }
      } else {
        lit(c, false);
        i++;
      }
    }
    return pieces;
  }

  private *expandDouble(
    raw: string,
    start: number,
    io: Io,
  ): Generator<Effect, { pieces: Piece[]; end: number; atEmpty: boolean }, void> {
    const pieces: Piece[] = [];
    let i = start;
    let atEmpty = false;
    let text = '';
    const flush = () => {
      if (text) pieces.push({ text, quoted: true, split: false });
      text = '';
    };
    while (i < raw.length && raw[i] !== '"') {
      const c = raw[i]!;
      if (c === '\\' && '$`"\\\n'.includes(raw[i + 1] ?? '')) {
        if (raw[i + 1] !== '\n') text += raw[i + 1];
        i += 2;
      } else if (c === '$') {
        if (raw.startsWith('$@', i) || raw.startsWith('${@}', i)) {
          flush();
          if (this.positional.length === 0) atEmpty = true;
          this.positional.forEach((p, k) => {
            if (k > 0) pieces.push({ brk: true });
            pieces.push({ text: p, quoted: true, split: false });
          });
          i += raw.startsWith('$@', i) ? 2 : 4;
          continue;
        }
        flush();
        const r = yield* this.expandDollar(raw, i, true, io);
        pieces.push(...r.pieces);
        i = r.end;
      } else if (c === '`') {
        flush();
        const end = skipSpecial(raw, i, this.line);
        pieces.push({
          text: yield* this.commandSubst(raw.slice(i + 1, end - 1).replace(/\\([`$\\"])/g, '$1'), io),
          quoted: true,
          split: false,
        });
        i = end;
      } else {
        text += c;
        i++;
      }
    }
    flush();
    return { pieces, end: i + 1, atEmpty: atEmpty && pieces.length === 0 };
  }

  private *expandDollar(
    raw: string,
    i: number,
    quoted: boolean,
    io: Io,
  ): Generator<Effect, { pieces: Piece[]; end: number }, void> {
    const n = raw[i + 1];
    const piece = (text: string): Piece[] => [{ text, quoted, split: !quoted }];
    if (n === '(' && raw[i + 2] === '(') {
      const end = matchClose(raw, i + 1, '(', ')', this.line);
      const expr = raw.slice(i + 3, end - 2);
      return { pieces: piece(String(yield* this.arith(expr, io))), end };
    }
    if (n === '(') {
      const end = matchClose(raw, i + 1, '(', ')', this.line);
      return { pieces: piece(yield* this.commandSubst(raw.slice(i + 2, end - 1), io)), end };
    }
    if (n === '{') {
      const end = matchClose(raw, i + 1, '{', '}', this.line);
      return { pieces: piece(yield* this.expandBraced(raw.slice(i + 2, end - 1), io)), end };
    }
    if (n !== undefined && /[?#$!\-*@0-9]/.test(n)) {
      const v = this.lookup(n);
      if (v === undefined && this.nounset && /[1-9]/.test(n)) yield* this.unsetError(n);
      return { pieces: piece(v ?? ''), end: i + 2 };
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(raw.slice(i + 1));
    if (m) {
      const v = this.lookup(m[0]);
      if (v === undefined && this.nounset) yield* this.unsetError(m[0]);
      return { pieces: piece(v ?? ''), end: i + 1 + m[0].length };
    }
    return { pieces: [{ text: '$', quoted, split: false }], end: i + 1 };
  }

  private *expandBraced(body: string, io: Io): Generator<Effect, string, void> {
    if (body.startsWith('#') && body.length > 1) {
      const v = this.lookup(body.slice(1));
      return String((v ?? '').length);
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|\d+|[?#$!\-*@])(.*)$/s.exec(body);
    if (!m) {
      yield { kind: 'output', stream: 'stderr', text: `${this.prefix()}\${${body}}: bad substitution\n` };
      throw new ExitSignal(2);
    }
    const [, name, rest] = m as unknown as [string, string, string];
    const value = this.lookup(name);
    if (!rest) {
      if (value === undefined && this.nounset) yield* this.unsetError(name);
      return value ?? '';
    }
    const opMatch = /^(:?[-=+?]|##?|%%?|\/\/?|:)(.*)$/s.exec(rest);
    if (!opMatch) {
      yield { kind: 'output', stream: 'stderr', text: `${this.prefix()}\${${body}}: bad substitution\n` };
      throw new ExitSignal(2);
    }
    const [, op, arg] = opMatch as unknown as [string, string, string];
    const word = () => this.expandSingle(arg, io);
    const isNull = value === undefined || (op.startsWith(':') && value === '');
    switch (op) {
      case '-':
      case ':-':
        return isNull ? yield* word() : value!;
      case '=':
      case ':=':
        if (isNull) {
          const w = yield* word();
          this.setVar(name, w);
          return w;
        }
        return value!;
      case '+':
      case ':+':
        return isNull ? '' : yield* word();
      case '?':
      case ':?':
        if (isNull) {
          const w = yield* word();
          yield {
            kind: 'output',
            stream: 'stderr',
            text: `${this.prefix()}${name}: ${w || 'parameter null or not set'}\n`,
          };
          throw new ExitSignal(this.opts.flavour === 'bash' ? 1 : 2);
        }
        return value!;
      case '#':
      case '##':
      case '%':
      case '%%': {
        const v = value ?? '';
        const pat = globToRegex(yield* word());
        const greedy = op.length === 2;
        if (op[0] === '#') {
          for (let k = greedy ? v.length : 0; greedy ? k >= 0 : k <= v.length; k += greedy ? -1 : 1) {
            if (pat.test(v.slice(0, k))) return v.slice(k);
          }
        } else {
          for (let k = greedy ? 0 : v.length; greedy ? k <= v.length : k >= 0; k += greedy ? 1 : -1) {
            if (pat.test(v.slice(k))) return v.slice(0, k);
          }
        }
        return v;
      }
      case '/':
      case '//': {
        const slash = findUnescaped(arg, '/');
        const patText = slash === -1 ? arg : arg.slice(0, slash);
        const rep = slash === -1 ? '' : yield* this.expandSingle(arg.slice(slash + 1), io);
        const pat = yield* this.expandSingle(patText, io);
        const re = new RegExp(globToRegex(pat).source.slice(1, -1), op === '//' ? 'g' : '');
        return (value ?? '').replace(re, () => rep);
      }
      case ':': {
        const [offRaw, lenRaw] = arg.split(':');
        const v = value ?? '';
        let off = Number(yield* this.arith(offRaw ?? '0', io));
        if (off < 0) off = Math.max(0, v.length + off);
        const len = lenRaw === undefined ? undefined : Number(yield* this.arith(lenRaw, io));
        return len === undefined
          ? v.slice(off)
          : len < 0
            ? v.slice(off, v.length + len)
            : v.slice(off, off + len);
      }
      default:
        return value ?? '';
    }
  }

  /** `$(...)`: runs in a subshell, stdout captured, trailing newlines removed. */
  private *commandSubst(src: string, io: Io): Generator<Effect, string, void> {
    const child = this.clone();
    const buf = { text: '' };
    const status = yield* child.runSource(src, { out: { kind: 'buffer', buf }, err: io.err, stdin: null });
    this.lastSubstStatus = status;
    this.status = status;
    return buf.text.replace(/\n+$/, '');
  }

  /** `$((...))`, with variables, assignment operators and C precedence. */
  private *arith(expr: string, io: Io): Generator<Effect, number, void> {
    const text = yield* this.expandSingle(expr, io);
    try {
      return new Arith(
        text,
        (n) => this.getVar(n),
        (n, v) => this.setVar(n, String(v)),
      ).evaluate();
    } catch (e) {
      if (!(e instanceof ArithError)) throw e;
      yield { kind: 'output', stream: 'stderr', text: `${this.prefix()}arithmetic syntax error\n` };
      throw new ExitSignal(2);
    }
  }

  // --- redirections ------------------------------------------------------------------------------

  private *redirect(redirects: Redirect[], io: Io): Generator<Effect, Io | undefined, void> {
    let { out, err, stdin } = io;
    for (const r of redirects) {
      const fd = r.fd ?? (r.op.startsWith('<') ? 0 : 1);
      if (r.op === '<<' || r.op === '<<-') {
        const body = r.heredoc?.quoted
          ? r.heredoc.body
          : yield* this.expandHeredoc(r.heredoc?.body ?? '', io);
        stdin = { text: body, pos: 0 };
        continue;
      }
      const target = yield* this.expandSingle(r.target, { out, err, stdin });
      if (r.op === '>&' || r.op === '<&') {
        if (target === '-') {
          if (fd === 1) out = { kind: 'null' };
          if (fd === 2) err = { kind: 'null' };
        } else if (fd === 2 && target === '1') err = out;
        else if (fd === 1 && target === '2') out = err;
        else if (!/^\d+$/.test(target)) {
          const sink = yield* this.openSink(target, false, { out, err, stdin });
          if (!sink) return undefined;
          out = sink;
          err = sink;
        }
        continue;
      }
      if (r.op === '<' || r.op === '<>') {
        if (fd !== 0) continue;
        const path = resolvePath(this.cwd, target);
        const c = this.rt.fs.read(path);
        if (isFsError(c)) {
          if (r.op === '<>') continue;
          const msg =
            this.opts.flavour === 'ash'
              ? `${this.prefix()}can't open ${target}: no such file\n`
              : this.opts.flavour === 'dash'
                ? `${this.prefix()}cannot open ${target}: No such file\n`
                : `${this.prefix()}${target}: ${STRERROR[c]}\n`;
          yield* this.emit({ out, err, stdin }, 'stderr', msg);
          return undefined;
        }
        stdin = { text: c, pos: 0 };
        continue;
      }
      const sink = yield* this.openSink(target, r.op === '>>', { out, err, stdin });
      if (!sink) return undefined;
      if (r.op === '&>') {
        out = sink;
        err = sink;
      } else if (fd === 1) out = sink;
      else if (fd === 2) err = sink;
    }
    return { out, err, stdin };
  }

  private *expandHeredoc(body: string, io: Io): Generator<Effect, string, void> {
    const pieces = yield* this.expandPieces(body, io, true);
    return pieces.map((p) => ('brk' in p ? ' ' : p.text)).join('');
  }

  private *openSink(target: string, append: boolean, io: Io): Generator<Effect, Sink | undefined, void> {
    const path = resolvePath(this.cwd, target);
    if (path === '/dev/null') return { kind: 'null' };
    if (path === '/dev/stdout' || path === '/proc/self/fd/1') return io.out;
    if (path === '/dev/stderr' || path === '/proc/self/fd/2') return io.err;
    // Writing to PID 1's stdout is the classic way to get lines into `kubectl logs` from `kubectl exec`.
    if (path === '/proc/1/fd/1') return { kind: 'stream', stream: 'stdout' };
    if (path === '/proc/1/fd/2') return { kind: 'stream', stream: 'stderr' };
    let e: FsError | undefined;
    if (append) e = this.rt.fs.stat(path) === 'file' ? undefined : this.rt.fs.write(path, '', true);
    else e = this.rt.fs.write(path, '');
    if (e) {
      let msg: string;
      if (this.opts.flavour === 'ash')
        msg = `${this.prefix()}can't create ${target}: ${e === 'ENOENT' ? 'nonexistent directory' : STRERROR[e]}\n`;
      else if (this.opts.flavour === 'dash')
        msg = `${this.prefix()}cannot create ${target}: ${e === 'ENOENT' ? 'Directory nonexistent' : STRERROR[e]}\n`;
      else msg = `${this.prefix()}${target}: ${STRERROR[e]}\n`;
      yield* this.emit(io, 'stderr', msg);
      return undefined;
    }
    return { kind: 'file', path };
  }

  // --- execution ---------------------------------------------------------------------------------

  /** Parses and runs `src` in this shell; syntax errors print the dialect's message and give 2. */
  *runSource(src: string, io: Io, top = false): Program {
    let ast: Node;
    try {
      ast = parse(src);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      yield* this.emit(io, 'stderr', this.syntaxErrorText(e, src));
      return 2;
    }
    if (top && this.opts.commandMode) this.execSingle = singleSimpleCommand(ast);
    let status: number;
    try {
      status = yield* this.exec(ast, io);
    } catch (e) {
      if (e instanceof ExitSignal) status = e.code;
      else if (e instanceof BreakSignal || e instanceof ContinueSignal) status = 0;
      else if (e instanceof ReturnSignal) status = e.code;
      else throw e;
    }
    if (top && this.exitTrap !== undefined) {
      const trap = this.exitTrap;
      this.exitTrap = undefined;
      this.status = status;
      try {
        yield* this.runSource(trap, io);
      } catch (e) {
        if (e instanceof ExitSignal) status = e.code;
        else throw e;
      }
    }
    return status;
  }

  private *exec(node: Node, io: Io): Program {
    switch (node.type) {
      case 'simple':
        return (this.status = yield* this.execSimple(node, io));
      case 'list': {
        let status = this.status;
        for (const item of node.items) {
          if (item.background) {
            const child = this.clone();
            const job = (function* (): Program {
              try {
                return yield* child.exec(item.node, io);
              } catch (e) {
                if (e instanceof ExitSignal) return e.code;
                throw e;
              }
            })();
            // `$!`: background PIDs count up from the shell's own; only their existence matters here.
            this.lastBackground = this.lastBackground ? this.lastBackground + 1 : 8;
            yield { kind: 'spawn', job };
            status = this.status = 0;
            continue;
          }
          status = yield* this.exec(item.node, io);
          this.status = status;
          if (this.errexit && status !== 0 && this.conditionDepth === 0 && !isConditionNode(item.node))
            throw new ExitSignal(status);
        }
        return status;
      }
      case 'andor': {
        this.conditionDepth++;
        let status: number;
        try {
          status = yield* this.exec(node.first, io);
        } finally {
          this.conditionDepth--;
        }
        for (let k = 0; k < node.rest.length; k++) {
          const { op, node: next } = node.rest[k]!;
          if ((op === '&&' && status === 0) || (op === '||' && status !== 0)) {
            const last = k === node.rest.length - 1;
            if (!last) this.conditionDepth++;
            try {
              status = yield* this.exec(next, io);
            } finally {
              if (!last) this.conditionDepth--;
            }
          }
        }
        return (this.status = status);
      }
      case 'pipeline': {
        if (node.negate) this.conditionDepth++;
        let status = 0;
        try {
          let input = io.stdin;
          for (let k = 0; k < node.commands.length; k++) {
            const last = k === node.commands.length - 1;
            const buf = { text: '' };
            const stageIo: Io = { out: last ? io.out : { kind: 'buffer', buf }, err: io.err, stdin: input };
            const cmd = node.commands[k]!;
            if (node.commands.length > 1) {
              const sub = this.clone();
              try {
                status = yield* sub.exec(cmd, stageIo);
              } catch (e) {
                if (e instanceof ExitSignal) status = e.code;
                else throw e;
              }
            } else status = yield* this.exec(cmd, stageIo);
            input = { text: buf.text, pos: 0 };
          }
        } finally {
          if (node.negate) this.conditionDepth--;
        }
        return (this.status = node.negate ? (status === 0 ? 1 : 0) : status);
      }
      case 'group': {
        const rio = yield* this.redirect(node.redirects, io);
        if (!rio) return (this.status = 1);
        return yield* this.exec(node.body, rio);
      }
      case 'subshell': {
        const rio = yield* this.redirect(node.redirects, io);
        if (!rio) return (this.status = 1);
        const sub = this.clone();
        try {
          return (this.status = yield* sub.exec(node.body, rio));
        } catch (e) {
          if (e instanceof ExitSignal) return (this.status = e.code);
          throw e;
        }
      }
      case 'if': {
        const rio = yield* this.redirect(node.redirects, io);
        if (!rio) return (this.status = 1);
        for (const c of node.clauses) {
          if ((yield* this.condition(c.cond, rio)) === 0) return yield* this.exec(c.body, rio);
        }
        if (node.otherwise) return yield* this.exec(node.otherwise, rio);
        return (this.status = 0);
      }
      case 'loop': {
        const rio = yield* this.redirect(node.redirects, io);
        if (!rio) return (this.status = 1);
        let status = 0;
        for (;;) {
          yield* this.loopGuard();
          const c = yield* this.condition(node.cond, rio);
          if ((c === 0) === node.until) break;
          const r = yield* this.loopBody(node.body, rio);
          status = r.status;
          if (r.stop) break;
        }
        return (this.status = status);
      }
      case 'for': {
        const rio = yield* this.redirect(node.redirects, io);
        if (!rio) return (this.status = 1);
        const items: string[] = [];
        if (node.items === null) items.push(...this.positional);
        else for (const w of node.items) items.push(...(yield* this.expandFields(w, rio)));
        let status = 0;
        for (const it of items) {
          yield* this.loopGuard();
          this.setVar(node.name, it);
          const r = yield* this.loopBody(node.body, rio);
          status = r.status;
          if (r.stop) break;
        }
        return (this.status = status);
      }
      case 'case': {
        const rio = yield* this.redirect(node.redirects, io);
        if (!rio) return (this.status = 1);
        const word = yield* this.expandSingle(node.word, rio);
        for (const arm of node.arms) {
          for (const p of arm.patterns) {
            const pat = yield* this.expandSingle(p, rio);
            if (globToRegex(pat, /['"\\]/.test(p)).test(word)) return yield* this.exec(arm.body, rio);
          }
        }
        return (this.status = 0);
      }
      case 'func':
        this.funcs.set(node.name, node.body);
        return (this.status = 0);
    }
  }

  private *condition(node: Node, io: Io): Program {
    this.conditionDepth++;
    try {
      return yield* this.exec(node, io);
    } finally {
      this.conditionDepth--;
    }
  }

  private *loopGuard(): Generator<Effect, void, void> {
    if (++this.budget.iterations >= BUSY_LOOP_ITERATIONS) {
      this.budget.iterations = 0;
      yield { kind: 'sleep', ms: BUSY_LOOP_SLEEP_MS };
    }
  }

  private *loopBody(body: Node, io: Io): Generator<Effect, { status: number; stop: boolean }, void> {
    try {
      return { status: yield* this.exec(body, io), stop: false };
    } catch (e) {
      if (e instanceof BreakSignal) {
        if (--e.levels > 0) throw e;
        return { status: 0, stop: true };
      }
      if (e instanceof ContinueSignal) {
        if (--e.levels > 0) throw e;
        return { status: 0, stop: false };
      }
      throw e;
    }
  }

  private *execSimple(node: Extract<Node, { type: 'simple' }>, io: Io): Program {
    this.line = node.line;
    this.lastSubstStatus = undefined;
    const argv: string[] = [];
    for (const w of node.words) argv.push(...(yield* this.expandFields(w, io)));
    const assigns: [string, string][] = [];
    for (const a of node.assigns) {
      const eq = a.indexOf('=');
      assigns.push([a.slice(0, eq), yield* this.expandSingle(a.slice(eq + 1), io)]);
    }
    const rio = yield* this.redirect(node.redirects, io);
    if (!rio) return 1;
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.setVar(k, v);
      return this.lastSubstStatus ?? 0;
    }
    if (this.xtrace)
      yield* this.emit(rio, 'stderr', `+ ${[...assigns.map(([k, v]) => `${k}=${v}`), ...argv].join(' ')}\n`);
    const name = argv[0]!;
    const fn = this.funcs.get(name);
    if (fn) return yield* this.callFunction(fn, argv, rio);
    const builtin = BUILTINS[name];
    if (builtin) {
      for (const [k, v] of assigns) this.setVar(k, v);
      return yield* this.route(builtin.call(this, argv, rio), rio);
    }
    const env = this.exportedEnv();
    for (const [k, v] of assigns) env[k] = v;
    return yield* this.external(argv, env, rio, node === this.execSingle);
  }

  private *callFunction(body: Node, argv: string[], io: Io): Program {
    if (this.functionDepth >= MAX_FUNCTION_DEPTH) {
      yield* this.emit(
        io,
        'stderr',
        `${this.prefix()}${argv[0]}: maximum function nesting level exceeded (${MAX_FUNCTION_DEPTH})\n`,
      );
      throw new ExitSignal(2);
    }
    const saved = this.positional;
    this.positional = argv.slice(1);
    this.functionDepth++;
    this.localFrames.push(new Map());
    try {
      return yield* this.exec(body, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.code;
      throw e;
    } finally {
      const frame = this.localFrames.pop()!;
      for (const [k, v] of frame) {
        if (v === undefined) this.vars.delete(k);
        else this.vars.set(k, v);
      }
      this.functionDepth--;
      this.positional = saved;
    }
  }

  private *external(argv: string[], env: Record<string, string>, io: Io, exec: boolean): Program {
    const stdin = io.stdin ? io.stdin.text.slice(io.stdin.pos) : null;
    const r = this.rt.spawn(argv, { env, cwd: this.cwd, stdin, exec: exec && this.opts.pid1 });
    if (r.kind === 'not-found') {
      yield* this.emit(
        io,
        'stderr',
        argv[0]!.includes('/') && this.opts.flavour !== 'bash'
          ? `${this.prefix()}${argv[0]}: not found\n`
          : argv[0]!.includes('/')
            ? `${this.prefix()}${argv[0]}: No such file or directory\n`
            : this.notFoundText(argv[0]!),
      );
      return 127;
    }
    if (r.kind === 'unsimulated') {
      yield* this.emit(io, 'stderr', `kubesim: '${argv[0]}' exists in this image but is not simulated\n`);
      return 1;
    }
    return yield* this.route(r.program, io);
  }

  // --- builtins ----------------------------------------------------------------------------------

  *builtinExit(argv: string[], io: Io): Program {
    const raw = argv[1];
    if (raw !== undefined && !/^-?\d+$/.test(raw)) {
      const msg =
        this.opts.flavour === 'bash'
          ? `${this.prefix()}exit: ${raw}: numeric argument required\n`
          : `${this.prefix()}exit: Illegal number: ${raw}\n`;
      yield* this.emit(io, 'stderr', msg);
      throw new ExitSignal(this.opts.flavour === 'bash' ? 255 : 2);
    }
    const n = raw === undefined ? this.status : Number(raw);
    throw new ExitSignal(((n % 256) + 256) % 256);
  }

  *builtinSet(argv: string[]): Program {
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--') {
        this.positional = argv.slice(i + 1);
        return 0;
      }
      if (a === '-o' || a === '+o') {
        const opt = argv[++i];
        const on = a === '-o';
        if (opt === 'errexit') this.errexit = on;
        else if (opt === 'xtrace') this.xtrace = on;
        else if (opt === 'nounset') this.nounset = on;
        continue;
      }
      if (/^[-+][a-zA-Z]+$/.test(a)) {
        const on = a[0] === '-';
        for (const f of a.slice(1)) {
          if (f === 'e') this.errexit = on;
          else if (f === 'x') this.xtrace = on;
          else if (f === 'u') this.nounset = on;
        }
        continue;
      }
      this.positional = argv.slice(i);
      return 0;
    }
    if (argv.length === 1) {
      const lines = [...this.vars.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => `${k}='${v.replace(/'/g, "'\\''")}'\n`);
      yield { kind: 'output', stream: 'stdout', text: lines.join('') };
    }
    return 0;
  }

  *builtinTrap(argv: string[]): Program {
    if (argv.length === 1) return 0;
    const [action, ...sigs] = argv.slice(1) as [string, ...string[]];
    const targets = sigs.length ? sigs : [];
    for (const s of targets) {
      const sig = SIGNAL_NAMES[s.toUpperCase()];
      if (!sig) {
        yield { kind: 'output', stream: 'stderr', text: `${this.prefix()}trap: ${s}: bad trap\n` };
        return 1;
      }
      if (sig === 'EXIT') {
        this.exitTrap = action === '-' ? undefined : action;
        continue;
      }
      if (!this.opts.pid1) continue;
      const code = action === '-' ? undefined : action;
      yield { kind: 'handle', signal: sig, handler: () => this.trapHandler(code) };
    }
    return 0;
  }

  /** Runs a trap's code when the signal arrives; `exit` inside it ends the process. */
  private *trapHandler(code: string | undefined): Program<number | null> {
    if (code === undefined) return null;
    try {
      yield* this.runNested(code, {
        out: { kind: 'stream', stream: 'stdout' },
        err: { kind: 'stream', stream: 'stderr' },
        stdin: null,
      });
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
    return null;
  }

  *builtinExec(argv: string[], io: Io): Program {
    if (argv.length === 1) return 0;
    const r = this.rt.spawn(argv.slice(1), {
      env: this.exportedEnv(),
      cwd: this.cwd,
      stdin: io.stdin ? io.stdin.text.slice(io.stdin.pos) : null,
      exec: this.opts.pid1,
    });
    if (r.kind === 'not-found') {
      const msg =
        this.opts.flavour === 'bash'
          ? `${this.prefix()}exec: ${argv[1]}: not found\n`
          : `${this.prefix()}exec: ${argv[1]}: not found\n`;
      yield { kind: 'output', stream: 'stderr', text: msg };
      throw new ExitSignal(127);
    }
    if (r.kind === 'unsimulated') {
      yield {
        kind: 'output',
        stream: 'stderr',
        text: `kubesim: '${argv[1]}' exists in this image but is not simulated\n`,
      };
      throw new ExitSignal(1);
    }
    throw new ExitSignal(yield* r.program);
  }

  builtinRead(argv: string[], io: Io): Program {
    return exitWith(this.readLine(argv, io));
  }

  private readLine(argv: string[], io: Io): number {
    const names: string[] = [];
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '-p' || a === '-t' || a === '-u' || a === '-n' || a === '-d') i++;
      else if (!a.startsWith('-')) names.push(a);
    }
    if (names.length === 0) names.push('REPLY');
    const input = io.stdin;
    if (!input || input.pos >= input.text.length) {
      for (const n of names) this.setVar(n, '');
      return 1;
    }
    let end = input.text.indexOf('\n', input.pos);
    const eof = end === -1;
    if (eof) end = input.text.length;
    const line = input.text.slice(input.pos, end);
    input.pos = end + 1;
    const ifs = this.vars.get('IFS') ?? ' \t\n';
    const parts = line
      .split(new RegExp(`[${ifs.replace(/[\]\\^-]/g, '\\$&')}]+`))
      .filter((p, k) => p !== '' || k > 0);
    names.forEach((n, k) => {
      this.setVar(n, k === names.length - 1 ? parts.slice(k).join(' ') : (parts[k] ?? ''));
    });
    return eof ? 1 : 0;
  }

  *builtinCd(argv: string[]): Program {
    const target =
      argv[1] === undefined
        ? (this.getVar('HOME') ?? '/')
        : argv[1] === '-'
          ? (this.getVar('OLDPWD') ?? this.cwd)
          : argv[1];
    const path = resolvePath(this.cwd, target);
    if (this.rt.fs.stat(path) !== 'dir') {
      const msg =
        this.opts.flavour === 'ash'
          ? `${this.prefix()}cd: can't cd to ${target}: No such file or directory\n`
          : this.opts.flavour === 'dash'
            ? `${this.prefix()}cd: can't cd to ${target}\n`
            : `${this.prefix()}cd: ${target}: No such file or directory\n`;
      yield { kind: 'output', stream: 'stderr', text: msg };
      return this.opts.flavour === 'bash' ? 1 : 2;
    }
    this.setVar('OLDPWD', this.cwd);
    this.cwd = path;
    this.setVar('PWD', path);
    return 0;
  }

  builtinLocal(argv: string[]): Program {
    this.declareLocals(argv);
    return exitWith(0);
  }

  private declareLocals(argv: string[]): void {
    const frame = this.localFrames[this.localFrames.length - 1];
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a : a.slice(0, eq);
      if (frame && !frame.has(name)) frame.set(name, this.vars.get(name));
      this.setVar(name, eq === -1 ? (this.vars.get(name) ?? '') : a.slice(eq + 1));
    }
  }

  *builtinEval(argv: string[], io: Io): Program {
    return yield* this.runNested(argv.slice(1).join(' '), io);
  }

  *builtinSource(argv: string[], io: Io): Program {
    const f = argv[1];
    if (!f) return 0;
    const c = this.rt.fs.read(resolvePath(this.cwd, f));
    if (isFsError(c)) {
      yield {
        kind: 'output',
        stream: 'stderr',
        text:
          this.opts.flavour === 'bash'
            ? `${this.prefix()}${f}: No such file or directory\n`
            : `${this.prefix()}.: can't open '${f}'\n`,
      };
      return this.opts.flavour === 'bash' ? 1 : 2;
    }
    return yield* this.runNested(c, io);
  }

  /** Runs source text inside this shell (eval, `.`): syntax errors report, control flow propagates. */
  private *runNested(src: string, io: Io): Program {
    let ast: Node;
    try {
      ast = parse(src);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      yield { kind: 'output', stream: 'stderr', text: this.syntaxErrorText(e, src) };
      return 2;
    }
    return yield* this.exec(ast, io);
  }

  *builtinCommand(argv: string[], io: Io): Program {
    const verbose = argv[1] === '-v' || argv[1] === '-V';
    if (!verbose) {
      if (argv.length < 2) return 0;
      return yield* this.external(argv.slice(1), this.exportedEnv(), io, false);
    }
    let status = 0;
    for (const n of argv.slice(2)) {
      if (BUILTINS[n] || this.funcs.has(n)) yield { kind: 'output', stream: 'stdout', text: `${n}\n` };
      else {
        const r = this.rt.spawn([n], { env: this.exportedEnv(), cwd: this.cwd, stdin: null, exec: false });
        if (r.kind === 'not-found') status = 1;
        else
          yield {
            kind: 'output',
            stream: 'stdout',
            text: `${whichPath(this.rt, n, this.getVar('PATH') ?? '')}\n`,
          };
      }
    }
    return status;
  }

  *builtinType(argv: string[]): Program {
    let status = 0;
    for (const n of argv.slice(1)) {
      if (this.funcs.has(n)) yield { kind: 'output', stream: 'stdout', text: `${n} is a function\n` };
      else if (BUILTINS[n]) yield { kind: 'output', stream: 'stdout', text: `${n} is a shell builtin\n` };
      else {
        const p = whichPath(this.rt, n, this.getVar('PATH') ?? '');
        if (p) yield { kind: 'output', stream: 'stdout', text: `${n} is ${p}\n` };
        else {
          status = 1;
          yield {
            kind: 'output',
            stream: 'stderr',
            text:
              this.opts.flavour === 'bash' ? `${this.prefix()}type: ${n}: not found\n` : `${n}: not found\n`,
          };
        }
      }
    }
    return status;
  }
}

function whichPath(rt: RuntimeContext, name: string, path: string): string | undefined {
  if (name.includes('/')) return rt.image.programs.has(name) ? name : undefined;
  for (const dir of path.split(':')) {
    const full = `${dir.replace(/\/+$/, '')}/${name}`;
    if (dir && rt.image.programs.has(full)) return full;
  }
  return undefined;
}

function isConditionNode(node: Node): boolean {
  return node.type === 'andor' || (node.type === 'pipeline' && node.negate);
}

/** In `sh -c 'cmd args'` the shell execs a lone simple command, so it becomes PID 1 itself. */
function singleSimpleCommand(ast: Node): Node | undefined {
  if (ast.type !== 'list' || ast.items.length !== 1) return undefined;
  const item = ast.items[0]!;
  if (item.background) return undefined;
  return item.node.type === 'simple' ? item.node : undefined;
}

function findUnescaped(s: string, ch: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === ch) return i;
  }
  return -1;
}

/** Shell pattern (`*`, `?`, `[...]`) to an anchored RegExp. `literal` patterns were quoted. */
export function globToRegex(pattern: string, literal = false): RegExp {
  if (literal) return new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 's');
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) re += '\\[';
      else {
        let cls = pattern.slice(i + 1, end);
        if (cls.startsWith('!')) cls = `^${cls.slice(1)}`;
        re += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) re += `\\${pattern[++i]}`;
    else re += c.replace(/[.+^${}()|\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

const BUILTINS: Record<string, Builtin | undefined> = {
  ':': () => exitWith(0),
  true: () => exitWith(0),
  false: () => exitWith(1),
  echo: function* (this: Shell, argv) {
    yield {
      kind: 'output',
      stream: 'stdout',
      text: echoText(argv.slice(1), this.opts.flavour === 'dash' ? 'dash' : 'gnu'),
    };
    return 0;
  },
  printf: function* (this: Shell, argv) {
    if (argv.length < 2) {
      yield {
        kind: 'output',
        stream: 'stderr',
        text: `${this.prefix()}printf: usage: printf format [arguments]\n`,
      };
      return 2;
    }
    const r = formatPrintf(argv[1]!, argv.slice(2));
    if (r.text) yield { kind: 'output', stream: 'stdout', text: r.text };
    if (r.error) {
      yield { kind: 'output', stream: 'stderr', text: `${this.prefix()}printf: ${r.error}\n` };
      return 1;
    }
    return 0;
  },
  test: testBuiltin,
  '[': testBuiltin,
  exit: function (this: Shell, argv, io) {
    return this.builtinExit(argv, io);
  },
  export: function* (this: Shell, argv): Program {
    const names = argv.slice(1).filter((a) => a !== '-p');
    if (names.length === 0) {
      const lines = [...this.exported]
        .filter((k) => this.vars.has(k))
        .sort()
        .map((k) => `export ${k}='${this.vars.get(k)}'\n`);
      yield { kind: 'output', stream: 'stdout', text: lines.join('') };
      return 0;
    }
    for (const a of names) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a : a.slice(0, eq);
      if (eq !== -1) this.setVar(name, a.slice(eq + 1));
      this.exported.add(name);
    }
    return 0;
  },
  readonly: function (this: Shell, argv) {
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      if (eq !== -1) this.setVar(a.slice(0, eq), a.slice(eq + 1));
    }
    return exitWith(0);
  },
  unset: function (this: Shell, argv) {
    const fn = argv[1] === '-f';
    for (const a of argv.slice(1).filter((x) => !x.startsWith('-'))) {
      if (fn) this.funcs.delete(a);
      else {
        this.vars.delete(a);
        this.exported.delete(a);
      }
    }
    return exitWith(0);
  },
  set: function* (this: Shell, argv) {
    return yield* this.builtinSet(argv);
  },
  shift: function (this: Shell, argv) {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (n > this.positional.length) return exitWith(1);
    this.positional = this.positional.slice(n);
    return exitWith(0);
  },
  cd: function* (this: Shell, argv) {
    return yield* this.builtinCd(argv);
  },
  pwd: function* (this: Shell) {
    yield { kind: 'output', stream: 'stdout', text: `${this.cwd}\n` };
    return 0;
  },
  read: function (this: Shell, argv, io) {
    return this.builtinRead(argv, io);
  },
  wait: function* () {
    yield { kind: 'wait' };
    return 0;
  },
  exec: function* (this: Shell, argv, io) {
    return yield* this.builtinExec(argv, io);
  },
  return: function (this: Shell, argv) {
    throw new ReturnSignal(argv[1] === undefined ? this.status : Number(argv[1]) & 255);
  },
  break: (argv) => {
    throw new BreakSignal(Math.max(1, Number(argv[1] ?? 1) || 1));
  },
  continue: (argv) => {
    throw new ContinueSignal(Math.max(1, Number(argv[1] ?? 1) || 1));
  },
  eval: function* (this: Shell, argv, io) {
    return yield* this.builtinEval(argv, io);
  },
  '.': function* (this: Shell, argv, io) {
    return yield* this.builtinSource(argv, io);
  },
  source: function* (this: Shell, argv, io) {
    return yield* this.builtinSource(argv, io);
  },
  trap: function* (this: Shell, argv) {
    return yield* this.builtinTrap(argv);
  },
  local: function (this: Shell, argv) {
    return this.builtinLocal(argv);
  },
  command: function* (this: Shell, argv, io) {
    return yield* this.builtinCommand(argv, io);
  },
  type: function* (this: Shell, argv) {
    return yield* this.builtinType(argv);
  },
  let: function (this: Shell, argv) {
    let v = 0;
    for (const e of argv.slice(1))
      v = new Arith(
        e,
        (n) => this.getVar(n),
        (n, x) => this.setVar(n, String(x)),
      ).evaluate();
    return exitWith(v === 0 ? 1 : 0);
  },
  ulimit: function* () {
    yield { kind: 'output', stream: 'stdout', text: 'unlimited\n' };
    return 0;
  },
  umask: function* () {
    yield { kind: 'output', stream: 'stdout', text: '0022\n' };
    return 0;
  },
  alias: () => exitWith(0),
  hash: () => exitWith(0),
  kill: () => exitWith(0),
};

function* testBuiltin(this: Shell, argv: string[]): Program {
  let args = argv.slice(1);
  const name = argv[0]!;
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      yield { kind: 'output', stream: 'stderr', text: `${this.prefix()}[: missing ]\n` };
      return 2;
    }
    args = args.slice(0, -1);
  }
  const r = evalTest(args, { rt: this.rt, cwd: this.cwd, env: this.exportedEnv() });
  if (r.error) yield { kind: 'output', stream: 'stderr', text: `${this.prefix()}${name}: ${r.error}\n` };
  return r.status;
}

// ---------------------------------------------------------------------------------------------------
// Arithmetic

class ArithError extends Error {}

class Arith {
  private toks: string[];
  private i = 0;

  constructor(
    text: string,
    private readonly get: (name: string) => string | undefined,
    private readonly set: (name: string, value: number) => void,
  ) {
    this.toks =
      text.match(
        /0[xX][0-9a-fA-F]+|\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*=?|<<=?|>>=?|&&|\|\||[=!<>]=|\+\+|--|[-+*/%&^|]=|[-+*/%()<>=!~?:&^|,]/g,
      ) ?? [];
    if (this.toks.join('') !== text.replace(/\s+/g, '')) throw new ArithError('syntax');
  }

  evaluate(): number {
    if (this.toks.length === 0) return 0;
    const v = this.comma();
    if (this.i < this.toks.length) throw new ArithError('syntax');
    return v;
  }

  private peek(): string | undefined {
    return this.toks[this.i];
  }

  private varValue(name: string): number {
    const v = this.get(name);
    if (v === undefined || v === '') return 0;
    const n = Number(v.trim());
    return Number.isFinite(n) ? Math.trunc(n) : 0;
  }

  private comma(): number {
    let v = this.assign();
    while (this.peek() === ',') {
      this.i++;
      v = this.assign();
    }
    return v;
  }

  private assign(): number {
    const t = this.peek();
    const op = this.toks[this.i + 1];
    if (t && /^[A-Za-z_]/.test(t) && op && /^([-+*/%&^|]|\*\*|<<|>>)?=$/.test(op) && op !== '==') {
      this.i += 2;
      const rhs = this.assign();
      const cur = this.varValue(t);
      const v = op === '=' ? rhs : binary(op.slice(0, -1), cur, rhs);
      this.set(t, v);
      return v;
    }
    return this.ternary();
  }

  private ternary(): number {
    const c = this.binaryLevel(0);
    if (this.peek() !== '?') return c;
    this.i++;
    const a = this.assign();
    if (this.peek() !== ':') throw new ArithError('syntax');
    this.i++;
    const b = this.assign();
    return c ? a : b;
  }

  private static LEVELS = [
    ['||'],
    ['&&'],
    ['|'],
    ['^'],
    ['&'],
    ['==', '!='],
    ['<', '<=', '>', '>='],
    ['<<', '>>'],
    ['+', '-'],
    ['*', '/', '%'],
    ['**'],
  ];

  private binaryLevel(level: number): number {
    if (level >= Arith.LEVELS.length) return this.unary();
    let v = this.binaryLevel(level + 1);
    while (this.peek() !== undefined && Arith.LEVELS[level]!.includes(this.peek()!)) {
      const op = this.toks[this.i++]!;
      const r = this.binaryLevel(level + 1);
      v = binary(op, v, r);
    }
    return v;
  }

  private unary(): number {
    const t = this.peek();
    if (t === '-' || t === '+' || t === '!' || t === '~') {
      this.i++;
      const v = this.unary();
      return t === '-' ? -v : t === '+' ? v : t === '!' ? (v ? 0 : 1) : ~v;
    }
    if (t === '++' || t === '--') {
      this.i++;
      const name = this.toks[this.i++];
      if (!name || !/^[A-Za-z_]/.test(name)) throw new ArithError('syntax');
      const v = this.varValue(name) + (t === '++' ? 1 : -1);
      this.set(name, v);
      return v;
    }
    return this.postfix();
  }

  private postfix(): number {
    const t = this.toks[this.i++];
    if (t === undefined) throw new ArithError('syntax');
    if (t === '(') {
      const v = this.comma();
      if (this.toks[this.i++] !== ')') throw new ArithError('syntax');
      return v;
    }
    if (/^0[xX]/.test(t)) return parseInt(t, 16);
    if (/^0\d+$/.test(t)) return parseInt(t, 8);
    if (/^\d+$/.test(t)) return parseInt(t, 10);
    if (/^[A-Za-z_]/.test(t)) {
      const v = this.varValue(t);
      const n = this.peek();
      if (n === '++' || n === '--') {
        this.i++;
        this.set(t, v + (n === '++' ? 1 : -1));
      }
      return v;
    }
    throw new ArithError('syntax');
  }
}

function binary(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
    case '%':
      if (b === 0) throw new ArithError('division by zero');
      return op === '/' ? Math.trunc(a / b) : a % b;
    case '**':
      return a ** b;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '<':
      return a < b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '&':
      return a & b;
    case '^':
      return a ^ b;
    case '|':
      return a | b;
    case '&&':
      return a && b ? 1 : 0;
    case '||':
      return a || b ? 1 : 0;
    default:
      throw new ArithError('syntax');
  }
}

// ---------------------------------------------------------------------------------------------------
// Entry points

export interface ShellInvocation {
  flavour: ShellFlavour;
  /** Full argv, `argv[0]` being how the shell was called (`sh`, `/bin/sh`, `bash`). */
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  stdin: string | null;
  pid1: boolean;
}

/**
 * Runs a shell as a program: `sh -c 'script' [name [args...]]`, `sh script.sh [args]`, or plain `sh`
 * which reads its script from stdin — empty in a container, so it exits 0 at once (which is why a
 * Deployment of plain busybox crash-loops).
 */
export function* runShell(rt: RuntimeContext, inv: ShellInvocation): Program {
  const argv0 = inv.argv[0] ?? 'sh';
  const flags = new Set<string>();
  let i = 1;
  for (; i < inv.argv.length; i++) {
    const a = inv.argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-o' || a === '+o') {
      i++;
      continue;
    }
    if (!/^[-+][a-zA-Z]+$/.test(a)) break;
    if (a[0] === '-') for (const f of a.slice(1)) flags.add(f);
  }
  const rest = inv.argv.slice(i);
  const out: Io = {
    out: { kind: 'stream', stream: 'stdout' },
    err: { kind: 'stream', stream: 'stderr' },
    stdin: inv.stdin !== null ? { text: inv.stdin, pos: 0 } : null,
  };
  const base = {
    flavour: inv.flavour,
    env: inv.env,
    cwd: inv.cwd,
    stdin: inv.stdin,
    pid1: inv.pid1,
    errexit: flags.has('e'),
    xtrace: flags.has('x'),
  };
  if (flags.has('c')) {
    const script = rest[0];
    if (script === undefined) {
      yield {
        kind: 'output',
        stream: 'stderr',
        text:
          inv.flavour === 'bash'
            ? `${argv0}: -c: option requires an argument\n`
            : inv.flavour === 'dash'
              ? `${argv0}: 0: -c requires an argument\n`
              : `${argv0}: -c requires an argument\n`,
      };
      return 2;
    }
    const shell = new Shell(rt, {
      ...base,
      name: rest[1] ?? argv0,
      positional: rest.slice(2),
      commandMode: true,
    });
    return yield* shell.runSource(script, out, true);
  }
  if (rest.length > 0 && !flags.has('s')) {
    const file = rest[0]!;
    const content = rt.fs.read(resolvePath(inv.cwd, file));
    if (isFsError(content)) {
      const msg =
        inv.flavour === 'ash'
          ? `${argv0}: can't open '${file}': No such file or directory\n`
          : inv.flavour === 'dash'
            ? `${argv0}: 0: cannot open ${file}: No such file\n`
            : `${argv0}: ${file}: No such file or directory\n`;
      yield { kind: 'output', stream: 'stderr', text: msg };
      return inv.flavour === 'bash' ? 127 : 2;
    }
    const shell = new Shell(rt, { ...base, name: file, positional: rest.slice(1) });
    return yield* shell.runSource(content, out, true);
  }
  const script = inv.stdin ?? '';
  const shell = new Shell(rt, { ...base, name: argv0, positional: rest });
  return yield* shell.runSource(script, out, true);
}
