import type { FieldError } from '../../apimachinery/validation';
import { invalid } from '../../apimachinery/validation';
import type { AdmissionAttributes, AdmissionPlugin, ApiServer } from '../apiserver';
import { internalError } from '../errors';
import type { KubeObject } from '../types';
import { keyOf } from '../types';
import { goStringSlice, invalidGo, invalidStatus } from '../kinds/goformat';
import type { ServiceSpec } from '../kinds/service';
import { isIPv4 } from '../kinds/service';
import { traceAdmission } from './common';

/**
 * The service registry's allocators (k/k pkg/registry/core/service/storage/alloc.go, ipallocator,
 * portallocator), which the real API server runs in BeginCreate/BeginUpdate, i.e. after mutating
 * admission and before validation: IP-family defaults, ClusterIPs from 10.96.0.0/12 and NodePorts
 * from 30000-32767. What is allocated is derived from the stored Services, so a request that
 * fails later, or a dry run, never leaks an address.
 */
export const SERVICE_CIDR = '10.96.0.0/12';
const NETWORK = ((10 << 24) | (96 << 16)) >>> 0;
/** Usable addresses: the /12 minus its network and broadcast addresses. */
const IP_COUNT = 2 ** 20 - 2;
/** calculateRangeOffset: min(max(16, size/16), 256) addresses at the bottom are kept for explicit requests. */
const IP_STATIC_BAND = 256;
export const NODE_PORT_BASE = 30000;
export const NODE_PORT_SIZE = 2768;
/** min(max(16, size/32), 128) ports at the bottom are kept for explicit requests. */
const PORT_STATIC_BAND = 86;
const NODE_PORT_RANGE = `${NODE_PORT_BASE}-${NODE_PORT_BASE + NODE_PORT_SIZE - 1}`;

const ipToString = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const ipToNumber = (ip: string) => ip.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);

type Port = Record<string, unknown> & { port?: number; nodePort?: number; protocol?: string; name?: string };

function held(s: ServiceSpec | undefined): { ips: string[]; ports: number[] } {
  if (!s) return { ips: [], ports: [] };
  const ips = (s.clusterIPs ?? []).filter((ip) => ip && ip !== 'None');
  const ports = ((s.ports ?? []) as Port[]).map((p) => p.nodePort ?? 0).filter((p) => p > 0);
  if (s.healthCheckNodePort) ports.push(s.healthCheckNodePort);
  return { ips, ports };
}

/** Who holds which ClusterIP and NodePort, kept current from the store's change feed. */
class Allocations {
  readonly ipOwner = new Map<string, string>();
  readonly portOwner = new Map<number, string>();
  private byKey = new Map<string, { ips: string[]; ports: number[] }>();

  constructor(api: ApiServer) {
    for (const svc of api.listAll('Service')) this.set(keyOf(svc), svc);
    api.subscribe((e) => {
      if (e.kind !== 'Service') return;
      this.set(keyOf(e.object), e.type === 'DELETED' ? undefined : e.object);
    });
  }

  private set(key: string, svc: KubeObject | undefined): void {
    const prev = this.byKey.get(key);
    for (const ip of prev?.ips ?? []) if (this.ipOwner.get(ip) === key) this.ipOwner.delete(ip);
    for (const p of prev?.ports ?? []) if (this.portOwner.get(p) === key) this.portOwner.delete(p);
    const next = held(svc?.spec as ServiceSpec | undefined);
    if (svc) this.byKey.set(key, next);
    else this.byKey.delete(key);
    for (const ip of next.ips) this.ipOwner.set(ip, key);
    for (const p of next.ports) this.portOwner.set(p, key);
  }
}

function fail(obj: KubeObject, errs: FieldError[]): never {
  throw invalidStatus(obj, errs);
}

/** Random pick in the dynamic band, then a forward scan (wrapping, then the static band), like AllocateNext. */
function pick(api: ApiServer, size: number, staticBand: number, taken: (i: number) => boolean): number | undefined {
  const dynamic = size - staticBand;
  const start = api.random.int(dynamic);
  for (let k = 0; k < dynamic; k++) {
    const i = staticBand + ((start + k) % dynamic);
    if (!taken(i)) return i;
  }
  for (let i = 0; i < staticBand; i++) if (!taken(i)) return i;
  return undefined;
}

