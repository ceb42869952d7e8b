import type { ConfigMap, Node, Secret } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject, ObjectInput, Stored } from '../types';
import { clone } from '../types';
import { apiContext, statusOf } from './testkit';

const secret = (name: string, extra: Record<string, unknown>): ObjectInput => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, ...extra });
const configMap = (name: string, extra: Record<string, unknown>): ObjectInput => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, ...extra });

describe('Secret, Node and Endpoints defaulting', () => {
  it('[DEF11] a Secret is Opaque, stringData is encoded into data, bad base64 fails decoding', () => {
    const { api } = apiContext();
    const s = api.create<Stored<Secret>>(secret('db', { data: { user: 'YWRtaW4=' }, stringData: { password: 'pässword', user: 'root' } }));
    expect(s.type).toBe('Opaque');
    expect(s.data).toEqual({ user: 'cm9vdA==', password: 'cMOkc3N3b3Jk' });
    expect(s.stringData).toBeUndefined();
    const bad = statusOf(() => api.create(secret('bad', { data: { key: 'abc$' } })));
    expect(bad.code).toBe(400);
    expect(bad.message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3');
  });

  it('[DEF12] a Node without allocatable gets its capacity; Endpoints ports default to TCP', () => {
    const { api } = apiContext();
    const node = api.create<Stored<Node>>({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { capacity: { cpu: '2', memory: '4Gi', pods: '110' } } });
    expect(node.status?.allocatable).toEqual({ cpu: '2', memory: '4Gi', pods: '110' });
    const ep = api.create<KubeObject>({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default' }, subsets: [{ addresses: [{ ip: '10.244.1.2' }], ports: [{ port: 80 }] }] });
    expect(ep.subsets).toEqual([{ addresses: [{ ip: '10.244.1.2' }], ports: [{ port: 80, protocol: 'TCP' }] }]);
  });
});

describe('ConfigMap, Secret, Event and Node validation', () => {
  it('[VAL20] data keys must be valid file names; immutable objects keep their data', () => {
    const { api } = apiContext();
    const err = statusOf(() => api.create(configMap('cfg', { data: { 'a b': 'x' } })));
    expect(err.message).toBe(
      `ConfigMap "cfg" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
    expect(statusOf(() => api.create(configMap('dots', { data: { '..x': '1' } }))).message).toBe(`ConfigMap "dots" is invalid: data[..x]: Invalid value: "..x": must not start with '..'`);
    const cm = api.create<Stored<ConfigMap>>(configMap('frozen', { data: { a: '1' }, immutable: true }));
    const next = clone(cm);
    next.data = { a: '2' };
    expect(statusOf(() => api.update(next as ObjectInput)).message).toBe('ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    const thaw = clone(cm);
    thaw.immutable = false;
    expect(statusOf(() => api.update(thaw as ObjectInput)).message).toBe('ConfigMap "frozen" is invalid: immutable: Forbidden: field is immutable when `immutable` is set');
  });

  it('[VAL21] an Event lives in the namespace of its object', () => {
    const { api } = apiContext('default', 'team-a');
    const ev = (namespace: string, involved: string | undefined) => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `e-${namespace}`, namespace },
      involvedObject: { kind: 'Pod', name: 'p', ...(involved ? { namespace: involved } : {}) },
      reason: 'Test',
    });
    expect(statusOf(() => api.create(ev('team-a', 'default'))).message).toBe('Event "e-team-a" is invalid: involvedObject.namespace: Invalid value: "default": does not match event.namespace');
    expect(api.create(ev('default', undefined)).metadata.name).toBe('e-default');
  });

  it('[VAL22] typed Secrets need their keys, and a Secret keeps its type', () => {
    const { api } = apiContext();
    const tls = statusOf(() => api.create(secret('tls', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'YQ==' } })));
    expect(tls.message).toBe('Secret "tls" is invalid: data[tls.key]: Required value');
    const s = api.create<Stored<Secret>>(secret('s', { data: { a: 'YQ==' } }));
    const next = clone(s);
    next.type = 'kubernetes.io/basic-auth';
    next.data = { username: 'YQ==' };
    expect(statusOf(() => api.update(next as ObjectInput)).message).toBe('Secret "s" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable');
  });

  it('[VAL25] node taints need a valid key and effect, once per key and effect', () => {
    const { api } = apiContext();
    const node = (taints: unknown[]) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { taints } });
    expect(statusOf(() => api.create(node([{ key: 'dedicated', value: 'gpu' }]))).message).toBe('Node "n1" is invalid: spec.taints[0].effect: Required value');
    expect(statusOf(() => api.create(node([{ key: 'a', effect: 'NoRun' }]))).message).toBe(
      'Node "n1" is invalid: spec.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    );
    expect(statusOf(() => api.create(node([{ key: 'a', effect: 'NoSchedule' }, { key: 'a', value: 'b', effect: 'NoSchedule' }]))).message).toBe(
      'Node "n1" is invalid: spec.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"b", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
    );
  });
});
