import type { FieldError } from '../../apimachinery/validation';
import { duplicate, forbidden, goQuote, invalid, isDNS1123Label, isDNS1123Subdomain, notSupported, required } from '../../apimachinery/validation';
import type { ResourceType } from '../resources';
import { ALL_VERBS } from '../resources';
import type { KubeObject } from '../types';
import { deepEqual } from '../types';
import { goAwareValidation, goStringSlice, invalidGo } from './goformat';
import { asRecord, metaNameErrors, validateLabels, validateMetaMaps } from './meta';
import type { Json } from './podspec';
import { isValidPortNum, validatePortNumOrName } from './podvalidation';

/**
 * Services: SetDefaults_Service (k/k pkg/apis/core/v1/defaults.go), ValidateService and
 * ValidateServiceUpdate (pkg/apis/core/validation/validation.go), and the strategy's
 * dropTypeDependentFields. IP families, ClusterIPs and NodePorts are filled in by the allocators
 * (api/admission/service.ts), which run before validation as the service REST storage's
 * BeginCreate/BeginUpdate hooks do.
 */
export type ServiceSpec = Json & {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: Json[];
  selector?: Record<string, string>;
  externalIPs?: string[];
  sessionAffinity?: string;
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  healthCheckNodePort?: number;
  allocateLoadBalancerNodePorts?: boolean;
  externalName?: string;
};

export function serviceSpec(obj: KubeObject): ServiceSpec {
  const s = (asRecord(obj.spec) ?? {}) as ServiceSpec;
  obj.spec = s;
  return s;
}

export function externallyAccessible(s: ServiceSpec): boolean {
  return s.type === 'LoadBalancer' || s.type === 'NodePort' || (s.type === 'ClusterIP' && (s.externalIPs?.length ?? 0) > 0);
}

export function isHeadless(s: ServiceSpec): boolean {
  return s.type === 'ClusterIP' && s.clusterIPs?.length === 1 && s.clusterIPs[0] === 'None';
}

const ports = (s: ServiceSpec): Json[] => (Array.isArray(s.ports) ? s.ports.map((p) => asRecord(p) ?? {}) : []);

