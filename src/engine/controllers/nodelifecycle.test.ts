import { describe, expect, it } from 'vitest';
import type { Endpoints, Node, Pod, Taint } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { ObjectInput, Stored } from '../api/types';
import { clone } from '../api/types';
import { parseTime, rfc3339 } from '../clock';
import { createCluster } from '../cluster';
import type { Cluster } from '../cluster';
import { NODE_MONITOR_GRACE_MS } from './nodelifecycle';

type PodObj = Stored<Pod>;
type Ev = { involvedObject: { kind: string; name: string }; reason: string; message: string; type: string; source: { component: string } };

const node = (c: Cluster, name = 'node-1') => c.api.get<Stored<Node>>('Node', undefined, name);
const ready = (c: Cluster, name = 'node-1') => node(c, name).status?.conditions?.find((x) => x.type === 'Ready');
const taints = (c: Cluster, name = 'node-1') => (node(c, name).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
const renewed = (c: Cluster, name = 'node-1') => parseTime(c.api.get<Stored<Lease>>('Lease', 'kube-node-lease', name).spec?.renewTime)!;
const events = (c: Cluster, ns = 'default') => c.api.list<Ev>('Event', ns).items;
const podReady = (p: PodObj) => p.status?.conditions?.find((x) => x.type === 'Ready')?.status;

/** The default cluster with a pod pinned to each worker (nodeName set, as a user or DaemonSet could). */
function cluster(pods: Array<{ name: string; node: string; tolerations?: unknown[] }> = []): Cluster {
  const c = createCluster({ seed: 5 });
  for (const p of pods) {
    c.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: p.name, namespace: 'default', labels: { app: 'web' } },
      spec: { nodeName: p.node, ...(p.tolerations ? { tolerations: p.tolerations } : {}), containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
    } as ObjectInput);
  }
  c.advance(20_000);
  return c;
}

/** Stops node-1's kubelet and advances to the instant the controller marks it Unknown. */
function downUntilUnknown(c: Cluster): number {
  c.nodeDown('node-1');
  const last = renewed(c);
  while (ready(c)?.status === 'True') c.advance(1000);
  return last;
}

