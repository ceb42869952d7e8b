import { describe, expect, it } from 'vitest';
import { StatusError } from '../api/errors';
import type { KubeObject, ObjectInput } from '../api/types';
import { createCluster } from '../cluster';
import type { Cluster } from '../cluster';

type NamespaceObj = KubeObject & { spec?: { finalizers?: string[] }; status?: { phase?: string; conditions?: Array<{ type: string; status: string; reason: string; message: string; lastTransitionTime: string }> } };

const ns = (c: Cluster, name = 'shop') => c.api.tryGet<NamespaceObj>('Namespace', undefined, name);

/** A namespace with a Deployment whose pods take their whole grace period to stop, a Service and a ConfigMap. */
function shop(): Cluster {
  const c = createCluster({ seed: 2 });
  c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  c.api.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'shop' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'api' } },
      template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] } },
    },
  });
  c.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'shop' }, spec: { selector: { app: 'api' }, ports: [{ port: 80 }] } });
  c.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' }, data: { a: '1' } });
  c.advance(20_000);
  return c;
}

function createError(c: Cluster, input: ObjectInput): StatusError {
  try {
    c.api.create(input);
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected the create to fail');
}

describe('namespace controller', () => {
  it('[NS1] a deleted namespace is Terminating with a deletionTimestamp while the kubernetes finalizer holds it', () => {
    const c = shop();
    expect(ns(c)?.spec?.finalizers).toEqual(['kubernetes']);
    expect(ns(c)?.status?.phase).toBe('Active');
    c.api.delete('Namespace', undefined, 'shop');
    const terminating = ns(c)!;
    expect(terminating.metadata.deletionTimestamp).toBeDefined();
    expect(terminating.status?.phase).toBe('Terminating');
    expect(terminating.spec?.finalizers).toEqual(['kubernetes']);
  });

  it('[NS2] the controller deletes every object in it and reports what remains in the real condition messages', () => {
    const c = shop();
    c.api.delete('Namespace', undefined, 'shop');
    c.runDue();
    for (const kind of ['Deployment', 'ReplicaSet', 'Service', 'ConfigMap', 'ServiceAccount', 'Endpoints']) {
      expect(c.api.list(kind, 'shop').items.map((o) => o.metadata.name)).toEqual([]);
    }
    const pods = c.api.list('Pod', 'shop').items;
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.metadata.deletionTimestamp)).toBe(true);
    const conds = ns(c)!.status!.conditions!;
    expect(conds.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
      ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain', 'Some resources are remaining: pods. has 2 resource instances'],
      ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
    ]);
    expect(c.trace.since().some((e) => e.actor === 'namespace-controller' && e.message === 'namespace shop is terminating: waiting for 2 pods. to be deleted')).toBe(true);
  });

  it('[NS3] once its content is gone the finalizer is removed and the namespace disappears', () => {
    const c = shop();
    c.api.delete('Namespace', undefined, 'shop');
    c.advance(29_000);
    expect(ns(c)).toBeDefined();
    // sleep ignores SIGTERM: the kubelet kills the pods at the end of their 30 s grace period.
    c.advance(3_000);
    expect(c.api.list('Pod', 'shop').items).toEqual([]);
    expect(ns(c)).toBeUndefined();
    expect(c.trace.since().some((e) => e.actor === 'namespace-controller' && e.message === 'namespace shop is empty: removing the kubernetes finalizer')).toBe(true);
  });

  it('[NS3] an empty namespace goes at once, with its default ServiceAccount and root CA ConfigMap', () => {
    const c = createCluster({ seed: 2 });
    c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'scratch' } });
    c.runDue();
    c.api.delete('Namespace', undefined, 'scratch');
    c.runDue();
    expect(ns(c, 'scratch')).toBeUndefined();
    expect(c.api.list('ServiceAccount', 'scratch').items).toEqual([]);
    expect(c.api.list('ConfigMap', 'scratch').items).toEqual([]);
  });

  it('[NS4] creating in a terminating namespace is Forbidden; the workload controllers record nothing for it', () => {
    const c = shop();
    c.api.delete('Namespace', undefined, 'shop');
    c.runDue();
    const err = createError(c, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'shop' } });
    expect(err.status.reason).toBe('Forbidden');
    expect(err.status.code).toBe(403);
    expect(err.message).toBe('configmaps "late" is forbidden: unable to create new content in namespace shop because it is being terminated');
    expect(err.status.details?.causes).toEqual([{ reason: 'NamespaceTerminating', message: 'namespace shop is being terminated', field: 'metadata.namespace' }]);
    // The service-account controller does not fight the deletion.
    c.advance(5_000);
    expect(c.api.list('ServiceAccount', 'shop').items).toEqual([]);
  });

  it('[SA1] every new namespace gets a default ServiceAccount and the kube-root-ca.crt ConfigMap, recreated when deleted', () => {
    const c = createCluster({ seed: 2 });
    c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    c.runDue();
    expect(c.api.get('ServiceAccount', 'team', 'default').metadata.name).toBe('default');
    const cm = c.api.get<KubeObject & { data: Record<string, string> }>('ConfigMap', 'team', 'kube-root-ca.crt');
    expect(cm.data['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(cm.metadata.annotations?.['kubernetes.io/description']).toMatch(/^Contains a CA bundle that can be used to verify the kube-apiserver/);
    const uid = c.api.get('ServiceAccount', 'team', 'default').metadata.uid;
    c.api.delete('ServiceAccount', 'team', 'default');
    c.api.delete('ConfigMap', 'team', 'kube-root-ca.crt');
    c.runDue();
    expect(c.api.get('ServiceAccount', 'team', 'default').metadata.uid).not.toBe(uid);
    expect(c.api.get('ConfigMap', 'team', 'kube-root-ca.crt').metadata.name).toBe('kube-root-ca.crt');
  });
});
