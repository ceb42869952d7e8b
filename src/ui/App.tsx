import { useEffect, useState } from 'react';
import type { ClusterSummary } from '../engine/protocol';
import { EngineClient } from './engineClient';

/** A first view of the simulated cluster; the full diagram, editor and terminal come next. */
export function App() {
  const [summary, setSummary] = useState<ClusterSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const client = new EngineClient();
    client
      .request({ type: 'summary' })
      .then((r) => (r.type === 'summary' ? setSummary(r.summary) : setError(r.type === 'error' ? r.message : 'unexpected reply')))
      .catch((e: unknown) => setError(String(e)));
  }, []);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: '1.5rem', maxWidth: 960 }}>
      <h1>Kubesim</h1>
      {error && <p role="alert">Engine error: {error}</p>}
      {!summary && !error && <p aria-busy="true">Starting the cluster…</p>}
      {summary && (
        <section aria-label="Cluster">
          <p>
            Cluster running: {summary.nodes.length} nodes, {summary.pods.length} pods.
          </p>
          <ul aria-label="Nodes">
            {summary.nodes.map((n) => (
              <li key={n.name}>
                {n.name} {n.controlPlane ? '(control plane)' : ''} — {n.ready ? 'Ready' : 'NotReady'}
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
