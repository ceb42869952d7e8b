import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createContext } from '../cluster';
import { isStatusError } from './errors';
import type { KubeObject } from './types';
import { clone } from './types';

function setup() {
  const ctx = createContext({ seed: 7 });
  for (const name of ['default', 'team']) ctx.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return ctx;
}

const cm = (name: string, data: Record<string, string> = { a: '1' }, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) },
  data,
});

function errorOf(fn: () => unknown): { reason: string; message: string; code: number } {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e)) return { reason: e.status.reason, message: e.status.message, code: e.status.code };
    throw e;
  }
  throw new Error('expected an API error');
}

describe('API server', () => {
  it('[API1] create stamps uid, creationTimestamp and resourceVersion', () => {
    const { api } = setup();
    const obj = api.create(cm('web'));
    expect(obj.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(obj.metadata.creationTimestamp).toBe('2026-01-05T09:00:00Z');
    expect(Number(obj.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(obj.metadata.generation).toBeUndefined();
  });

  it('[API2] resourceVersion only grows, across kinds', () => {
    const { api } = setup();
    fc.assert(
      fc.property(fc.array(fc.constantFrom('create', 'update', 'delete'), { maxLength: 30 }), (ops) => {
        let last = Number(api.resourceVersion);
        let n = 0;
        for (const op of ops) {
          const name = `c${n}`;
          if (op === 'create' || !api.tryGet('ConfigMap', 'default', name)) {
            api.create(cm(`c${++n}`));
          } else if (op === 'update') {
            const cur = clone(api.get('ConfigMap', 'default', name));
            cur.data = { a: String(Number(api.resourceVersion)) };
            api.update(cur);
          } else {
            api.delete('ConfigMap', 'default', name);
          }
          const rv = Number(api.resourceVersion);
          expect(rv).toBeGreaterThan(last);
          last = rv;
        }
        for (const o of api.list('ConfigMap', 'default').items) api.delete('ConfigMap', 'default', o.metadata.name);
      }),
      { numRuns: 30 },
    );
  });

  it('[API3] a stale write fails with Conflict', () => {
    const { api } = setup();
    const v1 = api.create(cm('web'));
    const a = clone(v1);
    a.data = { a: '2' };
    api.update(a);
    const b = clone(v1);
    b.data = { a: '3' };
    const err = errorOf(() => api.update(b));
    expect(err).toEqual({
      reason: 'Conflict',
      code: 409,
      message: 'Operation cannot be fulfilled on configmaps "web": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('[API4] a no-op update keeps the resourceVersion', () => {
    const { api } = setup();
    const v1 = api.create(cm('web'));
    const same = api.update(clone(v1));
    expect(same.metadata.resourceVersion).toBe(v1.metadata.resourceVersion);
    expect(api.resourceVersion).toBe(v1.metadata.resourceVersion);
  });

  it('[API6] AlreadyExists and NotFound in the API server\'s words', () => {
    const { api } = setup();
    api.create(cm('web'));
    expect(errorOf(() => api.create(cm('web')))).toMatchObject({ reason: 'AlreadyExists', message: 'configmaps "web" already exists' });
    expect(errorOf(() => api.get('ConfigMap', 'default', 'nope'))).toMatchObject({ reason: 'NotFound', code: 404, message: 'configmaps "nope" not found' });
  });

  it('[API7] generateName appends five characters of the name alphabet', () => {
    const { api } = setup();
    const obj = api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'web-', namespace: 'default' } });
    expect(obj.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('[API7] a generated name that is taken is drawn again (RetryGenerateName)', () => {
    const generated = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'web-', namespace: 'default' } };
    // Same seed, same draws: after one explicit create, the next generated name is predictable...
    const b = setup();
    b.api.create(cm('first'));
    const predicted = b.api.create(generated).metadata.name;
    // ...so take that very name first: the server must draw another instead of failing.
    const c = setup();
    c.api.create(cm(predicted));
    const got = c.api.create(generated).metadata.name;
    expect(got).not.toBe(predicted);
    expect(got).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('[API8] a finalizer holds a deleted object until it is removed', () => {
    const { api } = setup();
    api.create({ ...cm('web'), metadata: { name: 'web', namespace: 'default', finalizers: ['example.com/hold'] } });
    const deleting = api.delete('ConfigMap', 'default', 'web');
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    expect(api.tryGet('ConfigMap', 'default', 'web')).toBeDefined();
    const next = clone(api.get('ConfigMap', 'default', 'web'));
    next.metadata.finalizers = [];
    api.update(next);
    expect(api.tryGet('ConfigMap', 'default', 'web')).toBeUndefined();
  });

  it('[API10] list filters by namespace, labels and fields', () => {
    const { api } = setup();
    api.create(cm('a', {}, { app: 'web', tier: 'front' }));
    api.create(cm('b', {}, { app: 'web', tier: 'back' }));
    api.create(cm('c', {}, { app: 'db' }));
    api.create({ ...cm('d', {}, { app: 'web' }), metadata: { name: 'd', namespace: 'team', labels: { app: 'web' } } });
    const names = (ns: string | undefined, opts: { labelSelector?: string; fieldSelector?: string }) => api.list('ConfigMap', ns, opts).items.map((o) => o.metadata.name);
    expect(names('default', { labelSelector: 'app=web' })).toEqual(['a', 'b']);
    expect(names(undefined, { labelSelector: 'app=web' })).toEqual(['a', 'b', 'd']);
    expect(names('default', { labelSelector: 'app in (web,db),tier!=back' })).toEqual(['a', 'c']);
    expect(names(undefined, { fieldSelector: 'metadata.name=b' })).toEqual(['b']);
    expect(errorOf(() => api.list('ConfigMap', 'default', { fieldSelector: 'spec.foo=bar' }))).toMatchObject({
      reason: 'BadRequest',
      message: 'Unable to find "/v1, Resource=configmaps" that match label selector "", field selector "spec.foo=bar": field label not supported: spec.foo',
    });
    // A label selector that does not parse is the client's error too, in the list handler's words.
    expect(errorOf(() => api.list('ConfigMap', 'default', { labelSelector: 'component not in (x)' }))).toMatchObject({
      reason: 'BadRequest',
      message: `Unable to find "/v1, Resource=configmaps" that match label selector "component not in (x)", field selector "": unable to parse requirement: found 'not', expected: in, notin, =, ==, !=, gt, lt`,
    });
  });

  it('[API11] a merge patch changes the live object', () => {
    const { api } = setup();
    api.create(cm('web', { a: '1', b: '2' }));
    const patched = api.patch('ConfigMap', 'default', 'web', 'merge', { data: { b: null, c: '3' } }) as KubeObject & { data: Record<string, string> };
    expect(patched.data).toEqual({ a: '1', c: '3' });
  });

  it('[API12] stored objects are frozen', () => {
    const { api } = setup();
    const obj = api.create(cm('web')) as KubeObject & { data: Record<string, string> };
    expect(() => {
      obj.data.a = 'changed';
    }).toThrow();
    expect((api.get('ConfigMap', 'default', 'web') as typeof obj).data.a).toBe('1');
  });

  it('[API14] without handoff the server copies what it is given; with handoff it keeps it (and freezes it)', () => {
    const { api } = setup();
    const copied = cm('a');
    api.create(copied);
    copied.data.a = 'changed after create';
    expect((api.get('ConfigMap', 'default', 'a') as KubeObject & { data: Record<string, string> }).data.a).toBe('1');

    const handed = cm('b');
    const stored = api.create(handed, { handoff: true });
    expect(stored).toBe(handed);
    expect(() => {
      handed.data.a = 'changed after handoff';
    }).toThrow();
  });

  it('[API15] deleting with propagationPolicy Background drops an orphan finalizer', () => {
    const { api } = setup();
    api.create({ ...cm('web'), metadata: { name: 'web', namespace: 'default', finalizers: ['orphan'] } });
    api.delete('ConfigMap', 'default', 'web', { propagationPolicy: 'Background' });
    expect(api.tryGet('ConfigMap', 'default', 'web')).toBeUndefined();
  });

  const boundPod = (name: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
  });

  it('[API9] a pod bound to a node is deleted gracefully; an unbound pod goes at once', () => {
    const { api, clock } = setup();
    api.create(boundPod('bound'));
    api.create({ ...boundPod('free'), spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const graceful = api.delete('Pod', 'default', 'bound') as KubeObject;
    expect(graceful.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(Date.parse(graceful.metadata.deletionTimestamp!)).toBe(Math.floor(clock.now() / 1000) * 1000 + 30_000);
    api.delete('Pod', 'default', 'free');
    expect(api.tryGet('Pod', 'default', 'free')).toBeUndefined();
  });

  it('[API17] stores no empty labels, annotations, ownerReferences or finalizers', () => {
    const { api } = setup();
    const made = api.create({ ...cm('a'), metadata: { name: 'a', namespace: 'default', labels: {}, annotations: {}, finalizers: [] } }) as KubeObject;
    expect(made.metadata).not.toHaveProperty('labels');
    expect(made.metadata).not.toHaveProperty('annotations');
    expect(made.metadata).not.toHaveProperty('finalizers');
    const next = clone(made);
    next.metadata.ownerReferences = [];
    next.metadata.labels = { app: 'web' };
    const updated = api.update(next) as KubeObject;
    expect(updated.metadata).not.toHaveProperty('ownerReferences');
    expect(updated.metadata.labels).toEqual({ app: 'web' });
  });

  it('[API16] a shorter grace period on a terminating object is written before the delete, as the registry does', () => {
    const { api, clock } = setup();
    api.create(boundPod('web'));
    const first = api.delete('Pod', 'default', 'web') as KubeObject;
    const deadline = Date.parse(first.metadata.deletionTimestamp!);
    clock.advance(5000);
    const seen: Array<[string, number | undefined, string | undefined]> = [];
    const stop = api.watch('Pod', { namespace: 'default', resourceVersion: api.resourceVersion }, (e) =>
      seen.push([e.type, e.object.metadata.deletionGracePeriodSeconds, e.object.metadata.deletionTimestamp]),
    );
    // A longer or equal grace period changes nothing (BeforeDelete: pending graceful deletion).
    api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 60 });
    expect(seen).toEqual([]);
    // 10 s: the deadline moves to first deadline - 30 s + 10 s, not to now + 10 s.
    api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 10 });
    const ten = new Date(deadline - 20_000).toISOString().replace('.000Z', 'Z');
    expect(seen).toEqual([['MODIFIED', 10, ten]]);
    // 0 (the kubelet's final delete): the object is updated with grace 0, then removed.
    api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 0 });
    const zero = new Date(deadline - 30_000).toISOString().replace('.000Z', 'Z');
    expect(seen.slice(1)).toEqual([
      ['MODIFIED', 0, zero],
      ['DELETED', 0, zero],
    ]);
    expect(api.tryGet('Pod', 'default', 'web')).toBeUndefined();
    stop();
  });

  it('[API13] strict field validation rejects unknown fields with the decoder\'s message', () => {
    const { api } = setup();
    const err = errorOf(() => api.create({ ...cm('web'), dataa: { x: '1' } }, { fieldValidation: 'Strict' }));
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dataa"');
    expect(api.tryGet('ConfigMap', 'default', 'web')).toBeUndefined();
  });
});

describe('watch', () => {
  it('[WAT1] resumes from a resourceVersion, in order', () => {
    const { api } = setup();
    const from = api.resourceVersion;
    api.create(cm('a'));
    const b = api.create(cm('b'));
    const nb = clone(b);
    nb.data = { a: '9' };
    api.update(nb);
    api.delete('ConfigMap', 'default', 'a');
    const seen: string[] = [];
    const stop = api.watch('ConfigMap', { resourceVersion: from }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    api.create(cm('c'));
    stop();
    api.create(cm('d'));
    expect(seen).toEqual(['ADDED a', 'ADDED b', 'MODIFIED b', 'DELETED a', 'ADDED c']);
  });

  it('[WAT2] without a resourceVersion starts with the current objects', () => {
    const { api } = setup();
    api.create(cm('a'));
    const seen: string[] = [];
    api.watch('ConfigMap', { namespace: 'default' }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    expect(seen).toEqual(['ADDED a']);
  });

  it('[WAT3] objects leaving or entering a label selector arrive as DELETED or ADDED', () => {
    const { api } = setup();
    const seen: string[] = [];
    api.watch('ConfigMap', { labelSelector: 'app=web' }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    const a = api.create(cm('a', {}, { app: 'web' }));
    const moved = clone(a);
    moved.metadata.labels = { app: 'db' };
    const b = api.update(moved);
    const back = clone(b);
    back.metadata.labels = { app: 'web' };
    api.update(back);
    expect(seen).toEqual(['ADDED a', 'DELETED a', 'ADDED a']);
  });
});
