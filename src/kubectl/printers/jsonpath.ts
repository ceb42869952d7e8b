import { goNumber } from '../../engine/apimachinery/validation';
import { goMarshal, goMarshalIndent, goSprint } from './gojson';

/**
 * kubectl's JSONPath: a port of k8s.io/client-go/util/jsonpath (parser and evaluator), so that
 * `-o jsonpath=...`, custom-columns and --sort-by accept the same templates and fail with the same
 * messages as a real kubectl. Text outside `{}` is printed as is; inside, `.field`, `['key']`,
 * `[n]`, `[a:b:s]`, `[*]`, `[a,b]`, `..field`, `[?(@.x=="v")]`, `{range ...}{end}` and quoted text
 * such as `{"\n"}` are supported. Several results of one action print separated by spaces; maps
 * and lists print as compact JSON.
 */

type Node =
  | { t: 'list'; nodes: Node[] }
  | { t: 'text'; text: string }
  | { t: 'field'; value: string }
  | { t: 'array'; params: Param[] }
  | { t: 'filter'; left: ListNode; right: ListNode; op: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; nodes: ListNode[] }
  | { t: 'identifier'; name: string };
type ListNode = { t: 'list'; nodes: Node[] };

interface Param {
  value: number;
  known: boolean;
  derived: boolean;
}

/** A float literal in a filter (`1.0`), which Go keeps apart from the int `1`. */
class GoFloat {
  constructor(readonly n: number) {}
}

const list = (): ListNode => ({ t: 'list', nodes: [] });

// ---------------------------------------------------------------------------------------------
// Parser

const isTerminator = (r: string | undefined): boolean =>
  r === undefined || r === ' ' || r === '\t' || r === '\r' || r === '\n' || '.,[]$@{}'.includes(r);
const isAlphaNumeric = (r: string): boolean => r === '_' || /^[\p{L}\p{Nd}]$/u.test(r);

class Parser {
  root: ListNode = list();
  private input = '';
  private pos = 0;
  private start = 0;

  parse(text: string): void {
    this.input = text;
    this.root = list();
    this.pos = 0;
    this.start = 0;
    this.parseText(this.root);
  }

  private consume(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }
  private next(): string | undefined {
    if (this.pos >= this.input.length) return undefined;
    return this.input[this.pos++];
  }
  private peek(): string | undefined {
    return this.input[this.pos];
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consume() });
        this.pos += 1;
        this.consume();
        const action = list();
        cur.nodes.push(action);
        this.parseInsideAction(action);
        return;
      }
      if (this.next() === undefined) break;
    }
    if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consume() });
  }

  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consume();
        this.parseText(this.root);
        return;
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        const last = cur.nodes[cur.nodes.length - 1];
        if (last?.t === 'recursive') throw new Error('invalid multiple recursive descent');
        this.pos += 2;
        this.consume();
        cur.nodes.push({ t: 'recursive' });
        const r = this.peek();
        if (r !== undefined && isAlphaNumeric(r)) this.parseField(cur);
        continue;
      }
      const r = this.next();
      if (r === undefined || r === '\r' || r === '\n') throw new Error('unclosed action');
      if (r === ' ' || r === '@' || r === '$') this.consume();
      else if (r === '[') this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === '.') this.parseField(cur);
      else if (r === '+' || r === '-' || /^\p{Nd}$/u.test(r)) {
        this.pos--;
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.pos--;
        this.parseIdentifier(cur);
      } else {
        const cp = r.codePointAt(0)!;
        throw new Error(`unrecognized character in action: U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${r}'`);
      }
    }
  }

  private parseIdentifier(cur: ListNode): void {
    while (!isTerminator(this.peek())) this.pos++;
    const value = this.consume();
    if (value === 'true' || value === 'false') cur.nodes.push({ t: 'bool', value: value === 'true' });
    else cur.nodes.push({ t: 'identifier', name: value });
  }

  private parseNumber(cur: ListNode): void {
    if (this.peek() === '+' || this.peek() === '-') this.pos++;
    while (this.peek() !== undefined && (this.peek() === '.' || /^\d$/.test(this.peek()!))) this.pos++;
    const value = this.consume();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ t: 'int', value: Number(value) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ t: 'float', value: Number(value) });
    else throw new Error(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new Error('unterminated array');
      if (r === ']') break;
    }
    let text = this.consume();
    text = text.slice(1, -1);
    if (text === '*') text = ':';
    const strs = text.split(',');
    if (strs.length > 1) {
      cur.nodes.push({ t: 'union', nodes: strs.map((s) => parseAction(`[${s.trim()}]`)) });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      cur.nodes.push(...parseAction(`.${dict[1]}`).nodes);
      return;
    }
    const m = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (!m) throw new Error(`invalid array index ${text}`);
    const parts = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: Param[] = [];
    for (let i = 0; i < 3; i++) {
      let v = parts[i]!;
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params.push({ value: 0, known: false, derived: false });
        else {
          if (!/^[+-]?\d+$/.test(v)) throw new Error(`array index ${v} is not a number`);
          params.push({ value: Number(v), known: true, derived: false });
        }
      } else if (i === 1) params.push({ value: params[0]!.value + 1, known: true, derived: true });
      else params.push({ value: 0, known: false, derived: false });
    }
    cur.nodes.push({ t: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new Error('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')' && begin === end) break;
    }
    if (this.next() !== ']') throw new Error('unclosed array expect ]');
    let text = this.consume();
    text = text.slice(0, -2);
    const m = /^([^!<>=]+)([!<>=~]+)(.+?)$/.exec(text);
    if (!m) cur.nodes.push({ t: 'filter', left: parseAction(text), right: list(), op: 'exists' });
    else cur.nodes.push({ t: 'filter', left: parseAction(m[1]!), right: parseAction(m[3]!), op: m[2]! });
  }

  private parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new Error('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consume();
    cur.nodes.push({ t: 'text', text: unquoteExtend(value) });
  }

  private parseField(cur: ListNode): void {
    this.consume();
    for (;;) {
      const r = this.next();
      if (r === '\\') this.next();
      else if (isTerminator(r)) {
        if (r !== undefined) this.pos--;
        break;
      }
    }
    const value = this.consume();
    if (value === '*') cur.nodes.push({ t: 'wildcard' });
    else cur.nodes.push({ t: 'field', value: value.replace(/\\/g, '') });
  }
}

