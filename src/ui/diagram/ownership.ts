import { Position } from '@xyflow/react';
import type { Node, NodeHandle } from '@xyflow/react';
import type { ObjectView, PodView, WorkloadView } from '../../engine/protocol';
import { BOX_PAD, CARD, comparePods, innerWidth, layoutArea, WIDE_W } from './geometry';
import type { AreaItem, Density } from './geometry';
import type { DiagramEdge } from './edges';
import { buildModel } from './model';

/**
 * The ownership view: Deployment → ReplicaSets (newest revision first) → Pods, DaemonSet and
 * StatefulSet → Pods, and the pods no controller owns. A pure function of the mirror, like the
 * cluster view. An owner with few pods gets one node per pod (one line each, as a learner draws it);
 * one with many gets a box of chips.
 */

export type WorkloadData = { workload: WorkloadView; podCount: number; handles: NodeHandle[] };
export type PodData = { pod: PodView; handles: NodeHandle[] };
export type PodGroupData = {
  title: string;
  items: AreaItem[];
  density: Density;
  podCount: number;
  areaTop: number;
  handles: NodeHandle[];
};

export type WorkloadNode = Node<WorkloadData, 'workload'>;
export type PodNode = Node<PodData, 'pod'>;
export type PodGroupNode = Node<PodGroupData, 'podGroup'>;
export type OwnershipNode = WorkloadNode | PodNode | PodGroupNode;

export interface OwnershipGraph {
  nodes: OwnershipNode[];
  edges: DiagramEdge[];
}

export const WORKLOAD_W = 300;
export const WORKLOAD_H = 100;
export const POD_W = 230;
export const POD_H = CARD.h;
const COL_GAP = 110;
const ROW_GAP = 14;
const BLOCK_GAP = 48;
export const GROUP_HEADER_H = 40;
/** An owner with more pods than this gets a box of chips instead of a node per pod. */
export const MAX_POD_NODES = 6;

const COL_X = [0, WORKLOAD_W + COL_GAP, 2 * (WORKLOAD_W + COL_GAP)] as const;

const handles = (w: number, h: number): NodeHandle[] => [
  { id: 'in', type: 'target', position: Position.Left, x: 0, y: h / 2 - 1, width: 2, height: 2 },
  { id: 'out', type: 'source', position: Position.Right, x: w - 2, y: h / 2 - 1, width: 2, height: 2 },
];

function ownedBy(pods: Iterable<PodView>): Map<string, PodView[]> {
  const m = new Map<string, PodView[]>();
  for (const p of pods) {
    const k = p.owner ? `${p.namespace}/${p.owner.kind}/${p.owner.name}` : '';
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(p);
  }
  for (const list of m.values()) list.sort(comparePods);
  return m;
}

const ownerKey = (w: WorkloadView): string => `${w.namespace}/${w.kind}/${w.name}`;

function revisionOf(w: WorkloadView): number {
  const n = Number(w.revision);
  return Number.isFinite(n) ? n : 0;
}

