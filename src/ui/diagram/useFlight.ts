import { useLayoutEffect } from 'react';
import type { RefObject } from 'react';
import type { PodView } from '../../engine/protocol';
import { prefersReducedMotion } from './useGraph';

/** Where unscheduled pods' chips were last drawn, in screen pixels, when they left the pending area. */
const departures = new Map<string, { left: number; top: number; at: number }>();
const FLIGHT_MS = 600;

/**
 * Scheduling made visible: a pod's chip leaves the pending area and the same pod appears in a node's
 * box in the same commit; the new chip starts where the old one was and glides to its place.
 */
export function useFlightFromPending(
  pod: PodView,
  ref: RefObject<HTMLElement | null>,
  x: number,
  y: number,
  w: number,
): void {
  const pending = pod.node === null;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (pending) {
      // Remember where it was when it goes (unmounts), only for pods waiting for a node: cheap.
      return () => {
        const r = el.getBoundingClientRect();
        if (departures.size > 1000) departures.clear();
        departures.set(pod.key, { left: r.left, top: r.top, at: performance.now() });
      };
    }
    const from = departures.get(pod.key);
    departures.delete(pod.key);
    if (
      !from ||
      performance.now() - from.at > 1000 ||
      prefersReducedMotion() ||
      typeof el.animate !== 'function'
    )
      return;
    const r = el.getBoundingClientRect();
    const zoom = r.width / w || 1;
    const dx = (from.left - r.left) / zoom;
    const dy = (from.top - r.top) / zoom;
    el.animate(
      [
        { transform: `translate(${x + dx}px, ${y + dy}px)`, zIndex: 10 },
        { transform: `translate(${x}px, ${y}px)`, zIndex: 10 },
      ],
      { duration: FLIGHT_MS, easing: 'cubic-bezier(0.2, 0.8, 0.2, 1)' },
    );
    // Mount only: later moves within a box are CSS transitions.
  }, [pending]);
}
