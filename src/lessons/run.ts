import type { KubeObject } from '../engine/api/types';
import type { StoredEvent } from '../engine/api/store';
import type { Cluster } from '../engine/cluster';
import type { LessonState } from '../engine/protocol';
import { splitShellWords } from '../kubectl/shell';
import type { Change, CheckContext, Command, Goal, Lesson } from './types';

/** A step's history is bounded: a lesson cluster writes a few thousand times a step at most. */
const HISTORY_LIMIT = 50_000;

/** Where a lesson stands (the protocol's LessonState but the diagram's focus, which the host adds). */
export type LessonProgress = Omit<LessonState, 'focus'>;

/**
 * One learner's run through a lesson on one cluster: it records what happens (API writes and commands)
 * since the current step began, evaluates the step's check, and moves to the next step the moment the
 * check passes. Evaluating never writes to the cluster.
 */
export class LessonRun {
  private step = 0;
  private stepStartedAt: number;
  private passedAt: number[] = [];
  private changes: Change[] = [];
  private commands: Command[] = [];
  private readonly unsubscribe: () => void;
  private goals: Goal[] = [];

  constructor(
    private readonly cluster: Cluster,
    readonly lesson: Lesson,
    at?: { step: number; passedAt?: number[] },
  ) {
    this.stepStartedAt = cluster.now();
    if (at) {
      this.step = Math.max(0, Math.min(at.step, lesson.steps.length));
      this.passedAt = at.passedAt?.slice(0, this.step) ?? [];
    }
    this.unsubscribe = cluster.api.subscribe((e) => this.observe(e));
  }

  dispose(): void {
    this.unsubscribe();
  }

  get finished(): boolean {
    return this.step >= this.lesson.steps.length;
  }

  get currentStep(): number {
    return this.step;
  }

  /** A command the terminal (or a script) ran, for checks that ask what the learner looked at. */
  recordCommand(line: string, exitCode: number, output: string): void {
    let words: string[];
    try {
      words = splitShellWords(line.trim());
    } catch {
      words = [];
    }
    this.commands.push({ at: this.cluster.now(), line: line.trim(), words, exitCode, output });
    if (this.commands.length > HISTORY_LIMIT) this.commands.splice(0, this.commands.length - HISTORY_LIMIT);
  }

  private observe(e: StoredEvent): void {
    if (this.finished) return;
    this.changes.push({ at: this.cluster.now(), type: e.type, kind: e.kind, object: e.object, ...(e.old ? { old: e.old } : {}) });
    if (this.changes.length > HISTORY_LIMIT) this.changes.splice(0, this.changes.length - HISTORY_LIMIT);
  }

  /** The view a check gets: the cluster now and the current step's history. */
  context(): CheckContext {
    return checkContext(this.cluster, this.stepStartedAt, this.changes, this.commands);
  }

  /**
   * Evaluates the current step; when every goal is met the step passes and the next begins now, with
   * an empty history. Returns true when a step passed. One step at most per call: the next step's
   * goals are judged on what happens from here on.
   */
  evaluate(): boolean {
    if (this.finished) {
      this.goals = [];
      return false;
    }
    const step = this.lesson.steps[this.step]!;
    this.goals = step.check(this.context());
    if (this.goals.length === 0 || !this.goals.every((g) => g.met)) return false;
    this.passedAt.push(this.cluster.now());
    this.goTo(this.step + 1);
    this.goals = this.finished ? [] : this.lesson.steps[this.step]!.check(this.context());
    return true;
  }

  /** Moves to step `n` now (a replayed journal's mark, or the next step after a pass). */
  goTo(n: number): void {
    this.step = Math.max(0, Math.min(n, this.lesson.steps.length));
    this.passedAt = this.passedAt.slice(0, this.step);
    while (this.passedAt.length < this.step) this.passedAt.push(this.cluster.now());
    this.stepStartedAt = this.cluster.now();
    this.changes = [];
    this.commands = [];
  }

  /** The objects the current step is about. */
  focus(): KubeObject[] {
    const step = this.lesson.steps[this.step];
    return step?.focus ? step.focus(this.context()) : [];
  }

  progress(): LessonProgress {
    return { lesson: this.lesson.id, step: this.step, stepStartedAt: this.stepStartedAt, passedAt: this.passedAt.slice(), goals: this.goals };
  }
}

/** A read-only view of a cluster and a history, for a check. */
export function checkContext(cluster: Cluster, since: number, changes: readonly Change[], commands: readonly Command[]): CheckContext {
  const api = cluster.api;
  return {
    now: cluster.now(),
    since,
    list<T extends KubeObject>(kind: string, namespace?: string): T[] {
      const all = api.listAll(kind) as T[];
      const some = namespace === undefined ? all.slice() : all.filter((o) => (o.metadata.namespace ?? '') === namespace);
      return some.sort((a, b) => cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmp(a.metadata.name, b.metadata.name));
    },
    get<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
      return api.tryGet<T>(kind, namespace, name);
    },
    changes,
    commands,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
