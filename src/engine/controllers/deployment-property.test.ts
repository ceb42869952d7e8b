import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deploymentManifest, fakeKubelet, getDeployment, podCounts, podsOf, setImage, workloadContext } from './deployment-testkit';
import { maxSurgeOf, maxUnavailableOf } from './deployment-util';
import { isPodActive } from './replicaset-pods';

const fencepost = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('0%', '10%', '25%', '50%', '100%'));
const isZero = (v: number | string) => v === 0 || v === '0%';

describe('rolling update, for any replicas and fenceposts', () => {
  it('[DEP16] converges with every pod updated, within replicas + maxSurge pods and replicas - maxUnavailable available', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fencepost,
        fencepost,
        fc.integer({ min: 200, max: 3000 }),
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 1, max: 1000 }),
        (replicas, maxSurge, maxUnavailable, readyAfterMs, terminateAfterMs, seed) => {
          fc.pre(!(isZero(maxSurge) && isZero(maxUnavailable))); // validation forbids both being 0
          const ctx = workloadContext(seed);
          fakeKubelet(ctx, { readyAfterMs, terminateAfterMs });
          ctx.api.create(deploymentManifest('web', { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } }));
          ctx.clock.advance(60_000);
          const d = getDeployment(ctx, 'web');
          const surge = maxSurgeOf(d);
          const unavailable = maxUnavailableOf(d);
          let maxActive = 0;
          let minReady = Infinity;
          ctx.api.subscribe((e) => {
            if (e.kind !== 'Pod') return;
            const { active, ready } = podCounts(ctx, 'web');
            maxActive = Math.max(maxActive, active);
            minReady = Math.min(minReady, ready);
          });
          setImage(ctx, 'web', 'nginx:1.26');
          ctx.clock.advance(600_000);
          const pods = podsOf(ctx, 'web').filter(isPodActive);
          expect(pods.map((p) => p.spec?.containers[0]?.image)).toEqual(Array(replicas).fill('nginx:1.26'));
          expect(getDeployment(ctx, 'web').status).toMatchObject({ replicas, updatedReplicas: replicas, availableReplicas: replicas });
          expect(maxActive).toBeLessThanOrEqual(replicas + surge);
          expect(minReady).toBeGreaterThanOrEqual(replicas - unavailable);
          expect(ctx.manager.errors).toEqual([]);
        },
      ),
      { numRuns: 40, seed: 20260105 },
    );
  });
});
