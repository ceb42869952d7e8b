import { useState } from 'react';
import { useCluster } from '../store';
import { actionsFor } from './actions';
import type { Density } from './geometry';
import { CATEGORIES, CATEGORY_ORDER } from './status';

export type DiagramMode = 'cluster' | 'ownership';

/** View switch and the system-pods toggle, each with a visible label. */
export function Toolbar({
  mode,
  onMode,
  showSystem,
  onShowSystem,
}: {
  mode: DiagramMode;
  onMode: (m: DiagramMode) => void;
  showSystem: boolean;
  onShowSystem: (v: boolean) => void;
}) {
  return (
    <div className="kd-toolbar">
      <div className="kd-seg" role="group" aria-label="Diagram view">
        {(['cluster', 'ownership'] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            className={mode === m ? 'is-on' : ''}
            onClick={() => onMode(m)}
          >
            {m === 'cluster' ? 'Cluster' : 'Ownership'}
          </button>
        ))}
      </div>
      <label className="kd-check">
        <input type="checkbox" checked={showSystem} onChange={(e) => onShowSystem(e.target.checked)} />
        Show system pods
      </label>
    </div>
  );
}

/** The selected object with its actions as visible buttons: the menu's keyboard-free twin. */
export function SelectionBar({ onCommand }: { onCommand: (line: string) => void }) {
  const view = useCluster((s) => (s.selected ? s.views.get(s.selected) : undefined));
  if (!view) return null;
  const actions = actionsFor(view);
  return (
    <div className="kd-selbar" role="region" aria-label="Selected object">
      <span className="kd-selbar__what">
        <span className="kd-tag">{view.kind}</span> <strong>{view.name}</strong>
      </span>
      {actions.length > 0 && (
        <span
          className="kd-selbar__actions"
          role="group"
          aria-label={`Actions for ${view.kind} ${view.name}`}
        >
          {actions.map((a) => (
            <button key={a.label} type="button" title={a.command} onClick={() => onCommand(a.command)}>
              {a.label}
            </button>
          ))}
        </span>
      )}
      <button
        type="button"
        className="kd-selbar__close"
        aria-label="Clear selection"
        title="Clear selection"
        onClick={() => useCluster.getState().select(null)}
      >
        ×
      </button>
    </div>
  );
}

/** What the colours, borders and lines mean: pod colours always, the rest on demand. */
export function Legend({
  mode,
  density,
  aggregated,
  open,
  onOpen,
}: {
  mode: DiagramMode;
  density: Density | null;
  aggregated: boolean;
  open: boolean;
  onOpen: (open: boolean) => void;
}) {
  const [more, setMore] = useState(false);
  return (
    <section className="kd-legend" aria-label="Legend">
      <button type="button" className="kd-legend__toggle" aria-expanded={open} onClick={() => onOpen(!open)}>
        Legend
      </button>
      {open && (
        <ul className="kd-legend__list">
          {CATEGORY_ORDER.map((c) => (
            <li key={c} title={CATEGORIES[c].label}>
              <span className={`kd-swatch kd-pod--${c}`} aria-hidden="true">
                {CATEGORIES[c].glyph}
              </span>
              {CATEGORIES[c].short}
            </li>
          ))}
          {more && (
            <>
              <li>
                <span className="kd-swatch kd-swatch--restart" aria-hidden="true" /> restarted
              </li>
              {mode === 'cluster' && (
                <>
                  <li>
                    <span className="kd-swatch kd-swatch--notready" aria-hidden="true" /> Node NotReady
                  </li>
                  <li>
                    <span className="kd-swatch kd-swatch--cordoned" aria-hidden="true" /> Node cordoned
                  </li>
                  <li>
                    <span className="kd-line kd-line--ready" aria-hidden="true" /> Service → ready pod
                  </li>
                  <li>
                    <span className="kd-line kd-line--notready" aria-hidden="true" /> Service → not-ready pod
                  </li>
                </>
              )}
              {density === 'group' && (
                <li className="kd-legend__note">
                  Many pods: grouped by owner; open a group to see each pod.
                </li>
              )}
              {aggregated && mode === 'cluster' && (
                <li className="kd-legend__note">Service lines go to nodes, with a count.</li>
              )}
            </>
          )}
          <li>
            <button
              type="button"
              className="kd-legend__more"
              aria-expanded={more}
              onClick={() => setMore(!more)}
            >
              {more ? 'Less' : 'More'}
            </button>
          </li>
        </ul>
      )}
    </section>
  );
}
