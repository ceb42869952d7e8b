import type { ApiServer } from './apiserver';
import { namespaceLifecycle } from './admission/namespace';
import { defaultTolerationSeconds, priorityAdmission, serviceAccountAdmission } from './admission/pod';
import { createServiceAllocator } from './admission/service';

/**
 * The admission chain of the simulated kube-apiserver, in the order of the real default plugin
 * list: NamespaceLifecycle, ServiceAccount, Priority, DefaultTolerationSeconds. Then the service
 * registry's ClusterIP and NodePort allocators, which upstream runs in the REST storage right
 * after mutating admission and before validation; here they are the chain's last mutating step.
 */
export function installAdmission(api: ApiServer): void {
  api.addAdmission(namespaceLifecycle);
  api.addAdmission(serviceAccountAdmission);
  api.addAdmission(priorityAdmission);
  api.addAdmission(defaultTolerationSeconds);
  api.addAdmission(createServiceAllocator(api));
}