function parseAction(text: string): ListNode {
  const p = new Parser();
  p.parse(`{${text}}`);
  return p.root.nodes[0] as ListNode;
}

/** strconv.Unquote, extended to single-quoted strings. */
function unquoteExtend(s: string): string {
  const q = s[0];
  if (s.length < 2 || q !== s[s.length - 1] || (q !== '"' && q !== "'")) throw new Error(`unquote string ${s} error invalid syntax`);
  const body = s.slice(1, -1);
  const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'" };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      if (c === q) throw new Error(`unquote string ${s} error invalid syntax`);
      out += c;
      continue;
    }
    const n = body[++i];
    if (n !== undefined && esc[n] !== undefined) out += esc[n];
    else if (n === 'x' || n === 'u' || n === 'U') {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new Error(`unquote string ${s} error invalid syntax`);
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else throw new Error(`unquote string ${s} error invalid syntax`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Evaluator

type Kind = 'bool' | 'int' | 'float' | 'string';

function goKind(v: unknown): Kind {
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'string';
  throw new Error('invalid type for comparison');
}

const num = (v: unknown): number => (v instanceof GoFloat ? v.n : (v as number));

function goEqual(a: unknown, b: unknown): boolean {
  const ka = goKind(a);
  if (ka !== goKind(b)) throw new Error('incompatible types for comparison');
  return ka === 'int' || ka === 'float' ? num(a) === num(b) : a === b;
}

function goLess(a: unknown, b: unknown): boolean {
  const ka = goKind(a);
  if (ka !== goKind(b)) throw new Error('incompatible types for comparison');
  if (ka === 'bool') throw new Error('invalid type for comparison');
  return ka === 'string' ? (a as string) < (b as string) : num(a) < num(b);
}

/** Go's type name for a value, as `%v is not array or slice` prints it. */
function goTypeName(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object' && v !== null) return 'map[string]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return '<nil>';
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoFloat);
const sortedValues = (m: Record<string, unknown>): unknown[] =>
  Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort()
    .map((k) => m[k]);

export class JSONPath {
  private parser: Parser | undefined;
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | undefined;
  private allowMissing = false;
  private outputJSON = false;

  constructor(readonly name: string) {}

  allowMissingKeys(allow: boolean): this {
    this.allowMissing = allow;
    return this;
  }

  enableJSONOutput(v: boolean): void {
    this.outputJSON = v;
  }

  /** Throws the parser's error (`unterminated array`, `unclosed action`...). */
  parse(text: string): void {
    const p = new Parser();
    p.parse(text);
    this.parser = p;
  }

  /** The results of every action, in template order (text nodes included). */
  findResults(data: unknown): unknown[][] {
    if (!this.parser) throw new Error(`${this.name} is an incomplete jsonpath template`);
    const cur = [data];
    const nodes = this.parser.root.nodes;
    const full: unknown[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = node;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) {
            this.parser.root.nodes = nodes.slice(i + 1);
            full.push(...this.findResults(value));
          }
        } else {
          this.parser.root.nodes = nodes.slice(i + 1);
          this.findResults(null);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  /** Execute: the template's text for `data`. */
  execute(data: unknown): string {
    return this.findResults(data)
      .map((r) => this.printResults(r))
      .join('');
  }

  printResults(results: unknown[]): string {
    const values = this.outputJSON ? [results.map((r) => (r instanceof GoFloat ? r.n : r))] : results;
    return values
      .map((r, i) => {
        let text: string;
        if (this.outputJSON) text = goMarshalIndent(r) + '\n';
        else if (typeof r === 'object' && r !== null && !(r instanceof GoFloat)) text = goMarshal(r);
        else if (r instanceof GoFloat) text = goNumber(r.n);
        else text = goSprint(r);
        return i !== values.length - 1 ? text + ' ' : text;
      })
      .join('');
  }

  private walk(value: unknown[], node: Node): unknown[] {
    switch (node.t) {
      case 'list':
        return node.nodes.reduce<unknown[]>((cur, n) => this.walk(cur, n), value);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(value, node.value);
      case 'array':
        return this.evalArray(value, node.params);
      case 'filter':
        return this.evalFilter(value, node);
      case 'int':
      case 'bool':
        return value.map(() => node.value);
      case 'float':
        return value.map(() => new GoFloat(node.value));
      case 'wildcard':
        return value.flatMap((v) => (isMap(v) ? sortedValues(v) : Array.isArray(v) ? v : typeof v === 'string' ? [...bytes(v)] : []));
      case 'recursive':
        return this.evalRecursive(value);
      case 'union':
        return node.nodes.flatMap((l) => this.walk(value, l));
      case 'identifier':
        return this.evalIdentifier(value, node.name);
    }
  }

  private evalIdentifier(input: unknown[], name: string): unknown[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      throw new Error('not in range, nothing to end');
    }
    throw new Error(`unrecognized identifier ${name}`);
  }

  private evalField(input: unknown[], field: string): unknown[] {
    if (input.length === 0) return [];
    const results: unknown[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, field) && v[field] !== undefined) results.push(v[field]);
    }
    if (results.length === 0 && !this.allowMissing) throw new Error(`${field} is not found`);
    return results;
  }

  private evalArray(input: unknown[], node: Param[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (!Array.isArray(value)) throw new Error(`${goTypeName(value)} is not array or slice`);
      const p = node.map((x) => ({ ...x }));
      const len = value.length;
      if (!p[0]!.known) p[0]!.value = 0;
      if (p[0]!.value < 0) p[0]!.value += len;
      if (!p[1]!.known) p[1]!.value = len;
      if (p[1]!.value < 0 || (p[1]!.value === 0 && p[1]!.derived)) p[1]!.value += len;
      if (p[1]!.value === p[0]!.value) return result;
      if (p[0]!.value >= len || p[0]!.value < 0) throw new Error(`array index out of bounds: index ${p[0]!.value}, length ${len}`);
      if (p[1]!.value > len || p[1]!.value < 0) throw new Error(`array index out of bounds: index ${p[1]!.value - 1}, length ${len}`);
      if (p[0]!.value > p[1]!.value) throw new Error(`starting index ${p[0]!.value} is greater than ending index ${p[1]!.value}`);
      const slice = value.slice(p[0]!.value, p[1]!.value);
      let step = 1;
      if (p[2]!.known) {
        if (p[2]!.value <= 0) throw new Error('step must be > 0');
        step = p[2]!.value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalRecursive(input: unknown[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      const children = isMap(value) ? sortedValues(value) : Array.isArray(value) ? value : typeof value === 'string' ? [...bytes(value)] : [];
      if (children.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(children));
      }
    }
    return result;
  }

  private evalFilter(input: unknown[], node: Extract<Node, { t: 'filter' }>): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) throw new Error(`${goSprint(value)} is not array or slice and cannot be filtered`);
      for (const item of value) {
        let lefts: unknown[];
        try {
          lefts = this.walk([item], node.left);
        } catch (e) {
          if (node.op === 'exists') continue;
          throw e;
        }
        if (node.op === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new Error('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new Error('can only compare one element at a time');
        if (compare(node.op, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

function compare(op: string, l: unknown, r: unknown): boolean {
  switch (op) {
    case '<':
      return goLess(l, r);
    case '>':
      return !(goLess(l, r) || goEqual(l, r));
    case '==':
      return goEqual(l, r);
    case '!=':
      return !goEqual(l, r);
    case '<=':
      return goLess(l, r) || goEqual(l, r);
    case '>=':
      return !goLess(l, r);
    case '=~':
      if (typeof l !== 'string' || typeof r !== 'string') throw new Error(`regexp search only support string now but getting pattern: ${String(r)}, data: ${String(l)}`);
      return new RegExp(r).test(l);
    default:
      throw new Error(`unrecognized filter operator ${op}`);
  }
}

/** fmt's `%v` of one result (custom-columns cells). */
export function sprintResult(v: unknown): string {
  return v instanceof GoFloat ? goNumber(v.n) : goSprint(v);
}

/** Ranging over a Go string yields its bytes (uint8 values). */
function bytes(s: string): number[] {
  return [...new TextEncoder().encode(s)];
}

/**
 * kubectl's RelaxedJSONPathExpression (custom-columns, --sort-by): `metadata.name`,
 * `.metadata.name`, `{metadata.name}` and `{.metadata.name}` all mean `{.metadata.name}`.
 */
export function relaxedJSONPathExpression(path: string): string {
  if (path.length === 0) return path;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(path);
  if (!m) throw new Error("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] || m[2]}}`;
}