function defaults(obj: KubeObject): void {
  const s = serviceSpec(obj);
  if (!s.sessionAffinity) s.sessionAffinity = 'None';
  if (s.sessionAffinity === 'None') delete s.sessionAffinityConfig;
  if (s.sessionAffinity === 'ClientIP') {
    const cfg = asRecord(s.sessionAffinityConfig);
    const timeout = asRecord(cfg?.clientIP)?.timeoutSeconds;
    if (timeout === undefined || timeout === null) s.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  if (!s.type) s.type = 'ClusterIP';
  for (const p of ports(s)) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(s) && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
  if (!s.internalTrafficPolicy && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(s.type)) s.internalTrafficPolicy = 'Cluster';
  if (s.type === 'LoadBalancer' && (s.allocateLoadBalancerNodePorts === undefined || s.allocateLoadBalancerNodePorts === null)) {
    s.allocateLoadBalancerNodePorts = true;
  }
}

const needsClusterIP = (s: ServiceSpec) => s.type !== 'ExternalName';
const needsNodePort = (s: ServiceSpec) => s.type === 'NodePort' || s.type === 'LoadBalancer';
const needsHCNodePort = (s: ServiceSpec) => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';

/** dropTypeDependentFields: switching type releases what only the old type needed, unless changed too. */
function dropTypeDependentFields(obj: KubeObject, old: KubeObject): void {
  const s = serviceSpec(obj);
  const o = (asRecord(old.spec) ?? {}) as ServiceSpec;
  if (needsClusterIP(o) && !needsClusterIP(s)) {
    if (deepEqual(o.clusterIPs, s.clusterIPs) && o.clusterIP === s.clusterIP) {
      delete s.clusterIP;
      delete s.clusterIPs;
    }
    if (deepEqual(o.ipFamilies, s.ipFamilies)) delete s.ipFamilies;
    if (o.ipFamilyPolicy === s.ipFamilyPolicy) delete s.ipFamilyPolicy;
  }
  const nodePorts = (x: ServiceSpec) => ports(x).map((p) => p.nodePort ?? 0);
  if (needsNodePort(o) && !needsNodePort(s) && deepEqual(nodePorts(o), nodePorts(s))) for (const p of ports(s)) delete p.nodePort;
  if (needsHCNodePort(o) && !needsHCNodePort(s) && o.healthCheckNodePort === s.healthCheckNodePort) delete s.healthCheckNodePort;
  if (o.type === 'LoadBalancer' && s.type !== 'LoadBalancer' && s.allocateLoadBalancerNodePorts === o.allocateLoadBalancerNodePorts) {
    delete s.allocateLoadBalancerNodePorts;
  }
  if (externallyAccessible(o) && !externallyAccessible(s) && o.externalTrafficPolicy === s.externalTrafficPolicy) delete s.externalTrafficPolicy;
  if (s.type !== 'LoadBalancer') obj.status = { ...(asRecord(obj.status) ?? {}), loadBalancer: {} };
}

const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;
export const isIPv4 = (ip: string) => IPV4.test(ip);
const isIPv6 = (ip: string) => ip.includes(':') && /^[0-9a-fA-F:.]+$/.test(ip) && (ip.match(/::/g)?.length ?? 0) <= 1;
const IP_MSG = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** ValidateServiceClusterIPsRelatedFields. */
function validateClusterIPs(s: ServiceSpec): FieldError[] {
  if (s.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = s.clusterIPs ?? [];
  const ipsGo = goStringSlice(s.clusterIPs);
  if (s.clusterIP) {
    if (ips.length === 0) errs.push(required('spec.clusterIPs'));
    else if (ips[0] !== s.clusterIP) errs.push(invalidGo('spec.clusterIPs', ipsGo, 'first value must match `clusterIP`'));
  } else if (ips.length) errs.push(invalidGo('spec.clusterIPs', ipsGo, 'must be empty when `clusterIP` is not specified'));
  const seen = new Set<string>();
  (s.ipFamilies ?? []).forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(`spec.ipFamilies[${i}]`, f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(duplicate(`spec.ipFamilies[${i}]`, f));
    seen.add(f);
  });
  const policies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
  if (s.ipFamilyPolicy && !policies.includes(s.ipFamilyPolicy)) errs.push(notSupported('spec.ipFamilyPolicy', s.ipFamilyPolicy, policies));
  let bad = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        bad = true;
        errs.push(invalidGo('spec.clusterIPs', ipsGo, "'None' must be the first and only value"));
      }
      return;
    }
    if (!isIPv4(ip) && !isIPv6(ip)) {
      bad = true;
      errs.push(invalid(`spec.clusterIPs[${i}]`, ip, IP_MSG));
    }
  });
  if (ips.length > 2) errs.push(invalidGo('spec.clusterIPs', ipsGo, 'may only hold up to 2 values'));
  if (bad) return errs;
  if (ips.length > 1 && isIPv4(ips[0] ?? '') === isIPv4(ips[1] ?? '')) errs.push(invalidGo('spec.clusterIPs', ipsGo, 'may specify no more than one IP for each IP family'));
  if (!isHeadless(s)) {
    ips.forEach((ip, i) => {
      const fam = s.ipFamilies?.[i];
      if (fam === 'IPv4' && isIPv6(ip)) errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (fam === 'IPv6' && !isIPv6(ip)) errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

function goServicePortKey(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

/** ValidateService, in upstream's order. */
function validateService(obj: KubeObject): FieldError[] {
  const s = serviceSpec(obj);
  const errs = validateMetaMaps(obj.metadata);
  const ps = ports(s);
  const headless = isHeadless(s);
  if (ps.length === 0 && !headless && s.type !== 'ExternalName') errs.push(required('spec.ports'));
  if (s.type === 'LoadBalancer' || s.type === 'NodePort') {
    if (headless) errs.push(invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${s.type} services`));
    if (s.type === 'LoadBalancer') {
      ps.forEach((p, i) => {
        if (p.port === 10250) errs.push(invalid(`spec.ports[${i}]`, 10250, 'may not expose port 10250 externally since it is used by kubelet'));
      });
    }
  } else if (s.type === 'ExternalName') {
    if (s.clusterIPs?.length) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (s.ipFamilies?.length) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (s.ipFamilyPolicy) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = (s.externalName ?? '').replace(/\.$/, '');
    if (cname) for (const m of isDNS1123Subdomain(cname)) errs.push(invalid('spec.externalName', cname, m));
    else errs.push(required('spec.externalName'));
  }
  const names = new Set<string>();
  ps.forEach((p, i) => {
    const at = `spec.ports[${i}]`;
    const name = typeof p.name === 'string' ? p.name : '';
    if (ps.length > 1 && !name) errs.push(required(`${at}.name`));
    else if (name) {
      for (const m of isDNS1123Label(name)) errs.push(invalid(`${at}.name`, name, m));
      if (names.has(name)) errs.push(duplicate(`${at}.name`, name));
      else names.add(name);
    }
    const port = typeof p.port === 'number' ? p.port : 0;
    for (const m of isValidPortNum(port)) errs.push(invalid(`${at}.port`, port, m));
    const protocol = typeof p.protocol === 'string' ? p.protocol : '';
    if (!protocol) errs.push(required(`${at}.protocol`));
    else if (!['SCTP', 'TCP', 'UDP'].includes(protocol)) errs.push(notSupported(`${at}.protocol`, protocol, ['SCTP', 'TCP', 'UDP']));
    errs.push(...validatePortNumOrName(p.targetPort, `${at}.targetPort`));
  });
  if (s.selector) errs.push(...validateLabels(s.selector, 'spec.selector'));
  if (!s.sessionAffinity) errs.push(required('spec.sessionAffinity'));
  else if (!['ClientIP', 'None'].includes(s.sessionAffinity)) errs.push(notSupported('spec.sessionAffinity', s.sessionAffinity, ['ClientIP', 'None']));
  if (s.sessionAffinity === 'None' && s.sessionAffinityConfig) errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  errs.push(...validateClusterIPs(s));
  (s.externalIPs ?? []).forEach((ip, i) => {
    if (!isIPv4(ip) && !isIPv6(ip)) errs.push(invalid(`spec.externalIPs[${i}]`, ip, IP_MSG));
  });
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (!s.type) errs.push(required('spec.type'));
  else if (!types.includes(s.type)) errs.push(notSupported('spec.type', s.type, types));
  if (s.type === 'ClusterIP') {
    ps.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  const portKeys = new Set<string>();
  ps.forEach((p, i) => {
    if (p.nodePort) {
      const key = `${String(p.protocol)}/${String(p.nodePort)}`;
      if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
      nodePorts.add(key);
    }
    const key = `${String(p.protocol)}/${String(p.port)}`;
    if (portKeys.has(key)) errs.push({ ...invalidGo(`spec.ports[${i}]`, goServicePortKey(String(p.protocol ?? ''), Number(p.port ?? 0)), ''), type: 'FieldValueDuplicate' });
    portKeys.add(key);
  });
  if (!externallyAccessible(s)) {
    if (s.externalTrafficPolicy) errs.push(invalid('spec.externalTrafficPolicy', s.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  } else if (!s.externalTrafficPolicy) errs.push(required('spec.externalTrafficPolicy'));
  else if (!['Cluster', 'Local'].includes(s.externalTrafficPolicy)) errs.push(notSupported('spec.externalTrafficPolicy', s.externalTrafficPolicy, ['Cluster', 'Local']));
  if (!s.internalTrafficPolicy && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(s.type ?? '')) errs.push(required('spec.internalTrafficPolicy'));
  if (s.internalTrafficPolicy && !['Cluster', 'Local'].includes(s.internalTrafficPolicy)) errs.push(notSupported('spec.internalTrafficPolicy', s.internalTrafficPolicy, ['Cluster', 'Local']));
  return errs;
}

/** validateUpgradeDowngradeClusterIPs: the primary ClusterIP never changes once allocated. */
function validateServiceUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const s = serviceSpec(obj);
  const o = (asRecord(old.spec) ?? {}) as ServiceSpec;
  if (s.type === 'ExternalName' || o.type === 'ExternalName' || (isHeadless(s) && isHeadless(o))) return [];
  const next = s.clusterIPs ?? [];
  const prev = o.clusterIPs ?? [];
  const go = goStringSlice(s.clusterIPs);
  const errs: FieldError[] = [];
  if (next.length === prev.length) {
    prev.forEach((ip, i) => {
      if (ip !== next[i]) errs.push(invalidGo(`spec.clusterIPs[${i}]`, go, 'may not change once set'));
    });
  } else if (prev.length > next.length) {
    if (next.length === 0) errs.push(invalidGo('spec.clusterIPs[0]', go, 'primary clusterIP can not be unset'));
    else if (next[0] !== prev[0]) errs.push(invalidGo('spec.clusterIPs[0]', go, 'may not change once set'));
  } else if (prev.length > 0 && next[0] !== prev[0]) errs.push(invalidGo('spec.clusterIPs[0]', go, 'may not change once set'));
  return errs;
}

const validation = goAwareValidation(validateService, validateServiceUpdate, (o) => metaNameErrors(serviceType)(o));

export const serviceType: ResourceType = {
  kind: 'Service',
  group: '',
  version: 'v1',
  plural: 'services',
  singular: 'service',
  shortNames: ['svc'],
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  tracksGeneration: false,
  nameRule: 'dns1035Label',
  verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  strategy: {
    defaults,
    prepareForCreate(obj) {
      obj.status = { loadBalancer: {} };
    },
    prepareForUpdate: dropTypeDependentFields,
    validate: validation.validate,
    validateUpdate: validation.validateUpdate,
  },
};

export const endpointsType: ResourceType = {
  kind: 'Endpoints',
  group: '',
  version: 'v1',
  plural: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  // Kubernetes 1.33 deprecated v1 Endpoints in favour of EndpointSlices (KEP-4974).
  warning: 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
  namespaced: true,
  categories: [],
  statusSubresource: false,
  tracksGeneration: false,
  nameRule: 'dns1123Subdomain',
  verbs: ALL_VERBS,
  strategy: {
    /** SetDefaults_Endpoints: subset ports default to TCP. */
    defaults(obj) {
      for (const ss of Array.isArray(obj.subsets) ? obj.subsets : []) {
        for (const p of Array.isArray(asRecord(ss)?.ports) ? (asRecord(ss)?.ports as unknown[]) : []) {
          const port = asRecord(p);
          if (port && !port.protocol) port.protocol = 'TCP';
        }
      }
    },
    validate: (obj) => validateMetaMaps(obj.metadata),
  },
};
