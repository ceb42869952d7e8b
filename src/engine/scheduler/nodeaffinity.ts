import type { NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import type { Operator, Requirement, Selector } from '../apimachinery/labels';
import { newRequirement, selectorFromRequirements, selectorFromSet } from '../apimachinery/labels';
import type { Stored } from '../api/types';

/**
 * nodeSelector and node affinity, compiled once per scheduling attempt (component-helpers
 * scheduling/corev1/nodeaffinity): terms are ORed, a term's matchExpressions and matchFields are
 * ANDed, an empty term or one that fails to parse matches nothing, and matchFields knows only
 * `metadata.name` with In / NotIn and exactly one value.
 */

export interface NodeLike {
  name: string;
  labels: Readonly<Record<string, string>>;
}

export interface CompiledTerm {
  /** undefined: no matchExpressions. */
  labels: Selector | undefined;
  /** metadata.name requirements: In or NotIn one name. */
  fields: Array<{ op: 'In' | 'NotIn'; name: string }>;
  empty: boolean;
  error: string | undefined;
}

const LABEL_OPERATORS: Readonly<Record<string, Operator>> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

export function compileTerm(term: NodeSelectorTerm | undefined): CompiledTerm {
  const out: CompiledTerm = { labels: undefined, fields: [], empty: true, error: undefined };
  if (!term) return out;
  const exprs: readonly NodeSelectorRequirement[] = term.matchExpressions ?? [];
  const fields: readonly NodeSelectorRequirement[] = term.matchFields ?? [];
  out.empty = exprs.length === 0 && fields.length === 0;
  try {
    if (exprs.length) {
      const reqs: Requirement[] = exprs.map((e, i) => {
        const op = Object.prototype.hasOwnProperty.call(LABEL_OPERATORS, e.operator) ? LABEL_OPERATORS[e.operator] : undefined;
        if (!op) throw new Error(`matchExpressions[${i}].operator: Unsupported value: "${e.operator}"`);
        return newRequirement(e.key, op, e.values ?? [], `matchExpressions[${i}]`);
      });
      out.labels = selectorFromRequirements(reqs);
    }
    fields.forEach((f, i) => {
      if (f.key !== 'metadata.name') throw new Error(`matchFields[${i}].key: Invalid value: "${f.key}": not a valid field selector key`);
      if (f.operator !== 'In' && f.operator !== 'NotIn') throw new Error(`matchFields[${i}].operator: Unsupported value: "${f.operator}"`);
      if ((f.values ?? []).length !== 1) throw new Error(`matchFields[${i}].values: Required value: must have one element`);
      out.fields.push({ op: f.operator, name: f.values?.[0] ?? '' });
    });
  } catch (e) {
    out.error = e instanceof Error ? e.message : String(e);
  }
  return out;
}

export function termMatches(t: CompiledTerm, node: NodeLike): boolean {
  if (t.empty || t.error !== undefined) return false;
  if (t.labels && !t.labels.matches(node.labels)) return false;
  for (const f of t.fields) {
    if (f.op === 'In' ? node.name !== f.name : node.name === f.name) return false;
  }
  return true;
}

/** The pod's hard placement rules: nodeSelector AND (any required term). */
export interface RequiredNodeAffinity {
  selector: Selector | undefined;
  /** undefined when the pod has no required node affinity; [] matches nothing. */
  terms: CompiledTerm[] | undefined;
}

export interface PreferredTerm {
  weight: number;
  term: CompiledTerm;
}

type PodSpec = NonNullable<Stored<Pod>['spec']>;

export function requiredNodeAffinity(spec: PodSpec | undefined): RequiredNodeAffinity {
  const ns = spec?.nodeSelector;
  const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    selector: ns && Object.keys(ns).length ? selectorFromSet(ns) : undefined,
    terms: required ? (required.nodeSelectorTerms ?? []).map(compileTerm) : undefined,
  };
}

export function matchesRequired(r: RequiredNodeAffinity, node: NodeLike): boolean {
  if (r.selector && !r.selector.matches(node.labels)) return false;
  if (r.terms && !r.terms.some((t) => termMatches(t, node))) return false;
  return true;
}

/** Preferred terms with weight 0 are dropped, as NewPreferredSchedulingTerms does. */
export function preferredTerms(spec: PodSpec | undefined): PreferredTerm[] {
  const terms: readonly PreferredSchedulingTerm[] = spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  return terms.filter((t) => t.weight !== 0).map((t) => ({ weight: t.weight, term: compileTerm(t.preference) }));
}

/**
 * NodeAffinity PreFilter: when every required term pins `metadata.name In [...]`, only those nodes
 * are worth filtering (DaemonSet pods use this). Returns undefined when all nodes are eligible, and
 * an empty set when the terms contradict each other.
 */
export function nodeNamesFromAffinity(spec: PodSpec | undefined): Set<string> | undefined {
  const terms = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return undefined;
  let names: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
    }
    if (!termNames) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}
