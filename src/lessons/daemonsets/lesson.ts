import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types';
import type { Change, CheckContext, Lesson } from '../types';
import { allNamespaces, changes, commandNamespace, goal, imageOf, isRunningReady, kubectlArgs, kubectlCommands, plural, podStatus, ran } from '../checks';
import type { PodObj } from '../checks';

type DaemonSetObj = KubeObject & DaemonSet;
type NodeObj = KubeObject & Node;

const WORKERS = ['node-1', 'node-2', 'node-3'];
const CONTROL_PLANE = 'control-plane';
const DS = ['daemonsets', 'daemonset', 'ds', 'daemonsets.apps', 'daemonset.apps'];
const PODS = ['pods', 'pod', 'po'];

/** Whether `o` is controlled by a DaemonSet (any DaemonSet, or the one with `uid`). */
const daemonOwned = (o: KubeObject, uid?: string): boolean => o.metadata.ownerReferences?.some((r) => r.controller === true && r.kind === 'DaemonSet' && (uid === undefined || r.uid === uid)) ?? false;

/** The learner's DaemonSets: those in `default`. */
const mySets = (ctx: CheckContext): DaemonSetObj[] => ctx.list<DaemonSetObj>('DaemonSet', 'default').filter((d) => !d.metadata.deletionTimestamp);

/** The live Pods of a DaemonSet (or of every DaemonSet in `default`). */
function daemonPods(ctx: CheckContext, ds?: DaemonSetObj): PodObj[] {
  return ctx.list<PodObj>('Pod', 'default').filter((p) => !p.metadata.deletionTimestamp && daemonOwned(p, ds?.metadata.uid));
}

/** The node a daemon Pod is for: its nodeName once bound, else the node its affinity names. */
function targetNode(p: PodObj): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  for (const t of p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.values?.length) return f.values[0];
  }
  return undefined;
}

/** "node-1: Running, node-2: ContainerCreating", in node order. */
function placement(list: readonly PodObj[]): string {
  if (list.length === 0) return 'no Pods';
  return [...list]
    .sort((a, b) => ((targetNode(a) ?? '') < (targetNode(b) ?? '') ? -1 : 1))
    .map((p) => `${targetNode(p) ?? 'no node'}: ${podStatus(p)}`)
    .join(', ');
}

/** A DaemonSet's rollout is done: every node that should run it has an updated, available Pod. */
function rolledOut(d: DaemonSetObj): boolean {
  const s = d.status;
  if (!s) return false;
  return (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) && s.desiredNumberScheduled > 0 && s.updatedNumberScheduled === s.desiredNumberScheduled && s.numberAvailable === s.desiredNumberScheduled && s.currentNumberScheduled === s.desiredNumberScheduled;
}

const counts = (d: DaemonSetObj): string => {
  const s = d.status;
  return `now: ${s?.desiredNumberScheduled ?? 0} desired, ${s?.updatedNumberScheduled ?? 0} up to date, ${s?.numberAvailable ?? 0} available`;
};

/** A successful command whose output has a line matching `line`. */
const saw = (ctx: CheckContext, line: RegExp): boolean => ran(ctx, (_w, c) => c.output.split('\n').some((l) => line.test(l))).length > 0;

const unschedulable = (n: KubeObject | undefined): boolean => (n as NodeObj | undefined)?.spec?.unschedulable === true;

/** Whether a Pod change is the start of its deletion (a grace period begins, or it is gone at once). */
const deletionStarted = (c: Change, seen: Set<string>): boolean => {
  if (c.kind !== 'Pod' || seen.has(c.object.metadata.uid ?? c.object.metadata.name)) return false;
  return c.type === 'DELETED' || (!!c.object.metadata.deletionTimestamp && !c.old?.metadata.deletionTimestamp);
};

/**
 * Reads the step's history in write order: nodes cordoned, daemon Pods deleted on a node while it was
 * cordoned, and the daemon Pods created for that node afterwards while it was still cordoned.
 */
