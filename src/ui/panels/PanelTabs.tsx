import { useRef } from 'react';
import type { KeyboardEvent } from 'react';

/** A row of tabs (WAI-ARIA tabs pattern): arrows move between them, the selected one is focusable. */
export function PanelTabs<T extends string>(props: {
  label: string;
  value: T;
  onChange: (v: T) => void;
  tabs: Array<{ id: T; label: string }>;
  className?: string;
  /** The id of the panel the tabs switch. */
  controls?: string;
}) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const onKey = (e: KeyboardEvent, i: number) => {
    const n = props.tabs.length;
    const next = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i + n - 1) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    props.onChange(props.tabs[next]!.id);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={props.label} className={props.className ?? 'panel-tabs'}>
      {props.tabs.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          aria-selected={props.value === t.id}
          aria-controls={props.controls}
          tabIndex={props.value === t.id ? 0 : -1}
          onClick={() => props.onChange(t.id)}
          onKeyDown={(e) => onKey(e, i)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
