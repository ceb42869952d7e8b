import { describe, expect, it } from 'vitest';
import type { Endpoints, Pod } from 'kubernetes-types/core/v1';
import type { ObjectInput, Stored } from '../api/types';
import { clone } from '../api/types';
import { rfc3339 } from '../clock';
import type { ClusterContext } from '../cluster';
import { createContext } from '../cluster';
import { startEndpointsController } from './endpoints';

type PodObj = Stored<Pod>;

function epContext(): ClusterContext {
  const ctx = createContext({ seed: 1, bootstrap: false });
  ctx.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  startEndpointsController(ctx);
  return ctx;
}

interface PodOpts {
  labels?: Record<string, string>;
  ip?: string;
  ready?: boolean;
  phase?: string;
  node?: string;
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
  hostname?: string;
  subdomain?: string;
}

/** A pod as a kubelet reports it: bound, Running, with an IP and a Ready condition. */
function pod(ctx: ClusterContext, name: string, o: PodOpts = {}): PodObj {
  const created = ctx.api.create<PodObj>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: o.labels ?? { app: 'web' } },
    spec: {
      nodeName: o.node ?? 'node-1',
      ...(o.hostname ? { hostname: o.hostname } : {}),
      ...(o.subdomain ? { subdomain: o.subdomain } : {}),
      containers: [{ name: 'app', image: 'nginx:1.25', ...(o.ports ? { ports: o.ports } : {}) }],
    },
  });
  const next = clone(created);
  const now = rfc3339(ctx.clock.now());
  next.status = {
    phase: o.phase ?? 'Running',
    ...(o.ip === '' ? {} : { podIP: o.ip ?? '10.244.1.10', podIPs: [{ ip: o.ip ?? '10.244.1.10' }] }),
    conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: now }],
  };
  const updated = ctx.api.updateStatus<PodObj>(next as ObjectInput);
  ctx.clock.runDue();
  return updated;
}

function service(ctx: ClusterContext, name: string, spec: Record<string, unknown>, labels?: Record<string, string>): void {
  ctx.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) }, spec });
  ctx.clock.runDue();
}

const ep = (ctx: ClusterContext, name = 'web') => ctx.api.tryGet<Stored<Endpoints>>('Endpoints', 'default', name);
const ips = (addrs: ReadonlyArray<{ ip: string }> | undefined) => (addrs ?? []).map((a) => a.ip);

