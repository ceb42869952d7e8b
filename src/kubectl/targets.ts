import type { ResourceType } from '../engine/api/resources';
import type { KubeObject } from '../engine/api/types';
import { KubectlError } from './errors';
import { isFailure, loadManifests, manifestNamespace } from './manifests';
import { resolveResourceArgs } from './resource-args';
import type { KubectlEnv } from './types';

/**
 * The objects a write command acts on, as cli-runtime's Builder finds them: `-f` files,
 * `TYPE NAME...`, `TYPE/NAME...`, `TYPE1,TYPE2 NAME`, or `TYPE` with `-l`/`--all`. Per-object
 * failures (NotFound, a bad manifest) come back in order next to the objects, so commands can
 * carry on with the others as kubectl's ContinueOnError does.
 * The argument grammar itself is resource-args.ts's; this adds files, selectors and fetching.
 */
export interface Target {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
  /** The live object (Latest()), when it was fetched. */
  obj?: KubeObject;
  /** The file it came from (for `error when deleting "x.yaml"`), if any. */
  source?: string;
}

export type TargetEntry = Target | { error: unknown; source?: string };

export function isTargetError(t: TargetEntry): t is { error: unknown; source?: string } {
  return 'error' in t;
}

export interface TargetOptions {
  filenames?: readonly string[];
  recursive?: boolean;
  selector?: string;
  fieldSelector?: string;
  all?: boolean;
  allNamespaces?: boolean;
  /** Fetch each named object (Latest()); its NotFound becomes the entry's error. */
  fetch?: boolean;
  /** kubectl's `--all` with no selector selects everything when only a type is given (get/label allowEmptySelector). */
  allowEmptySelector?: boolean;
  enforceNamespace?: boolean;
}

export const MISSING_RESOURCE =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** RESTMapper lookup with kubectl's error for an unknown type. */
export function resourceType(env: KubectlEnv, name: string): ResourceType {
  const t = env.api.registry.resolve(name);
  if (!t) throw new KubectlError(`the server doesn't have a resource type "${name}"`);
  return t;
}

/** Builder.Do(): throws for argument errors (nothing is visited); returns entries otherwise. */
export function resolveTargets(
  args: readonly string[],
  env: KubectlEnv,
  o: TargetOptions = {},
): TargetEntry[] {
  const files = o.filenames ?? [];
  if (files.length) {
    if (args.length) {
      throw new KubectlError(
        'when paths, URLs, or stdin is provided as input, you may not specify a resource by arguments as well',
      );
    }
    return loadManifests(files, env, { recursive: o.recursive, enforceNamespace: o.enforceNamespace }).map(
      (m) => {
        if (isFailure(m)) return { error: m.error, source: m.source };
        const type = env.api.registry.forObject(m.obj.apiVersion, m.obj.kind)!;
        const t: Target = {
          type,
          namespace: manifestNamespace(m.obj, env),
          name: m.obj.metadata?.name ?? '',
          source: m.source,
        };
        return o.fetch ? fetch(env, t) : t;
      },
    );
  }
  const ns = (t: ResourceType) => (t.namespaced && !o.allNamespaces ? env.namespace : undefined);
  if (!args.length) throw new KubectlError(MISSING_RESOURCE);
  const selecting = !!o.selector || !!o.all || !!o.fieldSelector;
  const requests = resolveResourceArgs(args, env, {
    hasSelector: selecting,
    allNamespaces: !!o.allNamespaces,
  });
  const named = requests.some((r) => r.names.length > 0);
  if (named && args.some((a) => a.includes('/')) && selecting) {
    throw new KubectlError('selectors and the all flag cannot be used when passing resource/name arguments');
  }
  if (!named && !selecting && !o.allowEmptySelector) {
    throw new KubectlError('resource(s) were provided, but no name was specified');
  }
  const out: TargetEntry[] = [];
  for (const { type, names } of requests) {
    if (names.length) {
      for (const name of names) {
        const t: Target = { type, namespace: ns(type), name };
        out.push(o.fetch ? fetch(env, t) : t);
      }
      continue;
    }
    const items = env.api.list<KubeObject>(type.kind, ns(type), {
      ...(o.selector ? { labelSelector: o.selector } : {}),
      ...(o.fieldSelector ? { fieldSelector: o.fieldSelector } : {}),
    }).items;
    for (const obj of items)
      out.push({ type, namespace: obj.metadata.namespace, name: obj.metadata.name, obj });
  }
  return out;
}

function fetch(env: KubectlEnv, t: Target): TargetEntry {
  try {
    return { ...t, obj: env.api.get<KubeObject>(t.type.kind, t.namespace, t.name) };
  } catch (e) {
    return { error: e, ...(t.source ? { source: t.source } : {}) };
  }
}
