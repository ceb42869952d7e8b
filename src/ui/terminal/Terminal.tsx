import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { JSX, KeyboardEvent } from 'react';
import { useEngine } from '../engineClient';
import { useTerminal } from '../store';
import { applyCompletion } from './completion';
import { addToHistory, historyStep, loadHistory, saveHistory } from './history';
import type { HistoryCursor } from './history';
import { TranscriptBuilder } from './transcript';
import type { Line } from './transcript';
import './terminal.css';

const SHOWN_COMPLETIONS = 80;

interface Listing {
  from: number;
  cursor: number;
  candidates: string[];
}

/**
 * The terminal: the transcript (`useTerminal`, written by the engine client, follower output included)
 * above a `$` prompt. Enter runs the line in the engine (`kubectl`, `sim`, `sleep`; the engine answers
 * anything else as a shell would, `get: command not found (did you mean "kubectl get"?)`); `clear` and
 * Ctrl-L clear the transcript here. ArrowUp/ArrowDown walk the history (kept across reloads), Tab
 * completes through kubectl's completion, Ctrl-C interrupts a running command (`get -w`, `rollout
 * status`) or abandons the line being typed, as in bash.
 */
export function Terminal(): JSX.Element {
  const client = useEngine();
  const chunks = useTerminal((s) => s.lines);
  const running = useTerminal((s) => s.running);
  const [pending, setPending] = useState(false);
  const [input, setInput] = useState('');
  const [listing, setListing] = useState<Listing | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const caret = useRef<number | null>(null);
  const history = useRef<string[]>([]);
  const walk = useRef<HistoryCursor>({ index: 0, draft: '' });
  const completionSeq = useRef(0);
  const busy = pending || running;
  const keysId = useId();

  useEffect(() => {
    history.current = loadHistory();
    walk.current = { index: history.current.length, draft: '' };
  }, []);

  // Only what was appended is split into lines, and finished lines keep their identity, so an update
  // renders the new lines alone. (Not deferred: a deferred render restarts on every tick of the app
  // and can be starved for seconds while the cluster is busy.)
  const builder = useRef<TranscriptBuilder | null>(null);
  builder.current ??= new TranscriptBuilder();
  const transcript = useMemo(() => builder.current!.update(chunks), [chunks]);

  useLayoutEffect(() => {
    const el = logRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [transcript]);

  // Shown again after another tab, or resized: stay at the bottom if we were there.
  useEffect(() => {
    const el = logRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    if (caret.current !== null) {
      inputRef.current?.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
  }, [input]);

  const print = (text: string, stream: 'stdout' | 'stderr' = 'stdout') => useTerminal.getState().append([{ stream, text }]);

  /** Sets the input and where its caret goes (after React has put the value in). */
  const setLine = (line: string, at = line.length) => {
    const el = inputRef.current;
    if (el && el.value === line) return el.setSelectionRange(at, at);
    caret.current = at;
    setInput(line);
  };

  const submit = async (line: string) => {
    setLine('');
    setListing(null);
    history.current = addToHistory(history.current, line);
    saveHistory(history.current);
    walk.current = { index: history.current.length, draft: '' };
    stick.current = true;
    const trimmed = line.trim();
    if (trimmed === 'clear') return useTerminal.getState().clear();
    if (trimmed === '') return print('$ \n');
    setPending(true);
    try {
      await client.run(line);
    } catch (e) {
      print(`kubesim: the engine did not answer: ${e instanceof Error ? e.message : String(e)}\n`, 'stderr');
    } finally {
      setPending(false);
    }
  };

  const interrupt = useCallback(() => {
    print('^C\n');
    client.interrupt().catch(() => useTerminal.getState().setRunning(false));
    inputRef.current?.focus();
  }, [client]);

  const completeAtCaret = async (el: HTMLInputElement) => {
    const line = el.value;
    const cursor = el.selectionStart ?? line.length;
    const seq = ++completionSeq.current;
    let result;
    try {
      result = await client.complete(line, cursor);
    } catch {
      return; // no completion from the engine: Tab does nothing, as in a shell without it
    }
    if (seq !== completionSeq.current || inputRef.current?.value !== line) return;
    const applied = applyCompletion(line, cursor, result);
    if (!applied) return setListing(null);
    setLine(applied.line, applied.cursor);
    setListing(applied.list.length ? { from: result.from, cursor: applied.cursor, candidates: applied.list } : null);
  };

  const choose = (candidate: string) => {
    if (!listing) return;
    const applied = applyCompletion(input, listing.cursor, { from: listing.from, candidates: [candidate] });
    setListing(null);
    if (applied) setLine(applied.line, applied.cursor);
    inputRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const el = e.currentTarget;
    if (e.ctrlKey && !e.metaKey && !e.altKey && e.key.toLowerCase() === 'c') {
      if (el.selectionStart !== el.selectionEnd) return; // copying the selection
      e.preventDefault();
      if (busy) return interrupt();
      print(`$ ${el.value}^C\n`);
      setListing(null);
      setLine('');
      walk.current = { index: history.current.length, draft: '' };
      return;
    }
    if (e.ctrlKey && !e.metaKey && e.key.toLowerCase() === 'l') {
      e.preventDefault();
      return useTerminal.getState().clear();
    }
    if (e.key === 'Escape') return setListing(null);
    if (busy) {
      if (e.key === 'Enter') e.preventDefault();
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      void submit(el.value);
    } else if (e.key === 'Tab' && !e.shiftKey && el.value.trim() !== '') {
      // Tab completes; on an empty line (and with Shift) it moves focus, so the terminal is no trap.
      e.preventDefault();
      void completeAtCaret(el);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const step = historyStep(history.current, walk.current, el.value, e.key === 'ArrowUp' ? -1 : 1);
      e.preventDefault();
      if (!step) return;
      walk.current = step.cursor;
      setListing(null);
      setLine(step.line);
    }
  };

  // A click in the transcript that selects nothing puts the caret back in the prompt.
  const onLogMouseUp = () => {
    if (!window.getSelection()?.toString()) inputRef.current?.focus();
  };

  const onLogScroll = () => {
    const el = logRef.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  };

  return (
    <div className="kterm">
      <div ref={logRef} className="kterm-log" role="log" aria-live="polite" aria-label="Terminal output" tabIndex={0} onScroll={onLogScroll} onMouseUp={onLogMouseUp}>
        {transcript.dropped > 0 && <div className="kterm-note">… {transcript.dropped.toLocaleString('en-US')} earlier lines not shown</div>}
        {transcript.lines.length === 0 && (
          <div className="kterm-note">Type a command, e.g. kubectl get nodes. Tab completes, ↑ recalls earlier commands, Ctrl-C stops a running one.</div>
        )}
        {transcript.lines.map((line) => (
          <TranscriptLine key={line.id} line={line} />
        ))}
      </div>
      {listing && (
        <div className="kterm-completions" role="status" aria-label="Completions">
          <span className="kterm-sr-only">{listing.candidates.length} completions:</span>
          {listing.candidates.slice(0, SHOWN_COMPLETIONS).map((c) => (
            <button key={c} type="button" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={() => choose(c)}>
              {c}
            </button>
          ))}
          {listing.candidates.length > SHOWN_COMPLETIONS && <span className="kterm-note">…and {listing.candidates.length - SHOWN_COMPLETIONS} more</span>}
        </div>
      )}
      <div className="kterm-prompt-row">
        <span className="kterm-prompt" aria-hidden="true">
          $
        </span>
        <input
          ref={inputRef}
          className="kterm-input"
          aria-label="kubectl command"
          aria-describedby={keysId}
          aria-busy={busy}
          readOnly={busy}
          value={input}
          placeholder={busy ? 'running… Ctrl-C stops it' : 'kubectl get pods'}
          onChange={(e) => {
            caret.current = null;
            setInput(e.target.value);
            setListing(null);
          }}
          onKeyDown={onKeyDown}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
        />
        {busy && (
          <button type="button" className="kterm-stop" onClick={interrupt} aria-label="Stop the running command (Ctrl-C)">
            Ctrl-C
          </button>
        )}
        <span id={keysId} className="kterm-sr-only">
          Enter runs the command, Tab completes it, Up and Down arrows recall earlier commands, Control-C stops a running command. Shift+Tab leaves the terminal.
        </span>
      </div>
    </div>
  );
}

const TranscriptLine = memo(function TranscriptLine({ line }: { line: Line }) {
  const first = line.segments[0];
  const command = first?.stream === 'stdout' && first.text.startsWith('$ ');
  // A line abandoned with Ctrl-C never ran: shown, as bash does, but not like a command that did.
  const abandoned = command && line.segments[line.segments.length - 1]!.text.endsWith('^C');
  return (
    <div className={abandoned ? 'kterm-line kterm-abandoned' : command ? 'kterm-line kterm-cmd' : 'kterm-line'}>
      {line.segments.map((s, i) => (
        <span key={i} className={s.stream === 'stderr' ? 'kterm-err' : undefined}>
          {s.text}
        </span>
      ))}
    </div>
  );
});
