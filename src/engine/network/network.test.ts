import { describe, expect, it } from 'vitest';
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { ObjectInput, Stored } from '../api/types';
import { createCluster } from '../cluster';
import type { Cluster } from '../cluster';

type PodObj = Stored<Pod>;

interface AppOpts {
  replicas?: number;
  image?: string;
  args?: string[];
  ports?: Array<{ name?: string; containerPort: number }>;
}

function deploy(c: Cluster, name: string, o: AppOpts = {}): void {
  c.api.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name: 'server', image: o.image ?? 'hashicorp/http-echo:1.0.0', args: o.args ?? [`-text=hello from ${name}`], ports: o.ports ?? [{ name: 'http', containerPort: 5678 }] }],
        },
      },
    },
  } as ObjectInput);
}

function expose(c: Cluster, name: string, spec: Record<string, unknown> = {}): Stored<Service> {
  const svc = c.api.create<Stored<Service>>({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 'http' }], ...spec } });
  c.runDue();
  return svc;
}

const podsOf = (c: Cluster, app: string) => c.api.list<PodObj>('Pod', 'default', { labelSelector: `app=${app}` }).items;

/** The default cluster with an http-echo Deployment of 3 behind the Service `web`, all ready. */
function web(): Cluster {
  const c = createCluster({ seed: 7 });
  deploy(c, 'web');
  expose(c, 'web');
  c.advance(30_000);
  return c;
}

