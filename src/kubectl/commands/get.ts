import { StatusError } from '../../engine/api/errors';
import type { KubeObject } from '../../engine/api/types';
import { formatError, KubectlError, UsageError } from '../errors';
import type { ParsedFlags } from '../flags';
import type { OutputFormat } from '../printers/output';
import { parseOutputFormat, printObjects } from '../printers/output';
import type { TableGroup, TableKind, TableOptions } from '../printers/table';
import { printTable, sortByField } from '../printers/table';
import type { ResourceRequest } from '../resource-args';
import { requestNamespace, resolveResourceArgs, selectorOptions, stringSlice } from '../resource-args';
import type { Command, CommandResult, FlagSpec, KubectlEnv } from '../types';
import { isFailure, loadManifests } from '../manifests';
import { filenameFlags, filenames } from '../writeflags';
import { startWatch } from './get-watch';

/**
 * `kubectl get`: fetch what the resource arguments name (lists, or named objects with NotFound
 * errors collected while the found ones still print), then print them as server-side tables or in
 * a generic format. `-w` hands over to a Follower that prints each change as kubectl's watch does.
 */

export const getFlags: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces.' },
  { name: 'selector', short: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'." },
  { name: 'field-selector', type: 'string', usage: 'Selector (field query) to filter on, supports =, ==, and !=.' },
  { name: 'output', short: 'o', type: 'string', usage: 'Output format.' },
  { name: 'show-labels', type: 'bool', usage: 'When printing, show all labels as the last column.' },
  { name: 'label-columns', short: 'L', type: 'stringArray', usage: 'Accepts a comma separated list of labels that are going to be presented as columns.' },
  { name: 'sort-by', type: 'string', usage: 'If non-empty, sort list types using this field specification.' },
  { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers." },
  { name: 'show-kind', type: 'bool', usage: 'If present, list the resource type for the requested object(s).' },
  { name: 'watch', short: 'w', type: 'bool', usage: 'After listing/getting the requested object, watch for changes.' },
  { name: 'watch-only', type: 'bool', usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
  { name: 'output-watch-events', type: 'bool', usage: 'Output watch event objects when --watch or --watch-only is used.' },
  { name: 'ignore-not-found', type: 'bool', usage: 'If set to true, suppresses NotFound error for specific objects that do not exist.' },
  { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once.' },
  { name: 'server-print', type: 'bool', default: true, usage: 'If true, have the server return the appropriate table output.' },
  ...filenameFlags('identifying the resource to get from a server.'),
];

/** What one fetch produced: a list of a type, or one named object (cli-runtime's Info). */
interface Info {
  kind: TableKind;
  items: KubeObject[];
}

export interface GetSettings {
  format: OutputFormat;
  allNamespaces: boolean;
  table: TableOptions;
  ignoreNotFound: boolean;
  showManagedFields: boolean;
}

function settings(flags: ParsedFlags): GetSettings {
  const format = parseOutputFormat(flags.string('output'));
  const wide = format.kind === 'table' && format.wide;
  return {
    format,
    allNamespaces: flags.bool('all-namespaces'),
    ignoreNotFound: flags.bool('ignore-not-found'),
    showManagedFields: flags.bool('show-managed-fields'),
    table: {
      wide,
      showLabels: flags.bool('show-labels'),
      noHeaders: flags.bool('no-headers'),
      withNamespace: flags.bool('all-namespaces'),
      withKind: flags.bool('show-kind'),
      labelColumns: stringSlice(flags, 'label-columns'),
      sortBy: flags.string('sort-by') || undefined,
    },
  };
}

const USAGE_NO_RESOURCE =
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
  'error: Required resource not specified.\n' +
  'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
  "See 'kubectl get -h' for help and examples";

/** `-f`: one request per object in the files, to its own namespace (cli-runtime's FilenameParam). */
function fileRequests(files: string[], args: string[], flags: ParsedFlags, env: KubectlEnv, errors: string[]): ResourceRequest[] {
  if (args.length) throw new KubectlError('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  const out: ResourceRequest[] = [];
  for (const e of loadManifests(files, env, { recursive: flags.bool('recursive'), enforceNamespace: flags.changed('namespace') })) {
    if (isFailure(e)) {
      errors.push(formatError(e.error));
      continue;
    }
    const type = env.api.registry.forObject(e.obj.apiVersion, e.obj.kind)!;
    out.push({ type, names: [e.obj.metadata?.name ?? ''], namespace: e.obj.metadata?.namespace || env.namespace });
  }
  return out;
}

function run(args: string[], flags: ParsedFlags, env: KubectlEnv): CommandResult {
  const watching = flags.bool('watch') || flags.bool('watch-only');
  const files = filenames(flags.strings('filename'));
  if (!watching && args.length === 0 && files.length === 0) return { stdout: '', stderr: USAGE_NO_RESOURCE + '\n', exitCode: 1 };
  const output = flags.string('output');
  if (flags.bool('show-labels') && output !== '' && output !== 'wide') {
    throw new KubectlError(`--show-labels option cannot be used with ${output} printer`);
  }
  if (flags.bool('output-watch-events') && !watching) {
    throw new UsageError('--output-watch-events option can only be used with --watch or --watch-only', 'get');
  }
  const s = settings(flags);
  const listOpts = selectorOptions(flags);
  const errors: string[] = [];
  const requests = files.length
    ? fileRequests(files, args, flags, env, errors)
    : resolveResourceArgs(args, env, { hasSelector: listOpts.labelSelector !== undefined, allNamespaces: s.allNamespaces });
  if (watching) return startWatch(requests, flags, env, s, listOpts);

  const infos: Info[] = [];
  for (const req of requests) fetch(req, env, s, listOpts, infos, errors);
  const singleItem = requests.length === 1 && requests[0]!.names.length === 1 && (files.length <= 1);

  let stdout: string;
  try {
    stdout = s.format.kind === 'table' ? printHuman(infos, s, env, errors) : printGeneric(infos, s, singleItem, errors);
  } catch (e) {
    if (e instanceof KubectlError) throw e;
    errors.push(formatError(e));
    stdout = '';
  }
  const stderrLines = [...errors];
  if (s.format.kind === 'table' && stdout === '' && !s.ignoreNotFound && errors.length === 0) {
    const namespaced = !s.allNamespaces && infos.every((i) => i.kind.namespaced);
    stderrLines.push(namespaced ? `No resources found in ${env.namespace} namespace.` : 'No resources found');
  }
  // The API server's deprecation warnings arrive with the responses, before anything is printed.
  const warnings = [...new Set(requests.map((r) => r.type.warning).filter((w): w is string => !!w))].map((w) => `Warning: ${w}\n`).join('');
  const stderr = stderrLines.map((l) => l + '\n').join('');
  const result = { stdout, stderr: warnings + stderr, exitCode: errors.length ? 1 : 0 };
  if (!warnings || !stdout) return result;
  const interleaved = [
    { stream: 'stderr' as const, text: warnings },
    { stream: 'stdout' as const, text: stdout },
    ...(stderr ? [{ stream: 'stderr' as const, text: stderr }] : []),
  ];
  return { ...result, interleaved };
}

function fetch(req: ResourceRequest, env: KubectlEnv, s: GetSettings, listOpts: ReturnType<typeof selectorOptions>, infos: Info[], errors: string[]): void {
  const t = req.type;
  const kind: TableKind = { group: t.group, kind: t.kind, namespaced: t.namespaced, plural: t.plural };
  const ns = requestNamespace(t, env, s.allNamespaces, req);
  if (req.names.length === 0) {
    try {
      infos.push({ kind, items: env.api.list(t.kind, ns, listOpts).items });
    } catch (e) {
      errors.push(formatError(e));
    }
    return;
  }
  for (const name of req.names) {
    try {
      infos.push({ kind, items: [env.api.get(t.kind, ns, name)] });
    } catch (e) {
      if (s.ignoreNotFound && e instanceof StatusError && e.status.reason === 'NotFound') continue;
      errors.push(formatError(e));
    }
  }
}

function multipleKinds(infos: readonly Info[]): boolean {
  return infos.some((i) => i.kind.group !== infos[0]!.kind.group || i.kind.kind !== infos[0]!.kind.kind);
}

function printHuman(infos: Info[], s: GetSettings, env: KubectlEnv, errors: string[]): string {
  const groups: TableGroup[] = infos.map((i) => ({ kind: i.kind, items: i.items }));
  const opts: TableOptions = { ...s.table, withKind: s.table.withKind || multipleKinds(infos) };
  try {
    return printTable(groups, opts, env.clock.now());
  } catch (e) {
    // A --sort-by without the field anywhere fails the whole command, as kubectl does.
    errors.push(formatError(e));
    return '';
  }
}

function printGeneric(infos: Info[], s: GetSettings, singleItem: boolean, errors: string[]): string {
  if (s.format.kind === 'table') return '';
  if (singleItem && errors.length > 0) return '';
  let items = infos.flatMap((i) => i.items);
  if (s.table.sortBy) items = sortByField(items, (o) => o, s.table.sortBy);
  return printObjects(items, s.format, { singleItem, noHeaders: s.table.noHeaders, showManagedFields: s.showManagedFields });
}

const HELP = `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label
selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current
namespace if you don't specify any namespace.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter
the attributes of the fetched resources.

Use "kubectl api-resources" for a complete list of supported resources.

Examples:
  # List all pods in ps output format
  kubectl get pods

  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide

  # List a single replication controller with specified NAME in ps output format
  kubectl get replicationcontroller web

  # List deployments in JSON output format, in the "v1" version of the "apps" API group
  kubectl get deployments.v1.apps -o json

  # List a single pod in JSON output format
  kubectl get -o json pod web-pod-13je7

  # Return only the phase value of the specified pod
  kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}

  # List resource information in custom columns
  kubectl get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image

  # List all replication controllers and services together in ps output format
  kubectl get rc,services

  # List one or more resources by their type and names
  kubectl get rc/web service/frontend pods/web-pod-13je7

Options:
    -A, --all-namespaces=false:
\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even
\tif specified with --namespace.

    --field-selector='':
\tSelector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector
\tkey1=value1,key2=value2). The server only supports a limited number of field queries per type.

    --ignore-not-found=false:
\tIf set to true, suppresses NotFound error for specific objects that do not exist. Using this flag with
\tcommands that query for collections of resources has no effect when no resources are found.

    -L, --label-columns=[]:
\tAccepts a comma separated list of labels that are going to be presented as columns. Names are
\tcase-sensitive. You can also use multiple flag options like -L label1 -L label2...

    --no-headers=false:
\tWhen using the default or custom-column output format, don't print headers (default print headers).

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath,
\tjsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns
\t[https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template
\t[http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template
\t[https://kubernetes.io/docs/reference/kubectl/jsonpath/].

    --output-watch-events=false:
\tOutput watch event objects when --watch or --watch-only is used. Existing objects are output as initial
\tADDED events.

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l
\tkey1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label
\tconstraints.

    --show-kind=false:
\tIf present, list the resource type for the requested object(s).

    --show-labels=false:
\tWhen printing, show all labels as the last column (default hide labels column)

    --show-managed-fields=false:
\tIf true, keep the managedFields when printing objects in JSON or YAML format.

    --sort-by='':
\tIf non-empty, sort list types using this field specification.  The field specification is expressed as a
\tJSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath
\texpression must be an integer or a string.

    -w, --watch=false:
\tAfter listing/getting the requested object, watch for changes.

    --watch-only=false:
\tWatch for changes to the requested object(s), without listing/getting first.

Usage:
  kubectl get
[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide]
(TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const getCommand: Command = {
  name: 'get',
  short: 'Display one or many resources',
  help: HELP,
  flags: getFlags,
  run,
};
