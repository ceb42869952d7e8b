import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useCluster } from '../store';
import { actionsFor } from './actions';
import type { MenuAnchor } from './context';

export interface MenuState {
  key: string;
  anchor: MenuAnchor;
  /** Where focus goes back to when the menu closes. */
  opener: HTMLElement | null;
}

/**
 * The actions menu of a pod or a node (right click, Shift+F10, the context-menu key). A WAI-ARIA
 * menu: arrow keys move, Enter runs, Escape closes and puts focus back where it was.
 */
export function ContextMenu({
  menu,
  theme,
  onClose,
  onCommand,
}: {
  menu: MenuState;
  theme: 'light' | 'dark';
  onClose: () => void;
  onCommand: (line: string) => void;
}) {
  const view = useCluster((s) => s.views.get(menu.key));
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  const actions = view ? actionsFor(view) : [];

  const close = (restore: boolean) => {
    onClose();
    if (restore && menu.opener?.isConnected) menu.opener.focus({ preventScroll: true });
  };

  useLayoutEffect(() => {
    const a = menu.anchor;
    const p =
      a instanceof HTMLElement
        ? (() => {
            const r = a.getBoundingClientRect();
            return { left: r.left, top: r.bottom + 4 };
          })()
        : { left: a.x, top: a.y };
    const el = ref.current;
    const w = el?.offsetWidth ?? 200;
    const h = el?.offsetHeight ?? 160;
    setPos({
      left: Math.max(4, Math.min(p.left, window.innerWidth - w - 4)),
      top: Math.max(4, Math.min(p.top, window.innerHeight - h - 4)),
    });
  }, [menu.anchor]);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus({ preventScroll: true });
    const onDown = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [onClose]);

  if (!view) return null;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    const focus = (n: number) => items[(n + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') focus(i + 1);
    else if (e.key === 'ArrowUp') focus(i - 1);
    else if (e.key === 'Home') focus(0);
    else if (e.key === 'End') focus(items.length - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') close(false);
    else return;
    if (e.key !== 'Tab') e.preventDefault();
  };

  return createPortal(
    <div
      ref={ref}
      className={`kd-menu kd-theme-${theme}`}
      role="menu"
      aria-label={`Actions for ${view.kind} ${view.name}`}
      style={{ left: pos?.left ?? -9999, top: pos?.top ?? -9999 }}
      onKeyDown={onKeyDown}
    >
      <div className="kd-menu__title" aria-hidden="true">
        {view.kind} {view.name}
      </div>
      {actions.map((a) => (
        <button
          key={a.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="kd-menu__item"
          title={a.command}
          onClick={() => {
            onCommand(a.command);
            close(true);
          }}
        >
          <span>{a.label}</span>
          <code className="kd-menu__cmd">{a.command.split(' ').slice(0, 2).join(' ')}</code>
        </button>
      ))}
    </div>,
    document.body,
  );
}
