import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/cluster';
import { runSession } from './session';

const run = (script: string) => runSession(script, { cluster: createCluster({ seed: 1 }) });

describe('the session language', () => {
  it('echoes each command, feeds a here-document to stdin, and sleeps in simulated time', () => {
    const cluster = createCluster({ seed: 1 });
    const t0 = cluster.now();
    const r = runSession(['kubectl apply -f - <<EOF', 'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: c', 'EOF', 'sleep 1h30m', '# a comment', ''].join('\n'), { cluster });
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe('$ kubectl apply -f -\n> apiVersion: v1\n> kind: ConfigMap\n> metadata:\n>   name: c\n> EOF\nconfigmap/c created\n$ sleep 1h30m\n');
    expect(cluster.now() - t0).toBe(90 * 60_000);
  });

  it('stops at a line it does not understand, naming the line', () => {
    const r = run('kubectl get ns\nkubectl describe node node-1 | grep Taints\nkubectl get pods');
    expect(r.exitCode).toBe(2);
    expect(r.errorLine).toBe(2);
    expect(r.output.endsWith('kubesim: line 2: "|" is not supported: a session line is one command (no pipes, lists or redirections)\n')).toBe(true);
    expect(r.output).not.toContain('$ kubectl get pods');
    expect(run('helm install x').error).toBe('kubesim: line 1: unknown command "helm": expected kubectl, sleep or sim');
    expect(run('sleep soon').exitCode).toBe(2);
  });
});
