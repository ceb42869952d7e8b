import type { ClusterContext } from '../cluster';

/** kube-scheduler. */
export function startScheduler(_ctx: ClusterContext): void {}