describe('network (kube-proxy and DNS)', () => {
  it('[NET1] curl through a Service spreads over its ready endpoints; each line is "<pod>: <status> <summary>"', () => {
    const c = web();
    const names = podsOf(c, 'web').map((p) => p.metadata.name);
    const out = c.network.curl('http://web', { count: 30 });
    expect(out).toHaveLength(30);
    for (const line of out) expect(line).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}: 200 hello from web$/);
    expect(new Set(out.map((l) => l.split(':')[0])).size).toBe(3);
    expect(new Set(out.map((l) => l.split(':')[0]))).toEqual(new Set(names));
    // The same seed gives the same answers.
    expect(web().network.curl('http://web', { count: 30 })).toEqual(out);
  });

  it('[NET2] names resolve through the search path: name, name.namespace, the FQDN and the ClusterIP', () => {
    const c = web();
    const ip = c.api.get<Stored<Service>>('Service', 'default', 'web').spec!.clusterIP!;
    for (const url of ['web', 'http://web.default', 'http://web.default.svc', 'http://web.default.svc.cluster.local:80/', `http://${ip}`]) {
      expect(c.network.curl(url)[0]).toMatch(/: 200 hello from web$/);
    }
    expect(c.network.curl('http://kubernetes.default')[0]).not.toMatch(/^curl: \(6\)/);
    // From another namespace the short name is not found, the qualified one is.
    expect(c.network.curl('http://web', { namespace: 'kube-system' })).toEqual(['curl: (6) Could not resolve host: web']);
    expect(c.network.curl('http://web.default', { namespace: 'kube-system' })[0]).toMatch(/: 200 hello from web$/);
  });

  it('[NET3] an unknown host cannot be resolved', () => {
    const c = web();
    expect(c.network.curl('http://nope', { count: 2 })).toEqual(['curl: (6) Could not resolve host: nope', 'curl: (6) Could not resolve host: nope']);
  });

  it('[NET4] a Service without ready endpoints refuses the connection', () => {
    const c = web();
    c.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'empty', namespace: 'default' }, spec: { selector: { app: 'none' }, ports: [{ port: 8080 }] } });
    c.runDue();
    expect(c.network.curl('http://empty:8080')).toEqual(['curl: (7) Failed to connect to empty port 8080 after 0 ms: Could not connect to server']);
  });

  it('[NET5] a NodePort answers on every node\'s InternalIP; a port no Service uses is refused', () => {
    const c = web();
    const svc = expose(c, 'echo2', { type: 'NodePort', selector: { app: 'web' } });
    const nodePort = svc.spec!.ports![0]!.nodePort!;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    const ips = c.api.list<Stored<Node>>('Node').items.map((n) => n.status!.addresses!.find((a) => a.type === 'InternalIP')!.address);
    expect(ips).toHaveLength(4);
    for (const ip of ips) expect(c.network.curl(`http://${ip}:${nodePort}`)[0]).toMatch(/: 200 hello from web$/);
    const other = nodePort === 32767 ? 30000 : nodePort + 1;
    expect(c.network.curl(`http://${ips[1]}:${other}`)).toEqual([`curl: (7) Failed to connect to ${ips[1]} port ${other} after 0 ms: Could not connect to server`]);
  });

  it('[NET6] pods on a node that is down time out: directly at once, through the Service until the controller drops them', () => {
    const c = web();
    const victim = podsOf(c, 'web').find((p) => p.spec?.nodeName === 'node-1')!;
    c.nodeDown('node-1');
    expect(c.network.curl(`http://${victim.status!.podIP}:5678`)).toEqual([`curl: (28) Failed to connect to ${victim.status!.podIP} port 5678 after 10002 ms: Timeout was reached`]);
    // The Endpoints still list it: some requests through the Service hang.
    const during = c.network.curl('http://web', { count: 20 });
    expect(during).toContain('curl: (28) Failed to connect to web port 80 after 10002 ms: Timeout was reached');
    expect(during.some((l) => l.endsWith(': 200 hello from web'))).toBe(true);
    // Once node-1 is NotReady its pod is not ready and no request goes there.
    c.advance(60_000);
    const after = c.network.curl('http://web', { count: 20 });
    expect(after.every((l) => l.endsWith(': 200 hello from web') && !l.startsWith(victim.metadata.name))).toBe(true);
    // Its NodePort does not answer either.
    const ip = c.api.get<Stored<Node>>('Node', undefined, 'node-1').status!.addresses!.find((a) => a.type === 'InternalIP')!.address;
    const svc = expose(c, 'np', { type: 'NodePort', selector: { app: 'web' } });
    expect(c.network.curl(`http://${ip}:${svc.spec!.ports![0]!.nodePort}`)[0]).toMatch(/^curl: \(28\) .* Timeout was reached$/);
  });

  it('[NET7] a port nothing listens on is refused by the pod', () => {
    const c = web();
    const pod = podsOf(c, 'web')[0]!;
    expect(c.network.curl(`http://${pod.status!.podIP}:8080`)).toEqual([`curl: (7) Failed to connect to ${pod.status!.podIP} port 8080 after 0 ms: Could not connect to server`]);
    // A Service whose targetPort misses the server: every request is refused.
    expose(c, 'wrong', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 9999 }] });
    expect(c.network.curl('http://wrong', { count: 3 })).toEqual(Array(3).fill('curl: (7) Failed to connect to wrong port 80 after 0 ms: Could not connect to server'));
    // A port the Service does not expose on its ClusterIP is dropped (iptables has no rule): timeout.
    expect(c.network.curl('http://web:81')).toEqual(['curl: (28) Failed to connect to web port 81 after 10002 ms: Timeout was reached']);
  });

  it('[NET8] named target ports reach each pod on its own port; nginx answers with its title', () => {
    const c = createCluster({ seed: 7 });
    deploy(c, 'site', { replicas: 2, image: 'nginx:1.27', args: [], ports: [{ name: 'http', containerPort: 80 }] });
    expose(c, 'site');
    c.advance(30_000);
    const out = c.network.curl('http://site', { count: 4 });
    for (const line of out) expect(line).toMatch(/^site-[a-z0-9]+-[a-z0-9]{5}: 200 Welcome to nginx!$/);
  });

  it('[NET9] sessionAffinity ClientIP keeps a client on one endpoint while it stays ready', () => {
    const c = web();
    expose(c, 'sticky', { selector: { app: 'web' }, sessionAffinity: 'ClientIP' });
    const out = c.network.curl('http://sticky', { count: 10 });
    expect(new Set(out).size).toBe(1);
    expect(out[0]).toMatch(/: 200 hello from web$/);
    // Its pod goes: the client moves to another one and stays there.
    c.api.delete('Pod', 'default', out[0]!.split(':')[0]!);
    c.runDue();
    const next = c.network.curl('http://sticky', { count: 10 });
    expect(new Set(next).size).toBe(1);
    expect(next[0]).not.toBe(out[0]);
  });

  it('[NET10] without CoreDNS ready endpoints no name resolves, while ClusterIPs still work', () => {
    const c = web();
    const ip = c.api.get<Stored<Service>>('Service', 'default', 'web').spec!.clusterIP!;
    c.api.patch('Deployment', 'kube-system', 'coredns', 'merge', { spec: { replicas: 0 } });
    c.advance(60_000);
    expect(c.network.curl('http://web')).toEqual(['curl: (6) Could not resolve host: web']);
    expect(c.network.curl(`http://${ip}`)[0]).toMatch(/: 200 hello from web$/);
  });
});
