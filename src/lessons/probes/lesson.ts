import type { Endpoints } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types';
import type { CheckContext, Lesson } from '../types';
import { changes, created, deploymentComplete, goal, isReady, kubectlArgs, kubectlCommands, podEverShowed, pods, podStatus, ran, ranKubectl, readEvents, restarts, simCurls, statusSummary } from '../checks';
import type { PodObj } from '../checks';

const APP = { app: 'web' };
const PODS = ['pods', 'pod', 'po'];

type EndpointsObj = KubeObject & Endpoints;

/** When the first event with `reason` whose message contains `text` was recorded this step. */
function firstEventAt(ctx: CheckContext, reason: string, text: string): number | undefined {
  const at = changes(ctx, 'Event')
    .filter((c) => c.type !== 'DELETED' && (c.object as { reason?: string }).reason === reason && ((c.object as { message?: string }).message ?? '').includes(text))
    .map((c) => c.at);
  return at.length ? Math.min(...at) : undefined;
}

/** Ready addresses of the Service web's Endpoints. */
function readyEndpoints(ctx: CheckContext): number {
  const ep = ctx.get<EndpointsObj>('Endpoints', 'default', 'web');
  return (ep?.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
}

/** Pods created since the step began that still exist. */
function newPods(ctx: CheckContext): PodObj[] {
  const names = new Set(created(ctx, 'Pod').map((p) => p.metadata.name));
  return pods(ctx).filter((p) => names.has(p.metadata.name));
}

export const lesson: Lesson = {
  id: 'probes',
  title: 'Health checks: readiness and liveness',
  level: 'intermediate',
  minutes: 12,
  concepts: ['readiness probe', 'liveness probe', 'Endpoints', 'restartCount', 'CrashLoopBackOff', 'back-off', 'kubectl logs --previous'],
  steps: [
    {
      id: 'not-ready',
      files: ['web.yaml'],
      check: (ctx) => {
        const list = pods(ctx, APP);
        const failedAt = firstEventAt(ctx, 'Unhealthy', 'Readiness probe failed');
        const notReady = list.some((p) => p.status?.phase === 'Running' && !isReady(p));
        const endpoints =
          ranKubectl(ctx, 'get', ['endpoints', 'ep']) ||
          ranKubectl(ctx, 'describe', ['endpoints', 'ep', 'services', 'service', 'svc']) ||
          simCurls(ctx).some((c) => c.host === 'web' || c.host.startsWith('web.'));
        return [
          goal('Pods labelled app=web are Running but not ready (READY 0/1)', notReady && failedAt !== undefined, `now: ${statusSummary(list)}`),
          goal("You found why in the Pod's events: kubectl describe pod", failedAt !== undefined && readEvents(ctx, failedAt), failedAt === undefined ? 'no readiness probe has failed yet' : undefined),
          goal('You checked the Service web for endpoints: kubectl get endpoints web', endpoints),
        ];
      },
      focus: (ctx) => [...pods(ctx, APP), ...ctx.list('Service', 'default').filter((s) => s.metadata.name === 'web')],
    },
    {
      id: 'fix-readiness',
      files: ['web-fixed.yaml'],
      check: (ctx) => {
        const rolled = changes(ctx, 'Deployment', 'MODIFIED').some(
          (c) => c.object.metadata.name === 'web' && JSON.stringify((c.old as { spec?: { template?: unknown } } | undefined)?.spec?.template) !== JSON.stringify((c.object as { spec?: { template?: unknown } }).spec?.template),
        );
        const n = readyEndpoints(ctx);
        return [
          goal("You changed the Deployment's readiness probe and applied it", rolled, 'edit the path in web.yaml, then kubectl apply -f web.yaml'),
          deploymentComplete(ctx, 'web', 2),
          goal('The Service web has 2 ready endpoints', rolled && n === 2, `now: ${n} ready`),
          goal('sim curl http://web gets an answer', simCurls(ctx).some((c) => c.ok && (c.host === 'web' || c.host.startsWith('web.')))),
        ];
      },
      focus: (ctx) => pods(ctx, APP),
    },
    {
      id: 'liveness',
      files: ['liveness.yaml'],
      check: (ctx) => {
        const killedAt = firstEventAt(ctx, 'Killing', 'failed liveness probe');
        const restarted = pods(ctx).filter((p) => restarts(p) > 0 && p.spec?.containers.some((c) => c.livenessProbe));
        const watched = ran(ctx, (w) => w[0] === 'kubectl' && w.includes('get') && w.some((a) => PODS.includes(a) || a.startsWith('pod/')) && (w.includes('-w') || w.includes('--watch'))).length > 0;
        const looked = killedAt !== undefined && (readEvents(ctx, killedAt) || watched || ran(ctx, (w, c) => c.at >= killedAt && w[0] === 'kubectl' && w.includes('get') && w.some((a) => PODS.includes(a))).length > 0);
        const probed = pods(ctx).filter((p) => p.spec?.containers.some((c) => c.livenessProbe));
        return [
          goal('A liveness probe failed and the kubelet restarted the container', killedAt !== undefined && restarted.length > 0, probed.length ? `now: ${probed.map((p) => `${p.metadata.name} is ${podStatus(p)}, ${restarts(p)} restarts`).join('; ')}` : 'no Pod with a liveness probe yet'),
          goal('You saw it: RESTARTS in kubectl get pods, or the events in kubectl describe pod', looked),
        ];
      },
      focus: (ctx) => pods(ctx).filter((p) => p.spec?.containers.some((c) => c.livenessProbe)),
    },
    {
      id: 'crashloop',
      check: (ctx) => {
        const mine = newPods(ctx);
        const names = new Set(mine.map((p) => p.metadata.name));
        const looping = podEverShowed(ctx, 'CrashLoopBackOff', (p) => names.has(p.metadata.name));
        const most = Math.max(0, ...mine.map(restarts));
        const logs = kubectlCommands(ctx, 'logs').some((c) => (c.words.includes('--previous') || c.words.includes('-p') || c.words.includes('--previous=true')) && kubectlArgs(c.words).some((a) => names.has(a) || [...names].some((n) => a === `pod/${n}` || a === `pods/${n}` || a === `po/${n}`)));
        return [
          goal('A new Pod whose container keeps exiting went into CrashLoopBackOff', looping, mine.length ? `now: ${mine.map((p) => `${p.metadata.name} is ${podStatus(p)}`).join(', ')}` : 'no new Pod yet'),
          goal('The kubelet restarted it at least 3 times, waiting longer each time', most >= 3, `now: ${most} restarts`),
          goal("You read the crashed container's last words: kubectl logs POD --previous", logs),
        ];
      },
      focus: (ctx) => newPods(ctx),
    },
  ],
};
