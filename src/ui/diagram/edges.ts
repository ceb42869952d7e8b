import { Position } from '@xyflow/react';
import type { Edge, NodeHandle } from '@xyflow/react';
import type { ServiceView } from '../../engine/protocol';

/**
 * Service → pod lines. Few: one line per endpoint pod, ending on its chip, dashed when the pod is not
 * ready. Many: one line per Service and node, each Service arriving at its own spot on the box's top
 * edge with its name and a count, so a trainer can still read who serves from where.
 */

export type EdgeData = {
  ready: number;
  notReady: number;
  aggregated: boolean;
  /** Aggregated edges: `web: 12 pods`. */
  label?: string;
  /** Aggregated edges: which of two heights the label sits at, so neighbours do not overlap. */
  stagger?: number;
};
export type DiagramEdge = Edge<EdgeData>;

export function podHandleId(podKey: string): string {
  return `pod:${podKey}`;
}

/** `default/kubernetes`: its endpoint is the API server itself, not a pod. */
export function isApiService(s: ServiceView): boolean {
  return s.namespace === 'default' && s.name === 'kubernetes' && s.selector === null;
}

function countLabel(name: string, c: { ready: number; notReady: number }): string {
  if (!c.notReady) return `${name}: ${c.ready} ${c.ready === 1 ? 'pod' : 'pods'}`;
  return `${name}: ${c.ready} ready, ${c.notReady} not`;
}

/**
 * @param services in display order (their order also places their arrival points on the boxes)
 * @param boxes each box's handle list (aggregated edges add their arrival handle to it) and width
 */
export function serviceEdges(
  services: readonly ServiceView[],
  boxOfPod: ReadonlyMap<string, { id: string }>,
  aggregated: boolean,
  cpId: string,
  boxes: ReadonlyMap<string, { handles: NodeHandle[]; width: number }>,
): DiagramEdge[] {
  const edges: DiagramEdge[] = [];
  const slots = services.filter((s) => !isApiService(s));
  for (const s of services) {
    if (isApiService(s)) {
      edges.push({
        id: `${s.key}->api`,
        source: s.key,
        sourceHandle: 'api',
        target: cpId,
        targetHandle: 'api',
        className: 'kd-edge kd-edge--api',
        ariaLabel: `Service ${s.name} → the API server`,
        data: { ready: 1, notReady: 0, aggregated: false },
      });
      continue;
    }
    const perBox = new Map<string, { ready: number; notReady: number }>();
    const add = (name: string, ready: boolean): void => {
      const podKey = `Pod/${s.namespace}/${name}`;
      const b = boxOfPod.get(podKey);
      if (!b) return;
      if (aggregated) {
        const c = perBox.get(b.id) ?? { ready: 0, notReady: 0 };
        if (ready) c.ready++;
        else c.notReady++;
        perBox.set(b.id, c);
        return;
      }
      edges.push({
        id: `${s.key}->${podKey}`,
        source: s.key,
        sourceHandle: 'out',
        target: b.id,
        targetHandle: podHandleId(podKey),
        className: ready ? 'kd-edge kd-edge--ready' : 'kd-edge kd-edge--notready',
        ariaLabel: `Service ${s.name} → pod ${name}${ready ? '' : ' (not ready)'}`,
        zIndex: 1000,
        data: { ready: ready ? 1 : 0, notReady: ready ? 0 : 1, aggregated: false },
      });
    };
    for (const n of s.endpoints.ready) add(n, true);
    for (const n of s.endpoints.notReady) add(n, false);
    const slot = slots.indexOf(s);
    const handleId = `in:${s.key}`;
    for (const [boxId, c] of perBox) {
      const b = boxes.get(boxId);
      if (b && !b.handles.some((h) => h.id === handleId)) {
        const x = Math.round((b.width * (slot + 1)) / (slots.length + 1));
        b.handles.push({
          id: handleId,
          type: 'target',
          position: Position.Top,
          x: x - 1,
          y: 0,
          width: 2,
          height: 2,
        });
      }
      edges.push({
        id: `${s.key}->${boxId}`,
        type: 'count',
        source: s.key,
        sourceHandle: 'out',
        target: boxId,
        targetHandle: handleId,
        className: `kd-edge kd-edge--aggregated ${c.ready ? 'kd-edge--ready' : 'kd-edge--notready'}`,
        ariaLabel: `Service ${countLabel(s.name, c)} on ${boxId.split('/').pop() ?? boxId}`,
        data: {
          ready: c.ready,
          notReady: c.notReady,
          aggregated: true,
          label: countLabel(s.name, c),
          stagger: slot % 2,
        },
      });
    }
  }
  return edges;
}
