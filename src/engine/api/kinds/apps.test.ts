import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import type { ObjectInput, Stored } from '../types';
import { clone } from '../types';
import { apiContext, deploymentInput, statusOf } from './testkit';

type D = Stored<Deployment>;
type RS = Stored<ReplicaSet>;

const template = (labels: Record<string, string> | undefined, spec: Record<string, unknown> = {}) => ({
  metadata: labels ? { labels } : {},
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }], ...spec },
});
const web = (spec: Record<string, unknown> = {}) => deploymentInput('web', { selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }), ...spec });

describe('Deployment and ReplicaSet defaulting', () => {
  it('[DEF8] a Deployment gets replicas, strategy, history and deadline defaults, its template the PodSpec ones', () => {
    const { api } = apiContext();
    const d = api.create<D>(web());
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(d.spec?.template.spec).toEqual({
      containers: [{ name: 'nginx', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
    expect(d.status).toEqual({});
    expect(d.metadata.generation).toBe(1);
  });

  it('[DEF8] Recreate gets no rollingUpdate, and explicit values are kept', () => {
    const { api } = apiContext();
    const d = api.create<D>(web({ replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 0 }));
    expect(d.spec?.strategy).toEqual({ type: 'Recreate' });
    expect(d.spec?.replicas).toBe(0);
    expect(d.spec?.revisionHistoryLimit).toBe(0);
    const partial = api.create<D>({ ...web({ strategy: { rollingUpdate: { maxSurge: 1 } } }), metadata: { name: 'partial', namespace: 'default' } });
    expect(partial.spec?.strategy?.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: '25%' });
  });

  it('[DEF9] a ReplicaSet gets one replica and status {replicas: 0}; templates get no Pod-only defaults', () => {
    const { api } = apiContext();
    const rs = api.create<RS>({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }, { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '1' } } }] }) },
    });
    expect(rs.spec?.replicas).toBe(1);
    expect(rs.status).toEqual({ replicas: 0 });
    expect(rs.spec?.template?.spec?.containers[0]?.resources).toEqual({ limits: { cpu: '1' } });
    expect(rs.spec?.template?.spec?.enableServiceLinks).toBeUndefined();
  });
});

