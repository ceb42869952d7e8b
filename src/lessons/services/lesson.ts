import type { Endpoints } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types';
import type { CheckContext, Command, Lesson } from '../types';
import { changes, created, goal, kubectlArgs, matches, pods, ran, ranKubectl, simCurls } from '../checks';
import type { PodObj, ServiceObj } from '../checks';

type EndpointsObj = KubeObject & Endpoints;

const APP = { app: 'echo' };
const SERVICES = ['services', 'service', 'svc'];
const ENDPOINTS = ['endpoints', 'ep'];

const inDefault = (o: KubeObject) => (o.metadata.namespace ?? 'default') === 'default';
const service = (ctx: CheckContext, name: string) => ctx.get<ServiceObj>('Service', 'default', name);
const endpoints = (ctx: CheckContext, name: string) => ctx.get<EndpointsObj>('Endpoints', 'default', name);

const readyIPs = (ep: KubeObject | undefined): string[] => ((ep as EndpointsObj | undefined)?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));

/** The names a client in `default` can give a Service, and its cluster IP. */
function namesOf(ctx: CheckContext, name: string): string[] {
  const full = `${name}.default.svc.cluster.local`;
  const ip = service(ctx, name)?.spec?.clusterIP;
  return [name, `${name}.default`, `${name}.default.svc`, full, `${full}.`, ...(ip ? [ip] : [])];
}

/** `sim curl`s to Service `name` on its port 80. */
const curlsTo = (ctx: CheckContext, name: string) => simCurls(ctx).filter((c) => namesOf(ctx, name).includes(c.host) && c.port === 80);

/** The pods `sim curl` says answered: each answer line reads `POD: STATUS BODY`. */
const answeredBy = (c: Command): string[] => [...c.output.matchAll(/^(\S+): \d{3}\b/gm)].map((m) => m[1]!);

/** A kubectl command that shows a Service's endpoints: get/describe endpoints, or describe service. */
const showsEndpoints = (w: readonly string[]) => {
  if (w[0] !== 'kubectl') return false;
  const args = kubectlArgs(w);
  const kinds = args.slice(1).flatMap((a) => a.split('/')[0]!.split(','));
  return (args[0] === 'get' && kinds.some((k) => ENDPOINTS.includes(k))) || (args[0] === 'describe' && kinds.some((k) => ENDPOINTS.includes(k) || SERVICES.includes(k)));
};

/**
 * Whether a listing of endpoints shows `ip` out of the ready ones: under notReadyAddresses when it
 * lists those (describe, -o yaml), or not at all (the table, describe service). A listing taken the same
 * instant as a crash, but before it, still shows the address as ready.
 */
function showsOut(output: string, ip: string): boolean {
  const notReady = /notReadyAddresses/i.exec(output);
  return notReady ? output.indexOf(ip, notReady.index) >= 0 : !output.includes(ip);
}

/** Pods of your own: labelled app=echo and not made by a controller. */
const ownPods = (ctx: CheckContext): PodObj[] => pods(ctx, APP).filter((p) => !p.metadata.ownerReferences?.length);

/** Times an address left echo's ready endpoints, and when it came back (undefined while still out). */
function outages(ctx: CheckContext): Array<{ ip: string; from: number; to: number | undefined }> {
  const out: Array<{ ip: string; from: number; to: number | undefined }> = [];
  for (const c of changes(ctx, 'Endpoints').filter((x) => x.object.metadata.name === 'echo' && inDefault(x.object))) {
    const now = readyIPs(c.object);
    for (const o of out) if (o.to === undefined && now.includes(o.ip)) o.to = c.at;
    for (const ip of readyIPs(c.old)) if (!now.includes(ip) && !out.some((o) => o.ip === ip && o.to === undefined)) out.push({ ip, from: c.at, to: undefined });
  }
  return out;
}

/** Pods of echo whose container stopped since the step began (a crash, not a deletion). */
function crashed(ctx: CheckContext): string[] {
  return changes(ctx, 'Pod', 'MODIFIED')
    .filter((c) => matches(c.object.metadata.labels, APP) && !c.object.metadata.deletionTimestamp)
    .filter((c) => {
      const before = new Map(((c.old as PodObj | undefined)?.status?.containerStatuses ?? []).map((s) => [s.name, s]));
      return ((c.object as PodObj).status?.containerStatuses ?? []).some((s) => (s.restartCount ?? 0) > (before.get(s.name)?.restartCount ?? 0) || (s.state?.terminated && !before.get(s.name)?.state?.terminated));
    })
    .map((c) => c.object.metadata.name);
}

const selectsEcho = (ctx: CheckContext, svc: ServiceObj | undefined) => {
  const sel = svc?.spec?.selector;
  return sel !== undefined && Object.keys(sel).length > 0 && pods(ctx, APP).some((p) => matches(p.metadata.labels, sel));
};

/** Service `name` and the pods it selects now. */
const serviceAndPods = (name: string) => (ctx: CheckContext): KubeObject[] => {
  const svc = service(ctx, name);
  const sel = svc?.spec?.selector;
  return [...(svc ? [svc] : []), ...(sel && Object.keys(sel).length ? pods(ctx).filter((p) => matches(p.metadata.labels, sel)) : [])];
};

