import { create } from 'zustand';
import { DEFAULT_WORKERS } from '../engine/protocol';
import type { Activity, ClockState, ObjectView, OutputChunk, PodView, TraceLine, ViewDelta } from '../engine/protocol';

/**
 * The UI's read-only mirror of the cluster. Only the engine client writes it (from `snapshot`
 * responses and `tick` pushes); every panel and the diagram derive what they show from it.
 *
 * `views` is replaced (never mutated) when a tick changes anything, so components can select it and
 * memoise on identity. `version` counts applied deltas.
 */
export interface ClusterMirror {
  connected: boolean;
  /** Set while a saved cluster is being rebuilt after a reload. */
  restoring: { done: number; total: number } | null;
  seed: number;
  clock: ClockState;
  views: ReadonlyMap<string, ObjectView>;
  version: number;
  /** Components that acted in the last tick, with a stamp so repeated activity re-triggers highlights. */
  activity: { stamp: number; items: Activity[] };
  /** The most recent decision-trace lines (bounded). */
  trace: TraceLine[];
  /** The inspector's object (a view key), or null. */
  selected: string | null;
  /** Keys a lesson step (or a search) wants highlighted in the diagram. */
  highlighted: ReadonlySet<string>;
}

export interface MirrorActions {
  setSnapshot(views: ObjectView[], clock: ClockState, seed: number): void;
  applyTick(clock: ClockState, delta: ViewDelta, activity: Activity[], trace: TraceLine[]): void;
  setClock(clock: ClockState): void;
  setConnected(connected: boolean): void;
  setRestoring(r: { done: number; total: number } | null): void;
  select(key: string | null): void;
  highlight(keys: Iterable<string>): void;
}

const TRACE_LIMIT = 500;

export const useCluster = create<ClusterMirror & MirrorActions>()((set) => ({
  connected: false,
  restoring: null,
  seed: 1,
  clock: { time: 0, running: false, speed: 1, startedAt: 0, workers: DEFAULT_WORKERS },
  views: new Map(),
  version: 0,
  activity: { stamp: 0, items: [] },
  trace: [],
  selected: null,
  highlighted: new Set(),

  setSnapshot: (views, clock, seed) =>
    set((s) => ({ views: new Map(views.map((v) => [v.key, v])), clock, seed, version: s.version + 1, trace: [], connected: true })),
  applyTick: (clock, delta, activity, trace) =>
    set((s) => {
      const changed = delta.upsert.length > 0 || delta.remove.length > 0;
      let views = s.views;
      if (changed) {
        const next = new Map(s.views);
        for (const k of delta.remove) next.delete(k);
        for (const v of delta.upsert) next.set(v.key, v);
        views = next;
      }
      const nextTrace = trace.length ? [...s.trace, ...trace].slice(-TRACE_LIMIT) : s.trace;
      return {
        clock,
        views,
        version: changed ? s.version + 1 : s.version,
        activity: activity.length ? { stamp: s.activity.stamp + 1, items: activity } : s.activity,
        trace: nextTrace,
      };
    }),
  setClock: (clock) => set({ clock }),
  setConnected: (connected) => set({ connected }),
  setRestoring: (restoring) => set({ restoring }),
  select: (selected) => set({ selected }),
  highlight: (keys) => set({ highlighted: new Set(keys) }),
}));

/** Views of one kind, in key order. */
export function viewsOfKind<K extends ObjectView['kind']>(views: ReadonlyMap<string, ObjectView>, kind: K): Array<Extract<ObjectView, { kind: K }>> {
  const out: Array<Extract<ObjectView, { kind: K }>> = [];
  for (const v of views.values()) if (v.kind === kind) out.push(v as Extract<ObjectView, { kind: K }>);
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function podsOnNode(views: ReadonlyMap<string, ObjectView>, node: string): PodView[] {
  return viewsOfKind(views, 'Pod').filter((p) => p.node === node);
}

/** The terminal's transcript lives beside the mirror: output chunks appended by the client. */
export interface TerminalState {
  lines: OutputChunk[];
  running: boolean;
  append(chunks: OutputChunk[]): void;
  setRunning(running: boolean): void;
  clear(): void;
}

const TERMINAL_LIMIT = 5000;

export const useTerminal = create<TerminalState>()((set) => ({
  lines: [],
  running: false,
  append: (chunks) => set((s) => ({ lines: [...s.lines, ...chunks].slice(-TERMINAL_LIMIT) })),
  setRunning: (running) => set({ running }),
  clear: () => set({ lines: [] }),
}));
