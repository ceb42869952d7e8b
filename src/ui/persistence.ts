import { useCallback, useState } from 'react';
import type { Journal } from '../engine/protocol';
import type { EngineClient } from './engineClient';
import { useTerminal } from './store';
import { useLessons } from './lessons/store';

const CLUSTER_KEY = 'kubesim.cluster.v1';
const SAVE_EVERY_MS = 2000;
const SAVE_SOON_MS = 250;

/** The saved cluster: the journal of its inputs, which the engine replays to the same state. */
export function loadJournal(): Journal | undefined {
  try {
    const raw = localStorage.getItem(CLUSTER_KEY);
    if (!raw) return undefined;
    const j = JSON.parse(raw) as Journal;
    return Array.isArray(j.entries) && typeof j.time === 'number' ? j : undefined;
  } catch {
    return undefined;
  }
}

export function forgetJournal(): void {
  localStorage.removeItem(CLUSTER_KEY);
}

/**
 * Keeps the cluster across reloads: the journal is saved every couple of seconds, soon after every
 * command's output, and at once when a lesson moves to another step. Returns a stop function.
 */
export function keepCluster(client: EngineClient): { stop(): void; saveNow(): Promise<void> } {
  let stopped = false;
  const saveNow = async () => {
    if (stopped) return;
    try {
      const j = await client.journal();
      localStorage.setItem(CLUSTER_KEY, JSON.stringify(j));
    } catch {
      // Storage full or the worker gone: the next save tries again.
    }
  };
  const timer = setInterval(() => void saveNow(), SAVE_EVERY_MS);
  // Soon after a command's output, and at once when a lesson step passes: a reload right then keeps it.
  let soon: ReturnType<typeof setTimeout> | undefined;
  const unTerminal = useTerminal.subscribe((t, before) => {
    if (t.lines === before.lines) return;
    clearTimeout(soon);
    soon = setTimeout(() => void saveNow(), SAVE_SOON_MS);
  });
  const unLesson = useLessons.subscribe((l, before) => {
    if (l.state?.lesson !== before.state?.lesson || l.state?.step !== before.state?.step) void saveNow();
  });
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(soon);
      unTerminal();
      unLesson();
    },
    saveNow,
  };
}

/** A small UI preference kept in localStorage (theme, open panel). */
export function usePref<T extends string>(key: string, fallback: T): [T, (v: T) => void] {
  const full = `kubesim.pref.${key}`;
  const [value, setValue] = useState<T>(() => (localStorage.getItem(full) as T | null) ?? fallback);
  const set = useCallback(
    (v: T) => {
      localStorage.setItem(full, v);
      setValue(v);
    },
    [full],
  );
  return [value, set];
}