describe('Deployment and ReplicaSet validation', () => {
  it('[VAL8] a selector is required (and a missing one matches no template labels)', () => {
    const { api } = apiContext();
    const err = statusOf(() => api.create(deploymentInput('web', { template: template({ app: 'x' }) })));
    expect(err.message).toBe('Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`]');
    expect(err.status.details?.causes?.map((c) => c.field)).toEqual(['spec.selector', 'spec.template.metadata.labels']);
  });

  it('[VAL9] the selector must match the template labels, and may not be empty', () => {
    const { api } = apiContext();
    const err = statusOf(() => api.create(deploymentInput('web', { selector: { matchLabels: { app: 'web' } }, template: template({ app: 'x', tier: 'fe' }) })));
    expect(err.message).toBe('Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x", "tier":"fe"}: `selector` does not match template `labels`');
    const none = statusOf(() => api.create(deploymentInput('web', { selector: { matchLabels: { app: 'web' } }, template: template(undefined) })));
    expect(none.message).toContain('Invalid value: map[string]string(nil): `selector` does not match template `labels`');
    const empty = statusOf(() => api.create(deploymentInput('web', { selector: {}, template: template({ app: 'web' }) })));
    expect(empty.message).toBe('Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment');
  });

  it('[VAL10] the selector is immutable', () => {
    const { api } = apiContext();
    const d = api.create<D>(web());
    const next = clone(d);
    next.spec!.selector = { matchLabels: { app: 'web', tier: 'fe' } };
    next.spec!.template.metadata = { labels: { app: 'web', tier: 'fe' } };
    const err = statusOf(() => api.update(next as ObjectInput));
    expect(err.message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"fe"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    const exprs = clone(d);
    exprs.spec!.selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] };
    exprs.spec!.template.metadata = { labels: { app: 'web', tier: 'fe' } };
    expect(statusOf(() => api.update(exprs as ObjectInput)).message).toContain(
      'MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"tier", Operator:"In", Values:[]string{"fe"}}}}: field is immutable',
    );
    const same = clone(d);
    same.spec!.replicas = 3;
    expect(api.update<D>(same as ObjectInput).metadata.generation).toBe(2);
  });

  it('[VAL11] replicas may not be negative', () => {
    const { api } = apiContext();
    expect(statusOf(() => api.create(web({ replicas: -1 }))).message).toBe('Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });

  it('[VAL12] templates must restart Always', () => {
    const { api } = apiContext();
    const err = statusOf(() => api.create(web({ template: template({ app: 'web' }, { restartPolicy: 'Never' }) })));
    expect(err.message).toBe('Deployment.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"');
    const image = statusOf(() => api.create(web({ template: template({ app: 'web' }, { containers: [{ name: 'nginx' }] }) })));
    expect(image.message).toBe('Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value');
  });

  it('[VAL13] maxSurge and maxUnavailable may not both be zero', () => {
    const { api } = apiContext();
    const zero = statusOf(() => api.create(web({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })));
    expect(zero.message).toBe('Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0');
    const pct = statusOf(() => api.create(web({ strategy: { rollingUpdate: { maxSurge: '0%', maxUnavailable: '0%' } } })));
    expect(pct.message).toContain('Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"0%"}: may not be 0 when `maxSurge` is 0');
    const over = statusOf(() => api.create(web({ strategy: { rollingUpdate: { maxUnavailable: '150%' } } })));
    expect(over.message).toBe('Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%');
    const type = statusOf(() => api.create(web({ strategy: { type: 'BlueGreen' } })));
    expect(type.message).toBe(
      'Deployment.apps "web" is invalid: spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    );
  });

  it('[VAL26] annotation changes bump a Deployment\'s generation; status updates carry annotations without a bump', () => {
    const { api } = apiContext();
    const d = api.create<D>(web());
    expect(d.metadata.generation).toBe(1);
    const annotated = clone(d);
    annotated.metadata.annotations = { 'kubernetes.io/change-cause': 'first' };
    const a = api.update<D>(annotated as ObjectInput);
    expect(a.metadata.generation).toBe(2);

    const viaStatus = clone(a);
    viaStatus.metadata.annotations = { ...viaStatus.metadata.annotations, 'deployment.kubernetes.io/revision': '1' };
    viaStatus.metadata.labels = { sneaky: 'yes' };
    viaStatus.spec!.replicas = 9;
    viaStatus.status = { observedGeneration: 2 };
    const s = api.updateStatus<D>(viaStatus as ObjectInput);
    expect(s.metadata.generation).toBe(2);
    expect(s.metadata.annotations).toEqual({ 'kubernetes.io/change-cause': 'first', 'deployment.kubernetes.io/revision': '1' });
    expect(s.metadata.labels).toEqual(a.metadata.labels);
    expect(s.spec?.replicas).toBe(1);
    expect(s.status?.observedGeneration).toBe(2);

    // A ReplicaSet counts spec changes only.
    const rs = api.create<RS>({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'r' } }, template: template({ app: 'r' }) } } as ObjectInput);
    const rsNext = clone(rs);
    rsNext.metadata.annotations = { note: 'x' };
    expect(api.update<RS>(rsNext as ObjectInput).metadata.generation).toBe(1);
  });

  it('[VAL23] status updates keep counts consistent', () => {
    const { api } = apiContext();
    const d = api.create<D>(web());
    const next = clone(d);
    next.status = { replicas: 1, readyReplicas: 2 };
    expect(statusOf(() => api.updateStatus(next as ObjectInput)).message).toBe('Deployment.apps "web" is invalid: status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas');
    next.status = { replicas: 1, readyReplicas: 1, availableReplicas: 1 };
    expect(api.updateStatus<D>(next as ObjectInput).status?.availableReplicas).toBe(1);
  });
});

describe('DaemonSet template generation', () => {
  it('[DEF16] the deprecated.daemonset.template.generation annotation starts at 1 and counts template changes only', () => {
    const { api } = apiContext();
    const key = 'deprecated.daemonset.template.generation';
    const ds = api.create<Stored<DaemonSet>>({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: template({ app: 'agent' }) },
    } as ObjectInput);
    expect(ds.metadata.annotations).toEqual({ [key]: '1' });
    const labelled = clone(ds);
    labelled.metadata.labels = { tier: 'node' };
    labelled.metadata.annotations = { [key]: '7' };
    expect(api.update<Stored<DaemonSet>>(labelled as ObjectInput).metadata.annotations).toEqual({ [key]: '1' });
    const changed = clone(api.get<Stored<DaemonSet>>('DaemonSet', 'default', 'agent'));
    changed.spec!.template.spec!.containers[0]!.image = 'nginx:1.26';
    expect(api.update<Stored<DaemonSet>>(changed as ObjectInput).metadata.annotations).toEqual({ [key]: '2' });
  });
});
