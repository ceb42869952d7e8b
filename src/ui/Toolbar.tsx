import { useCluster } from './store';
import { useEngine } from './engineClient';

export const SPEEDS = [0.5, 1, 2, 5, 10, 20, 50] as const;

/** Simulated wall-clock time, as the cluster's own clock reads (UTC). */
export function formatSimTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** Time controls: play, pause, step, speed, the simulated clock, reset. */
export function Toolbar(props: { onReset: () => void; theme: 'light' | 'dark'; onTheme: (t: 'light' | 'dark') => void }) {
  const client = useEngine();
  const clock = useCluster((s) => s.clock);
  const elapsed = Math.max(0, Math.round((clock.time - clock.startedAt) / 1000));
  const speed = SPEEDS.includes(clock.speed as (typeof SPEEDS)[number]) ? clock.speed : 1;
  return (
    <div className="toolbar" role="toolbar" aria-label="Time controls">
      {clock.running ? (
        <button type="button" onClick={() => void client.pause()}>
          <span aria-hidden="true">⏸</span> Pause
        </button>
      ) : (
        <button type="button" onClick={() => void client.play()}>
          <span aria-hidden="true">▶</span> Play
        </button>
      )}
      <button type="button" onClick={() => void client.step()} title="Jump to the next thing that happens in the cluster">
        <span aria-hidden="true">⏭</span> Step
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
        <time dateTime={new Date(clock.time).toISOString()}>{formatSimTime(clock.time)}</time>
        <span className="elapsed">+{formatElapsed(elapsed)}</span>
        <span className="visually-hidden">{clock.running ? 'running' : 'paused'}</span>
      </span>
      <span className="spacer" />
      <button type="button" onClick={props.onReset} title="Start again from a fresh default cluster">
        <span aria-hidden="true">↺</span> Reset
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
