import type { ResourceType } from '../../engine/api/resources';
import { isStatusError } from '../../engine/api/errors';
import type { KubeObject } from '../../engine/api/types';
import type { DescribeSettings } from '../describe';
import { describeObject } from '../describe';
import { KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import { manifestNamespace, readManifests } from '../manifests';
import { requestNamespace, resolveResourceArgs } from '../resource-args';
import type { Command, CommandResult, FlagSpec, KubectlEnv } from '../types';
import { Outcome } from '../writeutil';

/**
 * `kubectl describe` (pkg/cmd/describe): resolve the arguments as the resource builder does, then
 * print each object with its kind's describer: the first as is, the next ones after two blank
 * lines. `describe TYPE NAME` that finds no such object describes every object whose name starts
 * with NAME instead (each followed by a blank line), and only fails when none does.
 */

const SELECTOR_USAGE =
  "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.";

const flags: FlagSpec[] = [
  {
    name: 'all-namespaces',
    short: 'A',
    type: 'bool',
    usage:
      'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
  },
  {
    name: 'chunk-size',
    type: 'int',
    default: 500,
    usage:
      'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.',
  },
  {
    name: 'filename',
    short: 'f',
    type: 'stringArray',
    usage: 'Filename, directory, or URL to files containing the resource to describe',
  },
  {
    name: 'kustomize',
    short: 'k',
    type: 'string',
    usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
  },
  {
    name: 'recursive',
    short: 'R',
    type: 'bool',
    usage:
      'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
  },
  { name: 'selector', short: 'l', type: 'string', usage: SELECTOR_USAGE },
  {
    name: 'show-events',
    type: 'bool',
    default: true,
    usage: 'If true, display events related to the described object.',
  },
];

/** One object to describe (cli-runtime's Info). */
interface Target {
  type: ResourceType;
  namespace: string;
  name: string;
}

const NO_TYPE =
  'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n';

function run(args: string[], f: ParsedFlags, env: KubectlEnv): CommandResult {
  const allNamespaces = f.bool('all-namespaces');
  const filenames = f.strings('filename');
  const selector = f.changed('selector') ? f.string('selector') : '';
  if (args.length === 0 && filenames.length === 0 && !f.string('kustomize'))
    throw new KubectlError(`error: ${NO_TYPE}`);
  const settings: DescribeSettings = { showEvents: f.bool('show-events') };
  const now = env.clock.now();
  const out = new Outcome();

  const targets: Target[] = [];
  let notFound: unknown;
  if (filenames.length > 0) {
    for (const m of readManifests(filenames, env, { recursive: f.bool('recursive') })) {
      const type = env.api.registry.forObject(m.obj.apiVersion, m.obj.kind)!;
      targets.push({
        type,
        namespace: manifestNamespace(m.obj, env) ?? '',
        name: m.obj.metadata?.name ?? '',
      });
    }
  } else {
    const requests = resolveResourceArgs(args, env, { hasSelector: selector !== '', allNamespaces });
    // The API server's deprecation warning (v1 Endpoints) comes with the first response, before any
    // output; kubectl's warning writer prints each text once.
    for (const w of new Set(requests.map((r) => r.type.warning).filter((w): w is string => !!w))) out.err(`Warning: ${w}`);
    for (const req of requests) {
      const ns = requestNamespace(req.type, env, allNamespaces);
      if (req.names.length === 0) {
        const opts = selector ? { labelSelector: selector } : {};
        for (const obj of env.api.list<KubeObject>(req.type.kind, ns, opts).items) {
          targets.push({ type: req.type, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name });
        }
        continue;
      }
      for (const name of req.names) {
        if (env.api.tryGet(req.type.kind, ns, name))
          targets.push({ type: req.type, namespace: ns ?? '', name });
        else {
          // The builder's GET fails with the API server's NotFound.
          try {
            env.api.get(req.type.kind, ns, name);
          } catch (e) {
            notFound ??= e;
            out.fail(e);
          }
        }
      }
    }
    // `describe TYPE NAME_PREFIX`: no exact match, so every object whose name starts with it.
    if (notFound !== undefined && args.length === 2 && isStatusError(notFound, 'NotFound')) {
      const r = describeMatching(args[0]!, args[1]!, notFound, settings, env, now);
      if (!out.stderr) return r;
      return { ...r, stderr: out.stderr, interleaved: [{ stream: 'stderr', text: out.stderr }, { stream: 'stdout', text: r.stdout }] };
    }
  }

  const seen = new Set<string>();
  let first = true;
  for (const t of targets) {
    try {
      const s = describeObject(env.api, t.type.kind, t.namespace, t.name, settings, now);
      out.out(first ? s : `\n\n${s}`);
      first = false;
    } catch (e) {
      const key = e instanceof Error ? e.message : String(e);
      if (seen.has(key)) continue;
      seen.add(key);
      out.fail(e);
    }
  }
  if (targets.length === 0 && out.errors.length === 0) {
    out.err(allNamespaces ? 'No resources found' : `No resources found in ${env.namespace} namespace.`);
  }
  return out.result();
}

/** DescribeMatchingResources: the type listed in the namespace, names filtered by prefix. */
function describeMatching(
  resource: string,
  prefix: string,
  original: unknown,
  settings: DescribeSettings,
  env: KubectlEnv,
  now: number,
): CommandResult {
  const [req] = resolveResourceArgs([resource], env);
  const type = req!.type;
  const ns = requestNamespace(type, env, false);
  let stdout = '';
  for (const obj of env.api.list<KubeObject>(type.kind, ns).items) {
    if (!obj.metadata.name.startsWith(prefix)) continue;
    stdout += `${describeObject(env.api, type.kind, obj.metadata.namespace ?? '', obj.metadata.name, settings, now)}\n`;
  }
  if (stdout === '') throw original;
  return { stdout, stderr: '', exitCode: 0 };
}

/** go-wordwrap's WrapString: break before a word that would pass `lim` columns, keep leading spaces. */
export function goWordWrap(s: string, lim: number): string {
  return s
    .split('\n')
    .map((line) => {
      const lead = /^ */.exec(line)![0];
      const words = line.slice(lead.length).split(' ');
      const lines: string[] = [];
      let cur = lead;
      let started = false;
      for (const w of words) {
        if (started && (cur + ' ' + w).length > lim) {
          lines.push(cur);
          cur = w;
        } else {
          cur = started ? `${cur} ${w}` : cur + w;
        }
        started = true;
      }
      lines.push(cur);
      return lines.join('\n');
    })
    .join('\n');
}

function flagHelp(spec: FlagSpec): string {
  const def =
    spec.type === 'bool'
      ? String(spec.default === true)
      : spec.type === 'stringArray'
        ? '[]'
        : spec.type === 'string'
          ? `'${String(spec.default ?? '')}'`
          : String(spec.default ?? 0);
  const head = `    ${spec.short ? `-${spec.short}, ` : ''}--${spec.name}=${def}:`;
  // HelpFlagPrinter wraps usages 10 columns short of the terminal's 120.
  return `${head}\n${goWordWrap(spec.usage ?? '', 110)}`.replace(/\n/g, '\n\t') + '\n\n';
}

const LONG = [
  'Show details of a specific resource or group of resources',
  '',
  ' Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:',
  '',
  '  $ kubectl describe TYPE NAME_PREFIX',
  '  ',
  ' will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.',
  '',
  'Use "kubectl api-resources" for a complete list of supported resources.',
].join('\n');

const EXAMPLES = [
  '# Describe a node',
  'kubectl describe nodes kubernetes-node-emt8.c.myproject.internal',
  '',
  '# Describe a pod',
  'kubectl describe pods/nginx',
  '',
  '# Describe a pod identified by type and name in "pod.json"',
  'kubectl describe -f pod.json',
  '',
  '# Describe all pods',
  'kubectl describe pods',
  '',
  '# Describe pods by label name=myLabel',
  'kubectl describe po -l name=myLabel',
  '',
  "# Describe all pods managed by the 'frontend' replication controller (rc-created pods",
  '# get the name of the rc as a prefix in the pod the name).',
  'kubectl describe pods frontend',
];

/** The help page as a 120-column terminal shows it (kubectl's responsive writer wraps there). */
const HELP = goWordWrap(
  `${LONG}\n\nExamples:\n${EXAMPLES.map((l) => `  ${l}`).join('\n')}\n\nOptions:\n${[...flags]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map(flagHelp)
    .join(
      '',
    )}Usage:\n  kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]\n\n` +
    'Use "kubectl options" for a list of global command-line options (applies to all commands).\n',
  120,
);

export const describeCommand: Command = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  help: HELP,
  flags,
  run,
};
