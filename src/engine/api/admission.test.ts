import type { Pod, Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { apiContext, podInput, serviceInput, statusOf } from './kinds/testkit';
import type { ObjectInput, Stored } from './types';
import { clone } from './types';

type P = Stored<Pod>;
type S = Stored<Service>;
const app = { containers: [{ name: 'app', image: 'nginx:1.25' }] };

describe('NamespaceLifecycle', () => {
  it('[ADM1] creating in a namespace that does not exist is NotFound, before validation', () => {
    const { api } = apiContext();
    const err = statusOf(() => api.create({ ...podInput('web', {}), metadata: { name: 'web', namespace: 'foo' } }));
    expect(err.reason).toBe('NotFound');
    expect(err.message).toBe('namespaces "foo" not found');
  });

  it('[ADM2] creating in a terminating namespace is Forbidden; updates there are not', () => {
    const { api } = apiContext('default', 'foo');
    const cm = api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'foo' }, data: { a: '1' } });
    api.delete('Namespace', undefined, 'foo');
    const err = statusOf(() => api.create({ ...podInput('web', app), metadata: { name: 'web', namespace: 'foo' } }));
    expect(err.reason).toBe('Forbidden');
    expect(err.message).toBe('pods "web" is forbidden: unable to create new content in namespace foo because it is being terminated');
    expect(err.status.details?.causes).toEqual([{ reason: 'NamespaceTerminating', message: 'namespace foo is being terminated', field: 'metadata.namespace' }]);
    expect(api.update({ ...clone(cm), data: { a: '2' } }).metadata.name).toBe('cfg');
  });

  it('[ADM3] the system namespaces cannot be deleted', () => {
    const { api } = apiContext('default', 'kube-system', 'kube-public', 'scratch');
    for (const ns of ['default', 'kube-system', 'kube-public']) {
      const err = statusOf(() => api.delete('Namespace', undefined, ns));
      expect(err.reason).toBe('Forbidden');
      expect(err.message).toBe(`namespaces "${ns}" is forbidden: this namespace may not be deleted`);
    }
    expect(api.delete('Namespace', undefined, 'scratch').metadata.name).toBe('scratch');
  });
});

