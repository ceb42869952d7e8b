import type { Event } from 'kubernetes-types/core/v1';
import { escapeFieldValue } from '../../engine/apimachinery/fields';
import { parseTime } from '../../engine/clock';
import { goSort } from '../describe/gosort';
import { KubectlError, UsageError } from '../errors';
import { checkOutputFormat, printStructured } from '../outfallback';
import { sinceMs } from '../printers/columns/common';
import { tabulate } from '../printers/tabwriter';
import { resolveType } from '../resource-args';
import type { Command, FlagSpec } from '../types';
import { helpText, Outcome } from '../writeutil';

/**
 * `kubectl events` (pkg/cmd/events): the namespace's events (or every namespace's with -A) sorted by
 * when they last happened, optionally only those of one object (`--for TYPE/NAME`, a field selector on
 * involvedObject.kind and .name) or of some types (`--types=Warning`). The table is kubectl's own
 * EventPrinter, not the server's: `LAST SEEN` is `<last> (xN over <first>)` for repeated events and
 * OBJECT is `Kind/name`.
 */

const flags: FlagSpec[] = [
  {
    name: 'all-namespaces',
    short: 'A',
    type: 'bool',
    usage:
      'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
  },
  {
    name: 'allow-missing-template-keys',
    type: 'bool',
    default: true,
    usage:
      'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
  },
  {
    name: 'chunk-size',
    type: 'int',
    default: 500,
    usage:
      'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.',
  },
  {
    name: 'for',
    type: 'string',
    usage: 'Filter events to only those pertaining to the specified resource.',
  },
  { name: 'no-headers', type: 'bool', usage: "When using the default output format, don't print headers." },
  {
    name: 'output',
    short: 'o',
    type: 'string',
    usage:
      'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
  },
  {
    name: 'show-managed-fields',
    type: 'bool',
    usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
  },
  {
    name: 'template',
    type: 'string',
    usage:
      'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
  },
  {
    name: 'types',
    type: 'stringArray',
    usage: 'Output only events of given types.',
  },
  {
    name: 'watch',
    short: 'w',
    type: 'bool',
    usage: 'After listing the requested events, watch for more events.',
  },
];

/** eventTime: the series' last observation, else lastTimestamp, else eventTime. */
function lastTime(e: Event): number {
  const series = (e.series as { lastObservedTime?: string } | undefined)?.lastObservedTime;
  return parseTime(series ?? e.lastTimestamp ?? e.eventTime ?? undefined) ?? 0;
}

/** getInterval: the first sighting's age, or `<last> (xN over <first>)` for a repeated event. */
function interval(e: Event, now: number): string {
  const first = sinceMs(parseTime((e.eventTime ?? e.firstTimestamp) || undefined), now);
  const series = e.series as { lastObservedTime?: string; count?: number } | undefined;
  if (series) return `${sinceMs(parseTime(series.lastObservedTime), now)} (x${series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${sinceMs(parseTime(e.lastTimestamp ?? undefined), now)} (x${e.count} over ${first})`;
  return first;
}

export const eventsCommand: Command = {
  name: 'events',
  short: 'List events',
  help: helpText({
    long: [
      'Display events.',
      'Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.',
    ],
    examples: [
      '# List recent events in the default namespace',
      'kubectl events',
      '',
      '# List recent events in all namespaces',
      'kubectl events --all-namespaces',
      '',
      '# List recent events for the specified pod, then wait for more events and list them as they arrive',
      'kubectl events --for pod/web-pod-13je7 --watch',
      '',
      '# List recent events in YAML format',
      'kubectl events -oyaml',
      '',
      "# List recent only events of type 'Warning' or 'Normal'",
      'kubectl events --types=Warning,Normal',
    ],
    use: 'events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]',
    flags,
  }),
  flags,
  run(args, f, env) {
    if (args.length) throw new UsageError(`unexpected arguments: [${args.join(' ')}]`, 'events');
    const output = f.string('output');
    checkOutputFormat(output);
    if (f.bool('watch')) throw new KubectlError('kubesim does not watch events yet: run kubectl events again, or kubectl get events -w');
    const types = f.strings('types').flatMap((t) => t.split(','));
    for (const t of types) {
      if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') throw new KubectlError('valid --types are Normal or Warning');
    }
    const all = f.bool('all-namespaces');
    const terms: string[] = [];
    const forArg = f.string('for');
    if (forArg) {
      // decodeResourceTypeName: TYPE/NAME, the type resolved by the RESTMapper.
      const seg = forArg.split('/');
      if (seg.length === 1) throw new KubectlError('--for must be in resource/name form');
      if (seg.length !== 2) throw new KubectlError('arguments in resource/name form may not have more than one slash');
      const t = resolveType(env.api.registry, seg[0]!);
      terms.push(`involvedObject.kind=${escapeFieldValue(t.kind)}`, `involvedObject.name=${escapeFieldValue(seg[1]!)}`);
    }
    const listed = env.api.list<Event>('Event', all ? undefined : env.namespace, terms.length ? { fieldSelector: terms.join(',') } : {}).items;
    const events = listed.filter((e) => !types.length || types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase()));
    const o = new Outcome();
    if (!events.length) {
      o.err(all ? 'No events found.' : `No events found in ${env.namespace} namespace.`);
      return o.result();
    }
    const sorted = goSort([...events], (a, b) => lastTime(a) < lastTime(b));
    if (output === 'name') {
      o.out(sorted.map((e) => `event/${e.metadata?.name ?? ''}\n`).join(''));
    } else if (output) {
      const list = { apiVersion: 'v1', items: sorted.map((e) => ({ apiVersion: 'v1', kind: 'Event', ...e })), kind: 'EventList', metadata: {} };
      o.out(printStructured(list, output));
    } else {
      const now = env.clock.now();
      const rows: string[][] = f.bool('no-headers') ? [] : [[...(all ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']];
      for (const e of sorted) {
        rows.push([
          ...(all ? [e.metadata?.namespace ?? ''] : []),
          interval(e, now),
          e.type ?? '',
          e.reason ?? '',
          `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`,
          (e.message ?? '').trim(),
        ]);
      }
      o.out(tabulate(rows));
    }
    return o.result();
  },
};
