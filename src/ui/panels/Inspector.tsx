import { useEffect, useState } from 'react';
import type { InspectResult } from '../../engine/protocol';
import { useEngine } from '../engineClient';
import { useCluster } from '../store';
import { useEditorTabs } from '../editor/tabs';
import { PanelTabs } from './PanelTabs';

type Tab = 'describe' | 'yaml' | 'events' | 'logs';
const TAB_LABEL: Record<Tab, string> = { describe: 'Describe', yaml: 'YAML', events: 'Events', logs: 'Logs' };

/**
 * The selected object as kubectl shows it: describe, YAML, its events and, for pods, logs. The texts
 * refresh while the object changes; "Open in editor" puts its YAML in a new manifest tab.
 */
export function Inspector(props: { onOpenedInEditor?: () => void }) {
  const client = useEngine();
  const selected = useCluster((s) => s.selected);
  const view = useCluster((s) => (s.selected ? s.views.get(s.selected) : undefined));
  const [tab, setTab] = useState<Tab>('describe');
  const [result, setResult] = useState<InspectResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!view) return;
    let stale = false;
    client
      .inspect(view.kind, view.namespace, view.name)
      .then((r) => !stale && (setResult(r), setError(null)))
      .catch((e: unknown) => !stale && setError(String(e)));
    return () => {
      stale = true;
    };
  }, [client, view]);

  if (!selected) return <p className="empty">Click a node, pod or Service in the diagram to inspect it.</p>;
  if (!view)
    return (
      <div className="inspector">
        <p className="empty">{selected.split('/').filter(Boolean).join(' ')} no longer exists.</p>
        <button type="button" onClick={() => useCluster.getState().select(null)}>
          Close
        </button>
      </div>
    );
  const tabs: Tab[] = view.kind === 'Pod' ? ['describe', 'yaml', 'events', 'logs'] : ['describe', 'yaml', 'events'];
  const shown = tabs.includes(tab) ? tab : 'describe';
  const text = error ?? (result ? (result[shown] ?? '') : 'Loading…');
  return (
    <section className="inspector" aria-label={`Inspector: ${view.kind} ${view.name}`}>
      <header>
        <h2>
          {view.kind} <span className="mono">{view.namespace ? `${view.namespace}/` : ''}{view.name}</span>
        </h2>
        <button
          type="button"
          onClick={() => {
            if (!result) return;
            // `kind-name.yaml`: applying it again updates the same object.
            useEditorTabs.getState().open(`${view.kind.toLowerCase()}-${view.name}.yaml`, result.manifest ?? result.yaml, { replace: true });
            props.onOpenedInEditor?.();
          }}
          disabled={!result}
        >
          Open in editor
        </button>
        <button type="button" onClick={() => useCluster.getState().select(null)} aria-label="Close inspector">
          ✕
        </button>
      </header>
      <PanelTabs label="Inspector views" className="tabs" controls="inspector-text" value={shown} onChange={setTab} tabs={tabs.map((t) => ({ id: t, label: TAB_LABEL[t] }))} />
      <pre id="inspector-text" role="tabpanel" tabIndex={0} aria-label={TAB_LABEL[shown]} className="mono text">
        {text}
      </pre>
    </section>
  );
}
