import type { Node, NodeCondition, ContainerImage, NodeSpec, NodeStatus } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { isStatusError } from '../api/errors';
import type { KubeObject, ObjectInput, Stored } from '../api/types';
import { clone, deepEqual } from '../api/types';
import type { TimerHandle } from '../clock';
import { rfc3339, rfc3339Micro } from '../clock';
import type { ClusterContext, NodeConfig } from '../cluster';
import { KUBERNETES_VERSION } from '../cluster';
import type { EventRecorder } from '../events';

/**
 * The kubelet's side of node lifecycle: registration (the Node object with its labels, capacity,
 * addresses and system info), the Lease it renews every 10 s, and the node status it posts every 10 s
 * when something changed and at least every 5 minutes (nodeStatusReportFrequency). The node lifecycle
 * controller reads both to decide whether the node is alive.
 */
export const NODE_STATUS_UPDATE_FREQUENCY_MS = 10_000;
export const NODE_STATUS_REPORT_FREQUENCY_MS = 5 * 60_000;
export const NODE_LEASE_DURATION_SECONDS = 40;
/** 0.25 x the lease duration (nodeLeaseRenewIntervalFraction). */
export const NODE_LEASE_RENEW_INTERVAL_MS = 10_000;
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const CONTAINER_RUNTIME_VERSION = 'containerd://2.1.1';
/** The node's ephemeral-storage capacity (kind's node disk), also its allocatable. */
export const EPHEMERAL_STORAGE_CAPACITY = '102626232Ki';
/** kubelet --max-pods default and the status.images cap (nodeStatusMaxImages). */
const NODE_STATUS_MAX_IMAGES = 50;

/** Where a node sits in the cluster: its addresses and pod range follow from its position. */
export interface NodeIdentity {
  name: string;
  index: number;
  /** 172.18.0.<index + 2>, as kind's docker network hands them out (.1 is the gateway). */
  internalIP: string;
  /** 10.244.<index>.0/24. */
  podCIDR: string;
  /** `10.244.<index>`: pod IPs are this plus `.<n>`. */
  podNetPrefix: string;
}

export function nodeIdentity(nodes: readonly NodeConfig[], name: string): NodeIdentity {
  const index = Math.max(0, nodes.findIndex((n) => n.name === name));
  return {
    name,
    index,
    internalIP: `172.18.0.${index + 2}`,
    podCIDR: `10.244.${index}.0/24`,
    podNetPrefix: `10.244.${index}`,
  };
}

interface ConditionRule {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
  /** The node event recorded when the condition turns to this status. */
  event: string;
}

/** The kubelet's node condition setters (pkg/kubelet/nodestatus/setters.go), all healthy. */
const CONDITIONS: readonly ConditionRule[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', event: 'NodeHasSufficientMemory' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', event: 'NodeHasNoDiskPressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', event: 'NodeHasSufficientPID' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', event: 'NodeReady' },
];

type StoredNode = Stored<Node>;

export class NodeReporter {
  private timer: TimerHandle | undefined;
  private lastReport = Number.NEGATIVE_INFINITY;
  /** The Node's resourceVersion and image count right after our last post: unchanged, nothing to compare. */
  private lastPosted: { rv: string; images: number } | undefined;
  private readonly machineID: string;
  private readonly systemUUID: string;
  private bootID: string;
  /** The node reference kubelet events carry: its uid is the node name, as in the real kubelet. */
  private readonly nodeRef: KubeObject;

  constructor(
    private readonly ctx: ClusterContext,
    private readonly config: NodeConfig,
    readonly identity: NodeIdentity,
    private readonly recorder: EventRecorder,
    private readonly nodeImages: () => ContainerImage[],
  ) {
    this.machineID = ctx.random.hex(32);
    this.systemUUID = ctx.random.uuid();
    this.bootID = ctx.random.uuid();
    this.nodeRef = { apiVersion: 'v1', kind: 'Node', metadata: { name: config.name, uid: config.name, resourceVersion: '', creationTimestamp: '' } };
  }

  /** The Node's uid once registered (mirror pods and the Lease point at it). */
  nodeUid(): string | undefined {
    return this.ctx.api.tryGet<StoredNode>('Node', undefined, this.config.name)?.metadata.uid;
  }

