import type { PodSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types';
import { deepEqual } from '../../engine/api/types';
import type { CheckContext, Lesson } from '../types';
import { changes, created, flagValues, goal, isRunningReady, kubectlCommands, matches, podEverShowed, podStatus, pods, ran, statusSummary } from '../checks';
import type { DeploymentObj, PodObj } from '../checks';

const CONFIGMAPS = ['configmaps', 'configmap', 'cm'];
const SECRETS = ['secrets', 'secret'];
const PODS = ['pods', 'pod', 'po'];

type Data = { data?: Record<string, string> };

/** ConfigMaps of `default` the learner made (every namespace already has kube-root-ca.crt). */
const ownConfigMaps = (ctx: CheckContext): KubeObject[] => ctx.list('ConfigMap', 'default').filter((c) => c.metadata.name !== 'kube-root-ca.crt');

/** The ConfigMaps and Secrets a pod spec's containers read variables from (env valueFrom and envFrom). */
function references(spec: PodSpec | undefined): { configMaps: string[]; secrets: string[] } {
  const configMaps: string[] = [];
  const secrets: string[] = [];
  for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef?.name) configMaps.push(e.valueFrom.configMapKeyRef.name);
      if (e.valueFrom?.secretKeyRef?.name) secrets.push(e.valueFrom.secretKeyRef.name);
    }
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef?.name) configMaps.push(e.configMapRef.name);
      if (e.secretRef?.name) secrets.push(e.secretRef.name);
    }
  }
  return { configMaps, secrets };
}

/** The ConfigMaps a pod spec mounts as a volume. */
function mounted(spec: PodSpec | undefined): string[] {
  return (spec?.volumes ?? []).flatMap((v) => (v.configMap?.name ? [v.configMap.name] : []));
}

/** Pods created since the step began that read an existing ConfigMap both as variables and as files. */
function readers(ctx: CheckContext): PodObj[] {
  const made = new Set(created(ctx, 'Pod').map((p) => p.metadata.name));
  const exists = (n: string) => ctx.get('ConfigMap', 'default', n) !== undefined;
  return pods(ctx).filter((p) => made.has(p.metadata.name) && references(p.spec).configMaps.some(exists) && mounted(p.spec).some(exists));
}

const started = (p: PodObj) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Running';

/** Pods that waited in CreateContainerConfigError since the step began (and are not being deleted). */
function waitedForConfig(ctx: CheckContext): PodObj[] {
  return pods(ctx).filter((p) => podEverShowed(ctx, 'CreateContainerConfigError', (q) => q.metadata.uid === p.metadata.uid));
}

/** The values of the learner's ConfigMaps, for recognising them in a command's output. */
const values = (ctx: CheckContext): string[] =>
  ownConfigMaps(ctx)
    .flatMap((c) => Object.values((c as KubeObject & Data).data ?? {}))
    .filter((v) => v.trim().length > 0);

/** Deployments of `default` whose pods read a ConfigMap and a Secret that both exist. */
function configured(ctx: CheckContext): DeploymentObj[] {
  return ctx.list<DeploymentObj>('Deployment', 'default').filter((d) => {
    const r = references(d.spec?.template?.spec);
    return r.configMaps.some((n) => ctx.get('ConfigMap', 'default', n)) && r.secrets.some((n) => ctx.get('Secret', 'default', n));
  });
}

/** The rollout is done: every replica updated to the current template and available. */
function rolledOut(d: DeploymentObj): boolean {
  const s = d.status ?? {};
  const want = d.spec?.replicas ?? 1;
  return (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) && s.updatedReplicas === want && s.availableReplicas === want && s.replicas === want;
}

/** Whether a kubectl command printed an object's content: -o yaml, json, jsonpath, go-template... */
const printed = (words: string[]) => flagValues(words, 'o', 'output').some((o) => !['wide', 'name'].includes(o));

