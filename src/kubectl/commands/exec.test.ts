import { describe, expect, it } from 'vitest';
import { kit } from './mutate-testkit';
import type { Kit } from './mutate-testkit';

const DUO = `apiVersion: v1
kind: Pod
metadata:
  name: duo
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ["true"]
  containers:
  - name: web
    image: nginx:1.27
  - name: sidecar
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
`;

function started(files: Record<string, string> = {}): Kit {
  const k = kit({ 'duo.yaml': DUO, ...files });
  k.run('kubectl run web --image=nginx:1.27 --labels=app=web --env=COLOR=blue');
  k.run('kubectl apply -f duo.yaml');
  k.cluster.advance(30_000);
  return k;
}

describe('kubectl exec', () => {
  it('[KC-EXEC1] needs `--` before the command, a pod and a command; checks --pod-running-timeout', () => {
    const k = started();
    expect(k.run('kubectl exec web ls')).toEqual({
      stdout: '',
      stderr: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
      exitCode: 1,
    });
    expect(k.run('kubectl exec web').stderr).toBe('error: you must specify at least one command for the container\n');
    expect(k.run('kubectl exec web --').stderr).toBe('error: you must specify at least one command for the container\n');
    expect(k.run('kubectl exec').stderr).toBe('error: pod, type/name or --filename must be specified\n');
    expect(k.run('kubectl exec -- ls').stderr).toBe('error: pod, type/name or --filename must be specified\n');
    // Arguments between the pod and `--` are ignored, as cobra's ArgsLenAtDash leaves them.
    expect(k.run('kubectl exec web extra -- hostname').stdout).toBe('web\n');
    expect(k.run('kubectl exec web --pod-running-timeout=0 -- ls').stderr).toBe(
      "error: --pod-running-timeout must be higher than zero\nSee 'kubectl exec -h' for help and examples\n",
    );
    expect(k.run('kubectl exec web --pod-running-timeout=soon -- ls').stderr).toBe(
      `error: invalid argument "soon" for "--pod-running-timeout" flag: time: invalid duration "soon"\nSee 'kubectl exec --help' for usage.\n`,
    );
  });

  it('[KC-EXEC2] finds POD or TYPE/NAME as the builder does; a controller or Service leads to its most active pod', () => {
    const k = started();
    expect(k.run('kubectl exec nope -- ls').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(k.run('kubectl exec deploy/nope -- ls').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(k.run('kubectl exec foo/web -- ls').stderr).toBe('error: the server doesn\'t have a resource type "foo"\n');
    expect(k.run('kubectl exec a/b/c -- ls').stderr).toBe('error: arguments in resource/name form may not have more than one slash\n');
    expect(k.run('kubectl exec /web -- ls').stderr).toBe('error: arguments in resource/name form must have a single resource and name\n');
    expect(k.run('kubectl exec pod/web -- hostname').stdout).toBe('web\n');
    k.run('kubectl expose pod web --port=80');
    expect(k.run('kubectl exec svc/web -- hostname').stdout).toBe('web\n');
    expect(k.run('kubectl exec svc/kubernetes -- ls').stderr).toBe(
      "error: cannot attach to *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n",
    );
    expect(k.run('kubectl exec configmap/kube-root-ca.crt -- ls').stderr).toBe(
      'error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n',
    );
    // A Deployment: its pods sorted most active first: ready the longest, then in list (name) order.
    k.run('kubectl create deployment api --image=nginx:1.27 --replicas=2');
    k.cluster.advance(30_000);
    type P = { metadata: { name: string }; status: { conditions: Array<{ type: string; lastTransitionTime: string }> } };
    const readySince = (p: P) => p.status.conditions.find((c) => c.type === 'Ready')!.lastTransitionTime;
    const pods = k.cluster.api
      .list<P & { kind: string; apiVersion: string }>('Pod', 'default', { labelSelector: 'app=api' })
      .items.slice()
      .sort((a, b) => (readySince(a) < readySince(b) ? -1 : readySince(a) > readySince(b) ? 1 : a.metadata.name < b.metadata.name ? -1 : 1))
      .map((p) => p.metadata.name);
    expect(k.run('kubectl exec deploy/api -- hostname').stdout).toBe(`${pods[0]}\n`);
    // The one that crashed is ready again later than the other, and has restarted.
    k.cluster.crash('default', pods[0]!);
    k.cluster.advance(20_000);
    expect(k.run('kubectl exec deploy/api -- hostname').stdout).toBe(`${pods[1]}\n`);
    k.run('kubectl scale deployment api --replicas=0');
    k.cluster.advance(60_000);
    expect(k.run('kubectl exec deploy/api -- hostname').stderr).toBe('error: timed out waiting for the condition\n');
  });

  it('[KC-EXEC2] -f names the object as the file has it', () => {
    const k = started({ 'web.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n' });
    expect(k.run('kubectl exec -f web.yaml -- hostname').stdout).toBe('web\n');
    expect(k.run('kubectl exec -f web.yaml ls').stderr).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
    expect(k.run('kubectl exec -f web.yaml web -- ls').stderr).toBe(
      'error: when paths, URLs, or stdin is provided as input, you may not specify a resource by arguments as well\n',
    );
  });

  it('[KC-EXEC3] refuses a completed pod; defaults the container and says so; -c goes to the server as given', () => {
    const k = started();
    k.run('kubectl run once --image=busybox:1.36 --restart=Never -- true');
    k.cluster.advance(10_000);
    expect(k.run('kubectl exec once -- ls').stderr).toBe('error: cannot exec into a container in a completed pod; current phase is Succeeded\n');
    expect(k.run('kubectl exec duo -- hostname')).toMatchObject({
      stdout: 'duo\n',
      stderr: 'Defaulted container "web" out of: web, sidecar, setup (init)\n',
      exitCode: 0,
    });
    expect(k.run('kubectl exec -q duo -- hostname')).toEqual({ stdout: 'duo\n', stderr: '', exitCode: 0 });
    expect(k.run('kubectl exec duo -c sidecar -- ls /etc/hostname')).toEqual({ stdout: '/etc/hostname\n', stderr: '', exitCode: 0 });
    expect(k.run('kubectl exec duo -c nope -- ls').stderr).toBe('Error from server (BadRequest): container nope is not valid for pod duo\n');
    expect(k.run('kubectl exec duo -c setup -- ls').stderr).toBe('error: unable to upgrade connection: container not found ("setup")\n');
    k.run('kubectl annotate pod duo kubectl.kubernetes.io/default-container=sidecar');
    // The annotation's container (busybox, no NGINX_VERSION) and no notice.
    expect(k.run('kubectl exec duo -- printenv NGINX_VERSION')).toEqual({ stdout: '', stderr: 'command terminated with exit code 1\n', exitCode: 1 });
  });

  it('[KC-EXEC4] -i sends standard input; -t without a terminal says so and carries on without one', () => {
    const k = started();
    expect(k.run('kubectl exec -i duo -c sidecar -- sh', 'echo from stdin\nhostname\n')).toEqual({ stdout: 'from stdin\nduo\n', stderr: '', exitCode: 0 });
    // Without -i the command's standard input is empty.
    expect(k.run('kubectl exec duo -c sidecar -- cat', 'ignored\n').stdout).toBe('');
    expect(k.run('kubectl exec -it web -- sh')).toEqual({
      stdout: '',
      stderr: 'Unable to use a TTY - input is not a terminal or the right kind of file\n',
      exitCode: 0,
    });
    expect(k.run('kubectl exec -t web -- hostname')).toEqual({ stdout: 'web\n', stderr: '', exitCode: 0 });
    expect(k.run('kubectl exec -itq web -- hostname')).toEqual({ stdout: 'web\n', stderr: '', exitCode: 0 });
  });

  it('[KC-EXEC5] prints what the command writes, in order; its exit code; the failures in kubectl\'s words', () => {
    const k = started();
    expect(k.run('kubectl exec web -- printenv COLOR').stdout).toBe('blue\n');
    const mixed = k.run(`kubectl exec web -- sh -c 'echo out; echo err >&2; echo more; exit 3'`);
    expect(mixed.exitCode).toBe(3);
    expect(mixed.interleaved).toEqual([
      { stream: 'stdout', text: 'out\n' },
      { stream: 'stderr', text: 'err\n' },
      { stream: 'stdout', text: 'more\n' },
      { stream: 'stderr', text: 'command terminated with exit code 3\n' },
    ]);
    expect(k.run('kubectl exec web -- ls /nope')).toEqual({
      stdout: '',
      stderr: "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2\n",
      exitCode: 2,
    });
    k.run('kubectl create deployment echo --image=hashicorp/http-echo -- /http-echo -text=hi');
    k.cluster.advance(30_000);
    const noShell = k.run('kubectl exec deploy/echo -- sh');
    expect(noShell.exitCode).toBe(1);
    expect(noShell.stderr).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in \$PATH: unknown\n$/,
    );
    k.run('kubectl run late --image=python:3.12');
    k.cluster.advance(100);
    expect(k.run('kubectl exec late -- ls').stderr).toBe('error: unable to upgrade connection: container not found ("late")\n');
    const node = k.cluster.api.get<{ metadata: { name: string }; spec: { nodeName: string } }>('Pod', 'default', 'web').spec.nodeName;
    k.cluster.nodeDown(node);
    expect(k.run('kubectl exec web -- ls').stderr).toMatch(
      /^Error from server: error dialing backend: dial tcp 172\.18\.0\.\d+:10250: connect: connection refused\n$/,
    );
  });

  it('[KC-EXEC6] a command that takes time returns a wait follower; stopping it leaves the command running', () => {
    const k = started();
    const r = k.run(`kubectl exec web -- sh -c 'echo one; sleep 5; echo two; exit 4'`);
    expect(r.stdout).toBe('one\n');
    expect(r.follow?.mode).toBe('wait');
    k.cluster.advance(5_000);
    expect(r.follow!.poll()).toEqual({ stdout: 'two\n', stderr: 'command terminated with exit code 4\n', done: true, exitCode: 4 });
    expect(k.runToEnd(`kubectl exec web -- sh -c 'sleep 2; hostname'`)).toEqual({ stdout: 'web\n', stderr: '', exitCode: 0 });
    const bg = k.run(`kubectl exec web -- sh -c 'sleep 5; echo later > /tmp/late'`);
    bg.follow!.stop();
    k.cluster.advance(6_000);
    expect(k.run('kubectl exec web -- cat /tmp/late').stdout).toBe('later\n');
  });
});
