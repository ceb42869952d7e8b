import type { Cluster } from '../engine/cluster';
import { kubectl } from '../kubectl';
import type { Follower, KubectlIO } from '../kubectl';
import { outputInOrder } from '../kubectl/types';
import { ShellSyntaxError, splitShellWords } from '../kubectl/shell';
import { shellOperator, sleepMs } from './line';
import { runSim } from './sim';

/**
 * The session language of `kubesim` scripts and lesson set-ups: one command a line.
 *
 *   kubectl ARGS...              shell quoting; `<<EOF` ... `EOF` feeds standard input
 *   sleep DURATION               advances simulated time (Go durations: 500ms, 30s, 1h30m)
 *   sim node-down NAME           the node's kubelet stops heartbeating
 *   sim node-up NAME             ... and resumes
 *   sim crash POD [-c CONTAINER] [-n NAMESPACE]   the container exits with code 1 once
 *   sim curl URL [--count N] [-n NAMESPACE]       HTTP requests from inside the cluster
 *   # comment, blank lines
 *
 * After every command all work due at the current simulated instant runs, so controllers react at
 * once while pulls, probes and back-offs take their time. Each command is echoed as `$ COMMAND`.
 */
export interface SessionOptions {
  cluster: Cluster;
  /** Reads files named by `kubectl -f`, relative to the script's folder. */
  readFile?: (path: string) => string;
  readDir?: (path: string) => string[] | undefined;
  /** Called with each chunk of output as it is produced (the CLI streams it). */
  write?: (chunk: string) => void;
  /** Upper bound of simulated time one blocking command may wait (default 1 h). */
  maxWaitMs?: number;
  /** Told of each command once it has finished: its line, exit code and output (a lesson's history). */
  onCommand?: (line: string, exitCode: number, output: string) => void;
}

export interface SessionResult {
  output: string;
  /** 0 when every line was understood; 2 otherwise. */
  exitCode: number;
  /** The 1-based line that was not understood. */
  errorLine?: number;
  error?: string;
}

export class SessionError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

interface Line {
  number: number;
  text: string;
  /** Here-document body, when the line ends with <<WORD. */
  stdin?: string;
  heredoc?: string[];
}

/** Splits a script into commands, gathering here-documents (`<<EOF`, `<<'EOF'`, `<<-EOF`). */
export function parseScript(script: string): Line[] {
  const raw = script.replace(/\r\n/g, '\n').split('\n');
  const out: Line[] = [];
  for (let i = 0; i < raw.length; i++) {
    const text = raw[i]!;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const m = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2\s*$/.exec(text);
    if (!m) {
      out.push({ number: i + 1, text: trimmed });
      continue;
    }
    const strip = m[1] === '-';
    const word = m[3]!;
    const body: string[] = [];
    let j = i + 1;
    for (; j < raw.length; j++) {
      const l = strip ? raw[j]!.replace(/^\t+/, '') : raw[j]!;
      if (l === word) break;
      body.push(l);
    }
    if (j >= raw.length) throw new SessionError(`here-document at line ${i + 1} delimited by end-of-file (wanted \`${word}')`, i + 1);
    out.push({ number: i + 1, text: text.slice(0, m.index).trim(), stdin: body.map((l) => l + '\n').join(''), heredoc: [...body, word] });
    i = j;
  }
  return out;
}

export function runSession(script: string, options: SessionOptions): SessionResult {
  const { cluster } = options;
  let output = '';
  const emit = (s: string) => {
    if (!s) return;
    output += s;
    options.write?.(s);
  };
  const watchers: Follower[] = [];
  const drainWatchers = () => {
    for (const w of watchers) {
      const r = w.poll();
      emit(r.stdout);
      emit(r.stderr);
    }
  };
  /** Advances simulated time, letting background watches print what they see on the way. */
  const advance = (ms: number) => {
    const target = cluster.now() + ms;
    if (watchers.length === 0) {
      cluster.advance(ms);
      return;
    }
    while (cluster.clock.nextAt() !== undefined && cluster.clock.nextAt()! <= target) {
      cluster.clock.step();
      drainWatchers();
    }
    cluster.clock.runUntil(target);
    drainWatchers();
  };
  const stopWatchers = () => {
    for (const w of watchers.splice(0)) w.stop();
  };

  let lines: Line[];
  try {
    lines = parseScript(script);
  } catch (e) {
    const line = e instanceof SessionError ? e.line : 0;
    return { output, exitCode: 2, errorLine: line, error: (e as Error).message };
  }

  for (const line of lines) {
    const started = output.length;
    let exitCode = 0;
    const echo = `$ ${line.text}${line.heredoc ? '\n' + line.heredoc.map((l) => `> ${l}`).join('\n') : ''}\n`;
    emit(echo);
    let words: string[];
    try {
      words = splitShellWords(line.text);
    } catch (e) {
      if (e instanceof ShellSyntaxError) return fail(line, `syntax error: ${e.message}`);
      throw e;
    }
    const [cmd, ...args] = words;
    // Words a shell would treat as operators: say so rather than hand them to kubectl as names.
    const operator = shellOperator(words);
    if (operator) return fail(line, `"${operator}" is not supported: a session line is one command (no pipes, lists or redirections)`);
    if (cmd === 'kubectl') {
      stopWatchers();
      const io: KubectlIO = {
        ...(line.stdin !== undefined ? { stdin: line.stdin } : {}),
        ...(options.readFile ? { readFile: options.readFile } : {}),
        ...(options.readDir ? { readDir: options.readDir } : {}),
      };
      const r = kubectl(args, { api: cluster.api, clock: cluster.clock, io, namespace: 'default' });
      // A terminal shows both streams in the order they were written.
      for (const part of outputInOrder(r)) emit(part.text);
      cluster.runDue();
      exitCode = r.exitCode;
      if (r.follow) {
        if (r.follow.mode === 'watch') watchers.push(r.follow);
        else exitCode = waitFor(r.follow);
      }
    } else if (cmd === 'sleep') {
      let ms: number;
      try {
        ms = sleepMs(args);
      } catch (e) {
        return fail(line, (e as Error).message);
      }
      advance(ms);
    } else if (cmd === 'sim') {
      const err = runSim(cluster, args, emit);
      if (err) return fail(line, err);
      cluster.runDue();
    } else {
      return fail(line, `unknown command "${cmd ?? ''}": expected kubectl, sleep or sim`);
    }
    options.onCommand?.(line.text, exitCode, output.slice(started + echo.length));
  }
  stopWatchers();
  return { output, exitCode: 0 };

  function fail(line: Line, message: string): SessionResult {
    stopWatchers();
    const error = `kubesim: line ${line.number}: ${message}`;
    emit(error + '\n');
    return { output, exitCode: 2, errorLine: line.number, error };
  }

  /** A blocking command: step simulated time until it is done (or the wait limit passes). */
  function waitFor(f: Follower): number {
    const limit = cluster.now() + (options.maxWaitMs ?? 60 * 60 * 1000);
    for (;;) {
      const r = f.poll();
      emit(r.stdout);
      emit(r.stderr);
      drainWatchers();
      if (r.done) return r.exitCode ?? 0;
      const next = cluster.clock.nextAt();
      if (next === undefined || next > limit) {
        f.stop();
        emit('error: timed out waiting for the condition\n');
        return 1;
      }
      cluster.clock.step();
    }
  }
}
