import type { KubeObject } from '../../engine/api/types';
import type { Change, CheckContext, Lesson } from '../types';
import { controlledBy, goal, isRunningReady, matches, plural, podStatus, pods, ranKubectl, statusSummary } from '../checks';
import type { PodObj, ReplicaSetObj } from '../checks';

const RS = ['rs', 'replicaset', 'replicasets', 'replicaset.apps', 'replicasets.apps'];

/** The lesson's ReplicaSet: `web` from rs.yaml, or the learner's own if they renamed it. */
const theRS = (ctx: CheckContext): ReplicaSetObj | undefined => ctx.get<ReplicaSetObj>('ReplicaSet', 'default', 'web') ?? ctx.list<ReplicaSetObj>('ReplicaSet', 'default')[0];

/** Its Pods now, not being deleted. */
const owned = (ctx: CheckContext, rs: ReplicaSetObj | undefined): PodObj[] => (rs ? pods(ctx).filter((p) => controlledBy(p, rs)) : []);

/** Whether a set of labels matches the ReplicaSet's selector (its matchLabels). */
const selects = (rs: ReplicaSetObj, labels: Record<string, string> | undefined): boolean => matches(labels, rs.spec?.selector?.matchLabels ?? {});

/** Pod changes since the step began, each with its index in the history (to tell what came after what). */
const podChanges = (ctx: CheckContext): Array<{ i: number; c: Change }> => ctx.changes.map((c, i) => ({ i, c })).filter(({ c }) => c.kind === 'Pod');

/** Indexes of the history at which one of the ReplicaSet's Pods began (or finished) being deleted. */
const deletionsOf = (ctx: CheckContext, rs: ReplicaSetObj): number[] =>
  podChanges(ctx)
    .filter(({ c }) => controlledBy(c.object, rs) && (c.type === 'DELETED' || (c.object.metadata.deletionTimestamp && !c.old?.metadata.deletionTimestamp)))
    .map(({ i }) => i);

/** Pods the ReplicaSet created after history index `after`, by uid. */
const createdAfter = (ctx: CheckContext, rs: ReplicaSetObj, after: number): Set<string> =>
  new Set(
    podChanges(ctx)
      .filter(({ i, c }) => i > after && c.type === 'ADDED' && controlledBy(c.object, rs))
      .map(({ c }) => c.object.metadata.uid ?? ''),
  );

/** "3 of 3 Running and ready". */
const readiness = (ctx: CheckContext, rs: ReplicaSetObj): string => {
  const list = owned(ctx, rs);
  return `now: ${list.filter(isRunningReady).length} of ${rs.spec?.replicas ?? 1} wanted are Running and ready (${statusSummary(list)})`;
};

/** The ReplicaSet has exactly the Pods it wants, every one Running and ready. */
const settled = (ctx: CheckContext, rs: ReplicaSetObj): boolean => {
  const list = owned(ctx, rs);
  return list.length === (rs.spec?.replicas ?? 1) && list.every(isRunningReady);
};

const scaled = (ctx: CheckContext, rs: ReplicaSetObj, up: boolean): boolean =>
  ctx.changes.some((c) => {
    if (c.kind !== 'ReplicaSet' || c.type !== 'MODIFIED' || c.object.metadata.uid !== rs.metadata.uid) return false;
    const before = (c.old as ReplicaSetObj | undefined)?.spec?.replicas ?? 1;
    const after = (c.object as ReplicaSetObj).spec?.replicas ?? 1;
    return up ? after > before : after < before;
  });

const noRS = (text: string) => [goal(text, false, 'there is no ReplicaSet: apply rs.yaml again')];

