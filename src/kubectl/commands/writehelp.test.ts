import { describe, expect, it } from 'vitest';
import { kit } from './mutate-testkit';

const COMMANDS = [
  'apply',
  'create',
  'create deployment',
  'create namespace',
  'create configmap',
  'create secret generic',
  'create service clusterip',
  'create serviceaccount',
  'run',
  'expose',
  'delete',
  'scale',
  'rollout status',
  'rollout history',
  'rollout undo',
  'rollout restart',
  'rollout pause',
  'rollout resume',
  'set image',
  'set env',
  'label',
  'annotate',
  'cordon',
  'uncordon',
  'drain',
  'taint',
  'logs',
];

describe('write-side help', () => {
  it('[KC-MUT25] every command prints Long, Examples, sorted Options and Usage as kubectl lays them out', () => {
    const k = kit();
    for (const c of COMMANDS) {
      const r = k.run(`kubectl ${c} --help`);
      expect(r.exitCode, c).toBe(0);
      const out = r.stdout;
      expect(
        out.endsWith(
          '\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
        ),
        c,
      ).toBe(true);
      expect(out, c).toMatch(/\nExamples:\n {2}# /);
      expect(out, c).toMatch(new RegExp(`\\nUsage:\\n {2}kubectl ${c.split(' ')[0]} .*\\[options\\]\\n\\n`));
      const options = out.slice(out.indexOf('\nOptions:\n') + 10, out.indexOf('\n\nUsage:'));
      const names = [...options.matchAll(/^ {4}(?:-\w, )?--([\w-]+)=/gm)].map((m) => m[1]!);
      expect(names.length, c).toBeGreaterThan(0);
      expect(names, c).toEqual([...names].sort());
    }
  });

  it('[KC-MUT25] paragraphs after the first start with a space; option usages are tab-indented and wrapped', () => {
    const k = kit();
    const out = k.run('kubectl scale --help').stdout;
    expect(
      out.startsWith(
        'Set a new size for a deployment, replica set, replication controller, or stateful set.\n\n Scale also allows',
      ),
    ).toBe(true);
    expect(out).toContain(
      '    --current-replicas=-1:\n\tPrecondition for current size. Requires that the current size of the resource match this value in order to\n\tscale. -1 (default) for no condition.\n',
    );
    expect(out).toContain("    -o, --output='':\n");
    expect(out).toContain(
      'Usage:\n  kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]\n',
    );
    expect(k.run('kubectl create deployment -h').stdout).toContain('\nAliases:\ndeployment, deploy\n\n');
  });

  it('[KC-MUT26] kubectl --help lists the commands in kubectl\'s groups, the rest under Other Commands', () => {
    const out = kit().run('kubectl --help').stdout;
    const headers = [...out.matchAll(/^(\S.*):$/gm)].map((m) => m[1]);
    expect(headers).toEqual([
      'Basic Commands (Beginner)',
      'Basic Commands (Intermediate)',
      'Deploy Commands',
      'Cluster Management Commands',
      'Troubleshooting and Debugging Commands',
      'Advanced Commands',
      'Settings Commands',
      'Other Commands',
      'Usage',
    ]);
    expect(out).toContain('Basic Commands (Beginner):\n  create          Create a resource from a file or from stdin\n');
    expect(out).toContain('\nOther Commands:\n  api-resources   Print the supported API resources on the server\n');
  });
});
