import type { ApplyOutcome } from './useApply';

interface ApplyResultProps {
  outcome: ApplyOutcome | undefined;
  onShowLine(line: number): void;
}

/**
 * Under the editor: kubectl's errors (role="alert", each with a button to its line) and its output
 * (role="status"). Both live regions stay mounted so screen readers announce what arrives in them.
 */
export function ApplyResult({ outcome, onShowLine }: ApplyResultProps) {
  const done = outcome?.state === 'done' ? outcome : undefined;
  const errors = done?.errors ?? [];
  return (
    <div className="ks-editor__result">
      <div role="alert" aria-label="Apply errors" className={errors.length ? 'ks-editor__errors' : undefined}>
        {done && errors.length > 0 && (
          <>
            <p className="ks-editor__result-title">
              {done.output
                ? `Partly applied: ${errors.length === 1 ? 'one error' : `${errors.length} errors`} in ${done.filename}`
                : `Not applied: ${errors.length === 1 ? 'one error' : `${errors.length} errors`} in ${done.filename}`}
            </p>
            <ul className="ks-editor__error-list">
              {errors.map((e, i) => (
                <li key={i}>
                  {e.line !== undefined && (
                    <button
                      type="button"
                      className="ks-editor__line"
                      title={`Show line ${e.line} in the editor`}
                      onClick={() => onShowLine(e.line!)}
                    >
                      Line {e.line}
                    </button>
                  )}
                  <span className="ks-editor__message">{e.message}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div role="status" aria-label="Apply output" className="ks-editor__status">
        {outcome?.state === 'applying' && <p className="ks-editor__muted">Applying {outcome.filename}…</p>}
        {done?.output && <pre className="ks-editor__output">{done.output}</pre>}
      </div>
    </div>
  );
}
