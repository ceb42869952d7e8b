import type {
  Container,
  ContainerPort,
  ContainerState,
  ContainerStatus,
  EnvVar,
  Pod,
  Probe,
  ResourceRequirements,
} from 'kubernetes-types/core/v1';
import { parseQuantity } from '../../engine/apimachinery/quantity';
import { formatTime, printBool, quantity, sortedKeys } from './format';
import { goSort } from './gosort';
import type { PrefixWriter } from './writer';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './writer';

/**
 * The Containers / Init Containers blocks of describe (describeContainers and its helpers): one
 * block per container with its status, resources, probes, environment and mounts. Pod templates
 * print the same blocks without status and with a deeper name indent.
 */

/** EnvVarResolverFunc: the value a fieldRef resolves to (pods only; templates print it empty). */
export type EnvResolver = (e: EnvVar) => string;

export function describeContainers(
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  resolver: EnvResolver | undefined,
  w: PrefixWriter,
  space: string,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    describeBasicInfo(c, status, space, w);
    describeCommand(c, w);
    if (status) describeContainerState(status, w);
    describeResources(c.resources, w, LEVEL_2);
    describeProbes(c, w);
    if (c.envFrom && c.envFrom.length > 0) describeEnvFrom(c, w);
    describeEnvVars(c, resolver, w);
    describeMounts(c, w);
  }
}

function describeBasicInfo(
  c: Container,
  status: ContainerStatus | undefined,
  space: string,
  w: PrefixWriter,
): void {
  w.write(LEVEL_1, `${space ? ' ' : ''}${c.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
  const ports = portsString(c.ports, (p) => p.containerPort);
  if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
  else w.write(LEVEL_2, `Port:\t${ports || '<none>'}\n`);
  const hostPorts = portsString(c.ports, (p) => p.hostPort ?? 0);
  if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
  else w.write(LEVEL_2, `Host Port:\t${hostPorts || '<none>'}\n`);
  const seccomp = c.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost')
      w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

function portsString(
  ports: readonly ContainerPort[] | undefined,
  pick: (p: ContainerPort) => number,
): string {
  return (ports ?? []).map((p) => `${pick(p)}/${p.protocol ?? ''}`).join(', ');
}

function describeCommand(c: Container, w: PrefixWriter): void {
  if (c.command && c.command.length > 0) {
    w.write(LEVEL_2, 'Command:\n');
    for (const part of c.command) for (const s of part.split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
  if (c.args && c.args.length > 0) {
    w.write(LEVEL_2, 'Args:\n');
    for (const part of c.args) for (const s of part.split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
}

/** describeResources: Limits then Requests, each resource name sorted. */
export function describeResources(r: ResourceRequirements | undefined, w: PrefixWriter, level: number): void {
  if (!r) return;
  const limits = sortedKeys(r.limits);
  if (limits.length > 0) w.write(level, 'Limits:\n');
  for (const name of limits) w.write(level + 1, `${name}:\t${quantity(r.limits?.[name])}\n`);
  const requests = sortedKeys(r.requests);
  if (requests.length > 0) w.write(level, 'Requests:\n');
  for (const name of requests) w.write(level + 1, `${name}:\t${quantity(r.requests?.[name])}\n`);
}

function describeContainerState(status: ContainerStatus, w: PrefixWriter): void {
  describeStatus('State', status.state, w);
  if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w);
  w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

function describeStatus(name: string, state: ContainerState | undefined, w: PrefixWriter): void {
  if (state?.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatTime(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatTime(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatTime(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

function describeProbes(c: Container, w: PrefixWriter): void {
  if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

/** net.JoinHostPort: IPv6 hosts are bracketed. */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** DescribeProbe: `http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const port = String(g.port ?? '');
    const host = port.length > 0 ? joinHostPort(g.host ?? '', port) : (g.host ?? '');
    const scheme = (g.scheme ?? '').toLowerCase();
    // url.URL.String(): scheme "://" host path, the path escaped as a URL path.
    let url = scheme ? `${scheme}:` : '';
    if ((scheme || host) && (host || g.path)) url += `//${host}`;
    const path = g.path ?? '';
    if (path && !path.startsWith('/') && host) url += '/';
    url += encodeURI(path).replace(/%25/g, '%');
    return `http-get ${url} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port ?? '')} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeEnvFrom(c: Container, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const e of c.envFrom ?? []) {
    let from = '';
    let name = '';
    let optional = false;
    if (e.configMapRef) {
      from = 'ConfigMap';
      name = e.configMapRef.name ?? '';
      optional = e.configMapRef.optional === true;
    } else if (e.secretRef) {
      from = 'Secret';
      name = e.secretRef.name ?? '';
      optional = e.secretRef.optional === true;
    }
    if (!e.prefix) w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
    else w.write(LEVEL_3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}

function describeEnvVars(c: Container, resolver: EnvResolver | undefined, w: PrefixWriter): void {
  const env = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '')
        .split('\n')
        .forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      continue;
    }
    if (from.fieldRef) {
      const value = resolver ? resolver(e) : '';
      w.write(
        LEVEL_3,
        `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath})\n`,
      );
    } else if (from.resourceFieldRef) {
      const resource = from.resourceFieldRef.resource;
      let value = containerResourceValue(resource, from.resourceFieldRef.divisor, c);
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory'))
        value = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${ref.key}' in secret '${ref.name ?? ''}'>\tOptional: ${ref.optional === true}\n`,
      );
    } else if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${ref.key}' of config map '${ref.name ?? ''}'>\tOptional: ${ref.optional === true}\n`,
      );
    }
  }
}

