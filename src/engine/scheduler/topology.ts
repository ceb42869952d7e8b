import type { Pod, PodAffinityTerm, TopologySpreadConstraint, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import type { Labels, Selector } from '../apimachinery/labels';
import { labelSelectorAsSelector, newRequirement } from '../apimachinery/labels';
import type { LabelSelector } from '../apimachinery/labels';
import type { Stored } from '../api/types';
import type { PodState, Rejection } from './filters';
import { PLUGIN, tolerationsTolerateTaint } from './filters';
import type { ClusterPlugin } from './framework';
import { matchesRequired } from './nodeaffinity';
import type { NodeInfo, NodeInfoCache } from './nodeinfo';
import { MAX_NODE_SCORE } from './scores';

/**
 * The two plugins that look beyond one node: PodTopologySpread (explicit
 * spec.topologySpreadConstraints; the cluster-level default constraints are not simulated) and
 * InterPodAffinity (required and preferred pod affinity and anti-affinity, including the
 * anti-affinity of pods already placed). Both count matching pods per topology domain, the set of
 * nodes sharing a value of the topology label.
 */

type NsLabels = (ns: string) => Labels | undefined;

const reject = (plugin: typeof PLUGIN.PodTopologySpread | typeof PLUGIN.InterPodAffinity, code: Rejection['code'], reason: string): Rejection => ({ plugin, code, reasons: [reason] });

/** A selector plus the pod's own label values for matchLabelKeys (In) and mismatchLabelKeys (NotIn). */
function selectorWithKeys(ls: LabelSelector | undefined, owner: Labels, match: readonly string[] = [], mismatch: readonly string[] = []): Selector {
  let sel = labelSelectorAsSelector(ls ?? null);
  for (const k of match) if (owner[k] !== undefined) sel = sel.add(newRequirement(k, 'in', [owner[k] ?? '']));
  for (const k of mismatch) if (owner[k] !== undefined) sel = sel.add(newRequirement(k, 'notin', [owner[k] ?? '']));
  return sel;
}

const safe = <T>(f: () => T, fallback: T): T => {
  try {
    return f();
  } catch {
    return fallback;
  }
};

// ------------------------------------------------------------------ PodTopologySpread

interface Constraint {
  maxSkew: number;
  key: string;
  hard: boolean;
  selector: Selector;
  minDomains: number;
  honorAffinity: boolean;
  honorTaints: boolean;
}

function constraintsOf(pod: Stored<Pod>): Constraint[] {
  const labels = pod.metadata.labels ?? {};
  return (pod.spec?.topologySpreadConstraints ?? []).map((c: TopologySpreadConstraint) => ({
    maxSkew: c.maxSkew,
    key: c.topologyKey,
    hard: c.whenUnsatisfiable !== 'ScheduleAnyway',
    selector: safe(() => selectorWithKeys(c.labelSelector as LabelSelector | undefined, labels, c.matchLabelKeys ?? []), labelSelectorAsSelector(null)),
    minDomains: c.minDomains ?? 1,
    honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
    honorTaints: c.nodeTaintsPolicy === 'Honor',
  }));
}

function countMatching(ni: NodeInfo, sel: Selector, ns: string | undefined): number {
  let n = 0;
  for (const p of ni.pods.values()) {
    const m = p.pod.metadata;
    if (m.deletionTimestamp || m.namespace !== ns) continue;
    if (sel.matches(m.labels ?? {})) n++;
  }
  return n;
}

/** Which nodes count towards the spread: those with every topology key, within the inclusion policies. */
function eligible(s: PodState, cs: readonly Constraint[], ni: NodeInfo): boolean {
  for (const c of cs) {
    if (ni.labels[c.key] === undefined) return false;
    if (c.honorAffinity && !matchesRequired(s.required, ni)) return false;
    if (c.honorTaints && ni.taints.some((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(s.tolerations, t))) return false;
  }
  return true;
}

export function podTopologySpread(): ClusterPlugin {
  return {
    name: PLUGIN.PodTopologySpread,
    prepareFilter(s, nodes) {
      const cs = constraintsOf(s.pod).filter((c) => c.hard);
      if (!cs.length) return undefined;
      const counts = cs.map(() => new Map<string, number>());
      for (const ni of nodes) {
        if (!eligible(s, cs, ni)) continue;
        cs.forEach((c, i) => {
          const v = ni.labels[c.key] ?? '';
          counts[i]!.set(v, (counts[i]!.get(v) ?? 0) + countMatching(ni, c.selector, s.pod.metadata.namespace));
        });
      }
      const mins = counts.map((m, i) => (m.size < (cs[i]?.minDomains ?? 1) ? 0 : Math.min(...m.values())));
      const own = s.pod.metadata.labels ?? {};
      return (ni) => {
        for (let i = 0; i < cs.length; i++) {
          const c = cs[i]!;
          const v = ni.labels[c.key];
          if (v === undefined) return reject(PLUGIN.PodTopologySpread, 'UnschedulableAndUnresolvable', "node(s) didn't match pod topology spread constraints (missing required label)");
          const skew = (counts[i]!.get(v) ?? 0) + (c.selector.matches(own) ? 1 : 0) - (mins[i] ?? 0);
          if (skew > c.maxSkew) return reject(PLUGIN.PodTopologySpread, 'Unschedulable', "node(s) didn't match pod topology spread constraints");
        }
        return undefined;
      };
    },
    score(s, feasible, nodes) {
      const cs = constraintsOf(s.pod).filter((c) => !c.hard);
      if (!cs.length) return undefined;
      const ignored = new Set(feasible.filter((ni) => cs.some((c) => ni.labels[c.key] === undefined)).map((ni) => ni.name));
      const domains = cs.map((c) => new Set(feasible.filter((ni) => !ignored.has(ni.name)).map((ni) => ni.labels[c.key] ?? '')));
      const weights = domains.map((d) => Math.log(d.size + 2));
      const counts = cs.map(() => new Map<string, number>());
      for (const ni of nodes) {
        if (!eligible(s, cs, ni)) continue;
        cs.forEach((c, i) => {
          const v = ni.labels[c.key] ?? '';
          if (domains[i]!.has(v)) counts[i]!.set(v, (counts[i]!.get(v) ?? 0) + countMatching(ni, c.selector, s.pod.metadata.namespace));
        });
      }
      const raw = feasible.map((ni) => {
        if (ignored.has(ni.name)) return -1;
        let score = 0;
        cs.forEach((c, i) => {
          score += (counts[i]!.get(ni.labels[c.key] ?? '') ?? 0) * weights[i]! + (c.maxSkew - 1);
        });
        return Math.round(score);
      });
      const valid = raw.filter((v) => v >= 0);
      const max = Math.max(0, ...valid);
      const min = valid.length ? Math.min(...valid) : 0;
      return raw.map((v) => (v < 0 ? 0 : max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - v)) / max)));
    },
  };
}

