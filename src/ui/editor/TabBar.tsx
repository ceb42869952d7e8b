import { useEffect } from 'react';
import type { KeyboardEvent } from 'react';
import type { ManifestTab } from './tabs';

export const tabDomId = (id: string) => `ks-editor-tab-${id}`;
export const PANEL_DOM_ID = 'ks-editor-tabpanel';

interface TabBarProps {
  tabs: readonly ManifestTab[];
  activeId: string | null;
  onSelect(id: string): void;
  onClose(id: string): void;
  onNew(): void;
}

/**
 * The open manifests as an ARIA tablist: one tab stop, arrows (Home/End) move between tabs and show
 * them, Delete closes the focused tab. The × on each tab is for the mouse; keyboard and screen-reader
 * users have Delete and the "Close" button, which names the tab it closes.
 */
export function TabBar({ tabs, activeId, onSelect, onClose, onNew }: TabBarProps) {
  const active = tabs.find((t) => t.id === activeId);

  // A tab opened or shown from elsewhere (the inspector) scrolls into view when the tabs overflow.
  useEffect(() => {
    // Only the tab strip scrolls: scrollIntoView would also scroll the page (narrow screens scroll it).
    const tab = activeId ? document.getElementById(tabDomId(activeId)) : null;
    const strip = tab?.parentElement;
    if (!tab || !strip) return;
    const left = tab.getBoundingClientRect().left - strip.getBoundingClientRect().left + strip.scrollLeft;
    if (left < strip.scrollLeft) strip.scrollLeft = left;
    else if (left + tab.offsetWidth > strip.scrollLeft + strip.clientWidth) strip.scrollLeft = left + tab.offsetWidth - strip.clientWidth;
  }, [activeId]);

  function focusTab(id: string) {
    onSelect(id);
    document.getElementById(tabDomId(id))?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = tabs.length - 1;
    const target =
      e.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : e.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : undefined;
    if (target !== undefined) {
      e.preventDefault();
      focusTab(tabs[target]!.id);
    } else if (e.key === 'Delete') {
      e.preventDefault();
      const next = tabs[index + 1] ?? tabs[index - 1];
      onClose(tabs[index]!.id);
      if (next) focusTab(next.id);
    }
  }

  return (
    <div className="ks-editor__bar">
      <div role="tablist" aria-label="Open manifests" className="ks-editor__tabs">
        {tabs.map((t, i) => {
          const selected = t.id === activeId;
          return (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={tabDomId(t.id)}
              aria-selected={selected}
              aria-controls={PANEL_DOM_ID}
              tabIndex={selected || (!active && i === 0) ? 0 : -1}
              className="ks-editor__tab"
              onClick={() => onSelect(t.id)}
              onAuxClick={(e) => e.button === 1 && onClose(t.id)}
              onKeyDown={(e) => onKeyDown(e, i)}
              title={t.filename}
            >
              <span className="ks-editor__tab-name">{t.filename}</span>
              <span
                aria-hidden="true"
                className="ks-editor__tab-close"
                title={`Close ${t.filename}`}
                onClick={(e) => {
                  e.stopPropagation();
                  onClose(t.id);
                }}
              >
                ×
              </span>
            </button>
          );
        })}
      </div>
      <div className="ks-editor__bar-actions">
        <button
          type="button"
          className="ks-editor__button"
          aria-label="New manifest"
          title="New manifest"
          onClick={onNew}
        >
          + New
        </button>
        {active && (
          <button
            type="button"
            className="ks-editor__button"
            aria-label={`Close ${active.filename}`}
            title={`Close ${active.filename} (Delete on a tab)`}
            onClick={() => onClose(active.id)}
          >
            Close
          </button>
        )}
      </div>
    </div>
  );
}
