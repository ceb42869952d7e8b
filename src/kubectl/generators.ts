import type { ObjectInput } from '../engine/api/types';
import { regexError } from '../engine/apimachinery/validation';
import type { Random } from '../engine/random';
import { KubectlError } from './errors';

/**
 * The objects kubectl's imperative commands build (pkg/cmd/create/*.go, run.go, expose's
 * service/v2 generator), field for field as the Go structs serialize them: that is why
 * `creationTimestamp: null`, `strategy: {}`, `resources: {}` and `status: {}` appear in
 * `--dry-run=client -o yaml`. Keys are inserted in the structs' field order, which is the order
 * `-o json` prints typed objects in.
 */

type Obj = Record<string, unknown>;

function meta(
  name: string,
  namespace: string | undefined,
  labels?: Record<string, string>,
  annotations?: Record<string, string>,
): Obj {
  const m: Obj = { name };
  if (namespace) m.namespace = namespace;
  m.creationTimestamp = null;
  if (labels && Object.keys(labels).length) m.labels = labels;
  if (annotations && Object.keys(annotations).length) m.annotations = annotations;
  return m;
}

// ------------------------------------------------------------------------------ create deployment

export interface DeploymentOptions {
  name: string;
  images: readonly string[];
  replicas: number;
  /** -1 (kubectl's default) leaves the container without ports. */
  port: number;
  command: readonly string[];
  namespace?: string;
}

/** createDeployment: label `app=NAME`, one container per image named after the image. */
export function deploymentFor(o: DeploymentOptions, random: Random): ObjectInput {
  const labels = { app: o.name };
  const containers = o.images.map((image) => {
    const c: Obj = { name: containerNameFor(image, random), image };
    if (o.command.length) c.command = [...o.command];
    c.resources = {};
    return c;
  });
  if (o.port >= 0 && containers.length) {
    const first = containers[0]!;
    const { resources } = first;
    delete first.resources;
    first.ports = [{ containerPort: o.port }];
    first.resources = resources;
  }
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: meta(o.name, o.namespace, labels),
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
      strategy: {},
    },
    status: {},
  } as ObjectInput;
}

