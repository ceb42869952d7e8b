import { useCluster } from './store';
import { useEngine } from './engineClient';

export const SPEEDS = [0.5, 1, 2, 5, 10, 20, 50] as const;
const WORKER_CHOICES = [1, 2, 3, 4, 5, 10, 20];

/** Simulated wall-clock time, as the cluster's own clock reads (UTC); tenths when paused, for stepping. */
export function formatSimTime(ms: number, tenths = false): string {
  return new Date(ms).toISOString().slice(11, tenths ? 21 : 19);
}

/** Time controls: play, pause, step, speed, the simulated clock, reset. */
export function Toolbar(props: { onReset: (workers?: number) => void; theme: 'light' | 'dark'; onTheme: (t: 'light' | 'dark') => void }) {
  const client = useEngine();
  const clock = useCluster((s) => s.clock);
  const elapsed = Math.max(0, Math.round((clock.time - clock.startedAt) / 1000));
  const speed = SPEEDS.includes(clock.speed as (typeof SPEEDS)[number]) ? clock.speed : 1;
  return (
    <div className="toolbar" role="toolbar" aria-label="Time controls">
      {clock.running ? (
        <button type="button" onClick={() => void client.pause()}>
          <Icon d="M6 4h4v16H6zM14 4h4v16h-4z" /> Pause
        </button>
      ) : (
        <button type="button" onClick={() => void client.play()}>
          <Icon d="M7 4l13 8-13 8z" /> Play
        </button>
      )}
      <button type="button" onClick={() => void client.step()} title="Jump to the next thing that happens in the cluster">
        <Icon d="M5 4l10 8-10 8zM17 4h3v16h-3z" /> Step
      </button>
      <label className="speed">
        Speed
        <select value={speed} onChange={(e) => void client.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}x
            </option>
          ))}
        </select>
      </label>
      <span className="clock" role="timer" aria-label="Simulated time" aria-live="off">
        <span className={clock.running ? 'dot running' : 'dot'} aria-hidden="true" />
        <time dateTime={new Date(clock.time).toISOString()}>{formatSimTime(clock.time, !clock.running)}</time>
        <span className="elapsed">+{formatElapsed(elapsed)}</span>
        <span className="visually-hidden">{clock.running ? 'running' : 'paused'}</span>
      </span>
      <span className="spacer" />
      <label className="speed" title="Changing the number of worker nodes starts a fresh cluster">
        Worker nodes
        <select value={clock.workers} onChange={(e) => props.onReset(Number(e.target.value))}>
          {[...new Set([...WORKER_CHOICES, clock.workers])].sort((a, b) => a - b).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => props.onReset()} title="Start again from a fresh cluster">
        <Icon d="M12 5V2L7 6l5 4V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z" /> Reset
      </button>
      <button type="button" onClick={() => props.onTheme(props.theme === 'dark' ? 'light' : 'dark')} aria-label={props.theme === 'dark' ? 'Light theme' : 'Dark theme'}>
        <span aria-hidden="true">{props.theme === 'dark' ? '☀' : '☾'}</span>
      </button>
    </div>
  );
}

function formatElapsed(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h ? `${h}h${String(m).padStart(2, '0')}m` : m ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}

/** A small inline icon (fonts may lack the media-control glyphs). */
function Icon(props: { d: string }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={props.d} fill="currentColor" />
    </svg>
  );
}
