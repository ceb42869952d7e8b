import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { clone } from '../../engine/api/types';
import type { KubeObject } from '../../engine/api/types';
import { createCluster } from '../../engine/cluster';
import { envOf, run, runningWeb, webDeployment } from './testkit';

const TEMPLATE_127 = `Pod Template:
  Labels:  app=web
  Containers:
   nginx:
    Image:      nginx:1.27
    Port:       80/TCP
    Host Port:  0/TCP
    Limits:
      cpu:     500m
      memory:  256Mi
    Requests:
      cpu:         100m
      memory:      128Mi
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
`;

function rsNames(c: ReturnType<typeof createCluster>): string[] {
  return c.api.list<ReplicaSet>('ReplicaSet', 'default').items.map((rs) => rs.metadata!.name!);
}

describe('kubectl describe deployment / replicaset / daemonset', () => {
  it('[KC-DESC6] [KC-DESC5] describes a Deployment in the middle of a rolling update', () => {
    const c = createCluster({ seed: 1 });
    c.api.create(webDeployment(), { namespace: 'default' });
    c.advance(30_000);
    const [oldRS] = rsNames(c);
    const d = clone(
      c.api.get<KubeObject & { spec: { template: { spec: { containers: Array<{ image: string }> } } } }>(
        'Deployment',
        'default',
        'web',
      ),
    );
    d.spec.template.spec.containers[0]!.image = 'nginx:1.28';
    c.api.update(d);
    c.advance(2_000);
    const newRS = rsNames(c).find((n) => n !== oldRS)!;
    const r = run(envOf(c), 'describe', 'deployment', 'web');
    expect(r.stdout).toBe(`Name:                   web
Namespace:              default
CreationTimestamp:      Mon, 05 Jan 2026 09:03:00 +0000
Labels:                 app=web
Annotations:            deployment.kubernetes.io/revision: 2
Selector:               app=web
Replicas:               3 desired | 1 updated | 4 total | 3 available | 1 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
${TEMPLATE_127.replace('nginx:1.27', 'nginx:1.28')}Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    ReplicaSetUpdated
OldReplicaSets:  ${oldRS} (3/3 replicas created)
NewReplicaSet:   ${newRS} (1/1 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  32s   deployment-controller  Scaled up replica set ${oldRS} from 0 to 3
  Normal  ScalingReplicaSet  2s    deployment-controller  Scaled up replica set ${newRS} from 0 to 1
`);
  });

  it('[KC-DESC6] a finished rollout lists the emptied ReplicaSet as old: `(0/0 replicas created)`', () => {
    const c = createCluster({ seed: 1 });
    c.api.create(webDeployment(1), { namespace: 'default' });
    c.advance(30_000);
    const [oldRS] = rsNames(c);
    const d = clone(
      c.api.get<KubeObject & { spec: { template: { spec: { containers: Array<{ image: string }> } } } }>(
        'Deployment',
        'default',
        'web',
      ),
    );
    d.spec.template.spec.containers[0]!.image = 'nginx:1.28';
    c.api.update(d);
    c.advance(60_000);
    const newRS = rsNames(c).find((n) => n !== oldRS)!;
    const out = run(envOf(c), 'describe', 'deploy', 'web', '--show-events=false').stdout;
    expect(out).toContain(
      `Replicas:               1 desired | 1 updated | 1 total | 1 available | 0 unavailable\n`,
    );
    expect(out).toContain(`  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  ${oldRS} (0/0 replicas created)
NewReplicaSet:   ${newRS} (1/1 replicas created)
`);
    expect(out).not.toContain('Events:');
  });

  it('[KC-DESC7] describes the ReplicaSet of a running Deployment with its pod phases', () => {
    const c = runningWeb();
    const [rs] = rsNames(c);
    const hash = rs!.slice('web-'.length);
    const pods = c.api
      .list<KubeObject>('Pod', 'default')
      .items.map((p) => p.metadata.name)
      .sort();
    const r = run(envOf(c), 'describe', 'rs', rs!);
    // Three SuccessfulCreate events at one instant keep the order they were listed in (by name).
    const created = c.api
      .list<KubeObject & { message: string; involvedObject: { kind: string } }>('Event', 'default')
      .items.filter((e) => e.involvedObject.kind === 'ReplicaSet')
      .map((e) => `  Normal  SuccessfulCreate  60s   replicaset-controller  ${e.message}\n`);
    expect(created.map((l) => l.slice(-21, -1)).sort()).toEqual(pods);
    expect(r.stdout).toBe(`Name:           ${rs}
Namespace:      default
Selector:       app=web,pod-template-hash=${hash}
Labels:         app=web
                pod-template-hash=${hash}
Annotations:    deployment.kubernetes.io/desired-replicas: 3
                deployment.kubernetes.io/max-replicas: 4
                deployment.kubernetes.io/revision: 1
Controlled By:  Deployment/web
Replicas:       3 current / 3 desired
Pods Status:    3 Running / 0 Waiting / 0 Succeeded / 0 Failed
${TEMPLATE_127.replace('  Labels:  app=web\n', `  Labels:  app=web\n           pod-template-hash=${hash}\n`)}Events:
  Type    Reason            Age   From                   Message
  ----    ------            ----  ----                   -------
${created.join('')}`);
  });

  it('[KC-DESC7] counts Waiting pods while images pull', () => {
    const c = createCluster({ seed: 1 });
    c.api.create(webDeployment(2), { namespace: 'default' });
    c.advance(1_000);
    const [rs] = rsNames(c);
    const out = run(envOf(c), 'describe', 'replicaset', rs!).stdout;
    expect(out).toContain(
      'Replicas:       2 current / 2 desired\nPods Status:    0 Running / 2 Waiting / 0 Succeeded / 0 Failed\n',
    );
  });

  it('[KC-DESC18] describes the kube-proxy DaemonSet', () => {
    const c = createCluster({ seed: 1 });
    const out = run(envOf(c, 'kube-system'), 'describe', 'ds', 'kube-proxy', '--show-events=false').stdout;
    expect(out).toBe(`Name:           kube-proxy
Namespace:      kube-system
Selector:       k8s-app=kube-proxy
Node-Selector:  kubernetes.io/os=linux
Labels:         k8s-app=kube-proxy
Annotations:    deprecated.daemonset.template.generation: 1
Desired Number of Nodes Scheduled: 4
Current Number of Nodes Scheduled: 4
Number of Nodes Scheduled with Up-to-date Pods: 4
Number of Nodes Scheduled with Available Pods: 4
Number of Nodes Misscheduled: 0
Pods Status:  4 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:           k8s-app=kube-proxy
  Service Account:  kube-proxy
  Containers:
   kube-proxy:
    Image:      registry.k8s.io/kube-proxy:v1.33.1
    Port:       <none>
    Host Port:  <none>
    Command:
      /usr/local/bin/kube-proxy
      --config=/var/lib/kube-proxy/config.conf
      --hostname-override=$(NODE_NAME)
    Environment:
      NODE_NAME:         (v1:spec.nodeName)
    Mounts:             <none>
  Volumes:              <none>
  Priority Class Name:  system-node-critical
  Node-Selectors:       kubernetes.io/os=linux
  Tolerations:          op=Exists
`);
  });
});
