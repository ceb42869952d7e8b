import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/cluster';
import { bareApi, envOf, run, runningWeb, webDeployment } from './testkit';

function readyAddresses(ep: Endpoints): string[] {
  return (ep.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
}

describe('kubectl describe service / endpoints', () => {
  it('[KC-DESC8] describes a ClusterIP Service with its ready endpoints', () => {
    const c = runningWeb();
    const svc = c.api.get<Service>('Service', 'default', 'web');
    const ips = readyAddresses(c.api.get<Endpoints>('Endpoints', 'default', 'web'));
    expect(ips).toHaveLength(3);
    const r = run(envOf(c), 'describe', 'svc', 'web');
    expect(r.stdout).toBe(`Name:                     web
Namespace:                default
Labels:                   app=web
Annotations:              <none>
Selector:                 app=web
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       ${svc.spec!.clusterIP}
IPs:                      ${svc.spec!.clusterIP}
Port:                     <unset>  80/TCP
TargetPort:               80/TCP
Endpoints:                ${ips.map((ip) => `${ip}:80`).join(',')}
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
`);
  });

  it('[KC-DESC8] shows three endpoints then `+ N more...`, NodePorts, named target ports, and empty endpoints', () => {
    const c = createCluster({ seed: 1 });
    c.api.create(webDeployment(5), { namespace: 'default' });
    c.api.create(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          type: 'NodePort',
          selector: { app: 'web' },
          ports: [
            { name: 'http', port: 80, targetPort: 80 },
            { name: 'alt', port: 8080, targetPort: 'http-alt' },
          ],
        },
      },
      { namespace: 'default' },
    );
    c.api.create(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'nobody', namespace: 'default' },
        spec: { selector: { app: 'none' }, ports: [{ port: 80 }] },
      },
      { namespace: 'default' },
    );
    c.advance(60_000);
    const svc = c.api.get<Service>('Service', 'default', 'web');
    const ips = readyAddresses(c.api.get<Endpoints>('Endpoints', 'default', 'web'));
    expect(ips).toHaveLength(5);
    const [http, alt] = svc.spec!.ports!;
    const out = run(envOf(c), 'describe', 'service', 'web').stdout;
    expect(out).toContain(`Type:                     NodePort
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       ${svc.spec!.clusterIP}
IPs:                      ${svc.spec!.clusterIP}
Port:                     http  80/TCP
TargetPort:               80/TCP
NodePort:                 http  ${http!.nodePort}/TCP
Endpoints:                ${ips
      .slice(0, 3)
      .map((ip) => `${ip}:80`)
      .join(',')} + 2 more...
Port:                     alt  8080/TCP
TargetPort:               http-alt/TCP
NodePort:                 alt  ${alt!.nodePort}/TCP
Endpoints:                
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
`);
    // Endpoints that exist but hold nothing print an empty value; no Endpoints at all print <none>.
    expect(run(envOf(c), 'describe', 'svc', 'nobody').stdout).toContain('Endpoints:                \n');
    const ctx = bareApi();
    ctx.api.create(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'lonely', namespace: 'default' },
        spec: { ports: [{ port: 80 }] },
      },
      { namespace: 'default' },
    );
    expect(run(envOf(ctx), 'describe', 'svc', 'lonely').stdout).toContain(
      'Endpoints:                <none>\n',
    );
  });

  it('[KC-DESC9] describes an Endpoints object subset by subset', () => {
    const c = runningWeb();
    const ips = readyAddresses(c.api.get<Endpoints>('Endpoints', 'default', 'web'));
    const r = run(envOf(c), 'describe', 'endpoints', 'web');
    expect(r.stdout).toBe(`Name:         web
Namespace:    default
Labels:       app=web
Annotations:  <none>
Subsets:
  Addresses:          ${ips.join(',')}
  NotReadyAddresses:  <none>
  Ports:
    Name     Port  Protocol
    ----     ----  --------
    <unset>  80    TCP

Events:  <none>
`);
  });
});
