/**
 * Splits a command line into words the way a POSIX shell does for simple commands: single quotes
 * keep everything, double quotes keep spaces and allow \" \\ \$ escapes, a backslash outside quotes
 * escapes the next character, and bash's `$'...'` decodes C escapes (kubectl's own help passes a
 * YAML patch as `-p $'spec:\n unschedulable: true'`). No expansion, pipes or redirection: the
 * terminal and session scripts pass kubectl its argv exactly as bash would.
 */
export class ShellSyntaxError extends Error {}

export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '$' && line[i + 1] === "'") {
      const { text, end } = ansiC(line, i + 2);
      cur += text;
      inWord = true;
      i = end + 1;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('unexpected EOF while looking for matching `\'\'');
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) {
          if (line[i + 1] !== '\n') cur += line[i + 1];
          i += 2;
          continue;
        }
        cur += d;
        i++;
      }
      if (!closed) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 < line.length && line[i + 1] !== '\n') cur += line[i + 1];
      inWord = true;
      i += 2;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
    } else if (c === '#' && !inWord) {
      break; // a comment runs to the end of the line
    } else {
      cur += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** bash's ANSI-C quoting from `start` (just after `$'`): the decoded text and the closing quote's index. */
function ansiC(line: string, start: number): { text: string; end: number } {
  let out = '';
  let i = start;
  while (i < line.length) {
    const c = line[i]!;
    if (c === "'") return { text: out, end: i };
    if (c !== '\\' || i + 1 >= line.length) {
      out += c;
      i++;
      continue;
    }
    const e = line[i + 1]!;
    const hex = (max: number) => /^[0-9a-fA-F]+/.exec(line.slice(i + 2, i + 2 + max))?.[0];
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (/[0-7]/.test(e)) {
      const oct = /^[0-7]{1,3}/.exec(line.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(oct, 8) & 0xff);
      i += 1 + oct.length;
    } else if ((e === 'x' || e === 'u' || e === 'U') && hex(e === 'x' ? 2 : e === 'u' ? 4 : 8)) {
      const h = hex(e === 'x' ? 2 : e === 'u' ? 4 : 8)!;
      const cp = parseInt(h, 16);
      out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      i += 2 + h.length;
    } else {
      out += '\\' + e;
      i += 2;
    }
  }
  throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
}

/** Quotes a word so that splitShellWords gives it back unchanged. */
export function quoteShellWord(w: string): string {
  if (w !== '' && /^[A-Za-z0-9_./:=,@%+-]+$/.test(w)) return w;
  return `'${w.replace(/'/g, `'\\''`)}'`;
}
