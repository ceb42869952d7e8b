import { useCluster } from '../store';
import { formatSimTime } from '../Toolbar';

/** Who did what and why, newest last: the decision trace of the control plane and the kubelets. */
export function TracePanel() {
  const trace = useCluster((s) => s.trace);
  const shown = trace.slice(-200);
  return (
    <section className="trace" aria-label="What happened">
      <ol className="mono" tabIndex={0} aria-label="Decision trace">
        {shown.map((t) => (
          <li key={t.seq}>
            <time>{formatSimTime(t.time)}</time> <span className={`who c-${t.component}`}>{t.component}{t.node ? `/${t.node}` : ''}{t.actor ? ` (${t.actor})` : ''}</span>{' '}
            {t.message}
          </li>
        ))}
      </ol>
    </section>
  );
}
