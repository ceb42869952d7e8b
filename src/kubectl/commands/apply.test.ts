import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types';
import { kit } from './mutate-testkit';

type Deploy = KubeObject & {
  spec: { replicas: number; template: { spec: { containers: Array<{ image: string; ports?: unknown[] }> } } };
};

const deploy = (spec: { replicas?: number; image?: string; extra?: string; name?: string } = {}) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${spec.name ?? 'web'}`,
    'spec:',
    ...(spec.replicas !== undefined ? [`  replicas: ${spec.replicas}`] : []),
    ...(spec.extra ? [spec.extra] : []),
    '  selector:',
    '    matchLabels: {app: web}',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    '    spec:',
    '      containers:',
    '      - name: nginx',
    `        image: ${spec.image ?? 'nginx:1.27'}`,
    '',
  ].join('\n');

const LAST =
  '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"nginx"}]}}}}\n';

describe('kubectl apply: creating', () => {
  it('[KC-MUT4] creates a missing object with the last-applied-configuration annotation kubectl writes', () => {
    const k = kit({ 'd.yaml': deploy({ replicas: 2 }) });
    expect(k.run('kubectl apply -f d.yaml')).toEqual({
      stdout: 'deployment.apps/web created\n',
      stderr: '',
      exitCode: 0,
    });
    const d = k.cluster.api.get<Deploy>('Deployment', 'default', 'web');
    expect(d.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/last-applied-configuration': LAST });
    expect(d.spec.replicas).toBe(2);
  });

  it('[KC-MUT4] a cluster-scoped object has no namespace in its annotation; stdin reads as STDIN', () => {
    const k = kit();
    expect(
      k.run('kubectl apply -f -', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n').stdout,
    ).toBe('namespace/team created\n');
    expect(k.cluster.api.get('Namespace', undefined, 'team').metadata.annotations).toEqual({
      'kubectl.kubernetes.io/last-applied-configuration':
        '{"apiVersion":"v1","kind":"Namespace","metadata":{"annotations":{},"name":"team"}}\n',
    });
    expect(
      k.run(
        'kubectl apply -f -',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: nope\n',
      ).stderr,
    ).toBe('Error from server (NotFound): error when creating "STDIN": namespaces "nope" not found\n');
  });
});

describe('kubectl apply: updating', () => {
  it('[KC-MUT5] unchanged when nothing differs, configured with a three-way patch when the manifest changes', () => {
    const k = kit({
      'v1.yaml': deploy({ replicas: 2 }),
      'v2.yaml': deploy({ replicas: 2, image: 'nginx:1.28' }),
    });
    k.run('kubectl apply -f v1.yaml');
    const rv = k.cluster.api.get('Deployment', 'default', 'web').metadata.resourceVersion;
    expect(k.run('kubectl apply -f v1.yaml').stdout).toBe('deployment.apps/web unchanged\n');
    expect(k.cluster.api.get('Deployment', 'default', 'web').metadata.resourceVersion).toBe(rv);
    expect(k.run('kubectl apply -f v2.yaml').stdout).toBe('deployment.apps/web configured\n');
    expect(
      k.cluster.api.get<Deploy>('Deployment', 'default', 'web').spec.template.spec.containers[0]!.image,
    ).toBe('nginx:1.28');
  });

  it('[KC-MUT5] keeps fields others set (kubectl scale) unless the manifest used to set them', () => {
    const k = kit({
      'plain.yaml': deploy({}),
      'withReplicas.yaml': deploy({ replicas: 2 }),
      'noReplicas.yaml': deploy({}),
    });
    k.run('kubectl apply -f plain.yaml');
    k.cluster.api.updateScale('Deployment', 'default', 'web', 5);
    expect(k.run('kubectl apply -f plain.yaml').stdout).toBe('deployment.apps/web unchanged\n');
    expect(k.cluster.api.get<Deploy>('Deployment', 'default', 'web').spec.replicas).toBe(5);
    k.run('kubectl apply -f withReplicas.yaml');
    expect(k.cluster.api.get<Deploy>('Deployment', 'default', 'web').spec.replicas).toBe(2);
    // The manifest no longer sets replicas but last-applied did: apply deletes it, the server defaults it to 1.
    expect(k.run('kubectl apply -f noReplicas.yaml').stdout).toBe('deployment.apps/web configured\n');
    expect(k.cluster.api.get<Deploy>('Deployment', 'default', 'web').spec.replicas).toBe(1);
  });

  it('[KC-MUT5] warns when the live object was not created by apply, then patches the annotation in', () => {
    const k = kit({ 'd.yaml': deploy({ replicas: 1, image: 'nginx' }) });
    k.run('kubectl create deployment web --image=nginx');
    const r = k.run('kubectl apply -f d.yaml');
    expect(r.stderr).toBe(
      'Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
    );
    expect(r.stdout).toBe('deployment.apps/web configured\n');
    expect(
      k.cluster.api.get('Deployment', 'default', 'web').metadata.annotations?.[
        'kubectl.kubernetes.io/last-applied-configuration'
      ],
    ).toContain('"image":"nginx"');
  });
});

describe('kubectl apply: errors', () => {
  it('[KC-MUT6] strict decoding: unknown fields are rejected by the server, wrapped with the file name', () => {
    const k = kit({ 'bad.yaml': deploy({ extra: '  replicass: 2' }) });
    expect(k.run('kubectl apply -f bad.yaml')).toEqual({
      stdout: '',
      stderr:
        'Error from server (BadRequest): error when creating "bad.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass"\n',
      exitCode: 1,
    });
  });

  it('[KC-MUT6] invalid objects print The Kind "name" is invalid, on create and on patch, and nothing changes', () => {
    const k = kit({ 'inv.yaml': deploy({ replicas: -1 }), 'ok.yaml': deploy({ replicas: 1 }) });
    expect(k.run('kubectl apply -f inv.yaml').stderr).toBe(
      'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
    );
    k.run('kubectl apply -f ok.yaml');
    const r = k.run('kubectl apply -f inv.yaml');
    expect(r.stderr).toBe(
      'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
    );
    expect(k.cluster.api.get<Deploy>('Deployment', 'default', 'web').spec.replicas).toBe(1);
  });

  it('[KC-MUT6] every document is applied even when others fail; errors follow, one per line', () => {
    const k = kit({
      'mixed.yaml': [
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n  namespace: nope\n',
        'apiVersion: apps/v1\nkind: Deploymnt\nmetadata:\n  name: web\n',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: three\n',
      ].join('---\n'),
    });
    const r = k.run('kubectl apply -f mixed.yaml');
    expect(r.stdout).toBe('configmap/one created\nconfigmap/three created\n');
    expect(r.stderr).toBe(
      'resource mapping not found for name: "web" namespace: "" from "mixed.yaml": no matches for kind "Deploymnt" in version "apps/v1"\nensure CRDs are installed first\n' +
        'Error from server (NotFound): error when creating "mixed.yaml": namespaces "nope" not found\n',
    );
    expect(r.exitCode).toBe(1);
  });

  it('[KC-MUT6] a document that does not parse ends its file; those before it are applied', () => {
    const k = kit({
      'p.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: a: b\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: last\n',
    });
    expect(k.run('kubectl apply -f p.yaml')).toEqual({
      stdout: 'configmap/first created\n',
      stderr:
        'error: error parsing p.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n',
      exitCode: 1,
    });
    expect(k.cluster.api.tryGet('ConfigMap', 'default', 'last')).toBeUndefined();
  });

  it('[KC-MUT6] usage errors: -f required, a missing file, no objects', () => {
    const k = kit({ 'empty.yaml': '---\n' });
    expect(k.run('kubectl apply').stderr).toBe('error: must specify one of -f and -k\n');
    expect(k.run('kubectl apply -f nope.yaml').stderr).toBe('error: the path "nope.yaml" does not exist\n');
    expect(k.run('kubectl apply -f empty.yaml').stderr).toBe('error: no objects passed to apply\n');
    expect(k.run('kubectl apply -f empty.yaml web').stderr).toBe(
      "error: Unexpected args: [web]\nSee 'kubectl apply -h' for help and examples\n",
    );
  });
});

describe('kubectl apply: dry run and output', () => {
  it('[KC-MUT7] --dry-run=client and =server print (dry run) / (server dry run) and store nothing', () => {
    const k = kit({ 'd.yaml': deploy({ replicas: 2 }), 'd3.yaml': deploy({ replicas: 3 }) });
    expect(k.run('kubectl apply -f d.yaml --dry-run=client').stdout).toBe(
      'deployment.apps/web created (dry run)\n',
    );
    expect(k.run('kubectl apply -f d.yaml --dry-run=server').stdout).toBe(
      'deployment.apps/web created (server dry run)\n',
    );
    expect(k.cluster.api.tryGet('Deployment', 'default', 'web')).toBeUndefined();
    k.run('kubectl apply -f d.yaml');
    expect(k.run('kubectl apply -f d3.yaml --dry-run=server').stdout).toBe(
      'deployment.apps/web configured (server dry run)\n',
    );
    expect(k.run('kubectl apply -f d.yaml --dry-run=server').stdout).toBe(
      'deployment.apps/web unchanged (server dry run)\n',
    );
    expect(k.run('kubectl apply -f d3.yaml --dry-run=client').stdout).toBe(
      'deployment.apps/web configured (dry run)\n',
    );
    expect(k.cluster.api.get<Deploy>('Deployment', 'default', 'web').spec.replicas).toBe(2);
  });

  it('[KC-MUT7] -o name prints kind/name; -o yaml prints the result (a List when several)', () => {
    const k = kit({
      'd.yaml': deploy({ replicas: 2 }),
      'two.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
    });
    expect(k.run('kubectl apply -f d.yaml -o name').stdout).toBe('deployment.apps/web\n');
    const y = k.run('kubectl apply -f d.yaml -o yaml').stdout;
    expect(y.startsWith('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n')).toBe(true);
    expect(y).toContain('  name: web\n  namespace: default\n');
    const list = k.run('kubectl apply -f two.yaml -o yaml').stdout;
    expect(list.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n')).toBe(true);
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
  });
});

describe('kubectl apply: patch errors', () => {
  it('[KC-MUT6] a patch the server refuses reports the patch, the target and the file', () => {
    const k = kit({ 'ok.yaml': deploy({ replicas: 1 }), 'bad.yaml': deploy({ replicas: 1, extra: '  replicass: 2' }) });
    k.run('kubectl apply -f ok.yaml');
    const r = k.run('kubectl apply -f bad.yaml');
    expect(r.exitCode).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('Error from server (BadRequest): error when applying patch:');
    expect(lines[1]!.startsWith('{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":')).toBe(true);
    expect(lines[1]!.endsWith('},"spec":{"replicass":2}}')).toBe(true);
    expect(lines.slice(2, 6)).toEqual([
      'to:',
      'Resource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"',
      'Name: "web", Namespace: "default"',
      expect.stringMatching(/^for: "bad\.yaml": error when patching "bad\.yaml": .*unknown field "spec\.replicass"/),
    ]);
  });
});
