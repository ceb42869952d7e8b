import type { Container, PodSpec } from 'kubernetes-types/core/v1';

/**
 * The resource arithmetic the kubelet needs for admission and QoS: pod requests (the larger of the sum
 * of app containers and the largest init container), and the QoS class. Quantities are parsed to plain
 * numbers: millicores for cpu, bytes (units) for everything else.
 */
const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The value of a Quantity in base units (cores, bytes); NaN when it does not parse. */
export function quantityValue(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return q;
  const m = /^([+-]?[0-9.]+)(?:[eE]([+-]?[0-9]+))?([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return Number.NaN;
  const mult = SUFFIX[m[3] ?? ''];
  if (mult === undefined) return Number.NaN;
  return Number(m[1]) * 10 ** Number(m[2] ?? 0) * mult;
}

/** cpu in millicores, rounded up as Quantity.MilliValue does. */
export function milliValue(q: string | number | undefined): number {
  return Math.ceil(Math.round(quantityValue(q) * 1e6) / 1e3);
}

export interface Requests {
  cpu: number; // millicores
  memory: number; // bytes
}

function containerRequests(c: Container): Requests {
  const req = c.resources?.requests ?? {};
  const lim = c.resources?.limits ?? {};
  // The API server defaults requests to limits; the kubelet repeats it for objects that skipped defaulting.
  return {
    cpu: milliValue(req.cpu ?? lim.cpu),
    memory: Math.ceil(quantityValue(req.memory ?? lim.memory)),
  };
}

/** resourcehelper.PodRequests: max(sum of containers, each init container). */
export function podRequests(spec: PodSpec): Requests {
  const sum: Requests = { cpu: 0, memory: 0 };
  for (const c of spec.containers ?? []) {
    const r = containerRequests(c);
    sum.cpu += r.cpu;
    sum.memory += r.memory;
  }
  for (const c of spec.initContainers ?? []) {
    const r = containerRequests(c);
    sum.cpu = Math.max(sum.cpu, r.cpu);
    sum.memory = Math.max(sum.memory, r.memory);
  }
  return sum;
}

/** v1qos.GetPodQOS. */
export function podQOS(spec: PodSpec): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      const rq = req[r] ?? lim[r];
      const lm = lim[r];
      if ((rq !== undefined && quantityValue(rq) !== 0) || (lm !== undefined && quantityValue(lm) !== 0)) any = true;
      if (lm === undefined || rq === undefined || quantityValue(rq) !== quantityValue(lm)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
