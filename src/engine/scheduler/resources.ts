import type { Container, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../apimachinery/quantity';
import type { Stored } from '../api/types';

/**
 * What a pod asks of a node, in the integer units the scheduler compares: millicores for cpu,
 * bytes for memory and ephemeral storage, plain counts for extended resources (`nvidia.com/gpu`).
 * Mirrors component-helpers `resource.PodRequests` and the scheduler's `framework.Resource`.
 */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources, hugepages and attachable volumes; absent when there are none. */
  scalar?: Map<string, number>;
}

/** The requests scoring assumes for a container that states none (k/k pkg/scheduler/util/pod_resources.go). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export type PodSpec = NonNullable<Stored<Pod>['spec']>;
type ResourceList = Readonly<Record<string, string | number>> | undefined;

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0 };
}

// Quantities repeat endlessly ("100m", "128Mi"): parse each distinct text once.
const milliCache = new Map<string, number>();
const valueCache = new Map<string, number>();

/** Quantity.MilliValue of a resource list entry; unparsable text counts as zero (validation rejects it upstream). */
export function milliValueOf(q: string | number): number {
  const text = String(q);
  let v = milliCache.get(text);
  if (v === undefined) {
    try {
      v = parseQuantity(text).milliValue();
    } catch {
      v = 0;
    }
    if (milliCache.size < 10_000) milliCache.set(text, v);
  }
  return v;
}

/** Quantity.Value (rounded up to an integer). */
export function valueOf(q: string | number): number {
  const text = String(q);
  let v = valueCache.get(text);
  if (v === undefined) {
    try {
      v = parseQuantity(text).value();
    } catch {
      v = 0;
    }
    if (valueCache.size < 10_000) valueCache.set(text, v);
  }
  return v;
}

/**
 * v1helper.IsScalarResourceName: extended resources (`nvidia.com/gpu`), prefixed native ones
 * (`kubernetes.io/...`), hugepages-* and attachable-volumes-*.
 */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  return name.includes('/') && !name.startsWith('requests.');
}

/** A ResourceList as a Resource: cpu in millicores, the rest as integer values. */
export function resourceFromList(list: ResourceList): Resource {
  const r = emptyResource();
  if (!list) return r;
  for (const name of Object.keys(list).sort()) {
    const q = list[name];
    if (q === undefined) continue;
    if (name === 'cpu') r.milliCPU = milliValueOf(q);
    else if (name === 'memory') r.memory = valueOf(q);
    else if (name === 'ephemeral-storage') r.ephemeralStorage = valueOf(q);
    else if (isScalarResourceName(name)) (r.scalar ??= new Map()).set(name, valueOf(q));
  }
  return r;
}

function add(into: Resource, r: Resource): void {
  into.milliCPU += r.milliCPU;
  into.memory += r.memory;
  into.ephemeralStorage += r.ephemeralStorage;
  if (r.scalar) for (const [k, v] of r.scalar) (into.scalar ??= new Map()).set(k, (into.scalar.get(k) ?? 0) + v);
}

function max(into: Resource, r: Resource): void {
  into.milliCPU = Math.max(into.milliCPU, r.milliCPU);
  into.memory = Math.max(into.memory, r.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, r.ephemeralStorage);
  if (r.scalar) for (const [k, v] of r.scalar) (into.scalar ??= new Map()).set(k, Math.max(into.scalar.get(k) ?? 0, v));
}

function copy(r: Resource): Resource {
  return { milliCPU: r.milliCPU, memory: r.memory, ephemeralStorage: r.ephemeralStorage, ...(r.scalar ? { scalar: new Map(r.scalar) } : {}) };
}

function containerRequests(c: Container, nonZero: boolean): Resource {
  const req = c.resources?.requests as ResourceList;
  const r = resourceFromList(req);
  if (nonZero) {
    if (req?.cpu === undefined) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (req?.memory === undefined) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/**
 * resource.PodRequests: regular containers run together, so their requests add up; init containers
 * run one at a time before them, so the pod needs the larger of the two. Sidecars (init containers
 * with restartPolicy Always) keep running, so they add to everything after them. Overhead is added
 * on top. With `nonZero`, containers without a cpu or memory request count as 100m / 200Mi, as the
 * scheduler's scoring does so that request-less pods still spread.
 */
export function podRequests(spec: PodSpec | undefined, nonZero = false): Resource {
  const reqs = emptyResource();
  if (!spec) return reqs;
  for (const c of spec.containers ?? []) add(reqs, containerRequests(c as Container, nonZero));
  const sidecars = emptyResource();
  const initMax = emptyResource();
  for (const c of spec.initContainers ?? []) {
    const r = containerRequests(c as Container, nonZero);
    if ((c as Container).restartPolicy === 'Always') {
      add(sidecars, r);
      max(initMax, sidecars);
    } else {
      const tmp = copy(r);
      add(tmp, sidecars);
      max(initMax, tmp);
    }
  }
  add(reqs, sidecars);
  max(reqs, initMax);
  if (spec.overhead) add(reqs, resourceFromList(spec.overhead as ResourceList));
  return reqs;
}

export function isZeroResource(r: Resource): boolean {
  if (r.milliCPU !== 0 || r.memory !== 0 || r.ephemeralStorage !== 0) return false;
  if (r.scalar) for (const v of r.scalar.values()) if (v !== 0) return false;
  return true;
}
