import { lazy, Suspense } from 'react';
import type { LessonInfo } from '../../engine/protocol';
import { useLessons } from './store';
import './lessons.css';

// The lesson view brings the Markdown renderer: it loads when a lesson opens, not before first paint.
const LessonView = lazy(() => import('./LessonView').then((m) => ({ default: m.LessonView })));

export interface LessonPanelProps {
  /** Runs terminal lines one after another (a code block's Run button). */
  onRun: (lines: string[]) => Promise<void>;
  /** Starts a lesson on a fresh cluster (the app saves it at once). */
  onStart: (id: string) => Promise<void>;
  /** Brings the editor forward (a step opened its manifests). */
  onShowEditor: () => void;
}

/** The lesson panel: the catalogue when no lesson is under way, else the lesson with its live steps. */
export function LessonPanel(props: LessonPanelProps) {
  const catalog = useLessons((s) => s.catalog);
  const state = useLessons((s) => s.state);
  const info = state ? catalog.find((l) => l.id === state.lesson) : undefined;
  if (state && info)
    return (
      <Suspense fallback={<p className="muted">Loading the lesson…</p>}>
        <LessonView key={info.id} info={info} state={state} {...props} />
      </Suspense>
    );
  return <Catalog catalog={catalog} onStart={props.onStart} />;
}

const LEVEL: Record<LessonInfo['level'], string> = { beginner: 'Beginner', intermediate: 'Intermediate', advanced: 'Advanced' };

function Catalog(props: { catalog: LessonInfo[]; onStart: (id: string) => Promise<void> }) {
  const completed = useLessons((s) => s.completed);
  const next = props.catalog.find((l) => !completed.has(l.id));
  return (
    <div className="lessons-catalog">
      <h2>Lessons</h2>
      <p className="muted">
        Each lesson starts a fresh cluster and checks your work as you go. {completed.size > 0 && `${completed.size} of ${props.catalog.length} done.`}
      </p>
      {props.catalog.length === 0 && <p className="muted">Loading the lessons…</p>}
      <ol className="lesson-list">
        {props.catalog.map((l, i) => (
          <li key={l.id} className={completed.has(l.id) ? 'is-done' : l === next ? 'is-next' : ''}>
            <div className="lesson-card">
              <div className="lesson-card-title">
                <span className="lesson-num" aria-hidden="true">
                  {completed.has(l.id) ? '✓' : i + 1}
                </span>
                <strong>{l.title}</strong>
              </div>
              <div className="lesson-meta">
                {LEVEL[l.level]} · {l.minutes} min · {l.steps.length} steps{completed.has(l.id) ? ' · done' : ''}
              </div>
              <div className="lesson-concepts">{l.concepts.slice(0, 6).join(', ')}</div>
              <button type="button" className={l === next ? 'primary' : ''} onClick={() => void props.onStart(l.id)} aria-label={`${completed.has(l.id) ? 'Start again' : 'Start'}: ${l.title}`}>
                {completed.has(l.id) ? 'Start again' : 'Start'}
              </button>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