function cordonStory(ctx: CheckContext): { cordoned: string[]; deletedOn: string[]; replacements: Array<{ node: string; name: string; namespace: string }> } {
  const state = new Map<string, boolean>();
  const cordoned = new Set<string>();
  const deletedOn = new Set<string>();
  const replacements: Array<{ node: string; name: string; namespace: string }> = [];
  const seen = new Set<string>();
  for (const c of ctx.changes) {
    if (c.kind === 'Node' && c.type === 'MODIFIED') {
      state.set(c.object.metadata.name, unschedulable(c.object));
      if (!unschedulable(c.old) && unschedulable(c.object)) cordoned.add(c.object.metadata.name);
      continue;
    }
    if (c.kind !== 'Pod' || !daemonOwned(c.object)) continue;
    const node = targetNode(c.object as PodObj);
    if (!node) continue;
    if (deletionStarted(c, seen)) {
      seen.add(c.object.metadata.uid ?? c.object.metadata.name);
      if (state.get(node) === true && cordoned.has(node)) deletedOn.add(node);
    } else if (c.type === 'ADDED' && deletedOn.has(node) && state.get(node) === true) {
      replacements.push({ node, name: c.object.metadata.name, namespace: c.object.metadata.namespace ?? 'default' });
    }
  }
  return { cordoned: [...cordoned], deletedOn: [...deletedOn], replacements };
}

/** DaemonSets whose first container image changed this step: the change and the new image. */
function imageChanges(ctx: CheckContext): Array<{ at: number; uid: string; image: string }> {
  return changes(ctx, 'DaemonSet', 'MODIFIED')
    .filter((c) => imageOf((c.old as DaemonSetObj | undefined)?.spec?.template.spec) !== imageOf((c.object as DaemonSetObj).spec?.template.spec))
    .map((c) => ({ at: c.at, uid: c.object.metadata.uid ?? '', image: imageOf((c.object as DaemonSetObj).spec?.template.spec) ?? '' }));
}

const nodes = (ctx: CheckContext) => ctx.list<NodeObj>('Node');

