import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Event, Pod, Service } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../engine/api/types';
import { selectorFromSet } from '../engine/apimachinery/labels';
import { isPodReady } from '../engine/controllers/endpoints';
import { podSummary } from '../kubectl/printers/columns/pod';
import type { Change, CheckContext, Command, Goal } from './types';

/**
 * The vocabulary lesson checks are written in: small, pure readers of a CheckContext that answer in a
 * learner's words. A check is a list of goals; each goal says what is wanted and, when it is not met
 * yet, where the cluster is now.
 */
export type PodObj = KubeObject & Pod;
export type DeploymentObj = KubeObject & Deployment;
export type ReplicaSetObj = KubeObject & ReplicaSet;
export type ServiceObj = KubeObject & Service;
export type EventObj = KubeObject & Event;

export function goal(text: string, met: boolean, now?: string): Goal {
  return met || now === undefined ? { text, met } : { text, met, now };
}

/** `kubectl get pods`' STATUS column: Running, Pending, ContainerCreating, ImagePullBackOff, Terminating... */
export function podStatus(pod: PodObj): string {
  return podSummary(pod).reason;
}

/** The pod's Ready condition is True (what the endpoints controller goes by). */
export function isReady(pod: PodObj): boolean {
  return isPodReady(pod);
}

/** Running, every container ready, and not going away. */
export function isRunningReady(pod: PodObj): boolean {
  return !pod.metadata.deletionTimestamp && pod.status?.phase === 'Running' && isReady(pod);
}

/** `labels` satisfy an equality selector (a Service's `selector`, a `matchLabels`). */
export function matches(labels: Record<string, string> | undefined, selector: Record<string, string>): boolean {
  return selectorFromSet(selector).matches(labels);
}

/** Pods of a namespace (default `default`) whose labels include `selector`, not being deleted. */
export function pods(ctx: CheckContext, selector: Record<string, string> = {}, namespace = 'default'): PodObj[] {
  return ctx.list<PodObj>('Pod', namespace).filter((p) => !p.metadata.deletionTimestamp && matches(p.metadata.labels, selector));
}

