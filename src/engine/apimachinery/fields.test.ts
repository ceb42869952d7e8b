import { describe, expect, it } from 'vitest';
import {
  escapeFieldValue,
  everythingFields,
  fieldSelectorFromSet,
  parseFieldSelector,
  splitFieldTerm,
  splitFieldTerms,
  unescapeFieldValue,
} from './fields';

/** Go's fields.Set as a getter: a missing field reads as "". */
const fromSet = (set: Record<string, string>) => (path: string) => set[path];

describe('TestSplitTerms', () => {
  it.each<[string, string[]]>([
    ['a', ['a']],
    ['a=avalue', ['a=avalue']],
    ['a=avalue,b=bvalue', ['a=avalue', 'b=bvalue']],
    ['a=avalue,b==bvalue,c!=cvalue', ['a=avalue', 'b==bvalue', 'c!=cvalue']],
    ['', []],
    ['a=a,', ['a=a', '']],
    [',a=a', ['', 'a=a']],
    ['k=\\,,k2=v2', ['k=\\,', 'k2=v2']],
    ['k=\\\\,k2=v2', ['k=\\\\', 'k2=v2']],
    ['k=\\\\\\,,k2=v2', ['k=\\\\\\,', 'k2=v2']],
    ['k=\\a\\b\\', ['k=\\a\\b\\']],
    ['k=\\', ['k=\\']],
    ['함=수,목=록', ['함=수', '목=록']],
  ])('[FLD1] %j', (selector, terms) => {
    expect(splitFieldTerms(selector)).toEqual(terms);
  });
});

describe('TestSplitTerm', () => {
  it.each<[string, { lhs: string; op: string; rhs: string } | undefined]>([
    ['a=value', { lhs: 'a', op: '=', rhs: 'value' }],
    ['b==value', { lhs: 'b', op: '==', rhs: 'value' }],
    ['c!=value', { lhs: 'c', op: '!=', rhs: 'value' }],
    ['', undefined],
    ['a', undefined],
    ['k=\\,', { lhs: 'k', op: '=', rhs: '\\,' }],
    ['k=\\=', { lhs: 'k', op: '=', rhs: '\\=' }],
    ['k=\\\\\\a\\b\\=\\,\\', { lhs: 'k', op: '=', rhs: '\\\\\\a\\b\\=\\,\\' }],
    ['함=수', { lhs: '함', op: '=', rhs: '수' }],
  ])('[FLD2] %j', (term, want) => {
    expect(splitFieldTerm(term)).toEqual(want);
  });
});

describe('TestEscapeValue', () => {
  it.each([
    ['', ''],
    ['a', 'a'],
    ['=', '\\='],
    [',', '\\,'],
    ['\\', '\\\\'],
    ['\\=\\,\\', '\\\\\\=\\\\\\,\\\\'],
  ])('[FLD3] %j <-> %j', (raw, escaped) => {
    expect(escapeFieldValue(raw)).toBe(escaped);
    expect(unescapeFieldValue(escaped)).toBe(raw);
  });

  it.each([
    ['\\', 'invalid field selector: invalid escape sequence: \\'],
    ['\\\\\\', 'invalid field selector: invalid escape sequence: \\'],
    ['\\a', 'invalid field selector: invalid escape sequence: \\a'],
    // An unescaped rune is printed with %v, i.e. as its code point.
    ['a=b', 'invalid field selector: unescaped character in value: 61'],
    ['a,b', 'invalid field selector: unescaped character in value: 44'],
  ])('[FLD3] invalid %j', (value, message) => {
    expect(() => unescapeFieldValue(value)).toThrow(new Error(message));
  });
});

describe('TestSelectorParse', () => {
  it.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=a||y\\=b', 'x=a\\=\\=b'])(
    '[FLD4] %j re-strings to itself',
    (s) => {
      expect(parseFieldSelector(s).toString()).toBe(s);
    },
  );

  it.each(['x=a||y=b', 'x==a==b', 'x=a,b', 'x in (a)', 'x in (a,b,c)', 'x'])('[FLD2] rejects %j', (s) => {
    expect(() => parseFieldSelector(s)).toThrow();
  });

  it('[FLD2] error messages', () => {
    expect(() => parseFieldSelector('x=a,b')).toThrow(
      new Error("invalid selector: 'x=a,b'; can't understand 'b'"),
    );
    expect(() => parseFieldSelector('status.phase')).toThrow(
      new Error("invalid selector: 'status.phase'; can't understand 'status.phase'"),
    );
    expect(() => parseFieldSelector('x==a==b')).toThrow(
      new Error('invalid field selector: unescaped character in value: 61'),
    );
  });

  it('[FLD4] == parses like = and prints as =', () => {
    const s = parseFieldSelector('metadata.name==foo');
    expect(s.requirements).toEqual([{ field: 'metadata.name', operator: '==', value: 'foo' }]);
    expect(s.toString()).toBe('metadata.name=foo');
  });
});

