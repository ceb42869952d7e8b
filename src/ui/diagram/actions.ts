import type { ObjectView } from '../../engine/protocol';

/** A fault or operation the diagram offers on an object: a terminal line the engine runs. */
export interface DiagramAction {
  label: string;
  command: string;
}

/** What a learner can do to an object from the diagram (context menu and the selection bar). */
export function actionsFor(v: ObjectView): DiagramAction[] {
  switch (v.kind) {
    case 'Pod':
      return [
        { label: 'Delete pod', command: `kubectl delete pod ${v.name} -n ${v.namespace}` },
        { label: 'Crash container', command: `sim crash ${v.name} -n ${v.namespace}` },
      ];
    case 'Node':
      return [
        { label: 'Take node down', command: `sim node-down ${v.name}` },
        { label: 'Bring node up', command: `sim node-up ${v.name}` },
        v.unschedulable
          ? { label: 'Uncordon', command: `kubectl uncordon ${v.name}` }
          : { label: 'Cordon', command: `kubectl cordon ${v.name}` },
        { label: 'Drain', command: `kubectl drain ${v.name} --ignore-daemonsets --delete-emptydir-data` },
      ];
    default:
      return [];
  }
}
