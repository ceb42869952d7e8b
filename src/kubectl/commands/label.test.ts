import { describe, expect, it } from 'vitest';
import { kit } from './mutate-testkit';

function withPod() {
  const k = kit();
  k.run('kubectl run web --image=nginx --labels=app=web');
  return k;
}
const labels = (k: ReturnType<typeof kit>) => k.cluster.api.get('Pod', 'default', 'web').metadata.labels;

describe('kubectl label', () => {
  it('[KC-MUT21] adds, overwrites with --overwrite and removes with key-; says what changed', () => {
    const k = withPod();
    expect(k.run('kubectl label pod web tier=db')).toEqual({
      stdout: 'pod/web labeled\n',
      stderr: '',
      exitCode: 0,
    });
    expect(k.run('kubectl label pod web app=api')).toEqual({
      stdout: '',
      stderr: "error: 'app' already has a value (web), and --overwrite is false\n",
      exitCode: 1,
    });
    expect(k.run('kubectl label pod web app=web').stdout).toBe('pod/web not labeled\n');
    expect(k.run('kubectl label pod web app=api --overwrite').stdout).toBe('pod/web labeled\n');
    expect(k.run('kubectl label pod web tier-').stdout).toBe('pod/web unlabeled\n');
    expect(k.run('kubectl label pod web zone=a app- --overwrite').stdout).toBe('pod/web label(s) changed\n');
    expect(labels(k)).toEqual({ zone: 'a' });
    expect(k.run('kubectl label pod web nope-').stdout).toBe(
      'label "nope" not found.\npod/web not labeled\n',
    );
  });

  it('[KC-MUT21] --all, -l, nodes; --dry-run=client changes nothing', () => {
    const k = withPod();
    k.run('kubectl run other --image=nginx --labels=app=other');
    expect(k.run('kubectl label pods --all env=prod').stdout).toBe('pod/other labeled\npod/web labeled\n');
    expect(k.run('kubectl label pods -l app=web env=dev --overwrite').stdout).toBe('pod/web labeled\n');
    expect(k.run('kubectl label node node-1 disk=ssd').stdout).toBe('node/node-1 labeled\n');
    expect(k.run('kubectl label pod web x=y --dry-run=client').stdout).toBe('pod/web labeled (dry run)\n');
    expect(labels(k)).toEqual({ app: 'web', env: 'dev' });
    expect(k.run('kubectl label pod web --list').stdout).toBe('app=web\nenv=dev\n');
  });

  it('[KC-MUT21] argument errors in kubectl words', () => {
    const k = withPod();
    expect(k.run('kubectl label pod web').stderr).toBe('error: at least one label update is required\n');
    expect(k.run('kubectl label pod web a=b=c').stderr).toBe('error: invalid label spec: a=b=c\n');
    expect(k.run('kubectl label pod web a=b a-').stderr).toBe(
      'error: can not both modify and remove a label in the same command\n',
    );
    expect(k.run('kubectl label pod web a=b pod').stderr).toBe(
      'error: all resources must be specified before label changes: pod\n',
    );
    expect(k.run('kubectl label pod nope a=b').stderr).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
    expect(k.run('kubectl label pods a=b').stderr).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
  });
});

describe('kubectl annotate', () => {
  it('[KC-MUT21] annotated; overwriting needs --overwrite; key- removes', () => {
    const k = withPod();
    expect(k.run("kubectl annotate pod web description='my frontend'").stdout).toBe('pod/web annotated\n');
    expect(k.run('kubectl annotate pod web description=other').stderr).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'description' already has a value (my frontend)\n",
    );
    expect(k.run('kubectl annotate pod web description=other --overwrite').stdout).toBe(
      'pod/web annotated\n',
    );
    expect(k.cluster.api.get('Pod', 'default', 'web').metadata.annotations).toEqual({ description: 'other' });
    expect(k.run('kubectl annotate pod web description-').stdout).toBe('pod/web annotated\n');
    expect(k.cluster.api.get('Pod', 'default', 'web').metadata.annotations ?? {}).toEqual({});
    expect(k.run('kubectl annotate pod web a=1 a-').stderr).toBe(
      'error: can not both modify and remove the following annotation(s) in the same command: a\n',
    );
  });
});