describe('TestDeterministicParse', () => {
  it('[FLD4] terms are sorted', () => {
    expect(parseFieldSelector('x=a,a=x').toString()).toBe(parseFieldSelector('a=x,x=a').toString());
    expect(parseFieldSelector('x=a,a=x').toString()).toBe('a=x,x=a');
  });
});

describe('TestSelectorMatches', () => {
  it.each<[string, Record<string, string>, boolean]>([
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
  ])('[FLD5] %j against %j is %s', (selector, set, want) => {
    expect(parseFieldSelector(selector).matches(fromSet(set))).toBe(want);
  });

  const fieldset = { foo: 'bar', baz: 'blah', complex: '=value\\,\\' };
  it.each<[string, boolean]>([
    ['foo=bar', true],
    ['baz=blah', true],
    ['foo=bar,baz=blah', true],
    ['foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\', true],
    ['foo=blah', false],
    ['baz=bar', false],
    ['foo=bar,foobar=bar,baz=blah', false],
  ])('[FLD5] %j against the escaped fieldset is %s', (selector, want) => {
    expect(parseFieldSelector(selector).matches(fromSet(fieldset))).toBe(want);
  });

  it('[FLD5] a missing field reads as the empty string', () => {
    expect(parseFieldSelector('status.phase!=Running').matches(() => undefined)).toBe(true);
    expect(parseFieldSelector('spec.nodeName=').matches(() => undefined)).toBe(true);
  });

  it('[FLD5] the kubectl examples', () => {
    const pod: Record<string, string> = { 'metadata.name': 'foo', 'status.phase': 'Pending' };
    expect(parseFieldSelector('metadata.name=foo,status.phase!=Running').matches(fromSet(pod))).toBe(true);
    expect(parseFieldSelector('metadata.name=foo,status.phase=Running').matches(fromSet(pod))).toBe(false);
  });
});

describe('TestSetMatches / TestSetIsEmpty / TestRequiresExactMatch', () => {
  const labelset = { foo: 'bar', baz: 'blah' };
  it.each<[Record<string, string>, boolean]>([
    [{}, true],
    [{ foo: 'bar' }, true],
    [{ baz: 'blah' }, true],
    [{ foo: 'bar', baz: 'blah' }, true],
    [{ foo: '=blah' }, false],
    [{ baz: '=bar' }, false],
    [{ foo: '=bar', foobar: 'bar', baz: 'blah' }, false],
  ])('[FLD6] %j', (set, want) => {
    expect(fieldSelectorFromSet(set).matches(fromSet(labelset))).toBe(want);
  });

  it('[FLD6] emptiness', () => {
    expect(everythingFields().isEmpty()).toBe(true);
    expect(fieldSelectorFromSet({}).isEmpty()).toBe(true);
    expect(parseFieldSelector('').isEmpty()).toBe(true);
    expect(parseFieldSelector('a=b').isEmpty()).toBe(false);
  });

  it('[FLD6] requiresExactMatch', () => {
    expect(parseFieldSelector('test=b').requiresExactMatch('test')).toBe('b');
    expect(parseFieldSelector('test=').requiresExactMatch('test')).toBe('');
    expect(parseFieldSelector('a=b').requiresExactMatch('test')).toBeUndefined();
    expect(parseFieldSelector('test!=b').requiresExactMatch('test')).toBeUndefined();
    expect(parseFieldSelector('a=x,test=b').requiresExactMatch('test')).toBe('b');
  });
});

describe('escaped values survive a round trip (selector_test.go TestSelectorParse good strings)', () => {
  it('[FLD4] values are stored unescaped and printed escaped again', () => {
    const s = parseFieldSelector('metadata.name=a\\,b\\=c\\\\d');
    expect(s.requirements).toEqual([{ field: 'metadata.name', operator: '=', value: 'a,b=c\\d' }]);
    expect(s.toString()).toBe('metadata.name=a\\,b\\=c\\\\d');
    expect(s.matches((f) => (f === 'metadata.name' ? 'a,b=c\\d' : undefined))).toBe(true);
  });

  it('[FLD1] an escaped comma does not split, an empty term is skipped', () => {
    expect(parseFieldSelector('a=x\\,y,,b=z').requirements.map((r) => r.field)).toEqual(['a', 'b']);
  });
});
