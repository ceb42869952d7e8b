import { useDeferredValue, useMemo, useState } from 'react';
import type { EventView } from '../../engine/protocol';
import { useCluster, viewsOfKind } from '../store';

const SHOWN = 300;

/** The cluster's events as they happen, newest first, filterable by type and text. */
export function EventsFeed() {
  const views = useCluster((s) => s.views);
  const now = useCluster((s) => s.clock.time);
  const [type, setType] = useState<'All' | 'Normal' | 'Warning'>('All');
  const [text, setText] = useState('');
  const query = useDeferredValue(text.trim().toLowerCase());
  const events = useMemo(() => {
    const all = viewsOfKind(views, 'Event').sort((a, b) => b.lastSeen - a.lastSeen || (a.key < b.key ? 1 : -1));
    return all.filter((e) => (type === 'All' || e.type === type) && (!query || matches(e, query)));
  }, [views, type, query]);
  return (
    <section className="events" aria-label="Cluster events">
      <div className="filters">
        <label>
          Type{' '}
          <select value={type} onChange={(e) => setType(e.target.value as typeof type)}>
            <option>All</option>
            <option>Normal</option>
            <option>Warning</option>
          </select>
        </label>
        <label>
          Filter <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="reason, object, message" />
        </label>
        <span className="count" aria-live="polite">
          {events.length} event{events.length === 1 ? '' : 's'}
        </span>
      </div>
      <div className="table-wrap" tabIndex={0} aria-label="Event list">
        <table>
          <thead>
            <tr>
              <th scope="col">Last seen</th>
              <th scope="col">Type</th>
              <th scope="col">Reason</th>
              <th scope="col">Object</th>
              <th scope="col">Source</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {events.slice(0, SHOWN).map((e) => (
              <tr key={e.key} className={e.type === 'Warning' ? 'warning' : undefined}>
                <td>{ago(now - e.lastSeen)}{e.count > 1 ? ` (x${e.count})` : ''}</td>
                <td>{e.type}</td>
                <td>{e.reason}</td>
                <td className="mono">
                  {e.objectNamespace && e.objectNamespace !== 'default' ? `${e.objectNamespace}/` : ''}
                  {e.object}
                </td>
                <td>{e.source}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function matches(e: EventView, q: string): boolean {
  return `${e.reason} ${e.object} ${e.message} ${e.source} ${e.objectNamespace}`.toLowerCase().includes(q);
}

/** kubectl's short ages: 5s, 3m, 2h. */
export function ago(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h`;
}
