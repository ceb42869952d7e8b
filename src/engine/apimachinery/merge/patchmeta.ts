/**
 * Strategic merge patch metadata: which lists merge, and by which key.
 *
 * In Kubernetes this knowledge lives in Go struct tags of k8s.io/api, e.g.
 *
 *     Containers []Container `json:"containers" patchStrategy:"merge" patchMergeKey:"name"`
 *
 * and strategicpatch reads them by reflection (LookupPatchMetadata). Here the same tags are data:
 * a table keyed by Go type name, each entry listing only the fields that carry a tag or lead to a
 * type that does. Walking the table from a kind's root type reaches PodSpec wherever a kind nests
 * it (Pod: spec; Deployment/ReplicaSet/StatefulSet/DaemonSet/Job: spec.template.spec; CronJob:
 * spec.jobTemplate.spec.template.spec), so the container/volume/env keys are written once.
 *
 * Fields that are not in the table get the default behaviour: maps merge key by key, lists are
 * replaced whole (atomic), exactly what an untagged Go field gets. That also makes the table safe
 * for kinds it does not know: they patch like JSON merge patch, plus the ObjectMeta lists.
 */

/** A Go struct field's patch tags plus the Go type of its value (for lists: of each element). */
export interface FieldTag {
  /** Go type name looked up in the same table; omit for scalars, maps of scalars and unknown types. */
  type?: string;
  /**
   * `patchStrategy`. 'merge' on a list: items merge by `mergeKey` (lists of objects) or as a set
   * (lists of scalars). 'replace' on an object: the patch value replaces it wholesale. Omitted:
   * objects merge, lists are replaced.
   */
  strategy?: 'merge' | 'replace';
  /** `patchStrategy:"retainKeys"` (alone or with merge): two-way/three-way patches carry `$retainKeys`. */
  retainKeys?: boolean;
  /** `patchMergeKey`: the field identifying an item of a merged list of objects. */
  mergeKey?: string;
}

/**
 * Go type name -> its tagged fields. A field named '*' applies to every key of a Go map type
 * (`map[string]T`).
 */
export type PatchTypeTable = Readonly<Record<string, Readonly<Record<string, FieldTag>>>>;

/** What strategic merge needs to know about one field of an object. */
export interface FieldPatchMeta {
  strategy: 'merge' | 'replace' | undefined;
  retainKeys: boolean;
  /** '' when the field has no merge key. */
  mergeKey: string;
  /** Metadata of the field's value; for a list, of each of its items. */
  meta: PatchMeta;
}

/** Patch metadata of one object type: answers for each of its fields (LookupPatchMeta in Go). */
export interface PatchMeta {
  lookup(field: string): FieldPatchMeta;
}

const NO_FIELDS: Readonly<Record<string, FieldTag>> = {};

class TablePatchMeta implements PatchMeta {
  constructor(
    private readonly table: PatchTypeTable,
    private readonly fields: Readonly<Record<string, FieldTag>>,
  ) {}

  lookup(field: string): FieldPatchMeta {
    const own = Object.prototype.hasOwnProperty.call(this.fields, field) ? this.fields[field] : undefined;
    const tag = own ?? this.fields['*'];
    if (!tag) return DEFAULT_FIELD;
    const fields = tag.type ? this.table[tag.type] : undefined;
    return {
      strategy: tag.strategy,
      retainKeys: tag.retainKeys ?? false,
      mergeKey: tag.mergeKey ?? '',
      meta: fields ? new TablePatchMeta(this.table, fields) : NO_PATCH_META,
    };
  }
}

/** Metadata of a type without tagged fields: maps merge, lists are replaced (JSON merge patch). */
export const NO_PATCH_META: PatchMeta = {
  lookup: () => DEFAULT_FIELD,
};

const DEFAULT_FIELD: FieldPatchMeta = { strategy: undefined, retainKeys: false, mergeKey: '', meta: NO_PATCH_META };

/** Patch metadata rooted at `typeName` of `table`; an unknown type name gives {@link NO_PATCH_META}. */
export function patchMetaFromTable(table: PatchTypeTable, typeName: string): PatchMeta {
  const fields = Object.prototype.hasOwnProperty.call(table, typeName) ? table[typeName] : undefined;
  return fields ? new TablePatchMeta(table, fields) : new TablePatchMeta(table, NO_FIELDS);
}

const mergeBy = (mergeKey: string, type?: string): FieldTag => ({ strategy: 'merge', mergeKey, ...(type ? { type } : {}) });
const conditions: FieldTag = mergeBy('type');
const podTemplate: FieldTag = { type: 'PodTemplateSpec' };

/**
 * The patch tags of k8s.io/api (core/v1, apps/v1, batch/v1, ...) that matter to the simulator.
 * Untagged lists are deliberately absent (tolerations, envFrom, args, command, EndpointSubsets,
 * containerStatuses, taints, rules, ...): they are atomic and get replaced.
 */
