import { memo } from 'react';
import { Handle } from '@xyflow/react';
import type { NodeHandle } from '@xyflow/react';

/**
 * The handles the layout placed, drawn where it said: xyflow measures them from the DOM when a node
 * first shows or resizes, so they must exist there. Invisible; lines just end on them.
 */
export const Handles = memo(function Handles({ list }: { list: readonly NodeHandle[] }) {
  return (
    <>
      {list.map((h) => (
        <Handle
          key={h.id ?? `${h.type}`}
          id={h.id ?? undefined}
          type={h.type}
          position={h.position}
          isConnectable={false}
          className="kd-handle"
          style={{ left: h.x, top: h.y, width: h.width ?? 1, height: h.height ?? 1 }}
        />
      ))}
    </>
  );
});