describe('node lifecycle controller', () => {
  it('[NL1] a kubelet renews its Lease every 10 s and its node stays Ready and untainted', () => {
    const c = cluster();
    const first = renewed(c);
    c.advance(10_000);
    expect(renewed(c) - first).toBe(10_000);
    c.advance(5 * 60_000);
    expect(ready(c)?.status).toBe('True');
    expect(taints(c)).toEqual([]);
    expect(events(c).filter((e) => e.reason === 'NodeNotReady')).toEqual([]);
  });

  it('[NL2] silent for longer than the grace period (50 s), the node goes Unknown: "Kubelet stopped posting node status."', () => {
    const c = cluster();
    c.nodeDown('node-1');
    const last = renewed(c);
    c.advance(last + NODE_MONITOR_GRACE_MS - c.now());
    expect(ready(c)?.status).toBe('True');
    c.advance(5_000);
    const r = ready(c)!;
    expect([r.status, r.reason, r.message]).toEqual(['Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.']);
    const changed = parseTime(r.lastTransitionTime)! - last;
    expect(changed).toBeGreaterThan(NODE_MONITOR_GRACE_MS);
    expect(changed).toBeLessThanOrEqual(NODE_MONITOR_GRACE_MS + 5_000);
    const conds = node(c).status!.conditions!.map((x) => [x.type, x.status]);
    expect(conds).toEqual([['MemoryPressure', 'Unknown'], ['DiskPressure', 'Unknown'], ['PIDPressure', 'Unknown'], ['Ready', 'Unknown']]);
    expect(events(c).filter((e) => e.reason === 'NodeNotReady' && e.involvedObject.kind === 'Node').map((e) => e.message)).toEqual(['Node node-1 status is now: NodeNotReady']);
    // The other nodes are untouched.
    expect(ready(c, 'node-2')?.status).toBe('True');
  });

  it('[NL2] a node that never posted its status goes Unknown after the startup grace period (60 s), "Kubelet never posted node status."', () => {
    const c = cluster();
    c.api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'ghost' } });
    c.runDue();
    c.advance(60_000);
    expect(node(c, 'ghost').status?.conditions).toBeUndefined();
    c.advance(5_000);
    const conds = node(c, 'ghost').status!.conditions!;
    expect(conds.map((x) => [x.type, x.status, x.reason, x.message])).toEqual(
      ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].map((t) => [t, 'Unknown', 'NodeStatusNeverUpdated', 'Kubelet never posted node status.']),
    );
    expect(conds[0]!.lastHeartbeatTime).toBe(node(c, 'ghost').metadata.creationTimestamp);
    expect(taints(c, 'ghost')).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    // No Ready -> NotReady transition was observed, so no NodeNotReady event.
    expect(events(c).filter((e) => e.involvedObject.name === 'ghost' && e.reason === 'NodeNotReady')).toEqual([]);
  });

  it('[NL3] the pods of an unreachable node are marked not Ready, so their Service drops them', () => {
    const c = cluster([{ name: 'a', node: 'node-1' }, { name: 'b', node: 'node-2' }]);
    c.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    c.runDue();
    const eps = () => c.api.get<Stored<Endpoints>>('Endpoints', 'default', 'web').subsets?.[0];
    expect(eps()?.addresses).toHaveLength(2);
    downUntilUnknown(c);
    expect(podReady(c.api.get<PodObj>('Pod', 'default', 'a'))).toBe('False');
    expect(podReady(c.api.get<PodObj>('Pod', 'default', 'b'))).toBe('True');
    expect(events(c).filter((e) => e.involvedObject.name === 'a' && e.reason === 'NodeNotReady').map((e) => [e.type, e.message])).toEqual([['Warning', 'Node is not ready']]);
    expect(eps()?.addresses?.map((x) => x.targetRef?.name)).toEqual(['b']);
    expect(eps()?.notReadyAddresses?.map((x) => x.targetRef?.name)).toEqual(['a']);
  });

  it('[NL4] an Unknown node gets the unreachable NoSchedule and NoExecute taints, stamped with timeAdded', () => {
    const c = cluster();
    downUntilUnknown(c);
    c.runDue();
    const t = node(c).spec!.taints!;
    const now = rfc3339(c.now());
    expect(t).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: now },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: now },
    ]);
    // New pods stay away from it.
    c.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'late', namespace: 'default' }, spec: { containers: [{ name: 'x', image: 'nginx:1.27' }] } });
    c.advance(1000);
    expect(c.api.get<PodObj>('Pod', 'default', 'late').spec?.nodeName).not.toBe('node-1');
  });

  it('[NL5] when the kubelet is back the node is Ready again and the controller removes its taints', () => {
    const c = cluster([{ name: 'a', node: 'node-1' }]);
    downUntilUnknown(c);
    c.advance(60_000);
    expect(taints(c)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    c.nodeUp('node-1');
    c.advance(5_000);
    expect(ready(c)?.status).toBe('True');
    expect(taints(c)).toEqual([]);
    expect(podReady(c.api.get<PodObj>('Pod', 'default', 'a'))).toBe('True');
    // Its scheduled eviction was cancelled, as the real controller says.
    expect(events(c).filter((e) => e.involvedObject.name === 'a' && e.reason === 'TaintManagerEviction').map((e) => e.message)).toEqual(['Cancelling deletion of Pod default/a']);
    c.advance(10 * 60_000);
    expect(c.api.get<PodObj>('Pod', 'default', 'a').metadata.deletionTimestamp).toBeUndefined();
  });

  it('[NL6] a cordoned node gets node.kubernetes.io/unschedulable:NoSchedule until it is uncordoned', () => {
    const c = cluster();
    const edit = (unschedulable: boolean) => {
      const n = clone(node(c, 'node-2'));
      n.spec = { ...n.spec, unschedulable };
      c.api.update(n as ObjectInput);
      c.runDue();
    };
    edit(true);
    expect(node(c, 'node-2').spec?.taints).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: rfc3339(c.now()) }]);
    edit(false);
    expect(node(c, 'node-2').spec?.taints).toBeUndefined();
  });
});