export const lesson: Lesson = {
  id: 'daemonsets',
  title: 'DaemonSets: one Pod on every node',
  level: 'intermediate',
  minutes: 10,
  concepts: ['DaemonSet', 'DaemonSet controller', 'node agent', 'kube-proxy', 'log shipper', 'tolerations', 'control-plane taint', 'node affinity', 'cordon', 'rolling update', 'maxUnavailable', 'kubectl rollout status'],
  steps: [
    {
      id: 'kube-proxy',
      check: (ctx) => {
        const listed =
          kubectlCommands(ctx, 'get', DS).some((c) => (commandNamespace(c) === 'kube-system' || allNamespaces(c)) && /^(kube-system\s+)?kube-proxy\s+\d/m.test(c.output)) ||
          kubectlCommands(ctx, 'describe', DS).some((c) => /^Name:\s+kube-proxy$/m.test(c.output));
        return [
          goal("You listed kube-system's DaemonSets: kubectl get ds -n kube-system", listed),
          goal('You saw which node each kube-proxy Pod runs on: kubectl get pods -n kube-system -o wide', saw(ctx, /^(kube-system\s+)?kube-proxy-\S+\s.*\scontrol-plane\s/), 'the NODE column appears with -o wide'),
        ];
      },
      focus: (ctx) => [...ctx.list<PodObj>('Pod', 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy'), ...nodes(ctx)],
    },
    {
      id: 'create',
      files: ['log-agent.yaml'],
      check: (ctx) => {
        const sets = mySets(ctx);
        const best = sets.find((d) => WORKERS.every((n) => daemonPods(ctx, d).some((p) => targetNode(p) === n && isRunningReady(p)))) ?? sets[0];
        const list = best ? daemonPods(ctx, best) : [];
        const onEach = !!best && WORKERS.every((n) => list.filter((p) => targetNode(p) === n).length === 1 && list.some((p) => targetNode(p) === n && isRunningReady(p)));
        const prefix = best ? `${best.metadata.name}-` : undefined;
        const looked = !!prefix && saw(ctx, new RegExp(`^(default\\s+)?${prefix}\\S+\\s.*\\snode-\\d\\s`));
        return [
          goal('A DaemonSet runs one Pod, Running and ready, on each worker: node-1, node-2 and node-3', onEach, best ? `now: ${placement(list)}` : 'no DaemonSet in default yet: kubectl apply -f log-agent.yaml'),
          goal('You saw which node each of its Pods runs on: kubectl get pods -o wide', looked, 'the NODE column appears with -o wide'),
        ];
      },
      focus: (ctx) => [...daemonPods(ctx), ...nodes(ctx)],
    },
    {
      id: 'control-plane',
      files: ['log-agent-cp.yaml'],
      check: (ctx) => {
        // A Pod of the learner's DaemonSet on the control plane: nothing in `default` runs there unless
        // the learner added the toleration (in this step, or already in the previous one).
        const onCp = daemonPods(ctx).filter((p) => targetNode(p) === CONTROL_PLANE);
        const owner = mySets(ctx).find((d) => onCp.some((p) => daemonOwned(p, d.metadata.uid)));
        const all = nodes(ctx).length;
        return [
          goal(`A Pod of your DaemonSet runs on the ${CONTROL_PLANE} node`, onCp.some(isRunningReady), onCp.length ? `now: ${placement(onCp)}` : 'no Pod on the control plane: apply log-agent-cp.yaml'),
          goal(
            `The DaemonSet has an up-to-date, available Pod on all ${all} nodes (DESIRED ${all}, UP-TO-DATE ${all}, AVAILABLE ${all})`,
            !!owner && rolledOut(owner) && owner.status?.desiredNumberScheduled === all,
            owner ? counts(owner) : undefined,
          ),
        ];
      },
      focus: (ctx) => [...daemonPods(ctx), ...nodes(ctx)],
    },
    {
      id: 'pinned',
      check: (ctx) => {
        const readAffinity = ran(ctx, (w, c) => w[0] === 'kubectl' && /\bmatchFields\b/.test(c.output) && /\bmetadata\.name\b/.test(c.output)).length > 0;
        const story = cordonStory(ctx);
        const back = story.replacements
          .map((r) => ctx.get<PodObj>('Pod', r.namespace, r.name))
          .filter((p): p is PodObj => !!p && !p.metadata.deletionTimestamp);
        const node = story.deletedOn[0] ?? story.cordoned[0];
        const running = back.filter(isRunningReady);
        const seen = running.some((p) => saw(ctx, new RegExp(`^(\\S+\\s+)?${p.metadata.name}\\s.*\\s${p.spec?.nodeName}\\s`)));
        const still = story.cordoned.filter((n) => unschedulable(ctx.get('Node', undefined, n)));
        return [
          goal("You read a daemon Pod's node affinity: kubectl get pods -l app=log-agent -o yaml", readAffinity, 'look for affinity: nodeAffinity: ... matchFields'),
          goal('You cordoned a node: kubectl cordon node-2', story.cordoned.length > 0),
          goal(
            `You deleted the daemon Pod on ${node ?? 'the cordoned node'}, and a new one runs there anyway`,
            running.length > 0,
            back.length ? `now: ${placement(back)}` : story.deletedOn.length ? 'waiting for the DaemonSet controller to create its replacement' : story.cordoned.length ? `delete the Pod on ${node}: kubectl delete pod -l app=log-agent --field-selector spec.nodeName=${node}` : undefined,
          ),
          goal(`You saw the new Pod on ${node ?? 'that node'}: kubectl get pods -l app=log-agent -o wide`, seen, 'the NODE column appears with -o wide'),
          goal(`You uncordoned ${story.cordoned.join(', ') || 'the node'} again: kubectl uncordon ${story.cordoned[0] ?? 'node-2'}`, story.cordoned.length > 0 && still.length === 0, still.length ? `now: ${still.join(', ')} is SchedulingDisabled` : undefined),
        ];
      },
      focus: (ctx) => [...daemonPods(ctx), ...nodes(ctx).filter((n) => WORKERS.includes(n.metadata.name))],
    },
    {
      id: 'update',
      check: (ctx) => {
        const changed = imageChanges(ctx);
        const last = changed.at(-1);
        const d = last ? mySets(ctx).find((s) => s.metadata.uid === last.uid) : undefined;
        const done = !!d && !!last && imageOf(d.spec?.template.spec) === last.image && rolledOut(d);
        const watched = [...kubectlCommands(ctx, 'rollout', DS).filter((c) => kubectlArgs(c.words)[1] === 'status'), ...kubectlCommands(ctx, 'get', [...DS, ...PODS]), ...kubectlCommands(ctx, 'describe', DS)];
        const followed = !!last && watched.some((c) => c.at >= last.at);
        const list = d ? daemonPods(ctx, d) : [];
        const stale = list.filter((p) => imageOf(p.spec) !== last?.image);
        return [
          goal("You changed your DaemonSet's image: kubectl set image ds/log-agent agent=busybox:1.37", !!last && !!d, last && !d ? 'that DaemonSet is gone' : undefined),
          goal(
            'The rollout finished: every node runs an updated, available Pod',
            done,
            d ? `${counts(d)}${stale.length ? `; ${plural(stale.length, 'Pod')} still on the old image` : ''}` : undefined,
          ),
          goal('You followed the rollout: kubectl rollout status ds/log-agent', followed),
        ];
      },
      focus: (ctx) => [...daemonPods(ctx), ...nodes(ctx)],
    },
  ],
};