export function createServiceAllocator(api: ApiServer): AdmissionPlugin {
  const alloc = new Allocations(api);

  function allocateIP(obj: KubeObject, s: ServiceSpec, key: string): void {
    const ips = s.clusterIPs ?? [];
    const requested = ips[0] ?? '';
    if (!requested) {
      const i = pick(api, IP_COUNT, IP_STATIC_BAND, (n) => alloc.ipOwner.has(ipToString(NETWORK + 1 + n)));
      if (i === undefined) throw internalError('failed to allocate a serviceIP: range is full');
      const ip = ipToString(NETWORK + 1 + i);
      s.clusterIPs = [ip, ...ips.slice(1)];
      s.clusterIP = ip;
      return;
    }
    const n = isIPv4(requested) ? ipToNumber(requested) - NETWORK : -1;
    if (n < 1 || n > IP_COUNT) {
      fail(obj, [invalidGo('spec.clusterIPs', goStringSlice(ips), `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`)]);
    }
    const owner = alloc.ipOwner.get(requested);
    if (owner !== undefined && owner !== key) fail(obj, [invalidGo('spec.clusterIPs', goStringSlice(ips), `failed to allocate IP ${requested}: provided IP is already allocated`)]);
    s.clusterIP = requested;
  }

  function allocatePort(obj: KubeObject, path: string, requested: number, key: string, mine: Set<number>): number {
    if (requested) {
      if (requested < NODE_PORT_BASE || requested >= NODE_PORT_BASE + NODE_PORT_SIZE) {
        fail(obj, [invalid(path, requested, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE}`)]);
      }
      const owner = alloc.portOwner.get(requested);
      if ((owner !== undefined && owner !== key) || (mine.has(requested) && owner === undefined)) {
        fail(obj, [invalid(path, requested, 'provided port is already allocated')]);
      }
      mine.add(requested);
      return requested;
    }
    const i = pick(api, NODE_PORT_SIZE, PORT_STATIC_BAND, (n) => alloc.portOwner.has(NODE_PORT_BASE + n) || mine.has(NODE_PORT_BASE + n));
    if (i === undefined) throw internalError('failed to allocate a nodePort: range is full');
    mine.add(NODE_PORT_BASE + i);
    return NODE_PORT_BASE + i;
  }

  /** initNodePorts / updateNodePorts: one NodePort per service port number, shared across protocols. */
  function allocateNodePorts(obj: KubeObject, s: ServiceSpec, old: ServiceSpec | undefined, key: string): void {
    const ports = (s.ports ?? []) as Port[];
    const oldPorts = new Set(held(old).ports);
    const mine = new Set<number>();
    const byPort = new Map<number, number>();
    const allocateNew = s.type !== 'LoadBalancer' || s.allocateLoadBalancerNodePorts !== false;
    ports.forEach((p, i) => {
      if (!p.nodePort && !allocateNew) return;
      const shared = byPort.get(p.port ?? 0);
      if (shared !== undefined && (!p.nodePort || p.nodePort === shared)) {
        p.nodePort = shared;
        return;
      }
      const requested = p.nodePort ?? 0;
      const value = requested && oldPorts.has(requested) ? requested : allocatePort(obj, `spec.ports[${i}].nodePort`, requested, key, mine);
      if (requested && oldPorts.has(requested)) mine.add(requested);
      p.nodePort = value;
      byPort.set(p.port ?? 0, value);
    });
    if (s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local') {
      const requested = s.healthCheckNodePort ?? 0;
      if (!(requested && oldPorts.has(requested))) s.healthCheckNodePort = allocatePort(obj, 'spec.healthCheckNodePort', requested, key, mine);
    }
  }

  /** initIPFamilyFields on a single-stack IPv4 cluster. */
  function initIPFamilies(obj: KubeObject, s: ServiceSpec, old: ServiceSpec | undefined): void {
    if (s.type === 'ExternalName') return;
    const selectorless = Object.keys(s.selector ?? {}).length === 0;
    const headlessSelectorless = s.clusterIP === 'None' && selectorless;
    if (!s.ipFamilyPolicy) s.ipFamilyPolicy = old?.ipFamilyPolicy ?? (headlessSelectorless ? 'RequireDualStack' : 'SingleStack');
    const errs: FieldError[] = [];
    const families = [...(s.ipFamilies ?? [])];
    (s.clusterIPs ?? []).forEach((ip, i) => {
      if (ip === 'None' || i < families.length) return;
      if (isIPv4(ip)) families.push('IPv4');
      else if (ip.includes(':')) errs.push(invalidGo(`spec.clusterIPs[${i}]`, goStringSlice(s.clusterIPs), 'IPv6 is not configured on this cluster'));
    });
    if (errs.length) fail(obj, errs);
    if (headlessSelectorless) {
      if (families.length === 0) families.push('IPv4');
      if (families.length < 2 && s.ipFamilyPolicy !== 'SingleStack') families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
      s.ipFamilies = families;
      return;
    }
    if (s.ipFamilyPolicy === 'RequireDualStack') errs.push(invalid('spec.ipFamilyPolicy', s.ipFamilyPolicy, 'this cluster is not configured for dual-stack services'));
    families.forEach((f, i) => {
      if (f !== 'IPv4') errs.push(invalid(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster'));
    });
    if (errs.length) fail(obj, errs);
    s.ipFamilies = families.length ? families : ['IPv4'];
  }

  return {
    name: 'ServiceIPAllocation',
    admit(attrs: AdmissionAttributes) {
      if (attrs.type.kind !== 'Service' || attrs.subresource || !attrs.object || attrs.operation === 'DELETE') return;
      const obj = attrs.object;
      const s = (obj.spec ?? {}) as ServiceSpec;
      obj.spec = s;
      const old = attrs.old?.spec as ServiceSpec | undefined;
      const key = keyOf(obj as { metadata: { namespace?: string; name: string } });
      if (old) patchAllocatedValues(s, old);
      normalizeClusterIPs(s, old);
      initIPFamilies(obj, s, old);
      const before = JSON.stringify([s.clusterIPs, (s.ports ?? []).map((p) => (p as Port).nodePort)]);
      const headless = s.clusterIPs?.[0] === 'None';
      if (s.type !== 'ExternalName' && !headless && (!old || old.type === 'ExternalName' || !(old.clusterIPs ?? []).length)) allocateIP(obj, s, key);
      if (s.type === 'NodePort' || s.type === 'LoadBalancer') allocateNodePorts(obj, s, old, key);
      const after = JSON.stringify([s.clusterIPs, (s.ports ?? []).map((p) => (p as Port).nodePort)]);
      if (after !== before) {
        const what = [`clusterIP ${s.clusterIP ?? ''}`, ...((s.ports ?? []) as Port[]).filter((p) => p.nodePort).map((p) => `nodePort ${String(p.nodePort)}/${p.protocol ?? 'TCP'}`)];
        traceAdmission(api, attrs, 'service-allocator', `service ${attrs.namespace ?? ''}/${attrs.name}: allocated ${what.join(', ')}`);
      }
    },
  };
}

/** normalizeClusterIPs: keep clusterIP and clusterIPs in step for clients that only set one. */
function normalizeClusterIPs(s: ServiceSpec, old: ServiceSpec | undefined): void {
  if (!old) {
    if (s.clusterIP && !(s.clusterIPs ?? []).length) s.clusterIPs = [s.clusterIP];
    return;
  }
  const same = JSON.stringify(old.clusterIPs ?? []) === JSON.stringify(s.clusterIPs ?? []);
  if ((old.clusterIPs ?? []).length && !(s.clusterIPs ?? []).length && old.clusterIP === s.clusterIP) s.clusterIPs = old.clusterIPs;
  if ((old.clusterIP ?? '') !== (s.clusterIP ?? '')) {
    if (old.clusterIP && !s.clusterIP && same) delete s.clusterIPs;
    if ((s.clusterIPs ?? []).length && same && s.clusterIPs) s.clusterIPs = [s.clusterIP ?? '', ...s.clusterIPs.slice(1)];
  }
}

/** patchAllocatedValues: a PUT that omits allocated values keeps them (kubectl replace stays idempotent). */
function patchAllocatedValues(s: ServiceSpec, old: ServiceSpec): void {
  if (old.type !== 'ExternalName' && s.type !== 'ExternalName') {
    if (!s.clusterIP && old.clusterIP) s.clusterIP = old.clusterIP;
    if (!(s.clusterIPs ?? []).length && (old.clusterIPs ?? []).length) s.clusterIPs = old.clusterIPs;
  }
  const needsNodePort = (x: ServiceSpec) => x.type === 'NodePort' || x.type === 'LoadBalancer';
  if (needsNodePort(old) && needsNodePort(s)) {
    const oldPorts = (old.ports ?? []) as Port[];
    const newPorts = (s.ports ?? []) as Port[];
    const used = new Set(newPorts.map((p) => p.nodePort ?? 0).filter((n) => oldPorts.some((o) => o.nodePort === n)));
    const byName = new Map(oldPorts.map((p) => [p.name ?? '', p.nodePort ?? 0]));
    for (const p of newPorts) {
      if (p.nodePort) continue;
      const v = byName.get(p.name ?? '') ?? 0;
      if (v && !used.has(v)) p.nodePort = v;
    }
  }
  if (old.type === 'LoadBalancer' && s.type === 'LoadBalancer' && old.externalTrafficPolicy === 'Local' && s.externalTrafficPolicy === 'Local' && !s.healthCheckNodePort) {
    s.healthCheckNodePort = old.healthCheckNodePort;
  }
}
