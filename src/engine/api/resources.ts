import type { FieldError } from '../apimachinery/validation';
import type { Clock } from '../clock';
import type { Random } from '../random';
import type { KubeObject } from './types';

/**
 * What the API server knows about one kind of resource: its names (as `kubectl api-resources` lists
 * them) and its strategy, the per-kind hooks the generic registry calls (defaulting, validation,
 * status handling), as in k8s.io/apiserver's registry/rest strategies.
 *
 * Adding a kind is adding one ResourceType (see kinds/*.ts); the store, watch, kubectl's name
 * resolution and the printers find it from here.
 */
export interface ResourceType {
  kind: string;
  group: string; // '' for the core group
  version: string;
  /** The REST resource name: `deployments`. */
  plural: string;
  singular: string;
  shortNames: readonly string[];
  namespaced: boolean;
  /** `all` for the kinds `kubectl get all` shows. */
  categories: readonly string[];
  /** Has a /status subresource: main updates keep the old status, status updates keep the old spec. */
  statusSubresource: boolean;
  /** metadata.generation counts spec changes. */
  tracksGeneration: boolean;
  /**
   * The deprecation warning the API server sends (a `Warning` response header) with every request for
   * this resource; kubectl prints it as `Warning: <text>` on stderr, once per command.
   */
  warning?: string;
  /**
   * Deployments (registry/apps/deployment/strategy.go): annotation changes bump the generation too,
   * since they are copied to the ReplicaSets; and the status subresource keeps the request's
   * annotations (that is how the controller writes the revision annotation without a bump).
   */
  annotationsAreSpec?: boolean;
  /** Which name rule metadata.name must follow. */
  nameRule: 'dns1123Subdomain' | 'dns1123Label' | 'dns1035Label' | 'none';
  /** Verbs as `kubectl api-resources -o wide` prints them. */
  verbs: readonly string[];
  /** Field selector paths this kind supports besides metadata.name and metadata.namespace. */
  fieldSelectors?: Readonly<Record<string, (obj: KubeObject) => string | undefined>>;
  strategy: KindStrategy;
}

export interface StrategyContext {
  clock: Clock;
  random: Random;
  /** Reads another object (admission may need one, e.g. the namespace). */
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
}

/** The per-kind hooks. All receive a mutable copy they may change in place. */
export interface KindStrategy {
  /** API defaulting (SetDefaults_*), applied on create and update, as the real decoder does. */
  defaults?(obj: KubeObject, ctx: StrategyContext): void;
  /** PrepareForCreate: e.g. reset status that clients may not set. */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** PrepareForUpdate on the main resource (status is already carried over when there is a status subresource). */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validate?(obj: KubeObject, ctx: StrategyContext): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** Validation of a status update. */
  validateStatusUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
}

export function apiVersionOf(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

/** The set of resource types one API server serves. */
export class ResourceRegistry {
  private byKind = new Map<string, ResourceType>();
  private list: ResourceType[] = [];

  register(t: ResourceType): void {
    if (this.byKind.has(t.kind)) throw new Error(`kind ${t.kind} registered twice`);
    this.byKind.set(t.kind, t);
    this.list.push(t);
  }

  all(): readonly ResourceType[] {
    return this.list;
  }

  byKindName(kind: string): ResourceType | undefined {
    return this.byKind.get(kind);
  }

  /** Looks a type up by apiVersion and kind, as the decoder does with a manifest. */
  forObject(apiVersion: string | undefined, kind: string | undefined): ResourceType | undefined {
    if (!kind) return undefined;
    const t = this.byKind.get(kind);
    if (!t) return undefined;
    if (apiVersion !== undefined && apiVersion !== apiVersionOf(t)) return undefined;
    return t;
  }

  mustKind(kind: string): ResourceType {
    const t = this.byKind.get(kind);
    if (!t) throw new Error(`no resource type for kind ${kind}`);
    return t;
  }

  /**
   * Resolves what a user typed (`po`, `pods`, `pod`, `deployments.apps`, `Deployment`) the way
   * kubectl's RESTMapper does.
   */
  resolve(name: string): ResourceType | undefined {
    const lower = name.toLowerCase();
    const [base, ...groupParts] = lower.split('.');
    const group = groupParts.join('.');
    for (const t of this.list) {
      if (groupParts.length > 0) {
        if (t.group !== group && !(group.startsWith(t.version + '.') && group.slice(t.version.length + 1) === t.group)) continue;
      }
      if (t.plural === base || t.singular === base || t.kind.toLowerCase() === base || t.shortNames.includes(base ?? '')) return t;
    }
    return undefined;
  }
}
