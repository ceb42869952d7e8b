import { describe, expect, it } from 'vitest';
import { GENERIC_UNPROCESSABLE_MESSAGE, PatchError } from './errors';
import { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './jsonpatch';

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}

/** Applies with frozen inputs, so any write to them would throw. */
function apply(doc: unknown, patch: unknown): unknown {
  return applyJsonPatch(deepFreeze(doc), deepFreeze(patch));
}

function failure(doc: unknown, patch: unknown): PatchError {
  try {
    apply(doc, patch);
  } catch (e) {
    expect(e).toBeInstanceOf(PatchError);
    return e as PatchError;
  }
  throw new Error('expected the patch to fail');
}

describe('applyJsonPatch: RFC 6902 operations', () => {
  it.each([
    ['adds an object member', { a: 1 }, [{ op: 'add', path: '/b', value: 2 }], { a: 1, b: 2 }],
    ['adds an array element before an index', { l: ['x', 'z'] }, [{ op: 'add', path: '/l/1', value: 'y' }], { l: ['x', 'y', 'z'] }],
    ['appends with -', { l: [1] }, [{ op: 'add', path: '/l/-', value: 2 }], { l: [1, 2] }],
    ['adds at the end index', { l: [1] }, [{ op: 'add', path: '/l/1', value: 2 }], { l: [1, 2] }],
    ['add replaces an existing member', { a: 1 }, [{ op: 'add', path: '/a', value: [1] }], { a: [1] }],
    ['adds a nested object', { a: {} }, [{ op: 'add', path: '/a/b', value: { c: [1, 2] } }], { a: { b: { c: [1, 2] } } }],
    ['removes an object member', { a: 1, b: 2 }, [{ op: 'remove', path: '/a' }], { b: 2 }],
    ['removes an array element', { l: [1, 2, 3] }, [{ op: 'remove', path: '/l/1' }], { l: [1, 3] }],
    ['replaces a value', { a: { b: 1 } }, [{ op: 'replace', path: '/a/b', value: 'x' }], { a: { b: 'x' } }],
    ['replaces an array element', { l: [1, 2] }, [{ op: 'replace', path: '/l/0', value: 9 }], { l: [9, 2] }],
    [
      'moves a value',
      { a: { b: 1 }, c: {} },
      [{ op: 'move', from: '/a/b', path: '/c/d' }],
      { a: {}, c: { d: 1 } },
    ],
    ['moves an array element', { l: ['a', 'b', 'c', 'd'] }, [{ op: 'move', from: '/l/1', path: '/l/3' }], { l: ['a', 'c', 'd', 'b'] }],
    ['copies a value', { a: { b: [1] } }, [{ op: 'copy', from: '/a/b', path: '/c' }], { a: { b: [1] }, c: [1] }],
    ['passes a test and goes on', { a: [1, { b: 'x' }] }, [{ op: 'test', path: '/a', value: [1, { b: 'x' }] }, { op: 'add', path: '/z', value: true }], { a: [1, { b: 'x' }], z: true }],
    ['decodes ~1 and ~0', { 'a/b': 1, 'm~n': 2 }, [{ op: 'replace', path: '/a~1b', value: 3 }, { op: 'remove', path: '/m~0n' }], { 'a/b': 3 }],
    ['decodes ~01 as ~1, not /', { '~1': 1 }, [{ op: 'replace', path: '/~01', value: 2 }], { '~1': 2 }],
    ['adds a null value', { a: 1 }, [{ op: 'add', path: '/b', value: null }], { a: 1, b: null }],
    ['replaces the whole document with the root path', { a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }], { b: 2 }],
    ['tests the whole document with the root path', { a: 1 }, [{ op: 'test', path: '', value: { a: 1 } }], { a: 1 }],
    ['patches a document that is an array', [1, 2], [{ op: 'add', path: '/0', value: 0 }], [0, 1, 2]],
  ])('[MRG4] %s', (_name, doc, patch, expected) => {
    expect(apply(doc, patch)).toEqual(expected);
  });

  it('[MRG4] applies operations in order on the result of the previous ones', () => {
    const out = apply({ spec: { containers: [{ name: 'a', image: 'x' }] } }, [
      { op: 'add', path: '/spec/containers/-', value: { name: 'b', image: 'y' } },
      { op: 'replace', path: '/spec/containers/1/image', value: 'z' },
      { op: 'copy', from: '/spec/containers/1', path: '/spec/containers/0' },
      { op: 'remove', path: '/spec/containers/2' },
    ]);
    expect(out).toEqual({ spec: { containers: [{ name: 'b', image: 'z' }, { name: 'a', image: 'x' }] } });
  });

  it('[MRG4] does not share values with the patch', () => {
    const value = { k: 'v' };
    const out = applyJsonPatch({}, [{ op: 'add', path: '/a', value }]) as { a: unknown };
    expect(out.a).toEqual(value);
    expect(out.a).not.toBe(value);
  });

  it('[MRG4] returns the document unchanged for an empty or null patch', () => {
    expect(apply({ a: 1 }, [])).toEqual({ a: 1 });
    expect(apply({ a: 1 }, null)).toEqual({ a: 1 });
  });
});

