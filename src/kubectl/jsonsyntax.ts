import { goQuote } from '../engine/apimachinery/validation';

/**
 * encoding/json's syntax check (scanner.go's checkValid), for the words of its SyntaxError:
 * `invalid character '\'' looking for beginning of object key string`, `unexpected end of JSON
 * input`. kubectl sends a `{`-prefixed patch as it is, so a shell-mangled one (single quotes, a
 * missing brace, smart quotes) is refused by the API server in exactly these words.
 *
 * The scanner reads bytes: a non-ASCII character is reported by its first UTF-8 byte, which Go
 * prints as that Latin-1 character (`“` becomes `'â'`).
 *
 * @example goJsonSyntaxError("{'a':1}") // "invalid character '\\'' looking for beginning of object key string"
 */
export function goJsonSyntaxError(text: string): string | undefined {
  const bytes = new TextEncoder().encode(text);
  const s = new Scanner();
  for (const b of bytes) {
    const err = s.step(b);
    if (err) return err;
  }
  return s.eof();
}

/** scanner.go quoteChar: the offending byte as Go quotes it in the message. */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return `'"'`;
  const q = goQuote(String.fromCharCode(c));
  return `'${q.slice(1, -1)}'`;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

type Parse = 'objectKey' | 'objectValue' | 'arrayValue';
type State = (c: number) => string | undefined;

/** A port of encoding/json's scanner state machine, as far as checkValid needs it. */
class Scanner {
  private state: State;
  private readonly stack: Parse[] = [];
  private endTop = false;

  constructor() {
    this.state = (c) => this.beginValue(c);
  }

  step(c: number): string | undefined {
    return this.state(c);
  }

  /** scanner.eof: a space ends a top-level number; anything still open is `unexpected end of JSON input`. */
  eof(): string | undefined {
    if (this.endTop) return undefined;
    const err = this.state(0x20);
    if (this.endTop) return undefined;
    return err ?? 'unexpected end of JSON input';
  }

  private error(c: number, context: string): string {
    return `invalid character ${quoteChar(c)} ${context}`;
  }

  private beginValue(c: number): string | undefined {
    if (isSpace(c)) return undefined;
    switch (c) {
      case 0x7b: // {
        this.state = (d) => this.beginStringOrEmpty(d);
        this.stack.push('objectKey');
        return undefined;
      case 0x5b: // [
        this.state = (d) => this.beginValueOrEmpty(d);
        this.stack.push('arrayValue');
        return undefined;
      case 0x22: // "
        this.state = (d) => this.inString(d);
        return undefined;
      case 0x2d: // -
        this.state = (d) => this.neg(d);
        return undefined;
      case 0x30: // 0
        this.numberAt((d) => this.zero(d));
        return undefined;
      case 0x74: // t
        this.state = this.literal('rue', 'true', 0);
        return undefined;
      case 0x66: // f
        this.state = this.literal('alse', 'false', 0);
        return undefined;
      case 0x6e: // n
        this.state = this.literal('ull', 'null', 0);
        return undefined;
    }
    if (c >= 0x31 && c <= 0x39) {
      this.numberAt((d) => this.digits(d));
      return undefined;
    }
    return this.error(c, 'looking for beginning of value');
  }

  private numberAt(next: State): void {
    this.state = next;
  }

  private beginValueOrEmpty(c: number): string | undefined {
    if (isSpace(c)) return undefined;
    if (c === 0x5d) return this.endValue(c);
    return this.beginValue(c);
  }

  private beginStringOrEmpty(c: number): string | undefined {
    if (isSpace(c)) return undefined;
    if (c === 0x7d) {
      this.stack[this.stack.length - 1] = 'objectValue';
      return this.endValue(c);
    }
    return this.beginString(c);
  }

  private beginString(c: number): string | undefined {
    if (isSpace(c)) return undefined;
    if (c === 0x22) {
      this.state = (d) => this.inString(d);
      return undefined;
    }
    return this.error(c, 'looking for beginning of object key string');
  }

