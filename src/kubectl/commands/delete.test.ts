import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types';
import { kit } from './mutate-testkit';

/** A cluster with running pods: `web` (nginx) and `sleeper` (sleep ignores SIGTERM: the full grace period). */
function running() {
  const k = kit({
    'p.yaml':
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
  });
  k.run('kubectl run web --image=nginx --labels=app=web');
  k.run('kubectl run sleeper --image=busybox --labels=app=sleep --command -- sleep 3600');
  k.cluster.advance(30_000);
  return k;
}

describe('kubectl delete: what it prints', () => {
  it('[KC-MUT12] by name, TYPE/NAME and several names: kind "name" deleted; NotFound continues with the rest', () => {
    const k = running();
    expect(k.runToEnd('kubectl delete pod web')).toEqual({
      stdout: 'pod "web" deleted\n',
      stderr: '',
      exitCode: 0,
    });
    k.run('kubectl create deployment app --image=nginx');
    expect(k.runToEnd('kubectl delete deploy/app')).toEqual({
      stdout: 'deployment.apps "app" deleted\n',
      stderr: '',
      exitCode: 0,
    });
    const r = k.runToEnd('kubectl delete pods nope sleeper');
    expect(r).toEqual({
      stdout: 'pod "sleeper" deleted\n',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      exitCode: 1,
    });
  });

  it('[KC-MUT12] --ignore-not-found, -l and --all (which ignore NotFound), No resources found', () => {
    const k = running();
    expect(k.run('kubectl delete pod nope --ignore-not-found')).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 0,
    });
    expect(k.runToEnd('kubectl delete pods -l app=web').stdout).toBe('pod "web" deleted\n');
    expect(k.runToEnd('kubectl delete pods --all').stdout).toBe('pod "sleeper" deleted\n');
    expect(k.run('kubectl delete pods --all')).toEqual({
      stdout: 'No resources found\n',
      stderr: '',
      exitCode: 0,
    });
    expect(k.run('kubectl delete pods --all -l app=x').stderr).toBe(
      'error: cannot set --all and --selector at the same time\n',
    );
  });

  it('[KC-MUT12] -f deletes what the file names; its NotFound names the file', () => {
    const k = running();
    expect(k.runToEnd('kubectl delete -f p.yaml').stdout).toBe('pod "web" deleted\n');
    expect(k.run('kubectl delete -f p.yaml').stderr).toBe(
      'Error from server (NotFound): error when deleting "p.yaml": pods "web" not found\n',
    );
  });

  it('[KC-MUT12] -A with --all reaches every namespace; argument errors in the builder words', () => {
    const k = running();
    k.run('kubectl create ns team');
    k.run('kubectl create configmap c1 -n team --from-literal=a=b');
    k.run('kubectl create configmap c2 --from-literal=a=b');
    const r = k.run('kubectl delete configmaps --all -A');
    expect(r.stdout).toContain('configmap "c1" deleted\n');
    expect(r.stdout).toContain('configmap "c2" deleted\n');
    expect(k.run('kubectl delete').stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expect(k.run('kubectl delete pods').stderr).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
    expect(k.run('kubectl delete foos x').stderr).toBe(
      'error: the server doesn\'t have a resource type "foos"\n',
    );
  });
});

describe('kubectl delete: flags', () => {
  it('[KC-MUT13] --grace-period, --now and --force rules; --force prints force deleted and the warning', () => {
    const k = running();
    expect(k.run('kubectl delete pod web --now --grace-period=3').stderr).toBe(
      'error: --now and --grace-period cannot be specified together\n',
    );
    expect(k.run('kubectl delete pod web --force --grace-period=5').stderr).toBe(
      'error: --force and --grace-period greater than 0 cannot be specified together\n',
    );
    const t0 = k.cluster.now();
    const warning =
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';
    // The warning comes first on a terminal, as kubectl prints it before deleting.
    expect(k.runToEnd('kubectl delete pod sleeper --force')).toEqual({
      stdout: 'pod "sleeper" force deleted\n',
      stderr: warning,
      exitCode: 0,
      interleaved: [
        { stream: 'stderr', text: warning },
        { stream: 'stdout', text: 'pod "sleeper" force deleted\n' },
      ],
    });
    expect(k.cluster.now()).toBe(t0);
    expect(k.cluster.api.tryGet('Pod', 'default', 'sleeper')).toBeUndefined();
  });

  it('[KC-MUT13] --cascade: orphan keeps the dependents; the boolean spellings warn', () => {
    const k = running();
    k.run('kubectl create deployment app --image=nginx --replicas=2');
    k.cluster.advance(10_000);
    const r = k.runToEnd('kubectl delete deploy app --cascade=false');
    expect(r).toEqual({
      stdout: 'deployment.apps "app" deleted\n',
      stderr:
        'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n',
      exitCode: 0,
    });
    k.cluster.advance(10_000);
    expect(k.cluster.api.list('ReplicaSet', 'default').items).toHaveLength(1);
    expect(k.run('kubectl delete rs --all --cascade=sideways').stderr).toBe(
      'error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan"\n',
    );
  });

  it('[KC-MUT13] -o name, --dry-run=client and =server delete nothing', () => {
    const k = running();
    expect(k.run('kubectl delete pod web --dry-run=client').stdout).toBe('pod "web" deleted (dry run)\n');
    expect(k.run('kubectl delete pod web --dry-run=server').stdout).toBe(
      'pod "web" deleted (server dry run)\n',
    );
    expect(k.cluster.api.get<KubeObject>('Pod', 'default', 'web').metadata.deletionTimestamp).toBeUndefined();
    expect(k.runToEnd('kubectl delete pod web -o name').stdout).toBe('pod/web\n');
    expect(k.run('kubectl delete pod sleeper -o yaml').stderr).toBe(
      "error: unexpected -o output mode: yaml. We only support '-o name'\n",
    );
  });
});

describe('kubectl delete --wait', () => {
  it('[KC-MUT14] waits (a wait-mode follower) until the pod is gone after its graceful termination', () => {
    const k = running();
    const r = k.run('kubectl delete pod sleeper');
    expect(r.stdout).toBe('pod "sleeper" deleted\n');
    expect(r.follow?.mode).toBe('wait');
    const t0 = k.cluster.now();
    let done = r.follow!.poll();
    while (!done.done && k.cluster.step()) done = r.follow!.poll();
    expect(done).toEqual({ stdout: '', stderr: '', done: true, exitCode: 0 });
    // sleep ignores SIGTERM: the kubelet kills it when the 30 s grace period ends.
    expect(k.cluster.now() - t0).toBeGreaterThanOrEqual(30_000);
    expect(k.cluster.api.tryGet('Pod', 'default', 'sleeper')).toBeUndefined();
  });

  it("[KC-MUT14] --timeout ends the wait with kubectl wait's error; --wait=false returns at once", () => {
    const k = running();
    const t0 = k.cluster.now();
    expect(k.runToEnd('kubectl delete pod sleeper --timeout=5s')).toEqual({
      stdout: 'pod "sleeper" deleted\n',
      stderr: 'error: timed out waiting for the condition on pods/sleeper\n',
      exitCode: 1,
    });
    expect(k.cluster.now() - t0).toBe(5_000);
    const r = k.run('kubectl delete pod web --wait=false');
    expect(r.follow).toBeUndefined();
    expect(r.stdout).toBe('pod "web" deleted\n');
  });
});
