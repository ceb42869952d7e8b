import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types';
import { kit } from './mutate-testkit';

type Deploy = KubeObject & {
  spec: {
    replicas: number;
    paused?: boolean;
    template: {
      metadata: { annotations?: Record<string, string> };
      spec: { containers: Array<{ image: string }> };
    };
  };
};

/** A deployment `web` rolled out at nginx:1.27, then updated to nginx:1.28 (revisions 1 and 2). */
function twoRevisions() {
  const k = kit();
  k.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  k.cluster.advance(60_000);
  k.run('kubectl set image deployment/web nginx=nginx:1.28');
  k.cluster.advance(60_000);
  return k;
}

const image = (k: ReturnType<typeof kit>) =>
  k.cluster.api.get<Deploy>('Deployment', 'default', 'web').spec.template.spec.containers[0]!.image;

describe('kubectl scale', () => {
  it('[KC-MUT15] sets spec.replicas: deployment.apps/web scaled; --current-replicas is a precondition', () => {
    const k = kit();
    k.run('kubectl create deployment web --image=nginx');
    expect(k.run('kubectl scale deployment web --replicas=3')).toEqual({
      stdout: 'deployment.apps/web scaled\n',
      stderr: '',
      exitCode: 0,
    });
    expect(k.cluster.api.get<Deploy>('Deployment', 'default', 'web').spec.replicas).toBe(3);
    expect(k.run('kubectl scale deploy/web --replicas=1 --current-replicas=2').stderr).toBe(
      'error: Expected replicas to be 2, was 3\n',
    );
    expect(k.run('kubectl scale deploy/web --replicas=1 --current-replicas=3').stdout).toBe(
      'deployment.apps/web scaled\n',
    );
    expect(k.run('kubectl scale deploy/web --replicas=5 --dry-run=client').stdout).toBe(
      'deployment.apps/web scaled (dry run)\n',
    );
    expect(k.cluster.api.get<Deploy>('Deployment', 'default', 'web').spec.replicas).toBe(1);
  });

  it('[KC-MUT15] --replicas is required and not negative; missing objects and unscalable kinds fail', () => {
    const k = kit();
    k.run('kubectl run p --image=nginx');
    expect(k.run('kubectl scale deploy/web').stderr).toBe('error: required flag(s) "replicas" not set\n');
    expect(k.run('kubectl scale deploy/web --replicas=-1').stderr).toBe(
      'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n',
    );
    expect(k.run('kubectl scale deploy/web --replicas=2').stderr).toBe(
      'Error from server (NotFound): deployments.apps "web" not found\n',
    );
    expect(k.run('kubectl scale pod p --replicas=2').stderr).toBe(
      'Error from server (NotFound): the server could not find the requested resource\n',
    );
    k.run('kubectl create deployment web --image=nginx');
    const rv = k.cluster.api.get('Deployment', 'default', 'web').metadata.resourceVersion;
    expect(k.run('kubectl scale deploy/web --replicas=2 --resource-version=1').stderr).toBe(
      `error: Expected resource version to be 1, was ${rv}\n`,
    );
    expect(k.run(`kubectl scale deploy/web --replicas=2 --resource-version=${rv}`).stdout).toBe(
      'deployment.apps/web scaled\n',
    );
  });
});

