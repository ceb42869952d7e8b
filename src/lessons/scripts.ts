import type { Lesson } from './types';
import { splitSolution } from './prose';

/**
 * The lessons' `kubesim` scripts (set-ups and solutions) and the manifests they apply with `-f`, bundled
 * with the engine's worker: small, and needed synchronously when a lesson starts or a learner asks the
 * engine to run a step's solution.
 */
const scripts = import.meta.glob<string>('./*/*.{sh,yaml}', { query: '?raw', import: 'default', eager: true });

export function lessonScript(lessonId: string, name: string): string | undefined {
  return scripts[`./${lessonId}/${name}`];
}

/** The lesson's manifests by file name, for its scripts' `kubectl apply -f NAME`. */
export function lessonFiles(lesson: Lesson): Record<string, string> {
  const prefix = `./${lesson.id}/`;
  return Object.fromEntries(
    Object.entries(scripts)
      .filter(([path]) => path.startsWith(prefix) && path.endsWith('.yaml'))
      .map(([path, text]) => [path.slice(prefix.length), text]),
  );
}

export function setupScript(lesson: Lesson): string {
  const name = lesson.cluster?.setup;
  if (!name) return '';
  const text = lessonScript(lesson.id, name);
  if (text === undefined) throw new Error(`lesson ${lesson.id}: no set-up script ${name}`);
  return text;
}

/** The solution's part for one step. */
export function solutionOf(lesson: Lesson, stepId: string): string {
  const text = lessonScript(lesson.id, 'solution.sh');
  if (text === undefined) throw new Error(`lesson ${lesson.id}: no solution.sh`);
  const part = splitSolution(text).get(stepId);
  if (part === undefined) throw new Error(`lesson ${lesson.id}: solution.sh has no "# step: ${stepId}" part`);
  return part;
}
