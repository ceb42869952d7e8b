import { useLayoutEffect, useRef } from 'react';
import { useCluster } from '../store';
import { formatSimTime } from '../Toolbar';

/**
 * Who did what and why, newest last: the decision trace of the control plane and the kubelets. It
 * follows the newest line unless the learner has scrolled up to read.
 */
export function TracePanel() {
  const trace = useCluster((s) => s.trace);
  const shown = trace.slice(-300);
  const list = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);
  useLayoutEffect(() => {
    const el = list.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [shown]);
  return (
    <section className="trace" aria-label="What happened">
      <ol
        ref={list}
        className="mono"
        tabIndex={0}
        aria-label="Decision trace"
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {shown.map((t) => (
          <li key={t.seq}>
            <time>{formatSimTime(t.time)}</time>{' '}
            <span className="who">
              {t.component}
              {t.node ? `/${t.node}` : ''}
              {t.actor ? ` (${t.actor})` : ''}
            </span>{' '}
            {t.message}
          </li>
        ))}
      </ol>
    </section>
  );
}
