import type { Lesson } from './types';

/**
 * Every lesson, in teaching order. A lesson is a folder (`ID/lesson.ts` exporting `lesson`, its
 * `lesson.md`, `solution.sh` and any manifests); adding one is adding its folder and its id here.
 */
export const ORDER = [
  'cluster-tour',
  'pods',
  'labels',
  'replicasets',
  'deployments',
  'rolling-updates',
  'services',
  'exposing',
  'probes',
  'scheduling',
  'node-failure',
  'daemonsets',
  'config',
  'namespaces',
  'releases',
] as const;

const modules = import.meta.glob<{ lesson: Lesson }>('./*/lesson.ts', { eager: true });
const byId = new Map(Object.entries(modules).map(([path, m]) => [path.split('/')[1]!, m.lesson]));

export const LESSONS: readonly Lesson[] = ORDER.flatMap((id) => {
  const l = byId.get(id);
  return l ? [l] : [];
});

/** Folders with a lesson.ts that ORDER does not list (a test keeps this empty). */
export const UNLISTED = [...byId.keys()].filter((id) => !(ORDER as readonly string[]).includes(id));

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
