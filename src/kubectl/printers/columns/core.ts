import type { ConfigMap, Endpoints, Event, Namespace, Node, Secret, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { formatLabels } from '../../../engine/apimachinery/labels';
import type { KubeObject } from '../../../engine/api/types';
import type { Cell, KindPrinter, PrintContext } from './common';
import { age, AGE, NAME, since, wide } from './common';

/** The printers of the core kinds other than pods (printService, printNode, printEvent, ...). */

const LOAD_BALANCER_WIDTH = 16;

function loadBalancerStatus(svc: Service, wideOutput: boolean): string {
  const set = new Set<string>();
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  let r = [...set].sort().join(',');
  if (!wideOutput && r.length > LOAD_BALANCER_WIDTH) r = r.slice(0, LOAD_BALANCER_WIDTH - 3) + '...';
  return r;
}

function externalIP(svc: Service, wideOutput: boolean): string {
  const ext = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? '') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatus(svc, wideOutput);
      if (ext.length) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function portString(svc: Service): string {
  return (svc.spec?.ports ?? [])
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`))
    .join(',');
}

export const servicePrinter: KindPrinter = {
  columns: [NAME, { name: 'Type' }, { name: 'Cluster-IP' }, { name: 'External-IP' }, { name: 'Port(s)' }, AGE, wide('Selector')],
  row(obj: KubeObject, ctx: PrintContext): Cell[] {
    const svc = obj as unknown as Service;
    const cells: Cell[] = [
      obj.metadata.name,
      svc.spec?.type ?? '',
      svc.spec?.clusterIPs?.[0] ?? '<none>',
      externalIP(svc, ctx.wide),
      portString(svc) || '<none>',
      age(obj, ctx),
    ];
    if (ctx.wide) cells.push(formatLabels(svc.spec?.selector));
    return cells;
  },
};

/** formatEndpoints: the first three `ip:port` pairs, then `+ N more...`. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports?.length) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${port.port}` : `${a.ip}:${port.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsPrinter: KindPrinter = {
  columns: [NAME, { name: 'Endpoints' }, AGE],
  row: (obj, ctx) => [obj.metadata.name, formatEndpoints(obj as unknown as Endpoints), age(obj, ctx)],
};

const ROLE_PREFIX = 'node-role.kubernetes.io/';

export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

/** The node STATUS cell: `Ready`, `NotReady`, `Unknown`, plus `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').pop();
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeAddress(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

export const nodePrinter: KindPrinter = {
  columns: [
    NAME,
    { name: 'Status' },
    { name: 'Roles' },
    AGE,
    { name: 'Version' },
    wide('Internal-IP'),
    wide('External-IP'),
    wide('OS-Image'),
    wide('Kernel-Version'),
    wide('Container-Runtime'),
  ],
  row(obj: KubeObject, ctx: PrintContext): Cell[] {
    const node = obj as unknown as Node;
    const info = node.status?.nodeInfo;
    const cells: Cell[] = [obj.metadata.name, nodeStatus(node), nodeRoles(node).join(',') || '<none>', age(obj, ctx), info?.kubeletVersion ?? ''];
    if (ctx.wide) {
      cells.push(
        nodeAddress(node, 'InternalIP'),
        nodeAddress(node, 'ExternalIP'),
        info?.osImage || '<unknown>',
        info?.kernelVersion || '<unknown>',
        info?.containerRuntimeVersion || '<unknown>',
      );
    }
    return cells;
  },
};

export const namespacePrinter: KindPrinter = {
  columns: [NAME, { name: 'Status' }, AGE],
  row: (obj, ctx) => [obj.metadata.name, (obj as unknown as Namespace).status?.phase ?? '', age(obj, ctx)],
};

function eventSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: KindPrinter = {
  columns: [
    { name: 'Last Seen' },
    { name: 'Type' },
    { name: 'Reason' },
    { name: 'Object' },
    wide('Subobject'),
    wide('Source'),
    { name: 'Message' },
    wide('First Seen'),
    wide('Count'),
    { name: 'Name', priority: 1, format: 'name' },
  ],
  row(obj: KubeObject, ctx: PrintContext): Cell[] {
    const ev = obj as unknown as Event;
    const first = ev.firstTimestamp ? since(ev.firstTimestamp, ctx.now) : since(ev.eventTime, ctx.now);
    let last = ev.lastTimestamp ? since(ev.lastTimestamp, ctx.now) : first;
    let count = ev.count ?? 0;
    if (ev.series) {
      last = since(ev.series.lastObservedTime, ctx.now);
      count = ev.series.count ?? 0;
    } else if (count === 0) count = 1;
    const io = ev.involvedObject;
    const target = io?.name ? `${(io.kind ?? '').toLowerCase()}/${io.name}` : (io?.kind ?? '').toLowerCase();
    const message = (ev.message ?? '').trim();
    if (!ctx.wide) return [last, ev.type ?? '', ev.reason ?? '', target, message];
    return [last, ev.type ?? '', ev.reason ?? '', target, io?.fieldPath ?? '', eventSource(ev), message, first, count, obj.metadata.name];
  },
};

export const configMapPrinter: KindPrinter = {
  columns: [NAME, { name: 'Data' }, AGE],
  row(obj, ctx) {
    const cm = obj as unknown as ConfigMap;
    return [obj.metadata.name, Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, age(obj, ctx)];
  },
};

export const secretPrinter: KindPrinter = {
  columns: [NAME, { name: 'Type' }, { name: 'Data' }, AGE],
  row(obj, ctx) {
    const s = obj as unknown as Secret;
    return [obj.metadata.name, s.type ?? '', Object.keys(s.data ?? {}).length, age(obj, ctx)];
  },
};

export const serviceAccountPrinter: KindPrinter = {
  columns: [NAME, { name: 'Secrets' }, AGE],
  row: (obj, ctx) => [obj.metadata.name, (obj as unknown as ServiceAccount).secrets?.length ?? 0, age(obj, ctx)],
};

export const leasePrinter: KindPrinter = {
  columns: [NAME, { name: 'Holder' }, AGE],
  row: (obj, ctx) => [obj.metadata.name, (obj as unknown as Lease).spec?.holderIdentity ?? '', age(obj, ctx)],
};

/** The default handler for kinds without their own: NAME and AGE. */
export const genericPrinter: KindPrinter = {
  columns: [NAME, AGE],
  row: (obj, ctx) => [obj.metadata.name, age(obj, ctx)],
};