export const KUBE_PATCH_TYPES: PatchTypeTable = {
  // --- meta/v1 -----------------------------------------------------------------------------
  ObjectMeta: {
    ownerReferences: mergeBy('uid'),
    // patchStrategy:"merge" on []string: finalizers merge as a set of strings.
    finalizers: { strategy: 'merge' },
  },
  /** Any object: every Kubernetes type embeds ObjectMeta, so unknown kinds still get this. */
  Object: { metadata: { type: 'ObjectMeta' } },

  // --- core/v1: pods ---------------------------------------------------------------------------
  Pod: { metadata: { type: 'ObjectMeta' }, spec: { type: 'PodSpec' }, status: { type: 'PodStatus' } },
  PodTemplate: { metadata: { type: 'ObjectMeta' }, template: podTemplate },
  PodTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'PodSpec' } },
  PodSpec: {
    volumes: { strategy: 'merge', retainKeys: true, mergeKey: 'name' },
    initContainers: mergeBy('name', 'Container'),
    containers: mergeBy('name', 'Container'),
    ephemeralContainers: mergeBy('name', 'Container'),
    imagePullSecrets: mergeBy('name'),
    hostAliases: mergeBy('ip'),
    topologySpreadConstraints: mergeBy('topologyKey'),
    resourceClaims: { strategy: 'merge', retainKeys: true, mergeKey: 'name' },
    schedulingGates: mergeBy('name'),
  },
  Container: {
    ports: mergeBy('containerPort'),
    env: mergeBy('name'),
    volumeMounts: mergeBy('mountPath'),
    volumeDevices: mergeBy('devicePath'),
  },
  PodStatus: {
    conditions,
    podIPs: mergeBy('ip'),
    hostIPs: mergeBy('ip'),
    resourceClaimStatuses: { strategy: 'merge', retainKeys: true, mergeKey: 'name' },
  },

  // --- core/v1: other kinds ----------------------------------------------------------------------
  Service: { metadata: { type: 'ObjectMeta' }, spec: { type: 'ServiceSpec' }, status: { type: 'ServiceStatus' } },
  ServiceSpec: { ports: mergeBy('port') },
  ServiceStatus: { conditions },
  Node: { metadata: { type: 'ObjectMeta' }, spec: { type: 'NodeSpec' }, status: { type: 'NodeStatus' } },
  NodeSpec: { podCIDRs: { strategy: 'merge' } },
  NodeStatus: { conditions, addresses: mergeBy('type') },
  Namespace: { metadata: { type: 'ObjectMeta' }, status: { type: 'NamespaceStatus' } },
  NamespaceStatus: { conditions },
  PersistentVolumeClaim: { metadata: { type: 'ObjectMeta' }, status: { type: 'ConditionsStatus' } },
  ServiceAccount: { metadata: { type: 'ObjectMeta' }, secrets: mergeBy('name') },
  ReplicationController: {
    metadata: { type: 'ObjectMeta' },
    spec: { type: 'ReplicationControllerSpec' },
    status: { type: 'ConditionsStatus' },
  },
  ReplicationControllerSpec: { template: podTemplate },
  /** Any status whose only tagged field is `conditions` (merged by type). */
  ConditionsStatus: { conditions },

  // --- apps/v1 -----------------------------------------------------------------------------------
  Deployment: { metadata: { type: 'ObjectMeta' }, spec: { type: 'DeploymentSpec' }, status: { type: 'ConditionsStatus' } },
  // patchStrategy:"retainKeys" on strategy: switching to Recreate drops rollingUpdate.
  DeploymentSpec: { template: podTemplate, strategy: { retainKeys: true } },
  ReplicaSet: { metadata: { type: 'ObjectMeta' }, spec: { type: 'WorkloadSpec' }, status: { type: 'ConditionsStatus' } },
  StatefulSet: { metadata: { type: 'ObjectMeta' }, spec: { type: 'WorkloadSpec' }, status: { type: 'ConditionsStatus' } },
  DaemonSet: { metadata: { type: 'ObjectMeta' }, spec: { type: 'WorkloadSpec' }, status: { type: 'ConditionsStatus' } },
  /** ReplicaSetSpec, StatefulSetSpec, DaemonSetSpec, JobSpec: their only tagged path is the pod template. */
  WorkloadSpec: { template: podTemplate },

  // --- batch/v1 ----------------------------------------------------------------------------------
  Job: { metadata: { type: 'ObjectMeta' }, spec: { type: 'WorkloadSpec' }, status: { type: 'ConditionsStatus' } },
  CronJob: { metadata: { type: 'ObjectMeta' }, spec: { type: 'CronJobSpec' } },
  CronJobSpec: { jobTemplate: { type: 'JobTemplateSpec' } },
  JobTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'WorkloadSpec' } },

  // --- autoscaling/v2, policy/v1 -----------------------------------------------------------------
  HorizontalPodAutoscaler: { metadata: { type: 'ObjectMeta' }, status: { type: 'ConditionsStatus' } },
  PodDisruptionBudget: { metadata: { type: 'ObjectMeta' }, status: { type: 'ConditionsStatus' } },
};

/**
 * Patch metadata for a kind (`Pod`, `Deployment`, ...). Kinds without an entry get `Object`
 * (ObjectMeta's finalizers and ownerReferences, everything else default), which is what a type
 * without patch tags would give in Go.
 */
export function patchMetaFor(kind: string): PatchMeta {
  const known = Object.prototype.hasOwnProperty.call(KUBE_PATCH_TYPES, kind) && kind !== 'Object';
  return patchMetaFromTable(KUBE_PATCH_TYPES, known ? kind : 'Object');
}

/**
 * Resolves a dotted field path (`spec.template.spec.containers`) from a kind or a PatchMeta.
 * List items are stepped over implicitly, as their metadata is the list field's `meta`.
 */
export function lookupPatchMeta(root: string | PatchMeta, path: string): FieldPatchMeta {
  let meta = typeof root === 'string' ? patchMetaFor(root) : root;
  let field: FieldPatchMeta = DEFAULT_FIELD;
  for (const part of path.split('.')) {
    field = meta.lookup(part);
    meta = field.meta;
  }
  return field;
}
