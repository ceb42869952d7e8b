import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';
import type { Stored } from '../api/types';
import { keyOf } from '../api/types';
import type { Resource } from './resources';
import { emptyResource, podRequests, resourceFromList, valueOf } from './resources';

/**
 * The scheduler's own picture of every node: what is allocatable, what the pods placed there already
 * request, and which host ports they hold (k/k pkg/scheduler/framework/types.go NodeInfo and the
 * scheduler cache). It is kept current from the pod and node informers, so checking whether a pod fits
 * a node is a handful of comparisons instead of a scan of the node's pods.
 */

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** One pod as the cache counts it. */
export interface PodInfo {
  key: string;
  nodeName: string;
  priority: number;
  requests: Resource;
  /** Requests with the 100m / 200Mi defaults for containers that state none (scoring only). */
  nonZero: Resource;
  ports: HostPort[];
  pod: Stored<Pod>;
}

export interface Allocatable extends Resource {
  pods: number;
}

const BIND_ALL = '0.0.0.0';

/** HostPortInfo: ip -> "protocol/port" -> number of pods holding it. */
export class HostPortInfo {
  private byIp = new Map<string, Map<string, number>>();

  add(p: HostPort): void {
    if (p.port <= 0) return;
    let m = this.byIp.get(p.ip);
    if (!m) this.byIp.set(p.ip, (m = new Map()));
    const k = `${p.protocol}/${p.port}`;
    m.set(k, (m.get(k) ?? 0) + 1);
  }

  remove(p: HostPort): void {
    const m = this.byIp.get(p.ip);
    const k = `${p.protocol}/${p.port}`;
    const n = m?.get(k);
    if (!m || n === undefined) return;
    if (n > 1) m.set(k, n - 1);
    else m.delete(k);
    if (m.size === 0) this.byIp.delete(p.ip);
  }

  /** CheckConflict: 0.0.0.0 collides with every address; a specific address with itself and 0.0.0.0. */
  conflicts(p: HostPort): boolean {
    if (p.port <= 0) return false;
    const k = `${p.protocol}/${p.port}`;
    if (p.ip === BIND_ALL) {
      for (const m of this.byIp.values()) if (m.has(k)) return true;
      return false;
    }
    return !!(this.byIp.get(BIND_ALL)?.has(k) || this.byIp.get(p.ip)?.has(k));
  }

  get size(): number {
    return this.byIp.size;
  }
}

