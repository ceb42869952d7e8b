import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { ObjectInput, Stored } from '../types';
import { clone } from '../types';
import { apiContext, podInput, statusOf } from './testkit';

type P = Stored<Pod>;
const nginx = (extra: Record<string, unknown> = {}) => ({ containers: [{ name: 'nginx', image: 'nginx', ...extra }] });

describe('Pod defaulting', () => {
  it('[DEF1] fills in the pod-level defaults a real API server shows', () => {
    const { api } = apiContext();
    const pod = api.create<P>(podInput('web', nginx()));
    expect(pod.spec).toMatchObject({
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      securityContext: {},
      enableServiceLinks: true,
    });
  });

  it('[DEF1] keeps values the client chose', () => {
    const { api } = apiContext();
    const pod = api.create<P>(podInput('web', { ...nginx(), restartPolicy: 'Never', terminationGracePeriodSeconds: 0, enableServiceLinks: false }));
    expect(pod.spec?.restartPolicy).toBe('Never');
    expect(pod.spec?.terminationGracePeriodSeconds).toBe(0);
    expect(pod.spec?.enableServiceLinks).toBe(false);
  });

  it('[DEF2] derives imagePullPolicy from the tag and fills container defaults', () => {
    const { api } = apiContext();
    const images = ['nginx', 'nginx:latest', 'nginx:1.25', 'localhost:5000/app', 'nginx@sha256:' + 'a'.repeat(64), 'registry.k8s.io/pause:3.10'];
    const pod = api.create<P>(podInput('web', { containers: images.map((image, i) => ({ name: `c${i}`, image })) }));
    expect(pod.spec?.containers.map((c) => c.imagePullPolicy)).toEqual(['Always', 'Always', 'IfNotPresent', 'Always', 'IfNotPresent', 'IfNotPresent']);
    const c = pod.spec?.containers[0];
    expect(c?.terminationMessagePath).toBe('/dev/termination-log');
    expect(c?.terminationMessagePolicy).toBe('File');
    expect(c?.resources).toEqual({});
  });

  it('[DEF3] defaults port protocols and probe settings', () => {
    const { api } = apiContext();
    const pod = api.create<P>(podInput('web', nginx({ ports: [{ containerPort: 80 }], livenessProbe: { httpGet: { port: 80 } }, readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 } })));
    const c = pod.spec?.containers[0];
    expect(c?.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c?.livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c?.readinessProbe).toMatchObject({ periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 3 });
  });

  it('[DEF4] defaults requests from limits and stores quantities canonically', () => {
    const { api } = apiContext();
    const pod = api.create<P>(podInput('web', nginx({ resources: { limits: { cpu: 0.5, memory: '1.5Gi' }, requests: { memory: '1024Mi' } } })));
    expect(pod.spec?.containers[0]?.resources).toEqual({ limits: { cpu: '500m', memory: '1536Mi' }, requests: { cpu: '500m', memory: '1Gi' } });
    const tiny = api.create<P>(podInput('tiny', nginx({ resources: { requests: { cpu: '0.0001' } } })));
    expect(tiny.spec?.containers[0]?.resources?.requests).toEqual({ cpu: '1m' });
  });

  it('[DEF5] a new pod is Pending with its QoS class, whatever status the client sent', () => {
    const { api } = apiContext();
    const make = (name: string, resources: Record<string, unknown>) =>
      api.create<P>({ ...podInput(name, nginx({ resources })), status: { phase: 'Running', podIP: '1.2.3.4' } });
    expect(make('be', {}).status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(make('bu', { requests: { cpu: '100m' } }).status?.qosClass).toBe('Burstable');
    expect(make('gu', { limits: { cpu: '1', memory: '1Gi' } }).status?.qosClass).toBe('Guaranteed');
    expect(make('bu2', { limits: { cpu: '1' } }).status?.qosClass).toBe('Burstable');
    const gated = api.create<P>(podInput('gated', { ...nginx(), schedulingGates: [{ name: 'wait' }] }));
    expect(gated.status?.conditions?.[0]).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' });
  });

  it('[DEF6] defaults volume sources and their modes', () => {
    const { api } = apiContext();
    const pod = api.create<P>(
      podInput('web', {
        ...nginx(),
        automountServiceAccountToken: false,
        volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'cfg' } }, { name: 'host', hostPath: { path: '/var/log' } }, { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }],
      }),
    );
    expect(pod.spec?.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
      { name: 'host', hostPath: { path: '/var/log', type: '' } },
      { name: 'info', downwardAPI: { defaultMode: 420, items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] } },
    ]);
  });

  it('[DEF7] serviceAccount mirrors serviceAccountName', () => {
    const { api } = apiContext();
    api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'default' } });
    const pod = api.create<P>(podInput('web', { ...nginx(), serviceAccount: 'builder' }));
    expect(pod.spec?.serviceAccountName).toBe('builder');
    expect(pod.spec?.serviceAccount).toBe('builder');
  });

  it('[DEF13] a quantity that does not parse fails decoding with 400', () => {
    const { api } = apiContext();
    const err = statusOf(() => api.create(podInput('web', nginx({ resources: { limits: { cpu: '1 core' } } }))));
    expect(err.code).toBe(400);
    expect(err.message).toBe(`Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  });

  it('[DEF14] defaults are applied again on update', () => {
    const { api } = apiContext();
    const pod = api.create<P>(podInput('web', nginx()));
    const next = clone(pod);
    delete next.spec?.dnsPolicy;
    delete next.spec?.containers[0]?.terminationMessagePolicy;
    const stored = api.update<P>(next as ObjectInput);
    expect(stored.spec?.dnsPolicy).toBe('ClusterFirst');
    expect(stored.metadata.resourceVersion).toBe(pod.metadata.resourceVersion); // nothing changed, nothing written
  });
});

describe('Pod validation', () => {
  it('[VAL1] a pod needs containers', () => {
    const { api } = apiContext();
    expect(statusOf(() => api.create(podInput('web', {}))).message).toBe('Pod "web" is invalid: spec.containers: Required value');
  });

  it('[VAL2] container names are DNS-1123 labels and unique', () => {
    const { api } = apiContext();
    const dup = statusOf(() => api.create(podInput('web', { containers: [{ name: 'app', image: 'a' }, { name: 'app', image: 'b' }] })));
    expect(dup.message).toBe('Pod "web" is invalid: spec.containers[1].name: Duplicate value: "app"');
    const bad = statusOf(() => api.create(podInput('web', { containers: [{ name: 'My_App', image: 'a' }] })));
    expect(bad.message).toContain(`spec.containers[0].name: Invalid value: "My_App": a lowercase RFC 1123 label must consist of`);
    const init = statusOf(() => api.create(podInput('web', { initContainers: [{ name: 'app', image: 'a' }], containers: [{ name: 'app', image: 'b' }] })));
    expect(init.message).toBe('Pod "web" is invalid: spec.initContainers[0].name: Duplicate value: "app"');
  });

  it('[VAL3] every container needs an image', () => {
    const { api } = apiContext();
    expect(statusOf(() => api.create(podInput('web', { containers: [{ name: 'app' }] }))).message).toBe('Pod "web" is invalid: spec.containers[0].image: Required value');
  });

  it('[VAL4] container ports are checked', () => {
    const { api } = apiContext();
    const big = statusOf(() => api.create(podInput('web', nginx({ ports: [{ containerPort: 70000 }] }))));
    expect(big.message).toBe('Pod "web" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive');
    const proto = statusOf(() => api.create(podInput('web', nginx({ ports: [{ containerPort: 80, protocol: 'HTTP' }] }))));
    expect(proto.message).toBe('Pod "web" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"');
    const name = statusOf(() => api.create(podInput('web', nginx({ ports: [{ containerPort: 80, name: 'web' }, { containerPort: 81, name: 'web' }] }))));
    expect(name.message).toBe('Pod "web" is invalid: spec.containers[0].ports[1].name: Duplicate value: "web"');
  });

  it('[VAL5] restartPolicy must be a supported value', () => {
    const { api } = apiContext();
    const err = statusOf(() => api.create(podInput('web', { ...nginx(), restartPolicy: 'Sometimes' })));
    expect(err.message).toBe('Pod "web" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"');
  });

  it('[VAL6] requests may not exceed limits, and resource names are standard', () => {
    const { api } = apiContext();
    const err = statusOf(() => api.create(podInput('web', nginx({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }))));
    expect(err.message).toBe('Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1');
    const neg = statusOf(() => api.create(podInput('web', nginx({ resources: { requests: { memory: '-1Gi' } } }))));
    expect(neg.message).toBe('Pod "web" is invalid: spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0');
    const name = statusOf(() => api.create(podInput('web', nginx({ resources: { limits: { gpu: '1' } } }))));
    expect(name.message).toContain('spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers');
  });

  it('[VAL7] a pod spec is immutable except images, deadlines and added tolerations', () => {
    const { api } = apiContext();
    const pod = api.create<P>(podInput('web', nginx()));
    const image = clone(pod);
    image.spec!.containers[0]!.image = 'nginx:1.27';
    expect(api.update<P>(image as ObjectInput).spec?.containers[0]?.image).toBe('nginx:1.27');

    const current = api.get<P>('Pod', 'default', 'web');
    const restart = clone(current);
    restart.spec!.restartPolicy = 'Never';
    const err = statusOf(() => api.update(restart as ObjectInput));
    const [first, ...diff] = err.message.split('\n');
    expect(first).toBe(
      'Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(diff[0]).toBe('  core.PodSpec{');
    expect(diff).toContain('- \tRestartPolicy:                 "Always",');
    expect(diff).toContain('+ \tRestartPolicy:                 "Never",');

    const more = clone(current);
    more.spec!.containers.push({ name: 'sidecar', image: 'busybox' });
    expect(statusOf(() => api.update(more as ObjectInput)).message).toBe('Pod "web" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers');

    const tol = clone(current);
    tol.spec!.tolerations = [...(tol.spec!.tolerations ?? []), { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }];
    expect(api.update<P>(tol as ObjectInput).spec?.tolerations).toHaveLength(3);
    const removed = clone(api.get<P>('Pod', 'default', 'web'));
    removed.spec!.tolerations = removed.spec!.tolerations!.slice(0, 2);
    expect(statusOf(() => api.update(removed as ObjectInput)).message).toBe('Pod "web" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds');
  });

  it('[VAL19] label and annotation keys and values are validated', () => {
    const { api } = apiContext();
    const key = statusOf(() => api.create(podInput('web', nginx(), { labels: { 'bad key!': 'x' } })));
    expect(key.message).toBe(
      `Pod "web" is invalid: metadata.labels: Invalid value: "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
    const value = statusOf(() => api.create(podInput('web', nginx(), { labels: { app: 'not ok' } })));
    expect(value.message).toContain(`metadata.labels: Invalid value: "not ok": a valid label must be an empty string or consist of`);
    const ann = statusOf(() => api.create(podInput('web', nginx(), { annotations: { '/x': 'y' } })));
    expect(ann.message).toContain('metadata.annotations: Invalid value: "/x": prefix part must be non-empty');
    expect(api.create<P>(podInput('ok', nginx(), { annotations: { 'Example.com/Owner': 'me' } })).metadata.annotations).toBeDefined();
  });

  it('[VAL24] volume mounts must name a volume, once per path', () => {
    const { api } = apiContext();
    const missing = statusOf(() => api.create(podInput('web', nginx({ volumeMounts: [{ name: 'data', mountPath: '/data' }] }))));
    expect(missing.message).toBe('Pod "web" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"');
    const twice = statusOf(() =>
      api.create(podInput('web', { ...nginx({ volumeMounts: [{ name: 'a', mountPath: '/d' }, { name: 'b', mountPath: '/d' }] }), volumes: [{ name: 'a' }, { name: 'b' }] })),
    );
    expect(twice.message).toBe('Pod "web" is invalid: spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/d": must be unique');
    const dupVol = statusOf(() => api.create(podInput('web', { ...nginx(), volumes: [{ name: 'a' }, { name: 'a' }] })));
    expect(dupVol.message).toBe('Pod "web" is invalid: spec.volumes[1].name: Duplicate value: "a"');
  });
});
