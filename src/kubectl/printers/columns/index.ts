import type { KindPrinter } from './common';
import {
  configMapPrinter,
  endpointsPrinter,
  eventPrinter,
  genericPrinter,
  leasePrinter,
  namespacePrinter,
  nodePrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from './core';
import { podPrinter } from './pod';
import {
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  jobPrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workloads';

export type { Cell, ColumnDef, KindPrinter, PrintContext, Row } from './common';
export { podSummary } from './pod';
export type { PodSummary } from './pod';
export { formatEndpoints, nodeRoles, nodeStatus } from './core';

/** The API server's table handlers, keyed by `group/Kind` (the core group is ``). */
const PRINTERS: Readonly<Record<string, KindPrinter>> = {
  '/Pod': podPrinter,
  '/Service': servicePrinter,
  '/Endpoints': endpointsPrinter,
  '/Node': nodePrinter,
  '/Namespace': namespacePrinter,
  '/Event': eventPrinter,
  '/ConfigMap': configMapPrinter,
  '/Secret': secretPrinter,
  '/ServiceAccount': serviceAccountPrinter,
  '/ReplicationController': replicationControllerPrinter,
  'apps/Deployment': deploymentPrinter,
  'apps/ReplicaSet': replicaSetPrinter,
  'apps/DaemonSet': daemonSetPrinter,
  'apps/StatefulSet': statefulSetPrinter,
  'batch/Job': jobPrinter,
  'batch/CronJob': cronJobPrinter,
  'coordination.k8s.io/Lease': leasePrinter,
};

/** The table handler for a kind, or NAME/AGE for kinds the server has no handler for. */
export function printerFor(group: string, kind: string): KindPrinter {
  return PRINTERS[`${group}/${kind}`] ?? genericPrinter;
}
