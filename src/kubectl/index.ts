import { formatError, UsageError } from './errors';
import { FlagError, globalFlags, parseFlags } from './flags';
import { commands } from './commands';
import type { Command, CommandResult, KubectlEnv } from './types';
import { fail, ok } from './types';
import { rootHelp } from './help';

/**
 * kubectl: one entry point for the app's terminal and `bin/kubesim`.
 *
 * @example
 * const r = kubectl(['get', 'pods', '-n', 'kube-system'], env);
 * process.stdout.write(r.stdout);
 */
export function kubectl(argv: readonly string[], env: KubectlEnv): CommandResult {
  const { command, rest } = findCommand(argv);
  if (!command) {
    const first = positional(argv)[0];
    if (first === undefined) return argv.some((a) => a === '-h' || a === '--help') ? ok(rootHelp(commands)) : ok(rootHelp(commands));
    return fail(unknownCommand(first));
  }
  let parsed;
  try {
    parsed = parseFlags(rest, command.flags);
  } catch (e) {
    if (e instanceof FlagError) return fail(`error: ${e.message}\nSee 'kubectl ${command.name} --help' for usage.`);
    throw e;
  }
  if (parsed.flags.bool('help')) return ok(command.help.endsWith('\n') ? command.help : command.help + '\n');
  const ns = parsed.flags.string('namespace');
  const cmdEnv: KubectlEnv = ns ? { ...env, namespace: ns } : env;
  try {
    return command.run(parsed.args, parsed.flags, cmdEnv);
  } catch (e) {
    if (e instanceof UsageError) return fail(formatError(e));
    return fail(formatError(e));
  }
}

/** Finds the longest registered command named by the leading positional words (`rollout status`). */
function findCommand(argv: readonly string[]): { command: Command | undefined; rest: string[] } {
  const words = positionalWithIndex(argv);
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const name = words.slice(0, n).map((w) => w.word).join(' ');
    const command = commands.find((c) => c.name === name);
    if (command) {
      const drop = new Set(words.slice(0, n).map((w) => w.index));
      return { command, rest: argv.filter((_, i) => !drop.has(i)) };
    }
  }
  return { command: undefined, rest: [...argv] };
}

/** Leading positional words, skipping global flags (and their values) that may precede the command. */
function positionalWithIndex(argv: readonly string[]): Array<{ word: string; index: number }> {
  const valued = new Set<string>();
  for (const f of globalFlags()) {
    if (f.type !== 'bool') {
      valued.add(`--${f.name}`);
      if (f.short) valued.add(`-${f.short}`);
    }
  }
  const out: Array<{ word: string; index: number }> = [];
  for (let i = 0; i < argv.length && out.length < 3; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (valued.has(a)) i++;
      continue;
    }
    out.push({ word: a, index: i });
  }
  return out;
}

function positional(argv: readonly string[]): string[] {
  return positionalWithIndex(argv).map((w) => w.word);
}

function unknownCommand(word: string): string {
  const names = [...new Set(commands.map((c) => c.name.split(' ')[0]!))];
  const close = names.filter((n) => levenshtein(n, word) <= 2 || n.startsWith(word));
  const suggestion = close.length ? `\n\nDid you mean this?\n${close.map((c) => `\t${c}`).join('\n')}` : '';
  return `error: unknown command "${word}" for "kubectl"${suggestion}\n\nRun 'kubectl --help' for usage.`;
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

export type { CommandResult, KubectlEnv, KubectlIO, Follower } from './types';
