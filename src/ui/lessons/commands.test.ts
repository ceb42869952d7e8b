import { describe, expect, it } from 'vitest';
import { runnableCommands } from './commands';

describe('runnableCommands: which lesson blocks get a Run button', () => {
  it('runs plain commands, without comments or blank lines', () => {
    expect(runnableCommands('kubectl get nodes\n\n# then\nkubectl get pods -n kube-system\n')).toEqual(['kubectl get nodes', 'kubectl get pods -n kube-system']);
    expect(runnableCommands("kubectl get pods -l 'env in (prod,staging)'")).toEqual(["kubectl get pods -l 'env in (prod,staging)'"]);
    expect(runnableCommands('kubectl get pods -o custom-columns=NAME:.metadata.name,OWNER:.metadata.ownerReferences[*].name')).not.toBeNull();
    expect(runnableCommands('kubectl run hello --image=nginx:1.27')).not.toBeNull();
  });

  it('does not run a pattern the learner must fill in', () => {
    expect(runnableCommands('kubectl delete pod web-xxxxx\nkubectl get pods -o wide')).toBeNull();
    expect(runnableCommands('kubectl describe pod NAME')).toBeNull();
    expect(runnableCommands('sim curl http://NODE-IP:PORT')).toBeNull();
    expect(runnableCommands('kubectl logs <pod>')).toBeNull();
    expect(runnableCommands('kubectl get pods -o custom-columns=NAME:.metadata.name POD')).toBeNull();
  });

  it('does not type a here-document at the prompt, nor an empty block', () => {
    expect(runnableCommands('kubectl apply -f - <<EOF\nkind: Pod\nEOF')).toBeNull();
    expect(runnableCommands('# only a comment\n')).toBeNull();
  });
});
