import type { KubeObject } from '../engine/api/types';
import type { LessonGoal, LessonInfo } from '../engine/protocol';

/**
 * A lesson is data: who it is for, what it teaches, the cluster it starts from, and ordered steps. Its
 * prose (instructions, hints, the explanation shown on success) lives in the lesson's Markdown file; its
 * set-up and solution are `kubesim` session scripts beside it. This module is the shape; `catalog.ts`
 * lists the lessons in teaching order.
 */
export type Level = LessonInfo['level'];

export interface Lesson {
  /** Stable id: the folder name, the `?lesson=` link and the progress key. */
  id: string;
  title: string;
  level: Level;
  /** Estimated minutes for a learner new to the topic. */
  minutes: number;
  /** The concepts taught, as a learner would search for them. */
  concepts: string[];
  /** The starting cluster. Without it, a fresh default cluster (seed 1, 3 worker nodes). */
  cluster?: {
    seed?: number;
    workers?: number;
    /** A `kubesim` script in the lesson's folder run on the fresh cluster (something to fix, say). */
    setup?: string;
  };
  /**
   * In the lesson's folder, by convention: `lesson.md` (an intro, then one `## Title {#step-id}` section
   * per step with its hints and its explanation) and `solution.sh` (one `# step: ID` part per step).
   */
  steps: Step[];
}

export interface Step {
  /** Names the step's Markdown section (`{#id}`) and its part of the solution. */
  id: string;
  /** Manifests in the lesson's folder the editor opens when the step begins. */
  files?: string[];
  /** Goals for the cluster, with what is still missing in the learner's words. Pure. */
  check: Check;
  /** The objects the step is about, highlighted in the diagram. */
  focus?: (ctx: CheckContext) => KubeObject[];
}

/**
 * One thing the step asks for: met or not, with what the cluster shows now when it helps. The same
 * record the protocol carries to the UI.
 */
export type Goal = LessonGoal;

export type Check = (ctx: CheckContext) => Goal[];

/** A write the cluster saw since the step began (from the API server's watch). */
export interface Change {
  at: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  kind: string;
  object: KubeObject;
  /** The object before the change (MODIFIED, DELETED). */
  old?: KubeObject;
}

/** A command the learner (or a solution) ran since the step began. */
export interface Command {
  at: number;
  line: string;
  /** The line split as a shell would: `['kubectl', 'get', 'pods']`. */
  words: string[];
  exitCode: number;
  output: string;
}

/** What a check may read: the cluster now, and what happened since the step began. Read-only. */
export interface CheckContext {
  /** Simulated ms now, and when the step began. */
  now: number;
  since: number;
  /** Objects of a kind (all namespaces when `namespace` is not given), in name order. */
  list<T extends KubeObject = KubeObject>(kind: string, namespace?: string): T[];
  get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined;
  changes: readonly Change[];
  commands: readonly Command[];
}
