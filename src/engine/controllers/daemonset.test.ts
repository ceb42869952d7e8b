import { describe, expect, it } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ObjectInput, Stored } from '../api/types';
import { clone } from '../api/types';
import { createCluster } from '../cluster';
import type { Cluster } from '../cluster';

type PodObj = Stored<Pod>;
type DSObj = Stored<DaemonSet>;

function daemonSet(name: string, spec: Record<string, unknown> = {}, image = 'nginx:1.27'): ObjectInput {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', image }], ...spec } },
    },
  };
}

const podsOf = (c: Cluster, app: string) => c.api.list<PodObj>('Pod', 'default', { labelSelector: `app=${app}` }).items.filter((p) => !p.metadata.deletionTimestamp);
const nodesOf = (c: Cluster, app: string) => podsOf(c, app).map((p) => p.spec?.nodeName ?? '?').sort();
const ds = (c: Cluster, name: string) => c.api.get<DSObj>('DaemonSet', 'default', name);

function editNode(c: Cluster, name: string, change: (n: Stored<Node>) => void): void {
  const n = clone(c.api.get<Stored<Node>>('Node', undefined, name));
  change(n);
  c.api.update(n as ObjectInput);
  c.runDue();
}

describe('DaemonSet controller', () => {
  it('[DS1] one pod per eligible node, placed by the scheduler through a required node affinity; the tainted control plane is skipped', () => {
    const c = createCluster({ seed: 4 });
    const created = c.api.create<DSObj>(daemonSet('agent'));
    c.advance(20_000);
    expect(nodesOf(c, 'agent')).toEqual(['node-1', 'node-2', 'node-3']);
    const pod = podsOf(c, 'agent').find((p) => p.spec?.nodeName === 'node-2')!;
    expect(pod.metadata.name).toMatch(/^agent-[a-z0-9]{5}$/);
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(pod.metadata.labels).toMatchObject({ app: 'agent', 'pod-template-generation': '1' });
    expect(pod.metadata.labels?.['controller-revision-hash']).toMatch(/^[a-z0-9]+$/);
    expect(pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] },
    ]);
    expect(ds(c, 'agent').status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3, numberMisscheduled: 0 });
    expect(ds(c, 'agent').status?.numberUnavailable).toBeUndefined();
  });

  it('[DS2] daemon pods get the not-ready/unreachable NoExecute and pressure/unschedulable NoSchedule tolerations, without tolerationSeconds', () => {
    const c = createCluster({ seed: 4 });
    c.api.create(daemonSet('agent'));
    c.advance(20_000);
    expect(podsOf(c, 'agent')[0]!.spec?.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    // So a cordoned node still gets one, and an unreachable node keeps its pod past the 300 s others get.
    editNode(c, 'node-3', (n) => (n.spec = { ...n.spec, unschedulable: true }));
    c.api.delete('Pod', 'default', podsOf(c, 'agent').find((p) => p.spec?.nodeName === 'node-3')!.metadata.name, { gracePeriodSeconds: 0 });
    c.advance(20_000);
    expect(nodesOf(c, 'agent')).toEqual(['node-1', 'node-2', 'node-3']);
    c.nodeDown('node-1');
    c.advance(10 * 60_000);
    expect(nodesOf(c, 'agent')).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('[DS3] a template toleration of the control-plane taint puts a pod there too; hostNetwork adds network-unavailable', () => {
    const c = createCluster({ seed: 4 });
    c.api.create(daemonSet('agent', { hostNetwork: true, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }));
    c.advance(20_000);
    expect(nodesOf(c, 'agent')).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    const tolerations = podsOf(c, 'agent')[0]!.spec!.tolerations!;
    expect(tolerations[0]).toEqual({ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' });
    expect(tolerations[tolerations.length - 1]).toEqual({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  });

  it('[DS4] nodeSelector: only matching nodes; labelling a node adds a pod, unlabelling removes it', () => {
    const c = createCluster({ seed: 4 });
    c.api.create(daemonSet('gpu', { nodeSelector: { accelerator: 'gpu' } }));
    c.advance(10_000);
    expect(nodesOf(c, 'gpu')).toEqual([]);
    expect(ds(c, 'gpu').status).toMatchObject({ desiredNumberScheduled: 0, currentNumberScheduled: 0 });
    editNode(c, 'node-2', (n) => (n.metadata.labels = { ...n.metadata.labels, accelerator: 'gpu' }));
    c.advance(20_000);
    expect(nodesOf(c, 'gpu')).toEqual(['node-2']);
    editNode(c, 'node-2', (n) => delete n.metadata.labels!.accelerator);
    expect(nodesOf(c, 'gpu')).toEqual([]);
  });

  it('[DS5] a new node gets a daemon pod; a deleted node loses it', () => {
    const c = createCluster({ seed: 4 });
    c.api.create(daemonSet('agent'));
    c.advance(20_000);
    c.api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-4', labels: { 'kubernetes.io/hostname': 'node-4' } } });
    c.runDue();
    const forNode4 = () =>
      podsOf(c, 'agent').filter((p) => p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0] === 'node-4');
    expect(forNode4()).toHaveLength(1);
    expect(ds(c, 'agent').status?.desiredNumberScheduled).toBe(4);
    c.api.delete('Node', undefined, 'node-4');
    c.runDue();
    expect(forNode4()).toHaveLength(0);
    expect(ds(c, 'agent').status?.desiredNumberScheduled).toBe(3);
  });

  it('[DS6] a NoSchedule taint the pods do not tolerate stops new ones but keeps the running one; NoExecute removes it', () => {
    const c = createCluster({ seed: 4 });
    c.api.create(daemonSet('agent'));
    c.advance(20_000);
    editNode(c, 'node-1', (n) => (n.spec = { ...n.spec, taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }));
    expect(nodesOf(c, 'agent')).toEqual(['node-1', 'node-2', 'node-3']);
    expect(ds(c, 'agent').status).toMatchObject({ desiredNumberScheduled: 2, numberMisscheduled: 1 });
    editNode(c, 'node-1', (n) => (n.spec = { ...n.spec, taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] }));
    expect(nodesOf(c, 'agent')).toEqual(['node-2', 'node-3']);
  });

  it('[DS7] a changed template rolls out node by node: never more than maxUnavailable (1) node without an available pod', () => {
    const c = createCluster({ seed: 4 });
    c.api.create(daemonSet('agent'));
    c.advance(20_000);
    const d = clone(ds(c, 'agent'));
    d.spec!.template.spec!.containers[0]!.image = 'nginx:1.28';
    c.api.update(d as ObjectInput);
    let worst = 0;
    for (let t = 0; t < 120; t++) {
      c.advance(1000);
      const availableNodes = new Set(podsOf(c, 'agent').filter((p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')).map((p) => p.spec?.nodeName));
      worst = Math.max(worst, 3 - availableNodes.size);
    }
    expect(worst).toBe(1);
    expect(podsOf(c, 'agent').map((p) => p.spec?.containers[0]?.image)).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
    expect(ds(c, 'agent').status).toMatchObject({ observedGeneration: 2, updatedNumberScheduled: 3, numberAvailable: 3 });
    expect(podsOf(c, 'agent').every((p) => p.metadata.labels?.['pod-template-generation'] === '2')).toBe(true);
  });
});

/** Every daemon pod of `app` on each node, terminating ones included, oldest first. */
function podsByNode(c: Cluster, app: string): Map<string, PodObj[]> {
  const out = new Map<string, PodObj[]>();
  const all = c.api.list<PodObj>('Pod', 'default', { labelSelector: `app=${app}` }).items;
  for (const p of [...all].sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1))) {
    const node = p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0] ?? '?';
    out.set(node, [...(out.get(node) ?? []), p]);
  }
  return out;
}
const isReadyPod = (p: PodObj) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false;

describe('DaemonSet rolling update: which pods hold a node', () => {
  it('[DS8] maxSurge 0: the old pod is deleted first and the new one is created only once the old one is gone; a terminating pod still holds its node', () => {
    const c = createCluster({ seed: 4 });
    // busybox's sh ignores SIGTERM, so each old pod takes its whole 30 s grace period to go.
    c.api.create(daemonSet('agent', { containers: [{ name: 'agent', image: 'busybox:1.36', command: ['sh', '-c', 'while true; do sleep 1; done'] }] }));
    c.advance(30_000);
    const oldNames = new Set(podsOf(c, 'agent').map((p) => p.metadata.name));
    expect(oldNames.size).toBe(3);
    const d = clone(ds(c, 'agent'));
    d.spec!.template.spec!.containers[0]!.image = 'busybox:1.37';
    c.api.update(d as ObjectInput);
    let sawTerminating = false;
    let worstTerminatingOrMissing = 0;
    for (let t = 0; t < 240; t++) {
      c.advance(1000);
      let down = 0;
      for (const [node, list] of podsByNode(c, 'agent')) {
        const old = list.filter((p) => oldNames.has(p.metadata.name));
        const fresh = list.filter((p) => !oldNames.has(p.metadata.name));
        if (old.some((p) => p.metadata.deletionTimestamp)) sawTerminating = true;
        // Never an old pod (running or terminating) and a new one on the same node at once.
        expect(old.length > 0 && fresh.length > 0, `node ${node} at ${t}s: ${list.map((p) => p.metadata.name).join(', ')}`).toBe(false);
        if (!list.some((p) => !p.metadata.deletionTimestamp && isReadyPod(p))) down++;
      }
      worstTerminatingOrMissing = Math.max(worstTerminatingOrMissing, down + 3 - podsByNode(c, 'agent').size);
    }
    expect(sawTerminating).toBe(true);
    expect(worstTerminatingOrMissing).toBe(1);
    expect(podsOf(c, 'agent').map((p) => p.spec?.containers[0]?.image)).toEqual(['busybox:1.37', 'busybox:1.37', 'busybox:1.37']);
    expect(ds(c, 'agent').status).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3 });
  });

  it('[DS9] maxSurge 1 (maxUnavailable 0): the new pod is created beside the old one, which is deleted once the new one is available; one node surges at a time', () => {
    const c = createCluster({ seed: 4 });
    const spec = daemonSet('agent') as { spec: Record<string, unknown> };
    spec.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } };
    c.api.create(spec as ObjectInput);
    c.advance(20_000);
    const oldNames = new Set(podsOf(c, 'agent').map((p) => p.metadata.name));
    const d = clone(ds(c, 'agent'));
    d.spec!.template.spec!.containers[0]!.image = 'nginx:1.28';
    c.api.update(d as ObjectInput);
    let sawBoth = false;
    for (let t = 0; t < 180; t++) {
      c.advance(1000);
      let surging = 0;
      for (const [node, list] of podsByNode(c, 'agent')) {
        const live = list.filter((p) => !p.metadata.deletionTimestamp);
        const old = live.filter((p) => oldNames.has(p.metadata.name));
        const fresh = live.filter((p) => !oldNames.has(p.metadata.name));
        // Every node keeps a ready pod throughout.
        expect(live.some(isReadyPod), `node ${node} at ${t}s`).toBe(true);
        expect(old.length).toBeLessThanOrEqual(1);
        expect(fresh.length).toBeLessThanOrEqual(1);
        if (old.length && fresh.length) {
          sawBoth = true;
          surging++;
          // The old pod is still there only while the new one is not ready yet.
          expect(isReadyPod(fresh[0]!)).toBe(false);
        }
      }
      expect(surging).toBeLessThanOrEqual(1);
    }
    expect(sawBoth).toBe(true);
    expect(podsOf(c, 'agent').map((p) => p.spec?.containers[0]?.image)).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
    expect(ds(c, 'agent').status).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3 });
  });
});
