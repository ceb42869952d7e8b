import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types';
import { describeObject } from './index';
import { bareApi, envOf, run, runningWeb } from './testkit';

const SHOW = { showEvents: true };

function podNames(ctx: { api: ReturnType<typeof bareApi>['api'] }, ns = 'default'): string[] {
  return ctx.api.list<KubeObject>('Pod', ns).items.map((p) => p.metadata.name);
}

describe('kubectl describe (command)', () => {
  it('[KC-DESC16] `describe TYPE` describes every object, two blank lines apart, in list order', () => {
    const c = runningWeb();
    const env = envOf(c);
    const names = podNames(c);
    const each = names.map((n) => describeObject(c.api, 'Pod', 'default', n, SHOW, c.now()));
    const r = run(env, 'describe', 'pods');
    expect(r).toEqual({ stdout: each.join('\n\n'), stderr: '', exitCode: 0 });
    // TYPE/NAME and TYPE NAME forms name single objects.
    expect(run(env, 'describe', `pod/${names[1]}`).stdout).toBe(each[1]);
    expect(run(env, 'describe', 'po', names[2]!).stdout).toBe(each[2]);
  });

  it('[KC-DESC16] `describe TYPE NAME_PREFIX` without an exact match describes each match followed by a blank line', () => {
    const c = runningWeb();
    const env = envOf(c);
    const names = podNames(c);
    const each = names.map((n) => describeObject(c.api, 'Pod', 'default', n, SHOW, c.now()));
    expect(run(env, 'describe', 'pod', 'web')).toEqual({
      stdout: each.map((s) => `${s}\n`).join(''),
      stderr: '',
      exitCode: 0,
    });
    // An exact match wins over the prefix: the Service `web` alone, not the pods.
    expect(run(env, 'describe', 'svc', 'web').stdout).toBe(
      describeObject(c.api, 'Service', 'default', 'web', SHOW, c.now()),
    );
  });

  it('[KC-DESC16] NotFound in kubectl words; found objects still print when another name is missing', () => {
    const c = runningWeb();
    const env = envOf(c);
    const [first] = podNames(c);
    expect(run(env, 'describe', 'pod', 'nope')).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      exitCode: 1,
    });
    expect(run(env, 'describe', 'deployment/nope')).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      exitCode: 1,
    });
    const both = run(env, 'describe', 'pod', first!, 'nope');
    expect(both.stdout).toBe(describeObject(c.api, 'Pod', 'default', first!, SHOW, c.now()));
    expect(both.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(both.exitCode).toBe(1);
  });

  it('[KC-DESC16] selectors, namespaces and empty results', () => {
    const c = runningWeb();
    const env = envOf(c);
    expect(run(env, 'describe', 'pods', '-l', 'app=none')).toEqual({
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
      exitCode: 0,
    });
    expect(run(env, 'describe', 'pods', '-A', '-l', 'app=none')).toEqual({
      stdout: '',
      stderr: 'No resources found\n',
      exitCode: 0,
    });
    const proxies = podNames(c, 'kube-system').filter((n) => n.startsWith('kube-proxy-'));
    const out = run(
      env,
      'describe',
      'pods',
      '-n',
      'kube-system',
      '-l',
      'k8s-app=kube-proxy',
      '--show-events=false',
    ).stdout;
    expect(out.split('\n\n\nName:').length).toBe(proxies.length);
    expect(out.startsWith(`Name:                 ${proxies[0]}\nNamespace:            kube-system\n`)).toBe(
      true,
    );
    const all = run(env, 'describe', 'deploy', '-A', '--show-events=false').stdout;
    // Across namespaces the list comes in namespace, then name order.
    expect(all.startsWith('Name:                   web\nNamespace:              default\n')).toBe(true);
    expect(all).toContain('\n\n\nName:                   coredns\nNamespace:              kube-system\n');
  });

  it('[KC-DESC16] argument errors are kubectl’s', () => {
    const env = envOf(bareApi());
    expect(run(env, 'describe')).toEqual({
      stdout: '',
      stderr:
        'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
      exitCode: 1,
    });
    expect(run(env, 'describe', 'foo').stderr).toBe(
      'error: the server doesn\'t have a resource type "foo"\n',
    );
    expect(run(env, 'describe', 'pods', 'a', '-l', 'x=y').stderr).toBe(
      'error: name cannot be provided when a selector is specified\n',
    );
    expect(run(env, 'describe', 'pods', 'a', '-A').stderr).toBe(
      'error: a resource cannot be retrieved by name across all namespaces\n',
    );
    expect(run(env, 'describe', 'pods', 'pod/a').stderr).toMatch(
      /^error: there is no need to specify a resource type as a separate argument/,
    );
  });

  it('[KC-DESC16] -f describes the objects a manifest names', () => {
    const ctx = bareApi();
    ctx.api.create(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', namespace: 'default' },
        data: { a: '1' },
      },
      { namespace: 'default' },
    );
    const env = {
      ...envOf(ctx),
      io: {
        readFile: (p: string) =>
          p === 'cm.yaml' ? 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n' : '',
      },
    };
    expect(run(env, 'describe', '-f', 'cm.yaml').stdout).toBe(
      describeObject(ctx.api, 'ConfigMap', 'default', 'settings', SHOW, ctx.clock.now()),
    );
  });

  it('[KC-DESC17] --help prints kubectl’s help page', () => {
    const help = run(envOf(bareApi()), 'describe', '--help').stdout;
    expect(
      help.startsWith(`Show details of a specific resource or group of resources

 Print a detailed description of the selected resources, including related resources such as events or controllers. You
may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

  $ kubectl describe TYPE NAME_PREFIX
  
 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for
every resource that has a name prefixed with NAME_PREFIX.

Use "kubectl api-resources" for a complete list of supported resources.

Examples:
  # Describe a node
  kubectl describe nodes kubernetes-node-emt8.c.myproject.internal
`),
    ).toBe(true);
    expect(help).toContain(`Options:
    -A, --all-namespaces=false:
	If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even
	if specified with --namespace.

    --chunk-size=500:
`);
    expect(help).toContain(`    --show-events=true:
	If true, display events related to the described object.

Usage:
  kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`);
  });
});
