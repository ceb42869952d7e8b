import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../engine/apimachinery/duration';
import { createCluster } from '../../engine/cluster';
import type { Cluster } from '../../engine/cluster';
import type { KubeObject } from '../../engine/api/types';
import { kubectl } from '../index';
import { tabulate } from '../printers/tabwriter';
import { splitShellWords } from '../shell';
import type { CommandResult, KubectlEnv } from '../types';

interface Session {
  cluster: Cluster;
  env: KubectlEnv;
  k(line: string): CommandResult;
  age(obj: KubeObject): string;
}

function session(files: Record<string, string> = {}): Session {
  const cluster = createCluster({ seed: 1 });
  const io = {
    readFile(path: string): string {
      const f = files[path];
      if (f === undefined) throw new Error('no such file or directory');
      return f;
    },
  };
  const env: KubectlEnv = { api: cluster.api, clock: cluster.clock, io, namespace: 'default' };
  return {
    cluster,
    env,
    k: (line) => kubectl(splitShellWords(line), env),
    age: (obj) => humanDuration(cluster.now() - Date.parse(obj.metadata.creationTimestamp)),
  };
}

function pod(name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...extra } };
}

/** A namespace with a Deployment (2 replicas) and two bare pods, one of them unschedulable. */
function workload(): Session & { pods: () => KubeObject[] } {
  const s = session();
  const api = s.cluster.api;
  api.create(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    },
    { namespace: 'default' },
  );
  api.create(pod('solo', { app: 'solo', tier: 'backend' }), { namespace: 'default' });
  api.create(pod('stuck', { app: 'stuck' }, { nodeSelector: { disk: 'ssd' } }), { namespace: 'default' });
  s.cluster.advance(120_000);
  return { ...s, pods: () => api.list('Pod', 'default').items };
}

const row = (...cells: string[]) => cells;

