import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath } from '@xyflow/react';
import type { Edge, EdgeProps } from '@xyflow/react';
import type { EdgeData } from './edges';

/** An aggregated Service → node line, its count written just above where it arrives. */
export const CountEdge = memo(function CountEdge(props: EdgeProps<Edge<EdgeData, 'count'>>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, data } = props;
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const lift = 8 + (data?.stagger ?? 0) * 24;
  return (
    <>
      <BaseEdge path={path} markerEnd={markerEnd} />
      {data?.label && (
        <EdgeLabelRenderer>
          <div
            className={`kd-edge-label${data.ready ? '' : ' is-notready'}`}
            style={{ transform: `translate(-50%, -100%) translate(${targetX}px, ${targetY - lift}px)` }}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
