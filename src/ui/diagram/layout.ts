import { Position } from '@xyflow/react';
import type { Node, NodeHandle } from '@xyflow/react';
import type { NodeView, ObjectView, ServiceView } from '../../engine/protocol';
import {
  BADGE_ROW_H,
  BOX_PAD,
  CP_COMPONENTS_H,
  chooseDensity,
  innerWidth,
  layoutArea,
  NARROW_MAX_PODS,
  NARROW_W,
  PENDING_NARROW_W,
  NODE_HEADER_H,
  PENDING_EMPTY_H,
  PENDING_HEADER_H,
  WIDE_W,
} from './geometry';
import type { AreaItem, Density } from './geometry';
import { isApiService, podHandleId, serviceEdges } from './edges';
import type { DiagramEdge } from './edges';
import { buildModel } from './model';
import { shownTaints } from './status';

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
  /** The node has SchedulingDisabled or taints to show, on a row of their own. */
  badges: boolean;
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
const GAP_Y = 80;
const SERVICE_GAP = 24;
/** More Service → pod lines than this and they go to the node boxes instead, with a count. */
export const MAX_POD_EDGES = 40;

export const PENDING_ID = 'pending';
export const CONTROL_PLANE_ID = 'control-plane';

function workerColumns(n: number): number {
  return n <= 5 ? Math.max(1, n) : Math.ceil(Math.sqrt(n * 1.5));
}

const size = (width: number, height: number) => ({ width, height, measured: { width, height } });

/**
 * Row 0: the control plane, the Services, the pending area. Below: the workers in a grid. Services sit
 * between the control plane (the API server answers `kubernetes`) and the pods they send traffic to.
 */