describe('pod admission', () => {
  it('[ADM4] pods tolerate not-ready and unreachable nodes for 300 s unless they already do', () => {
    const { api } = apiContext();
    const pod = api.create<P>(podInput('web', { ...app, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }));
    expect(pod.spec?.tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    const own = api.create<P>(podInput('own', { ...app, tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 6000 }] }));
    expect(own.spec?.tolerations?.map((t) => [t.key, t.tolerationSeconds])).toEqual([
      ['node.kubernetes.io/unreachable', 6000],
      ['node.kubernetes.io/not-ready', 300],
    ]);
    const all = api.create<P>(podInput('all', { ...app, tolerations: [{ operator: 'Exists' }] }));
    expect(all.spec?.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('[ADM5] the ServiceAccount plugin mounts a projected API token into every container', () => {
    const { api } = apiContext();
    const pod = api.create<P>(podInput('web', { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'app', image: 'nginx' }] }));
    expect(pod.spec?.serviceAccountName).toBe('default');
    expect(pod.spec?.serviceAccount).toBe('default');
    const volume = pod.spec?.volumes?.[0];
    expect(volume?.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume?.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    });
    for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
      expect(c.volumeMounts).toEqual([{ name: volume?.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    }
  });

  it('[ADM5] no token when automount is off, imagePullSecrets from the account, mirror pods untouched', () => {
    const { api } = apiContext();
    api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'quiet', namespace: 'default' }, automountServiceAccountToken: false, imagePullSecrets: [{ name: 'regcred' }] });
    const quiet = api.create<P>(podInput('quiet', { ...app, serviceAccountName: 'quiet' }));
    expect(quiet.spec?.volumes).toBeUndefined();
    expect(quiet.spec?.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    const override = api.create<P>(podInput('override', { ...app, serviceAccountName: 'quiet', automountServiceAccountToken: true }));
    expect(override.spec?.volumes?.[0]?.name).toMatch(/^kube-api-access-/);
    const mirror = api.create<P>(podInput('etcd-cp', app, { annotations: { 'kubernetes.io/config.mirror': 'abc' } }));
    expect(mirror.spec?.serviceAccountName).toBeUndefined();
    expect(mirror.spec?.volumes).toBeUndefined();
    const bad = statusOf(() => api.create(podInput('m2', { ...app, serviceAccountName: 'quiet' }, { annotations: { 'kubernetes.io/config.mirror': 'abc' } })));
    expect(bad.message).toBe('pods "m2" is forbidden: a mirror pod may not reference service accounts');
  });

  it('[ADM6] a pod naming a missing ServiceAccount is Forbidden; the default one is not required', () => {
    const { api } = apiContext();
    const err = statusOf(() => api.create(podInput('web', { ...app, serviceAccountName: 'foo' })));
    expect(err.reason).toBe('Forbidden');
    expect(err.message).toBe('pods "web" is forbidden: error looking up service account default/foo: serviceaccount "foo" not found');
    expect(api.tryGet('ServiceAccount', 'default', 'default')).toBeUndefined();
    expect(api.create<P>(podInput('ok', app)).spec?.serviceAccountName).toBe('default');
  });

  it('[ADM7] Priority resolves the class into priority and preemptionPolicy', () => {
    const { api } = apiContext();
    expect(api.create<P>(podInput('plain', app)).spec).toMatchObject({ priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
    expect(api.create<P>(podInput('crit', { ...app, priorityClassName: 'system-node-critical' })).spec?.priority).toBe(2000001000);
    expect(api.create<P>(podInput('dns', { ...app, priorityClassName: 'system-cluster-critical' })).spec?.priority).toBe(2000000000);
    expect(statusOf(() => api.create(podInput('x', { ...app, priorityClassName: 'gold' }))).message).toBe('pods "x" is forbidden: no PriorityClass with name gold was found');
    expect(statusOf(() => api.create(podInput('y', { ...app, priority: 5 }))).message).toBe(
      'pods "y" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
    const pod = api.get<P>('Pod', 'default', 'plain');
    const next = clone(pod);
    delete next.spec?.priority;
    delete next.spec?.preemptionPolicy;
    expect(api.update<P>(next as ObjectInput).metadata.resourceVersion).toBe(pod.metadata.resourceVersion);
  });

  it('[ADM12] an admission error about a generated name shows the generateName prefix', () => {
    const { api } = apiContext();
    const err = statusOf(() => api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-7c5ddbdf54-', namespace: 'default' }, spec: { ...app, serviceAccountName: 'foo' } }));
    expect(err.message).toBe('pods "web-7c5ddbdf54-" is forbidden: error looking up service account default/foo: serviceaccount "foo" not found');
  });
});

describe('Service allocation', () => {
  it('[ADM8] ClusterIPs come from 10.96.0.0/12, randomly but reproducibly; explicit ones are honoured once', () => {
    const ips = () => {
      const { api } = apiContext('default', 'kube-system');
      const k = api.create<S>(serviceInput('kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] }));
      const dns = api.create<S>(serviceInput('kube-dns', { clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ port: 53, protocol: 'UDP' }] }, 'kube-system'));
      const web = api.create<S>(serviceInput('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
      return { api, list: [k.spec?.clusterIP, dns.spec?.clusterIPs?.[0], web.spec?.clusterIP] };
    };
    const a = ips();
    expect(a.list.slice(0, 2)).toEqual(['10.96.0.1', '10.96.0.10']);
    expect(a.list[2]).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    const [, o3, o4] = (a.list[2] ?? '').split('.').map(Number);
    expect((o3! - 96) * 65536 + o4! * 256).toBeGreaterThanOrEqual(256); // the dynamic band, above the static one
    expect(ips().list).toEqual(a.list);
    const taken = statusOf(() => a.api.create(serviceInput('dns2', { clusterIP: '10.96.0.10', ports: [{ port: 53 }] })));
    expect(taken.reason).toBe('Invalid');
    expect(taken.message).toBe('Service "dns2" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated');
    const outside = statusOf(() => a.api.create(serviceInput('far', { clusterIP: '10.0.0.5', ports: [{ port: 80 }] })));
    expect(outside.message).toBe(
      'Service "far" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    const ext = a.api.create<S>(serviceInput('ext', { type: 'ExternalName', externalName: 'example.com' }));
    expect(ext.spec?.clusterIP).toBeUndefined();
    expect(ext.spec?.ipFamilies).toBeUndefined();
  });

  it('[ADM9] NodePort and LoadBalancer Services get NodePorts from 30000-32767; LoadBalancers stay pending', () => {
    const { api } = apiContext();
    const np = api.create<S>(serviceInput('np', { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] }));
    const [http, udp, tcp] = np.spec?.ports?.map((p) => p.nodePort ?? 0) ?? [];
    expect(http).toBeGreaterThanOrEqual(30086);
    expect(http).toBeLessThanOrEqual(32767);
    expect(udp).toBe(tcp); // one NodePort per port number, shared by its protocols
    const fixed = api.create<S>(serviceInput('fixed', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(fixed.spec?.ports?.[0]?.nodePort).toBe(30080);
    const taken = statusOf(() => api.create(serviceInput('again', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })));
    expect(taken.message).toBe('Service "again" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    const low = statusOf(() => api.create(serviceInput('low', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] })));
    expect(low.message).toBe('Service "low" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767');
    const lb = api.create<S>(serviceInput('lb', { type: 'LoadBalancer', ports: [{ port: 443 }] }));
    expect(lb.spec?.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30000);
    expect(lb.status).toEqual({ loadBalancer: {} });
  });

  it('[ADM10] Services are single-stack IPv4; selectorless headless ones ask for both families', () => {
    const { api } = apiContext();
    const headless = api.create<S>(serviceInput('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] }));
    expect(headless.spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    const bare = api.create<S>(serviceInput('bare', { clusterIP: 'None' }));
    expect(bare.spec).toMatchObject({ ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' });
    const dual = statusOf(() => api.create(serviceInput('dual', { ipFamilyPolicy: 'RequireDualStack', ports: [{ port: 80 }] })));
    expect(dual.message).toBe('Service "dual" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services');
  });

  it('[ADM11] allocations follow the store: kept on PUT, freed on delete, never made by failed or dry-run requests', () => {
    const { api } = apiContext();
    const svc = api.create<S>(serviceInput('web', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] }));
    const bare = clone(svc);
    delete bare.spec?.clusterIP;
    delete bare.spec?.clusterIPs;
    delete bare.spec?.ports?.[0]?.nodePort;
    const put = api.update<S>(bare as ObjectInput);
    expect(put.spec?.clusterIP).toBe(svc.spec?.clusterIP);
    expect(put.spec?.ports?.[0]?.nodePort).toBe(svc.spec?.ports?.[0]?.nodePort);
    const nodePort = svc.spec?.ports?.[0]?.nodePort;
    api.create(serviceInput('probe', { clusterIP: '10.96.0.20', ports: [{ port: 80 }] }), { dryRun: true });
    expect(api.create<S>(serviceInput('real', { clusterIP: '10.96.0.20', ports: [{ port: 80 }] })).spec?.clusterIP).toBe('10.96.0.20');
    statusOf(() => api.create(serviceInput('broken', { clusterIP: '10.96.0.21', type: 'Foo', ports: [{ port: 80 }] })));
    expect(api.create<S>(serviceInput('next', { clusterIP: '10.96.0.21', ports: [{ port: 80 }] })).spec?.clusterIP).toBe('10.96.0.21');
    api.delete('Service', 'default', 'web');
    const reuse = api.create<S>(serviceInput('reuse', { type: 'NodePort', clusterIP: svc.spec?.clusterIP, ports: [{ port: 80, nodePort }] }));
    expect(reuse.spec?.ports?.[0]?.nodePort).toBe(nodePort);
  });
});
