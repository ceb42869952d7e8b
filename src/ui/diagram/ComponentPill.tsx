import { memo, useEffect, useState } from 'react';
import { useCluster } from '../store';

/** How long a component stays lit after it acted (wall-clock ms). */
const LIT_MS = 900;

/**
 * True for a moment each time `component` appears in the mirror's activity. Subscribes outside
 * React's render so a busy tick re-renders only the pills that acted.
 */
export function useActivity(component: string): boolean {
  const [lit, setLit] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useCluster.subscribe((s, prev) => {
      if (s.activity === prev.activity) return;
      if (!s.activity.items.some((a) => a.component === component)) return;
      setLit(true);
      clearTimeout(timer);
      timer = setTimeout(() => setLit(false), LIT_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [component]);
  return lit;
}

/** A control-plane or node component (API server, kubelet...) that lights up when it acts. */
export const ComponentPill = memo(function ComponentPill({
  component,
  label,
  detail,
  large,
}: {
  component: string;
  label: string;
  detail?: string;
  large?: boolean;
}) {
  const lit = useActivity(component);
  return (
    <span
      className={`kd-comp${large ? ' kd-comp--large' : ''}${lit ? ' is-active' : ''}`}
      title={`${label} (${component})${lit ? ': acting now' : ''}`}
      data-component={component}
      data-active={lit}
    >
      <span className="kd-comp__led" aria-hidden="true" />
      <span className="kd-comp__label">{label}</span>
      {detail && <span className="kd-comp__detail">{detail}</span>}
    </span>
  );
});
