import { describe, expect, it } from 'vitest';
import { apiVersionOf } from '../../engine/api/resources';
import { createCluster } from '../../engine/cluster';
import { kubectl } from '../index';
import { splitShellWords } from '../shell';
import type { KubectlEnv } from '../types';

function session() {
  const cluster = createCluster({ seed: 1 });
  const env: KubectlEnv = { api: cluster.api, clock: cluster.clock, io: {}, namespace: 'default' };
  return { cluster, k: (line: string) => kubectl(splitShellWords(line), env) };
}

describe('api discovery commands', () => {
  it('[KC-INFO1] api-resources: columns, group-then-name order, filters and -o wide / -o name', () => {
    const s = session();
    expect(s.k('api-resources --api-group=coordination.k8s.io').stdout).toBe(
      'NAME     SHORTNAMES   APIVERSION               NAMESPACED   KIND\nleases                coordination.k8s.io/v1   true         Lease\n',
    );
    expect(s.k('api-resources --namespaced=false --no-headers').stdout).toBe(
      'namespaces   ns    v1    false   Namespace\nnodes        no    v1    false   Node\n',
    );
    const rows = s.k('api-resources').stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/));
    const apiVersions = rows.map((r) => r[r.length - 3]!);
    const groups = apiVersions.map((v) => (v.includes('/') ? v.split('/')[0]! : ''));
    expect(groups).toEqual([...groups].sort());
    const core = rows.filter((_, i) => groups[i] === '').map((r) => r[0]!);
    expect(core).toEqual([...core].sort());
    expect(core).toEqual(expect.arrayContaining(['configmaps', 'events', 'namespaces', 'nodes', 'pods', 'secrets', 'serviceaccounts', 'services']));
    const wide = s.k('api-resources -o wide').stdout.split('\n');
    expect(wide[0]).toMatch(/^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND +VERBS +CATEGORIES$/);
    expect(wide.find((l) => l.startsWith('pods '))).toMatch(/ Pod +create,delete,deletecollection,get,list,patch,update,watch +all$/);
    expect(s.k('api-resources -o name --api-group=apps').stdout).toContain('deployments.apps\nreplicasets.apps\n');
    expect(s.k('api-resources --sort-by=age').stderr).toBe('error: --sort-by accepts only name or kind\n');
  });

  it('[KC-INFO2] api-versions: each served group/version once, sorted as strings', () => {
    const s = session();
    const expected = [...new Set(s.cluster.api.registry.all().map((t) => apiVersionOf(t)))].sort();
    const out = s.k('api-versions').stdout;
    expect(out).toBe(expected.map((v) => v + '\n').join(''));
    expect(out.endsWith('\nv1\n')).toBe(true);
    expect(out).toContain('apps/v1\n');
  });

  it('[KC-INFO3] explain resolves short names and field paths, with kubectl\'s errors', () => {
    const s = session();
    const out = s.k('explain po.spec.nodeName').stdout;
    expect(out.startsWith('KIND:       Pod\nVERSION:    v1\n\nFIELD: nodeName <string>\n\n\nDESCRIPTION:\n    NodeName')).toBe(true);
    expect(s.k('explain deployments').stdout.startsWith('GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nDESCRIPTION:\n')).toBe(true);
    const rec = s.k('explain svc.spec.ports --recursive').stdout;
    expect(rec).toContain('FIELDS:\n  appProtocol\t<string>\n');
    expect(s.k('explain deploy.spec.foo').stderr).toBe('error: field "foo" does not exist\n');
    expect(s.k('explain foo').stderr).toBe('error: the server doesn\'t have a resource type "foo"\n');
    expect(s.k('explain').stderr).toBe(
      'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
    );
  });

  it('[KC-INFO4] version', () => {
    const s = session();
    expect(s.k('version').stdout).toBe('Client Version: v1.33.1\nKustomize Version: v5.6.0\nServer Version: v1.33.1\n');
    expect(s.k('version --client').stdout).toBe('Client Version: v1.33.1\nKustomize Version: v5.6.0\n');
  });

  it('[KC-INFO5] cluster-info', () => {
    expect(session().k('cluster-info').stdout).toBe(
      'Kubernetes control plane is running at https://127.0.0.1:6443\n' +
        'CoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n' +
        '\n' +
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
  });

  it('[KC-GET17] every read command prints its help', () => {
    const s = session();
    for (const cmd of ['get', 'api-resources', 'api-versions', 'explain', 'version', 'cluster-info']) {
      const out = s.k(`${cmd} --help`).stdout;
      expect(out).toContain('Usage:\n  kubectl ' + cmd);
      expect(out).toContain('Use "kubectl options" for a list of global command-line options (applies to all commands).\n');
    }
  });
});
