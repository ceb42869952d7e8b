import type { Rejection } from './filters';

/**
 * The FailedScheduling message, as framework.FitError.Error() builds it:
 *
 *   0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: },
 *   3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for
 *   scheduling, 3 No preemption victims found for incoming pod.
 *
 * Each rejected node contributes each of its reasons once; nodes the filters never looked at (the
 * PreFilter narrowed the list) count under `absent`; the "<count> <reason>" strings are sorted as
 * Go's sort.Strings does (byte order), so "1 node(s)..." comes before "3 Insufficient cpu".
 */
export interface FitErrorInput {
  numAllNodes: number;
  /** The status of every node the filters rejected. */
  statuses: Iterable<Rejection>;
  /** How many nodes have an explicit status (defaults to the number of statuses). */
  explicitCount?: number;
  /** The status of every node without an explicit one. */
  absent?: readonly string[];
  /** A PreFilter rejection replaces the histogram. */
  preFilterMsg?: string;
  /** DefaultPreemption's message, already prefixed with "preemption: ". */
  postFilterMsg?: string;
}

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function fitErrorMessage(input: FitErrorInput): string {
  let msg = `0/${input.numAllNodes} nodes are available:`;
  if (input.preFilterMsg) {
    msg += ` ${input.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    let explicit = 0;
    for (const st of input.statuses) {
      explicit++;
      for (const r of st.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    const n = input.explicitCount ?? explicit;
    if (n < input.numAllNodes) {
      for (const r of input.absent ?? []) counts.set(r, (counts.get(r) ?? 0) + input.numAllNodes - n);
    }
    const parts = [...counts].map(([reason, count]) => `${count} ${reason}`).sort(byteOrder);
    if (parts.length) msg += ` ${parts.join(', ')}.`;
  }
  // The PostFilter message is appended as is (releases before about v1.29 added a second period).
  if (input.postFilterMsg) msg += ` ${input.postFilterMsg}`;
  return msg;
}
