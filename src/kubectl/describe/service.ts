import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../engine/api/apiserver';
import { formatLabels } from '../../engine/apimachinery/labels';
import { describeEvents, refOf, searchEvents } from './events';
import { printAnnotationsMultiline, printLabelsMultiline } from './format';
import type { DescribeSettings } from './pod';
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbedString } from './writer';

/** `kubectl describe service` and `kubectl describe endpoints`. */

type Obj = { kind?: string; metadata: { name: string; namespace?: string; uid?: string } };

/** One EndpointSlice's worth of data: ports and endpoints with their readiness. */
interface Slice {
  ports: Array<{ name: string; port: number }>;
  endpoints: Array<{ address: string; ready: boolean }>;
}

/**
 * kubectl v1.33 reads a Service's endpoints from its EndpointSlices. The simulated cluster keeps
 * the equivalent Endpoints object, whose subsets carry the same ports and (not-)ready addresses: a
 * subset reads as one slice. A Service with an Endpoints object but no ready address prints an
 * empty value, as a Service whose slices are empty does; without one it prints `<none>`.
 */
function slicesOf(ep: Endpoints | undefined): Slice[] {
  if (!ep) return [];
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return [{ ports: [], endpoints: [] }];
  return subsets.map((s) => ({
    ports: (s.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port })),
    endpoints: [
      ...(s.addresses ?? []).map((a) => ({ address: a.ip, ready: true })),
      ...(s.notReadyAddresses ?? []).map((a) => ({ address: a.ip, ready: false })),
    ],
  }));
}

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** formatEndpointSlices: ready `ip:port`s of the named port, three at most, then `+ N more...`. */
function formatEndpointSlices(slices: readonly Slice[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const slice of slices) {
    if (slice.ports.length === 0) {
      for (const e of slice.endpoints) {
        if (list.length === max) more = true;
        if (!e.ready) continue;
        if (!more) list.push(e.address);
        count++;
      }
      continue;
    }
    for (const port of slice.ports) {
      if (port.name !== portName) continue;
      for (const e of slice.endpoints) {
        if (list.length === max) more = true;
        if (!e.ready) continue;
        if (!more) list.push(joinHostPort(e.address, port.port));
        count++;
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export function describeService(
  api: ApiServer,
  namespace: string,
  name: string,
  settings: DescribeSettings,
  now: number,
): string {
  const svc = api.get<Service & Obj>('Service', namespace, name);
  const slices = slicesOf(api.tryGet<Endpoints>('Endpoints', namespace, name));
  const events = settings.showEvents ? searchEvents(api, refOf(svc)) : undefined;
  const spec = svc.spec ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', svc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(
      LEVEL_0,
      `IP Families:\t${spec.ipFamilies && spec.ipFamilies.length > 0 ? spec.ipFamilies.join(',') : '<none>'}\n`,
    );
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
    w.write(
      LEVEL_0,
      `IPs:\t${spec.clusterIPs && spec.clusterIPs.length > 0 ? spec.clusterIPs.join(',') : '<none>'}\n`,
    );
    if (spec.externalIPs && spec.externalIPs.length > 0)
      w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    const ingress = svc.status?.loadBalancer?.ingress ?? [];
    if (ingress.length > 0) {
      const list = ingress
        .map((i) => (i.ip ? i.ip + (i.ipMode ? ` (${i.ipMode})` : '') : (i.hostname ?? '')))
        .join(', ');
      w.write(LEVEL_0, `LoadBalancer Ingress:\t${list}\n`);
    }
    for (const sp of spec.ports ?? []) {
      const portName = sp.name || '<unset>';
      const proto = sp.protocol ?? '';
      w.write(LEVEL_0, `Port:\t${portName}\t${sp.port}/${proto}\n`);
      w.write(LEVEL_0, `TargetPort:\t${sp.targetPort ?? ''}/${proto}\n`);
      if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${portName}\t${sp.nodePort}/${proto}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, sp.name ?? '')}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
    if (spec.externalTrafficPolicy)
      w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy)
      w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if (spec.loadBalancerSourceRanges && spec.loadBalancerSourceRanges.length > 0) {
      w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
    }
    if (spec.trafficDistribution) w.write(LEVEL_0, `Traffic Distribution:\t${spec.trafficDistribution}\n`);
    if (events) describeEvents(events, w, now);
  });
}

export function describeEndpoints(
  api: ApiServer,
  namespace: string,
  name: string,
  settings: DescribeSettings,
  now: number,
): string {
  const ep = api.get<Endpoints & Obj>('Endpoints', namespace, name);
  const events = settings.showEvents ? searchEvents(api, refOf(ep)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ep.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ep.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ep.metadata.annotations);
    w.write(LEVEL_0, 'Subsets:\n');
    for (const s of ep.subsets ?? []) {
      w.write(LEVEL_1, `Addresses:\t${(s.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
      w.write(
        LEVEL_1,
        `NotReadyAddresses:\t${(s.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`,
      );
      if (s.ports && s.ports.length > 0) {
        w.write(LEVEL_1, 'Ports:\n');
        w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
        w.write(LEVEL_2, '----\t----\t--------\n');
        for (const p of s.ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`);
      }
      w.write(LEVEL_0, '\n');
    }
    if (events) describeEvents(events, w, now);
  });
}