  /** kubelet start: "Starting kubelet.", register (or reconcile) the Node, then heartbeat. */
  start(): void {
    this.event('Starting', 'Starting kubelet.');
    const registered = this.register();
    this.event('NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    if (registered) this.event('NodeReady', `Node ${this.config.name} status is now: NodeReady`);
    this.heartbeat();
  }

  stop(): void {
    this.ctx.clock.clearTimeout(this.timer);
    this.timer = undefined;
    // A restarted kubelet reports its status at once, whatever changed.
    this.lastReport = Number.NEGATIVE_INFINITY;
  }

  private heartbeat(): void {
    this.renewLease();
    this.updateStatus();
    this.timer = this.ctx.clock.setTimeout(() => this.heartbeat(), NODE_LEASE_RENEW_INTERVAL_MS, `kubelet ${this.config.name} heartbeat`);
  }

  /** Creates the Node (true) or reconciles the existing one's labels (false). */
  private register(): boolean {
    const api = this.ctx.api;
    const existing = api.tryGet<StoredNode>('Node', undefined, this.config.name);
    if (!existing) {
      const node = this.initialNode();
      node.status = this.desiredStatus(undefined);
      const created = api.create<StoredNode>(node as ObjectInput, { user: this.user() });
      this.ctx.trace.record({ component: 'kubelet', node: this.config.name, message: `registered node ${this.config.name} with the API server`, ref: { kind: 'Node', name: this.config.name } });
      // Some API strategies reset status on create: post it through the status subresource as well.
      if (!deepEqual(created.status, node.status)) {
        const next = clone(created);
        next.status = node.status;
        api.updateStatus(next as KubeObject, { user: this.user() });
      }
      for (const rule of CONDITIONS) {
        if (rule.type !== 'Ready') this.event(rule.event, `Node ${this.config.name} status is now: ${rule.event}`);
      }
      this.lastReport = this.ctx.clock.now();
      return true;
    }
    // Already registered (a restart): reconcile the default labels, as tryRegisterWithAPIServer does.
    const labels = { ...existing.metadata.labels, ...this.defaultLabels() };
    if (!deepEqual(labels, existing.metadata.labels)) {
      const next = clone(existing);
      next.metadata.labels = labels;
      api.update(next as KubeObject, { user: this.user() });
    }
    return false;
  }

  private defaultLabels(): Record<string, string> {
    return {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': this.config.name,
      'kubernetes.io/os': 'linux',
      ...this.config.labels,
    };
  }

  private initialNode(): { apiVersion: 'v1'; kind: 'Node'; metadata: ObjectMeta; spec: NodeSpec; status?: NodeStatus } {
    const c = this.config;
    const spec: NodeSpec = {
      // In a real cluster the node-ipam controller assigns podCIDR after registration; the kubelet
      // sets it here so pod IPs exist from the first pod on.
      podCIDR: this.identity.podCIDR,
      podCIDRs: [this.identity.podCIDR],
    };
    if (c.taints?.length) spec.taints = c.taints.map((t) => ({ ...t }));
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: c.name,
        labels: this.defaultLabels(),
        annotations: {
          'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
          // Set by kube-controller-manager's TTL controller (0 below 100 nodes) moments after
          // registration; the simulation has no such controller, so the node registers with it.
          'node.alpha.kubernetes.io/ttl': '0',
          'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        },
      },
      spec,
    };
  }