export const lesson: Lesson = {
  id: 'replicasets',
  title: 'ReplicaSets and self-healing',
  level: 'beginner',
  minutes: 12,
  concepts: ['ReplicaSet', 'replicas', 'selector', 'pod template', 'replicaset-controller', 'self-healing', 'kubectl scale', 'ownerReferences', 'adoption', 'orphan'],
  steps: [
    {
      id: 'create',
      files: ['rs.yaml'],
      check: (ctx) => {
        const made = ctx.changes.find((c) => c.kind === 'ReplicaSet' && c.type === 'ADDED' && c.object.metadata.namespace === 'default');
        const rs = made && ctx.get<ReplicaSetObj>('ReplicaSet', 'default', made.object.metadata.name);
        return [
          goal('You created a ReplicaSet: kubectl apply -f rs.yaml', rs !== undefined, 'no ReplicaSet yet'),
          goal('Its Pods are all Running and ready', rs !== undefined && settled(ctx, rs), rs ? readiness(ctx, rs) : undefined),
          goal('You listed it: kubectl get rs', ranKubectl(ctx, 'get', RS)),
        ];
      },
      focus: (ctx) => {
        const rs = theRS(ctx);
        return rs ? [rs, ...owned(ctx, rs)] : [];
      },
    },
    {
      id: 'self-heal',
      check: (ctx) => {
        const rs = theRS(ctx);
        if (!rs) return noRS('Delete one of the ReplicaSet\u2019s Pods');
        const dels = deletionsOf(ctx, rs);
        const fresh = dels.length ? createdAfter(ctx, rs, dels[0]!) : new Set<string>();
        const replacements = owned(ctx, rs).filter((p) => fresh.has(p.metadata.uid ?? ''));
        return [
          goal("You deleted one of the ReplicaSet's Pods", dels.length > 0, 'no Pod of web deleted yet'),
          goal('The ReplicaSet created a replacement, and it is Running', replacements.some(isRunningReady), replacements.length ? `now: ${replacements.map((p) => `${p.metadata.name} is ${podStatus(p)}`).join(', ')}` : undefined),
        ];
      },
      focus: (ctx) => {
        const rs = theRS(ctx);
        return rs ? [rs, ...owned(ctx, rs)] : [];
      },
    },
    {
      id: 'scale',
      check: (ctx) => {
        const rs = theRS(ctx);
        if (!rs) return noRS('Scale the ReplicaSet up, then back down to 3');
        return [
          goal('You scaled it up: kubectl scale rs web --replicas=5', scaled(ctx, rs, true), `now: ${plural(rs.spec?.replicas ?? 1, 'replica')} wanted`),
          goal('You scaled it back down to 3: kubectl scale rs web --replicas=3', scaled(ctx, rs, false) && rs.spec?.replicas === 3, `now: ${plural(rs.spec?.replicas ?? 1, 'replica')} wanted`),
          goal('It has exactly 3 Pods, all Running and ready', rs.spec?.replicas === 3 && settled(ctx, rs), readiness(ctx, rs)),
        ];
      },
      focus: (ctx) => {
        const rs = theRS(ctx);
        return rs ? [rs, ...owned(ctx, rs)] : [];
      },
    },
    {
      id: 'orphan',
      check: (ctx) => {
        const rs = theRS(ctx);
        if (!rs) return noRS("Relabel one of the ReplicaSet's Pods");
        const moved = podChanges(ctx).filter(({ c }) => c.type === 'MODIFIED' && c.old && controlledBy(c.old, rs) && selects(rs, c.old.metadata.labels) && !selects(rs, c.object.metadata.labels));
        const uids = new Set(moved.map(({ c }) => c.object.metadata.uid ?? ''));
        const orphans = pods(ctx).filter((p) => uids.has(p.metadata.uid ?? ''));
        const fresh = moved.length ? createdAfter(ctx, rs, moved[0]!.i) : new Set<string>();
        const released = orphans.filter((p) => !controlledBy(p, rs) && isRunningReady(p));
        return [
          goal("You changed a Pod's app label so the selector no longer matches it", moved.length > 0, 'no Pod relabelled yet: kubectl label pod NAME app=debug --overwrite'),
          goal('The ReplicaSet let it go, and it keeps running', released.length > 0, orphans.length ? `now: ${orphans.map((p) => `${p.metadata.name} is ${podStatus(p)}`).join(', ')}` : undefined),
          goal('It created a new Pod to get back to 3, all Running', fresh.size > 0 && settled(ctx, rs), readiness(ctx, rs)),
        ];
      },
      focus: (ctx) => {
        const rs = theRS(ctx);
        return rs ? [rs, ...pods(ctx)] : [];
      },
    },
    {
      id: 'adopt',
      files: ['extra.yaml'],
      check: (ctx) => {
        const rs = theRS(ctx);
        if (!rs) return noRS('Create a Pod that matches the selector');
        const bare = podChanges(ctx).filter(({ c }) => c.type === 'ADDED' && !c.object.metadata.ownerReferences?.length && selects(rs, c.object.metadata.labels));
        const uids = new Set(bare.map(({ c }) => c.object.metadata.uid ?? ''));
        const adopted = podChanges(ctx).some(({ c }) => uids.has(c.object.metadata.uid ?? '') && controlledBy(c.object, rs));
        const trimmed = bare.length > 0 && deletionsOf(ctx, rs).some((i) => i > bare[0]!.i);
        const names = [...new Set(bare.map(({ c }) => c.object.metadata.name))].join(', ');
        return [
          goal('You created a Pod of your own labelled app=web: kubectl apply -f extra.yaml', bare.length > 0, 'no new Pod with the label app=web yet'),
          goal('The ReplicaSet adopted it: it became its owner', adopted, names ? `${names} has no owner yet` : undefined),
          goal('It had one Pod too many, so it deleted one and is back to 3', trimmed && settled(ctx, rs), readiness(ctx, rs)),
        ];
      },
      focus: (ctx) => {
        const rs = theRS(ctx);
        return rs ? [rs, ...pods(ctx)] : ([] as KubeObject[]);
      },
    },
  ],
};
