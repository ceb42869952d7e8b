import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { describePodByName } from './pod';
import { bareApi, envOf, run, runningWeb, setStatus } from './testkit';

const SHOW = { showEvents: true };

describe('kubectl describe pod', () => {
  it('[KC-DESC2] [KC-DESC3] [KC-DESC4] [KC-DESC5] prints a running nginx pod of a Deployment as kubectl does', () => {
    const c = runningWeb();
    const pod = c.api.list<Pod>('Pod', 'default').items.find((p) => p.spec?.nodeName === 'node-1')!;
    const name = pod.metadata!.name!;
    const hash = pod.metadata!.labels!['pod-template-hash'];
    const cs = pod.status!.containerStatuses![0]!;
    const vol = pod.spec!.volumes![0]!.name;
    const r = run(envOf(c), 'describe', 'pod', name);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Name:             ${name}
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-1/${pod.status!.hostIP}
Start Time:       Mon, 05 Jan 2026 09:03:00 +0000
Labels:           app=web
                  pod-template-hash=${hash}
Annotations:      <none>
Status:           Running
IP:               ${pod.status!.podIP}
IPs:
  IP:           ${pod.status!.podIP}
Controlled By:  ReplicaSet/web-${hash}
Containers:
  nginx:
    Container ID:   ${cs.containerID}
    Image:          nginx:1.27
    Image ID:       ${cs.imageID}
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Mon, 05 Jan 2026 09:03:04 +0000
    Ready:          True
    Restart Count:  0
    Limits:
      cpu:     500m
      memory:  256Mi
    Requests:
      cpu:        100m
      memory:     128Mi
    Environment:  <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from ${vol} (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  ${vol}:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   Burstable
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  60s   default-scheduler  Successfully assigned default/${name} to node-1
  Normal  Pulling    60s   kubelet            Pulling image "nginx:1.27"
  Normal  Pulled     56s   kubelet            Successfully pulled image "nginx:1.27" in 4.278s (4.278s including waiting). Image size: 68327300 bytes.
  Normal  Created    56s   kubelet            Created container: nginx
  Normal  Started    56s   kubelet            Started container nginx
`);
  });

  it('[KC-DESC3] [KC-DESC4] prints every container field: command, last state, probes, env sources, mounts, volumes', () => {
    const ctx = bareApi();
    ctx.api.create(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: 'app',
          namespace: 'default',
          labels: { tier: 'api' },
          annotations: { note: 'hello' },
        },
        spec: {
          automountServiceAccountToken: false,
          nodeName: 'node-9',
          initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'echo ready'] }],
          containers: [
            {
              name: 'api',
              image: 'example/api:2',
              args: ['--port=8080'],
              ports: [
                { containerPort: 8080, name: 'http' },
                { containerPort: 9090, protocol: 'UDP', hostPort: 9090 },
              ],
              resources: {
                requests: { cpu: '250m', memory: '64Mi' },
                limits: { cpu: '250m', memory: '64Mi' },
              },
              livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
              readinessProbe: { tcpSocket: { port: 'http' }, initialDelaySeconds: 5 },
              startupProbe: { exec: { command: ['cat', '/tmp/ready'] }, failureThreshold: 30 },
              envFrom: [
                { configMapRef: { name: 'settings' } },
                { secretRef: { name: 'creds', optional: true }, prefix: 'DB_' },
              ],
              env: [
                { name: 'MODE', value: 'prod' },
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
                { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
                { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
                {
                  name: 'LEVEL',
                  valueFrom: { configMapKeyRef: { name: 'settings', key: 'level', optional: true } },
                },
              ],
              volumeMounts: [
                { name: 'data', mountPath: '/var/data' },
                { name: 'config', mountPath: '/etc/app', readOnly: true },
                { name: 'cache', mountPath: '/cache', subPath: 'api' },
              ],
            },
          ],
          volumes: [
            { name: 'data', persistentVolumeClaim: { claimName: 'data-claim' } },
            { name: 'config', configMap: { name: 'settings' } },
            { name: 'cache', emptyDir: { sizeLimit: '1Gi' } },
            { name: 'tls', secret: { secretName: 'tls-cert' } },
            { name: 'logs', hostPath: { path: '/var/log', type: 'Directory' } },
          ],
          nodeSelector: { disktype: 'ssd' },
        },
      },
      { namespace: 'default' },
    );
    setStatus(ctx, 'Pod', 'default', 'app', {
      phase: 'Running',
      hostIP: '172.18.0.9',
      podIP: '10.244.9.4',
      podIPs: [{ ip: '10.244.9.4' }],
      startTime: '2026-01-05T09:00:01Z',
      conditions: [{ type: 'Ready', status: 'False' }],
      initContainerStatuses: [
        {
          name: 'init',
          image: 'busybox:1.36',
          imageID: 'docker.io/library/busybox@sha256:aa',
          containerID: 'containerd://init1',
          ready: true,
          restartCount: 0,
          state: {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              startedAt: '2026-01-05T09:00:02Z',
              finishedAt: '2026-01-05T09:00:03Z',
            },
          },
        },
      ],
      containerStatuses: [
        {
          name: 'api',
          image: 'example/api:2',
          imageID: '',
          containerID: 'containerd://api2',
          ready: false,
          restartCount: 2,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: {
            terminated: {
              exitCode: 137,
              reason: 'OOMKilled',
              startedAt: '2026-01-05T09:00:05Z',
              finishedAt: '2026-01-05T09:00:35Z',
            },
          },
        },
      ],
    });
    const out = describePodByName(ctx.api, 'default', 'app', SHOW, ctx.clock.now());
    expect(out).toBe(`Name:             app
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-9/172.18.0.9
Start Time:       Mon, 05 Jan 2026 09:00:01 +0000
Labels:           tier=api
Annotations:      note: hello
Status:           Running
IP:               10.244.9.4
IPs:
  IP:  10.244.9.4
Init Containers:
  init:
    Container ID:  containerd://init1
    Image:         busybox:1.36
    Image ID:      docker.io/library/busybox@sha256:aa
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
      -c
      echo ready
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
      Started:      Mon, 05 Jan 2026 09:00:02 +0000
      Finished:     Mon, 05 Jan 2026 09:00:03 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
Containers:
  api:
    Container ID:  containerd://api2
    Image:         example/api:2
    Image ID:      
    Ports:         8080/TCP, 9090/UDP
    Host Ports:    0/TCP, 9090/UDP
    Args:
      --port=8080
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
      Started:      Mon, 05 Jan 2026 09:00:05 +0000
      Finished:     Mon, 05 Jan 2026 09:00:35 +0000
    Ready:          False
    Restart Count:  2
    Limits:
      cpu:     250m
      memory:  64Mi
    Requests:
      cpu:      250m
      memory:   64Mi
    Liveness:   http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3
    Readiness:  tcp-socket :http delay=5s timeout=1s period=10s #success=1 #failure=3
    Startup:    exec [cat /tmp/ready] delay=0s timeout=1s period=10s #success=1 #failure=30
    Environment Variables from:
      settings  ConfigMap                 Optional: false
      creds     Secret with prefix 'DB_'  Optional: true
    Environment:
      MODE:      prod
      POD_NAME:  app (v1:metadata.name)
      NODE:       (v1:spec.nodeName)
      CPU:       250 (limits.cpu)
      PASSWORD:  <set to the key 'password' in secret 'creds'>      Optional: false
      LEVEL:     <set to the key 'level' of config map 'settings'>  Optional: true
    Mounts:
      /cache from cache (rw,path="api")
      /etc/app from config (ro)
      /var/data from data (rw)
Conditions:
  Type    Status
  Ready   False 
Volumes:
  data:
    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:  data-claim
    ReadOnly:   false
  config:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      settings
    Optional:  false
  cache:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:     
    SizeLimit:  1Gi
  tls:
    Type:        Secret (a volume populated by a Secret)
    SecretName:  tls-cert
    Optional:    false
  logs:
    Type:          HostPath (bare host directory volume)
    Path:          /var/log
    HostPathType:  Directory
QoS Class:         Burstable
Node-Selectors:    disktype=ssd
Tolerations:       node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                   node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:            <none>
`);
  });

  it('[KC-DESC2] a pod being deleted reads Terminating (lasts <invalid> while in grace) with its grace period; --show-events=false drops Events', () => {
    const ctx = bareApi();
    ctx.api.create(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'default', finalizers: ['example.com/hold'] },
        spec: {
          automountServiceAccountToken: false,
          nodeName: 'node-9',
          containers: [{ name: 'c', image: 'busybox' }],
        },
      },
      { namespace: 'default' },
    );
    setStatus(ctx, 'Pod', 'default', 'p', { phase: 'Pending', qosClass: 'BestEffort' });
    ctx.api.delete('Pod', 'default', 'p', { gracePeriodSeconds: 30 });
    ctx.clock.advance(5_000);
    const out = describePodByName(ctx.api, 'default', 'p', { showEvents: false }, ctx.clock.now());
    // The API server sets deletionTimestamp to the end of the grace period: still in the future,
    // which HumanDuration calls <invalid>, exactly as a real kubectl shows it.
    expect(out).toBe(`Name:                      p
Namespace:                 default
Priority:                  0
Service Account:           default
Node:                      node-9/
Labels:                    <none>
Annotations:               <none>
Status:                    Terminating (lasts <invalid>)
Termination Grace Period:  30s
IP:                        
IPs:                       <none>
Containers:
  c:
    Image:        busybox
    Port:         <none>
    Host Port:    <none>
    Environment:  <none>
    Mounts:       <none>
Volumes:          <none>
QoS Class:        BestEffort
Node-Selectors:   <none>
Tolerations:      node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                  node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
`);
  });
});
