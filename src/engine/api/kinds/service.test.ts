import type { Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { ObjectInput, Stored } from '../types';
import { clone } from '../types';
import { apiContext, serviceInput, statusOf } from './testkit';

type S = Stored<Service>;
const web = (spec: Record<string, unknown> = {}) => serviceInput('web', { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec });

describe('Service defaulting', () => {
  it('[DEF10] a ClusterIP Service gets the defaults a real one shows', () => {
    const { api } = apiContext();
    const svc = api.create<S>(web());
    expect(svc.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
    expect(svc.spec?.externalTrafficPolicy).toBeUndefined();
    expect(svc.spec?.allocateLoadBalancerNodePorts).toBeUndefined();
    expect(svc.status).toEqual({ loadBalancer: {} });
  });

  it('[DEF10] NodePort and LoadBalancer Services get their traffic-policy defaults', () => {
    const { api } = apiContext();
    const np = api.create<S>(serviceInput('np', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }));
    expect(np.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' });
    expect(np.spec?.ports?.[0]?.targetPort).toBe('http');
    const lb = api.create<S>(serviceInput('lb', { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 443 }], sessionAffinity: 'ClientIP' }));
    expect(lb.spec).toMatchObject({ allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } });
  });

  it('[DEF15] switching NodePort to ClusterIP drops the NodePort-only fields', () => {
    const { api } = apiContext();
    const np = api.create<S>(serviceInput('np', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] }));
    const next = clone(np);
    next.spec!.type = 'ClusterIP';
    const svc = api.update<S>(next as ObjectInput);
    expect(svc.spec?.ports?.[0]?.nodePort).toBeUndefined();
    expect(svc.spec?.externalTrafficPolicy).toBeUndefined();
    expect(svc.spec?.clusterIP).toBe(np.spec?.clusterIP);
  });
});

describe('Service validation', () => {
  it('[VAL14] ports are required unless headless, and named when there are several', () => {
    const { api } = apiContext();
    expect(statusOf(() => api.create(serviceInput('web', { selector: { app: 'web' } }))).message).toBe('Service "web" is invalid: spec.ports: Required value');
    expect(api.create<S>(serviceInput('db', { clusterIP: 'None', selector: { app: 'db' } })).spec?.clusterIPs).toEqual(['None']);
    const unnamed = statusOf(() => api.create(web({ ports: [{ port: 80 }, { port: 443 }] })));
    expect(unnamed.message).toBe('Service "web" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]');
    const port = statusOf(() => api.create(web({ ports: [{ port: 70000, targetPort: 8080 }] })));
    expect(port.message).toBe('Service "web" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive');
    const dup = statusOf(() => api.create(web({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] })));
    expect(dup.message).toBe(
      'Service "web" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    );
  });

  it('[VAL15] the type must be a supported one', () => {
    const { api } = apiContext();
    expect(statusOf(() => api.create(web({ type: 'Foo' }))).message).toBe('Service "web" is invalid: spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"');
  });

  it('[VAL16] NodePorts are forbidden on ClusterIP Services and unique per protocol', () => {
    const { api } = apiContext();
    expect(statusOf(() => api.create(web({ ports: [{ port: 80, nodePort: 30080 }] }))).message).toBe(
      "Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    );
    const dup = statusOf(() => api.create(web({ type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, nodePort: 30080 }] })));
    expect(dup.message).toBe('Service "web" is invalid: spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated');
  });

  it('[VAL17] the ClusterIP cannot change once set', () => {
    const { api } = apiContext();
    const svc = api.create<S>(web({ clusterIP: '10.96.0.50' }));
    const next = clone(svc);
    next.spec!.clusterIP = '10.96.0.99';
    next.spec!.clusterIPs = ['10.96.0.99'];
    expect(statusOf(() => api.update(next as ObjectInput)).message).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set');
  });

  it('[VAL18] Service names are DNS-1035 labels', () => {
    const { api } = apiContext();
    const err = statusOf(() => api.create(serviceInput('1web', { ports: [{ port: 80 }] })));
    expect(err.message).toBe(
      `Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    );
  });
});
