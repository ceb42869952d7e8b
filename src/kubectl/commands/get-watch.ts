import type { ListOptions } from '../../engine/api/apiserver';
import type { KubeObject, WatchEvent } from '../../engine/api/types';
import { formatError, KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import { printObjects } from '../printers/output';
import type { TableKind } from '../printers/table';
import { buildTable, HumanReadablePrinter } from '../printers/table';
import { TabWriter } from '../printers/tabwriter';
import type { ResourceRequest } from '../resource-args';
import { requestNamespace } from '../resource-args';
import type { CommandResult, Follower, KubectlEnv } from '../types';
import type { GetSettings } from './get';

/**
 * `kubectl get -w` / `--watch-only` (kubectl's GetOptions.watch): print the current list (or
 * object), then one line per change as the API server's watch delivers it. Table rows share the
 * tab writer's remembered widths, so they line up under the first table without repeating the
 * header; a watch on one named object skips the synthetic ADDED event it starts with.
 */

const NO_RESOURCES =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

export function startWatch(requests: ResourceRequest[], flags: ParsedFlags, env: KubectlEnv, s: GetSettings, listOpts: ListOptions): CommandResult {
  if (requests.length === 0) throw new KubectlError(NO_RESOURCES);
  if (new Set(requests.map((r) => `${r.type.group}/${r.type.kind}`)).size > 1) throw new KubectlError('error: you may only specify a single resource type');
  const names = requests.flatMap((r) => r.names);
  if (names.length > 1) throw new KubectlError(`error: watch is only supported on individual resources and resource collections, but ${names.length} resources were found`);

  const req = requests[0]!;
  const t = req.type;
  const kind: TableKind = { group: t.group, kind: t.kind, namespaced: t.namespaced, plural: t.plural };
  const ns = requestNamespace(t, env, s.allNamespaces, req);
  const watchOnly = flags.bool('watch-only');
  const withEvents = flags.bool('output-watch-events');
  const stderr = s.table.sortBy ? 'warning: --watch or --watch-only requested, --sort-by will be ignored\n' : '';

  const tableOpts = { ...s.table, sortBy: undefined };
  const printer = new HumanReadablePrinter(kind, tableOpts);
  const writer = new TabWriter();
  let printed = 0;
  const render = (objs: readonly KubeObject[], eventType: string | undefined): string => {
    if (s.format.kind === 'table') {
      printer.print(buildTable(kind, objs, env.clock.now()), writer, withEvents ? eventType : undefined);
      writer.flush();
      return writer.take();
    }
    let out = '';
    for (const o of objs) {
      const value = withEvents ? { type: eventType ?? 'ADDED', object: o } : o;
      if (s.format.kind === 'yaml' && printed > 0) out += '---\n';
      out += printObjects([value as unknown as KubeObject], s.format, { singleItem: true, noHeaders: s.table.noHeaders, showManagedFields: s.showManagedFields });
      printed++;
    }
    return out;
  };

  let stdout = '';
  let outputObjects = !watchOnly;
  let resourceVersion: string;
  let watchOpts: ListOptions;
  if (req.names.length === 1) {
    let obj: KubeObject;
    try {
      obj = env.api.get(t.kind, ns, req.names[0]!);
    } catch (e) {
      return { stdout: '', stderr: stderr + formatError(e) + '\n', exitCode: 1 };
    }
    if (outputObjects) stdout += render([obj], 'ADDED');
    resourceVersion = '0';
    watchOpts = { fieldSelector: `metadata.name=${req.names[0]!}` };
    outputObjects = false;
  } else {
    let list: { items: KubeObject[]; resourceVersion: string };
    try {
      list = env.api.list(t.kind, ns, listOpts);
    } catch (e) {
      return { stdout: '', stderr: stderr + formatError(e) + '\n', exitCode: 1 };
    }
    if (outputObjects) stdout += render(list.items, 'ADDED');
    resourceVersion = list.resourceVersion;
    watchOpts = listOpts;
    outputObjects = true;
  }

  let pending = '';
  let pendingErr = '';
  let stopped = false;
  const onEvent = (e: WatchEvent): void => {
    if (stopped) return;
    if (!outputObjects) {
      outputObjects = true;
      return;
    }
    try {
      pending += render([e.object], e.type);
    } catch (err) {
      pendingErr += formatError(err) + '\n';
    }
  };
  const unsubscribe = env.api.watch(t.kind, { ...watchOpts, namespace: ns, resourceVersion }, onEvent);
  const follow: Follower = {
    mode: 'watch',
    poll() {
      const out = { stdout: pending, stderr: pendingErr, done: stopped };
      pending = '';
      pendingErr = '';
      return out;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe();
    },
  };
  return { stdout, stderr, exitCode: 0, follow };
}
