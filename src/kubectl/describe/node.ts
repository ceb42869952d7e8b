import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Container, Event, Node, Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../engine/api/apiserver';
import { isStatusError } from '../../engine/api/errors';
import { parseQuantity, zeroQuantity } from '../../engine/apimachinery/quantity';
import type { Quantity } from '../../engine/apimachinery/quantity';
import { describeEvents, searchEvents } from './events';
import {
  formatTime,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printNodeTaintsMultiline,
  quantity,
  since,
  sortedKeys,
} from './format';
import type { DescribeSettings } from './pod';
import type { PrefixWriter } from './writer';
import { LEVEL_0, LEVEL_1, tabbedString } from './writer';

/** `kubectl describe node` (NodeDescriber / describeNode / describeNodeResource). */

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

type ResourceList = Map<string, Quantity>;

/** findNodeRoles: `node-role.kubernetes.io/<role>` label keys and `kubernetes.io/role` values, sorted. */
function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

export function describeNode(
  api: ApiServer,
  _namespace: string,
  name: string,
  settings: DescribeSettings,
  now: number,
): string {
  const node = api.get<Node>('Node', undefined, name);
  // Pods still holding the node's resources: every namespace, not Succeeded, not Failed.
  const pods = api.list<Pod>('Pod', undefined, {
    fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed`,
  }).items;
  let events: Event[] | undefined;
  if (settings.showEvents) {
    // Controllers record node events against the node's uid, kubelets against its name.
    events = [
      ...searchEvents(api, { name, namespace: '', kind: 'Node', uid: node.metadata?.uid }),
      ...searchEvents(api, { name, namespace: '', kind: 'Node', uid: name }),
    ];
  }
  let lease: Lease | undefined;
  let leaseError = '';
  try {
    lease = api.get<Lease>('Lease', 'kube-node-lease', name);
  } catch (e) {
    if (!isStatusError(e)) throw e;
    leaseError = e.message;
  }
  const spec = node.spec ?? {};
  const status = node.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${node.metadata?.name ?? ''}\n`);
    const roles = nodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata?.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatTime(node.metadata?.creationTimestamp)}\n`);
    printNodeTaintsMultiline(w, 'Taints', spec.taints);
    w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);
    if (lease) {
      w.write(LEVEL_0, 'Lease:\n');
      w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
      w.write(
        LEVEL_1,
        `AcquireTime:\t${lease.spec?.acquireTime ? formatTime(lease.spec.acquireTime) : '<unset>'}\n`,
      );
      w.write(
        LEVEL_1,
        `RenewTime:\t${lease.spec?.renewTime ? formatTime(lease.spec.renewTime) : '<unset>'}\n`,
      );
    } else {
      w.write(LEVEL_0, `Lease:\tFailed to get lease: ${leaseError}\n`);
    }
    const conditions = status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(
        LEVEL_0,
        'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n',
      );
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(
          LEVEL_1,
          `${c.type} \t${c.status} \t${formatTime(c.lastHeartbeatTime)} \t${formatTime(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
        );
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    const printResourceList = (list: Record<string, unknown>) => {
      for (const r of sortedKeys(list)) w.write(LEVEL_0, `  ${r}:\t${quantity(list[r] as string)}\n`);
    };
    if (Object.keys(status.capacity ?? {}).length > 0) {
      w.write(LEVEL_0, 'Capacity:\n');
      printResourceList(status.capacity ?? {});
    }
    if (Object.keys(status.allocatable ?? {}).length > 0) {
      w.write(LEVEL_0, 'Allocatable:\n');
      printResourceList(status.allocatable ?? {});
    }
    const info = status.nodeInfo;
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
    if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
    if (spec.podCIDRs && spec.podCIDRs.length > 0)
      w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
    if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
    describeNodeResource(pods, node, w, now);
    if (events) describeEvents(events, w, now);
  });
}

function toList(bag: Readonly<Record<string, unknown>> | undefined): ResourceList {
  const m: ResourceList = new Map();
  for (const [k, v] of Object.entries(bag ?? {})) m.set(k, parseQuantity(String(v)));
  return m;
}

function addList(into: ResourceList, from: ResourceList): void {
  for (const [k, v] of from) into.set(k, into.has(k) ? into.get(k)!.add(v) : v);
}

