import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types';
import { kit } from './mutate-testkit';

type Node = KubeObject & {
  spec: { unschedulable?: boolean; taints?: Array<{ key: string; value?: string; effect: string }> };
};
const node = (k: ReturnType<typeof kit>, name: string) => k.cluster.api.get<Node>('Node', undefined, name);

describe('kubectl cordon / uncordon', () => {
  it('[KC-MUT22] cordoned / already cordoned, uncordoned / already uncordoned', () => {
    const k = kit();
    expect(k.run('kubectl cordon node-1')).toEqual({
      stdout: 'node/node-1 cordoned\n',
      stderr: '',
      exitCode: 0,
    });
    expect(node(k, 'node-1').spec.unschedulable).toBe(true);
    expect(k.run('kubectl cordon node-1').stdout).toBe('node/node-1 already cordoned\n');
    expect(k.run('kubectl uncordon node/node-1').stdout).toBe('node/node-1 uncordoned\n');
    expect(node(k, 'node-1').spec.unschedulable).toBeUndefined();
    expect(k.run('kubectl uncordon node-1').stdout).toBe('node/node-1 already uncordoned\n');
    expect(k.run('kubectl cordon node-2 --dry-run=client').stdout).toBe('node/node-2 cordoned (dry run)\n');
    expect(k.run('kubectl cordon').stderr).toBe(
      "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n",
    );
    expect(k.run('kubectl cordon nope').stderr).toBe(
      'Error from server (NotFound): nodes "nope" not found\n',
    );
  });
});

describe('kubectl taint', () => {
  it('[KC-MUT22] tainted, modified with --overwrite, untainted with key:Effect- or key-', () => {
    const k = kit();
    expect(k.run('kubectl taint nodes node-1 dedicated=gpu:NoSchedule').stdout).toBe('node/node-1 tainted\n');
    expect(node(k, 'node-1').spec.taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    expect(k.run('kubectl taint nodes node-1 dedicated=cpu:NoSchedule').stderr).toBe(
      'error: node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
    );
    expect(k.run('kubectl taint node node-1 dedicated=cpu:NoSchedule --overwrite').stdout).toBe(
      'node/node-1 modified\n',
    );
    expect(k.run('kubectl taint node node-1 spot:NoExecute').stdout).toBe('node/node-1 tainted\n');
    expect(k.run('kubectl taint node node-1 dedicated:NoSchedule-').stdout).toBe('node/node-1 untainted\n');
    expect(k.run('kubectl taint node node-1 spot-').stdout).toBe('node/node-1 untainted\n');
    expect(node(k, 'node-1').spec.taints).toBeUndefined();
  });

  it('[KC-MUT22] errors: unknown effect (usage), missing taint, wrong resource type, no name', () => {
    const k = kit();
    expect(k.run('kubectl taint nodes node-1 a=b:Sometimes').stderr).toBe(
      "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n",
    );
    expect(k.run('kubectl taint nodes node-1 dedicated-').stderr).toBe(
      'error: taint "dedicated" not found\n',
    );
    expect(k.run('kubectl taint pods web a=b:NoSchedule').stderr).toBe(
      'error: invalid resource type pods, only ["node" "nodes"] are supported\n',
    );
    expect(k.run('kubectl taint nodes a=b:NoSchedule').stderr).toBe(
      "error: at least one resource name must be specified since 'all' parameter is not set\n",
    );
    expect(k.run('kubectl taint nodes node-1').stderr).toBe('error: at least one taint update is required\n');
  });
});

describe('kubectl drain', () => {
  function busy() {
    const k = kit();
    k.run('kubectl create deployment web --image=nginx --replicas=6');
    k.run('kubectl run solo --image=nginx');
    k.cluster.advance(60_000);
    const solo = k.cluster.api.get<KubeObject & { spec: { nodeName: string } }>('Pod', 'default', 'solo').spec
      .nodeName;
    return { k, solo };
  }

  it('[KC-MUT23] refuses DaemonSet-managed and unmanaged pods with pkg/drain messages, but stays cordoned', () => {
    const { k, solo } = busy();
    const proxy = k.cluster.api
      .list<KubeObject>('Pod', 'kube-system', { fieldSelector: `spec.nodeName=${solo}` })
      .items.find((p) => p.metadata.name.startsWith('kube-proxy-'))!.metadata.name;
    const r = k.run(`kubectl drain ${solo}`);
    expect(r.stdout).toBe(`node/${solo} cordoned\n`);
    expect(r.stderr).toBe(
      `error: unable to drain node "${solo}" due to error: [cannot delete Pods that declare no controller (use --force to override): default/solo, cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxy}], continuing command...\n` +
        `There are pending nodes to be drained:\n ${solo}\n` +
        'cannot delete Pods that declare no controller (use --force to override): default/solo\n' +
        `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxy}\n`,
    );
    expect(r.exitCode).toBe(1);
    expect(node(k, solo).spec.unschedulable).toBe(true);
    expect(k.run(`kubectl drain ${solo} --ignore-daemonsets`).stderr).toContain(
      'error: cannot delete Pods that declare no controller (use --force to override): default/solo\n',
    );
  });

  it('[KC-MUT23] evicts the rest and waits (a wait follower): evicting pod, pod/x evicted, node/x drained', () => {
    const { k, solo } = busy();
    const before = k.cluster.api.list<KubeObject>('Pod', undefined, {
      fieldSelector: `spec.nodeName=${solo}`,
    }).items;
    const evictable = before
      .filter((p) => !p.metadata.name.startsWith('kube-proxy-'))
      .map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    const r = k.run(`kubectl drain ${solo} --ignore-daemonsets --force`);
    expect(r.follow?.mode).toBe('wait');
    expect(r.stdout).toBe(`node/${solo} cordoned\n` + evictable.map((p) => `evicting pod ${p}\n`).join(''));
    expect(r.stderr).toMatch(
      /^Warning: deleting Pods that declare no controller: default\/solo; ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-/,
    );
    let out = '';
    let p = r.follow!.poll();
    while (!p.done && k.cluster.step()) {
      out += p.stdout;
      p = r.follow!.poll();
    }
    out += p.stdout;
    expect(p.exitCode).toBe(0);
    expect(out.trimEnd().split('\n').sort()).toEqual(
      [...evictable.map((x) => `pod/${x.split('/')[1]} evicted`), `node/${solo} drained`].sort(),
    );
    expect(out.endsWith(`node/${solo} drained\n`)).toBe(true);
    const left = k.cluster.api.list<KubeObject>('Pod', undefined, {
      fieldSelector: `spec.nodeName=${solo}`,
    }).items;
    expect(left.every((x) => x.metadata.name.startsWith('kube-proxy-'))).toBe(true);
  });

  it('[KC-MUT23] --dry-run=client lists the evictions and changes nothing', () => {
    const { k, solo } = busy();
    const r = k.run(`kubectl drain ${solo} --ignore-daemonsets --force --dry-run=client`);
    expect(r.stdout.startsWith(`node/${solo} cordoned (dry run)\nevicting pod `)).toBe(true);
    expect(r.stdout.endsWith(`node/${solo} drained (dry run)\n`)).toBe(true);
    expect(node(k, solo).spec.unschedulable).toBeUndefined();
    expect(k.cluster.api.tryGet('Pod', 'default', 'solo')).toBeDefined();
  });
});
