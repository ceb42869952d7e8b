import { useEffect, useRef } from 'react';
import type { ManifestError } from '../../engine/protocol';
import { configureYaml, monaco } from './monacoSetup';
import type { ManifestTab } from './tabs';
import type { ColorScheme } from './theme';

export { configureYaml };

/** What the panel may ask of the editor once it is there. */
export interface EditorHandle {
  revealLine(line: number): void;
  focus(): void;
}

export interface MonacoEditorProps {
  tabs: readonly ManifestTab[];
  activeId: string;
  scheme: ColorScheme;
  /** The engine's errors from each tab's last apply, shown as markers at their line. */
  problems: Readonly<Record<string, readonly ManifestError[]>>;
  onChange(id: string, text: string): void;
  onApply(): void;
  onReady(handle: EditorHandle | null): void;
}

/** Markers from `kubectl apply` carry this owner, apart from the yaml worker's own. */
const APPLY_OWNER = 'kubectl-apply';

function modelUri(tab: ManifestTab): monaco.Uri {
  return monaco.Uri.from({ scheme: 'file', path: `/${tab.id}/${tab.filename}` });
}

function toMarkers(
  model: monaco.editor.ITextModel,
  errors: readonly ManifestError[],
): monaco.editor.IMarkerData[] {
  return errors.map((e) => {
    // An error without a line belongs to the whole manifest: it is shown on the first line.
    const line = Math.min(Math.max(e.line ?? 1, 1), model.getLineCount());
    return {
      severity: monaco.MarkerSeverity.Error,
      message: e.message,
      source: 'kubectl apply',
      startLineNumber: line,
      startColumn: model.getLineFirstNonWhitespaceColumn(line) || 1,
      endLineNumber: line,
      endColumn: model.getLineMaxColumn(line),
    };
  });
}

/** The Monaco editor of the manifest panel: one model per tab, the shown tab's in the editor. */
export default function MonacoEditor(props: MonacoEditorProps) {
  const { tabs, activeId, scheme, problems } = props;
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const models = useRef(new Map<string, monaco.editor.ITextModel>());
  const viewStates = useRef(new Map<string, monaco.editor.ICodeEditorViewState | null>());
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const editor = monaco.editor.create(container.current!, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      // Monaco dims the last line's number below contrast (axe color-contrast); shown as any other.
      renderFinalNewline: 'on',
      fixedOverflowWidgets: true,
      quickSuggestions: { other: true, comments: false, strings: true },
      theme: latest.current.scheme === 'dark' ? 'vs-dark' : 'vs',
    });
    editor.addAction({
      id: 'kubesim.apply',
      label: 'Apply manifest (kubectl apply -f)',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      contextMenuGroupId: 'navigation',
      run: () => latest.current.onApply(),
    });
    editorRef.current = editor;
    latest.current.onReady({
      revealLine(line) {
        editor.revealLineInCenter(line);
        editor.setPosition({
          lineNumber: line,
          column: editor.getModel()?.getLineFirstNonWhitespaceColumn(line) || 1,
        });
        editor.focus();
      },
      focus: () => editor.focus(),
    });
    const owned = models.current;
    return () => {
      latest.current.onReady(null);
      editor.dispose();
      for (const m of owned.values()) m.dispose();
      owned.clear();
      editorRef.current = null;
    };
  }, []);

  // One model per tab; text set from outside (a tab reopened with new text) replaces the model's
  // content as an edit, so it can be undone.
  useEffect(() => {
    const live = new Set(tabs.map((t) => t.id));
    for (const [id, model] of models.current) {
      if (!live.has(id)) {
        model.dispose();
        models.current.delete(id);
        viewStates.current.delete(id);
      }
    }
    for (const tab of tabs) {
      let model = models.current.get(tab.id);
      if (!model || model.uri.path !== modelUri(tab).path) {
        model?.dispose();
        model = monaco.editor.createModel(tab.text, 'yaml', modelUri(tab));
        model.updateOptions({ tabSize: 2, insertSpaces: true });
        const m = model;
        model.onDidChangeContent(() => latest.current.onChange(tab.id, m.getValue()));
        monaco.editor.setModelMarkers(
          model,
          APPLY_OWNER,
          toMarkers(model, latest.current.problems[tab.id] ?? []),
        );
        models.current.set(tab.id, model);
      } else if (model.getValue() !== tab.text) {
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text: tab.text }], () => null);
      }
    }
  }, [tabs]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = models.current.get(activeId);
    if (!editor || !model || editor.getModel() === model) return;
    const previous = editor.getModel();
    if (previous) {
      const prevId = [...models.current].find(([, m]) => m === previous)?.[0];
      if (prevId) viewStates.current.set(prevId, editor.saveViewState());
    }
    editor.setModel(model);
    const state = viewStates.current.get(activeId);
    if (state) editor.restoreViewState(state);
    const tab = tabs.find((t) => t.id === activeId);
    editor.updateOptions({
      ariaLabel: `Manifest ${tab?.filename ?? ''}: YAML editor. Ctrl+Enter or Cmd+Enter applies it.`,
    });
  }, [activeId, tabs]);

  useEffect(() => monaco.editor.setTheme(scheme === 'dark' ? 'vs-dark' : 'vs'), [scheme]);

  // Set when an apply answers; Monaco keeps them with their text as it is edited, until the next apply.
  useEffect(() => {
    for (const [id, model] of models.current)
      monaco.editor.setModelMarkers(model, APPLY_OWNER, toMarkers(model, problems[id] ?? []));
  }, [problems]);

  return <div ref={container} className="ks-editor__monaco" data-testid="monaco-editor" />;
}
