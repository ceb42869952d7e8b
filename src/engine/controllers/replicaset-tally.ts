import { keyOf } from '../api/types';
import { controllerRef } from '../api/types';
import { stableJSON } from '../apimachinery/hash';
import type { Selector } from '../apimachinery/labels';
import type { Informer } from './runtime';
import type { PodObj, RankKey } from './replicaset-pods';
import { chooseVictims, isPodActive, podDeletionClass, podReadyTime, rankKey } from './replicaset-pods';

/**
 * Running counts of each ReplicaSet's pods, kept current by the pod informer's events, so that a
 * reconcile reads its status and claim work in constant time instead of walking thousands of pods
 * every time one of them changes. Derived state only: a tally is rebuilt from the informer's
 * controller-uid index whenever its ReplicaSet's selector or template labels change.
 */
export interface PodFacts {
  active: boolean;
  ready: boolean;
  readyTime: number | undefined;
}

const factsCache = new WeakMap<PodObj, PodFacts>();

/** The facts of one stored (immutable) pod version, computed once. */
export function podFacts(p: PodObj): PodFacts {
  let f = factsCache.get(p);
  if (!f) {
    const readyTime = podReadyTime(p);
    const ready = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    f = { active: isPodActive(p), ready, readyTime };
    factsCache.set(p, f);
  }
  return f;
}

interface Entry {
  pod: PodObj;
  facts: PodFacts;
  /** The deletion-order key, made when a deletion first needs it. */
  key?: RankKey;
  /** Rules 1-4 of the deletion order, and the node: where the entry sits in `groups`. */
  cls: number;
  node: string;
  matches: boolean;
  fully: boolean;
}

/** One ReplicaSet's owned pods, and the counts its status needs. "Claimed" = active and matching the selector. */
export class Tally {
  readonly entries = new Map<string, Entry>();
  /** Owned active pods whose labels no longer match the selector: to be released. */
  readonly mismatched = new Map<string, PodObj>();
  claimed = 0;
  fully = 0;
  ready = 0;
  /** Active owned pods per node, for the "doubled up" rank of the deletion order. */
  readonly nodes = new Map<string, number>();
  /** Claimed pods by deletion class (rules 1-4), then by node: so choosing victims looks only at the front. */
  private readonly groups = new Map<number, Map<string, Set<Entry>>>();

  constructor(
    readonly shape: string,
    public generation: number | undefined,
    readonly selector: Selector,
    readonly templateLabels: Readonly<Record<string, string>>,
  ) {}

  add(key: string, pod: PodObj): void {
    this.remove(key);
    const labels = pod.metadata.labels ?? {};
    let fully = true;
    for (const k in this.templateLabels) if (labels[k] !== this.templateLabels[k]) fully = false;
    const facts = podFacts(pod);
    const e: Entry = { pod, facts, cls: podDeletionClass(pod, facts.ready), node: pod.spec?.nodeName ?? '', matches: this.selector.matches(labels), fully };
    this.entries.set(key, e);
    this.count(key, e, 1);
  }

  remove(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.count(key, e, -1);
  }

  private count(key: string, e: Entry, sign: 1 | -1): void {
    if (!e.facts.active) return;
    const node = e.node;
    this.nodes.set(node, (this.nodes.get(node) ?? 0) + sign);
    if (!e.matches) {
      if (sign > 0) this.mismatched.set(key, e.pod);
      else this.mismatched.delete(key);
      return;
    }
    this.claimed += sign;
    if (e.fully) this.fully += sign;
    if (e.facts.ready) this.ready += sign;
    const cls = e.cls;
    let byNode = this.groups.get(cls);
    if (!byNode) this.groups.set(cls, (byNode = new Map()));
    let set = byNode.get(node);
    if (!set) byNode.set(node, (set = new Set()));
    if (sign > 0) set.add(e);
    else {
      set.delete(e);
      if (!set.size) byNode.delete(node);
      if (!byNode.size) this.groups.delete(cls);
    }
  }

  /**
   * getPodsToDelete over the claimed pods: the deletion order compares the class (rules 1-4), then the
   * rank, then the rest, so only the lowest classes' highest-ranked nodes need a closer look. `onNode`
   * gives each node's rank (active related pods on it).
   */
  victims(count: number, onNode: ReadonlyMap<string, number>, now: number): PodObj[] {
    const out: PodObj[] = [];
    for (const cls of [...this.groups.keys()].sort((a, b) => a - b)) {
      const byRank = new Map<number, Set<Entry>[]>();
      for (const [node, set] of this.groups.get(cls)!) {
        const r = onNode.get(node) ?? 0;
        const list = byRank.get(r);
        if (list) list.push(set);
        else byRank.set(r, [set]);
      }
      for (const r of [...byRank.keys()].sort((a, b) => b - a)) {
        const keys: RankKey[] = [];
        for (const set of byRank.get(r)!) for (const e of set) keys.push((e.key ??= rankKey(e.pod)));
        out.push(...chooseVictims(keys, new Int32Array(keys.length).fill(r), count - out.length, now));
        if (out.length >= count) return out;
      }
    }
    return out;
  }

  /** Ready claimed pods with the time they became ready. */
  *readyTimes(): Iterable<number | undefined> {
    for (const e of this.entries.values()) if (e.facts.active && e.matches && e.facts.ready) yield e.facts.readyTime;
  }
}

const shapes = new WeakMap<object, string>();

function shapeOf(rs: { spec?: { selector?: unknown; template?: { metadata?: { labels?: Record<string, string> } } } }): string {
  let s = shapes.get(rs);
  if (s === undefined) {
    s = stableJSON({ selector: rs.spec?.selector ?? null, labels: rs.spec?.template?.metadata?.labels ?? null });
    shapes.set(rs, s);
  }
  return s;
}

export class PodTallies {
  private readonly byUid = new Map<string, Tally>();

  constructor(
    private readonly pods: Informer<PodObj>,
    private readonly index: string,
  ) {}

  /** The tally of this ReplicaSet, built from the index on first use or after its selector or template labels changed. */
  for(rs: { metadata: { uid: string; generation?: number }; spec?: { selector?: unknown; template?: { metadata?: { labels?: Record<string, string> } } } }, selector: Selector): Tally {
    let t = this.byUid.get(rs.metadata.uid);
    // Only a spec change (a new generation) can change the selector or the template labels.
    if (t && rs.metadata.generation !== undefined && t.generation === rs.metadata.generation) return t;
    const shape = shapeOf(rs);
    if (t && t.shape === shape) t.generation = rs.metadata.generation;
    else {
      t = new Tally(shape, rs.metadata.generation, selector, { ...(rs.spec?.template?.metadata?.labels ?? {}) });
      for (const p of this.pods.byIndex(this.index, rs.metadata.uid)) t.add(keyOf(p), p);
      this.byUid.set(rs.metadata.uid, t);
    }
    return t;
  }

  /** Applies one pod change to the tallies already built (called from the pod informer's handlers). */
  observe(old: PodObj | undefined, cur: PodObj | undefined): void {
    const oldUid = old && controllerRef(old)?.uid;
    const curUid = cur && controllerRef(cur)?.uid;
    if (old && oldUid && oldUid !== curUid) this.byUid.get(oldUid)?.remove(keyOf(old));
    if (cur && curUid) this.byUid.get(curUid)?.add(keyOf(cur), cur);
  }

  forget(uid: string): void {
    this.byUid.delete(uid);
  }
}