describe('kubectl rollout status', () => {
  it('[KC-MUT16] prints the status viewer line on every change until the rollout is done (a wait follower)', () => {
    const k = kit();
    k.run('kubectl create deployment web --image=nginx --replicas=2');
    const r = k.runToEnd('kubectl rollout status deployment/web');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Waiting for deployment spec update to be observed...');
    expect(lines).toContain(
      'Waiting for deployment "web" rollout to finish: 0 of 2 updated replicas are available...',
    );
    expect(lines[lines.length - 1]).toBe('deployment "web" successfully rolled out');
    // Once done, a second call prints the final line and needs no follower.
    expect(k.run('kubectl rollout status deploy/web')).toEqual({
      stdout: 'deployment "web" successfully rolled out\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('[KC-MUT16] --watch=false prints one line; --timeout ends with timed out waiting for the condition', () => {
    const k = kit();
    k.run('kubectl create deployment web --image=nginx --replicas=2');
    const once = k.run('kubectl rollout status deploy/web --watch=false');
    expect(once).toEqual({
      stdout: 'Waiting for deployment spec update to be observed...\n',
      stderr: '',
      exitCode: 0,
    });
    k.cluster.advance(60_000);
    k.run('kubectl set image deploy/web nginx=nginx:no-such-tag');
    const t0 = k.cluster.now();
    const r = k.runToEnd('kubectl rollout status deploy/web --timeout=20s');
    expect(r.stderr).toBe('error: timed out waiting for the condition\n');
    expect(r.exitCode).toBe(1);
    expect(k.cluster.now() - t0).toBe(20_000);
  });

  it('[KC-MUT16] errors: no resource, unsupported kinds, not found', () => {
    const k = kit();
    k.run('kubectl run p --image=nginx');
    expect(k.run('kubectl rollout status').stderr).toBe('error: required resource not specified\n');
    expect(k.run('kubectl rollout status pod/p').stderr).toBe(
      'error: no status viewer has been implemented for Pod\n',
    );
    expect(k.run('kubectl rollout status deploy/nope').stderr).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
  });
});

describe('kubectl rollout history', () => {
  it('[KC-MUT17] lists revisions with their change-cause; --revision shows the pod template', () => {
    const k = twoRevisions();
    expect(k.run('kubectl rollout history deployment/web').stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    const r = k.run('kubectl rollout history deployment/web --revision=1').stdout;
    expect(
      r.startsWith(
        'deployment.apps/web with revision #1\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=',
      ),
    ).toBe(true);
    expect(r).toContain('  Containers:\n   nginx:\n    Image:\tnginx:1.27\n');
    expect(k.run('kubectl rollout history deployment/web --revision=7').stderr).toBe(
      'error: unable to find the specified revision\n',
    );
  });
});

describe('kubectl rollout undo', () => {
  it('[KC-MUT18] copies the previous revision template back (without pod-template-hash): rolled back', () => {
    const k = twoRevisions();
    expect(k.run('kubectl rollout undo deployment/web')).toEqual({
      stdout: 'deployment.apps/web rolled back\n',
      stderr: '',
      exitCode: 0,
    });
    expect(image(k)).toBe('nginx:1.27');
    const d = k.cluster.api.get<
      Deploy & { spec: { template: { metadata: { labels: Record<string, string> } } } }
    >('Deployment', 'default', 'web');
    expect(d.spec.template.metadata.labels).toEqual({ app: 'web' });
    k.cluster.advance(60_000);
    expect(k.run('kubectl rollout history deploy/web').stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
    );
  });

  it('[KC-MUT18] --to-revision: skipped when it already matches, an error when unknown; paused deployments refuse', () => {
    const k = twoRevisions();
    expect(k.run('kubectl rollout undo deploy/web --to-revision=2').stdout).toBe(
      'deployment.apps/web skipped rollback (current template already matches revision 2)\n',
    );
    expect(k.run('kubectl rollout undo deploy/web --to-revision=9').stderr).toBe(
      'error: unable to find specified revision 9 in history\n',
    );
    k.run('kubectl rollout pause deploy/web');
    expect(k.run('kubectl rollout undo deploy/web').stderr).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
    );
    expect(image(k)).toBe('nginx:1.28');
    const fresh = kit();
    fresh.run('kubectl create deployment solo --image=nginx');
    fresh.cluster.advance(30_000);
    expect(fresh.run('kubectl rollout undo deploy/solo').stderr).toBe(
      'error: no rollout history found for deployment "solo"\n',
    );
  });
});

describe('kubectl rollout restart, pause, resume', () => {
  it('[KC-MUT19] restart stamps kubectl.kubernetes.io/restartedAt with the simulated time', () => {
    const k = kit();
    k.run('kubectl create deployment web --image=nginx');
    expect(k.run('kubectl rollout restart deployment/web').stdout).toBe('deployment.apps/web restarted\n');
    expect(
      k.cluster.api.get<Deploy>('Deployment', 'default', 'web').spec.template.metadata.annotations,
    ).toEqual({
      'kubectl.kubernetes.io/restartedAt': '2026-01-05T09:03:00Z',
    });
    expect(k.run('kubectl rollout restart deployment/web').stderr).toBe(
      'error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
    );
  });

  it('[KC-MUT19] pause and resume, with their already-paused / not-paused errors', () => {
    const k = kit();
    k.run('kubectl create deployment web --image=nginx');
    expect(k.run('kubectl rollout pause deployment/web').stdout).toBe('deployment.apps/web paused\n');
    expect(k.cluster.api.get<Deploy>('Deployment', 'default', 'web').spec.paused).toBe(true);
    expect(k.run('kubectl rollout pause deployment/web').stderr).toBe(
      'error: deployments.apps "web" is already paused\n',
    );
    expect(k.run('kubectl rollout restart deployment/web').stderr).toBe(
      'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n',
    );
    expect(k.run('kubectl rollout resume deployment/web').stdout).toBe('deployment.apps/web resumed\n');
    expect(k.run('kubectl rollout resume deployment/web').stderr).toBe(
      'error: deployments.apps "web" is not paused\n',
    );
    expect(k.run('kubectl rollout').exitCode).toBe(1);
  });
});
