import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1';
import type { KubeObject, Stored } from '../api/types';
import type { ClusterContext } from '../cluster';

/**
 * The cluster network as a client inside it sees it: cluster DNS (CoreDNS answers only while it has
 * ready endpoints), kube-proxy (a Service's ClusterIP or NodePort leads to one of its ready endpoints,
 * picked at random as iptables mode does), and the pod that finally answers.
 *
 * `curl` prints what curl would: the answer of the server (through the pod's container, which the
 * node's kubelet runs) or curl's own error.
 */
export interface HttpAnswer {
  status: number;
  /** The first meaningful line of the body (an http-echo text, nginx's <title>...). */
  summary: string;
}

/** What a kubelet answers for a connection to one of its pods. */
export type PodConnection = { ok: true; answer: HttpAnswer } | { ok: false; error: 'refused' | 'timeout' };

export interface PodHttpServer {
  /** An HTTP GET to a pod on this node, from `remoteIP`. */
  httpGet(namespace: string, pod: string, port: number, path: string, remoteIP: string): PodConnection;
  /** Whether the node is up (its kubelet and kube-proxy run). */
  isRunning(): boolean;
}

type StoredService = Stored<Service> & KubeObject;
type StoredPod = Stored<Pod> & KubeObject;
type StoredEndpoints = Stored<Endpoints> & KubeObject;

const CLIENT_IP = '10.244.0.100';

export class Network {
  private servers = new Map<string, PodHttpServer>();
  /** ClientIP session affinity: the endpoint a client last reached per Service port. */
  private affinity = new Map<string, { ip: string; port: number; at: number }>();

  constructor(readonly ctx: ClusterContext) {}

  /** Kubelets register themselves so the network can reach the pods on their node. */
  registerNode(node: string, server: PodHttpServer): void {
    this.servers.set(node, server);
  }

  /** `sim curl URL --count N`: one output line per request. */
  curl(url: string, opts: { count?: number; namespace?: string } = {}): string[] {
    const out: string[] = [];
    for (let i = 0; i < (opts.count ?? 1); i++) out.push(this.request(url, opts.namespace ?? 'default'));
    return out;
  }

  private request(rawUrl: string, namespace: string): string {
    const parsed = parseUrl(rawUrl);
    if (!parsed) return `curl: (3) URL rejected: Bad hostname`;
    const { host, port: explicitPort, path } = parsed;
    const api = this.ctx.api;
    const services = api.list<StoredService>('Service').items;

    // 1. Name resolution, as a pod's resolv.conf search path (ns.svc.cluster.local, svc.cluster.local, cluster.local) does.
    let ip = host;
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
      if (!this.dnsServing()) return `curl: (6) Could not resolve host: ${host}`;
      const svc = resolveServiceName(host, namespace, services);
      if (!svc) return `curl: (6) Could not resolve host: ${host}`;
      if (svc.spec?.clusterIP === 'None') {
        const ready = readyAddresses(api.tryGet<StoredEndpoints>('Endpoints', svc.metadata.namespace, svc.metadata.name));
        if (ready.length === 0) return `curl: (6) Could not resolve host: ${host}`;
        ip = ready[this.ctx.random.int(ready.length)]!.ip;
      } else {
        ip = svc.spec?.clusterIP ?? '';
      }
    }
    const port = explicitPort ?? 80;

