import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { DEFAULT_WORKERS, MAX_WORKERS } from '../engine/protocol';
import { EngineClient, EngineContext } from './engineClient';
import { forgetJournal, keepCluster, loadJournal, usePref } from './persistence';
import { useCluster, useTerminal } from './store';
import { Toolbar } from './Toolbar';
import { ClusterDiagram } from './diagram/ClusterDiagram';
import { Terminal } from './terminal/Terminal';
import { Inspector } from './panels/Inspector';
import { EventsFeed } from './panels/EventsFeed';
import { TracePanel } from './panels/TracePanel';
import { useEditorTabs } from './editor/tabs';
import { PanelTabs } from './panels/PanelTabs';
import { LessonPanel } from './lessons/LessonPanel';
import { forgetLessonFiles, useLessons } from './lessons/store';

const EditorPanel = lazy(() => import('./editor/EditorPanel').then((m) => ({ default: m.EditorPanel })));

type Side = 'editor' | 'inspector';
type Bottom = 'terminal' | 'events' | 'trace';

let engine: EngineClient | undefined;
/** One engine for the page's life (React's StrictMode may mount the app twice in development). */
function theEngine(): EngineClient {
  return (engine ??= EngineClient.inWorker());
}

/** The app: the engine in a worker, the live diagram, the editor, the terminal and the time controls. */
export function App() {
  const client = theEngine();
  const [error, setError] = useState<string | null>(null);
  const [theme, setTheme] = usePref<'light' | 'dark'>('theme', matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  const [side, setSide] = usePref<Side>('side', 'editor');
  const [bottom, setBottom] = usePref<Bottom>('bottom', 'terminal');
  const [lessonsShown, setLessonsShown] = usePref<'open' | 'closed'>('lessons', 'open');
  const lessonActive = useLessons((s) => s.state !== null);
  const connected = useCluster((s) => s.connected);
  const restoring = useCluster((s) => s.restoring);
  const selected = useCluster((s) => s.selected);
  const [saver, setSaver] = useState<ReturnType<typeof keepCluster> | null>(null);
  // Monaco is big: it is created once the cluster is on screen and the main thread is idle.
  const [editorWanted, setEditorWanted] = useState(false);
  useEffect(() => {
    if (!connected || editorWanted) return;
    if (side === 'editor' && typeof requestIdleCallback === 'function') {
      const h = requestIdleCallback(() => setEditorWanted(true), { timeout: 2000 });
      return () => cancelIdleCallback(h);
    }
    if (side === 'editor') setEditorWanted(true);
  }, [connected, side, editorWanted]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    client.fileProvider = () => Object.fromEntries(useEditorTabs.getState().tabs.map((t) => [t.filename, t.text]));
    let keeper: ReturnType<typeof keepCluster> | undefined;
    let cancelled = false;
    (async () => {
      await client.connect();
      const saved = loadJournal();
      // `?workers=N` asks for a cluster of N worker nodes (a trainer's bigger cluster, the benchmark).
      const asked = Number(new URLSearchParams(location.search).get('workers') ?? NaN);
      const workers = Number.isInteger(asked) && asked >= 1 && asked <= MAX_WORKERS ? asked : undefined;
      if (workers !== undefined && (saved?.workers ?? DEFAULT_WORKERS) !== workers) {
        forgetJournal();
        await client.reset({ workers });
      } else if (saved && saved.entries.length) {
        try {
          await client.restore(saved);
        } catch (e) {
          forgetJournal();
          useTerminal.getState().append([{ stream: 'stderr', text: `The saved cluster could not be restored (${String(e)}); starting a fresh one.\n` }]);
          await client.reset();
        }
      }
      if (cancelled) return;
      const lessons = await client.lessons();
      // `?lesson=ID` opens a lesson (a link from a course page); a reload of it keeps its progress.
      const askedLesson = new URLSearchParams(location.search).get('lesson');
      if (askedLesson !== null) {
        const url = new URL(location.href);
        url.searchParams.delete('lesson');
        history.replaceState(null, '', url);
        if (!lessons.some((l) => l.id === askedLesson)) {
          useTerminal.getState().append([{ stream: 'stderr', text: `There is no lesson "${askedLesson}"; the lessons are listed on the left.\n` }]);
        } else if (useLessons.getState().state?.lesson !== askedLesson) {
          forgetJournal();
          forgetLessonFiles(askedLesson);
          await client.startLesson(askedLesson);
        }
        setLessonsShown('open');
      }
      if (cancelled) return;
      await client.play();
      keeper = keepCluster(client);
      setSaver(keeper);
    })().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      keeper?.stop();
    };
  }, [client]);

  // Selecting an object shows the inspector.
  useEffect(() => {
    if (selected) setSide('inspector');
  }, [selected, setSide]);

  const runLine = (line: string) => {
    void client.run(line).then(() => saver?.saveNow());
  };
  const runLines = async (lines: string[]) => {
    setBottom('terminal');
    for (const line of lines) await client.run(line);
    await saver?.saveNow();
  };
  const startLesson = async (id: string) => {
    useCluster.getState().select(null);
    forgetLessonFiles(id);
    await client.startLesson(id);
    await client.play();
    await saver?.saveNow();
  };
  const showEditor = useCallback(() => setSide('editor'), [setSide]);
  const reset = (workers?: number) => {
    // In a lesson, Reset means the lesson's starting cluster (a new size of cluster leaves the lesson).
    const inLesson = useLessons.getState().state?.lesson;
    if (inLesson && workers === undefined) {
      useTerminal.getState().append([{ stream: 'stdout', text: `# The lesson's starting cluster again, back at its first step.\n` }]);
      void startLesson(inLesson);
      return;
    }
    forgetJournal();
    useCluster.getState().select(null);
    const size = workers ?? useCluster.getState().clock.workers;
    useTerminal.getState().append([{ stream: 'stdout', text: `# A fresh cluster: the control plane and ${size} worker node${size === 1 ? '' : 's'}.\n` }]);
    void client.reset(workers === undefined ? {} : { workers }).then(() => client.play());
  };

  return (
    <EngineContext.Provider value={client}>
      <div className="app">
        <header className="topbar">
          <h1>
            <span aria-hidden="true">☸</span> Kubesim
          </h1>
          <button type="button" className="lessons-toggle" aria-expanded={lessonsShown === 'open'} aria-controls="lesson-panel" onClick={() => setLessonsShown(lessonsShown === 'open' ? 'closed' : 'open')}>
            {lessonsShown === 'open' ? 'Hide lessons' : lessonActive ? 'Show lesson' : 'Lessons'}
          </button>
          <Toolbar onReset={reset} theme={theme} onTheme={setTheme} />
        </header>
        {error && (
          <p role="alert" className="fatal">
            The engine failed: {error}
          </p>
        )}
        <main className={`workspace${lessonsShown === 'open' ? ' with-lesson' : ''}`}>
          <aside className="ks-lesson" id="lesson-panel" aria-label="Lesson" hidden={lessonsShown !== 'open'}>
            <div className="panel-scroll">
              <LessonPanel onRun={runLines} onStart={startLesson} onShowEditor={showEditor} />
            </div>
          </aside>
          <section className="diagram-area" aria-label="Cluster diagram" aria-busy={!connected}>
            {restoring && (
              <div className="overlay" role="status">
                Restoring your cluster… {restoring.done}/{restoring.total}
                <progress max={restoring.total || 1} value={restoring.done} />
              </div>
            )}
            {!connected && !error ? (
              <p className="overlay" role="status">
                Starting the cluster…
              </p>
            ) : (
              <ClusterDiagram onCommand={runLine} />
            )}
          </section>
          <aside className="ks-side" aria-label="Editor and inspector">
            <PanelTabs label="Side panel" value={side} onChange={setSide} tabs={[{ id: 'editor', label: 'Editor' }, { id: 'inspector', label: 'Inspector' }]} />
            <div className="panel-body" hidden={side !== 'editor'}>
              {editorWanted ? (
                <Suspense fallback={<p className="empty">Loading the editor…</p>}>
                  <EditorPanel />
                </Suspense>
              ) : (
                <p className="empty">Loading the editor…</p>
              )}
            </div>
            <div className="panel-body" hidden={side !== 'inspector'}>
              <Inspector onOpenedInEditor={() => setSide('editor')} />
            </div>
          </aside>
          <section className="ks-bottom" aria-label="Terminal, events and trace">
            <PanelTabs
              label="Bottom panel"
              value={bottom}
              onChange={setBottom}
              tabs={[
                { id: 'terminal', label: 'Terminal' },
                { id: 'events', label: 'Events' },
                { id: 'trace', label: 'What happened' },
              ]}
            />
            <div className="panel-body" hidden={bottom !== 'terminal'}>
              <Terminal />
            </div>
            <div className="panel-body" hidden={bottom !== 'events'}>
              {bottom === 'events' && <EventsFeed />}
            </div>
            <div className="panel-body" hidden={bottom !== 'trace'}>
              {bottom === 'trace' && <TracePanel />}
            </div>
          </section>
        </main>
      </div>
    </EngineContext.Provider>
  );
}
