import type { KubeObject, ObjectInput } from '../../engine/api/types';
import { clone } from '../../engine/api/types';
import type { Cluster } from '../../engine/cluster';
import { createCluster, createContext } from '../../engine/cluster';
import type { ClusterContext } from '../../engine/cluster';
import { kubectl } from '../index';
import type { CommandResult, KubectlEnv } from '../types';

/**
 * Scenarios the describe tests share: a default cluster running a Deployment `web` (3 nginx pods
 * with requests and limits) behind a Service `web`, and a bare API server for objects a test builds
 * by hand (a pod with every kind of container field, counted events).
 */

export const WEB_REQUESTS = { cpu: '100m', memory: '128Mi' };
export const WEB_LIMITS = { cpu: '500m', memory: '256Mi' };

export function webDeployment(replicas = 3, image = 'nginx:1.27'): ObjectInput {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image,
              ports: [{ containerPort: 80 }],
              resources: { requests: WEB_REQUESTS, limits: WEB_LIMITS },
            },
          ],
        },
      },
    },
  };
}

export function webService(): ObjectInput {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
  };
}

/** The default cluster with `web` rolled out and running for a minute. */
export function runningWeb(): Cluster {
  const c = createCluster({ seed: 1 });
  c.api.create(webDeployment(), { namespace: 'default' });
  c.api.create(webService(), { namespace: 'default' });
  c.advance(60_000);
  return c;
}

export function envOf(
  c: { api: Cluster['api']; clock: Cluster['clock'] },
  namespace = 'default',
): KubectlEnv {
  return { api: c.api, clock: c.clock, io: {}, namespace };
}

export function run(env: KubectlEnv, ...argv: string[]): CommandResult {
  return kubectl(argv, env);
}

/** An API server with the default namespace and service account, and nothing running. */
export function bareApi(): ClusterContext {
  const ctx = createContext({ seed: 1 });
  ctx.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  ctx.api.create(
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } },
    { namespace: 'default' },
  );
  return ctx;
}

/** Replaces an object's status as its controller or kubelet would. */
export function setStatus(
  ctx: Pick<ClusterContext, 'api'>,
  kind: string,
  namespace: string,
  name: string,
  status: unknown,
): KubeObject {
  const obj = clone(ctx.api.get<KubeObject>(kind, namespace, name));
  obj.status = status;
  return ctx.api.updateStatus(obj);
}
