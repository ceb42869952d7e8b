import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../engine/cluster';
import type { Cluster } from '../engine/cluster';
import { complete } from './complete';
import { kubectl } from './index';
import { splitShellWords } from './shell';

let cluster: Cluster;

/** Completes with the cursor at the end of the line, or where `|` marks it. */
function tab(line: string, namespace = 'default') {
  const cursor = line.includes('|') ? line.indexOf('|') : line.length;
  return complete(line.replace('|', ''), cursor, { api: cluster.api, namespace });
}
const cands = (line: string, namespace?: string) => tab(line, namespace).candidates;

beforeAll(() => {
  cluster = createCluster({ seed: 1 });
  const env = { api: cluster.api, clock: cluster.clock, io: {}, namespace: 'default' };
  const k = (line: string) => expect(kubectl(splitShellWords(line), env).exitCode).toBe(0);
  k('create deployment web --image=nginx:1.27 --replicas=2');
  k('create deployment db --image=nginx:1.27');
  k('create namespace team-a');
  k('create deployment api --image=nginx:1.27 -n team-a');
  k('expose deployment web --port=80');
  cluster.advance(60_000);
});

const webPods = () =>
  cluster.api
    .list('Pod', 'default')
    .items.map((p) => p.metadata.name)
    .filter((n) => n.startsWith('web-'))
    .sort();

