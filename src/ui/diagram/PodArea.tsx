import { memo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useDiagram } from './context';
import { BOX_PAD } from './geometry';
import type { AreaItem, PodGroup } from './geometry';
import { PodChip } from './PodChip';
import { CATEGORIES, CATEGORY_ORDER } from './status';

function groupLabel(g: PodGroup, where: string, expanded: boolean): string {
  const owner = g.ownerKind ? `${g.ownerKind} ${g.ownerName}` : 'Pods with no owner';
  const parts = CATEGORY_ORDER.filter((c) => g.counts[c]).map((c) => `${g.counts[c]} ${CATEGORIES[c].label}`);
  return `${owner}: ${g.pods.length} ${g.pods.length === 1 ? 'pod' : 'pods'}${where ? ` ${where}` : ''} (${parts.join(', ')}). ${expanded ? 'Collapse' : 'Expand'} to ${expanded ? 'hide' : 'show'} each pod.`;
}

const GroupRow = memo(function GroupRow({
  group,
  x,
  y,
  w,
  h,
  expanded,
  where,
  tabbable,
  index,
}: {
  group: PodGroup;
  x: number;
  y: number;
  w: number;
  h: number;
  expanded: boolean;
  where: string;
  tabbable: boolean;
  index: number;
}) {
  const cb = useDiagram();
  const total = group.pods.length;
  return (
    <button
      type="button"
      className="kd-group"
      style={{ transform: `translate(${x}px, ${y}px)`, width: w, height: h }}
      aria-expanded={expanded}
      aria-label={groupLabel(group, where, expanded)}
      title={groupLabel(group, where, expanded)}
      tabIndex={tabbable ? 0 : -1}
      data-index={index}
      onClick={() => cb.toggleGroup(group.id)}
    >
      <span className="kd-group__caret" aria-hidden="true">
        {expanded ? '▾' : '▸'}
      </span>
      <span className="kd-group__name" aria-hidden="true">
        {group.ownerName || 'no owner'}
      </span>
      <span className="kd-group__count" aria-hidden="true">
        ×{total}
      </span>
      <span className="kd-group__bar" aria-hidden="true">
        {CATEGORY_ORDER.filter((c) => group.counts[c]).map((c) => (
          <span key={c} className={`kd-group__seg kd-pod--${c}`} style={{ flexGrow: group.counts[c] }} />
        ))}
      </span>
    </button>
  );
});

/** Moves focus among the chips of one area with the arrow keys (one tab stop per area). */
function nextIndex(items: readonly AreaItem[], from: number, key: string): number | null {
  const cur = items[from];
  if (!cur) return null;
  if (key === 'Home') return 0;
  if (key === 'End') return items.length - 1;
  if (key === 'ArrowRight') return Math.min(items.length - 1, from + 1);
  if (key === 'ArrowLeft') return Math.max(0, from - 1);
  if (key !== 'ArrowDown' && key !== 'ArrowUp') return null;
  // The nearest item in the next row below (or above), by horizontal distance.
  const down = key === 'ArrowDown';
  let best: number | null = null;
  let bestScore = Infinity;
  items.forEach((it, i) => {
    const dy = down ? it.y - cur.y : cur.y - it.y;
    if (dy <= 0) return;
    const score = dy * 10_000 + Math.abs(it.x - cur.x);
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

/** The pods of one box, at the positions the layout gave them. */
export const PodArea = memo(function PodArea({
  items,
  top,
  where,
  emptyText,
}: {
  items: readonly AreaItem[];
  top: number;
  where: string;
  emptyText: string;
}) {
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  const current = Math.min(active, Math.max(0, items.length - 1));
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const from = Number(target.dataset.index);
    if (!Number.isInteger(from)) return;
    const to = nextIndex(items, from, e.key);
    if (to === null) return;
    e.preventDefault();
    setActive(to);
    ref.current?.querySelector<HTMLElement>(`[data-index="${to}"]`)?.focus();
  };
  return (
    <div
      className="kd-area nodrag"
      ref={ref}
      style={{ top, left: BOX_PAD }}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const i = Number((e.target as HTMLElement).dataset.index);
        if (Number.isInteger(i) && i !== current) setActive(i);
      }}
    >
      {items.length === 0 && <p className="kd-area__empty">{emptyText}</p>}
      {items.map((it, i) =>
        it.type === 'pod' ? (
          <PodChip
            key={it.pod.key}
            pod={it.pod}
            x={it.x}
            y={it.y}
            w={it.w}
            h={it.h}
            card={it.card}
            tabbable={i === current}
            index={i}
          />
        ) : (
          <GroupRow
            key={it.group.id}
            group={it.group}
            x={it.x}
            y={it.y}
            w={it.w}
            h={it.h}
            expanded={it.expanded}
            where={where}
            tabbable={i === current}
            index={i}
          />
        ),
      )}
    </div>
  );
});
