import { createContext, useContext } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';

/** Where a context menu opens: a pointer position, or below the focused element. */
export type MenuAnchor = { x: number; y: number } | HTMLElement;

/** What the boxes and chips call back into; a stable object, so memoised components never re-render for it. */
export interface DiagramCallbacks {
  select(key: string): void;
  openMenu(key: string, anchor: MenuAnchor): void;
  toggleGroup(groupId: string): void;
}

export const DiagramContext = createContext<DiagramCallbacks | null>(null);

export function useDiagram(): DiagramCallbacks {
  const c = useContext(DiagramContext);
  if (!c) throw new Error('useDiagram outside <ClusterDiagram>');
  return c;
}

/**
 * Keyboard and pointer behaviour every selectable object in the diagram shares: click or Enter
 * selects, right click, Shift+F10 or the context-menu key opens the actions menu.
 */
export function objectHandlers(cb: DiagramCallbacks, key: string) {
  return {
    onClick: () => cb.select(key),
    onContextMenu: (e: MouseEvent<HTMLElement>) => {
      e.preventDefault();
      e.stopPropagation();
      cb.select(key);
      // A keyboard-invoked contextmenu event comes with no pointer position.
      cb.openMenu(key, e.clientX === 0 && e.clientY === 0 ? e.currentTarget : { x: e.clientX, y: e.clientY });
    },
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      if ((e.key === 'F10' && e.shiftKey) || e.key === 'ContextMenu') {
        e.preventDefault();
        e.stopPropagation();
        cb.select(key);
        cb.openMenu(key, e.currentTarget);
      }
    },
  };
}
