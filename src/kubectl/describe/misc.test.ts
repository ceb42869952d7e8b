import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types';
import { smartLabelFor } from './misc';
import { bareApi, envOf, run } from './testkit';

describe('kubectl describe configmap / secret / namespace / serviceaccount / generic', () => {
  it('[KC-DESC12] describes a ConfigMap: Data with `====` and `----` underlines, BinaryData sizes, Events', () => {
    const ctx = bareApi();
    ctx.api.create(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', namespace: 'default', labels: { app: 'web' } },
        data: { 'nginx.conf': 'server {\n  listen 80;\n}\n', level: 'debug' },
        binaryData: { 'logo.png': 'iVBORw0KGgo=' },
      },
      { namespace: 'default' },
    );
    const r = run(envOf(ctx), 'describe', 'cm', 'settings');
    expect(r.stdout).toBe(`Name:         settings
Namespace:    default
Labels:       app=web
Annotations:  <none>

Data
====
level:
----
debug

nginx.conf:
----
server {
  listen 80;
}



BinaryData
====
logo.png: 8 bytes

Events:  <none>
`);
  });

  it('[KC-DESC13] describes a Secret with its type and the size of each key, never the values', () => {
    const ctx = bareApi();
    ctx.api.create(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'creds', namespace: 'default' },
        type: 'Opaque',
        data: { username: btoa('admin'), password: btoa('s3cr3t-p4ss') },
      },
      { namespace: 'default' },
    );
    const r = run(envOf(ctx), 'describe', 'secret', 'creds');
    expect(r.stdout).toBe(`Name:         creds
Namespace:    default
Labels:       <none>
Annotations:  <none>

Type:  Opaque

Data
====
password:  11 bytes
username:  5 bytes
`);
    expect(r.stdout).not.toContain('admin');
  });

  it('[KC-DESC13] a service-account token secret shows its token', () => {
    const ctx = bareApi();
    ctx.api.create(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: 'tok',
          namespace: 'default',
          annotations: { 'kubernetes.io/service-account.name': 'default' },
        },
        type: 'kubernetes.io/service-account-token',
        data: { token: btoa('eyJhbGciOi'), 'ca.crt': btoa('-----BEGIN-----') },
      },
      { namespace: 'default' },
    );
    const out = run(envOf(ctx), 'describe', 'secret', 'tok').stdout;
    expect(out).toContain('Data\n====\nca.crt:  15 bytes\ntoken:   eyJhbGciOi\n');
  });

  it('[KC-DESC11] describes a Namespace with its quota and limit-range lines', () => {
    const ctx = bareApi();
    const r = run(envOf(ctx), 'describe', 'namespace', 'default');
    expect(r.stdout).toBe(`Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`);
  });

  it('[KC-DESC14] describes a ServiceAccount: pull secrets, mountable secrets (missing ones marked), tokens', () => {
    const ctx = bareApi();
    ctx.api.create(
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'builder', namespace: 'default' },
        imagePullSecrets: [{ name: 'regcred' }],
        secrets: [{ name: 'gone' }, { name: 'present' }],
      },
      { namespace: 'default' },
    );
    ctx.api.create(
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'regcred', namespace: 'default' } },
      { namespace: 'default' },
    );
    ctx.api.create(
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'present', namespace: 'default' } },
      { namespace: 'default' },
    );
    const r = run(envOf(ctx), 'describe', 'serviceaccount', 'builder');
    expect(r.stdout).toBe(`Name:                builder
Namespace:           default
Labels:              <none>
Annotations:         <none>
Image pull secrets:  regcred
Mountable secrets:   gone (not found)
                     present
Tokens:              <none>
Events:              <none>
`);
  });

  it('[KC-DESC15] describes an Event with the generic describer: fields in words, sorted, nested', () => {
    const ctx = bareApi();
    const pod = ctx.api.create<KubeObject>(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'default' },
        spec: { automountServiceAccountToken: false, containers: [{ name: 'c', image: 'busybox' }] },
      },
      { namespace: 'default' },
    );
    ctx
      .recorder({ component: 'default-scheduler' })
      .event(pod, 'Warning', 'FailedScheduling', 'no nodes available to schedule pods');
    const ev = ctx.api.list<KubeObject>('Event', 'default').items[0]!;
    const r = run(envOf(ctx), 'describe', 'event', ev.metadata.name);
    expect(r.stdout).toBe(`Name:             ${ev.metadata.name}
Namespace:        default
Labels:           <none>
Annotations:      <none>
API Version:      v1
Count:            1
Event Time:       <nil>
First Timestamp:  2026-01-05T09:00:00Z
Involved Object:
  API Version:       v1
  Kind:              Pod
  Name:              p
  Namespace:         default
  Resource Version:  ${pod.metadata.resourceVersion}
  UID:               ${pod.metadata.uid}
Kind:                Event
Last Timestamp:      2026-01-05T09:00:00Z
Message:             no nodes available to schedule pods
Metadata:
  Creation Timestamp:  2026-01-05T09:00:00Z
  Resource Version:    ${ev.metadata.resourceVersion}
  UID:                 ${ev.metadata.uid}
Reason:                FailedScheduling
Reporting Component:   default-scheduler
Reporting Instance:    
Source:
  Component:  default-scheduler
Type:         Warning
Events:       <none>
`);
  });

  it('[KC-DESC15] smartLabelFor splits camel case, upper-cases known acronyms, leaves other names alone', () => {
    expect(smartLabelFor('apiVersion')).toBe('API Version');
    expect(smartLabelFor('uid')).toBe('UID');
    expect(smartLabelFor('leaseDurationSeconds')).toBe('Lease Duration Seconds');
    expect(smartLabelFor('podCIDR')).toBe('Pod CIDR');
    expect(smartLabelFor('PDFLoader')).toBe('PDF Loader');
    expect(smartLabelFor('ipv4')).toBe('ipv4');
    expect(smartLabelFor('node.kubernetes.io')).toBe('node.kubernetes.io');
  });
});
