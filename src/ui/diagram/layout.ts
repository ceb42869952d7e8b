import { Position } from '@xyflow/react';
import type { Node, NodeHandle } from '@xyflow/react';
import type { NodeView, ObjectView, ServiceView } from '../../engine/protocol';
import {
  BOX_PAD,
  BOX_W,
  CP_COMPONENTS_H,
  chooseDensity,
  layoutArea,
  NODE_HEADER_H,
  PENDING_EMPTY_H,
  PENDING_HEADER_H,
} from './geometry';
import type { AreaItem, Density } from './geometry';
import { isApiService, podHandleId, serviceEdges } from './edges';
import type { DiagramEdge } from './edges';
import { buildModel } from './model';

/**
 * The cluster view as a pure function of the mirror: one xyflow node per cluster node (pods drawn
 * inside as chips), one for the pending area, one per Service, and Service → pod edges (or Service →
 * node edges with a count when there would be too many lines to read).
 */

export type BoxData = {
  /** Null only for a control plane drawn without a Node object (never in the default cluster). */
  node: NodeView | null;
  controlPlane: boolean;
  items: AreaItem[];
  density: Density;
  podCount: number;
  hiddenSystem: number;
  /** Top of the pod area inside the box. */
  areaTop: number;
  handles: NodeHandle[];
};

export type PendingData = {
  items: AreaItem[];
  density: Density;
  podCount: number;
  hiddenSystem: number;
  /** Distinct reasons the scheduler gave, most frequent first. */
  reasons: string[];
  areaTop: number;
  handles: NodeHandle[];
};

export type ServiceData = { service: ServiceView; handles: NodeHandle[] };

export type BoxNode = Node<BoxData, 'box'>;
export type PendingNode = Node<PendingData, 'pending'>;
export type ServiceNode = Node<ServiceData, 'service'>;
export type ClusterNode = BoxNode | PendingNode | ServiceNode;

export interface ClusterGraph {
  nodes: ClusterNode[];
  edges: DiagramEdge[];
  density: Density;
  /** Service edges go to node boxes (with counts) rather than to each pod. */
  aggregated: boolean;
}

export interface ClusterLayoutOptions {
  showSystem: boolean;
  /** Open pod groups (grouped density), by PodGroup id. */
  expanded: ReadonlySet<string>;
}

export const SERVICE_W = 250;
export const SERVICE_H = 96;
const GAP_X = 48;
const GAP_Y = 96;
const SERVICE_GAP = 28;
/** More Service → pod lines than this and they go to the node boxes instead, with a count. */
export const MAX_POD_EDGES = 40;

export const PENDING_ID = 'pending';
export const CONTROL_PLANE_ID = 'control-plane';

function workerColumns(n: number): number {
  return n <= 5 ? Math.max(1, n) : Math.ceil(Math.sqrt(n * 1.5));
}

const boxHandles = (w: number): NodeHandle[] => [
  { id: 'in', type: 'target', position: Position.Top, x: w / 2 - 1, y: 0, width: 2, height: 2 },
];

