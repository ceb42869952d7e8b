import { describe, expect, it } from 'vitest';
import { applyMergePatch, createMergePatch, createThreeWayJsonMergePatch } from './jsonmerge';

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}

describe('applyMergePatch (RFC 7386)', () => {
  // The examples of RFC 7386 appendix A.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('[MRG1] %j + %j = %j', (target, patch, expected) => {
    expect(applyMergePatch(deepFreeze(target), deepFreeze(patch))).toEqual(expected);
  });

  it('[MRG1] replaces a list of containers whole (why Kubernetes has strategic merge patch)', () => {
    const pod = deepFreeze({
      spec: { containers: [{ name: 'app', image: 'nginx:1.24' }, { name: 'sidecar', image: 'envoy' }] },
    });
    expect(applyMergePatch(pod, { spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } })).toEqual({
      spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] },
    });
  });

  it('[MRG1] removes a label with null, as kubectl patch --type merge does', () => {
    const obj = deepFreeze({ metadata: { name: 'x', labels: { app: 'web', tier: 'fe' } } });
    expect(applyMergePatch(obj, { metadata: { labels: { tier: null } } })).toEqual({ metadata: { name: 'x', labels: { app: 'web' } } });
  });
});

describe('createMergePatch', () => {
  it('[MRG2] sends changes and additions, nulls for removals, and changed lists whole', () => {
    const original = deepFreeze({ a: 1, b: { c: 'x', d: 'y' }, l: [1, 2], gone: true, same: { k: 'v' } });
    const modified = deepFreeze({ a: 2, b: { c: 'x', e: 'z' }, l: [1, 2, 3], added: [], same: { k: 'v' } });
    const patch = createMergePatch(original, modified);
    expect(patch).toEqual({ a: 2, b: { d: null, e: 'z' }, l: [1, 2, 3], gone: null, added: [] });
    expect(applyMergePatch(original, patch)).toEqual(modified);
  });

  it('[MRG2] is empty for equal documents', () => {
    expect(createMergePatch({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual({});
  });

  it('[MRG2] replaces a value whose type changed', () => {
    expect(createMergePatch({ a: { b: 1 } }, { a: 'x' })).toEqual({ a: 'x' });
    expect(createMergePatch({ a: null }, { a: 1 })).toEqual({ a: 1 });
  });
});

describe('createThreeWayJsonMergePatch (kubectl apply for custom resources)', () => {
  const lastApplied = deepFreeze({
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w' },
    spec: { size: 1, color: 'red', parts: ['a'] },
  });

  it('[MRG3] deletes what the manifest dropped, sends what changed, keeps what others set', () => {
    const manifest = deepFreeze({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 2, parts: ['a', 'b'] } });
    const live = deepFreeze({
      ...lastApplied,
      metadata: { name: 'w', uid: 'u', labels: { added: 'by-kubectl-label' } },
      spec: { size: 1, color: 'red', parts: ['a'], defaulted: true },
      status: { ready: true },
    });
    const patch = createThreeWayJsonMergePatch(lastApplied, manifest, live);
    expect(patch).toEqual({ spec: { size: 2, color: null, parts: ['a', 'b'] } });
    expect(applyMergePatch(live, patch)).toEqual({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', uid: 'u', labels: { added: 'by-kubectl-label' } },
      spec: { size: 2, parts: ['a', 'b'], defaulted: true },
      status: { ready: true },
    });
  });

  it('[MRG3] puts a changed live value back to the manifest value', () => {
    const live = deepFreeze({ ...lastApplied, spec: { size: 9, color: 'red', parts: ['a'] } });
    expect(createThreeWayJsonMergePatch(lastApplied, lastApplied, live)).toEqual({ spec: { size: 1 } });
  });

  it('[MRG3] sends nothing when the live object matches the manifest', () => {
    const live = deepFreeze({ ...lastApplied, status: { ready: true } });
    expect(createThreeWayJsonMergePatch(lastApplied, lastApplied, live)).toEqual({});
  });

  it('[MRG3] without last-applied only adds and changes', () => {
    const live = deepFreeze({ ...lastApplied, spec: { size: 1, color: 'red', extra: 1 } });
    const manifest = deepFreeze({ ...lastApplied, spec: { size: 3 } });
    const patch = createThreeWayJsonMergePatch(null, manifest, live);
    expect(patch).toEqual({ spec: { size: 3 } });
    // Nothing is known to have been applied before, so nothing is deleted.
    expect((applyMergePatch(live, patch) as { spec: unknown }).spec).toEqual({ size: 3, color: 'red', extra: 1 });
  });
});