describe('kubectl get', () => {
  it('[KC-GET17] without arguments prints the usage error', () => {
    const r = session().k('get');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\n' +
        'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
        "See 'kubectl get -h' for help and examples\n",
    );
  });

  it('[KC-GET20] Endpoints carry the 1.33 deprecation warning, printed before the table and once', () => {
    const { k } = session();
    const r = k('get svc,ep,ep');
    const warning = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n';
    expect(r.stderr).toBe(warning);
    expect(r.interleaved?.[0]).toEqual({ stream: 'stderr', text: warning });
    expect(r.interleaved?.[1]?.stream).toBe('stdout');
    expect(k('get svc').stderr).toBe('');
  });

  it('[KC-GET3] an unknown resource type', () => {
    const r = session().k('get foo');
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([1, '', 'error: the server doesn\'t have a resource type "foo"\n']);
  });

  it('[KC-GET8] says no resources were found, naming the namespace only for namespaced kinds without -A', () => {
    const s = session();
    expect(s.k('get pods').stderr).toBe('No resources found in default namespace.\n');
    expect(s.k('get pods -n kube-public').stderr).toBe('No resources found in kube-public namespace.\n');
    expect(s.k('get pods -A -l app=nothing').stderr).toBe('No resources found\n');
    expect(s.k('get nodes -l app=nothing').stderr).toBe('No resources found\n');
    expect(s.k('get pods').exitCode).toBe(0);
  });

  it('[KC-GET6] [KC-GET18] get svc and get nodes on the default cluster', () => {
    const s = session();
    s.cluster.advance(600_000);
    const svc = s.cluster.api.get('Service', 'default', 'kubernetes');
    expect(s.k('get svc').stdout).toBe(
      tabulate([row('NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'), row('kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', s.age(svc))]),
    );
    const nodes = s.cluster.api.list('Node').items;
    const out = s.k('get nodes');
    expect(out.stdout).toBe(
      tabulate([
        row('NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'),
        ...nodes.map((n) => row(n.metadata.name, 'Ready', n.metadata.name === 'control-plane' ? 'control-plane' : '<none>', s.age(n), 'v1.33.1')),
      ]),
    );
    expect(out.stdout.split('\n')[1]).toMatch(/^control-plane {3}Ready {4}control-plane {3}1[0-9]m {3}v1\.33\.1$/);
  });

  it('[KC-GET7] -A adds the NAMESPACE column', () => {
    const s = session();
    const svcs = s.cluster.api.list('Service').items;
    expect(s.k('get svc -A').stdout).toBe(
      tabulate([
        row('NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'),
        row('default', 'kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', s.age(svcs[0]!)),
        row('kube-system', 'kube-dns', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP,9153/TCP', s.age(svcs[1]!)),
      ]),
    );
  });

  it('[KC-GET5] [KC-GET6] get pods, -o wide, --show-labels and -l on a running workload', () => {
    const s = workload();
    const pods = s.pods();
    const status = (p: KubeObject) => (p.metadata.name === 'stuck' ? ['0/1', 'Pending'] : ['1/1', 'Running']);
    expect(s.k('get pods').stdout).toBe(
      tabulate([row('NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'), ...pods.map((p) => row(p.metadata.name, ...status(p), '0', s.age(p)))]),
    );
    const ip = (p: KubeObject) => (p as unknown as { status: { podIP?: string } }).status.podIP ?? '<none>';
    const node = (p: KubeObject) => (p as unknown as { spec: { nodeName?: string } }).spec.nodeName ?? '<none>';
    expect(s.k('get pods -o wide').stdout).toBe(
      tabulate([
        row('NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'),
        ...pods.map((p) => row(p.metadata.name, ...status(p), '0', s.age(p), ip(p), node(p), '<none>', '<none>')),
      ]),
    );
    const solo = pods.find((p) => p.metadata.name === 'solo')!;
    expect(s.k('get pods -l tier=backend --show-labels').stdout).toBe(
      tabulate([row('NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'LABELS'), row('solo', '1/1', 'Running', '0', s.age(solo), 'app=solo,tier=backend')]),
    );
    expect(s.k('get pod solo stuck -L tier').stdout).toBe(
      tabulate([
        row('NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'TIER'),
        row('solo', '1/1', 'Running', '0', s.age(solo), 'backend'),
        row('stuck', '0/1', 'Pending', '0', s.age(pods.find((p) => p.metadata.name === 'stuck')!), ''),
      ]),
    );
  });

  it('[KC-GET7] get deploy,rs,po prints one table per kind with kind.group/ prefixes and blank lines between', () => {
    const s = workload();
    const deploy = s.cluster.api.get('Deployment', 'default', 'web');
    const rs = s.cluster.api.list('ReplicaSet', 'default').items[0]!;
    const pods = s.pods();
    const expected =
      tabulate([row('NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'), row('deployment.apps/web', '2/2', '2', '2', s.age(deploy))]) +
      '\n' +
      tabulate([row('NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'), row(`replicaset.apps/${rs.metadata.name}`, '2', '2', '2', s.age(rs))]) +
      '\n' +
      tabulate([
        row('NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'),
        ...pods.map((p) => row(`pod/${p.metadata.name}`, ...(p.metadata.name === 'stuck' ? ['0/1', 'Pending'] : ['1/1', 'Running']), '0', s.age(p))),
      ]);
    expect(s.k('get deploy,rs,po').stdout).toBe(expected);
    // Only one kind was found, so no kind prefix; the missing ReplicaSet is reported.
    const partial = s.k('get deploy,rs web');
    expect(partial.stdout).toBe(tabulate([row('NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'), row('web', '2/2', '2', '2', s.age(deploy))]));
    expect(partial.stderr).toBe('Error from server (NotFound): replicasets.apps "web" not found\n');
  });

  it('[KC-GET2] get all lists pods, services, deployments and replicasets in discovery order', () => {
    const s = workload();
    const out = s.k('get all').stdout;
    const headers = out.split('\n').filter((l) => l.startsWith('NAME'));
    expect(headers.map((h) => h.split(/\s+/).slice(1, 3).join(' '))).toEqual(['READY STATUS', 'TYPE CLUSTER-IP', 'READY UP-TO-DATE', 'DESIRED CURRENT']);
    expect(out).toContain('\nservice/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   ');
    expect(out.split('\n\n')).toHaveLength(4);
  });

  it('[KC-GET9] names that do not exist are reported while the others still print', () => {
    const s = workload();
    const r = s.k('get pods solo nope other');
    expect(r.exitCode).toBe(1);
    expect(r.stdout.split('\n')[1]).toMatch(/^solo {3}1\/1 {5}Running {3}0 {10}2m$/);
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\nError from server (NotFound): pods "other" not found\n');
    const quiet = s.k('get pods nope --ignore-not-found');
    expect([quiet.exitCode, quiet.stdout, quiet.stderr]).toEqual([0, '', '']);
  });

  it('[KC-GET19] -f gets each object of the files from its own namespace', () => {
    const s = session({
      'objs.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: kube-dns\n  namespace: kube-system\n',
    });
    const cm = s.cluster.api.create<KubeObject>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } }, { namespace: 'default' });
    const dns = s.cluster.api.get('Service', 'kube-system', 'kube-dns');
    expect(s.k('get -f objs.yaml').stdout).toBe(
      tabulate([row('NAME', 'DATA', 'AGE'), row('configmap/cfg', '1', s.age(cm))]) +
        '\n' +
        tabulate([row('NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'), row('service/kube-dns', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP,9153/TCP', s.age(dns))]),
    );
    expect(s.k('get -f objs.yaml -o name').stdout).toBe('configmap/cfg\nservice/kube-dns\n');
    expect(s.k('get -f objs.yaml pods').stderr).toBe('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n');
  });

  it('[KC-GET10] [KC-GET11] -o yaml and -o json of a ConfigMap, keys sorted as kubectl prints them', () => {
    const s = session();
    const cm = s.cluster.api.create<KubeObject>(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', labels: { tier: 'fe', app: 'web' } }, data: { port: '80', 'app.conf': 'listen 80;\nroot /srv;\n', enabled: 'true' } },
      { namespace: 'default' },
    );
    const m = cm.metadata;
    expect(s.k('get cm cfg -o yaml').stdout).toBe(
      `apiVersion: v1
data:
  app.conf: |
    listen 80;
    root /srv;
  enabled: "true"
  port: "80"
kind: ConfigMap
metadata:
  creationTimestamp: "${m.creationTimestamp}"
  labels:
    app: web
    tier: fe
  name: cfg
  namespace: default
  resourceVersion: "${m.resourceVersion}"
  uid: ${m.uid}
`,
    );
    expect(s.k('get configmap/cfg -o json').stdout).toBe(
      `{
    "apiVersion": "v1",
    "data": {
        "app.conf": "listen 80;\\nroot /srv;\\n",
        "enabled": "true",
        "port": "80"
    },
    "kind": "ConfigMap",
    "metadata": {
        "creationTimestamp": "${m.creationTimestamp}",
        "labels": {
            "app": "web",
            "tier": "fe"
        },
        "name": "cfg",
        "namespace": "default",
        "resourceVersion": "${m.resourceVersion}",
        "uid": "${m.uid}"
    }
}
`,
    );
    const list = s.k('get cm -l app=web -o yaml').stdout;
    expect(list.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n')).toBe(true);
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
  });

  it('[KC-GET10] -o yaml of a pod: metadata and spec keys in sorted order, containers not indented', () => {
    const s = workload();
    const out = s.k('get pod solo -o yaml').stdout;
    const lines = out.split('\n');
    expect(lines.slice(0, 3)).toEqual(['apiVersion: v1', 'kind: Pod', 'metadata:']);
    const topKeys = lines.filter((l) => /^[a-z]/.test(l)).map((l) => l.split(':')[0]);
    expect(topKeys).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    const metaKeys = lines.slice(3, lines.indexOf('spec:')).filter((l) => /^ {2}[a-z]/.test(l)).map((l) => l.trim().split(':')[0]);
    expect(metaKeys).toEqual([...metaKeys].sort());
    expect(metaKeys).toEqual(expect.arrayContaining(['creationTimestamp', 'labels', 'name', 'namespace', 'resourceVersion', 'uid']));
    expect(out).toContain('\nspec:\n  containers:\n  - image: nginx:1.27\n');
    expect(out).toContain('\n  labels:\n    app: solo\n    tier: backend\n');
  });

  it('[KC-GET12] -o name', () => {
    const s = workload();
    expect(s.k('get deploy,svc -o name').stdout).toBe('deployment.apps/web\nservice/kubernetes\n');
  });

  it('[KC-GET13] -o jsonpath with range and a filter', () => {
    const s = session();
    const out = s.k(`get nodes -o 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}'`);
    expect(out.stdout).toBe('control-plane\tTrue\nnode-1\tTrue\nnode-2\tTrue\nnode-3\tTrue\n');
    expect(s.k('get nodes -o jsonpath={.items[*].metadata.name}').stdout).toBe('control-plane node-1 node-2 node-3');
    expect(s.k("get svc kubernetes -o jsonpath='{.spec.ports[0].port}'").stdout).toBe('443');
    const err = s.k('get pods -o jsonpath={.items[0].metadata.name}');
    expect(err.exitCode).toBe(1);
    expect(err.stderr.startsWith('error: error executing jsonpath "{.items[0].metadata.name}": Error executing template: array index out of bounds: index 0, length 0.')).toBe(true);
  });

  it('[KC-GET14] -o custom-columns', () => {
    const s = session();
    const nodes = s.cluster.api.list<KubeObject & { status: { capacity: Record<string, string> } }>('Node').items;
    expect(s.k('get nodes -o custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu,TAINT:.spec.taints[*].effect').stdout).toBe(
      tabulate([
        row('NAME', 'CPU', 'TAINT'),
        ...nodes.map((n) => row(n.metadata.name, n.status.capacity.cpu!, n.metadata.name === 'control-plane' ? 'NoSchedule' : '<none>')),
      ]),
    );
  });

  it('[KC-GET15] --sort-by through get', () => {
    const s = workload();
    const names = s
      .k('get pods --sort-by=.metadata.labels.app --no-headers')
      .stdout.trim()
      .split('\n')
      .map((l) => l.split(' ')[0]);
    expect(names.slice(0, 2)).toEqual(['solo', 'stuck']);
    expect(names.slice(2).every((n) => n!.startsWith('web-'))).toBe(true);
    expect(s.k('get pods --sort-by=.spec.nope').stderr).toBe('error: couldn\'t find any field with path "{.spec.nope}" in the list of objects\n');
  });

  it('[KC-GET17] --show-labels only with table output', () => {
    expect(session().k('get pods --show-labels -o yaml').stderr).toBe('error: --show-labels option cannot be used with yaml printer\n');
  });
});

describe('kubectl get -w', () => {
  it('[KC-GET16] prints the table, then one aligned row per change without repeating the header', () => {
    const s = workload();
    const r = s.k('get pods -l app=solo -w');
    expect(r.follow?.mode).toBe('watch');
    expect(r.stdout).toBe(tabulate([row('NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'), row('solo', '1/1', 'Running', '0', '2m')]));
    expect(r.follow!.poll()).toEqual({ stdout: '', stderr: '', done: false });
    s.cluster.api.create(pod('solo-2', { app: 'solo' }), { namespace: 'default' });
    const first = r.follow!.poll().stdout;
    expect(first).toBe('solo-2   0/1     Pending   0          0s\n');
    s.cluster.advance(60_000);
    const later = r.follow!.poll().stdout.split('\n').filter(Boolean);
    expect(later.every((l) => l.startsWith('solo-2   '))).toBe(true);
    // A wider cell widens its column for every row after it, as kubectl's remembered widths do.
    expect(later).toContain('solo-2   0/1     ContainerCreating   0          0s');
    expect(later[later.length - 1]).toMatch(/^solo-2 {3}1\/1 {5}Running {13}0 {10}\d+s$/);
    r.follow!.stop();
    s.cluster.api.delete('Pod', 'default', 'solo-2');
    s.cluster.advance(60_000);
    expect(r.follow!.poll()).toEqual({ stdout: '', stderr: '', done: true });
  });

  it('[KC-GET16] watching one object skips the synthetic ADDED; --watch-only prints the header with the first change', () => {
    const s = workload();
    const r = s.k('get pod solo -w');
    expect(r.stdout.split('\n')[0]).toBe('NAME   READY   STATUS    RESTARTS   AGE');
    expect(r.follow!.poll().stdout).toBe('');
    const solo = s.cluster.api.get<KubeObject>('Pod', 'default', 'solo');
    s.cluster.api.update({ ...solo, metadata: { ...solo.metadata, labels: { ...solo.metadata.labels, x: 'y' } } });
    expect(r.follow!.poll().stdout).toBe('solo   1/1     Running   0          2m\n');
    r.follow!.stop();

    const only = s.k('get pods -l app=solo --watch-only --output-watch-events');
    expect(only.stdout).toBe('');
    const again = s.cluster.api.get<KubeObject>('Pod', 'default', 'solo');
    s.cluster.api.update({ ...again, metadata: { ...again.metadata, labels: { ...again.metadata.labels, x: 'z' } } });
    expect(only.follow!.poll().stdout).toBe(tabulate([row('EVENT', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'), row('MODIFIED', 'solo', '1/1', 'Running', '0', '2m')]));
    only.follow!.stop();
  });

  it('[KC-GET16] one resource type at a time', () => {
    expect(session().k('get pods,svc -w').stderr).toBe('error: you may only specify a single resource type\n');
  });
});
