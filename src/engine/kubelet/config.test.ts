import { describe, expect, it } from 'vitest';
import type { ObjectInput } from '../api/types';
import { expand, mappingFuncFor } from './expansion';
import { kubeletHarness, WORKER } from './testkit';
import type { KubeletHarness } from './testkit';

const configMap = (name: string, data: Record<string, string>, extra: Record<string, unknown> = {}): ObjectInput => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data,
  ...extra,
});
const secret = (name: string, stringData: Record<string, string>): ObjectInput => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'default' },
  stringData,
});
const busybox = (script: string, more: Record<string, unknown> = {}) => ({ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', script], ...more });
const logs = (h: KubeletHarness, pod: string) => h.ctx.api.logs('default', pod, {});
const waiting = (h: KubeletHarness, pod: string) => h.pod(pod).status?.containerStatuses?.[0]?.state?.waiting;

describe('kubelet configuration: environment', () => {
  it('[KL19] resolves envFrom (with prefix), then env in order, from ConfigMaps, decoded Secrets, the pod and its resources', () => {
    const h = kubeletHarness();
    h.ctx.api.create(configMap('app-config', { COLOR: 'blue', GREETING: 'hello', 'app.mode': 'dark' }));
    h.ctx.api.create(secret('db-pass', { password: 's3cr3t', user: 'admin' }));
    h.createPod(
      'envs',
      {
        restartPolicy: 'Never',
        containers: [
          busybox('printenv COLOR CFG_GREETING app.mode user password DB_PASSWORD GREETING POD NODE OWNER CPU_M MEM_MI CPU_LIMIT KUBERNETES_SERVICE_HOST; printenv MISSING || echo no MISSING', {
            envFrom: [{ configMapRef: { name: 'app-config' } }, { configMapRef: { name: 'app-config' }, prefix: 'CFG_' }, { secretRef: { name: 'db-pass' } }, { configMapRef: { name: 'nope', optional: true } }],
            env: [
              { name: 'COLOR', value: 'green' }, // env overrides envFrom
              { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-pass', key: 'password' } } },
              { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
              { name: 'OWNER', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['team']" } } },
              { name: 'CPU_M', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
              { name: 'MEM_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
              { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
              { name: 'MISSING', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'nope', optional: true } } },
            ],
            resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '100Mi' } },
          }),
        ],
      },
      { annotations: { team: 'blue-team' } },
    );
    h.advance(5_000);
    expect(h.pod('envs').status?.phase).toBe('Succeeded');
    // An unlimited cpu is the node's allocatable (2 cores); every envFrom key is passed, valid name or not.
    expect(logs(h, 'envs')).toEqual(['green', 'hello', 'dark', 'admin', 's3cr3t', 's3cr3t', 'hello', 'envs', WORKER.name, 'blue-team', '250', '100', '2', '10.96.0.1', 'no MISSING']);
    expect(h.events('envs').filter((e) => e.startsWith('InvalidEnvironmentVariableNames'))).toEqual([]);
  });

  it('[KL20] expands $(VAR) in env values, command and args as upstream expansion does', () => {
    // third_party/forked/golang/expansion expand_test.go's table.
    const mapping = mappingFuncFor({ VAR_A: 'A', VAR_EMPTY: '' }, { VAR_B: 'B', VAR_C: 'C', VAR_REF: '$(VAR_A)' });
    const table: Array<[string, string]> = [
      ['$(VAR_A)', 'A'],
      ['$(VAR_A)-$(VAR_A)', 'A-A'],
      ['___$(VAR_B)___', '___B___'],
      ['$(VAR_A)_$(VAR_B)_$(VAR_C)', 'A_B_C'],
      ['$$(VAR_B)_$(VAR_A)', '$(VAR_B)_A'],
      ['$$(VAR_A)_$$(VAR_B)', '$(VAR_A)_$(VAR_B)'],
      ['f000-$$VAR_A', 'f000-$VAR_A'],
      ['foo\\$(VAR_C)bar', 'foo\\Cbar'],
      ['$(VAR_A$(VAR_B))', '$(VAR_A$(VAR_B))'],
      ['$(VAR_A$(VAR_B)', '$(VAR_A$(VAR_B)'],
      ['$(VAR_REF)', '$(VAR_A)'],
      ['foo$(VAR_EMPTY)bar', 'foobar'],
      ['foo$(VAR_Awhoops!', 'foo$(VAR_Awhoops!'],
      ['$?_boo_$!', '$?_boo_$!'],
      ['$VAR_A', '$VAR_A'],
      ['$(VAR_DNE)', '$(VAR_DNE)'],
      ['$$$$$$(BIG_MONEY)', '$$$(BIG_MONEY)'],
      ['$$$$$$$(VAR_A)', '$$$A'],
      ['${VAR_A}', '${VAR_A}'],
      ['$(VAR_B)_______$(A', 'B_______$(A'],
      ['$(VAR_C)_______$(', 'C_______$('],
      ['$(VAR_A)foobarzab$', 'Afoobarzab$'],
      ['--$($($($($--', '--$($($($($--'],
      ['$(foo$$var)', '$(foo$$var)'],
    ];
    for (const [input, want] of table) expect(expand(input, mapping), input).toBe(want);

    const h = kubeletHarness();
    h.ctx.api.create(configMap('app-config', { COLOR: 'blue' }));
    h.createPod('expand', {
      restartPolicy: 'Never',
      containers: [
        {
          name: 'app',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'echo "$1"; echo "$2"; echo $(COLOR)', 'sh'],
          args: ['$(GREETING) in $(MODE)', '$(COLOR) $$(COLOR) $(LATER) $(UNKNOWN) $HOME $(HOME)'],
          envFrom: [{ configMapRef: { name: 'app-config' } }],
          env: [
            { name: 'MODE', value: '$(COLOR)-$(LATER)-$(KUBERNETES_SERVICE_PORT)' },
            { name: 'GREETING', value: 'hi $$(COLOR)' },
            { name: 'LATER', value: 'late' },
          ],
        },
      ],
    });
    h.advance(5_000);
    // MODE sees COLOR (envFrom) and the service variables, not LATER, declared after it; the image's
    // variables (HOME) are not the kubelet's to expand. sh does not expand positional parameters again;
    // the `$(COLOR)` in the script itself was the kubelet's before sh read it.
    expect(logs(h, 'expand')).toEqual(['hi $(COLOR) in blue-$(LATER)-443', 'blue $(COLOR) late $(UNKNOWN) $HOME $(HOME)', 'blue']);
  });

  it('[KL21] waits in CreateContainerConfigError while a ConfigMap is missing, retrying every sync until it appears', () => {
    const h = kubeletHarness();
    h.createPod('web', {
      containers: [
        busybox('echo "color is $COLOR"; sleep 3600', { env: [{ name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'color' } } }] }),
      ],
    });
    h.advance(5_000);
    let p = h.pod('web');
    expect(p.status?.phase).toBe('Pending');
    expect(waiting(h, 'web')).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' });
    expect(p.status?.containerStatuses?.[0]).toMatchObject({ ready: false, restartCount: 0, started: false });
    expect(p.status?.containerStatuses?.[0]?.containerID).toBeUndefined();
    expect(h.events('web')).toEqual(['Pulling: Pulling image "busybox:1.36"', expect.stringMatching(/^Pulled: Successfully pulled/), 'Failed: Error: configmap "app-config" not found']);
    const failed = h.ctx.api.list<{ reason: string; count: number; involvedObject: { fieldPath?: string } }>('Event', 'default').items.find((e) => e.reason === 'Failed')!;
    expect(failed.involvedObject.fieldPath).toBe('spec.containers{app}');
    expect(() => logs(h, 'web')).toThrow('container "app" in pod "web" is waiting to start: CreateContainerConfigError');

    h.ctx.api.create(configMap('app-config', { mode: 'dark' }));
    h.advance(10_000); // the next sync: the ConfigMap is there, its key is not
    expect(waiting(h, 'web')).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key color in ConfigMap default/app-config" });
    expect(h.events('web')).toContain('Pulled: Container image "busybox:1.36" already present on machine');
    expect(h.events('web')).toContain("Failed: Error: couldn't find key color in ConfigMap default/app-config");

    h.ctx.api.update({ ...configMap('app-config', { color: 'blue' }), metadata: { ...h.ctx.api.get('ConfigMap', 'default', 'app-config').metadata } });
    h.advance(4_000);
    expect(waiting(h, 'web')?.reason).toBe('CreateContainerConfigError'); // nothing happens before the next sync
    h.advance(6_000);
    p = h.pod('web');
    expect(p.status?.phase).toBe('Running');
    expect(logs(h, 'web')).toEqual(['color is blue']);
    expect(h.events('web').slice(-2)).toEqual(['Created: Created container: app', 'Started: Started container app']);
  });

  it('[KL21] names a missing Secret or Secret key the same way', () => {
    const h = kubeletHarness();
    h.createPod('a', { containers: [busybox('sleep 3600', { envFrom: [{ secretRef: { name: 'creds' } }] })] });
    h.ctx.api.create(secret('db-pass', { user: 'admin' }));
    h.createPod('b', { containers: [busybox('sleep 3600', { env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db-pass', key: 'password' } } }] })] });
    h.advance(5_000);
    expect(waiting(h, 'a')).toEqual({ reason: 'CreateContainerConfigError', message: 'secret "creds" not found' });
    expect(waiting(h, 'b')).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key password in Secret default/db-pass" });
  });

  it('[KL22] keeps a running container\'s environment when the ConfigMap changes; a restart reads the new value', () => {
    const h = kubeletHarness();
    h.ctx.api.create(configMap('app-config', { COLOR: 'blue' }));
    h.createPod('web', { containers: [busybox('while true; do echo "COLOR=$COLOR"; sleep 10; done', { envFrom: [{ configMapRef: { name: 'app-config' } }] })] });
    h.advance(5_000);
    const cm = h.ctx.api.get('ConfigMap', 'default', 'app-config');
    h.ctx.api.update({ ...cm, data: { COLOR: 'green' } });
    h.advance(120_000);
    expect(new Set(logs(h, 'web'))).toEqual(new Set(['COLOR=blue']));
    h.kubelet.crash('default', 'web');
    h.advance(3_000);
    expect(logs(h, 'web')[0]).toBe('COLOR=green');
  });
});

const volumePod = (volumes: unknown[], mounts: unknown[], script: string) => ({
  restartPolicy: 'Never',
  containers: [busybox(script, { volumeMounts: mounts })],
  volumes,
});

describe('kubelet configuration: volumes', () => {
  it('[KL23] mounts a ConfigMap key per file, items at their paths, a Secret decoded, read-only, over the image\'s files', () => {
    const h = kubeletHarness();
    h.ctx.api.create(configMap('app-config', { color: 'blue', 'app.properties': 'mode=dark\nsize=large\n' }, { binaryData: { 'logo.bin': btoa('PNG') } }));
    h.ctx.api.create(secret('db-pass', { password: 's3cr3t' }));
    h.createPod(
      'files',
      volumePod(
        [
          { name: 'config', configMap: { name: 'app-config' } },
          { name: 'some', configMap: { name: 'app-config', items: [{ key: 'app.properties', path: 'conf/app.conf' }] } },
          { name: 'creds', secret: { secretName: 'db-pass' } },
          { name: 'none', configMap: { name: 'nope', optional: true } },
        ],
        [
          { name: 'config', mountPath: '/etc/config' },
          { name: 'some', mountPath: '/etc/nginx' },
          { name: 'creds', mountPath: '/etc/creds', readOnly: true },
          { name: 'config', mountPath: '/etc/color', subPath: 'color' },
          { name: 'none', mountPath: '/opt/none' },
        ],
        'ls /etc/config; cat /etc/config/color; echo; ls /etc/nginx; ls /etc/nginx/conf; cat /etc/nginx/conf/app.conf; cat /etc/creds/password; echo; cat /etc/color; echo; ls /opt; ls /opt/none; echo x > /etc/config/color',
      ),
    );
    h.advance(5_000);
    expect(logs(h, 'files')).toEqual([
      'app.properties',
      'color',
      'logo.bin',
      'blue',
      'conf',
      'app.conf',
      'mode=dark',
      'size=large',
      's3cr3t',
      'blue', // the subPath mount: one file
      'none', // the optional volume of a missing ConfigMap: an empty directory
      "sh: can't create /etc/config/color: Read-only file system",
    ]);
    expect(h.pod('files').status?.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(1);
  });

  it('[KL24] keeps the pod ContainerCreating with FailedMount, retrying with back-off, until the ConfigMap exists', () => {
    const h = kubeletHarness();
    const tries: number[] = [];
    h.ctx.api.watch('Event', { namespace: 'default' }, (e) => {
      const ev = e.object as { reason?: string };
      if (ev.reason === 'FailedMount') tries.push(h.now());
    });
    const t0 = h.now();
    h.createPod('web', volumePod([{ name: 'config', configMap: { name: 'app-config' } }], [{ name: 'config', mountPath: '/etc/config' }], 'cat /etc/config/color; echo; sleep 3600'));
    h.advance(40_000);
    let p = h.pod('web');
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.podIP).toBeUndefined();
    expect(p.status?.conditions?.[0]).toMatchObject({ type: 'PodReadyToStartContainers', status: 'False' });
    expect(waiting(h, 'web')).toEqual({ reason: 'ContainerCreating' });
    expect(tries.map((t) => (t - t0) / 1000)).toEqual([0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5]);
    expect(new Set(h.events('web'))).toEqual(new Set(['FailedMount: MountVolume.SetUp failed for volume "config" : configmap "app-config" not found']));

    h.ctx.api.create(configMap('app-config', { color: 'blue' }));
    h.advance(20_000);
    expect(h.pod('web').status?.phase).toBe('Pending'); // the back-off runs to 63.5 s
    h.advance(10_000);
    p = h.pod('web');
    expect(p.status?.phase).toBe('Running');
    expect(logs(h, 'web')).toEqual(['blue']);
  });

  it('[KL24] words a missing items key and a missing Secret as the volume plugins do', () => {
    const h = kubeletHarness();
    h.ctx.api.create(configMap('app-config', { color: 'blue' }));
    h.createPod('k', volumePod([{ name: 'config', configMap: { name: 'app-config', items: [{ key: 'size', path: 'size' }] } }], [{ name: 'config', mountPath: '/c' }], 'true'));
    h.createPod('s', volumePod([{ name: 'creds', secret: { secretName: 'db-pass' } }], [{ name: 'creds', mountPath: '/c' }], 'true'));
    h.advance(1_000);
    expect(h.events('k')[0]).toBe('FailedMount: MountVolume.SetUp failed for volume "config" : configmap references non-existent config key: size');
    expect(h.events('s')[0]).toBe('FailedMount: MountVolume.SetUp failed for volume "creds" : secret "db-pass" not found');
  });

  it('[KL25] updates mounted files in a running pod at its next periodic sync, but not a subPath mount', () => {
    const h = kubeletHarness();
    h.ctx.api.create(configMap('app-config', { color: 'blue' }));
    h.createPod(
      'web',
      volumePod(
        [{ name: 'config', configMap: { name: 'app-config' } }],
        [
          { name: 'config', mountPath: '/etc/config' },
          { name: 'config', mountPath: '/color', subPath: 'color' },
        ],
        'while true; do echo "$(cat /etc/config/color) $(cat /color)"; sleep 5; done',
      ),
    );
    h.advance(5_000);
    const cm = h.ctx.api.get('ConfigMap', 'default', 'app-config');
    h.ctx.api.update({ ...cm, data: { color: 'green' } });
    h.advance(58_000);
    expect(logs(h, 'web').at(-1)).toBe('blue blue');
    h.advance(6_000);
    expect(logs(h, 'web').at(-1)).toBe('green blue');
  });
});
