import type { CheckContext, Command, Lesson } from '../types';
import { changes, created, deleted, flagValues, goal, kubectlCommands, plural, pods, terminationsStarted } from '../checks';
import type { PodObj } from '../checks';

const PODS = ['pods', 'pod', 'po'];

/** An operator of one requirement of a label selector, as `labels.Parse` reads it. */
type Op = '=' | '!=' | 'in' | 'notin' | 'exists' | '!exists';

/** The operator of each requirement of a selector string: `app=web,env in (a,b)` gives `=` and `in`. */
function requirements(selector: string): Op[] {
  const ops: Op[] = [];
  // Split on the commas between requirements, not those inside a value set.
  const reqs: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      reqs.push(cur);
      cur = '';
    } else cur += ch;
  }
  reqs.push(cur);
  for (const raw of reqs.map((r) => r.trim()).filter(Boolean)) {
    if (/^\S+\s+notin\s*\(/.test(raw)) ops.push('notin');
    else if (/^\S+\s+in\s*\(/.test(raw)) ops.push('in');
    else if (raw.includes('!=')) ops.push('!=');
    else if (raw.includes('=')) ops.push('=');
    else if (raw.startsWith('!')) ops.push('!exists');
    else ops.push('exists');
  }
  return ops;
}

/** The selectors given to successful `kubectl get pods -l ...` commands since the step began. */
const getSelectors = (ctx: CheckContext): string[] => kubectlCommands(ctx, 'get', PODS).flatMap((c) => flagValues(c.words, 'l', 'selector'));

/** Whether a `get pods` selector since the step began passes `test` on its requirements' operators. */
const usedSelector = (ctx: CheckContext, test: (ops: Op[]) => boolean): boolean => getSelectors(ctx).some((s) => test(requirements(s)));

/** Label edits since the step began: keys added, values changed, keys removed, on any Pod in `default`. */
function labelEdits(ctx: CheckContext): { added: string[]; changed: string[]; removed: string[] } {
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const c of changes(ctx, 'Pod', 'MODIFIED')) {
    if (c.object.metadata.namespace !== 'default' || !c.old) continue;
    const before = c.old.metadata.labels ?? {};
    const after = c.object.metadata.labels ?? {};
    const name = c.object.metadata.name;
    for (const k of Object.keys(after)) {
      if (!(k in before)) added.push(`${k} on ${name}`);
      else if (before[k] !== after[k]) changed.push(`${k} on ${name}`);
    }
    for (const k of Object.keys(before)) if (!(k in after)) removed.push(`${k} on ${name}`);
  }
  return { added, changed, removed };
}

/** Successful `kubectl delete pods -l ...` commands since the step began. */
const deletesBySelector = (ctx: CheckContext): Command[] => kubectlCommands(ctx, 'delete', PODS).filter((c) => flagValues(c.words, 'l', 'selector').length > 0);

/** Pods that carry both an `app` and an `env` label. */
const tagged = (p: PodObj): boolean => p.metadata.labels?.app !== undefined && p.metadata.labels?.env !== undefined;

export const lesson: Lesson = {
  id: 'labels',
  title: 'Labels and selectors',
  level: 'beginner',
  minutes: 10,
  concepts: ['labels', 'label selector', 'equality-based selector', 'set-based selector', 'kubectl label', '--show-labels', 'matchLabels'],
  steps: [
    {
      id: 'run',
      files: ['pods.yaml'],
      check: (ctx) => {
        const made = new Set(created(ctx, 'Pod', (o) => o.metadata.namespace === 'default').map((o) => o.metadata.uid));
        const mine = pods(ctx).filter((p) => made.has(p.metadata.uid) && tagged(p));
        const shown = kubectlCommands(ctx, 'get', PODS).some((c) => c.words.includes('--show-labels') || flagValues(c.words, 'L', 'label-columns').length > 0);
        return [
          goal('At least three Pods with app and env labels exist: kubectl apply -f pods.yaml', mine.length >= 3, `now: ${plural(mine.length, 'Pod')} with both labels`),
          goal('You listed them with their labels: --show-labels or -L', shown, 'add --show-labels (or -L app,env) to kubectl get pods'),
        ];
      },
      focus: (ctx) => pods(ctx),
    },
    {
      id: 'equality',
      check: (ctx) => [
        goal('You selected Pods by a label value: kubectl get pods -l app=web', usedSelector(ctx, (ops) => ops.includes('=')), 'use -l KEY=VALUE'),
        goal('You selected the Pods without that value: -l app!=web', usedSelector(ctx, (ops) => ops.includes('!=')), 'use -l KEY!=VALUE'),
        goal('You combined two requirements: -l tier=frontend,env=prod', usedSelector(ctx, (ops) => ops.length >= 2), 'separate the requirements with a comma'),
      ],
      focus: (ctx) => pods(ctx),
    },
    {
      id: 'sets',
      check: (ctx) => [
        goal("You selected Pods whose label is one of a set: -l 'env in (prod,staging)'", usedSelector(ctx, (ops) => ops.includes('in')), 'use -l \'KEY in (A,B)\''),
        goal("You selected Pods whose label is none of a set: -l 'env notin (prod)'", usedSelector(ctx, (ops) => ops.includes('notin')), 'use -l \'KEY notin (A)\''),
      ],
      focus: (ctx) => pods(ctx),
    },
    {
      id: 'relabel',
      check: (ctx) => {
        const e = labelEdits(ctx);
        return [
          goal('You added a label: kubectl label pods -l app=web team=blue', e.added.length > 0, 'no label added yet'),
          goal('You changed a label with --overwrite: web-dev is now env=staging', e.changed.length > 0, 'no label changed yet'),
          goal('You removed a label: kubectl label pod web-dev team-', e.removed.length > 0, 'no label removed yet'),
        ];
      },
      focus: (ctx) => pods(ctx),
    },
    {
      id: 'delete',
      check: (ctx) => {
        const gone = new Set([...deleted(ctx, 'Pod', (o) => o.metadata.namespace === 'default'), ...terminationsStarted(ctx, (p) => p.metadata.namespace === 'default')].map((o) => o.metadata.name));
        return [
          goal('You deleted Pods with a selector: kubectl delete pods -l env=staging', deletesBySelector(ctx).length > 0 && gone.size > 0, gone.size ? `deleted ${[...gone].join(', ')}, but not with -l` : 'no Pod deleted yet'),
        ];
      },
      focus: (ctx) => pods(ctx),
    },
  ],
};
