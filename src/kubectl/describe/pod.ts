import type { Container, Pod, PodTemplateSpec, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../engine/api/apiserver';
import { formatLabelSelector } from '../../engine/apimachinery/labels';
import { parseQuantity } from '../../engine/apimachinery/quantity';
import type { Quantity } from '../../engine/apimachinery/quantity';
import { describeContainers, describeResources, envValueRetriever } from './containers';
import { describeEvents, searchEvents } from './events';
import type { EventRef } from './events';
import {
  formatTime,
  printAnnotationsMultiline,
  printController,
  printLabelsMultiline,
  printPodTolerationsMultiline,
  since,
} from './format';
import { goSort } from './gosort';
import { describeVolumes } from './volumes';
import type { PrefixWriter } from './writer';
import { LEVEL_0, LEVEL_1, tabbedString } from './writer';

/**
 * `kubectl describe pod` (PodDescriber / describePod) and the pod template block that the workload
 * describers share (DescribePodTemplate).
 */

export interface DescribeSettings {
  showEvents: boolean;
}

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** PodDescriber.Describe: the pod, and the events of its uid (a mirror pod's: its static pod's). */
export function describePodByName(
  api: ApiServer,
  namespace: string,
  name: string,
  settings: DescribeSettings,
  now: number,
): string {
  const pod = api.get<Pod>('Pod', namespace, name);
  let events;
  if (settings.showEvents) {
    const meta = pod.metadata ?? {};
    const mirror = meta.annotations?.[MIRROR_POD_ANNOTATION];
    const ref: EventRef = {
      name: meta.name ?? name,
      namespace: meta.namespace ?? namespace,
      uid: mirror ?? meta.uid,
    };
    events = searchEvents(api, ref);
  }
  return describePod(pod, events, now);
}

export function describePod(
  pod: Pod,
  events: ReturnType<typeof searchEvents> | undefined,
  now: number,
): string {
  const meta = pod.metadata ?? {};
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    if (spec.priority !== undefined && spec.priority !== null)
      w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatTime(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, now)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const seccomp = spec.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost')
        w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
    describePodIPs(pod, w);
    const controlledBy = printController(meta);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    const podResources = (spec as { resources?: Container['resources'] }).resources;
    if (podResources) {
      w.write(LEVEL_0, 'Resources:\n');
      describeResources(podResources, w, LEVEL_1);
    }
    const resolver = envValueRetriever(pod);
    if (spec.initContainers && spec.initContainers.length > 0)
      describeContainers(
        'Init Containers',
        spec.initContainers,
        status.initContainerStatuses,
        resolver,
        w,
        '',
      );
    describeContainers('Containers', spec.containers ?? [], status.containerStatuses, resolver, w, '');
    if (spec.ephemeralContainers && spec.ephemeralContainers.length > 0) {
      describeContainers(
        'Ephemeral Containers',
        spec.ephemeralContainers as Container[],
        status.ephemeralContainerStatuses,
        resolver,
        w,
        '',
      );
    }
    if (spec.readinessGates && spec.readinessGates.length > 0) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const g of spec.readinessGates) {
        const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
        w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
      }
    }
    if (status.conditions && status.conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes, w, '');
    w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    printPodTolerationsMultiline(w, 'Tolerations', spec.tolerations);
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '');
    if (events) describeEvents(events, w, now);
  });
}

function describePodIPs(pod: Pod, w: PrefixWriter): void {
  const ips = pod.status?.podIPs ?? [];
  if (ips.length === 0) {
    w.write(LEVEL_0, 'IPs:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'IPs:\n');
  for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
}

function describeTopologySpreadConstraints(
  tscs: readonly TopologySpreadConstraint[] | undefined,
  w: PrefixWriter,
  space: string,
): void {
  if (!tscs || tscs.length === 0) return;
  const sorted = goSort([...tscs], (a, b) => a.topologyKey < b.topologyKey);
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, space);
      w.write(LEVEL_0, '\t');
    }
    let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector)
      s += ` for selector ${formatLabelSelector(t.labelSelector as Parameters<typeof formatLabelSelector>[0])}`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** DescribePodTemplate: the template block of Deployments, ReplicaSets, DaemonSets, StatefulSets and Jobs. */
export function describePodTemplate(template: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec ?? { containers: [] };
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (template.metadata?.annotations && Object.keys(template.metadata.annotations).length > 0) {
    printAnnotationsMultiline(w, '  Annotations', template.metadata.annotations);
  }
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers && spec.initContainers.length > 0)
    describeContainers('Init Containers', spec.initContainers, undefined, undefined, w, '  ');
  describeContainers('Containers', spec.containers ?? [], undefined, undefined, w, '  ');
  describeVolumes(spec.volumes, w, '  ');
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printPodTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

/** qos.GetPodQOS: the status' class, else ComputePodQOS over containers and init containers. */
export function podQOS(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const supported = (name: string) => name === 'cpu' || name === 'memory';
  const add = (m: Map<string, Quantity>, name: string, q: Quantity) =>
    m.set(name, m.has(name) ? q.add(m.get(name)!) : q);
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const [name, raw] of Object.entries(c.resources?.requests ?? {})) {
      const q = parseQuantity(String(raw));
      if (supported(name) && q.sign() > 0) add(requests, name, q);
    }
    const found = new Set<string>();
    for (const [name, raw] of Object.entries(c.resources?.limits ?? {})) {
      const q = parseQuantity(String(raw));
      if (supported(name) && q.sign() > 0) {
        found.add(name);
        add(limits, name, q);
      }
    }
    if (!found.has('memory') || !found.has('cpu')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || lim.cmp(req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
