import type { NodeView, ObjectView, PodView, ServiceView, WorkloadView } from '../../engine/protocol';
import { comparePods } from './geometry';

/** The namespace whose pods and Services are hidden unless "Show system pods" is on. */
export const SYSTEM_NAMESPACE = 'kube-system';

export interface ClusterModel {
  controlPlanes: NodeView[];
  workers: NodeView[];
  /** Visible pods bound to each node, in display order. */
  podsByNode: Map<string, PodView[]>;
  /** kube-system pods hidden on each node. */
  hiddenByNode: Map<string, number>;
  /** Visible pods no node holds: not scheduled yet, or bound to a node that no longer exists. */
  pending: PodView[];
  hiddenPending: number;
  services: ServiceView[];
  workloads: WorkloadView[];
  /** All visible pods by key. */
  pods: Map<string, PodView>;
}

const collator = new Intl.Collator('en', { numeric: true });

/** node-2 before node-10, as a learner counts. */
function byName<T extends { name: string; namespace: string }>(a: T, b: T): number {
  return collator.compare(a.namespace, b.namespace) || collator.compare(a.name, b.name);
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** Sorts the mirror's views into what the diagram draws. Pure: same views, same model. */
export function buildModel(views: ReadonlyMap<string, ObjectView>, showSystem: boolean): ClusterModel {
  const nodes: NodeView[] = [];
  const allPods: PodView[] = [];
  const services: ServiceView[] = [];
  const workloads: WorkloadView[] = [];
  for (const v of views.values()) {
    switch (v.kind) {
      case 'Node':
        nodes.push(v);
        break;
      case 'Pod':
        allPods.push(v);
        break;
      case 'Service':
        if (showSystem || v.namespace !== SYSTEM_NAMESPACE) services.push(v);
        break;
      case 'Deployment':
      case 'ReplicaSet':
      case 'DaemonSet':
      case 'StatefulSet':
        if (showSystem || v.namespace !== SYSTEM_NAMESPACE) workloads.push(v);
        break;
      default:
        break;
    }
  }
  nodes.sort(byName);
  const nodeNames = new Set(nodes.map((n) => n.name));
  const podsByNode = new Map<string, PodView[]>(nodes.map((n) => [n.name, []]));
  const hiddenByNode = new Map<string, number>();
  const pending: PodView[] = [];
  let hiddenPending = 0;
  const pods = new Map<string, PodView>();
  for (const p of allPods) {
    const onNode = p.node !== null && nodeNames.has(p.node);
    if (!showSystem && p.namespace === SYSTEM_NAMESPACE) {
      if (onNode) bump(hiddenByNode, p.node as string);
      else hiddenPending++;
      continue;
    }
    pods.set(p.key, p);
    if (onNode) podsByNode.get(p.node as string)?.push(p);
    else pending.push(p);
  }
  for (const list of podsByNode.values()) list.sort(comparePods);
  pending.sort(comparePods);
  return {
    controlPlanes: nodes.filter((n) => n.controlPlane),
    workers: nodes.filter((n) => !n.controlPlane),
    podsByNode,
    hiddenByNode,
    pending,
    hiddenPending,
    services: services.sort(byName),
    workloads: workloads.sort(byName),
    pods,
  };
}
