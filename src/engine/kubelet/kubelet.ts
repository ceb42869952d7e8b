import type { ClusterContext, NodeConfig } from '../cluster';

/** One node's kubelet. */
export class Kubelet {
  constructor(
    readonly ctx: ClusterContext,
    readonly node: NodeConfig,
  ) {}
  start(): void {}
  stop(): void {}
  crash(_namespace: string, _pod: string, _container?: string): void {}
}