describe('applyJsonPatch: behaviour of the json-patch library the API server uses', () => {
  it('[MRG5] lets replace add a missing object key (no existence check for objects)', () => {
    expect(apply({ metadata: { labels: {} } }, [{ op: 'replace', path: '/metadata/labels/app', value: 'web' }])).toEqual({
      metadata: { labels: { app: 'web' } },
    });
  });

  it('[MRG5] counts negative indexes from the end', () => {
    expect(apply({ l: [1, 2, 3] }, [{ op: 'remove', path: '/l/-1' }])).toEqual({ l: [1, 2] });
    expect(apply({ l: [1, 2, 3] }, [{ op: 'replace', path: '/l/-3', value: 0 }])).toEqual({ l: [0, 2, 3] });
    expect(apply({ l: [1, 2] }, [{ op: 'add', path: '/l/-1', value: 9 }])).toEqual({ l: [1, 2, 9] });
  });

  it('[MRG5] copies null from a missing key', () => {
    expect(apply({ a: 1 }, [{ op: 'copy', from: '/nope', path: '/b' }])).toEqual({ a: 1, b: null });
  });

  it('[MRG5] treats a missing or null member as matching a null test value', () => {
    expect(apply({ a: null }, [{ op: 'test', path: '/a', value: null }])).toEqual({ a: null });
    expect(apply({}, [{ op: 'test', path: '/a', value: null }])).toEqual({});
    expect(apply({}, [{ op: 'test', path: '/a' }])).toEqual({});
  });

  it('[MRG5] adds null when the value member is absent', () => {
    expect(apply({}, [{ op: 'add', path: '/a' }])).toEqual({ a: null });
  });
});

