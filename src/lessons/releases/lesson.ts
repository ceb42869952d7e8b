import type { CheckContext, Goal, Lesson } from '../types';
import { changes, goal, isRunningReady, pods, simCurls, statusSummary } from '../checks';
import type { DeploymentObj, PodObj, ServiceObj } from '../checks';

const APP = { app: 'web' };
const BLUE = { app: 'web', version: 'blue' };
const GREEN = { app: 'web', version: 'green' };
type Version = 'blue' | 'green';

/** Services of the default namespace that select the app (their selector has app=web). */
const appServices = (ctx: CheckContext): ServiceObj[] => ctx.list<ServiceObj>('Service', 'default').filter((s) => s.spec?.selector?.app === 'web');

const selectorOf = (s: ServiceObj | undefined): Record<string, string> => s?.spec?.selector ?? {};

const selectorText = (s: ServiceObj | undefined): string =>
  Object.entries(selectorOf(s))
    .map(([k, v]) => `${k}=${v}`)
    .join(',') || 'none';

/** Every pod's version label by name, including pods deleted since the step began (a curl may name them). */
function versions(ctx: CheckContext): Map<string, string | undefined> {
  const m = new Map<string, string | undefined>();
  for (const c of changes(ctx, 'Pod')) m.set(c.object.metadata.name, c.object.metadata.labels?.version);
  for (const p of ctx.list<PodObj>('Pod', 'default')) m.set(p.metadata.name, p.metadata.labels?.version);
  return m;
}

/** Each `sim curl` of this step that a pod answered: when it ran, and the version of every answer. */
function curls(ctx: CheckContext): Array<{ at: number; answers: Array<string | undefined> }> {
  const v = versions(ctx);
  return simCurls(ctx)
    .filter((c) => c.ok)
    .map((c) => ({ at: c.command.at, answers: [...c.command.output.matchAll(/^(\S+): [23]\d\d\b/gm)].map((m) => v.get(m[1]!)) }));
}

/** Goal: a `sim curl` run at or after `since` got at least `n` answers, every one from `version`. */
function allFrom(ctx: CheckContext, version: Version, since: number | undefined, n: number, text: string): Goal {
  const after = since === undefined ? [] : curls(ctx).filter((c) => c.at >= since);
  const good = after.some((c) => c.answers.length >= n && c.answers.every((a) => a === version));
  const last = after.at(-1);
  const now = since === undefined ? undefined : last ? `last answers: ${summarise(last.answers)}` : `sim curl http://web --count ${Math.max(n, 8)}`;
  return goal(text, good, now);
}