export const lesson: Lesson = {
  id: 'config',
  title: 'ConfigMaps and Secrets',
  level: 'intermediate',
  minutes: 15,
  concepts: [
    'ConfigMap',
    'Secret',
    'base64',
    'environment variables',
    'envFrom',
    'valueFrom',
    'configMapKeyRef',
    'secretKeyRef',
    'configMap volume',
    'kubectl logs',
    'CreateContainerConfigError',
    'rollout restart',
  ],
  steps: [
    {
      id: 'configmap',
      files: ['app-config.yaml'],
      check: (ctx) => {
        const mine = created(ctx, 'ConfigMap', (c) => c.metadata.namespace === 'default' && c.metadata.name !== 'kube-root-ca.crt');
        const looked = kubectlCommands(ctx, 'describe', CONFIGMAPS).length > 0 || kubectlCommands(ctx, 'get', CONFIGMAPS).some((c) => printed(c.words));
        return [
          goal('You created a ConfigMap', mine.length > 0, 'kubectl apply -f app-config.yaml'),
          goal('You read its data back (kubectl get configmap NAME -o yaml, or kubectl describe configmap NAME)', looked),
        ];
      },
      focus: (ctx) => ownConfigMaps(ctx),
    },
    {
      id: 'secret',
      check: (ctx) => {
        const mine = created(ctx, 'Secret', (s) => s.metadata.namespace === 'default');
        const encoded = ctx
          .list('Secret', 'default')
          .flatMap((s) => Object.values((s as KubeObject & Data).data ?? {}))
          .filter((v) => v.length > 0);
        const sawEncoded = kubectlCommands(ctx, 'get', SECRETS).some((c) => encoded.some((v) => c.output.includes(v)));
        return [
          goal('You created a Secret', mine.length > 0, 'kubectl create secret generic db-pass --from-literal=password=s3cr3t'),
          goal('You saw its value base64-encoded (kubectl get secret NAME -o yaml)', sawEncoded),
        ];
      },
      focus: (ctx) => ctx.list('Secret', 'default'),
    },
    {
      id: 'inside',
      files: ['show-config.yaml'],
      check: (ctx) => {
        const mine = readers(ctx);
        const vals = values(ctx);
        const read = kubectlCommands(ctx, 'logs').some((c) => vals.some((v) => c.output.includes(v)));
        return [
          goal(
            'A Pod got your ConfigMap as variables and as files, and has run',
            mine.some(started),
            mine.length ? `now: ${statusSummary(mine)}` : 'kubectl apply -f show-config.yaml',
          ),
          goal('You read what it printed, values from the ConfigMap included (kubectl logs show-config)', read),
        ];
      },
      focus: (ctx) => [...readers(ctx), ...ownConfigMaps(ctx), ...ctx.list('Secret', 'default')],
    },
    {
      id: 'missing',
      files: ['greeter.yaml'],
      check: (ctx) => {
        const stuck = waitedForConfig(ctx);
        const wanted = new Set(stuck.flatMap((p) => references(p.spec).configMaps));
        const made = created(ctx, 'ConfigMap', (c) => wanted.has(c.metadata.name));
        const fixed = stuck.filter((p) => made.some((c) => references(p.spec).configMaps.includes(c.metadata.name)));
        return [
          goal('A Pod waited in CreateContainerConfigError for a ConfigMap that did not exist', stuck.length > 0, 'kubectl apply -f greeter.yaml, then kubectl get pods'),
          goal('You created the ConfigMap it was waiting for', made.length > 0, stuck.length ? `it waits for: ${[...wanted].join(', ')}` : undefined),
          goal('The Pod started on its own and is Running', fixed.some(isRunningReady), fixed.length ? `now: ${fixed.map(podStatus).join(', ')}` : undefined),
        ];
      },
      focus: (ctx) => {
        const stuck = waitedForConfig(ctx);
        const names = new Set(stuck.flatMap((p) => references(p.spec).configMaps));
        return [...stuck, ...ownConfigMaps(ctx).filter((c) => names.has(c.metadata.name))];
      },
    },
    {
      id: 'use',
      files: ['web.yaml'],
      check: (ctx) => {
        const deps = configured(ctx);
        const done = deps.filter(rolledOut);
        const sel = deps[0]?.spec?.selector?.matchLabels ?? {};
        const looked =
          kubectlCommands(ctx, 'describe', PODS).some((c) => c.output.includes('Environment Variables from:') || c.output.includes('<set to the key')) ||
          ran(ctx, (w) => w[0] === 'kubectl' && w.includes('set') && w.includes('env') && (w.includes('--list') || w.includes('-L'))).length > 0;
        return [
          goal(
            'A Deployment reads variables from your ConfigMap and your Secret, its Pods Running',
            done.length > 0,
            deps.length ? `now: ${statusSummary(pods(ctx, sel))}` : ctx.list('Deployment', 'default').length ? 'its Pod template does not reference both yet' : 'kubectl apply -f web.yaml',
          ),
          goal('You looked at where a Pod gets its variables (kubectl describe pod)', looked),
        ];
      },
      focus: (ctx) => [...configured(ctx), ...ownConfigMaps(ctx), ...ctx.list('Secret', 'default')],
    },
    {
      id: 'update',
      files: ['app-config.yaml'],
      check: (ctx) => {
        const edit = changes(ctx, 'ConfigMap', 'MODIFIED').find((c) => c.object.metadata.name !== 'kube-root-ca.crt' && !deepEqual((c.old as KubeObject & Data | undefined)?.data ?? {}, (c.object as KubeObject & Data).data ?? {}));
        const readers = configured(ctx).filter((d) => edit && references(d.spec?.template?.spec).configMaps.includes(edit.object.metadata.name));
        const d = readers[0];
        const selector = d?.spec?.selector?.matchLabels ?? {};
        // After the edit, in the order the API server saw the writes (several can share a moment): a rollout
        // restart changes the Pod template, and deleting the Pods has the ReplicaSet make new ones. Either way
        // the new containers start with the ConfigMap as it is now.
        const after = edit ? ctx.changes.slice(ctx.changes.indexOf(edit) + 1) : [];
        const restart = after.find(
          (c) =>
            (c.kind === 'Deployment' && c.type === 'MODIFIED' && readers.some((r) => r.metadata.name === c.object.metadata.name) && !deepEqual((c.old as DeploymentObj | undefined)?.spec?.template, (c.object as DeploymentObj).spec?.template)) ||
            (c.kind === 'Pod' && Object.keys(selector).length > 0 && matches(c.object.metadata.labels, selector) && (c.type === 'DELETED' || (!!c.object.metadata.deletionTimestamp && !c.old?.metadata.deletionTimestamp))),
        );
        const fresh = new Set(
          (restart ? after.slice(after.indexOf(restart) + 1) : [])
            .filter((c) => c.kind === 'Pod' && c.type === 'ADDED')
            .map((c) => c.object.metadata.name),
        );
        const current = d ? pods(ctx, selector) : [];
        return [
          goal('You changed a value in the ConfigMap', edit !== undefined, 'edit app-config.yaml, then kubectl apply -f app-config.yaml'),
          goal(`You replaced the Pods of the Deployment that reads it (kubectl rollout restart deployment/${d?.metadata.name ?? 'web'})`, restart !== undefined, edit ? 'the running Pods still have the old values' : undefined),
          goal(
            'Its new Pods are all Running',
            restart !== undefined && d !== undefined && rolledOut(d) && current.length > 0 && current.every((p) => fresh.has(p.metadata.name) && isRunningReady(p)),
            restart !== undefined ? `now: ${statusSummary(current)}` : undefined,
          ),
        ];
      },
      focus: (ctx) => [...ownConfigMaps(ctx), ...configured(ctx)],
    },
  ],
};
