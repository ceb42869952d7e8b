import { parseGoDuration } from '../engine/apimachinery/duration';

/**
 * Pieces of the session language shared by `kubesim` scripts and the app's terminal: one command a
 * line, no shell operators, and `sleep DURATION`.
 */

const OPERATORS = new Set(['|', '||', '&&', '>', '>>', '<', ';']);

/** A word a shell would treat as an operator (a pipe, a list, a redirection), if the line has one. */
export function shellOperator(words: readonly string[]): string | undefined {
  return words.find((w) => OPERATORS.has(w));
}

/** `sleep`'s argument in ms: seconds as a number (`30`, `1.5`) or a Go duration (`500ms`, `1h30m`). Throws with the message to print. */
export function sleepMs(args: readonly string[]): number {
  if (args.length !== 1) throw new Error('usage: sleep DURATION');
  const arg = args[0]!;
  return /^\d+(\.\d+)?$/.test(arg) ? Number(arg) * 1000 : parseGoDuration(arg);
}