export function layoutCluster(
  views: ReadonlyMap<string, ObjectView>,
  options: ClusterLayoutOptions,
): ClusterGraph {
  const m = buildModel(views, options.showSystem);
  let maxPerWorker = 0;
  for (const w of m.workers) maxPerWorker = Math.max(maxPerWorker, m.podsByNode.get(w.name)?.length ?? 0);
  let maxPerBox = Math.max(maxPerWorker, m.pending.length);
  for (const cp of m.controlPlanes) maxPerBox = Math.max(maxPerBox, m.podsByNode.get(cp.name)?.length ?? 0);
  const density = chooseDensity(maxPerBox, m.pods.size);
  const narrow = density === 'card' && maxPerWorker <= NARROW_MAX_PODS;
  const workerW = narrow ? NARROW_W : WIDE_W;

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
  const boxes = new Map<string, { handles: NodeHandle[]; width: number }>();

  const box = (
    id: string,
    node: NodeView | null,
    controlPlane: boolean,
    x: number,
    y: number,
    w: number,
  ): BoxNode => {
    const pods = node ? (m.podsByNode.get(node.name) ?? []) : [];
    const area = layoutArea(pods, density, id, options.expanded, innerWidth(w));
    const badges = node !== null && (node.unschedulable || shownTaints(node).length > 0);
    const areaTop = (controlPlane ? CP_COMPONENTS_H : 0) + NODE_HEADER_H + (badges ? BADGE_ROW_H : 0);
    const height = areaTop + area.height + BOX_PAD;
    const handles: NodeHandle[] = [
      { id: 'in', type: 'target', position: Position.Top, x: w / 2 - 1, y: 0, width: 2, height: 2 },
    ];
    if (controlPlane)
      handles.push({
        id: 'api',
        type: 'target',
        position: Position.Right,
        x: w - 2,
        y: CP_COMPONENTS_H / 2,
        width: 2,
        height: 2,
      });
    boxes.set(id, { handles, width: w });
    for (const p of pods) boxOfPod.set(p.key, { id, x: x + w / 2 });
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
    const hiddenSystem = node ? (m.hiddenByNode.get(node.name) ?? 0) : 0;
    const data: BoxData = {
      node,
      controlPlane,
      items: area.items,
      density,
      podCount: pods.length,
      hiddenSystem,
      badges,
      areaTop,
      handles,
    };
    return { id, type: 'box', position: { x, y }, ...size(w, height), handles, data };
  };

  // Row 0, left: the control plane.
  let x = 0;
  let row0H = 0;
  const cps: Array<NodeView | null> = m.controlPlanes.length ? m.controlPlanes : [null];
  for (const cp of cps) {
    const b = box(cp ? cp.key : CONTROL_PLANE_ID, cp, true, x, 0, WIDE_W);
    nodes.push(b);
    row0H = Math.max(row0H, b.height ?? 0);
    x += WIDE_W + GAP_X;
  }
  const cpId = nodes[0]?.id ?? CONTROL_PLANE_ID;
  const cpRight = x;

  // Row 0, middle: a block of Services as wide as the workers leave room for (at least one column).
  const cols = workerColumns(m.workers.length);
  const gridW = cols * workerW + (cols - 1) * GAP_X;
  const pendingW = density === 'card' && m.pending.length <= NARROW_MAX_PODS ? PENDING_NARROW_W : WIDE_W;
  const room = gridW - cpRight - pendingW - GAP_X;
  const nSvc = m.services.length;
  const perRow =
    nSvc === 0
      ? 0
      : Math.min(
          nSvc,
          Math.max(
            Math.floor((room + SERVICE_GAP) / (SERVICE_W + SERVICE_GAP)),
            Math.ceil(Math.sqrt(nSvc / 2)),
          ),
        );
  const svcRows = perRow ? Math.ceil(nSvc / perRow) : 0;
  const svcW = perRow ? perRow * (SERVICE_W + SERVICE_GAP) - SERVICE_GAP : 0;
  const svcH = svcRows ? svcRows * (SERVICE_H + SERVICE_GAP) - SERVICE_GAP : 0;
  row0H = Math.max(row0H, svcH);

  // Row 0, right: the pending area.
  const pendingX = cpRight + (svcW ? svcW + GAP_X : 0);
  const pendingArea = layoutArea(m.pending, density, PENDING_ID, options.expanded, innerWidth(pendingW));
  const reasonCounts = new Map<string, number>();
  for (const p of m.pending)
    if (p.unschedulable) reasonCounts.set(p.unschedulable, (reasonCounts.get(p.unschedulable) ?? 0) + 1);
  // An empty pending area is just its title and a line saying so.
  const pendingH = m.pending.length ? PENDING_HEADER_H + pendingArea.height + BOX_PAD : PENDING_EMPTY_H;
  nodes.push({
    id: PENDING_ID,
    type: 'pending',
    position: { x: pendingX, y: 0 },
    ...size(pendingW, pendingH),
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
  const row0W = pendingX + pendingW;

  // The workers, centred under row 0.
  const gridLeft = Math.max(0, Math.round((row0W - gridW) / 2));
  let rowTop = row0H + GAP_Y;
  let rowH = 0;
  m.workers.forEach((w, i) => {
    const col = i % cols;
    if (col === 0 && i > 0) {
      rowTop += rowH + GAP_Y / 2;
      rowH = 0;
    }
    const b = box(w.key, w, false, gridLeft + col * (workerW + GAP_X), rowTop, workerW);
    nodes.push(b);
    rowH = Math.max(rowH, b.height ?? 0);
  });

  // Services in the order of where their pods are, `kubernetes` next to the control plane.
  const centroid = (s: ServiceView): number => {
    if (isApiService(s)) return -Infinity;
    const xs = [...s.endpoints.ready, ...s.endpoints.notReady]
      .map((n) => boxOfPod.get(`Pod/${s.namespace}/${n}`)?.x)
      .filter((v): v is number => v !== undefined);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.MAX_SAFE_INTEGER;
  };
  const ordered = m.services
    .map((s) => ({ s, c: centroid(s) }))
    .sort((a, b) => a.c - b.c || (a.s.key < b.s.key ? -1 : 1))
    .map((o) => o.s);
  ordered.forEach((s, i) => {
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
      { id: 'api', type: 'source', position: Position.Left, x: 0, y: SERVICE_H / 2 - 1, width: 2, height: 2 },
    ];
    const position = {
      x: cpRight + (i % perRow) * (SERVICE_W + SERVICE_GAP),
      y: Math.floor(i / perRow) * (SERVICE_H + SERVICE_GAP),
    };
    nodes.push({
      id: s.key,
      type: 'service',
      position,
      ...size(SERVICE_W, SERVICE_H),
      handles,
      data: { service: s, handles },
    });
  });

  const edges = serviceEdges(ordered, boxOfPod, aggregated, cpId, boxes);
  return { nodes, edges, density, aggregated };
}