  /** stateEndValue: after a complete value, what the enclosing collection allows next. */
  private endValue(c: number): string | undefined {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      this.endTop = true;
      this.state = (d) => this.endTopState(d);
      return this.endTopState(c);
    }
    if (isSpace(c)) {
      this.state = (d) => this.endValue(d);
      return undefined;
    }
    switch (top) {
      case 'objectKey':
        if (c === 0x3a) {
          this.stack[this.stack.length - 1] = 'objectValue';
          this.state = (d) => this.beginValue(d);
          return undefined;
        }
        return this.error(c, 'after object key');
      case 'objectValue':
        if (c === 0x2c) {
          this.stack[this.stack.length - 1] = 'objectKey';
          this.state = (d) => this.beginString(d);
          return undefined;
        }
        if (c === 0x7d) return this.pop();
        return this.error(c, 'after object key:value pair');
      case 'arrayValue':
        if (c === 0x2c) {
          this.state = (d) => this.beginValue(d);
          return undefined;
        }
        if (c === 0x5d) return this.pop();
        return this.error(c, 'after array element');
    }
  }

  private pop(): string | undefined {
    this.stack.pop();
    if (this.stack.length === 0) {
      this.endTop = true;
      this.state = (d) => this.endTopState(d);
    } else {
      this.state = (d) => this.endValue(d);
    }
    return undefined;
  }

  private endTopState(c: number): string | undefined {
    if (isSpace(c)) return undefined;
    return this.error(c, 'after top-level value');
  }

  private inString(c: number): string | undefined {
    if (c === 0x22) {
      this.state = (d) => this.endValue(d);
      return undefined;
    }
    if (c === 0x5c) {
      this.state = (d) => this.inStringEsc(d);
      return undefined;
    }
    if (c < 0x20) return this.error(c, 'in string literal');
    return undefined;
  }

  private inStringEsc(c: number): string | undefined {
    if ('bfnrt\\/"'.includes(String.fromCharCode(c))) {
      this.state = (d) => this.inString(d);
      return undefined;
    }
    if (c === 0x75) {
      this.state = this.hexEscape(4);
      return undefined;
    }
    return this.error(c, 'in string escape code');
  }

  private hexEscape(left: number): State {
    return (c) => {
      if (!isHex(c)) return this.error(c, 'in \\u hexadecimal character escape');
      this.state = left > 1 ? this.hexEscape(left - 1) : (d) => this.inString(d);
      return undefined;
    };
  }

  private neg(c: number): string | undefined {
    if (c === 0x30) {
      this.numberAt((d) => this.zero(d));
      return undefined;
    }
    if (c >= 0x31 && c <= 0x39) {
      this.numberAt((d) => this.digits(d));
      return undefined;
    }
    return this.error(c, 'in numeric literal');
  }

  private digits(c: number): string | undefined {
    if (isDigit(c)) return undefined;
    return this.zero(c);
  }

  private zero(c: number): string | undefined {
    if (c === 0x2e) {
      this.state = (d) => this.dot(d);
      return undefined;
    }
    if (c === 0x65 || c === 0x45) {
      this.state = (d) => this.exp(d);
      return undefined;
    }
    return this.endValue(c);
  }

  private dot(c: number): string | undefined {
    if (isDigit(c)) {
      this.numberAt((d) => this.dot0(d));
      return undefined;
    }
    return this.error(c, 'after decimal point in numeric literal');
  }

  private dot0(c: number): string | undefined {
    if (isDigit(c)) return undefined;
    if (c === 0x65 || c === 0x45) {
      this.state = (d) => this.exp(d);
      return undefined;
    }
    return this.endValue(c);
  }

  private exp(c: number): string | undefined {
    if (c === 0x2b || c === 0x2d) {
      this.state = (d) => this.expSign(d);
      return undefined;
    }
    return this.expSign(c);
  }

  private expSign(c: number): string | undefined {
    if (isDigit(c)) {
      this.numberAt((d) => (isDigit(d) ? undefined : this.endValue(d)));
      return undefined;
    }
    return this.error(c, 'in exponent of numeric literal');
  }

  /** stateT, stateTr...: the rest of a literal, one expected byte at a time. */
  private literal(rest: string, word: string, at: number): State {
    return (c) => {
      const want = rest.charCodeAt(at);
      if (c !== want) return this.error(c, `in literal ${word} (expecting '${rest[at]}')`);
      this.state = at + 1 < rest.length ? this.literal(rest, word, at + 1) : (d) => this.endValue(d);
      return undefined;
    };
  }
}
