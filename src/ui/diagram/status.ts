import type { NodeView, PodView } from '../../engine/protocol';

/**
 * What a pod's colour in the diagram means. The engine hands us kubectl's STATUS column; a learner
 * needs fewer buckets than kubectl has reasons, but the buckets must never lie (a Running pod that is
 * not ready is not green).
 */
export type PodCategory =
  | 'ready'
  | 'unready'
  | 'pending'
  | 'creating'
  | 'terminating'
  | 'crash'
  | 'image'
  | 'completed'
  | 'error'
  | 'unknown';

const IMAGE_REASONS = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'ErrImageNeverPull',
  'RegistryUnavailable',
]);

export function podCategory(p: Pick<PodView, 'status' | 'isReady' | 'deleting'>): PodCategory {
  const s = p.status;
  if (s === 'Terminating' || (p.deleting && s !== 'Completed' && s !== 'Error')) return 'terminating';
  if (s.includes('CrashLoopBackOff')) return 'crash';
  if (IMAGE_REASONS.has(s) || s.startsWith('Init:ImagePull') || s.startsWith('Init:ErrImagePull'))
    return 'image';
  if (s === 'Running') return p.isReady ? 'ready' : 'unready';
  if (s === 'Completed' || s === 'Succeeded') return 'completed';
  if (s === 'Pending' || s === 'SchedulingGated') return 'pending';
  if (s === 'ContainerCreating' || s === 'PodInitializing' || /^Init:\d+\/\d+$/.test(s)) return 'creating';
  if (s === 'Unknown' || s === 'NodeLost') return 'unknown';
  return 'error';
}

export interface CategoryInfo {
  /** What the colour means, in kubectl's words. */
  label: string;
  /** The legend's one word. */
  short: string;
  /** A shape to tell colours apart without seeing colour. */
  glyph: string;
}

export const CATEGORIES: Readonly<Record<PodCategory, CategoryInfo>> = {
  ready: { label: 'Running, ready', short: 'Ready', glyph: '✓' },
  unready: { label: 'Running, not ready', short: 'Not ready', glyph: '!' },
  pending: { label: 'Pending', short: 'Pending', glyph: '…' },
  creating: { label: 'ContainerCreating', short: 'Creating', glyph: '+' },
  terminating: { label: 'Terminating', short: 'Terminating', glyph: '↓' },
  crash: { label: 'CrashLoopBackOff', short: 'CrashLoop', glyph: '↻' },
  image: { label: 'ImagePullBackOff / ErrImagePull', short: 'ImagePull', glyph: '⤓' },
  completed: { label: 'Completed', short: 'Completed', glyph: '■' },
  error: { label: 'Error', short: 'Error', glyph: '✕' },
  unknown: { label: 'Unknown', short: 'Unknown', glyph: '?' },
};

export const CATEGORY_ORDER: readonly PodCategory[] = [
  'ready',
  'unready',
  'creating',
  'pending',
  'terminating',
  'crash',
  'image',
  'error',
  'completed',
  'unknown',
];

/** The pod's accessible name: `Pod web-7d4b9c-abcde: Running, ready 1/1, 0 restarts`. */
export function podLabel(p: PodView): string {
  let s = `Pod ${p.name}: ${p.status}, ready ${p.ready}, ${p.restarts} ${p.restarts === 1 ? 'restart' : 'restarts'}`;
  if (p.namespace !== 'default') s += `, namespace ${p.namespace}`;
  if (!p.node && p.unschedulable) s += `. Not scheduled: ${p.unschedulable}`;
  return s;
}

/** The STATUS column of `kubectl get nodes`: Ready, NotReady, Ready,SchedulingDisabled. */
export function nodeStatus(n: NodeView): string {
  const base = n.ready ? 'Ready' : 'NotReady';
  return n.unschedulable ? `${base},SchedulingDisabled` : base;
}

export function nodeLabel(n: NodeView): string {
  return `Node ${n.name}: ${nodeStatus(n)}`;
}

/** `1.5 CPU`, `750m` → a short figure for the capacity bars. */
export function formatCpu(milli: number): string {
  return milli % 1000 === 0 ? `${milli / 1000}` : `${milli}m`;
}

export function formatMemory(bytes: number): string {
  const gi = bytes / 1024 ** 3;
  if (gi >= 1) return `${Number.isInteger(gi) ? gi : gi.toFixed(1)}Gi`;
  return `${Math.round(bytes / 1024 ** 2)}Mi`;
}

/**
 * The taints worth a badge: all but the one `kubectl cordon` adds, which SchedulingDisabled already
 * says.
 */
export function shownTaints(n: NodeView): string[] {
  return n.taints.filter((t) => !(n.unschedulable && t.startsWith('node.kubernetes.io/unschedulable')));
}
