import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/cluster';
import { runSession } from '../kubesim/session';
import { LESSONS, ORDER, UNLISTED } from './catalog';
import { parseLessonProse, splitSolution } from './prose';
import { LessonRun } from './run';
import { setupScript, solutionOf } from './scripts';
import type { Lesson } from './types';

const dir = (l: Lesson) => join(import.meta.dirname, l.id);
const read = (l: Lesson, name: string) => readFileSync(join(dir(l), name), 'utf8');

/** A lesson's starting cluster, as the app builds it: the seed, the workers, the set-up script. */
function start(lesson: Lesson) {
  const cluster = createCluster({ seed: lesson.cluster?.seed ?? 1, workers: lesson.cluster?.workers ?? 3 });
  const setup = runSession(setupScript(lesson), { cluster, readFile: (p) => read(lesson, p) });
  expect(setup.error, `${lesson.id} set-up:\n${setup.output}`).toBeUndefined();
  return cluster;
}

describe('the curriculum', () => {
  it('has unique ids, every listed lesson a folder, and no folder without a lesson', () => {
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(UNLISTED).toEqual([]);
    expect(ids).toEqual([...ORDER]);
    for (const l of LESSONS) expect(l.id).toMatch(/^[a-z0-9-]+$/);
    const folders = readdirSync(import.meta.dirname, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.sort()).toEqual([...ids].sort());
  });
});

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  it('names only files that exist, and its prose and solution cover every step', () => {
    const named = ['lesson.md', 'solution.sh', ...(lesson.cluster?.setup ? [lesson.cluster.setup] : []), ...lesson.steps.flatMap((s) => s.files ?? [])];
    for (const f of named) expect(existsSync(join(dir(lesson), f)), `${lesson.id}/${f}`).toBe(true);
    expect(lesson.steps.length).toBeGreaterThan(0);
    expect(lesson.minutes).toBeGreaterThanOrEqual(5);
    expect(lesson.minutes).toBeLessThanOrEqual(15);
    expect(lesson.concepts.length).toBeGreaterThan(0);

    const prose = parseLessonProse(read(lesson, 'lesson.md'));
    expect(prose.title).toBe(lesson.title);
    expect(prose.intro).not.toBe('');
    expect(prose.done).not.toBe('');
    const ids = lesson.steps.map((s) => s.id);
    expect([...prose.steps.keys()]).toEqual(ids);
    for (const s of prose.steps.values()) {
      expect(s.title, `${lesson.id}#${s.id} title`).not.toBe('');
      expect(s.body, `${lesson.id}#${s.id} instructions`).not.toBe('');
      expect(s.hints.length, `${lesson.id}#${s.id} hints`).toBeGreaterThan(0);
      expect(s.why, `${lesson.id}#${s.id} explanation`).not.toBe('');
    }
    expect([...splitSolution(read(lesson, 'solution.sh')).keys()]).toEqual(ids);
    // The wrap-up points to the next lesson by its title.
    const next = LESSONS[LESSONS.indexOf(lesson) + 1];
    if (next) expect(prose.done, `${lesson.id}'s wrap-up names the next lesson`).toContain(`**${next.title}**`);
  });

  it("opens in the editor, by its step or an earlier one, every manifest its solution applies with -f (the app's terminal reads -f from the editor)", () => {
    const parts = splitSolution(read(lesson, 'solution.sh'));
    const opened = new Set<string>();
    for (const step of lesson.steps) {
      for (const f of step.files ?? []) opened.add(f);
      const named = [...(parts.get(step.id) ?? '').matchAll(/(?:^|\s)(?:-f|--filename)[=\s]+(\S+)/g)].map((m) => m[1]!).filter((f) => f !== '-');
      for (const f of named) expect(opened.has(f), `${lesson.id}#${step.id} applies ${f}, which no step so far opens`).toBe(true);
    }
  });

  it('passes no step on its starting cluster', () => {
    const cluster = start(lesson);
    const run = new LessonRun(cluster, lesson);
    for (const [i, step] of lesson.steps.entries()) {
      run.goTo(i);
      const goals = step.check(run.context());
      expect(goals.length, `${lesson.id}#${step.id} has goals`).toBeGreaterThan(0);
      expect(
        goals.every((g) => g.met),
        `${lesson.id}#${step.id} passes untouched: ${JSON.stringify(goals)}`,
      ).toBe(false);
      for (const g of goals) if (!g.met) expect(g.text).not.toBe('');
    }
  });

  it('passes every step in order with its solution, and no step before its own solution', () => {
    const cluster = start(lesson);
    const run = new LessonRun(cluster, lesson);
    for (const [i, step] of lesson.steps.entries()) {
      expect(run.evaluate(), `${lesson.id}#${step.id} passed before its solution ran`).toBe(false);
      const result = runSession(solutionOf(lesson, step.id), { cluster, readFile: (p) => read(lesson, p), onCommand: (line, code, out) => run.recordCommand(line, code, out) });
      expect(result.error, `${lesson.id}#${step.id} solution:\n${result.output}`).toBeUndefined();
      const passed = run.evaluate();
      expect(passed, `${lesson.id}#${step.id} after its solution: ${JSON.stringify(run.progress().goals)}\n${result.output}`).toBe(true);
      expect(run.currentStep).toBe(i + 1);
    }
    expect(run.finished).toBe(true);
    run.dispose();
  });
});
