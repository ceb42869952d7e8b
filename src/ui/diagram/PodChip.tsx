import { memo, useRef } from 'react';
import type { PodView } from '../../engine/protocol';
import { useCluster } from '../store';
import { objectHandlers, useDiagram } from './context';
import { CATEGORIES, podCategory, podLabel } from './status';
import { useFlightFromPending } from './useFlight';

/** `coredns-668d6bf9bc-aaaaa` → `coredns-…9bc-aaaaa`: the owner's name and the pod's own suffix stay. */
export function shortName(name: string, max = 21): string {
  if (name.length <= max) return name;
  const tail = Math.ceil((max - 1) / 2) + 1;
  return `${name.slice(0, max - 1 - tail)}…${name.slice(-tail)}`;
}

export interface PodChipProps {
  pod: PodView;
  x: number;
  y: number;
  w: number;
  h: number;
  card: boolean;
  /** Roving tab index: one chip per area is in the tab order. */
  tabbable: boolean;
  index: number;
  /** Say which node the pod runs on (the ownership view, where boxes are not nodes). */
  showNode?: boolean;
}

/**
 * One pod: a card (name, status, restarts) or a small chip (colour and a glyph). Positioned by the
 * layout with a transform, so a pod that moves within its box slides there; a new pod pops in.
 */
export const PodChip = memo(function PodChip({
  pod,
  x,
  y,
  w,
  h,
  card,
  tabbable,
  index,
  showNode,
}: PodChipProps) {
  const cb = useDiagram();
  const wrap = useRef<HTMLDivElement>(null);
  useFlightFromPending(pod, wrap, x, y, w);
  const selected = useCluster((s) => s.selected === pod.key);
  const highlighted = useCluster((s) => s.highlighted.has(pod.key));
  const cat = podCategory(pod);
  const info = CATEGORIES[cat];
  const label = showNode
    ? `${podLabel(pod)}, ${pod.node ? `on ${pod.node}` : 'not scheduled'}`
    : podLabel(pod);
  const cls = [
    'kd-pod',
    `kd-pod--${cat}`,
    card ? 'kd-pod--card' : 'kd-pod--chip',
    selected ? 'is-selected' : '',
    highlighted ? 'is-highlighted' : '',
  ]
    .filter(Boolean)
    .join(' ');
  // Restarts and the node are drawn beside the button, not in it: its name says them already, in
  // the order a screen reader wants, and visible text inside a button must match its name.
  return (
    <div
      ref={wrap}
      className="kd-podwrap"
      style={{ transform: `translate(${x}px, ${y}px)`, width: w, height: h }}
    >
      <button
        type="button"
        className={cls}
        aria-label={highlighted ? `${label}, highlighted by the lesson` : label}
        aria-current={selected ? true : undefined}
        title={label}
        tabIndex={tabbable ? 0 : -1}
        data-index={index}
        data-key={pod.key}
        {...objectHandlers(cb, pod.key)}
      >
        <span className="kd-pod__body" aria-hidden="true">
          {card ? (
            <>
              <span className="kd-pod__name">{shortName(pod.name)}</span>{' '}
              <span className="kd-pod__status">
                <span className="kd-pod__glyph">{info.glyph}</span> {pod.status}
              </span>
            </>
          ) : (
            <>
              <span className="kd-pod__glyph">{info.glyph}</span>
              {pod.restarts > 0 && <span className="kd-pod__dot" />}
            </>
          )}
        </span>
      </button>
      {card && (pod.restarts > 0 || showNode) && (
        <span className="kd-pod__aside" aria-hidden="true">
          {showNode && <span className="kd-pod__node">{pod.node ?? 'unscheduled'}</span>}
          {pod.restarts > 0 && <span className="kd-pod__restarts">↻ {pod.restarts}</span>}
        </span>
      )}
    </div>
  );
});