describe('applyJsonPatch errors, with the texts kubectl shows', () => {
  it.each([
    ['add below a missing parent', { spec: {} }, [{ op: 'add', path: '/spec/template/metadata', value: {} }], 'add operation does not apply: doc is missing path: "/spec/template/metadata": missing value'],
    ['add to the root path', { a: 1 }, [{ op: 'add', path: '', value: {} }], 'add operation does not apply: doc is missing path: "": missing value'],
    ['add past the end of a list', { l: [1] }, [{ op: 'add', path: '/l/5', value: 2 }], "error in add for path: '/l/5': Unable to access invalid index: 5: invalid index referenced"],
    ['add with a non-numeric list index', { l: [1] }, [{ op: 'add', path: '/l/x', value: 2 }], `error in add for path: '/l/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`],
    ['remove a missing key', { metadata: { labels: { a: 'b' } } }, [{ op: 'remove', path: '/metadata/labels/app' }], "error in remove for path: '/metadata/labels/app': Unable to remove nonexistent key: app: missing value"],
    ['remove past the end of a list', { spec: { containers: [{}] } }, [{ op: 'remove', path: '/spec/containers/5' }], "error in remove for path: '/spec/containers/5': Unable to access invalid index: 5: invalid index referenced"],
    ['remove below a scalar', { a: 'x' }, [{ op: 'remove', path: '/a/b' }], 'remove operation does not apply: doc is missing path: "/a/b": missing value'],
    ['replace past the end of a list', { spec: { containers: [{}] } }, [{ op: 'replace', path: '/spec/containers/3', value: {} }], 'replace operation does not apply: doc is missing key: /spec/containers/3: missing value'],
    ['replace below a missing parent', {}, [{ op: 'replace', path: '/spec/replicas', value: 3 }], 'replace operation does not apply: doc is missing path: /spec/replicas: missing value'],
    ['replace the root with a scalar', {}, [{ op: 'replace', path: '', value: 3 }], 'replace operation value must be object or array: %!w(<nil>)'],
    ['move from a missing key', { a: {} }, [{ op: 'move', from: '/a/nope', path: '/b' }], "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value"],
    ['move into a missing parent', { a: 1 }, [{ op: 'move', from: '/a', path: '/x/y' }], 'move operation does not apply: doc is missing destination path: /x/y: missing value'],
    ['copy from a missing parent', {}, [{ op: 'copy', from: '/x/y', path: '/z' }], 'copy operation does not apply: doc is missing from path: /x/y: missing value'],
    ['a failed test', { spec: { replicas: 2 } }, [{ op: 'test', path: '/spec/replicas', value: 3 }], 'testing value /spec/replicas failed: test failed'],
    ['a test below a missing parent', {}, [{ op: 'test', path: '/spec/replicas', value: 3 }], 'test operation does not apply: is missing path: /spec/replicas: missing value'],
    ['an unknown op', {}, [{ op: 'frobnicate', path: '/a' }], 'Unexpected kind: frobnicate'],
    ['a missing op', {}, [{ path: '/a' }], 'Unexpected kind: unknown'],
    ['add without a path', {}, [{ op: 'add', value: 1 }], 'add operation failed to decode path: missing value'],
    ['replace without a path', {}, [{ op: 'replace', value: 1 }], 'replace operation failed to decode path: operation missing path field: missing value'],
    ['move without from', {}, [{ op: 'move', path: '/a' }], 'move operation failed to decode from: operation, missing from field: missing value'],
    ['a path that is not a string', {}, [{ op: 'test', path: 5 }], 'test operation failed to decode path: json: cannot unmarshal number into Go value of type string'],
  ])('[MRG6] %s', (_name, doc, patch, message) => {
    const e = failure(doc, patch);
    expect(e.message).toBe(message);
    expect(e.code).toBe(422);
    expect(e.reason).toBe('Invalid');
    expect(e.statusMessage).toBe(GENERIC_UNPROCESSABLE_MESSAGE);
  });

  it('[MRG4] aborts the whole patch when one operation fails', () => {
    const doc = deepFreeze({ a: 1 });
    expect(() => applyJsonPatch(doc, [{ op: 'add', path: '/b', value: 2 }, { op: 'remove', path: '/c' }])).toThrow(PatchError);
    expect(doc).toEqual({ a: 1 });
  });

  it('[MRG7] rejects a patch that is not a list of operations (400)', () => {
    expect(failure({}, { op: 'add' })).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    });
    expect(failure({}, ['add'])).toMatchObject({
      code: 400,
      message: 'json: cannot unmarshal string into Go value of type jsonpatch.Operation',
    });
  });

  it('[MRG7] rejects more operations than the API server allows (413)', () => {
    const ops = Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({ op: 'test', path: '/a', value: 1 }));
    expect(failure({ a: 1 }, ops)).toMatchObject({
      code: 413,
      reason: 'RequestEntityTooLarge',
      message: `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${MAX_JSON_PATCH_OPERATIONS + 1}`,
    });
  });
});

describe('RFC 6902 appendix A examples', () => {
  it.each<[string, unknown, unknown, unknown]>([
    ['A.1 adding an object member', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { baz: 'qux', foo: 'bar' }],
    ['A.2 adding an array element', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux', 'baz'] }],
    ['A.3 removing an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
    ['A.4 removing an array element', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
    ['A.5 replacing a value', { baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }], { baz: 'boo', foo: 'bar' }],
    [
      'A.6 moving a value',
      { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
      { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    ],
    [
      'A.7 moving an array element',
      { foo: ['all', 'grass', 'cows', 'eat'] },
      [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
      { foo: ['all', 'cows', 'eat', 'grass'] },
    ],
    [
      'A.8 testing a value: success',
      { baz: 'qux', foo: ['a', 2, 'c'] },
      [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 }],
      { baz: 'qux', foo: ['a', 2, 'c'] },
    ],
    ['A.10 adding a nested member object', { foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }], { foo: 'bar', child: { grandchild: {} } }],
    ['A.11 ignoring unrecognized elements', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }], { foo: 'bar', baz: 'qux' }],
    ['A.14 ~ escape ordering', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }], { '/': 9, '~1': 10 }],
    ['A.16 adding an array value', { foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], { foo: ['bar', ['abc', 'def']] }],
  ])('[MRG4] %s', (_name, doc, patch, expected) => {
    expect(apply(doc, patch)).toEqual(expected);
  });

  it.each<[string, unknown, unknown, string]>([
    ['A.9 testing a value: error', { baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }], 'testing value /baz failed: test failed'],
    [
      'A.12 adding to a nonexistent target',
      { foo: 'bar' },
      [{ op: 'add', path: '/baz/bat', value: 'qux' }],
      'add operation does not apply: doc is missing path: "/baz/bat": missing value',
    ],
    ['A.15 comparing strings and numbers', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: '10' }], 'testing value /~01 failed: test failed'],
  ])('[MRG6] %s', (_name, doc, patch, message) => {
    const e = failure(doc, patch);
    expect(e.message).toBe(message);
    expect(e.code).toBe(422);
  });
});
