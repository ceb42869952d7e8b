import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../engine/api/apiserver';
import { formatLabels, formatLabelSelector, labelSelectorAsSelector } from '../../engine/apimachinery/labels';
import type { LabelSelector } from '../../engine/apimachinery/labels';
import { parseTime } from '../../engine/clock';
import { equalIgnoreHash } from '../../engine/controllers/deployment-util';
import { describeEvents, refOf, searchEvents } from './events';
import { formatTime, printAnnotationsMultiline, printController, printLabelsMultiline } from './format';
import { goSort } from './gosort';
import type { DescribeSettings } from './pod';
import { describePodTemplate } from './pod';
import { LEVEL_0, LEVEL_1, tabbedString } from './writer';

/** The apps/v1 workload describers: Deployment, ReplicaSet and DaemonSet. */

type Obj = { kind?: string; metadata: { name: string; namespace?: string; uid?: string } };

function eventsFor(api: ApiServer, obj: Obj, settings: DescribeSettings) {
  return settings.showEvents ? searchEvents(api, refOf(obj)) : undefined;
}

/** getPodStatusForController: phases of the pods the controller owns among those its selector matches. */
function podStatusForController(
  api: ApiServer,
  namespace: string,
  selector: string,
  uid: string | undefined,
): [number, number, number, number] {
  const counts: [number, number, number, number] = [0, 0, 0, 0];
  for (const pod of api.list<Pod>('Pod', namespace, { labelSelector: selector }).items) {
    const ref = pod.metadata?.ownerReferences?.find((r) => r.controller === true);
    if (!ref || ref.uid !== uid) continue;
    const i = ['Running', 'Pending', 'Succeeded', 'Failed'].indexOf(pod.status?.phase ?? '');
    if (i >= 0) counts[i]!++;
  }
  return counts;
}

function selectorString(sel: LabelSelector | undefined): string {
  return labelSelectorAsSelector(sel).toString();
}

export function describeReplicaSet(
  api: ApiServer,
  namespace: string,
  name: string,
  settings: DescribeSettings,
  now: number,
): string {
  const rs = api.get<ReplicaSet & Obj>('ReplicaSet', namespace, name);
  const spec = rs.spec ?? { selector: {} };
  const [running, waiting, succeeded, failed] = podStatusForController(
    api,
    namespace,
    selectorString(spec.selector as LabelSelector),
    rs.metadata.uid,
  );
  const events = eventsFor(api, rs, settings);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector as LabelSelector)}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
    const controlledBy = printController(rs.metadata);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${spec.replicas ?? 1} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    w.write(LEVEL_0, `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed\n`);
    describePodTemplate(spec.template, w);
    const conditions = rs.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (events) describeEvents(events, w, now);
  });
}

type RS = ReplicaSet & Obj;

/** ReplicaSetsByCreationTimestamp: oldest first, equal times by name. */
function byCreation(a: RS, b: RS): boolean {
  const ta = parseTime(a.metadata.creationTimestamp as string | undefined) ?? 0;
  const tb = parseTime(b.metadata.creationTimestamp as string | undefined) ?? 0;
  if (ta === tb) return a.metadata.name < b.metadata.name;
  return ta < tb;
}

/**
 * deploymentutil.GetAllReplicaSetsInChunks: the ReplicaSets the Deployment controls, sorted by age;
 * the new one is the oldest whose template matches, the rest (even scaled to zero) are old.
 */
function replicaSetsOf(api: ApiServer, d: Deployment & Obj): { old: RS[]; newRS: RS | undefined } {
  const selector = selectorString(d.spec?.selector as LabelSelector);
  const owned = api
    .list<RS>('ReplicaSet', d.metadata.namespace, { labelSelector: selector })
    .items.filter((rs) =>
      rs.metadata.ownerReferences?.some((r) => r.controller === true && r.uid === d.metadata.uid),
    );
  const sorted = goSort([...owned], byCreation);
  const newRS = sorted.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  return { old: sorted.filter((rs) => rs !== newRS), newRS };
}

function replicaSetsByLabels(rss: readonly RS[]): string {
  const list = rss
    .map(
      (rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`,
    )
    .join(', ');
  return list === '' ? '<none>' : list;
}

export function describeDeployment(
  api: ApiServer,
  namespace: string,
  name: string,
  settings: DescribeSettings,
  now: number,
): string {
  const d = api.get<Deployment & Obj>('Deployment', namespace, name);
  const events = eventsFor(api, d, settings);
  const { old, newRS } = replicaSetsOf(api, d);
  const spec = d.spec ?? { selector: {}, template: {} };
  const status = d.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
    w.write(
      LEVEL_0,
      `CreationTimestamp:\t${formatTime(d.metadata.creationTimestamp as string | undefined)}\n`,
    );
    printLabelsMultiline(w, 'Labels', d.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector as LabelSelector)}\n`);
    w.write(
      LEVEL_0,
      `Replicas:\t${spec.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
    );
    w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
    const ru = spec.strategy?.rollingUpdate;
    if (ru) {
      const s = (v: string | number | undefined) => (v === undefined || v === null ? '<nil>' : String(v));
      w.write(
        LEVEL_0,
        `RollingUpdateStrategy:\t${s(ru.maxUnavailable)} max unavailable, ${s(ru.maxSurge)} max surge\n`,
      );
    }
    describePodTemplate(spec.template, w);
    const conditions = status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (old.length > 0 || newRS) {
      w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetsByLabels(old)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetsByLabels(newRS ? [newRS] : [])}\n`);
    }
    if (events) describeEvents(events, w, now);
  });
}

export function describeDaemonSet(
  api: ApiServer,
  namespace: string,
  name: string,
  settings: DescribeSettings,
  now: number,
): string {
  const ds = api.get<DaemonSet & Obj>('DaemonSet', namespace, name);
  const spec = ds.spec ?? { selector: {}, template: {} };
  const status = ds.status ?? {
    currentNumberScheduled: 0,
    desiredNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
  };
  const selector = selectorString(spec.selector as LabelSelector);
  const [running, waiting, succeeded, failed] = podStatusForController(
    api,
    namespace,
    selector,
    ds.metadata.uid,
  );
  const events = eventsFor(api, ds, settings);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ds.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${selector}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(spec.template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', ds.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${status.desiredNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${status.currentNumberScheduled ?? 0}\n`);
    w.write(
      LEVEL_0,
      `Number of Nodes Scheduled with Up-to-date Pods: ${status.updatedNumberScheduled ?? 0}\n`,
    );
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${status.numberAvailable ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${status.numberMisscheduled ?? 0}\n`);
    w.write(
      LEVEL_0,
      `Pods Status:\t${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed\n`,
    );
    describePodTemplate(spec.template, w);
    if (events) describeEvents(events, w, now);
  });
}
