import type { Event } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../engine/api/apiserver';
import { escapeFieldValue } from '../../engine/apimachinery/fields';
import { parseTime } from '../../engine/clock';
import { since } from './format';
import { goSort } from './gosort';
import type { PrefixWriter } from './writer';
import { LEVEL_0, LEVEL_1 } from './writer';

/**
 * The Events section every describer ends with: the events whose involvedObject is the described
 * object, found as kubectl finds them (a field selector on name, namespace, kind and uid, listed in
 * the object's namespace), sorted by time, and printed as the `Type Reason Age From Message` table.
 */

export interface EventRef {
  name: string;
  /** Empty for cluster-scoped objects: their events are searched in every namespace. */
  namespace: string;
  /** Left out for pods (kubectl clears it so mirror-pod events match too). */
  kind?: string;
  uid?: string;
}

/** searchEvents: `involvedObject.*` field selector over the events of the object's namespace. */
export function searchEvents(api: ApiServer, ref: EventRef): Event[] {
  const terms = [
    `involvedObject.name=${escapeFieldValue(ref.name)}`,
    `involvedObject.namespace=${escapeFieldValue(ref.namespace)}`,
  ];
  if (ref.kind) terms.push(`involvedObject.kind=${escapeFieldValue(ref.kind)}`);
  if (ref.uid) terms.push(`involvedObject.uid=${escapeFieldValue(ref.uid)}`);
  // fields.Set.AsSelector sorts its terms; the result does not depend on the order anyway.
  const fieldSelector = terms.sort().join(',');
  return api.list<Event>('Event', ref.namespace || undefined, { fieldSelector }).items;
}

/** The reference kubectl builds for an object: its kind, name, namespace and uid. */
export function refOf(obj: {
  kind?: string;
  metadata: { name: string; namespace?: string; uid?: string };
}): EventRef {
  return {
    name: obj.metadata.name,
    namespace: obj.metadata.namespace ?? '',
    kind: obj.kind,
    uid: obj.metadata.uid,
  };
}

/** event.SortableEvents: the series' last observation, else lastTimestamp, else eventTime. */
function eventTime(e: Event): number {
  if (e.series) return parseTime(e.series.lastObservedTime) ?? 0;
  const last = parseTime(e.lastTimestamp);
  if (last !== undefined) return last;
  return parseTime(e.eventTime) ?? 0;
}

/** DescribeEvents: `Events:  <none>`, or the table after flushing the alignment block above it. */
export function describeEvents(events: readonly Event[], w: PrefixWriter, now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = goSort([...events], (a, b) => eventTime(a) < eventTime(b));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let interval: string;
    if (e.series)
      interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(
      LEVEL_1,
      `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`,
    );
  }
}
