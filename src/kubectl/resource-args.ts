import type { ListOptions } from '../engine/api/apiserver';
import type { ResourceRegistry, ResourceType } from '../engine/api/resources';
import { KubectlError } from './errors';
import type { ParsedFlags } from './flags';
import type { KubectlEnv } from './types';

/**
 * kubectl's resource arguments, as cli-runtime's Builder reads them (ResourceTypeOrNameArgs):
 * `pods`, `po`, `pod/web`, `deploy,rs,po`, `pods web db`, `deploy,rs web` (every type with every
 * name), `deployment.apps/web`, `deployments.v1.apps`, and the `all` category. Errors use kubectl's
 * words.
 */
export interface ResourceRequest {
  type: ResourceType;
  /** Empty: every object of the type (a list). */
  names: string[];
  /** Where the request goes when it is not the context's (objects read from -f name their own). */
  namespace?: string;
}

export interface ResolveOptions {
  /** A label selector is set: names are not allowed with it. */
  hasSelector?: boolean;
  /** -A: names are not allowed across namespaces. */
  allNamespaces?: boolean;
}

/** Go's sets-free SplitResourceArgument: comma-separated, duplicates dropped, order kept. */
export function splitResourceArgument(arg: string): string[] {
  const out: string[] = [];
  for (const s of arg.split(',')) if (!out.includes(s)) out.push(s);
  return out;
}

/** The API groups in the order discovery lists them (the aggregator's group priorities). */
const GROUP_ORDER = ['', 'apiregistration.k8s.io', 'apps', 'events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'autoscaling', 'batch'];

function groupRank(group: string): number {
  const i = GROUP_ORDER.indexOf(group);
  return i < 0 ? GROUP_ORDER.length : i;
}

/** The resources of a category (`all`) in discovery order: by API group, then by resource name. */
export function expandCategory(registry: ResourceRegistry, category: string): ResourceType[] {
  return registry
    .all()
    .filter((t) => t.categories.includes(category))
    .sort((a, b) => groupRank(a.group) - groupRank(b.group) || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0) || (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
}

/** ReplaceAliases: `all` (or any category) becomes its resources, `plural.group` each. */
function replaceAliases(registry: ResourceRegistry, input: string): string {
  return input
    .split(',')
    .map((arg) => {
      const resources = expandCategory(registry, arg);
      if (resources.length === 0) return arg;
      return resources.map((t) => (t.group ? `${t.plural}.${t.group}` : t.plural)).join(',');
    })
    .join(',');
}

/** The type a user named, or kubectl's `the server doesn't have a resource type` error. */
export function resolveType(registry: ResourceRegistry, name: string): ResourceType {
  const t = name === '' ? undefined : registry.resolve(name);
  if (!t) throw new KubectlError(`error: the server doesn't have a resource type "${name}"`);
  return t;
}

const MIXED_FORMS =
  "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";

/**
 * Turns resource arguments into the requests kubectl's builder would make, in its order: one per
 * `type/name` tuple, one per type otherwise (with all the names given after it).
 */
export function resolveResourceArgs(args: readonly string[], env: Pick<KubectlEnv, 'api'>, opts: ResolveOptions = {}): ResourceRequest[] {
  const registry = env.api.registry;
  let list = [...args];
  // `deploy,rs web db` means deploy/web deploy/db rs/web rs/db.
  if (list.length >= 2) {
    const types = splitResourceArgument(list[0]!);
    if (types.length > 1) list = types.flatMap((t) => list.slice(1).map((n) => `${t}/${n}`));
  }
  const slashes = list.filter((a) => a.includes('/')).length;
  let requests: ResourceRequest[];
  if (slashes > 0) {
    if (slashes !== list.length) throw new KubectlError(MIXED_FORMS);
    requests = list.map((s) => {
      const seg = s.split('/');
      if (seg.length !== 2) throw new KubectlError('error: arguments in resource/name form may not have more than one slash');
      const [resource, name] = seg as [string, string];
      if (!resource || !name || splitResourceArgument(resource).length !== 1) {
        throw new KubectlError('error: arguments in resource/name form must have a single resource and name');
      }
      return { type: resolveType(registry, resource), names: [name] };
    });
  } else {
    if (list.length === 0) return [];
    const types = splitResourceArgument(replaceAliases(registry, list[0]!));
    const names = list.slice(1);
    requests = types.map((t) => ({ type: resolveType(registry, t), names: [...names] }));
  }
  if (requests.some((r) => r.names.length > 0)) {
    if (opts.hasSelector) throw new KubectlError('error: name cannot be provided when a selector is specified');
    if (opts.allNamespaces) throw new KubectlError('error: a resource cannot be retrieved by name across all namespaces');
  }
  return requests;
}

/** The namespace a request for this type goes to: none for cluster-scoped kinds or with -A. */
export function requestNamespace(type: ResourceType, env: Pick<KubectlEnv, 'namespace'>, allNamespaces: boolean, req?: ResourceRequest): string | undefined {
  if (!type.namespaced || allNamespaces) return undefined;
  return req?.namespace ?? env.namespace;
}

/** -l/--selector and --field-selector as the API's list options. */
export function selectorOptions(flags: ParsedFlags): ListOptions {
  const opts: ListOptions = {};
  const l = flags.changed('selector') ? flags.string('selector') : '';
  const f = flags.changed('field-selector') ? flags.string('field-selector') : '';
  if (l) opts.labelSelector = l;
  if (f) opts.fieldSelector = f;
  return opts;
}

/** `-L a,b -L c`: label keys, comma lists flattened (pflag's StringSlice). */
export function stringSlice(flags: ParsedFlags, name: string): string[] {
  return flags
    .strings(name)
    .flatMap((v) => v.split(','))
    .filter((v) => v !== '');
}
