import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { WorkloadView } from '../../engine/protocol';
import { useCluster } from '../store';
import { objectHandlers, useDiagram } from './context';
import type { PodGroupNode, PodNode, WorkloadNode } from './ownership';
import { POD_H, POD_W } from './ownership';
import { Handles } from './Handles';
import { PodArea } from './PodArea';
import { PodChip } from './PodChip';

/** The xyflow node types of the ownership view: a workload, a single pod, a box of pods. */

function summary(w: WorkloadView): string {
  switch (w.kind) {
    case 'Deployment':
      return `${w.ready}/${w.desired} ready · ${w.updated} up-to-date · ${w.available} available`;
    case 'ReplicaSet':
      return `${w.ready}/${w.desired} ready · ${w.current} current`;
    case 'DaemonSet':
      return `${w.ready}/${w.desired} ready · one per node`;
    default:
      return `${w.ready}/${w.desired} ready`;
  }
}

/** The last line: the revision and the image, or what went wrong. */
function detail(w: WorkloadView): string {
  if (w.progress === 'ProgressDeadlineExceeded') return 'ProgressDeadlineExceeded';
  const rev = w.revision && w.kind !== 'DaemonSet' ? `revision ${w.revision} · ` : '';
  return `${rev}${w.images.join(', ')}`;
}

/** Reads what the box shows, in the same order (then the namespace). */
function workloadLabel(w: WorkloadView): string {
  return `${w.kind} ${w.name}: ${summary(w)}, ${detail(w)}${w.namespace !== 'default' ? `, namespace ${w.namespace}` : ''}`;
}

export const WorkloadBox = memo(function WorkloadBox({ data }: NodeProps<WorkloadNode>) {
  const w = data.workload;
  const cb = useDiagram();
  const selected = useCluster((s) => s.selected === w.key);
  const highlighted = useCluster((s) => s.highlighted.has(w.key));
  const stuck = w.progress === 'ProgressDeadlineExceeded';
  const healthy = w.ready >= w.desired;
  const cls = `kd-wl kd-wl--${w.kind.toLowerCase()}${w.desired === 0 ? ' is-idle' : ''}${selected ? ' is-selected' : ''}${highlighted ? ' is-highlighted' : ''}`;
  return (
    <>
      <Handles list={data.handles} />
      <button
        type="button"
        className={cls}
        aria-label={highlighted ? `${workloadLabel(w)}, highlighted by the lesson` : workloadLabel(w)}
        title={workloadLabel(w)}
        {...objectHandlers(cb, w.key)}
      >
        <span className="kd-wl__top">
          <span className="kd-tag">{w.kind}</span> <span className="kd-wl__name">{w.name}</span>
        </span>{' '}
        <span className={`kd-wl__line ${stuck ? 'kd-bad' : healthy ? 'kd-ok' : 'kd-warn'}`}>
          {summary(w)}
        </span>{' '}
        <span className={`kd-wl__line ${stuck ? 'kd-bad' : 'kd-muted'}`}>{detail(w)}</span>
      </button>
    </>
  );
});

export const PodBox = memo(function PodBox({ data }: NodeProps<PodNode>) {
  return (
    <div className="kd-area kd-area--single">
      <Handles list={data.handles} />
      <PodChip pod={data.pod} x={0} y={0} w={POD_W} h={POD_H} card tabbable index={0} showNode />
    </div>
  );
});

export const PodGroupBox = memo(function PodGroupBox({ data }: NodeProps<PodGroupNode>) {
  return (
    <>
      <Handles list={data.handles} />
      <div
        className="kd-box kd-box--pods"
        role="group"
        aria-label={`${data.title}: ${data.podCount} ${data.podCount === 1 ? 'pod' : 'pods'}`}
      >
        <div className="kd-box__titlerow kd-box__titlerow--pods">
          <span className="kd-box__title">{data.title}</span>
          <span className="kd-badge kd-badge--muted">{data.podCount}</span>
        </div>
        <PodArea items={data.items} top={data.areaTop} where="" emptyText="No pods" />
      </div>
    </>
  );
});