export const lesson: Lesson = {
  id: 'services',
  title: 'Services and discovery',
  level: 'intermediate',
  minutes: 14,
  concepts: ['Service', 'ClusterIP', 'selector', 'Endpoints', 'endpoints controller', 'kube-proxy', 'cluster DNS', 'CoreDNS', 'readiness', 'connection refused'],
  cluster: { setup: 'setup.sh' },
  steps: [
    {
      id: 'expose',
      files: ['echo-service.yaml'],
      check: (ctx) => {
        const svc = service(ctx, 'echo');
        const made = created(ctx, 'Service', (o) => o.metadata.name === 'echo' && inDefault(o)).length > 0;
        const ports = svc?.spec?.ports ?? [];
        const forwards = ports.some((p) => p.port === 80 && String(p.targetPort ?? p.port) === '5678');
        const looked = ranKubectl(ctx, 'get', SERVICES) || ranKubectl(ctx, 'describe', SERVICES);
        return [
          goal('You created a Service named echo', made, svc ? 'echo exists, but was not created in this step' : 'no Service named echo yet'),
          goal('It selects the echo Pods (app=echo)', made && selectsEcho(ctx, svc), svc ? `now: its selector is ${JSON.stringify(svc.spec?.selector ?? {})}` : undefined),
          goal("It takes port 80 and forwards to the Pods' port 5678", made && forwards, svc ? `now: ${ports.map((p) => `${p.port} → ${String(p.targetPort ?? p.port)}`).join(', ') || 'no ports'}` : undefined),
          goal('You read its CLUSTER-IP (kubectl get svc echo)', looked, 'run kubectl get svc echo'),
        ];
      },
      focus: serviceAndPods('echo'),
    },
    {
      id: 'endpoints',
      check: (ctx) => {
        const mine = ownPods(ctx).filter((p) => created(ctx, 'Pod', (o) => o.metadata.uid === p.metadata.uid).length > 0);
        const ips = mine.map((p) => p.status?.podIP).filter((ip): ip is string => !!ip);
        const joined = ips.filter((ip) => readyIPs(endpoints(ctx, 'echo')).includes(ip));
        const saw = joined.length > 0 && ran(ctx, (w, c) => showsEndpoints(w) && joined.some((ip) => c.output.includes(ip))).length > 0;
        return [
          goal('You started a Pod of your own labelled app=echo', mine.length > 0, 'run kubectl run extra --image=hashicorp/http-echo:1.0 --labels=app=echo -- -text="hello from extra"'),
          goal("It joined echo's endpoints once it was ready", joined.length > 0, mine.length ? 'not yet: it is still starting' : undefined),
          goal('You saw its IP in the endpoints (kubectl get endpoints echo)', saw, joined.length ? 'run kubectl get endpoints echo' : undefined),
        ];
      },
      focus: serviceAndPods('echo'),
    },
    {
      id: 'curl',
      check: (ctx) => {
        const curls = curlsTo(ctx, 'echo');
        const who = [...new Set(curls.flatMap((c) => answeredBy(c.command)))];
        const full = curls.some((c) => c.ok && c.host.startsWith('echo.default.svc.cluster.local'));
        return [
          goal('Requests to http://echo were answered by at least 2 different Pods', who.length >= 2, who.length ? `now: answered by ${who.join(', ')}; send more with --count 6` : 'run sim curl http://echo --count 6'),
          goal('You reached echo by its full DNS name, echo.default.svc.cluster.local', full, 'run sim curl http://echo.default.svc.cluster.local'),
        ];
      },
      focus: serviceAndPods('echo'),
    },
    {
      id: 'not-ready',
      check: (ctx) => {
        const down = crashed(ctx);
        const out = outages(ctx);
        const looked = out.some((o) => ran(ctx, (w, c) => showsEndpoints(w) && c.at >= o.from && (o.to === undefined || c.at < o.to) && showsOut(c.output, o.ip)).length > 0);
        const back = out.some((o) => o.to !== undefined);
        return [
          goal('A Pod behind echo crashed (sim crash POD)', down.length > 0, 'run sim crash with one of the Pods from kubectl get pods -l app=echo'),
          goal("Its address left echo's ready endpoints", out.length > 0, down.length ? 'not yet' : undefined),
          goal('You listed the endpoints while it was out (kubectl describe endpoints echo)', looked, back ? 'it came back before you looked: press Pause, crash it again, then run kubectl describe endpoints echo' : undefined),
          goal('It came back once its container ran again', back, out.length ? 'not yet: press Play if the clock is paused' : undefined),
        ];
      },
      focus: serviceAndPods('echo'),
    },
    {
      id: 'no-endpoints',
      files: ['front.yaml'],
      check: (ctx) => {
        const curls = curlsTo(ctx, 'front');
        const refusals = curls.filter((c) => /^curl: \(7\)/m.test(c.command.output));
        const refused = refusals.length > 0;
        const svc = service(ctx, 'front');
        const matchesNow = selectsEcho(ctx, svc);
        const fixes = changes(ctx, 'Service').filter(
          (c) => c.type !== 'DELETED' && c.object.metadata.name === 'front' && inDefault(c.object) && selectsEcho(ctx, c.object as ServiceObj) && !selectsEcho(ctx, c.old as ServiceObj | undefined) && refused && c.at >= refusals[0]!.command.at,
        );
        const fixed = fixes.length > 0 && matchesNow;
        const fixedAt = fixes.length ? fixes[fixes.length - 1]!.at : Infinity;
        const answers = fixed && curls.some((c) => c.ok && c.command.at >= fixedAt);
        return [
          goal(
            'A request to front was refused: no Pod matches its selector',
            refused,
            !svc ? 'apply front.yaml as it is, then run sim curl http://front' : matchesNow ? 'front already selects the echo Pods: to see a refusal, set its selector back to app: ehco and apply it' : 'run sim curl http://front',
          ),
          goal("You fixed front's selector so that it matches the echo Pods", fixed, svc ? `now: its selector is ${JSON.stringify(svc.spec?.selector ?? {})}` : undefined),
          goal('front answers now (sim curl http://front)', answers, fixed ? 'run sim curl http://front' : undefined),
        ];
      },
      focus: serviceAndPods('front'),
    },
  ],
};