/** "2 Running, 1 ContainerCreating", or "none". */
export function statusSummary(list: readonly PodObj[]): string {
  if (list.length === 0) return 'no Pods';
  const counts = new Map<string, number>();
  for (const p of list) counts.set(podStatus(p), (counts.get(podStatus(p)) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function selectorText(selector: Record<string, string>): string {
  return Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** Goal: exactly (or at least) `n` pods matching `selector` are Running and ready. */
export function podsRunning(ctx: CheckContext, selector: Record<string, string>, n: number, opts: { atLeast?: boolean; namespace?: string } = {}): Goal {
  const list = pods(ctx, selector, opts.namespace);
  const ready = list.filter(isRunningReady).length;
  const met = opts.atLeast ? ready >= n : ready === n && list.length === n;
  const what = `${opts.atLeast ? 'at least ' : ''}${plural(n, 'Pod')} labelled ${selectorText(selector)} ${n === 1 && !opts.atLeast ? 'is' : 'are'} Running and ready`;
  return goal(what, met, `now: ${statusSummary(list)}`);
}

export function deployment(ctx: CheckContext, name: string, namespace = 'default'): DeploymentObj | undefined {
  return ctx.get<DeploymentObj>('Deployment', namespace, name);
}

/** Goal: a Deployment's rollout is complete at `replicas` pods (the `rollout status` condition). */
export function deploymentComplete(ctx: CheckContext, name: string, replicas: number, namespace = 'default'): Goal {
  const d = deployment(ctx, name, namespace);
  const text = `Deployment ${name} has ${plural(replicas, 'replica')}, all updated and available`;
  if (!d) return goal(text, false, `there is no Deployment named ${name} yet`);
  const s = d.status ?? {};
  const met =
    d.spec?.replicas === replicas &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) &&
    s.updatedReplicas === replicas &&
    s.replicas === replicas &&
    s.availableReplicas === replicas;
  return goal(text, met, `now: ${d.spec?.replicas ?? 1} wanted, ${s.updatedReplicas ?? 0} updated, ${s.availableReplicas ?? 0} available`);
}

/** The first container's image of a pod template or pod spec. */
export function imageOf(spec: { containers?: Array<{ image?: string }> } | undefined): string | undefined {
  return spec?.containers?.[0]?.image;
}

/** Commands run since the step began that succeeded and pass `test`. */
export function ran(ctx: CheckContext, test: (words: string[], cmd: Command) => boolean): Command[] {
  return ctx.commands.filter((c) => c.exitCode === 0 && test(c.words, c));
}

/**
 * kubectl flags whose value is a separate word and never a resource or a name: the global ones (which
 * may come before the verb: `kubectl -n kube-system get pods`) and the common output and selector flags.
 */
const VALUE_FLAGS = new Set(['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--as', '--request-timeout', '-v', '--v', '-o', '--output', '-l', '--selector', '-L', '--label-columns', '-c', '--container', '--field-selector', '--sort-by']);

/**
 * A kubectl command's words without its flags: `kubectl -n demo get pods -o wide web` gives
 * `['get', 'pods', 'web']`, so the verb comes first. The values of flags not in VALUE_FLAGS stay.
 */
export function kubectlArgs(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') break;
    if (w.startsWith('-')) {
      if (VALUE_FLAGS.has(w)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

/** Whether one of `args` (after the verb) names one of `resources`: `pods`, `pod/web`, `pods,services`. */
function namesResource(args: readonly string[], resources: readonly string[]): boolean {
  return args.some((a) => resources.some((r) => a === r || a.startsWith(r + '/') || a.split(',').includes(r)));
}

/** `kubectl VERB RESOURCE...` ran successfully: `ranKubectl(ctx, 'get', ['pods', 'pod', 'po'])`. */
export function ranKubectl(ctx: CheckContext, verb: string, resources?: readonly string[]): boolean {
  return kubectlCommands(ctx, verb, resources).length > 0;
}

/** Changes of a kind since the step began, optionally of one type. */
export function changes(ctx: CheckContext, kind: string, type?: Change['type']): Change[] {
  return ctx.changes.filter((c) => c.kind === kind && (type === undefined || c.type === type));
}

/** Objects of a kind deleted since the step began (the final DELETE, not the start of a grace period). */
export function deleted(ctx: CheckContext, kind: string, test: (o: KubeObject) => boolean = () => true): KubeObject[] {
  return changes(ctx, kind, 'DELETED')
    .map((c) => c.object)
    .filter(test);
}

/** Objects of a kind created since the step began. */
export function created(ctx: CheckContext, kind: string, test: (o: KubeObject) => boolean = () => true): KubeObject[] {
  return changes(ctx, kind, 'ADDED')
    .map((c) => c.object)
    .filter(test);
}

/** Pods that began terminating (deletionTimestamp set) since the step began. */
export function terminationsStarted(ctx: CheckContext, test: (p: PodObj) => boolean = () => true): PodObj[] {
  return changes(ctx, 'Pod')
    .filter((c) => c.object.metadata.deletionTimestamp && (!c.old || !c.old.metadata.deletionTimestamp))
    .map((c) => c.object as PodObj)
    .filter(test);
}

/** Events recorded (or repeated) since the step began with one of `reasons`. */
export function eventsSince(ctx: CheckContext, reasons: readonly string[], test: (e: EventObj) => boolean = () => true): EventObj[] {
  return changes(ctx, 'Event')
    .filter((c) => c.type !== 'DELETED')
    .map((c) => c.object as EventObj)
    .filter((e) => reasons.includes(e.reason ?? '') && test(e));
}

/** Whether any pod matching `test` ever showed `status` (STATUS column) since the step began. */
export function podEverShowed(ctx: CheckContext, status: string, test: (p: PodObj) => boolean = () => true): boolean {
  return changes(ctx, 'Pod').some((c) => c.type !== 'DELETED' && test(c.object as PodObj) && podStatus(c.object as PodObj) === status);
}

/** A `sim curl URL` the learner ran: where it went, and whether a pod answered with a status below 400. */
export interface SimCurl {
  command: Command;
  /** As typed: a Service name or an IP. */
  host: string;
  /** The URL's port, 80 when it names none. */
  port: number;
  /** At least one request got an HTTP answer (2xx or 3xx). */
  ok: boolean;
}

/** The `sim curl` commands run since the step began, their URLs parsed (`http://` optional). */
export function simCurls(ctx: CheckContext): SimCurl[] {
  const out: SimCurl[] = [];
  for (const c of ctx.commands) {
    if (c.words[0] !== 'sim' || c.words[1] !== 'curl') continue;
    const url = c.words.slice(2).find((w, i, a) => !w.startsWith('-') && !(i > 0 && /^--?(count|n|namespace)$/.test(a[i - 1]!)));
    const m = url && /^(?:https?:\/\/)?([^/:?#]+)(?::(\d+))?/.exec(url);
    if (!m) continue;
    out.push({ command: c, host: m[1]!, port: m[2] ? Number(m[2]) : 80, ok: /^\S+: [23]\d\d\b/m.test(c.output) });
  }
  return out;
}

/**
 * The values a command gave a flag, in every spelling kubectl accepts: `-o wide`, `-owide`, `-o=wide`,
 * `--output wide`, `--output=wide`. `short` is the one-letter name, when the flag has one.
 */
export function flagValues(words: readonly string[], short: string | undefined, long: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') break;
    if (w === `--${long}` || (short !== undefined && w === `-${short}`)) {
      if (i + 1 < words.length) out.push(words[++i]!);
    } else if (w.startsWith(`--${long}=`)) out.push(w.slice(long.length + 3));
    else if (short !== undefined && !w.startsWith('--') && w.startsWith(`-${short}`)) out.push(w.slice(2).replace(/^=/, ''));
  }
  return out;
}

/** The namespace a kubectl command ran in: its last `-n`/`--namespace`, else `default`. */
export function commandNamespace(c: Command): string {
  return flagValues(c.words, 'n', 'namespace').at(-1) ?? 'default';
}

/** Whether a kubectl command asked for every namespace (`-A`, `--all-namespaces`). */
export function allNamespaces(c: Command): boolean {
  return c.words.some((w) => w === '-A' || w === '--all-namespaces' || w === '--all-namespaces=true');
}

/** Successful `kubectl VERB RESOURCE...` commands since the step began (see `ranKubectl`), to read their flags. */
export function kubectlCommands(ctx: CheckContext, verb: string, resources?: readonly string[]): Command[] {
  return ran(ctx, (w) => {
    if (w[0] !== 'kubectl') return false;
    const args = kubectlArgs(w);
    if (args[0] !== verb) return false;
    return !resources || namesResource(args.slice(1), resources);
  });
}

/** The RESTARTS column's number, as kubectl counts it (init and sidecar containers included). */
export function restarts(pod: PodObj): number {
  return podSummary(pod).restarts;
}

/** Whether `owner` controls `o`: `o` has an ownerReference to `owner`'s uid with `controller: true`. */
export function controlledBy(o: KubeObject, owner: KubeObject): boolean {
  return o.metadata.ownerReferences?.some((r) => r.controller === true && r.uid === owner.metadata.uid) ?? false;
}

/**
 * Whether the learner read events at or after `since` (simulated ms): `kubectl get events`,
 * `kubectl events`, or `kubectl describe` of one of `resources`, whose Events table is at the bottom.
 */
export function readEvents(ctx: CheckContext, since: number, resources: readonly string[] = ['pods', 'pod', 'po']): boolean {
  return kubectlCommands(ctx, 'events').some((c) => c.at >= since) || kubectlCommands(ctx, 'get', ['events', 'event', 'ev']).some((c) => c.at >= since) || kubectlCommands(ctx, 'describe', resources).some((c) => c.at >= since);
}
