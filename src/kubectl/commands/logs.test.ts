import { describe, expect, it } from 'vitest';
import { kit } from './mutate-testkit';

function counting() {
  const k = kit();
  k.run(
    'kubectl run counter --image=busybox --command -- sh -c "i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done"',
  );
  return k;
}

describe('kubectl logs', () => {
  it("[KC-MUT24] prints a pod's log; --tail and --timestamps; a waiting container is a BadRequest", () => {
    const k = counting();
    expect(k.run('kubectl logs counter').stderr).toBe(
      'Error from server (BadRequest): container "counter" in pod "counter" is waiting to start: ContainerCreating\n',
    );
    k.cluster.advance(30_000);
    const all = k.run('kubectl logs counter').stdout.trimEnd().split('\n');
    expect(all[0]).toBe('tick 0');
    expect(k.run('kubectl logs counter --tail=2').stdout).toBe(
      `${all[all.length - 2]}\n${all[all.length - 1]}\n`,
    );
    expect(k.run('kubectl logs counter --tail=1 --timestamps').stdout).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z tick \d+\n$/,
    );
    expect(k.run('kubectl logs counter -p').stderr).toBe(
      'Error from server (BadRequest): previous terminated container "counter" in pod "counter" not found\n',
    );
  });

  it('[KC-MUT24] deploy/NAME picks a pod and says which; -l prints every match; errors', () => {
    const k = kit();
    k.run('kubectl create deployment web --image=nginx --replicas=2');
    k.cluster.advance(30_000);
    const pods = k.cluster.api.list('Pod', 'default').items.map((p) => p.metadata.name);
    const r = k.run('kubectl logs deploy/web');
    expect(r.stderr).toMatch(new RegExp(`^Found 2 pods, using pod/(${pods.join('|')})\n$`));
    expect(r.stdout).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(k.run('kubectl logs -l app=web --prefix').stdout).toMatch(
      /^\[pod\/web-[a-z0-9]+-[a-z0-9]+\/nginx\] /,
    );
    expect(k.run('kubectl logs nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(k.run('kubectl logs').stderr).toBe(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    );
    // logsForObjectWithClient checks the container before any request (podcmd.FindContainerByName).
    expect(k.run(`kubectl logs ${pods[0]} -c nope`).stderr).toBe(
      `error: container nope is not valid for pod ${pods[0]}\n`,
    );
  });

  it('[KC-MUT24] -f follows (a watch follower) with the new lines as simulated time passes', () => {
    const k = counting();
    k.cluster.advance(10_000);
    const r = k.run('kubectl logs counter -f --tail=1');
    expect(r.follow?.mode).toBe('watch');
    const last = Number(/tick (\d+)/.exec(r.stdout)![1]);
    k.cluster.advance(3_000);
    const p = r.follow!.poll();
    expect(p.done).toBe(false);
    expect(p.stdout).toBe(`tick ${last + 1}\ntick ${last + 2}\ntick ${last + 3}\n`);
    k.run('kubectl delete pod counter --wait=false');
    k.cluster.advance(60_000);
    expect(r.follow!.poll().done).toBe(true);
  });
});