describe('complete', () => {
  it('completes the first word from the commands the terminal knows', () => {
    expect(tab('')).toEqual({ from: 0, candidates: ['clear', 'kubectl', 'sim', 'sleep'] });
    expect(tab('ku')).toEqual({ from: 0, candidates: ['kubectl'] });
    expect(tab('  s')).toEqual({ from: 2, candidates: ['sim', 'sleep'] });
    expect(cands('nope ')).toEqual([]);
  });

  it('completes kubectl commands from the registry, without aliases', () => {
    const all = cands('kubectl ');
    expect(all).toEqual(expect.arrayContaining(['apply', 'create', 'delete', 'describe', 'get', 'logs', 'rollout', 'scale', 'version']));
    expect(all).toEqual([...all].sort());
    expect(tab('kubectl ge')).toEqual({ from: 8, candidates: ['get'] });
    expect(cands('kubectl de')).toEqual(['delete', 'describe']);
    expect(cands('kubectl -n team-a ro')).toEqual(['rollout']);
  });

  it('completes sub-commands: rollout status, create deployment (an alias only when nothing else matches)', () => {
    expect(cands('kubectl rollout ')).toEqual(['history', 'pause', 'restart', 'resume', 'status', 'undo']);
    expect(cands('kubectl create de')).toEqual(['deployment']);
    expect(cands('kubectl create ')).toEqual(expect.arrayContaining(['configmap', 'deployment', 'namespace', 'secret', 'service', 'serviceaccount']));
    expect(cands('kubectl create ')).not.toContain('deploy');
    expect(cands('kubectl create sv')).toEqual(['svc']);
    expect(cands('kubectl create service ')).toEqual(['clusterip', 'externalname', 'loadbalancer', 'nodeport']);
    expect(cands('kubectl set ')).toEqual(['env', 'image']);
  });

  it('completes the flags of the current command, long and short, not those already given', () => {
    const flags = cands('kubectl create deployment web --');
    expect(flags).toEqual(expect.arrayContaining(['--image', '--replicas', '--port', '--dry-run', '--namespace', '--help']));
    expect(flags.every((f) => f.startsWith('--'))).toBe(true);
    expect(cands('kubectl create deployment web --rep')).toEqual(['--replicas']);
    expect(cands('kubectl get pods -')).toEqual(expect.arrayContaining(['-o', '--output', '-w', '--watch', '-A', '-n', '-l']));
    expect(cands('kubectl get pods -o wide --')).not.toContain('--output');
    expect(cands('kubectl create deployment web --image=a --im')).toEqual(['--image']);
    expect(cands('kubectl --nam')).toEqual(['--namespace']);
  });

  it('completes flag values where kubectl knows them', () => {
    expect(cands('kubectl get pods -o ')).toEqual(['custom-columns=', 'json', 'jsonpath=', 'name', 'wide', 'yaml']);
    expect(cands('kubectl get pods -o j')).toEqual(['json', 'jsonpath=']);
    expect(cands('kubectl create deployment web --image=x -o ')).toEqual(['json', 'jsonpath=', 'name', 'yaml']);
    expect(tab('kubectl get pods --output=ya')).toEqual({ from: 'kubectl get pods --output='.length, candidates: ['yaml'] });
    expect(cands('kubectl delete pod x --dry-run=')).toEqual(['client', 'none', 'server']);
    expect(cands('kubectl delete pod x --cascade=')).toEqual(['background', 'foreground', 'orphan']);
    expect(cands('kubectl run x --image=y --restart ')).toEqual(['Always', 'Never', 'OnFailure']);
    expect(cands('kubectl expose deploy web --type ')).toEqual(['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);
    expect(cands('kubectl get pods --chunk-size ')).toEqual([]);
  });

  it('completes namespaces after -n and --namespace', () => {
    expect(cands('kubectl get pods -n ')).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'team-a']);
    expect(cands('kubectl get pods --namespace kube-')).toEqual(['kube-node-lease', 'kube-public', 'kube-system']);
    expect(cands('kubectl get pods --namespace=t')).toEqual(['team-a']);
    expect(cands('kubectl -n t')).toEqual(['team-a']);
  });

  it('completes resource types: plurals, or the short or singular name typed', () => {
    expect(tab('kubectl get depl')).toEqual({ from: 12, candidates: ['deployments'] });
    const all = cands('kubectl get ');
    expect(all).toEqual(expect.arrayContaining(['deployments', 'nodes', 'pods', 'services', 'namespaces', 'replicasets']));
    expect(cands('kubectl get po')).toEqual(['pods']);
    expect(cands('kubectl get svc')).toEqual(['svc']);
    expect(cands('kubectl describe deploy')).toEqual(['deployments']);
    expect(cands('kubectl get deploy,r')).toEqual(['deploy,replicasets']);
    expect(cands('kubectl get deployments.a')).toEqual(['deployments.apps']);
    expect(cands('kubectl explain se')).toEqual(['secrets', 'serviceaccounts', 'services']);
  });

  it('completes object names of the type from the live API, in the namespace of the line', () => {
    expect(tab('kubectl delete pod we')).toEqual({ from: 19, candidates: webPods() });
    expect(webPods()).toHaveLength(2);
    expect(cands('kubectl get deploy ')).toEqual(['db', 'web']);
    expect(cands('kubectl get deploy web ')).toEqual(['db']);
    expect(cands('kubectl get deploy -n team-a ')).toEqual(['api']);
    expect(cands('kubectl get deploy ', 'team-a')).toEqual(['api']);
    expect(cands('kubectl get nodes ')).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(cands('kubectl get nodes -n team-a node-')).toEqual(['node-1', 'node-2', 'node-3']);
    expect(cands('kubectl describe deploy,svc w')).toEqual(['web']);
    expect(cands('kubectl get nosuchtype ')).toEqual([]);
  });

  it('completes type/name forms', () => {
    expect(tab('kubectl get deploy/w')).toEqual({ from: 12, candidates: ['deploy/web'] });
    expect(cands('kubectl describe pod/web')).toEqual(webPods().map((n) => `pod/${n}`));
    expect(cands('kubectl get deploy/web deploy/')).toEqual(['deploy/db']);
    expect(cands('kubectl get deploy/web s')).toEqual(['secrets/', 'serviceaccounts/', 'services/']);
  });

  it('completes the types and names that scale, rollout, expose and taint accept', () => {
    expect(cands('kubectl scale ')).toEqual(['deployment', 'replicaset']);
    expect(cands('kubectl scale deployment ')).toEqual(['db', 'web']);
    expect(cands('kubectl rollout status ')).toEqual(['daemonset', 'deployment']);
    expect(cands('kubectl rollout restart deployment/')).toEqual(['deployment/db', 'deployment/web']);
    expect(cands('kubectl rollout status deployment web ')).toEqual([]);
    expect(cands('kubectl expose ')).toEqual(['deployment', 'pod', 'replicaset', 'service']);
    expect(cands('kubectl taint ')).toEqual(['node']);
    expect(cands('kubectl taint node node-')).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('completes node names for cordon, uncordon and drain, and pod names for logs', () => {
    expect(cands('kubectl cordon ')).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(cands('kubectl drain node-1 --ignore-daemonsets node-')).toEqual(['node-2', 'node-3']);
    expect(cands('kubectl uncordon c')).toEqual(['control-plane']);
    expect(cands('kubectl logs we')).toEqual(webPods());
    expect(cands('kubectl logs -n kube-system etcd')).toEqual(['etcd-control-plane']);
    expect(cands('kubectl logs deploy/w')).toEqual(['deploy/web']);
    expect(cands(`kubectl logs ${webPods()[0]!} `)).toEqual(['nginx']);
    expect(cands(`kubectl logs ${webPods()[0]!} -c `)).toEqual(['nginx']);
  });

  it('completes exec: the command, pod names or TYPE/NAME, containers after -c, nothing for the command after --', () => {
    expect(cands('kubectl exe')).toEqual(['exec']);
    expect(cands('kubectl exec we')).toEqual(webPods());
    expect(cands('kubectl exec deploy/w')).toEqual(['deploy/web']);
    expect(cands(`kubectl exec ${webPods()[0]!} -c `)).toEqual(['nginx']);
    expect(cands('kubectl exec -')).toEqual(expect.arrayContaining(['--container', '-c', '--stdin', '-i', '--tty', '-t', '--quiet']));
    expect(cands(`kubectl exec ${webPods()[0]!} -- `)).toEqual([]);
    expect(cands(`kubectl exec ${webPods()[0]!} -- ls -`)).toEqual([]);
  });

  it('completes sim sub-commands, nodes, pods, containers and services', () => {
    expect(cands('sim ')).toEqual(['crash', 'curl', 'node-down', 'node-up']);
    expect(cands('sim node-down ')).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(cands('sim node-up node-1 ')).toEqual([]);
    expect(cands('sim crash we')).toEqual(webPods());
    expect(cands('sim crash -n team-a ')).toHaveLength(1);
    expect(cands(`sim crash ${webPods()[0]!} -c `)).toEqual(['nginx']);
    expect(cands('sim crash -n ')).toContain('team-a');
    expect(cands('sim crash -')).toEqual(['-c', '-n']);
    expect(cands('sim curl ')).toEqual(['http://kubernetes', 'http://web']);
    expect(cands('sleep ')).toEqual([]);
  });

  it('completes the word under the cursor, not past it; nothing inside a comment', () => {
    expect(tab('kubectl ge| pods')).toEqual({ from: 8, candidates: ['get'] });
    expect(tab('kubectl get | -n team-a')).toEqual(tab('kubectl get '));
    expect(tab('kubectl get pods # de').candidates).toEqual([]);
    expect(cands("kubectl get 'depl")).toEqual(['deployments']);
    expect(complete('kubectl get pods', 99, { api: cluster.api, namespace: 'default' }).from).toBe(12);
  });
});