/** resourcehelper.ExtractContainerResourceValue: the container's own request or limit, over the divisor. */
function containerResourceValue(
  resource: string,
  divisor: string | number | undefined,
  c: Container,
): string {
  const [kind, name] = resource.split('.', 2) as [string, string | undefined];
  const bag =
    kind === 'limits' ? c.resources?.limits : kind === 'requests' ? c.resources?.requests : undefined;
  if (!name || (kind !== 'limits' && kind !== 'requests')) return '';
  const raw = bag?.[name];
  const q = raw === undefined ? parseQuantity('0') : parseQuantity(String(raw));
  const d = parseQuantity(
    divisor === undefined || parseQuantity(String(divisor)).isZero() ? '1' : String(divisor),
  );
  if (name === 'cpu') return String(Math.ceil(q.milliValue() / d.milliValue()));
  return String(Math.ceil(q.value() / d.value()));
}

function describeMounts(c: Container, w: PrefixWriter): void {
  const mounts = c.volumeMounts ?? [];
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of goSort([...mounts], (a, b) => a.mountPath < b.mountPath)) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices = c.volumeDevices ?? [];
  if (devices.length > 0) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of goSort([...devices], (a, b) => a.devicePath < b.devicePath))
      w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
  }
}

/** EnvValueRetriever: kubectl's fieldpath resolves only object metadata; other paths print empty. */
export function envValueRetriever(pod: Pod): EnvResolver {
  return (e) => {
    const path = e.valueFrom?.fieldRef?.fieldPath ?? '';
    const meta = pod.metadata ?? {};
    const sub = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/.exec(path);
    if (sub) {
      const bag = sub[1] === 'metadata.labels' ? meta.labels : meta.annotations;
      return bag?.[sub[2]!] ?? '';
    }
    switch (path) {
      case 'metadata.name':
        return meta.name ?? '';
      case 'metadata.namespace':
        return meta.namespace ?? '';
      case 'metadata.uid':
        return meta.uid ?? '';
      case 'metadata.labels':
        return formatMap(meta.labels);
      case 'metadata.annotations':
        return formatMap(meta.annotations);
      default:
        return '';
    }
  };
}

function formatMap(m: Readonly<Record<string, string>> | undefined): string {
  return sortedKeys(m)
    .map((k) => `${k}=${JSON.stringify(m?.[k] ?? '')}`)
    .join('\n');
}