// ------------------------------------------------------------------ InterPodAffinity

interface AffinityTerm {
  selector: Selector;
  namespaces: ReadonlySet<string>;
  nsSelector: Selector | undefined;
  key: string;
  weight: number;
}

function compileTerms(owner: Stored<Pod>, terms: readonly PodAffinityTerm[] | undefined, weight = 1): AffinityTerm[] {
  const labels = owner.metadata.labels ?? {};
  return (terms ?? []).map((t) => ({
    selector: safe(() => selectorWithKeys(t.labelSelector as LabelSelector | undefined, labels, t.matchLabelKeys ?? [], t.mismatchLabelKeys ?? []), labelSelectorAsSelector(null)),
    // No namespaces and no namespaceSelector means the owner's own namespace.
    namespaces: new Set(t.namespaces?.length || t.namespaceSelector ? (t.namespaces ?? []) : [owner.metadata.namespace ?? 'default']),
    nsSelector: t.namespaceSelector ? safe(() => labelSelectorAsSelector(t.namespaceSelector as LabelSelector), undefined) : undefined,
    key: t.topologyKey,
    weight,
  }));
}

const weighted = (owner: Stored<Pod>, ts: readonly WeightedPodAffinityTerm[] | undefined, sign: 1 | -1) =>
  (ts ?? []).flatMap((w) => compileTerms(owner, [w.podAffinityTerm], sign * w.weight));

function termMatches(t: AffinityTerm, pod: Stored<Pod>, nsLabels: NsLabels): boolean {
  const ns = pod.metadata.namespace ?? 'default';
  if (!t.namespaces.has(ns) && !(t.nsSelector && t.nsSelector.matches(nsLabels(ns) ?? {}))) return false;
  return t.selector.matches(pod.metadata.labels ?? {});
}

const pair = (key: string, value: string) => `${key}\u0000${value}`;

