import type { ClusterContext } from '../cluster';
import { startDaemonSetController } from './daemonset';
import { startDeploymentController } from './deployment';
import { startEndpointsController } from './endpoints';
import { startGarbageCollector } from './garbagecollector';
import { startNamespaceController, startNamespaceDefaultsControllers } from './namespace';
import { startNodeLifecycleController } from './nodelifecycle';
import { startReplicaSetController } from './replicaset';

/** kube-controller-manager: starts every controller on the shared informers. */
export function startControllers(ctx: ClusterContext): void {
  startNamespaceController(ctx);
  startNamespaceDefaultsControllers(ctx);
  startGarbageCollector(ctx);
  startDeploymentController(ctx);
  startReplicaSetController(ctx);
  startDaemonSetController(ctx);
  startEndpointsController(ctx);
  startNodeLifecycleController(ctx);
}
