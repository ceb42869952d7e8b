import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types';
import { kit } from './mutate-testkit';

type Deploy = KubeObject & {
  spec: {
    template: {
      spec: {
        containers: Array<{ name: string; image: string; env?: Array<{ name: string; value: string }> }>;
      };
    };
  };
};
const containers = (k: ReturnType<typeof kit>) =>
  k.cluster.api.get<Deploy>('Deployment', 'default', 'web').spec.template.spec.containers;

describe('kubectl set image', () => {
  it('[KC-MUT20] updates the named container: image updated; nothing printed when nothing changes', () => {
    const k = kit();
    k.run('kubectl create deployment web --image=nginx:1.27');
    expect(k.run('kubectl set image deployment/web nginx=nginx:1.28')).toEqual({
      stdout: 'deployment.apps/web image updated\n',
      stderr: '',
      exitCode: 0,
    });
    expect(containers(k)[0]!.image).toBe('nginx:1.28');
    expect(k.run('kubectl set image deployment/web nginx=nginx:1.28')).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 0,
    });
    expect(k.run('kubectl set image deploy web *=busybox').stdout).toBe(
      'deployment.apps/web image updated\n',
    );
    expect(containers(k)[0]!.image).toBe('busybox');
    k.run('kubectl run p --image=nginx');
    expect(k.run('kubectl set image pod/p p=nginx:1.28').stdout).toBe('pod/p image updated\n');
  });

  it('[KC-MUT20] errors: unknown container, no image, objects without a pod template', () => {
    const k = kit();
    k.run('kubectl create deployment web --image=nginx');
    expect(k.run('kubectl set image deployment/web sidecar=envoy')).toEqual({
      stdout: '',
      stderr: 'error: unable to find container named "sidecar"\n',
      exitCode: 1,
    });
    expect(k.run('kubectl set image deployment/web').stderr).toBe(
      'error: at least one image update is required\n',
    );
    expect(k.run('kubectl set image service/kubernetes a=b').stderr).toBe(
      'error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service\n',
    );
    expect(k.run('kubectl set image deployment/nope nginx=x').stderr).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
  });
});

describe('kubectl set env', () => {
  it('[KC-MUT20] KEY=VAL sets (replacing in place), KEY- removes; --list shows without changing', () => {
    const k = kit();
    k.run('kubectl create deployment web --image=nginx');
    expect(k.run('kubectl set env deployment/web A=1 B=2').stdout).toBe('deployment.apps/web env updated\n');
    expect(containers(k)[0]!.env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    k.run('kubectl set env deployment/web A=3 C=4');
    expect(containers(k)[0]!.env).toEqual([
      { name: 'A', value: '3' },
      { name: 'B', value: '2' },
      { name: 'C', value: '4' },
    ]);
    expect(k.run('kubectl set env deployment/web B-').stdout).toBe('deployment.apps/web env updated\n');
    expect(k.run('kubectl set env deployment/web --list')).toEqual({
      stdout: '# Deployment web, container nginx\nA=3\nC=4\n',
      stderr: '',
      exitCode: 0,
    });
    expect(k.run('kubectl set env deployment/web A=3')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('[KC-MUT20] errors: --overwrite=false, invalid names, arguments after the changes', () => {
    const k = kit();
    k.run('kubectl create deployment web --image=nginx');
    k.run('kubectl set env deployment/web A=1');
    expect(k.run('kubectl set env deployment/web A=2 --overwrite=false').stderr).toBe(
      "error: deployments/web 'A' already has a value (1), and --overwrite is false\n",
    );
    expect(k.run('kubectl set env deployment/web 1A=2').stderr).toMatch(
      /^error: "1A" is not a valid key name: a valid environment variable name must consist of/,
    );
    expect(k.run('kubectl set env deployment/web A=1 deployment/x').stderr).toBe(
      "error: all resources must be specified before environment changes: deployment/web A=1 deployment/x\nSee 'kubectl set env -h' for help and examples\n",
    );
    expect(k.run('kubectl set env deployment/web -c nope A=5').stderr).toBe(
      'warning: Deployment/web does not have any containers matching "nope"\n',
    );
  });
});
