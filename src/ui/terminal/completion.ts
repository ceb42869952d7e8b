/**
 * Applying a completion to the input as bash does with kubectl's completion script: one candidate
 * replaces the word and adds a space (not after `=` or `/`, which expect more); several insert their
 * common prefix and are listed.
 */
export interface CompletionResult {
  from: number;
  candidates: string[];
}

export interface Applied {
  line: string;
  cursor: number;
  /** Candidates to show (several matched). */
  list: string[];
}

export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0]!;
  for (const w of words) {
    let i = 0;
    while (i < prefix.length && i < w.length && prefix[i] === w[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

export function applyCompletion(line: string, cursor: number, r: CompletionResult): Applied | undefined {
  if (r.candidates.length === 0 || r.from > cursor) return undefined;
  const typed = line.slice(r.from, cursor);
  const after = line.slice(cursor);
  const replace = (word: string, finished: boolean): Applied => {
    const space = finished && !/[=/]$/.test(word) && !after.startsWith(' ') ? ' ' : '';
    const inserted = word + space;
    return { line: line.slice(0, r.from) + inserted + after, cursor: r.from + inserted.length + (finished && after.startsWith(' ') ? 1 : 0), list: [] };
  };
  if (r.candidates.length === 1) return replace(r.candidates[0]!, true);
  const prefix = commonPrefix(r.candidates);
  const base = prefix.length > typed.length && prefix.startsWith(typed) ? replace(prefix, false) : { line, cursor, list: [] };
  return { ...base, list: r.candidates };
}
