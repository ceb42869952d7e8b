import { useCallback, useEffect, useRef, useState } from 'react';
import type { FocusEvent, RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Node } from '@xyflow/react';
import { prefersReducedMotion } from './useGraph';

/** Room for the toolbar above and the legend (and selection bar) below. */
export function fitOptions(bottom: number) {
  return { padding: { top: '72px', bottom: `${bottom}px`, left: '24px', right: '24px' } } as const;
}

function boundsKey(nodes: readonly Node[]): string {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + (n.width ?? 0));
    y1 = Math.max(y1, n.position.y + (n.height ?? 0));
  }
  return `${Math.round(x0)},${Math.round(y0)},${Math.round(x1)},${Math.round(y1)}`;
}

export type Size = { width: number; height: number };

/** The diagram area's size, as it changes. */
export function useElementSize(ref: RefObject<HTMLElement | null>): Size | null {
  const [size, setSize] = useState<Size | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => {
      if (e) setSize({ width: Math.round(e.contentRect.width), height: Math.round(e.contentRect.height) });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/**
 * Keeps the whole cluster in view while it grows and shrinks (a pod scheduled, a node added, the
 * diagram area resized, the legend opened), until the learner pans or zooms themselves; the fit
 * button, or switching view, follows the cluster again.
 */
export function useFollowView(nodes: readonly Node[], scene: string, size: Size | null, bottom: number) {
  const flow = useReactFlow();
  const follow = useRef(true);
  const fit = useCallback(() => {
    const id = requestAnimationFrame(
      () => void flow.fitView({ ...fitOptions(bottom), duration: prefersReducedMotion() ? 0 : 300 }),
    );
    return () => cancelAnimationFrame(id);
  }, [flow, bottom]);

  const key = `${scene}|${boundsKey(nodes)}|${size ? `${size.width}x${size.height}` : ''}`;
  const lastScene = useRef(scene);
  useEffect(() => {
    if (lastScene.current !== scene) {
      lastScene.current = scene;
      follow.current = true;
    }
    if (follow.current) return fit();
  }, [key, scene, fit]);

  return {
    fit: fitOptions(bottom),
    /** xyflow's onMoveStart: a move with a pointer or wheel event behind it is the learner's own. */
    onMoveStart: useCallback((event: MouseEvent | TouchEvent | null) => {
      if (event) follow.current = false;
    }, []),
    onFitView: useCallback(() => {
      follow.current = true;
    }, []),
    /** Focus moved somewhere the learner is reading: stop following. */
    stopFollowing: useCallback(() => {
      follow.current = false;
    }, []),
  };
}

/**
 * Focus moving into a box off screen: browsers scroll the clipped pane to show it, which xyflow does
 * not know about. Undo the scroll and pan the viewport instead.
 */
export function useFocusIntoView(rootRef: RefObject<HTMLDivElement | null>, onPan: () => void) {
  const flow = useReactFlow();
  return useCallback(
    (e: FocusEvent<HTMLDivElement>) => {
      const pane = rootRef.current?.querySelector<HTMLElement>('.react-flow');
      if (!pane || !(e.target instanceof HTMLElement) || !e.target.closest('.react-flow__node')) return;
      pane.scrollTop = 0;
      pane.scrollLeft = 0;
      const r = e.target.getBoundingClientRect();
      const p = pane.getBoundingClientRect();
      if (r.left >= p.left && r.right <= p.right && r.top >= p.top && r.bottom <= p.bottom) return;
      onPan();
      const c = flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
      void flow.setCenter(c.x, c.y, {
        zoom: Math.max(flow.getZoom(), 0.6),
        duration: prefersReducedMotion() ? 0 : 200,
      });
    },
    [flow, rootRef, onPan],
  );
}
