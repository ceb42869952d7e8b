import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job, JobCondition } from 'kubernetes-types/batch/v1';
import type { ReplicationController } from 'kubernetes-types/core/v1';
import { humanDuration } from '../../../engine/apimachinery/duration';
import { formatLabels, formatLabelSelector, labelSelectorAsSelector } from '../../../engine/apimachinery/labels';
import type { LabelSelector } from '../../../engine/apimachinery/labels';
import { parseTime } from '../../../engine/clock';
import type { KubeObject } from '../../../engine/api/types';
import type { Cell, KindPrinter, PrintContext } from './common';
import { age, AGE, containerCells, NAME, since, wide } from './common';

/** The printers of the workload controllers' kinds (printDeployment, printReplicaSet, ...). */

const CONTAINERS = wide('Containers');
const IMAGES = wide('Images');
const SELECTOR = wide('Selector');

function selectorCell(sel: LabelSelector | undefined | null): string {
  return formatLabelSelector(sel ?? null);
}

export const deploymentPrinter: KindPrinter = {
  columns: [NAME, { name: 'Ready' }, { name: 'Up-to-date' }, { name: 'Available' }, AGE, CONTAINERS, IMAGES, SELECTOR],
  row(obj: KubeObject, ctx: PrintContext): Cell[] {
    const d = obj as unknown as Deployment;
    const st = d.status ?? {};
    const cells: Cell[] = [obj.metadata.name, `${st.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, st.updatedReplicas ?? 0, st.availableReplicas ?? 0, age(obj, ctx)];
    if (ctx.wide) {
      let selector: string;
      try {
        selector = labelSelectorAsSelector((d.spec?.selector as LabelSelector | undefined) ?? null).toString();
      } catch {
        selector = '<invalid>';
      }
      cells.push(...containerCells(d.spec?.template?.spec?.containers), selector);
    }
    return cells;
  },
};

export const replicaSetPrinter: KindPrinter = {
  columns: [NAME, { name: 'Desired' }, { name: 'Current' }, { name: 'Ready' }, AGE, CONTAINERS, IMAGES, SELECTOR],
  row(obj: KubeObject, ctx: PrintContext): Cell[] {
    const rs = obj as unknown as ReplicaSet;
    const cells: Cell[] = [obj.metadata.name, rs.spec?.replicas ?? 0, rs.status?.replicas ?? 0, rs.status?.readyReplicas ?? 0, age(obj, ctx)];
    if (ctx.wide) cells.push(...containerCells(rs.spec?.template?.spec?.containers), selectorCell(rs.spec?.selector as LabelSelector));
    return cells;
  },
};

export const replicationControllerPrinter: KindPrinter = {
  columns: replicaSetPrinter.columns,
  row(obj: KubeObject, ctx: PrintContext): Cell[] {
    const rc = obj as unknown as ReplicationController;
    const cells: Cell[] = [obj.metadata.name, rc.spec?.replicas ?? 0, rc.status?.replicas ?? 0, rc.status?.readyReplicas ?? 0, age(obj, ctx)];
    if (ctx.wide) cells.push(...containerCells(rc.spec?.template?.spec?.containers), formatLabels(rc.spec?.selector));
    return cells;
  },
};

export const daemonSetPrinter: KindPrinter = {
  columns: [
    NAME,
    { name: 'Desired' },
    { name: 'Current' },
    { name: 'Ready' },
    { name: 'Up-to-date' },
    { name: 'Available' },
    { name: 'Node Selector' },
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(obj: KubeObject, ctx: PrintContext): Cell[] {
    const ds = obj as unknown as DaemonSet;
    const st = ds.status;
    const cells: Cell[] = [
      obj.metadata.name,
      st?.desiredNumberScheduled ?? 0,
      st?.currentNumberScheduled ?? 0,
      st?.numberReady ?? 0,
      st?.updatedNumberScheduled ?? 0,
      st?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      age(obj, ctx),
    ];
    if (ctx.wide) cells.push(...containerCells(ds.spec?.template?.spec?.containers), selectorCell(ds.spec?.selector as LabelSelector));
    return cells;
  },
};

export const statefulSetPrinter: KindPrinter = {
  columns: [NAME, { name: 'Ready' }, AGE, CONTAINERS, IMAGES],
  row(obj: KubeObject, ctx: PrintContext): Cell[] {
    const ss = obj as unknown as StatefulSet;
    const cells: Cell[] = [obj.metadata.name, `${ss.status?.readyReplicas ?? 0}/${ss.spec?.replicas ?? 0}`, age(obj, ctx)];
    if (ctx.wide) cells.push(...containerCells(ss.spec?.template?.spec?.containers));
    return cells;
  },
};

function hasJobCondition(conds: readonly JobCondition[] | undefined, type: string): boolean {
  const c = (conds ?? []).find((x) => x.type === type);
  return c?.status === 'True';
}

export const jobPrinter: KindPrinter = {
  columns: [NAME, { name: 'Status' }, { name: 'Completions' }, { name: 'Duration' }, AGE, CONTAINERS, IMAGES, SELECTOR],
  row(obj: KubeObject, ctx: PrintContext): Cell[] {
    const job = obj as unknown as Job;
    const st = job.status ?? {};
    let completions: string;
    if (job.spec?.completions !== undefined && job.spec.completions !== null) completions = `${st.succeeded ?? 0}/${job.spec.completions}`;
    else {
      const parallelism = job.spec?.parallelism ?? 0;
      completions = parallelism > 1 ? `${st.succeeded ?? 0}/1 of ${parallelism}` : `${st.succeeded ?? 0}/1`;
    }
    const start = parseTime(st.startTime);
    const end = parseTime(st.completionTime);
    const duration = start === undefined ? '' : end === undefined ? humanDuration(ctx.now - start) : humanDuration(end - start);
    let status = 'Running';
    if (hasJobCondition(st.conditions, 'Complete')) status = 'Complete';
    else if (hasJobCondition(st.conditions, 'Failed')) status = 'Failed';
    else if (obj.metadata.deletionTimestamp) status = 'Terminating';
    else if (hasJobCondition(st.conditions, 'Suspended')) status = 'Suspended';
    else if (hasJobCondition(st.conditions, 'FailureTarget')) status = 'FailureTarget';
    const cells: Cell[] = [obj.metadata.name, status, completions, duration, age(obj, ctx)];
    if (ctx.wide) cells.push(...containerCells(job.spec?.template?.spec?.containers), selectorCell(job.spec?.selector as LabelSelector));
    return cells;
  },
};

function boolPtr(v: boolean | undefined | null): string {
  if (v === undefined || v === null) return '<unset>';
  return v ? 'True' : 'False';
}

export const cronJobPrinter: KindPrinter = {
  columns: [
    NAME,
    { name: 'Schedule' },
    { name: 'Timezone' },
    { name: 'Suspend' },
    { name: 'Active' },
    { name: 'Last Schedule' },
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(obj: KubeObject, ctx: PrintContext): Cell[] {
    const cj = obj as unknown as CronJob;
    const last = cj.status?.lastScheduleTime ? since(cj.status.lastScheduleTime, ctx.now) : '<none>';
    const cells: Cell[] = [
      obj.metadata.name,
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      boolPtr(cj.spec?.suspend),
      cj.status?.active?.length ?? 0,
      last,
      age(obj, ctx),
    ];
    if (ctx.wide) {
      const tmpl = cj.spec?.jobTemplate?.spec;
      cells.push(...containerCells(tmpl?.template?.spec?.containers), selectorCell(tmpl?.selector as LabelSelector));
    }
    return cells;
  },
};
