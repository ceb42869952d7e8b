import { Component, lazy, Suspense, useCallback, useRef } from 'react';
import type { JSX, KeyboardEvent, ReactNode } from 'react';
import { ApplyResult } from './ApplyResult';
import type { EditorHandle } from './MonacoEditor';
import { PANEL_DOM_ID, TabBar, tabDomId } from './TabBar';
import { useEditorTabs } from './tabs';
import type { ManifestTab } from './tabs';
import { useColorScheme } from './theme';
import { useApply } from './useApply';
import './editor.css';

/** Monaco and the Kubernetes schema load after first paint, in parallel, as chunks of their own. */
const MonacoEditor = lazy(async () => {
  const [editor, schema] = await Promise.all([
    import('./MonacoEditor'),
    import('virtual:kubesim/manifest-schema'),
  ]);
  editor.configureYaml(schema.default);
  return editor;
});

const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const APPLY_KEYS = isMac ? '⌘ Enter' : 'Ctrl+Enter';

/** The manifest editor: open manifests as tabs, a YAML editor with the Kubernetes schema, Apply. */
export function EditorPanel(): JSX.Element {
  const tabs = useEditorTabs((s) => s.tabs);
  const activeId = useEditorTabs((s) => s.activeId);
  const { update, setActive, close, openNew, reset } = useEditorTabs.getState();
  const scheme = useColorScheme();
  const { apply, outcomes, problems } = useApply();
  const editor = useRef<EditorHandle | null>(null);
  const active = tabs.find((t) => t.id === activeId);
  const outcome = active ? outcomes[active.id] : undefined;

  const onReady = useCallback((h: EditorHandle | null) => (editor.current = h), []);
  const onApply = useCallback(() => void apply(), [apply]);

  // Ctrl/Cmd+Enter anywhere in the panel applies (Monaco handles it itself when it has focus).
  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
      e.preventDefault();
      onApply();
    }
  }

  return (
    // `nokey`: the diagram (xyflow) listens for keys on the whole document and takes Space, Delete and
    // Backspace unless they come from an input; Monaco types through an EditContext <div>, not an input.
    <section className="ks-editor nokey" aria-label="Manifest editor" onKeyDown={onKeyDown}>
      <TabBar tabs={tabs} activeId={activeId} onSelect={setActive} onClose={close} onNew={openNew} />
      {active ? (
        <div
          role="tabpanel"
          id={PANEL_DOM_ID}
          aria-labelledby={tabDomId(active.id)}
          className="ks-editor__body"
        >
          <div className="ks-editor__surface">
            <EditorBoundary
              fallback={
                <PlainEditor
                  tab={active}
                  onChange={update}
                  note="The full editor could not load: plain text editing still works."
                />
              }
            >
              <Suspense fallback={<PlainEditor tab={active} onChange={update} note="Loading editor…" />}>
                <MonacoEditor
                  tabs={tabs}
                  activeId={active.id}
                  scheme={scheme}
                  problems={problems}
                  onChange={update}
                  onApply={onApply}
                  onReady={onReady}
                />
              </Suspense>
            </EditorBoundary>
          </div>
          <div className="ks-editor__apply">
            <button
              type="button"
              className="ks-editor__button ks-editor__button--primary"
              onClick={onApply}
              aria-busy={outcome?.state === 'applying'}
              aria-keyshortcuts="Control+Enter Meta+Enter"
            >
              Apply
            </button>
            <span className="ks-editor__muted">
              <kbd>{APPLY_KEYS}</kbd> runs <code>kubectl apply -f {active.filename}</code>
            </span>
          </div>
          <ApplyResult outcome={outcome} onShowLine={(line) => editor.current?.revealLine(line)} />
        </div>
      ) : (
        <div className="ks-editor__empty">
          <p>No manifest is open.</p>
          <p>
            Open a{' '}
            <button type="button" className="ks-editor__link" onClick={openNew}>
              new manifest
            </button>{' '}
            or the{' '}
            <button type="button" className="ks-editor__link" onClick={reset}>
              example Deployment
            </button>
            .
          </p>
        </div>
      )}
    </section>
  );
}

/** A plain textarea over the same text: shown while Monaco loads, or if it cannot. */
function PlainEditor({
  tab,
  onChange,
  note,
}: {
  tab: ManifestTab;
  onChange(id: string, text: string): void;
  note: string;
}) {
  return (
    <div className="ks-editor__plain">
      <p className="ks-editor__muted" aria-live="polite">
        {note}
      </p>
      <textarea
        aria-label={`Manifest ${tab.filename}`}
        spellCheck={false}
        value={tab.text}
        onChange={(e) => onChange(tab.id, e.target.value)}
      />
    </div>
  );
}

class EditorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    console.error('Manifest editor failed to load', error);
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