describe('taint-eviction controller', () => {
  it('[TE1] pods with the default tolerations are deleted 300 s after the NoExecute taint, and their Deployment replaces them', () => {
    const c = createCluster({ seed: 5 });
    c.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    });
    c.advance(20_000);
    const onNode1 = () => c.api.list<PodObj>('Pod', 'default').items.filter((p) => p.spec?.nodeName === 'node-1');
    const victim = onNode1()[0]!;
    expect(victim.spec?.tolerations).toContainEqual({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    downUntilUnknown(c);
    c.runDue();
    const tainted = parseTime(node(c).spec!.taints!.find((t: Taint) => t.effect === 'NoExecute')!.timeAdded)!;
    c.advance(tainted + 300_000 - 1 - c.now());
    expect(c.api.get<PodObj>('Pod', 'default', victim.metadata.name).metadata.deletionTimestamp).toBeUndefined();
    c.advance(1);
    const evicted = c.api.get<PodObj>('Pod', 'default', victim.metadata.name);
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect(evicted.status?.conditions?.find((x) => x.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    expect(events(c).filter((e) => e.involvedObject.name === victim.metadata.name && e.reason === 'TaintManagerEviction').map((e) => [e.message, e.source.component])).toEqual([
      [`Marking for deletion Pod default/${victim.metadata.name}`, 'taint-eviction-controller'],
    ]);
    c.advance(20_000);
    const active = c.api.list<PodObj>('Pod', 'default').items.filter((p) => !p.metadata.deletionTimestamp);
    expect(active).toHaveLength(3);
    expect(active.every((p) => p.spec?.nodeName !== 'node-1')).toBe(true);
  });

  it('[TE2] tolerationSeconds decide: forever stays, 10 s goes after 10 s, the first matching toleration counts', () => {
    const unreachable = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' };
    const c = cluster([
      { name: 'forever', node: 'node-1', tolerations: [unreachable] },
      { name: 'short', node: 'node-1', tolerations: [{ ...unreachable, tolerationSeconds: 10 }] },
      { name: 'first-wins', node: 'node-1', tolerations: [unreachable, { ...unreachable, tolerationSeconds: 5 }] },
    ]);
    downUntilUnknown(c);
    c.runDue();
    c.advance(9_999);
    expect(c.api.get<PodObj>('Pod', 'default', 'short').metadata.deletionTimestamp).toBeUndefined();
    c.advance(1);
    expect(c.api.get<PodObj>('Pod', 'default', 'short').metadata.deletionTimestamp).toBeDefined();
    c.advance(20 * 60_000);
    expect(c.api.get<PodObj>('Pod', 'default', 'forever').metadata.deletionTimestamp).toBeUndefined();
    expect(c.api.get<PodObj>('Pod', 'default', 'first-wins').metadata.deletionTimestamp).toBeUndefined();
  });

  it('[TE3] a NoExecute taint a pod does not tolerate evicts it at once; tolerated ones do not', () => {
    const c = cluster([
      { name: 'plain', node: 'node-2' },
      { name: 'tolerant', node: 'node-2', tolerations: [{ key: 'maintenance', operator: 'Equal', value: 'now', effect: 'NoExecute' }] },
    ]);
    const n = clone(node(c, 'node-2'));
    n.spec = { ...n.spec, taints: [{ key: 'maintenance', value: 'now', effect: 'NoExecute' }] };
    c.api.update(n as ObjectInput);
    c.runDue();
    expect(c.api.get<PodObj>('Pod', 'default', 'plain').metadata.deletionTimestamp).toBeDefined();
    expect(c.api.get<PodObj>('Pod', 'default', 'tolerant').metadata.deletionTimestamp).toBeUndefined();
  });
});
