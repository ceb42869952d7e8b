import { create } from 'zustand';
import type { LessonInfo, LessonState } from '../../engine/protocol';

const PROGRESS_KEY = 'kubesim.lessons.v1';

/**
 * The lessons as the UI knows them: the catalogue (from the engine), the lesson under way with its
 * live goals (pushed by the engine as the cluster changes), and the learner's completed lessons, kept
 * in localStorage. The engine client writes `catalog` and `state`; the panel writes `completed`.
 */
export interface LessonsState {
  catalog: LessonInfo[];
  state: LessonState | null;
  completed: ReadonlySet<string>;
  setCatalog(catalog: LessonInfo[]): void;
  setState(state: LessonState | null): void;
  complete(id: string): void;
  forgetProgress(): void;
}

function loadCompleted(): Set<string> {
  try {
    const raw = JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? '{}') as { completed?: unknown };
    return new Set(Array.isArray(raw.completed) ? raw.completed.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

function saveCompleted(completed: ReadonlySet<string>): void {
  try {
    localStorage.setItem(PROGRESS_KEY, JSON.stringify({ completed: [...completed] }));
  } catch {
    // Storage full or disabled: progress lasts for this page only.
  }
}

export const useLessons = create<LessonsState>()((set, get) => ({
  catalog: [],
  state: null,
  completed: loadCompleted(),
  setCatalog: (catalog) => set({ catalog }),
  setState: (state) => set({ state }),
  complete: (id) => {
    if (get().completed.has(id)) return;
    const completed = new Set(get().completed).add(id);
    saveCompleted(completed);
    set({ completed });
  },
  forgetProgress: () => {
    saveCompleted(new Set());
    set({ completed: new Set() });
  },
}));

const FILES_KEY = 'kubesim.lessons.files.v1';

/**
 * Which lesson last put each manifest in the editor. Lessons share file names (web.yaml), so a step
 * replaces a tab another lesson filled, but keeps the learner's edits to its own lesson's file.
 */
export function lessonFileOwner(filename: string): string | undefined {
  return readOwners()[filename];
}

export function setLessonFileOwner(filename: string, lesson: string | undefined): void {
  const owners = readOwners();
  if (lesson === undefined) delete owners[filename];
  else owners[filename] = lesson;
  try {
    localStorage.setItem(FILES_KEY, JSON.stringify(owners));
  } catch {
    // Storage full: the next step may replace a file it could have kept.
  }
}

/** A restarted lesson starts from its own manifests again. */
export function forgetLessonFiles(lesson: string): void {
  for (const [f, l] of Object.entries(readOwners())) if (l === lesson) setLessonFileOwner(f, undefined);
}

function readOwners(): Record<string, string> {
  try {
    const v = JSON.parse(localStorage.getItem(FILES_KEY) ?? '{}') as unknown;
    return v && typeof v === 'object' ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

