import { useEffect, useId, useRef, useState } from 'react';
import type { LessonGoal, LessonInfo, LessonState } from '../../engine/protocol';
import { loadLessonFile } from '../../lessons/assets';
import { parseLessonProse, splitSolution } from '../../lessons/prose';
import type { LessonProse } from '../../lessons/prose';
import { useEngine } from '../engineClient';
import { useEditorTabs } from '../editor/tabs';
import type { LessonPanelProps } from './LessonPanel';
import { Markdown } from './Markdown';
import { lessonFileOwner, setLessonFileOwner, useLessons } from './store';

/**
 * A lesson under way: its steps with the current one's live goals, hints then the solution, and the
 * explanation of each step that passed. Loaded with its Markdown renderer when a lesson opens.
 */
export function LessonView(props: LessonPanelProps & { info: LessonInfo; state: LessonState }) {
  const { info, state } = props;
  const client = useEngine();
  const catalog = useLessons((s) => s.catalog);
  const complete = useLessons((s) => s.complete);
  const [prose, setProse] = useState<LessonProse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const total = info.steps.length;
  const finished = state.step >= total;
  const current = info.steps[state.step];
  const stepProse = current && prose?.steps.get(current.id);

  useEffect(() => {
    let live = true;
    loadLessonFile(info.id, 'lesson.md')
      .then((md) => live && setProse(parseLessonProse(md)))
      .catch((e: unknown) => live && setError(String(e)));
    return () => {
      live = false;
    };
  }, [info.id]);

  // A step that begins opens its manifests in the editor.
  const { onShowEditor } = props;
  useEffect(() => {
    const files = current?.files ?? [];
    if (!files.length) return;
    let live = true;
    void Promise.all(files.map(async (f) => [f, await loadLessonFile(info.id, f)] as const)).then((loaded) => {
      if (!live) return;
      for (const [f, text] of loaded) {
        const ours = lessonFileOwner(f) === info.id;
        useEditorTabs.getState().open(f, text, { replace: !ours });
        setLessonFileOwner(f, info.id);
      }
      onShowEditor();
    });
    return () => {
      live = false;
    };
  }, [info.id, current, onShowEditor]);

  // Say it when a step passes; remember a finished lesson.
  const lastStep = useRef(state.step);
  useEffect(() => {
    if (state.step > lastStep.current && prose) {
      const passed = info.steps[state.step - 1];
      const title = passed ? prose.steps.get(passed.id)?.title : undefined;
      const next = current ? prose.steps.get(current.id)?.title : undefined;
      setAnnounce(`Step ${state.step} done${title ? `: ${title}` : ''}.${next ? ` Next: ${next}.` : ' Lesson complete.'}`);
    }
    // Keep the step that just passed (its explanation) at the top, the new step below it.
    if (state.step !== lastStep.current) {
      const el = document.getElementById(`lesson-step-${state.step - 1}`) ?? document.getElementById(`lesson-step-${state.step}`);
      // Scroll the panel only (scrollIntoView would also scroll the page under the app's fixed layout).
      const box = el?.closest('.panel-scroll');
      if (el && box) {
        const top = el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop - 8;
        box.scrollTo({ top, behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
      }
    }
    lastStep.current = state.step;
    if (finished) complete(info.id);
  }, [state.step, finished, info, prose, current, complete]);

  const nextLesson = finished ? catalog[catalog.findIndex((l) => l.id === info.id) + 1] : undefined;
  const lastPassed = state.step - 1;

  return (
    <div className="lesson">
      <div className="lesson-head">
        <h2>{info.title}</h2>
        <div className="lesson-progress">
          <progress max={total} value={state.step} aria-label="Lesson progress" />
          <span>{finished ? 'Complete' : `Step ${state.step + 1} of ${total}`}</span>
        </div>
        <div className="lesson-actions">
          <button type="button" onClick={() => void client.stopLesson()}>
            All lessons
          </button>
          <button type="button" onClick={() => void props.onStart(info.id)} title="A fresh cluster, back at the first step">
            Restart lesson
          </button>
        </div>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      {error && <p role="alert">The lesson could not be loaded: {error}</p>}
      {!prose ? (
        !error && <p className="muted">Loading the lesson…</p>
      ) : (
        <div className="lesson-body">
          <details className="lesson-intro" open={state.step === 0}>
            <summary>About this lesson</summary>
            <Markdown text={prose.intro} onRun={props.onRun} />
          </details>
          <ol className="lesson-steps">
            {info.steps.map((s, i) => {
              const p = prose.steps.get(s.id);
              if (i < state.step)
                return (
                  <li key={s.id} id={`lesson-step-${i}`} className="step is-done">
                    <details open={i === lastPassed}>
                      <summary>
                        <span className="step-mark" aria-hidden="true">
                          ✓
                        </span>{' '}
                        {p?.title ?? s.id} <span className="visually-hidden">(done)</span>
                      </summary>
                      <div className="step-why">
                        <Markdown text={p?.why ?? ''} onRun={props.onRun} />
                      </div>
                    </details>
                  </li>
                );
              if (i === state.step && stepProse)
                return (
                  <li key={s.id} id={`lesson-step-${i}`} className="step is-current" aria-current="step">
                    <CurrentStep lesson={info.id} stepId={s.id} index={i} prose={stepProse} goals={state.goals} onRun={props.onRun} />
                  </li>
                );
              return (
                <li key={s.id} className="step is-later">
                  <span className="step-mark" aria-hidden="true">
                    {i + 1}
                  </span>{' '}
                  {p?.title ?? s.id}
                </li>
              );
            })}
          </ol>
          {finished && (
            <section className="lesson-done" aria-label="Lesson complete">
              <h3>Lesson complete</h3>
              <Markdown text={prose.done} onRun={props.onRun} />
              {nextLesson ? (
                <button type="button" className="primary" onClick={() => void props.onStart(nextLesson.id)}>
                  Next lesson: {nextLesson.title}
                </button>
              ) : (
                <p>That was the last lesson. The cluster is yours: try anything.</p>
              )}
            </section>
          )}
        </div>
      )}
    </div>
  );
}

function CurrentStep(props: { lesson: string; stepId: string; index: number; prose: NonNullable<ReturnType<LessonProse['steps']['get']>>; goals: LessonGoal[]; onRun: (lines: string[]) => Promise<void> }) {
  const { prose } = props;
  const client = useEngine();
  const [hints, setHints] = useState(0);
  const [solution, setSolution] = useState<string | null>(null);
  const [solving, setSolving] = useState(false);
  const goalsId = useId();
  const showSolution = () => {
    void loadLessonFile(props.lesson, 'solution.sh').then((text) => setSolution(splitSolution(text).get(props.stepId) ?? ''));
  };
  const solve = async () => {
    setSolving(true);
    try {
      await client.solveLesson();
    } finally {
      setSolving(false);
    }
  };
  return (
    <>
      <h3 className="step-title">
        <span className="step-mark" aria-hidden="true">
          {props.index + 1}
        </span>{' '}
        {prose.title}
      </h3>
      <div className="step-body">
        <Markdown text={prose.body} onRun={props.onRun} />
      </div>
      <div className="step-goals" role="group" aria-labelledby={goalsId}>
        <h4 id={goalsId}>Your goal{props.goals.length === 1 ? '' : 's'}</h4>
        <ul>
          {props.goals.map((g, i) => (
            <li key={i} className={g.met ? 'goal is-met' : 'goal'}>
              <span className="goal-mark" aria-hidden="true">
                {g.met ? '✓' : '○'}
              </span>
              <span>
                {g.text}
                <span className="visually-hidden">{g.met ? ' (done)' : ' (not yet)'}</span>
                {!g.met && g.now && <span className="goal-now">{g.now}</span>}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <div className="step-help">
        {prose.hints.slice(0, hints).map((h, i) => (
          <div key={i} className="hint">
            <strong>Hint {i + 1}.</strong> <Markdown text={h} onRun={props.onRun} />
          </div>
        ))}
        {hints < prose.hints.length ? (
          <button type="button" onClick={() => setHints(hints + 1)}>
            {hints === 0 ? 'Show a hint' : 'Another hint'}
          </button>
        ) : solution === null ? (
          <button type="button" onClick={showSolution}>
            Show the solution
          </button>
        ) : (
          <div className="solution">
            <strong>Solution</strong>
            <pre>
              <code>{solution}</code>
            </pre>
            <button type="button" disabled={solving} onClick={() => void solve()}>
              {solving ? 'Running…' : 'Run the solution'}
            </button>
          </div>
        )}
      </div>
    </>
  );
}
