import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types';
import { podSummary } from './columns';
import type { TableKind } from './table';
import { printTable } from './table';

const NOW = Date.UTC(2026, 0, 5, 10, 0, 0);
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');

const POD: TableKind = { group: '', kind: 'Pod', namespaced: true, plural: 'pods' };
const NODE: TableKind = { group: '', kind: 'Node', namespaced: false, plural: 'nodes' };
const DEPLOY: TableKind = { group: 'apps', kind: 'Deployment', namespaced: true, plural: 'deployments' };
const SVC: TableKind = { group: '', kind: 'Service', namespaced: true, plural: 'services' };

function obj(apiVersion: string, kind: string, name: string, rest: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace: 'default', uid: name, resourceVersion: '1', creationTimestamp: ago(300), ...meta }, ...rest } as KubeObject;
}

type Status = Record<string, unknown>;
function pod(name: string, status: Status, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return obj('v1', 'Pod', name, { spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec }, status }, meta);
}
const running = (ready = true, restartCount = 0, extra: Status = {}) => ({ name: 'app', ready, restartCount, state: { running: { startedAt: ago(200) } }, ...extra });
const waiting = (reason: string, restartCount = 0, extra: Status = {}) => ({ name: 'app', ready: false, restartCount, state: { waiting: { reason } }, ...extra });

describe('pod STATUS, READY, RESTARTS', () => {
  const status = (p: KubeObject) => podSummary(p as never).reason;

  it('[KC-GET5] the phase, overridden by status.reason and SchedulingGated', () => {
    expect(status(pod('a', { phase: 'Pending' }))).toBe('Pending');
    expect(status(pod('a', { phase: 'Failed', reason: 'Evicted' }))).toBe('Evicted');
    expect(status(pod('a', { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }))).toBe('SchedulingGated');
  });

  it('[KC-GET5] the first container with a waiting or terminated reason wins', () => {
    const p = pod('a', { phase: 'Running', containerStatuses: [waiting('ErrImagePull'), waiting('CrashLoopBackOff')] }, { containers: [{ name: 'a' }, { name: 'b' }] });
    expect(status(p)).toBe('ErrImagePull');
    expect(status(pod('a', { phase: 'Pending', containerStatuses: [waiting('ContainerCreating')] }))).toBe('ContainerCreating');
    expect(status(pod('a', { phase: 'Running', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 137, signal: 9 } } }] }))).toBe('Signal:9');
    expect(status(pod('a', { phase: 'Failed', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 2 } } }] }))).toBe('ExitCode:2');
  });

  it('[KC-GET5] Completed with a container still running reads Running or NotReady', () => {
    const st = (ready: boolean) => ({
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [{ name: 'a', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }, running(true)],
    });
    const spec = { containers: [{ name: 'a' }, { name: 'app' }] };
    expect(status(pod('a', st(true), spec))).toBe('Running');
    expect(status(pod('a', st(false), spec))).toBe('NotReady');
  });

  it('[KC-GET5] init containers: Init:N/M, Init:<reason>, Init:ExitCode; restartable ones count toward READY', () => {
    const spec = { initContainers: [{ name: 'i1' }, { name: 'i2' }] };
    expect(status(pod('a', { phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 0 } } }, { name: 'i2', state: { running: {} } }] }, spec))).toBe('Init:1/2');
    expect(status(pod('a', { phase: 'Pending', initContainerStatuses: [waiting('CrashLoopBackOff')] }, spec))).toBe('Init:CrashLoopBackOff');
    expect(status(pod('a', { phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 3 } } }] }, spec))).toBe('Init:ExitCode:3');
    const sidecar = pod(
      'a',
      { phase: 'Running', initContainerStatuses: [{ name: 'side', ready: true, started: true, restartCount: 1, state: { running: {} } }], containerStatuses: [running(true)] },
      { initContainers: [{ name: 'side', restartPolicy: 'Always' }] },
    );
    const s = podSummary(sidecar as never);
    expect([s.ready, s.total, s.reason, s.restarts]).toEqual([2, 2, 'Running', 1]);
  });

  it('[KC-GET5] deleted pods read Terminating, or Unknown when their node was lost', () => {
    const del = { deletionTimestamp: ago(5) };
    expect(status(pod('a', { phase: 'Running', containerStatuses: [running()] }, {}, del))).toBe('Terminating');
    expect(status(pod('a', { phase: 'Succeeded' }, {}, del))).toBe('Succeeded');
    expect(status(pod('a', { phase: 'Running', reason: 'NodeLost' }, {}, del))).toBe('Unknown');
  });

  it('[KC-GET5] [KC-GET18] RESTARTS shows how long ago the last container finished', () => {
    const p = pod('web', { phase: 'Running', containerStatuses: [running(true, 3, { lastState: { terminated: { exitCode: 1, finishedAt: ago(125) } } })] });
    expect(printTable([{ kind: POD, items: [p] }], {}, NOW)).toBe('NAME   READY   STATUS    RESTARTS       AGE\nweb    1/1     Running   3 (2m5s ago)   5m\n');
  });
});

