import type { ClusterContext } from '../cluster';

/** kube-proxy and cluster DNS: how a request inside the cluster reaches a pod. */
export class Network {
  constructor(readonly ctx: ClusterContext) {}
}
