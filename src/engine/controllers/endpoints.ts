import type { Pod } from 'kubernetes-types/core/v1';
import type { EndpointAddress, EndpointPort, EndpointSubset, Service } from 'kubernetes-types/core/v1';
import { isStatusError } from '../api/errors';
import type { KubeObject, Stored } from '../api/types';
import { clone, deepEqual, keyOf } from '../api/types';
import type { ClusterContext } from '../cluster';
import { byNamespace } from './runtime';

/**
 * The endpoints controller (k/k pkg/controller/endpoint): for every Service with a selector it keeps an
 * Endpoints object of the same name listing the pods behind it: ready pods in `addresses`, the others in
 * `notReadyAddresses` (unless publishNotReadyAddresses), terminal, IP-less and terminating pods left out
 * (ShouldPodBeInEndpoints). Named target ports resolve against each pod's container ports.
 */
type StoredService = Stored<Service>;
type StoredPod = Stored<Pod>;

export function startEndpointsController(ctx: ClusterContext): void {
  const { api, informers, trace } = ctx;
  const services = informers.for<StoredService & KubeObject>('Service');
  const pods = informers.for<StoredPod & KubeObject>('Pod');
  const endpoints = informers.for('Endpoints');
  services.addIndexer('namespace', byNamespace);
  pods.addIndexer('namespace', byNamespace);

  const queue = ctx.manager.register({ name: 'endpoint-controller', reconcile });
  services.addEventHandler({
    add: (s) => queue.add(keyOf(s)),
    update: (_o, s) => queue.add(keyOf(s)),
    delete: (s) => queue.add(keyOf(s)),
  });
  // A pod change matters to the services (old and new labels) that select it.
  const podChanged = (p: StoredPod & KubeObject) => {
    for (const s of services.byIndex('namespace', p.metadata.namespace ?? '')) {
      if (selects(s, p)) queue.add(keyOf(s));
    }
  };
  pods.addEventHandler({
    add: podChanged,
    update: (o, n) => {
      if (o.metadata.labels !== n.metadata.labels) podChanged(o);
      podChanged(n);
    },
    delete: podChanged,
  });
  endpoints.addEventHandler({ delete: (e) => queue.add(keyOf(e)) });

  function reconcile(key: string): void {
    const svc = services.get(key);
    const [namespace, name] = key.split('/') as [string, string];
    if (!svc) {
      // The Endpoints go with their Service (managed ones only: the `kubernetes` one is the API server's).
      const ep = endpoints.get(key);
      if (ep && key !== 'default/kubernetes') ignoreNotFound(() => api.delete('Endpoints', namespace, name, { user: 'endpoint-controller' }));
      return;
    }
    const selector = svc.spec?.selector;
    if (!selector || Object.keys(selector).length === 0) return; // no selector: the user manages Endpoints
    const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
    const subsets = new Map<string, EndpointSubset>();
    let ready = 0;
    let notReady = 0;
    for (const pod of pods.byIndex('namespace', namespace)) {
      if (!selects(svc, pod) || !shouldBeInEndpoints(pod, publishNotReady)) continue;
      const ports = resolvePorts(svc, pod);
      const headless = svc.spec?.clusterIP === 'None';
      if (ports.length === 0 && !headless) continue;
      const addr: EndpointAddress = {
        ip: pod.status!.podIP!,
        // ShouldSetHostname: the pod names itself and sits in this Service's subdomain.
        ...(pod.spec?.hostname && pod.spec.subdomain === name ? { hostname: pod.spec.hostname } : {}),
        ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        targetRef: { kind: 'Pod', namespace, name: pod.metadata.name, uid: pod.metadata.uid },
      };
      const isReady = publishNotReady || isPodReady(pod);
      const sig = JSON.stringify(ports);
      const subset: EndpointSubset = subsets.get(sig) ?? { ...(ports.length ? { ports } : {}) };
      if (isReady) {
        subset.addresses = [...(subset.addresses ?? []), addr];
        ready++;
      } else {
        subset.notReadyAddresses = [...(subset.notReadyAddresses ?? []), addr];
        notReady++;
      }
      subsets.set(sig, subset);
    }
    const sorted = [...subsets.values()].map(sortSubset);
    const current = endpoints.get(key);
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (svc.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
    const desired = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace, ...(Object.keys(labels).length ? { labels } : {}) },
      ...(sorted.length ? { subsets: sorted } : {}),
    };
    if (current && deepEqual(current.subsets, desired.subsets) && deepEqual(current.metadata.labels, desired.metadata.labels)) return;
    trace.record({
      component: 'kube-controller-manager',
      actor: 'endpoint-controller',
      message: `service ${namespace}/${name}: ${ready} ready endpoint(s)${notReady ? `, ${notReady} not ready` : ''}`,
      ref: { kind: 'Service', namespace, name },
    });
    if (!current) {
      api.create(desired, { user: 'endpoint-controller' });
      return;
    }
    const next = clone(current);
    next.metadata.labels = desired.metadata.labels;
    if (!next.metadata.labels) delete next.metadata.labels;
    if (desired.subsets) next.subsets = desired.subsets;
    else delete next.subsets;
    api.update(next, { user: 'endpoint-controller' });
  }
}

function selects(svc: StoredService, pod: StoredPod): boolean {
  const sel = svc.spec?.selector;
  if (!sel || Object.keys(sel).length === 0) return false;
  const labels = pod.metadata.labels ?? {};
  for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) return false;
  return true;
}

/** endpointslice util ShouldPodBeInEndpoints. */
export function shouldBeInEndpoints(pod: StoredPod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

export function isPodReady(pod: { status?: { conditions?: ReadonlyArray<{ type: string; status: string }> } }): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Service ports with target ports resolved for this pod; a named port the pod lacks drops that port. */
function resolvePorts(svc: StoredService, pod: StoredPod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const target = sp.targetPort ?? sp.port;
    let port: number | undefined;
    if (typeof target === 'number') port = target;
    else if (/^\d+$/.test(target)) port = Number(target);
    else {
      for (const c of pod.spec?.containers ?? []) {
        const p = c.ports?.find((cp) => cp.name === target && (cp.protocol ?? 'TCP') === (sp.protocol ?? 'TCP'));
        if (p) {
          port = p.containerPort;
          break;
        }
      }
    }
    if (port === undefined) continue;
    out.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

function sortSubset(s: EndpointSubset): EndpointSubset {
  const byIp = (a: EndpointAddress, b: EndpointAddress) => compareIPs(a.ip, b.ip) || ((a.targetRef?.uid ?? '') < (b.targetRef?.uid ?? '') ? -1 : 1);
  return {
    ...(s.addresses ? { addresses: [...s.addresses].sort(byIp) } : {}),
    ...(s.notReadyAddresses ? { notReadyAddresses: [...s.notReadyAddresses].sort(byIp) } : {}),
    ...(s.ports ? { ports: s.ports } : {}),
  };
}

function compareIPs(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function ignoreNotFound(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!isStatusError(e, 'NotFound')) throw e;
  }
}