export function layoutCluster(
  views: ReadonlyMap<string, ObjectView>,
  options: ClusterLayoutOptions,
): ClusterGraph {
  const m = buildModel(views, options.showSystem);
  let maxPerBox = m.pending.length;
  for (const list of m.podsByNode.values()) maxPerBox = Math.max(maxPerBox, list.length);
  const density = chooseDensity(maxPerBox, m.pods.size);

  // Service → pod pairs: few enough to draw each one?
  let podEdgeCount = 0;
  for (const s of m.services) podEdgeCount += s.endpoints.ready.length + s.endpoints.notReady.length;
  const aggregated = density === 'group' || podEdgeCount > MAX_POD_EDGES;
  const edgePods = new Set<string>();
  if (!aggregated)
    for (const s of m.services)
      for (const n of [...s.endpoints.ready, ...s.endpoints.notReady])
        edgePods.add(`Pod/${s.namespace}/${n}`);

  const nodes: ClusterNode[] = [];
  const boxOfPod = new Map<string, { id: string; x: number }>();
  const boxHandleLists = new Map<string, NodeHandle[]>();

  const box = (id: string, node: NodeView | null, controlPlane: boolean, x: number, y: number): BoxNode => {
    const pods = node ? (m.podsByNode.get(node.name) ?? []) : [];
    const area = layoutArea(pods, density, id, options.expanded);
    const areaTop = (controlPlane ? CP_COMPONENTS_H : 0) + NODE_HEADER_H;
    const height = areaTop + area.height + BOX_PAD;
    const handles = boxHandles(BOX_W);
    if (controlPlane)
      handles.push({
        id: 'api',
        type: 'target',
        position: Position.Bottom,
        x: BOX_W / 2 - 1,
        y: height - 2,
        width: 2,
        height: 2,
      });
    for (const p of pods) boxOfPod.set(p.key, { id, x: x + BOX_W / 2 });
    boxHandleLists.set(id, handles);
    for (const it of area.items) {
      if (it.type !== 'pod') continue;
      boxOfPod.set(it.pod.key, { id, x: x + BOX_PAD + it.x + it.w / 2 });
      if (edgePods.has(it.pod.key)) {
        handles.push({
          id: podHandleId(it.pod.key),
          type: 'target',
          position: Position.Top,
          x: BOX_PAD + it.x,
          y: areaTop + it.y,
          width: it.w,
          height: 2,
        });
      }
    }
    const data: BoxData = {
      node,
      controlPlane,
      items: area.items,
      density,
      podCount: pods.length,
      hiddenSystem: node ? (m.hiddenByNode.get(node.name) ?? 0) : 0,
      areaTop,
      handles,
    };
    return {
      id,
      type: 'box',
      position: { x, y },
      width: BOX_W,
      height,
      measured: { width: BOX_W, height },
      handles,
      data,
    };
  };

  // Row 0: the control plane, then the pending area.
  let x = 0;
  let row0H = 0;
  const cps: Array<NodeView | null> = m.controlPlanes.length ? m.controlPlanes : [null];
  for (const cp of cps) {
    const b = box(cp ? cp.key : CONTROL_PLANE_ID, cp, true, x, 0);
    nodes.push(b);
    row0H = Math.max(row0H, b.height ?? 0);
    x += BOX_W + GAP_X;
  }
  const pendingArea = layoutArea(m.pending, density, PENDING_ID, options.expanded);
  const reasonCounts = new Map<string, number>();
  for (const p of m.pending)
    if (p.unschedulable) reasonCounts.set(p.unschedulable, (reasonCounts.get(p.unschedulable) ?? 0) + 1);
  // An empty pending area is just its title and a line saying so.
  const pendingH = m.pending.length ? PENDING_HEADER_H + pendingArea.height + BOX_PAD : PENDING_EMPTY_H;
  nodes.push({
    id: PENDING_ID,
    type: 'pending',
    position: { x, y: 0 },
    width: BOX_W,
    height: pendingH,
    measured: { width: BOX_W, height: pendingH },
    handles: [],
    data: {
      items: m.pending.length ? pendingArea.items : [],
      density,
      podCount: m.pending.length,
      hiddenSystem: m.hiddenPending,
      reasons: [...reasonCounts].sort((a, b) => b[1] - a[1]).map(([r]) => r),
      areaTop: PENDING_HEADER_H,
      handles: [],
    },
  });
  row0H = Math.max(row0H, pendingH);
  const row0W = x + BOX_W;

  // Worker grid (placed before the services so their order can follow the pods' positions).
  const cols = workerColumns(m.workers.length);
  const gridW = cols * BOX_W + (cols - 1) * GAP_X;
  const serviceRows = layoutServiceRows(m.services.length, Math.max(gridW, row0W));
  const servicesH = serviceRows.length
    ? serviceRows.length * (SERVICE_H + SERVICE_GAP) - SERVICE_GAP + GAP_Y
    : 0;
  const gridTop = row0H + GAP_Y + servicesH;
  let rowTop = gridTop;
  let rowH = 0;
  m.workers.forEach((w, i) => {
    const col = i % cols;
    if (col === 0 && i > 0) {
      rowTop += rowH + GAP_Y / 2;
      rowH = 0;
    }
    const b = box(w.key, w, false, col * (BOX_W + GAP_X), rowTop);
    nodes.push(b);
    rowH = Math.max(rowH, b.height ?? 0);
  });

  // Services between the control plane and the workers, ordered by where their pods are.
  const cpId = nodes[0]?.id ?? CONTROL_PLANE_ID;
  const centroid = (s: ServiceView): number => {
    const xs = [...s.endpoints.ready, ...s.endpoints.notReady]
      .map((n) => boxOfPod.get(`Pod/${s.namespace}/${n}`)?.x)
      .filter((v): v is number => v !== undefined);
    return xs.length
      ? xs.reduce((a, b) => a + b, 0) / xs.length
      : isApiService(s)
        ? BOX_W / 2
        : Number.MAX_SAFE_INTEGER;
  };
  const ordered = m.services
    .map((s) => ({ s, c: centroid(s) }))
    .sort((a, b) => a.c - b.c || (a.s.key < b.s.key ? -1 : 1));
  const totalW = Math.max(gridW, row0W);
  let si = 0;
  serviceRows.forEach((count, r) => {
    const rowW = count * SERVICE_W + (count - 1) * SERVICE_GAP;
    const left = (totalW - rowW) / 2;
    for (let j = 0; j < count; j++, si++) {
      const s = (ordered[si] as { s: ServiceView }).s;
      const handles: NodeHandle[] = [
        {
          id: 'out',
          type: 'source',
          position: Position.Bottom,
          x: SERVICE_W / 2 - 1,
          y: SERVICE_H - 2,
          width: 2,
          height: 2,
        },
        {
          id: 'api',
          type: 'source',
          position: Position.Top,
          x: SERVICE_W / 2 - 1,
          y: 0,
          width: 2,
          height: 2,
        },
      ];
      nodes.push({
        id: s.key,
        type: 'service',
        position: {
          x: left + j * (SERVICE_W + SERVICE_GAP),
          y: row0H + GAP_Y + r * (SERVICE_H + SERVICE_GAP),
        },
        width: SERVICE_W,
        height: SERVICE_H,
        measured: { width: SERVICE_W, height: SERVICE_H },
        handles,
        data: { service: s, handles },
      });
    }
  });

  const edges = serviceEdges(
    ordered.map((o) => o.s),
    boxOfPod,
    aggregated,
    cpId,
    boxHandleLists,
  );
  return { nodes, edges, density, aggregated };
}

function layoutServiceRows(n: number, width: number): number[] {
  const perRow = Math.max(1, Math.floor((width + SERVICE_GAP) / (SERVICE_W + SERVICE_GAP)));
  const rows: number[] = [];
  for (let left = n; left > 0; left -= perRow) rows.push(Math.min(perRow, left));
  return rows;
}