export function interPodAffinity(cache: NodeInfoCache, nsLabels: NsLabels): ClusterPlugin {
  return {
    name: PLUGIN.InterPodAffinity,
    prepareFilter(s, nodes) {
      const aff = s.pod.spec?.affinity;
      const affinity = compileTerms(s.pod, aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
      const anti = compileTerms(s.pod, aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
      // The anti-affinity of pods already placed, against this pod.
      const existing = new Map<string, number>();
      for (const pi of cache.withAffinity.values()) {
        const node = cache.get(pi.nodeName);
        if (!node) continue;
        for (const t of compileTerms(pi.pod, pi.pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution)) {
          const v = node.labels[t.key];
          if (v !== undefined && termMatches(t, s.pod, nsLabels)) existing.set(pair(t.key, v), (existing.get(pair(t.key, v)) ?? 0) + 1);
        }
      }
      if (!affinity.length && !anti.length && !existing.size) return undefined;
      const affCounts = new Map<string, number>();
      const antiCounts = new Map<string, number>();
      if (affinity.length || anti.length) {
        for (const ni of nodes) {
          for (const pi of ni.pods.values()) {
            for (const [terms, counts] of [[affinity, affCounts], [anti, antiCounts]] as const) {
              for (const t of terms) {
                const v = ni.labels[t.key];
                if (v !== undefined && termMatches(t, pi.pod, nsLabels)) counts.set(pair(t.key, v), (counts.get(pair(t.key, v)) ?? 0) + 1);
              }
            }
          }
        }
      }
      // The first pod of a group with affinity to itself may go anywhere that has the topology labels.
      const selfMatch = affinity.every((t) => termMatches(t, s.pod, nsLabels));
      return (ni: NodeInfo) => {
        let allExist = true;
        for (const t of affinity) {
          const v = ni.labels[t.key];
          if (v === undefined) return reject(PLUGIN.InterPodAffinity, 'UnschedulableAndUnresolvable', "node(s) didn't match pod affinity rules");
          if (!affCounts.get(pair(t.key, v))) allExist = false;
        }
        if (!allExist && !(affCounts.size === 0 && selfMatch)) return reject(PLUGIN.InterPodAffinity, 'UnschedulableAndUnresolvable', "node(s) didn't match pod affinity rules");
        for (const t of anti) {
          const v = ni.labels[t.key];
          if (v !== undefined && antiCounts.get(pair(t.key, v))) return reject(PLUGIN.InterPodAffinity, 'Unschedulable', "node(s) didn't match pod anti-affinity rules");
        }
        for (const [k, v] of Object.entries(ni.labels)) {
          if (existing.get(pair(k, v))) return reject(PLUGIN.InterPodAffinity, 'Unschedulable', "node(s) didn't satisfy existing pods anti-affinity rules");
        }
        return undefined;
      };
    },
    score(s, feasible, nodes) {
      const aff = s.pod.spec?.affinity;
      const preferred = [...weighted(s.pod, aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, 1), ...weighted(s.pod, aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, -1)];
      if (!preferred.length && !cache.withAffinity.size) return undefined;
      const scores = new Map<string, number>();
      const add = (key: string, v: string | undefined, w: number) => {
        if (v !== undefined) scores.set(pair(key, v), (scores.get(pair(key, v)) ?? 0) + w);
      };
      if (preferred.length) {
        for (const ni of nodes) for (const pi of ni.pods.values()) for (const t of preferred) if (termMatches(t, pi.pod, nsLabels)) add(t.key, ni.labels[t.key], t.weight);
      }
      for (const pi of cache.withAffinity.values()) {
        const node = cache.get(pi.nodeName);
        if (!node) continue;
        const a = pi.pod.spec?.affinity;
        const theirs = [
          ...compileTerms(pi.pod, a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution, 1), // hardPodAffinityWeight
          ...weighted(pi.pod, a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, 1),
          ...weighted(pi.pod, a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, -1),
        ];
        for (const t of theirs) if (termMatches(t, s.pod, nsLabels)) add(t.key, node.labels[t.key], t.weight);
      }
      if (!scores.size) return undefined;
      const raw = feasible.map((ni) => Object.entries(ni.labels).reduce((sum, [k, v]) => sum + (scores.get(pair(k, v)) ?? 0), 0));
      const max = Math.max(...raw);
      const min = Math.min(...raw);
      return raw.map((v) => (max - min > 0 ? Math.trunc((MAX_NODE_SCORE * (v - min)) / (max - min)) : 0));
    },
  };
}

export function topologyPlugins(cache: NodeInfoCache, nsLabels: NsLabels): ClusterPlugin[] {
  return [podTopologySpread(), interPodAffinity(cache, nsLabels)];
}
