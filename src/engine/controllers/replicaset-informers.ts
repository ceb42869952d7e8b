import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { KubeObject, Stored } from '../api/types';
import { controllerRef } from '../api/types';
import type { LabelSelector, Selector } from '../apimachinery/labels';
import { labelSelectorAsSelector } from '../apimachinery/labels';
import type { ClusterContext } from '../cluster';
import type { Indexer, Informer } from './runtime';
import { byControllerUid, byNamespace } from './runtime';
import type { PodObj } from './replicaset-pods';

/**
 * What the ReplicaSet and Deployment controllers share: the informers with their indexes (pods and
 * ReplicaSets by controller uid, orphans by namespace) and selectors parsed once per spec version.
 */
export type ReplicaSetObj = Stored<ReplicaSet>;

export const CONTROLLER_UID_INDEX = 'controllerUid';
export const NAMESPACE_INDEX = 'namespace';
/** Pods without a controller, by namespace: the only pods a ReplicaSet may adopt. */
export const ORPHAN_INDEX = 'orphanNamespace';

const orphanByNamespace: Indexer<KubeObject> = (o) => (controllerRef(o) ? [] : [o.metadata.namespace ?? '']);

type WithSelector = { metadata?: { uid?: string; generation?: number }; spec?: { selector?: LabelSelector } };

const selectors = new WeakMap<object, Selector>();

/**
 * Selectors by uid and generation, per cluster: every status write makes a new stored object, but
 * only a spec write (a new generation) can change the selector.
 */
const byGeneration = new WeakMap<ClusterContext, Map<string, { generation: number; selector: Selector }>>();

/** The object's spec.selector as a Selector, cached; throws when invalid. */
export function selectorOf(obj: WithSelector, ctx?: ClusterContext): Selector {
  let s = selectors.get(obj);
  if (s) return s;
  const uid = obj.metadata?.uid;
  const generation = obj.metadata?.generation;
  let cache = ctx && byGeneration.get(ctx);
  if (ctx && !cache) byGeneration.set(ctx, (cache = new Map()));
  const cached = uid ? cache?.get(uid) : undefined;
  if (cached && cached.generation === generation) s = cached.selector;
  else {
    s = labelSelectorAsSelector(obj.spec?.selector);
    if (cache && uid && generation !== undefined) {
      if (cache.size > 10_000) cache.clear();
      cache.set(uid, { generation, selector: s });
    }
  }
  selectors.set(obj, s);
  return s;
}

export function trySelector(obj: WithSelector, ctx?: ClusterContext): Selector | undefined {
  try {
    return selectorOf(obj, ctx);
  } catch {
    return undefined;
  }
}

/** Installs the shared indexes both workload controllers read. */
export function workloadInformers(ctx: ClusterContext): { pods: Informer<PodObj>; replicaSets: Informer<ReplicaSetObj> } {
  const pods = ctx.informers.for<PodObj>('Pod');
  const replicaSets = ctx.informers.for<ReplicaSetObj>('ReplicaSet');
  pods.addIndexer(CONTROLLER_UID_INDEX, byControllerUid as Indexer<PodObj>);
  pods.addIndexer(ORPHAN_INDEX, orphanByNamespace as Indexer<PodObj>);
  replicaSets.addIndexer(CONTROLLER_UID_INDEX, byControllerUid as Indexer<ReplicaSetObj>);
  replicaSets.addIndexer(NAMESPACE_INDEX, byNamespace as Indexer<ReplicaSetObj>);
  return { pods, replicaSets };
}

export function replicasOf(obj: { spec?: { replicas?: number } }): number {
  return obj.spec?.replicas ?? 1;
}

