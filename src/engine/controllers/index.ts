import type { ClusterContext } from '../cluster';
import { startEndpointsController } from './endpoints';
import { startGarbageCollector } from './garbagecollector';
import { startNamespaceController, startNamespaceDefaultsControllers } from './namespace';
import { startNodeLifecycleController } from './nodelifecycle';

/** kube-controller-manager: starts every controller on the shared informers. */
export function startControllers(ctx: ClusterContext): void {
  startNamespaceController(ctx);
  startNamespaceDefaultsControllers(ctx);
  startGarbageCollector(ctx);
  startEndpointsController(ctx);
  startNodeLifecycleController(ctx);
}
