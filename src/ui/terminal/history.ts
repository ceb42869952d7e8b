/**
 * The terminal's command history, as bash keeps it: newest last, a line equal to the one before it is
 * not added again, and the last 200 lines survive a reload (localStorage `kubesim.history.v1`).
 */
export const HISTORY_KEY = 'kubesim.history.v1';
export const HISTORY_LIMIT = 200;

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function storage(): Store | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage disabled (privacy settings): history lasts the session
  }
}

export function loadHistory(store: Store | undefined = storage()): string[] {
  try {
    const raw: unknown = JSON.parse(store?.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string').slice(-HISTORY_LIMIT) : [];
  } catch {
    return [];
  }
}

export function saveHistory(entries: readonly string[], store: Store | undefined = storage()): void {
  try {
    store?.setItem(HISTORY_KEY, JSON.stringify(entries.slice(-HISTORY_LIMIT)));
  } catch {
    // quota or disabled storage: keep the in-memory history only
  }
}

/** The history with `line` added (blank lines and repeats of the last line are not). */
export function addToHistory(entries: readonly string[], line: string): string[] {
  if (line.trim() === '' || entries[entries.length - 1] === line) return [...entries];
  return [...entries, line].slice(-HISTORY_LIMIT);
}

/**
 * Walking the history with ArrowUp/ArrowDown: `index` is the entry shown, `entries.length` the line
 * being typed (kept as `draft` while the user looks back).
 */
export interface HistoryCursor {
  index: number;
  draft: string;
}

export function historyStep(entries: readonly string[], at: HistoryCursor, current: string, delta: -1 | 1): { cursor: HistoryCursor; line: string } | undefined {
  const index = at.index + delta;
  if (index < 0 || index > entries.length) return undefined;
  const draft = at.index === entries.length ? current : at.draft;
  return { cursor: { index, draft }, line: index === entries.length ? draft : entries[index]! };
}