function summarise(answers: Array<string | undefined>): string {
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(a ?? 'other', (counts.get(a ?? 'other') ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}

/** When (since the step began) a Service of the app got a selector that passes `test` from one that did not. */
function selectorChangedAt(ctx: CheckContext, from: (sel: Record<string, string>) => boolean, to: (sel: Record<string, string>) => boolean): number | undefined {
  const c = changes(ctx, 'Service', 'MODIFIED').find((c) => from(selectorOf(c.old as ServiceObj)) && to(selectorOf(c.object as ServiceObj)) && selectorOf(c.object as ServiceObj).app === 'web');
  return c?.at;
}

const selects = (version: Version) => (sel: Record<string, string>) => sel.version === version;
const selectsBoth = (sel: Record<string, string>) => sel.app === 'web' && sel.version === undefined;

/** Goal: `n` (or at least `n`) pods carry `labels`, all Running and ready. */
function versionRunning(ctx: CheckContext, labels: Record<string, string>, n: number, text: string, atLeast = false): Goal {
  const list = pods(ctx, labels);
  const ready = list.filter(isRunningReady).length;
  return goal(text, atLeast ? ready >= n && ready === list.length : ready === n && list.length === n, `now: ${statusSummary(list)}`);
}

/** The app's Deployment whose template carries `version`. */
const deploymentOf = (ctx: CheckContext, version: Version): DeploymentObj | undefined =>
  ctx.list<DeploymentObj>('Deployment', 'default').find((d) => d.spec?.template?.metadata?.labels?.app === 'web' && d.spec.template.metadata.labels.version === version);

/** When the first pod of `labels` turned Running and ready since the step began (use where none ran before). */
function firstReadyAt(ctx: CheckContext, labels: Record<string, string>): number | undefined {
  return changes(ctx, 'Pod').find((c) => c.type !== 'DELETED' && isRunningReady(c.object as PodObj) && Object.entries(labels).every(([k, v]) => c.object.metadata.labels?.[k] === v))?.at;
}

export const lesson: Lesson = {
  id: 'releases',
  title: 'Blue/green and canary releases',
  level: 'advanced',
  minutes: 12,
  concepts: ['blue/green deployment', 'canary release', 'Service selector', 'labels', 'endpoints', 'rollback', 'traffic splitting', 'kube-proxy'],
  steps: [
    {
      id: 'blue',
      files: ['blue.yaml', 'service.yaml'],
      check: (ctx) => {
        const svc = appServices(ctx).find((s) => selects('blue')(selectorOf(s)));
        const ready = firstReadyAt(ctx, BLUE);
        return [
          versionRunning(ctx, BLUE, 3, '3 blue Pods (version=blue) are Running and ready'),
          goal('The Service web selects app=web,version=blue', svc !== undefined, appServices(ctx).length ? `now: its selector is ${selectorText(appServices(ctx)[0])}` : 'kubectl apply -f service.yaml'),
          allFrom(ctx, 'blue', ready, 1, 'sim curl http://web is answered by blue'),
        ];
      },
      focus: (ctx) => [...appServices(ctx), ...pods(ctx, APP)],
    },
    {
      id: 'green',
      files: ['green.yaml'],
      check: (ctx) => [
        versionRunning(ctx, GREEN, 3, '3 green Pods (version=green) are Running and ready'),
        allFrom(ctx, 'blue', firstReadyAt(ctx, GREEN), 4, 'With green running, sim curl --count 8 still reaches only blue'),
      ],
      focus: (ctx) => [...appServices(ctx), ...pods(ctx, APP)],
    },
    {
      id: 'switch',
      files: ['service.yaml'],
      check: (ctx) => {
        const at = selectorChangedAt(ctx, selects('blue'), selects('green'));
        return [
          goal('The Service switched its selector from version=blue to version=green', at !== undefined, `now: the selector is ${selectorText(appServices(ctx)[0])}`),
          allFrom(ctx, 'green', at, 4, 'After the switch, sim curl --count 8 reaches only green'),
        ];
      },
      focus: (ctx) => [...appServices(ctx), ...pods(ctx, GREEN)],
    },
    {
      id: 'rollback',
      files: ['service.yaml'],
      check: (ctx) => {
        const at = selectorChangedAt(ctx, selects('green'), selects('blue'));
        return [
          goal('The Service switched back to version=blue', at !== undefined, `now: the selector is ${selectorText(appServices(ctx)[0])}`),
          allFrom(ctx, 'blue', at, 4, 'After the rollback, sim curl --count 8 reaches only blue'),
        ];
      },
      focus: (ctx) => [...appServices(ctx), ...pods(ctx, BLUE)],
    },
    {
      id: 'canary',
      files: ['service.yaml'],
      check: (ctx) => {
        const at = selectorChangedAt(ctx, (s) => s.version !== undefined, selectsBoth);
        const mixed = at !== undefined && curls(ctx).filter((c) => c.at >= at);
        const both = mixed ? mixed.flatMap((c) => c.answers) : [];
        const svc = appServices(ctx)[0];
        return [
          versionRunning(ctx, BLUE, 3, 'Blue (stable) still runs 3 Pods'),
          versionRunning(ctx, GREEN, 1, 'Green (the canary) runs 1 Pod'),
          goal('The Service selects only app=web, so both versions get traffic', at !== undefined && selectsBoth(selectorOf(svc)), `now: the selector is ${selectorText(svc)}`),
          goal(
            'sim curl --count 8 got answers from both versions',
            both.includes('blue') && both.includes('green'),
            at === undefined ? undefined : both.length ? `answers so far: ${summarise(both)}; curl again` : 'sim curl http://web --count 8',
          ),
        ];
      },
      focus: (ctx) => [...appServices(ctx), ...pods(ctx, APP)],
    },
    {
      id: 'promote',
      check: (ctx) => {
        const blue = deploymentOf(ctx, 'blue');
        // Blue retired: scaled to 0, or its Deployment deleted.
        const retiredAt = changes(ctx, 'Deployment').find(
          (c) => c.object.metadata.name === (blue?.metadata.name ?? 'web-blue') && (c.type === 'DELETED' || (c.object as DeploymentObj).spec?.replicas === 0),
        )?.at;
        const leftovers = pods(ctx, BLUE);
        return [
          versionRunning(ctx, GREEN, 3, 'Green runs at least 3 Pods, all Running and ready', true),
          goal('Blue is scaled to 0 and its Pods are gone', retiredAt !== undefined && (blue?.spec?.replicas ?? 0) === 0 && leftovers.length === 0, blue?.spec?.replicas ? `now: blue wants ${blue.spec.replicas}` : leftovers.length ? `now: ${statusSummary(leftovers)} left` : undefined),
          allFrom(ctx, 'green', retiredAt, 4, 'Then sim curl --count 8 reaches only green'),
        ];
      },
      focus: (ctx) => [...appServices(ctx), ...pods(ctx, APP)],
    },
  ],
};
