import type { ClusterContext } from '../cluster';
import { startGarbageCollector } from './garbagecollector';
import { startNamespaceController, startNamespaceDefaultsControllers } from './namespace';

/** kube-controller-manager: starts every controller on the shared informers. */
export function startControllers(ctx: ClusterContext): void {
  startNamespaceController(ctx);
  startNamespaceDefaultsControllers(ctx);
  startGarbageCollector(ctx);
}
