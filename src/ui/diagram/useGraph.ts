import { useDeferredValue, useMemo, useRef, useSyncExternalStore } from 'react';
import type { Edge, Node } from '@xyflow/react';
import { useCluster } from '../store';
import type { Density } from './geometry';
import { layoutCluster } from './layout';
import { layoutOwnership } from './ownership';
import type { DiagramMode } from './Panels';
import { reuse } from './stable';

export interface DiagramGraph {
  nodes: Node[];
  edges: Edge[];
  density: Density | null;
  aggregated: boolean;
}

/**
 * The graph xyflow draws: a memoised pure function of the mirror's views and the diagram's options,
 * with the previous graph's objects kept wherever nothing changed.
 */
export function useDiagramGraph(
  mode: DiagramMode,
  showSystem: boolean,
  expanded: ReadonlySet<string>,
): DiagramGraph {
  // Deferred: a tick's message is handled (and the terminal, the clock updated) first; the diagram's
  // layout and render follow in an interruptible render of their own instead of one long task.
  const views = useDeferredValue(useCluster((s) => s.views));
  const prev = useRef<DiagramGraph | null>(null);
  return useMemo(() => {
    const g =
      mode === 'cluster'
        ? layoutCluster(views, { showSystem, expanded })
        : { ...layoutOwnership(views, showSystem, expanded), density: null, aggregated: false };
    const next: DiagramGraph = {
      nodes: reuse(prev.current?.nodes, g.nodes as Node[]),
      edges: reuse(prev.current?.edges, g.edges as Edge[]),
      density: g.density,
      aggregated: g.aggregated,
    };
    prev.current = next;
    return next;
  }, [views, mode, showSystem, expanded]);
}

function subscribeTheme(onChange: () => void): () => void {
  const mq = window.matchMedia('(prefers-color-scheme: dark)');
  mq.addEventListener('change', onChange);
  const mo = new MutationObserver(onChange);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
  return () => {
    mq.removeEventListener('change', onChange);
    mo.disconnect();
  };
}

function currentTheme(): 'light' | 'dark' {
  const t = document.documentElement.dataset.theme;
  if (t === 'dark' || t === 'light') return t;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** `data-theme` on <html> when set, else the system's preference. */
export function useTheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribeTheme, currentTheme, () => 'light');
}

export function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
