/**
 * Structural sharing between two successive graphs. The layout builds fresh objects on every change
 * of the mirror; handing xyflow the previous object wherever nothing changed lets it (and React.memo
 * on the node components) skip the boxes a tick did not touch. Views that did not change keep their
 * identity in the mirror, so comparing a few levels deep with `===` at the bottom is cheap.
 */

function same(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (depth === 0 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i], depth - 1)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // Views from the mirror are compared by identity only: a new view object means the view changed.
  if ('key' in a && 'uid' in a) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka)
    if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth - 1)) return false;
  return true;
}

/** Deep enough for node → data → items → item → group → pods. */
const DEPTH = 7;

export function sameShape(a: unknown, b: unknown): boolean {
  return same(a, b, DEPTH);
}

/** `next`, with each element replaced by its predecessor of the same id when they are equal. */
export function reuse<T extends { id: string }>(prev: readonly T[] | undefined, next: T[]): T[] {
  if (!prev) return next;
  const old = new Map(prev.map((e) => [e.id, e]));
  let changed = prev.length !== next.length;
  const out = next.map((e, i) => {
    const o = old.get(e.id);
    const keep = o !== undefined && sameShape(o, e) ? o : e;
    if (keep !== prev[i]) changed = true;
    return keep;
  });
  return changed ? out : (prev as T[]);
}
