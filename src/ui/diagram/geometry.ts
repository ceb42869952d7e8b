import type { PodView } from '../../engine/protocol';
import { podCategory } from './status';
import type { PodCategory } from './status';

/**
 * Pixel geometry of the diagram, shared by the pure layout (which must know where each pod chip sits
 * to end a Service's edge on it) and the components that draw the boxes. The layout decides every
 * position; the DOM only follows, so xyflow never has to measure anything.
 */

/** How pods are drawn in a box: cards with name and status, small chips, or chips grouped by owner. */
export type Density = 'card' | 'chip' | 'group';

export const CARD = { w: 216, h: 60, gap: 10 } as const;
export const CHIP = { w: 26, h: 26, gap: 5 } as const;
export const GROUP_ROW = { h: 38, gap: 6 } as const;

export const BOX_PAD = 12;
/** A box with one column of cards: a small cluster's worker nodes, big on screen. */
export const NARROW_W = CARD.w + 2 * BOX_PAD;
/** The pending area's title needs a little more than one card. */
export const PENDING_NARROW_W = NARROW_W + 56;
/** Two columns of cards, or a grid of chips. */
export const WIDE_W = 2 * CARD.w + CARD.gap + 2 * BOX_PAD;
/** Name and status, kubelet and kube-proxy, CPU and memory bars. */
export const NODE_HEADER_H = 118;
/** SchedulingDisabled and taints, when the node has any. */
export const BADGE_ROW_H = 28;
/** The control plane's components come above its node header. */
export const CP_COMPONENTS_H = 96;
export const PENDING_HEADER_H = 88;
export const PENDING_EMPTY_H = 84;
/** The pod area of a box without pods: one line saying so. */
export const EMPTY_AREA_H = 32;

export function innerWidth(boxWidth: number): number {
  return boxWidth - 2 * BOX_PAD;
}

function columns(innerW: number, size: { w: number; gap: number }): number {
  return Math.max(1, Math.floor((innerW + size.gap) / (size.w + size.gap)));
}

export const CHIP_COLS = columns(innerWidth(WIDE_W), CHIP);

/** Density for the whole diagram, from the busiest box and the total: every box uses the same one. */
export function chooseDensity(maxPerBox: number, total: number): Density {
  if (maxPerBox <= 8 && total <= 60) return 'card';
  if (maxPerBox <= CHIP_COLS * 4 && total <= 500) return 'chip';
  return 'group';
}

/** Worker boxes are narrow (one column of cards) while no node holds more than this many pods. */
export const NARROW_MAX_PODS = 4;

/** Pods of one owner in one box, for the grouped density. */
export interface PodGroup {
  /** Unique in the diagram: `<box id>|<owner kind>/<owner name>`. */
  id: string;
  ownerKind: string;
  ownerName: string;
  pods: readonly PodView[];
  counts: Readonly<Partial<Record<PodCategory, number>>>;
}

export type AreaItem =
  | { type: 'pod'; pod: PodView; x: number; y: number; w: number; h: number; card: boolean }
  | { type: 'group'; group: PodGroup; x: number; y: number; w: number; h: number; expanded: boolean };

export interface Area {
  items: AreaItem[];
  height: number;
}

function ownerKey(p: PodView): string {
  return p.owner ? `${p.owner.kind}/${p.owner.name}` : '';
}

/** Pods of one owner side by side, oldest first: a new pod joins its siblings, a rollout reads left to right. */
export function comparePods(a: PodView, b: PodView): number {
  // No strings built per comparison: 1,000 pods are sorted on every change of the mirror.
  return (
    cmp(a.namespace, b.namespace) ||
    cmp(a.owner?.kind ?? '', b.owner?.kind ?? '') ||
    cmp(a.owner?.name ?? '', b.owner?.name ?? '') ||
    a.createdAt - b.createdAt ||
    cmp(a.name, b.name)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function grid(pods: readonly PodView[], top: number, card: boolean, innerW: number, out: AreaItem[]): number {
  const size = card ? CARD : CHIP;
  const cols = columns(innerW, size);
  pods.forEach((pod, i) => {
    const col = i % cols;
    const row = Math.floor(i / cols);
    out.push({
      type: 'pod',
      pod,
      x: col * (size.w + size.gap),
      y: top + row * (size.h + size.gap),
      w: size.w,
      h: size.h,
      card,
    });
  });
  const rows = Math.ceil(pods.length / cols);
  return rows === 0 ? 0 : rows * (size.h + size.gap) - size.gap;
}

export function groupPods(pods: readonly PodView[], scope: string): PodGroup[] {
  const byOwner = new Map<string, PodView[]>();
  for (const p of pods) {
    const k = `${p.namespace}/${ownerKey(p)}`;
    let list = byOwner.get(k);
    if (!list) byOwner.set(k, (list = []));
    list.push(p);
  }
  const groups: PodGroup[] = [];
  for (const [k, list] of byOwner) {
    const first = list[0] as PodView;
    const counts: Partial<Record<PodCategory, number>> = {};
    for (const p of list) {
      const c = podCategory(p);
      counts[c] = (counts[c] ?? 0) + 1;
    }
    groups.push({
      id: `${scope}|${k}`,
      ownerKind: first.owner?.kind ?? '',
      ownerName: first.owner?.name ?? '',
      pods: list,
      counts,
    });
  }
  return groups.sort((a, b) => b.pods.length - a.pods.length || (a.id < b.id ? -1 : 1));
}

/**
 * Where each pod (or group of pods) of a box goes, relative to the top-left of the box's pod area.
 * Pods must already be in display order (`comparePods`).
 */
export function layoutArea(
  pods: readonly PodView[],
  density: Density,
  scope: string,
  expanded: ReadonlySet<string>,
  innerW: number,
): Area {
  const items: AreaItem[] = [];
  let height: number;
  if (density !== 'group') {
    height = grid(pods, 0, density === 'card', innerW, items);
  } else {
    let y = 0;
    for (const group of groupPods(pods, scope)) {
      const open = expanded.has(group.id);
      items.push({ type: 'group', group, x: 0, y, w: innerW, h: GROUP_ROW.h, expanded: open });
      y += GROUP_ROW.h + GROUP_ROW.gap;
      if (open) y += grid(group.pods, y, false, innerW, items) + GROUP_ROW.gap;
    }
    height = Math.max(0, y - GROUP_ROW.gap);
  }
  return { items, height: Math.max(height, EMPTY_AREA_H) };
}