describe('tables', () => {
  const pods = [
    pod('web', { phase: 'Running', podIPs: [{ ip: '10.244.1.5' }], containerStatuses: [running()] }, { nodeName: 'node-1' }, { labels: { app: 'web', tier: 'fe' } }),
    pod('db', { phase: 'Pending', containerStatuses: [waiting('ContainerCreating')] }, {}, { namespace: 'data', labels: { app: 'db' } }),
  ];

  it('[KC-GET6] [KC-GET4] pods -o wide shows IP, NODE, NOMINATED NODE and READINESS GATES', () => {
    expect(printTable([{ kind: POD, items: pods }], { wide: true }, NOW)).toBe(
      'NAME   READY   STATUS              RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
        'web    1/1     Running             0          5m    10.244.1.5   node-1   <none>           <none>\n' +
        'db     0/1     ContainerCreating   0          5m    <none>       <none>   <none>           <none>\n',
    );
  });

  it('[KC-GET7] NAMESPACE first with -A, -L label columns, LABELS last', () => {
    expect(printTable([{ kind: POD, items: pods }], { withNamespace: true, labelColumns: ['app.kubernetes.io/tier', 'tier'], showLabels: true }, NOW)).toBe(
      'NAMESPACE   NAME   READY   STATUS              RESTARTS   AGE   TIER   TIER   LABELS\n' +
        'default     web    1/1     Running             0          5m           fe     app=web,tier=fe\n' +
        'data        db     0/1     ContainerCreating   0          5m                  app=db\n',
    );
  });

  it('[KC-GET7] several kinds: kind prefixes, one header each, a blank line between, no NAMESPACE for nodes', () => {
    const node = obj('v1', 'Node', 'node-1', {
      metadata: { name: 'node-1', uid: 'n', resourceVersion: '1', creationTimestamp: ago(3 * 86400), labels: { 'node-role.kubernetes.io/control-plane': '' } },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.33.1' } },
    });
    const dep = obj('apps/v1', 'Deployment', 'web', { spec: { replicas: 3 }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } });
    const out = printTable(
      [
        { kind: DEPLOY, items: [dep] },
        { kind: POD, items: [pods[0]!] },
        { kind: NODE, items: [node] },
      ],
      { withKind: true, withNamespace: true },
      NOW,
    );
    expect(out).toBe(
      'NAMESPACE   NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n' +
        'default     deployment.apps/web   2/3     3            2           5m\n' +
        '\n' +
        'NAMESPACE   NAME      READY   STATUS    RESTARTS   AGE\n' +
        'default     pod/web   1/1     Running   0          5m\n' +
        '\n' +
        'NAME          STATUS                     ROLES           AGE   VERSION\n' +
        'node/node-1   Ready,SchedulingDisabled   control-plane   3d    v1.33.1\n',
    );
  });

  it('[KC-GET6] services: ClusterIP, headless, NodePort and a pending LoadBalancer', () => {
    const svc = (name: string, spec: Record<string, unknown>, status: Record<string, unknown> = {}) => obj('v1', 'Service', name, { spec, status });
    const out = printTable(
      [
        {
          kind: SVC,
          items: [
            svc('web', { type: 'ClusterIP', clusterIPs: ['10.96.12.7'], ports: [{ port: 80, protocol: 'TCP' }], selector: { app: 'web' } }),
            svc('db', { type: 'ClusterIP', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }] }),
            svc('np', { type: 'NodePort', clusterIPs: ['10.96.0.50'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 443, nodePort: 30443, protocol: 'TCP' }] }),
            svc('lb', { type: 'LoadBalancer', clusterIPs: ['10.96.0.60'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] }),
          ],
        },
      ],
      { wide: true },
      NOW,
    );
    expect(out).toBe(
      'NAME   TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)                      AGE   SELECTOR\n' +
        'web    ClusterIP      10.96.12.7   <none>        80/TCP                       5m    app=web\n' +
        'db     ClusterIP      None         <none>        5432/TCP                     5m    <none>\n' +
        'np     NodePort       10.96.0.50   <none>        80:30080/TCP,443:30443/TCP   5m    <none>\n' +
        'lb     LoadBalancer   10.96.0.60   <pending>     80:31000/TCP                 5m    <none>\n',
    );
  });

  it('[KC-GET6] kinds without a table handler print NAME and AGE; cells are cut at a line break', () => {
    const kind: TableKind = { group: 'example.com', kind: 'Widget', namespaced: true, plural: 'widgets' };
    expect(printTable([{ kind, items: [obj('example.com/v1', 'Widget', 'w1')] }], {}, NOW)).toBe('NAME   AGE\nw1     5m\n');
    const cm = obj('v1', 'ConfigMap', 'multi\nline', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } });
    expect(printTable([{ kind: { group: '', kind: 'ConfigMap', namespaced: true, plural: 'configmaps' }, items: [cm] }], {}, NOW)).toBe(
      'NAME       DATA   AGE\nmulti...   3      5m\n',
    );
  });

  it('[KC-GET7] --no-headers prints rows only, with no blank line between kinds', () => {
    const dep = obj('apps/v1', 'Deployment', 'web', { spec: { replicas: 1 }, status: {} });
    expect(printTable([{ kind: DEPLOY, items: [dep] }, { kind: POD, items: [pods[0]!] }], { noHeaders: true, withKind: true }, NOW)).toBe(
      'deployment.apps/web   0/1   0     0     5m\npod/web   1/1   Running   0     5m\n',
    );
  });

  it('[KC-GET15] --sort-by orders rows naturally, quantities by value, missing fields first', () => {
    const items = ['web-10', 'web-9', 'api'].map((n, i) => pod(n, { phase: 'Running' }, {}, { labels: { size: ['2Gi', '500Mi', ''][i]! } }));
    const byName = printTable([{ kind: POD, items }], { sortBy: '.metadata.name', noHeaders: true }, NOW);
    expect(byName.split('\n').map((l) => l.split(' ')[0])).toEqual(['api', 'web-9', 'web-10', '']);
    const bySize = printTable([{ kind: POD, items }], { sortBy: '{.metadata.labels.size}', noHeaders: true }, NOW);
    expect(bySize.split('\n').map((l) => l.split(' ')[0])).toEqual(['api', 'web-9', 'web-10', '']);
    expect(() => printTable([{ kind: POD, items }], { sortBy: '.spec.nope' }, NOW)).toThrow('couldn\'t find any field with path "{.spec.nope}" in the list of objects');
  });

  it('[KC-GET6] nodes, endpoints and events', () => {
    const ep = obj('v1', 'Endpoints', 'web', {
      subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }, { ip: '10.0.0.4' }], ports: [{ port: 80 }] }],
    });
    expect(printTable([{ kind: { group: '', kind: 'Endpoints', namespaced: true, plural: 'endpoints' }, items: [ep] }], {}, NOW)).toBe(
      'NAME   ENDPOINTS                                         AGE\nweb    10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...   5m\n',
    );
    const ev = obj('v1', 'Event', 'web.1', {
      involvedObject: { kind: 'Pod', name: 'web' },
      type: 'Warning',
      reason: 'BackOff',
      message: ' Back-off restarting failed container ',
      firstTimestamp: ago(600),
      lastTimestamp: ago(30),
      count: 4,
    });
    expect(printTable([{ kind: { group: '', kind: 'Event', namespaced: true, plural: 'events' }, items: [ev] }], {}, NOW)).toBe(
      'LAST SEEN   TYPE      REASON    OBJECT    MESSAGE\n30s         Warning   BackOff   pod/web   Back-off restarting failed container\n',
    );
  });
});