export function layoutOwnership(
  views: ReadonlyMap<string, ObjectView>,
  showSystem: boolean,
  expanded: ReadonlySet<string>,
): OwnershipGraph {
  const m = buildModel(views, showSystem);
  const podsOf = ownedBy(m.pods.values());
  const workloadKeys = new Set(m.workloads.map(ownerKey));
  const rsOf = new Map<string, WorkloadView[]>();
  for (const w of m.workloads) {
    if (w.kind !== 'ReplicaSet' || !w.owner) continue;
    const k = `${w.namespace}/${w.owner.kind}/${w.owner.name}`;
    if (!workloadKeys.has(k)) continue;
    const list = rsOf.get(k) ?? [];
    list.push(w);
    rsOf.set(k, list);
  }
  for (const list of rsOf.values())
    list.sort((a, b) => revisionOf(b) - revisionOf(a) || (a.name < b.name ? -1 : 1));

  const nodes: OwnershipNode[] = [];
  const edges: DiagramEdge[] = [];
  const name = (key: string): string =>
    key.replace(/^(group:)?(\w+)\/[^/]*\/(.*)$/, (_, g: string | undefined, kind: string, n: string) =>
      g ? `the pods of ${kind} ${n}` : `${kind} ${n}`,
    );
  const link = (from: string, to: string): void => {
    edges.push({
      id: `${from}->${to}`,
      source: from,
      sourceHandle: 'out',
      target: to,
      targetHandle: 'in',
      className: 'kd-edge kd-edge--owner',
      ariaLabel: `${name(from)} owns ${name(to)}`,
      data: { ready: 1, notReady: 0, aggregated: false },
    });
  };

  /** Places pods at column 2 from y; returns the height used. */
  const placePods = (
    parentId: string | null,
    groupId: string,
    title: string,
    pods: readonly PodView[],
    y: number,
  ): number => {
    if (parentId !== null && pods.length === 0) return 0;
    if (parentId !== null && pods.length <= MAX_POD_NODES) {
      pods.forEach((pod, i) => {
        const id = pod.key;
        const hs = handles(POD_W, POD_H);
        nodes.push({
          id,
          type: 'pod',
          position: { x: COL_X[2], y: y + i * (POD_H + ROW_GAP) },
          width: POD_W,
          height: POD_H,
          measured: { width: POD_W, height: POD_H },
          handles: hs,
          data: { pod, handles: hs },
        });
        link(parentId, id);
      });
      return pods.length * (POD_H + ROW_GAP) - ROW_GAP;
    }
    const density: Density = pods.length <= 9 ? 'card' : pods.length <= 400 ? 'chip' : 'group';
    const area = layoutArea(pods, density, groupId, expanded, innerWidth(WIDE_W));
    const h = GROUP_HEADER_H + area.height + BOX_PAD;
    const hs = handles(WIDE_W, Math.min(h, 2 * GROUP_HEADER_H));
    nodes.push({
      id: groupId,
      type: 'podGroup',
      position: { x: COL_X[2], y },
      width: WIDE_W,
      height: h,
      measured: { width: WIDE_W, height: h },
      handles: hs,
      data: {
        title,
        items: area.items,
        density,
        podCount: pods.length,
        areaTop: GROUP_HEADER_H,
        handles: hs,
      },
    });
    if (parentId !== null) link(parentId, groupId);
    return h;
  };

  const placeWorkload = (w: WorkloadView, col: 0 | 1, y: number, podCount: number): void => {
    const hs = handles(WORKLOAD_W, WORKLOAD_H);
    nodes.push({
      id: w.key,
      type: 'workload',
      position: { x: COL_X[col], y },
      width: WORKLOAD_W,
      height: WORKLOAD_H,
      measured: { width: WORKLOAD_W, height: WORKLOAD_H },
      handles: hs,
      data: { workload: w, podCount, handles: hs },
    });
  };

  /** A ReplicaSet and its pods at columns 1-2; returns the height used. */
  const placeReplicaSet = (rs: WorkloadView, y: number): number => {
    const pods = podsOf.get(ownerKey(rs)) ?? [];
    placeWorkload(rs, 1, y, pods.length);
    const h = placePods(rs.key, `group:${rs.key}`, `Pods of ${rs.name}`, pods, y);
    return Math.max(WORKLOAD_H, h);
  };

  let y = 0;
  for (const w of m.workloads) {
    if (w.kind === 'ReplicaSet') continue;
    const pods = podsOf.get(ownerKey(w)) ?? [];
    const rss = rsOf.get(ownerKey(w)) ?? [];
    placeWorkload(
      w,
      0,
      y,
      w.kind === 'Deployment'
        ? rss.reduce((n, rs) => n + (podsOf.get(ownerKey(rs))?.length ?? 0), 0)
        : pods.length,
    );
    let h = WORKLOAD_H;
    if (w.kind === 'Deployment') {
      let ry = y;
      for (const rs of rss) {
        link(w.key, rs.key);
        ry += placeReplicaSet(rs, ry) + ROW_GAP * 2;
      }
      h = Math.max(h, ry - y - ROW_GAP * 2);
    } else {
      h = Math.max(h, placePods(w.key, `group:${w.key}`, `Pods of ${w.name}`, pods, y));
    }
    y += h + BLOCK_GAP;
  }
  // ReplicaSets no Deployment owns (created by hand, or their Deployment is gone).
  for (const rs of m.workloads) {
    if (rs.kind !== 'ReplicaSet') continue;
    if (rs.owner && workloadKeys.has(`${rs.namespace}/${rs.owner.kind}/${rs.owner.name}`)) continue;
    y += placeReplicaSet(rs, y) + BLOCK_GAP;
  }
  // Pods whose owner is not drawn: bare pods, static (mirror) pods, Jobs' pods.
  const orphans: PodView[] = [];
  for (const [k, list] of podsOf) if (k === '' || !workloadKeys.has(k)) orphans.push(...list);
  if (orphans.length)
    placePods(null, 'group:orphans', 'Standalone pods (no controller)', orphans.sort(comparePods), y);
  return { nodes, edges };
}
