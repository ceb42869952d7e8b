import { useCallback, useMemo, useRef, useState } from 'react';
import type { ManifestError, OutputChunk } from '../../engine/protocol';
import { useEngine } from '../engineClient';
import { useEditorTabs } from './tabs';

/** What the last `kubectl apply -f` of a tab did. */
export type ApplyOutcome =
  | { state: 'applying'; filename: string }
  | {
      state: 'done';
      filename: string;
      exitCode: number;
      /** What kubectl printed that is not an error (`deployment.apps/web created`, warnings). */
      output: string;
      /** The errors, at their line when known; empty on success. */
      errors: ManifestError[];
    };

/** kubectl's output as the status shows it: everything on success, stdout only when it failed
 *  (its stderr is what `errors` lists). */
export function statusText(chunks: readonly OutputChunk[], exitCode: number): string {
  return chunks
    .filter((c) => exitCode === 0 || c.stream === 'stdout')
    .map((c) => c.text)
    .join('')
    .trimEnd();
}

/** A failure the engine did not place: each stderr line as an error without a line. */
export function fallbackErrors(chunks: readonly OutputChunk[]): ManifestError[] {
  return chunks
    .filter((c) => c.stream === 'stderr')
    .flatMap((c) => c.text.split('\n'))
    .filter((l) => l.trim() !== '')
    .map((message) => ({ message }));
}

/**
 * Applies the shown tab through the engine (`kubectl apply -f FILENAME`, which also echoes in the
 * terminal), one apply per tab at a time, and keeps each tab's last outcome for the panel.
 */
export function useApply() {
  const client = useEngine();
  const [outcomes, setOutcomes] = useState<Readonly<Record<string, ApplyOutcome>>>({});
  const busy = useRef(new Set<string>());

  const apply = useCallback(async () => {
    const { tabs, activeId } = useEditorTabs.getState();
    const tab = tabs.find((t) => t.id === activeId);
    if (!tab || busy.current.has(tab.id)) return;
    busy.current.add(tab.id);
    const set = (o: ApplyOutcome) => setOutcomes((all) => ({ ...all, [tab.id]: o }));
    set({ state: 'applying', filename: tab.filename });
    try {
      const { result, errors } = await client.apply(tab.filename, tab.text);
      set({
        state: 'done',
        filename: tab.filename,
        exitCode: result.exitCode,
        output: statusText(result.output, result.exitCode),
        errors: errors.length || result.exitCode === 0 ? errors : fallbackErrors(result.output),
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      set({
        state: 'done',
        filename: tab.filename,
        exitCode: 1,
        output: '',
        errors: [{ message: `The simulated cluster did not answer: ${message}` }],
      });
    } finally {
      busy.current.delete(tab.id);
    }
  }, [client]);

  // The markers per tab change only when an outcome does, so the editor re-marks only then.
  const problems = useMemo(() => {
    const out: Record<string, ManifestError[]> = {};
    for (const [id, o] of Object.entries(outcomes))
      if (o.state === 'done' && o.errors.length) out[id] = o.errors;
    return out;
  }, [outcomes]);

  return { apply, outcomes, problems };
}