  /** Capacity, addresses, info and conditions; conditions keep their transition times when unchanged. */
  private desiredStatus(current: StoredNode | undefined): NonNullable<StoredNode['status']> {
    const c = this.config;
    const now = rfc3339(this.ctx.clock.now());
    // kind's kubelet config replaces evictionHard (no memory.available threshold) and reserves
    // nothing, so allocatable equals capacity.
    const capacity = {
      cpu: c.cpu,
      'ephemeral-storage': EPHEMERAL_STORAGE_CAPACITY,
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: c.memory,
      pods: String(c.pods),
    };
    const conditions: NodeCondition[] = CONDITIONS.map((rule) => {
      const old = current?.status?.conditions?.find((x) => x.type === rule.type);
      const same = old?.status === rule.status;
      return {
        type: rule.type,
        status: rule.status,
        lastHeartbeatTime: now,
        lastTransitionTime: same && old?.lastTransitionTime ? old.lastTransitionTime : now,
        reason: rule.reason,
        message: rule.message,
      };
    });
    const status: NonNullable<StoredNode['status']> = {
      addresses: [
        { type: 'InternalIP', address: this.identity.internalIP },
        { type: 'Hostname', address: c.name },
      ],
      allocatable: { ...capacity },
      capacity,
      conditions,
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: this.bootID,
        containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
        kernelVersion: '6.8.0-60-generic',
        kubeProxyVersion: '',
        kubeletVersion: KUBERNETES_VERSION,
        machineID: this.machineID,
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: this.systemUUID,
      },
      runtimeHandlers: [
        { name: '', features: { recursiveReadOnlyMounts: true } },
        { name: 'runc', features: { recursiveReadOnlyMounts: true } },
      ],
    };
    const images = this.nodeImages()
      .slice()
      .sort((a, b) => (b.sizeBytes ?? 0) - (a.sizeBytes ?? 0))
      .slice(0, NODE_STATUS_MAX_IMAGES);
    if (images.length) status.images = images;
    return status;
  }

  /** Posts node status when it changed (heartbeat times aside) or when the report is 5 minutes old. */
  private updateStatus(): void {
    const api = this.ctx.api;
    const current = api.tryGet<StoredNode>('Node', undefined, this.config.name);
    if (!current) {
      // Deleted while we were running: a real kubelet re-registers on its next status update.
      if (this.register()) this.event('NodeReady', `Node ${this.config.name} status is now: NodeReady`);
      return;
    }
    const now = this.ctx.clock.now();
    const fresh = now - this.lastReport < NODE_STATUS_REPORT_FREQUENCY_MS;
    // Fast path: nobody wrote the Node since our last post and no image arrived, so its status is ours.
    if (fresh && this.lastPosted?.rv === current.metadata.resourceVersion && this.lastPosted.images === this.nodeImages().length) return;
    const desired = this.desiredStatus(current);
    const changed = !deepEqual(withoutHeartbeats(desired), withoutHeartbeats(current.status ?? {}));
    if (!changed && fresh) {
      this.lastPosted = { rv: current.metadata.resourceVersion, images: this.nodeImages().length };
      return;
    }
    for (const rule of CONDITIONS) {
      const old = current.status?.conditions?.find((x) => x.type === rule.type);
      if (old?.status !== rule.status) this.event(rule.event, `Node ${this.config.name} status is now: ${rule.event}`);
    }
    const posted = api.updateStatus<StoredNode>({ ...current, status: desired } as KubeObject, { user: this.user() });
    this.lastPosted = { rv: posted.metadata.resourceVersion, images: this.nodeImages().length };
    this.lastReport = now;
  }

  private renewLease(): void {
    const api = this.ctx.api;
    const name = this.config.name;
    const renewTime = rfc3339Micro(this.ctx.clock.now());
    const nodeUid = this.nodeUid();
    const owner = nodeUid ? [{ apiVersion: 'v1', kind: 'Node', name, uid: nodeUid }] : undefined;
    const lease = api.tryGet<Stored<Lease>>('Lease', NODE_LEASE_NAMESPACE, name);
    try {
      if (!lease) {
        api.create(
          {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: { name, namespace: NODE_LEASE_NAMESPACE, ...(owner ? { ownerReferences: owner } : {}) },
            spec: { holderIdentity: name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime },
          },
          { user: this.user() },
        );
        return;
      }
      const metadata = owner && !lease.metadata.ownerReferences?.length ? { ...lease.metadata, ownerReferences: owner } : { ...lease.metadata };
      const spec = { ...lease.spec, holderIdentity: name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime };
      // Every node renews every 10 s: hand the fresh object over rather than have it deep-copied.
      api.update({ ...lease, metadata, spec } as KubeObject, { user: this.user(), handoff: true });
    } catch (e) {
      // The kube-node-lease namespace may not exist yet at bootstrap: the next heartbeat tries again.
      if (!isStatusError(e)) throw e;
    }
  }

  private event(reason: string, message: string): void {
    this.recorder.event(this.nodeRef, 'Normal', reason, message);
  }

  private user(): string {
    return `system:node:${this.config.name}`;
  }
}

function withoutHeartbeats(status: NonNullable<StoredNode['status']>): unknown {
  return { ...status, conditions: status.conditions?.map((c) => ({ ...c, lastHeartbeatTime: undefined })) };
}