function maxList(into: ResourceList, from: ResourceList): void {
  for (const [k, v] of from) {
    const cur = into.get(k);
    if (!cur || v.cmp(cur) > 0) into.set(k, v);
  }
}

/**
 * resourcehelper.PodRequestsAndLimits: containers summed, sidecars added, the largest init
 * container (with the sidecars started before it) as a floor, and the pod overhead on top.
 */
export function podRequestsAndLimits(pod: Pod): { reqs: ResourceList; limits: ResourceList } {
  const compute = (pick: (c: Container) => Readonly<Record<string, unknown>> | undefined): ResourceList => {
    const total: ResourceList = new Map();
    for (const c of pod.spec?.containers ?? []) addList(total, toList(pick(c)));
    const sidecars: ResourceList = new Map();
    const initMax: ResourceList = new Map();
    for (const c of pod.spec?.initContainers ?? []) {
      const own = toList(pick(c));
      let effective: ResourceList;
      if (c.restartPolicy === 'Always') {
        addList(total, own);
        addList(sidecars, own);
        effective = sidecars;
      } else {
        effective = new Map();
        addList(effective, own);
        addList(effective, sidecars);
      }
      maxList(initMax, effective);
    }
    maxList(total, initMax);
    if (pod.spec?.overhead) addList(total, toList(pod.spec.overhead));
    return total;
  };
  return { reqs: compute((c) => c.resources?.requests), limits: compute((c) => c.resources?.limits) };
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePages = (name: string) => name.startsWith('hugepages-');

/**
 * int64(float64(a) / float64(b) * 100), as Go computes describe's percentages; on amd64 a NaN or
 * infinite float converts to the smallest int64 (a node without allocatable memory shows it).
 */
function percent(a: number, b: number): string {
  const f = (a / b) * 100;
  return Number.isFinite(f) ? String(Math.trunc(f)) : '-9223372036854775808';
}

function describeNodeResource(pods: readonly Pod[], node: Node, w: PrefixWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable = toList(
    Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status?.allocatable : node.status?.capacity,
  );
  const zero = zeroQuantity();
  const get = (l: ResourceList, k: string) => l.get(k) ?? zero;
  const allocCpu = get(allocatable, 'cpu').milliValue();
  const allocMem = get(allocatable, 'memory').value();
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    const [cr, cl, mr, ml] = [
      get(reqs, 'cpu'),
      get(limits, 'cpu'),
      get(reqs, 'memory'),
      get(limits, 'memory'),
    ];
    w.write(
      LEVEL_1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${cr} (${percent(cr.milliValue(), allocCpu)}%)\t${cl} (${percent(cl.milliValue(), allocCpu)}%)\t` +
        `${mr} (${percent(mr.value(), allocMem)}%)\t${ml} (${percent(ml.value(), allocMem)}%)\t${since(pod.metadata?.creationTimestamp, now)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const reqs: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const pod of pods) {
    const r = podRequestsAndLimits(pod);
    addList(reqs, r.reqs);
    addList(limits, r.limits);
  }
  const row = (name: string, alloc: number, value: (q: Quantity) => number) => {
    const rq = get(reqs, name);
    const lq = get(limits, name);
    const pr = alloc !== 0 ? percent(value(rq), alloc) : '0';
    const pl = alloc !== 0 ? percent(value(lq), alloc) : '0';
    w.write(LEVEL_1, `${name}\t${rq} (${pr}%)\t${lq} (${pl}%)\n`);
  };
  row('cpu', allocCpu, (q) => q.milliValue());
  row('memory', allocMem, (q) => q.value());
  row('ephemeral-storage', get(allocatable, 'ephemeral-storage').value(), (q) => q.value());
  const names = [...allocatable.keys()];
  for (const hp of names.filter(isHugePages).sort()) row(hp, get(allocatable, hp).value(), (q) => q.value());
  for (const ext of names
    .filter((n) => !isHugePages(n) && !STANDARD_CONTAINER_RESOURCES.has(n) && n !== 'pods')
    .sort()) {
    w.write(LEVEL_1, `${ext}\t${get(reqs, ext)}\t${get(limits, ext)}\n`);
  }
}