/** buildPodSpec: the image's last path part without tag or digest; `.`/`_` become `-` plus a random suffix. */
function containerNameFor(image: string, random: Random): string {
  let name = image.split('/').pop() ?? image;
  if (name.includes(':')) name = name.split(':')[0]!;
  if (name.includes('@')) name = name.split('@')[0]!;
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${random.string(5)}`;
  return name;
}

// ------------------------------------------------------------------------------ namespace, sa

export function namespaceFor(name: string): ObjectInput {
  return {
    kind: 'Namespace',
    apiVersion: 'v1',
    metadata: meta(name, undefined),
    spec: {},
    status: {},
  } as ObjectInput;
}

export function serviceAccountFor(name: string, namespace?: string): ObjectInput {
  return { kind: 'ServiceAccount', apiVersion: 'v1', metadata: meta(name, namespace) } as ObjectInput;
}

// ------------------------------------------------------------------------------ configmap, secret

/** A key=value (or key=file) source after reading files: what --from-literal/--from-file produce. */
export interface DataSource {
  key: string;
  value: string;
}

/** util.ParseLiteralSource: split at the first `=`; a leading `=` or none at all is an error. */
export function parseLiteralSource(source: string): DataSource {
  const i = source.indexOf('=');
  if (i <= 0) throw new KubectlError(`invalid literal source ${source}, expected key=value`);
  return { key: source.slice(0, i), value: source.slice(i + 1) };
}

/** util.ParseFileSource: `path` (key = basename) or `key=path`. */
export function parseFileSource(source: string): { key: string; path: string } {
  const n = source.split('=').length - 1;
  if (n === 0) return { key: source.split('/').filter(Boolean).pop() ?? source, path: source };
  if (n === 1 && source.startsWith('='))
    throw new KubectlError(`key name for file path ${source.slice(1)} missing`);
  if (n === 1 && source.endsWith('='))
    throw new KubectlError(`file path for key name ${source.slice(0, -1)} missing`);
  if (n > 1) throw new KubectlError("key names or file paths cannot contain '='");
  const [key, path] = source.split('=') as [string, string];
  return { key, path };
}

/** IsConfigMapKey (the rule for Secret keys too). */
export function configMapKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
    errs.push(
      regexError(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
        '[-._a-zA-Z0-9]+',
        'key.name',
        'KEY_NAME',
        'key-name',
      ),
    );
  }
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

export function configMapFor(name: string, data: readonly DataSource[], namespace?: string): ObjectInput {
  const d: Record<string, string> = {};
  for (const s of data) {
    const errs = configMapKeyErrors(s.key);
    if (errs.length)
      throw new KubectlError(`"${s.key}" is not a valid key name for a ConfigMap: ${errs.join(',')}`);
    if (s.key in d) {
      throw new KubectlError(
        `cannot add key "${s.key}", another key by that name already exists in Data for ConfigMap "${name}"`,
      );
    }
    d[s.key] = s.value;
  }
  const cm: Obj = { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta(name, namespace) };
  if (Object.keys(d).length) cm.data = d;
  return cm as ObjectInput;
}

export function secretFor(
  name: string,
  type: string,
  data: readonly DataSource[],
  namespace?: string,
): ObjectInput {
  const d: Record<string, string> = {};
  for (const s of data) {
    const errs = configMapKeyErrors(s.key);
    if (errs.length)
      throw new KubectlError(`"${s.key}" is not valid key name for a Secret ${errs.join(';')}`);
    if (s.key in d)
      throw new KubectlError(`cannot add key ${s.key}, another key by that name already exists`);
    d[s.key] = base64(s.value);
  }
  const secret: Obj = { kind: 'Secret', apiVersion: 'v1', metadata: meta(name, namespace) };
  if (Object.keys(d).length) secret.data = d;
  if (type) secret.type = type;
  return secret as ObjectInput;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 of the UTF-8 bytes, as encoding/json writes a []byte. */
export function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += b === undefined ? '=' : B64[(n >> 6) & 63]!;
    out += c === undefined ? '=' : B64[n & 63]!;
  }
  return out;
}

// ------------------------------------------------------------------------------ create service

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface ServiceOptions {
  name: string;
  type: ServiceType;
  tcp: readonly string[];
  nodePort?: number;
  clusterIP?: string;
  externalName?: string;
  namespace?: string;
}

/** create service: ports named `80-8080`, label and selector `app=NAME`. */
export function serviceFor(o: ServiceOptions): ObjectInput {
  const ports = o.tcp.map((spec) => {
    const { port, targetPort } = parseServicePorts(spec);
    const p: Obj = { name: spec.replace(/:/g, '-'), protocol: 'TCP', port, targetPort };
    if (o.nodePort) p.nodePort = o.nodePort;
    return p;
  });
  const spec: Obj = {};
  if (ports.length) spec.ports = ports;
  spec.selector = { app: o.name };
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  spec.type = o.type;
  if (o.externalName) spec.externalName = o.externalName;
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: meta(o.name, o.namespace, { app: o.name }),
    spec,
    status: { loadBalancer: {} },
  } as ObjectInput;
}

/** parsePorts: `port[:targetPort]`, the target a number or a port name. */
function parseServicePorts(spec: string): { port: number; targetPort: number | string } {
  const [p, t] = spec.split(':') as [string, string | undefined];
  if (!/^\d+$/.test(p))
    throw new KubectlError(`strconv.ParseUint: parsing ${JSON.stringify(p)}: invalid syntax`);
  const port = Number(p);
  if (port > 65535)
    throw new KubectlError(`strconv.ParseUint: parsing ${JSON.stringify(p)}: value out of range`);
  if (t === undefined) return { port, targetPort: port };
  if (/^[+-]?\d+$/.test(t)) {
    const n = Number(t);
    if (n < 1 || n > 65535) throw new KubectlError('must be between 1 and 65535, inclusive');
    return { port, targetPort: n };
  }
  const errs = portNameErrors(t);
  if (errs.length) throw new KubectlError(errs.join(','));
  return { port, targetPort: t };
}

/** IsValidPortName (an IANA_SVC_NAME). */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

// ------------------------------------------------------------------------------ run

export interface RunOptions {
  name: string;
  image: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  env: ReadonlyArray<{ name: string; value: string }>;
  args: readonly string[];
  command: boolean;
  port?: number;
  restartPolicy: string;
  imagePullPolicy?: string;
  privileged: boolean;
  stdin: boolean;
  tty: boolean;
  namespace?: string;
}

/** run.go createPod: one container named NAME; args or command from what follows `--`. */
export function podFor(o: RunOptions): ObjectInput {
  const c: Obj = { name: o.name, image: o.image };
  if (o.args.length && o.command) c.command = [...o.args];
  if (o.args.length && !o.command) c.args = [...o.args];
  if (o.port !== undefined) c.ports = [{ containerPort: o.port }];
  if (o.env.length) c.env = o.env.map((e) => ({ name: e.name, value: e.value }));
  c.resources = {};
  if (o.imagePullPolicy) c.imagePullPolicy = o.imagePullPolicy;
  if (o.privileged) c.securityContext = { privileged: true };
  if (o.stdin) c.stdin = true;
  if (o.stdin) c.stdinOnce = true;
  if (o.tty) c.tty = true;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: meta(o.name, o.namespace, o.labels, o.annotations),
    spec: { containers: [c], restartPolicy: o.restartPolicy, dnsPolicy: 'ClusterFirst' },
    status: {},
  } as ObjectInput;
}

/** run --expose: a ClusterIP service on --port selecting the pod's labels. */
export function runServiceFor(
  name: string,
  port: number,
  selector: Record<string, string>,
  userLabels: Record<string, string>,
  namespace?: string,
): ObjectInput {
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: meta(name, namespace, userLabels),
    spec: { ports: [{ protocol: 'TCP', port, targetPort: port }], selector },
    status: { loadBalancer: {} },
  } as ObjectInput;
}

// ------------------------------------------------------------------------------ expose

export interface ExposeOptions {
  name: string;
  selector: Record<string, string>;
  labels: Record<string, string>;
  /** Ports as strings, as the generator gets them: from --port or from the exposed object. */
  ports: readonly string[];
  protocol?: string;
  /** Protocol per port from the exposed object (ProtocolsForObject). */
  protocols: Record<string, string>;
  targetPort?: string;
  type?: string;
  clusterIP?: string;
  externalIP?: string;
  loadBalancerIP?: string;
  sessionAffinity?: string;
  namespace?: string;
}

/** The service/v2 generator: one unnamed port, or `port-1`, `port-2`... when several. */
export function exposeServiceFor(o: ExposeOptions): ObjectInput {
  const ports = o.ports.map((p, i) => {
    const port: Obj = {};
    if (o.ports.length > 1) port.name = `port-${i + 1}`;
    port.protocol = o.protocol || o.protocols[p] || 'TCP';
    port.port = Number(p);
    const t = o.targetPort;
    port.targetPort = t ? (/^-?\d+$/.test(t) ? Number(t) : t) : Number(p);
    return port;
  });
  const spec: Obj = {};
  if (ports.length) spec.ports = ports;
  spec.selector = o.selector;
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  if (o.type) spec.type = o.type;
  if (o.externalIP) spec.externalIPs = [o.externalIP];
  if (o.sessionAffinity) spec.sessionAffinity = o.sessionAffinity;
  if (o.type === 'LoadBalancer' && o.loadBalancerIP) spec.loadBalancerIP = o.loadBalancerIP;
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: meta(o.name, o.namespace, o.labels),
    spec,
    status: { loadBalancer: {} },
  } as ObjectInput;
}