/** The host ports a pod's containers bind (hostIP defaults to 0.0.0.0, protocol to TCP). */
export function podHostPorts(pod: Stored<Pod>): HostPort[] {
  const out: HostPort[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (p.hostPort && p.hostPort > 0) out.push({ ip: p.hostIP || BIND_ALL, protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

/** normalizedImageName (ImageLocality): an image without a tag means `:latest`. */
export function normalizedImageName(image: string): string {
  return image.lastIndexOf(':') <= image.lastIndexOf('/') ? `${image}:latest` : image;
}

export function podInfoOf(pod: Stored<Pod>): PodInfo {
  return {
    key: keyOf(pod),
    nodeName: pod.spec?.nodeName ?? '',
    priority: pod.spec?.priority ?? 0,
    requests: podRequests(pod.spec),
    nonZero: podRequests(pod.spec, true),
    ports: podHostPorts(pod),
    pod,
  };
}

function addTo(into: Resource, r: Resource, sign: 1 | -1): void {
  into.milliCPU += sign * r.milliCPU;
  into.memory += sign * r.memory;
  into.ephemeralStorage += sign * r.ephemeralStorage;
  if (r.scalar) for (const [k, v] of r.scalar) (into.scalar ??= new Map()).set(k, (into.scalar.get(k) ?? 0) + sign * v);
}

export class NodeInfo {
  node: Stored<Node> | undefined;
  allocatable: Allocatable = { ...emptyResource(), pods: 0 };
  requested: Resource = emptyResource();
  nonZeroRequested: Resource = emptyResource();
  readonly pods = new Map<string, PodInfo>();
  readonly usedPorts = new HostPortInfo();
  taints: readonly Taint[] = [];
  labels: Readonly<Record<string, string>> = {};
  unschedulable = false;
  /** status.images by every name an image is listed under, with its size in bytes. */
  images = new Map<string, number>();

  constructor(readonly name: string) {}

  setNode(node: Stored<Node>): void {
    this.node = node;
    const images = new Map<string, number>();
    for (const img of node.status?.images ?? []) for (const n of img.names ?? []) images.set(n, img.sizeBytes ?? 0);
    this.images = images;
    const alloc = node.status?.allocatable as Record<string, string> | undefined;
    this.allocatable = { ...resourceFromList(alloc), pods: alloc?.pods !== undefined ? valueOf(alloc.pods) : 0 };
    this.taints = node.spec?.taints ?? [];
    this.labels = node.metadata.labels ?? {};
    this.unschedulable = node.spec?.unschedulable === true;
  }

  addPod(pi: PodInfo): void {
    this.pods.set(pi.key, pi);
    addTo(this.requested, pi.requests, 1);
    addTo(this.nonZeroRequested, pi.nonZero, 1);
    for (const p of pi.ports) this.usedPorts.add(p);
  }

  removePod(key: string): PodInfo | undefined {
    const pi = this.pods.get(key);
    if (!pi) return undefined;
    this.pods.delete(key);
    addTo(this.requested, pi.requests, -1);
    addTo(this.nonZeroRequested, pi.nonZero, -1);
    for (const p of pi.ports) this.usedPorts.remove(p);
    return pi;
  }
}

/** Pods in a terminal phase hold nothing: the scheduler's assigned-pod informer filters them out. */
export function holdsResources(pod: Stored<Pod>): boolean {
  const phase = pod.status?.phase;
  return !!pod.spec?.nodeName && phase !== 'Succeeded' && phase !== 'Failed';
}

/**
 * Every NodeInfo, by name. Pods may name a node the cache has not seen (yet): their NodeInfo exists
 * without a Node and is not offered to the filters, as in the real cache.
 */
export class NodeInfoCache {
  private readonly infos = new Map<string, NodeInfo>();
  private readonly pods = new Map<string, PodInfo>();
  /** Image name -> how many nodes have it (ImageStateSummary.NumNodes). */
  readonly imageNodes = new Map<string, number>();
  /** Assigned pods with pod (anti-)affinity terms: InterPodAffinity looks at these without scanning every pod. */
  readonly withAffinity = new Map<string, PodInfo>();
  private listed: NodeInfo[] | undefined;

  get(name: string): NodeInfo | undefined {
    const ni = this.infos.get(name);
    return ni?.node ? ni : undefined;
  }

  /** Nodes with a Node object, in the order they were added (the snapshot's node list). */
  list(): readonly NodeInfo[] {
    if (!this.listed) this.listed = [...this.infos.values()].filter((n) => n.node);
    return this.listed;
  }

  podInfo(key: string): PodInfo | undefined {
    return this.pods.get(key);
  }

  setNode(node: Stored<Node>): void {
    const ni = this.ensure(node.metadata.name);
    if (!ni.node) this.listed = undefined;
    this.countImages(ni, -1);
    ni.setNode(node);
    this.countImages(ni, 1);
  }

  removeNode(name: string): void {
    const ni = this.infos.get(name);
    if (!ni) return;
    this.countImages(ni, -1);
    ni.images = new Map();
    ni.node = undefined;
    this.listed = undefined;
    if (ni.pods.size === 0) this.infos.delete(name);
  }

  /** Adds, moves or refreshes an assigned pod; a terminal one is removed. Returns what was there before. */
  upsertPod(pod: Stored<Pod>): { before: PodInfo | undefined; after: PodInfo | undefined } {
    const key = keyOf(pod);
    const before = this.pods.get(key);
    if (!holdsResources(pod)) return { before: this.removePod(key), after: undefined };
    if (before && before.nodeName === pod.spec?.nodeName && before.pod.metadata.uid === pod.metadata.uid) {
      // Requests are immutable once bound; only the object reference changes.
      before.pod = pod;
      return { before, after: before };
    }
    if (before) this.removePod(key);
    const pi = podInfoOf(pod);
    this.pods.set(key, pi);
    const aff = pod.spec?.affinity;
    if (aff?.podAffinity || aff?.podAntiAffinity) this.withAffinity.set(key, pi);
    this.ensure(pi.nodeName).addPod(pi);
    return { before, after: pi };
  }

  removePod(key: string): PodInfo | undefined {
    const pi = this.pods.get(key);
    if (!pi) return undefined;
    this.pods.delete(key);
    this.withAffinity.delete(key);
    const ni = this.infos.get(pi.nodeName);
    ni?.removePod(key);
    if (ni && !ni.node && ni.pods.size === 0) this.infos.delete(pi.nodeName);
    return pi;
  }

  private countImages(ni: NodeInfo, sign: 1 | -1): void {
    if (!ni.node) return;
    for (const name of ni.images.keys()) {
      const n = (this.imageNodes.get(name) ?? 0) + sign;
      if (n > 0) this.imageNodes.set(name, n);
      else this.imageNodes.delete(name);
    }
  }

  private ensure(name: string): NodeInfo {
    let ni = this.infos.get(name);
    if (!ni) {
      ni = new NodeInfo(name);
      this.infos.set(name, ni);
    }
    return ni;
  }
}
