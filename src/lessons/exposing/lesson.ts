import type { Node } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types';
import type { CheckContext, Lesson } from '../types';
import { changes, goal, matches, pods, podsRunning, ran, ranKubectl, simCurls } from '../checks';
import type { ServiceObj } from '../checks';

const APP = { app: 'web' };
const PODS = ['pods', 'pod', 'po'];
const SERVICES = ['services', 'service', 'svc'];

type NodeObj = KubeObject & Node;

/** Whether a kubectl command asked for the wide table: `-o wide`, `-owide`, `-o=wide`, `--output=wide`. */
const wide = (w: string[]) => w.some((a, i) => a === '-owide' || a === '-o=wide' || a === '--output=wide' || ((a === '-o' || a === '--output') && w[i + 1] === 'wide'));

/** Each node's InternalIP. */
function nodeIPs(ctx: CheckContext): Map<string, string> {
  const ips = new Map<string, string>();
  for (const n of ctx.list<NodeObj>('Node')) {
    const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    if (ip) ips.set(ip, n.metadata.name);
  }
  return ips;
}

/** Services of the default namespace that send traffic to the app's pods and open a port on the nodes. */
function exposing(ctx: CheckContext, type?: 'NodePort' | 'LoadBalancer'): ServiceObj[] {
  return ctx
    .list<ServiceObj>('Service', 'default')
    .filter((s) => (type ? s.spec?.type === type : s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer') && s.spec?.selector && matches(APP, s.spec.selector));
}

const nodePorts = (list: ServiceObj[]) => new Set(list.flatMap((s) => (s.spec?.ports ?? []).map((p) => p.nodePort ?? 0).filter((p) => p > 0)));

/** Services changed in this step so that they are now of `type` and select the app's pods. */
function madeType(ctx: CheckContext, type: string): ServiceObj[] {
  return changes(ctx, 'Service')
    .filter((c) => c.type !== 'DELETED')
    .map((c) => c.object as ServiceObj)
    .filter((s) => s.spec?.type === type && s.spec.selector !== undefined && matches(APP, s.spec.selector) && (s.metadata.namespace ?? 'default') === 'default');
}

/** Successful `sim curl`s to a node's IP on one of `ports`, with the node they went to. */
function nodeCurls(ctx: CheckContext, ports: Set<number>): string[] {
  const ips = nodeIPs(ctx);
  return simCurls(ctx)
    .filter((c) => c.ok && ips.has(c.host) && ports.has(c.port))
    .map((c) => ips.get(c.host)!);
}

/** Nodes (name and IP) that run none of the app's pods. */
function nodesWithoutApp(ctx: CheckContext): string[] {
  const busy = new Set(pods(ctx, APP).map((p) => p.spec?.nodeName));
  return [...nodeIPs(ctx)].filter(([, name]) => !busy.has(name)).map(([ip, name]) => `${name} (${ip})`);
}

export const lesson: Lesson = {
  id: 'exposing',
  title: 'Exposing an app: NodePort and LoadBalancer',
  level: 'intermediate',
  minutes: 10,
  concepts: ['NodePort', 'LoadBalancer', 'kube-proxy', 'node IP', 'EXTERNAL-IP pending', 'cloud controller', 'Ingress'],
  steps: [
    {
      id: 'deploy',
      check: (ctx) => {
        const looked = ran(ctx, (w) => w[0] === 'kubectl' && w.includes('get') && w.some((a) => PODS.includes(a)) && wide(w)).length > 0;
        return [podsRunning(ctx, APP, 2), goal('You saw which node each Pod runs on: kubectl get pods -o wide', looked, 'the NODE column appears with -o wide')];
      },
      focus: (ctx) => pods(ctx, APP),
    },
    {
      id: 'nodeport',
      files: ['web-service.yaml'],
      check: (ctx) => {
        const made = madeType(ctx, 'NodePort');
        const looked = ranKubectl(ctx, 'get', SERVICES) || ranKubectl(ctx, 'describe', SERVICES);
        const now = exposing(ctx);
        return [
          goal('A NodePort Service sends traffic to the app=web Pods', made.length > 0 && exposing(ctx, 'NodePort').length > 0, now.length ? `now: ${now.map((s) => `${s.metadata.name} is ${s.spec?.type}`).join(', ')}` : 'no NodePort Service selects app=web yet'),
          goal('You read its ports with kubectl get svc', looked, 'PORT(S) shows port:nodePort/TCP'),
        ];
      },
      focus: (ctx) => [...exposing(ctx), ...pods(ctx, APP)],
    },
    {
      id: 'curl-node',
      check: (ctx) => {
        const ports = nodePorts(exposing(ctx));
        const reached = nodeCurls(ctx, ports);
        const idle = nodesWithoutApp(ctx).map((n) => n.split(' ')[0]!);
        const portText = ports.size ? [...ports].join(' or ') : 'the nodePort';
        return [
          goal("You reached the app at a node's IP and the Service's nodePort with sim curl", reached.length > 0, `try sim curl http://NODE-IP:${portText}, with an INTERNAL-IP from kubectl get nodes -o wide`),
          goal('You reached it through a node that runs none of its Pods', reached.some((n) => idle.includes(n)), idle.length ? `no web Pod runs on ${nodesWithoutApp(ctx).join(', ')}` : undefined),
        ];
      },
      focus: (ctx) => [...ctx.list('Node'), ...exposing(ctx)],
    },
    {
      id: 'loadbalancer',
      files: ['web-lb.yaml'],
      check: (ctx) => {
        const made = madeType(ctx, 'LoadBalancer');
        const lbs = exposing(ctx, 'LoadBalancer');
        const since = Math.min(...changes(ctx, 'Service').filter((c) => c.type !== 'DELETED' && (c.object as ServiceObj).spec?.type === 'LoadBalancer').map((c) => c.at));
        const looked = ran(ctx, (w, c) => c.at >= since && w[0] === 'kubectl' && (w.includes('get') || w.includes('describe')) && w.some((a) => SERVICES.includes(a) || SERVICES.some((s) => a.startsWith(s + '/')))).length > 0;
        const reached = nodeCurls(ctx, nodePorts(lbs));
        return [
          goal('A Service of type LoadBalancer sends traffic to the app=web Pods', made.length > 0 && lbs.length > 0, 'apply web-lb.yaml'),
          goal('You looked at its EXTERNAL-IP with kubectl get svc', looked && lbs.length > 0),
          goal("It still answers on its nodePort: sim curl a node's IP and that port", reached.length > 0 && lbs.length > 0, lbs.length ? `its nodePort is ${[...nodePorts(lbs)].join(', ')}` : undefined),
        ];
      },
      focus: (ctx) => exposing(ctx),
    },
  ],
};
