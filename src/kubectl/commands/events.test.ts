import { describe, expect, it } from 'vitest';
import { kit } from './mutate-testkit';

describe('kubectl events', () => {
  it('[KC-EV1] lists the namespace\'s events oldest first, repeated ones as "<last> (xN over <first>)", objects as Kind/name', () => {
    const k = kit();
    k.run('kubectl run bad --image=nginx:nope');
    k.cluster.advance(40_000);
    const out = k.run('kubectl events --for pod/bad').stdout.split('\n');
    expect(out[0]).toMatch(/^LAST SEEN {10}TYPE {6}REASON {6}OBJECT {4}MESSAGE$/);
    expect(out[1]).toMatch(/^40s {16}Normal {4}Scheduled {3}Pod\/bad {3}Successfully assigned default\/bad to node-\d$/);
    expect(out).toContain('7s (x3 over 39s)   Warning   Failed      Pod/bad   Error: ErrImagePull');
    const warnings = k.run('kubectl events --types=Warning').stdout;
    expect(warnings).not.toContain('Normal');
    expect(k.run('kubectl events -A').stdout).toMatch(/^NAMESPACE +LAST SEEN/);
  });

  it('[KC-EV1] says when there is nothing, and refuses bad --for and --types', () => {
    const k = kit();
    expect(k.run('kubectl events -n kube-public').stderr).toBe('No events found in kube-public namespace.\n');
    expect(k.run('kubectl events -A --for deploy/nope').stderr).toBe('No events found.\n');
    expect(k.run('kubectl events --for bad').stderr).toBe('error: --for must be in resource/name form\n');
    expect(k.run('kubectl events --types=Error').stderr).toBe('error: valid --types are Normal or Warning\n');
  });
});
