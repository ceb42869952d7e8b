import type { KubeObject } from './api/types';
import { createCluster } from './cluster';
import type { Cluster, ClusterOptions } from './cluster';
import type { ClusterSummary, Request, Response } from './protocol';
import { assertNever, PROTOCOL_VERSION } from './protocol';

/**
 * The engine host: answers protocol requests against one cluster. The worker file only connects a
 * message port to it, so the same host runs in tests over a MessageChannel or a direct call.
 */
export class EngineHost {
  private cluster: Cluster;

  constructor(options: ClusterOptions = {}) {
    this.cluster = createCluster(options);
  }

  handle(req: Request): Response {
    try {
      switch (req.type) {
        case 'hello':
          return { id: req.id, type: 'hello', version: PROTOCOL_VERSION };
        case 'summary':
          return { id: req.id, type: 'summary', summary: this.summary() };
        case 'advance':
          this.cluster.advance(req.ms);
          return { id: req.id, type: 'summary', summary: this.summary() };
        default:
          return assertNever(req);
      }
    } catch (e) {
      return { id: req.id, type: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  }

  private summary(): ClusterSummary {
    const api = this.cluster.api;
    const nodes = api.list<KubeObject & { status?: { conditions?: Array<{ type: string; status: string }> }; metadata: { labels?: Record<string, string> } }>('Node').items;
    const pods = api.list<KubeObject & { spec: { nodeName?: string }; status?: { phase?: string } }>('Pod').items;
    return {
      time: this.cluster.now(),
      resourceVersion: api.resourceVersion,
      nodes: nodes.map((n) => ({
        name: n.metadata.name,
        ready: n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
        controlPlane: 'node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {}),
      })),
      pods: pods.map((p) => ({
        namespace: p.metadata.namespace ?? '',
        name: p.metadata.name,
        node: p.spec.nodeName ?? null,
        phase: p.status?.phase ?? 'Pending',
      })),
    };
  }
}