    // 2. kube-proxy: a ClusterIP, or a node IP with a NodePort.
    const byClusterIP = services.find((s) => s.spec?.clusterIP === ip && s.spec.clusterIP !== 'None');
    const nodes = api.list<KubeObject & { status?: { addresses?: Array<{ type: string; address: string }> } }>('Node').items;
    const node = nodes.find((n) => n.status?.addresses?.some((a) => a.type === 'InternalIP' && a.address === ip));
    let svc: StoredService | undefined;
    let svcPort: NonNullable<NonNullable<Service['spec']>['ports']>[number] | undefined;
    if (byClusterIP) {
      svc = byClusterIP;
      svcPort = svc.spec?.ports?.find((p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
      if (!svcPort) return timeout(host, port);
    } else if (node) {
      if (!this.servers.get(node.metadata.name)?.isRunning()) return timeout(host, port);
      svc = services.find((s) => s.spec?.ports?.some((p) => p.nodePort === port));
      svcPort = svc?.spec?.ports?.find((p) => p.nodePort === port);
      if (!svc || !svcPort) return refused(host, port);
    }
    if (svc && svcPort) {
      const eps = api.tryGet<StoredEndpoints>('Endpoints', svc.metadata.namespace, svc.metadata.name);
      const candidates: Array<{ ip: string; port: number; pod?: { namespace: string; name: string } }> = [];
      for (const subset of eps?.subsets ?? []) {
        const p = subset.ports?.find((x) => (svcPort!.name ? x.name === svcPort!.name : true));
        if (!p) continue;
        for (const a of subset.addresses ?? []) {
          candidates.push({ ip: a.ip, port: p.port, ...(a.targetRef?.name ? { pod: { namespace: a.targetRef.namespace ?? '', name: a.targetRef.name } } : {}) });
        }
      }
      // No ready endpoint: kube-proxy installs a REJECT rule, so the client sees "connection refused".
      if (candidates.length === 0) return refused(host, port);
      const pick = this.pickEndpoint(svc, svcPort.port, candidates);
      this.ctx.trace.record({
        component: 'kube-proxy',
        message: `${svc.metadata.namespace}/${svc.metadata.name}:${svcPort.port} -> ${pick.pod?.name ?? pick.ip} (${pick.ip}:${pick.port}), one of ${candidates.length} ready endpoint(s)`,
        ref: { kind: 'Service', namespace: svc.metadata.namespace!, name: svc.metadata.name },
      });
      return this.toPod(pick.ip, pick.port, path, host, port);
    }
    return this.toPod(ip, port, path, host, port);
  }

  /**
   * A random ready endpoint, as iptables' statistic rules pick one; with `sessionAffinity: ClientIP` the
   * endpoint this client used last, while it stays ready and was used within timeoutSeconds (the
   * `recent` match, refreshed by each connection).
   */
  private pickEndpoint<T extends { ip: string; port: number }>(svc: StoredService, port: number, candidates: T[]): T {
    const now = this.ctx.clock.now();
    const key = `${svc.metadata.uid}:${port}:${CLIENT_IP}`;
    const sticky = svc.spec?.sessionAffinity === 'ClientIP';
    if (sticky) {
      const timeout = (svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) * 1000;
      const last = this.affinity.get(key);
      const same = last && now - last.at <= timeout ? candidates.find((c) => c.ip === last.ip && c.port === last.port) : undefined;
      if (same) {
        last!.at = now;
        return same;
      }
    }
    const pick = candidates[this.ctx.random.int(candidates.length)]!;
    if (sticky) this.affinity.set(key, { ip: pick.ip, port: pick.port, at: now });
    return pick;
  }

  private toPod(podIP: string, podPort: number, path: string, host: string, port: number): string {
    const pod = this.ctx.api.list<StoredPod>('Pod', undefined, { fieldSelector: `status.podIP=${podIP}` }).items.find((p) => !p.spec?.hostNetwork);
    if (!pod || !pod.spec?.nodeName) return timeout(host, port);
    const server = this.servers.get(pod.spec.nodeName);
    if (!server || !server.isRunning()) return timeout(host, port);
    const r = server.httpGet(pod.metadata.namespace!, pod.metadata.name, podPort, path, CLIENT_IP);
    if (!r.ok) return r.error === 'refused' ? refused(host, port) : timeout(host, port);
    return `${pod.metadata.name}: ${r.answer.status} ${r.answer.summary}`;
  }

  /** CoreDNS answers when the kube-dns Service has a ready endpoint. */
  private dnsServing(): boolean {
    const eps = this.ctx.api.tryGet<StoredEndpoints>('Endpoints', 'kube-system', 'kube-dns');
    return readyAddresses(eps).length > 0;
  }
}

function readyAddresses(eps: StoredEndpoints | undefined): Array<{ ip: string }> {
  return (eps?.subsets ?? []).flatMap((s) => s.addresses ?? []);
}

function resolveServiceName(host: string, namespace: string, services: StoredService[]): StoredService | undefined {
  const name = host.replace(/\.$/, '');
  const candidates = [`${name}.${namespace}.svc.cluster.local`, `${name}.svc.cluster.local`, `${name}.cluster.local`, name];
  for (const fqdn of candidates) {
    const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(fqdn);
    if (!m) continue;
    const svc = services.find((s) => s.metadata.name === m[1] && s.metadata.namespace === m[2]);
    if (svc) return svc;
  }
  return undefined;
}

function parseUrl(raw: string): { host: string; port: number | undefined; path: string } | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^?#]*)?/.exec(raw);
  if (!m || !m[2]) return undefined;
  return { host: m[2], port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : undefined, path: m[4] || '/' };
}

function refused(host: string, port: number): string {
  return `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Could not connect to server`;
}

function timeout(host: string, port: number): string {
  return `curl: (28) Failed to connect to ${host} port ${port} after 10002 ms: Timeout was reached`;
}