describe('endpoints controller', () => {
  it('[EP1] a Service with a selector gets Endpoints of its name: ready pods in addresses, the others in notReadyAddresses, sorted by IP', () => {
    const ctx = epContext();
    const a = pod(ctx, 'web-a', { ip: '10.244.2.5' });
    pod(ctx, 'web-b', { ip: '10.244.1.7', node: 'node-2' });
    pod(ctx, 'web-c', { ip: '10.244.1.30', ready: false });
    pod(ctx, 'other', { ip: '10.244.1.8', labels: { app: 'other' } });
    service(ctx, 'web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }, { tier: 'front' });
    const e = ep(ctx)!;
    expect(e.metadata.labels).toEqual({ tier: 'front' });
    expect(e.subsets).toHaveLength(1);
    expect(ips(e.subsets![0]!.addresses)).toEqual(['10.244.1.7', '10.244.2.5']);
    expect(ips(e.subsets![0]!.notReadyAddresses)).toEqual(['10.244.1.30']);
    expect(e.subsets![0]!.addresses![1]).toEqual({ ip: '10.244.2.5', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a', uid: a.metadata.uid } });
    expect(e.subsets![0]!.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    // A pod turning not ready moves over.
    const next = clone(ctx.api.get<PodObj>('Pod', 'default', 'web-a'));
    next.status!.conditions = [{ type: 'Ready', status: 'False' }];
    ctx.api.updateStatus(next as ObjectInput);
    ctx.clock.runDue();
    expect(ips(ep(ctx)!.subsets![0]!.addresses)).toEqual(['10.244.1.7']);
    expect(ips(ep(ctx)!.subsets![0]!.notReadyAddresses)).toEqual(['10.244.1.30', '10.244.2.5']);
  });

  it('[EP2] terminal pods, pods without an IP and terminating pods are left out', () => {
    const ctx = epContext();
    pod(ctx, 'ok', { ip: '10.244.1.2' });
    pod(ctx, 'done', { ip: '10.244.1.3', phase: 'Succeeded' });
    pod(ctx, 'failed', { ip: '10.244.1.4', phase: 'Failed' });
    pod(ctx, 'noip', { ip: '' });
    pod(ctx, 'leaving', { ip: '10.244.1.5' });
    service(ctx, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    expect(ips(ep(ctx)!.subsets![0]!.addresses)).toEqual(['10.244.1.2', '10.244.1.5']);
    ctx.api.delete('Pod', 'default', 'leaving');
    ctx.clock.runDue();
    expect(ep(ctx)!.subsets).toEqual([{ addresses: [expect.objectContaining({ ip: '10.244.1.2' })], ports: [{ port: 80, protocol: 'TCP' }] }]);
  });

  it('[EP3] publishNotReadyAddresses lists not-ready and terminating pods as ready addresses', () => {
    const ctx = epContext();
    pod(ctx, 'a', { ip: '10.244.1.2', ready: false });
    pod(ctx, 'b', { ip: '10.244.1.3' });
    ctx.api.delete('Pod', 'default', 'b');
    service(ctx, 'web', { selector: { app: 'web' }, publishNotReadyAddresses: true, ports: [{ port: 80 }] });
    expect(ips(ep(ctx)!.subsets![0]!.addresses)).toEqual(['10.244.1.2', '10.244.1.3']);
    expect(ep(ctx)!.subsets![0]!.notReadyAddresses).toBeUndefined();
  });

  it('[EP4] named target ports resolve against each pod; a pod without that port is left out; port names are kept', () => {
    const ctx = epContext();
    pod(ctx, 'v1', { ip: '10.244.1.2', ports: [{ name: 'http', containerPort: 8080 }] });
    pod(ctx, 'v2', { ip: '10.244.1.3', ports: [{ name: 'http', containerPort: 9090 }] });
    pod(ctx, 'bare', { ip: '10.244.1.4' });
    pod(ctx, 'udp', { ip: '10.244.1.5', ports: [{ name: 'http', containerPort: 7070, protocol: 'UDP' }] });
    service(ctx, 'web', { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] });
    const subsets = ep(ctx)!.subsets!;
    expect(subsets.map((s) => [ips(s.addresses), s.ports])).toEqual([
      [['10.244.1.2'], [{ name: 'web', port: 8080, protocol: 'TCP' }]],
      [['10.244.1.3'], [{ name: 'web', port: 9090, protocol: 'TCP' }]],
    ]);
  });

  it('[EP5] a Service without a selector gets no managed Endpoints; the user\'s own are left alone', () => {
    const ctx = epContext();
    pod(ctx, 'a', { ip: '10.244.1.2' });
    service(ctx, 'external', { ports: [{ port: 80 }] });
    expect(ep(ctx, 'external')).toBeUndefined();
    ctx.api.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external', namespace: 'default' }, subsets: [{ addresses: [{ ip: '192.168.1.1' }], ports: [{ port: 80 }] }] });
    ctx.clock.runDue();
    expect(ips(ep(ctx, 'external')!.subsets![0]!.addresses)).toEqual(['192.168.1.1']);
  });

  it('[EP6] the Endpoints go with their Service and come back if deleted while it exists; no pods gives no subsets', () => {
    const ctx = epContext();
    service(ctx, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    expect(ep(ctx)!.subsets).toBeUndefined();
    pod(ctx, 'a', { ip: '10.244.1.2' });
    ctx.api.delete('Endpoints', 'default', 'web');
    ctx.clock.runDue();
    expect(ips(ep(ctx)!.subsets![0]!.addresses)).toEqual(['10.244.1.2']);
    ctx.api.delete('Service', 'default', 'web');
    ctx.clock.runDue();
    expect(ep(ctx)).toBeUndefined();
  });

  it('[EP7] a headless Service is labelled service.kubernetes.io/headless and lists pods even without ports; hostnames in its subdomain are kept', () => {
    const ctx = epContext();
    pod(ctx, 'db-0', { ip: '10.244.1.2', hostname: 'db-0', subdomain: 'db' });
    pod(ctx, 'db-x', { ip: '10.244.1.3', hostname: 'db-x', subdomain: 'elsewhere' });
    service(ctx, 'db', { clusterIP: 'None', selector: { app: 'web' } });
    const e = ep(ctx, 'db')!;
    expect(e.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect(e.subsets).toEqual([{ addresses: [expect.objectContaining({ ip: '10.244.1.2', hostname: 'db-0' }), expect.not.objectContaining({ hostname: expect.anything() })] }]);
  });
});
