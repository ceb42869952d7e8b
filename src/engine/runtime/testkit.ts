/**
 * Helpers to run simulated containers in tests (here and in the kubelet's): start an image, step its
 * process on a fake clock, and collect what it wrote.
 */
import { resolveImage } from './images';
import type { Image } from './images';
import { execInContainer, startContainer } from './process';
import type { ContainerCommand, Process, ProcessContext, ProcessStep } from './process';

export const TEST_START = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A manual clock the process reads through `now()`. */
export class FakeClock {
  constructor(public ms = TEST_START) {}
  now = (): number => this.ms;
}

export function image(ref: string): Image {
  const r = resolveImage(ref);
  if (!r.ok) throw new Error(`test image ${ref}: ${r.message}`);
  return r.image;
}

export interface RunOutcome {
  steps: ProcessStep[];
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved, as `kubectl logs` shows them. */
  logs: string;
  /** How the run stopped: the exit code, or 'serve'/'block', or 'limit' when maxSteps ran out. */
  end: number | 'serve' | 'block' | 'limit';
  elapsedMs: number;
}

/** Steps a process until it exits, serves, blocks, or `maxSteps`/`maxMs` is reached. */
export function drive(
  proc: Process,
  clock: FakeClock,
  options: { maxSteps?: number; maxMs?: number } = {},
): RunOutcome {
  const start = clock.ms;
  const steps: ProcessStep[] = [];
  let stdout = '';
  let stderr = '';
  let logs = '';
  const maxSteps = options.maxSteps ?? 10_000;
  for (let i = 0; i < maxSteps; i++) {
    const s = proc.next();
    steps.push(s);
    if (s.kind === 'output') {
      if (s.stream === 'stdout') stdout += s.text;
      else stderr += s.text;
      logs += s.text;
    } else if (s.kind === 'sleep') {
      if (options.maxMs !== undefined && clock.ms - start + s.ms > options.maxMs)
        return { steps, stdout, stderr, logs, end: 'limit', elapsedMs: clock.ms - start };
      clock.ms += s.ms;
    } else {
      return {
        steps,
        stdout,
        stderr,
        logs,
        end: s.kind === 'exit' ? s.code : s.kind,
        elapsedMs: clock.ms - start,
      };
    }
  }
  return { steps, stdout, stderr, logs, end: 'limit', elapsedMs: clock.ms - start };
}

/** Starts `ref` with `spec` and drives it; throws if the container cannot start. */
export function runContainer(
  ref: string,
  spec: ContainerCommand,
  options: {
    env?: Record<string, string>;
    clock?: FakeClock;
    maxSteps?: number;
    maxMs?: number;
    ctx?: Partial<ProcessContext>;
  } = {},
): RunOutcome & { process: Process } {
  const clock = options.clock ?? new FakeClock();
  const r = startContainer(image(ref), spec, {
    hostname: 'test-pod',
    podIP: '10.244.1.7',
    now: clock.now,
    env: options.env ?? {},
    ...options.ctx,
  });
  if (!r.ok) throw new Error(r.message);
  return { ...drive(r.process, clock, options), process: r.process };
}

/** `sh -c script` in busybox (ash), a shortcut for shell tests. */
export function sh(
  script: string,
  options: Parameters<typeof runContainer>[2] & { ref?: string; shell?: string } = {},
): RunOutcome & { process: Process } {
  return runContainer(
    options.ref ?? 'busybox:1.37',
    { command: [options.shell ?? 'sh', '-c', script] },
    options,
  );
}

export function execIn(
  ref: string,
  argv: string[],
  ctx: Partial<ProcessContext> & { clock?: FakeClock } = {},
): RunOutcome {
  const clock = ctx.clock ?? new FakeClock();
  const r = execInContainer(image(ref), argv, { hostname: 'test-pod', now: clock.now, ...ctx });
  if (!r.ok) throw new Error(r.message);
  return drive(r.process, clock);
}
