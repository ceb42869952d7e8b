import { describe, expect, it } from 'vitest';
import type { Requirement } from './labels';
import {
  everything,
  formatLabelSelector,
  formatLabels,
  labelSelectorAsSelector,
  newRequirement,
  nothing,
  parseSelector,
  requirementMatches,
  selectorFromRequirements,
  selectorFromSet,
  validateLabelKey,
  validateLabelValue,
} from './labels';

const req = (key: string, operator: Requirement['operator'], values: string[] = []): Requirement =>
  newRequirement(key, operator, values);

describe('TestSelectorParse (section 1.5/1.6)', () => {
  it.each([
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['', ''],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x=', 'x='],
    ['x= ', 'x='],
    ['x=,z= ', 'x=,z='],
    ['!x', '!x'],
    ['x>1', 'x>1'],
    ['x>1,z<5', 'x>1,z<5'],
  ])('[LBL9] %j round-trips to %j', (input, canonical) => {
    expect(parseSelector(input).toString()).toBe(canonical);
  });

  it.each(['x=a||y=b', 'x==a==b', '!x=a', 'x<a', 'x,,y', ',x,y', 'x nott in (y)'])(
    '[LBL4] rejects %j',
    (input) => {
      expect(() => parseSelector(input)).toThrow();
    },
  );
});

describe('TestSetSelectorParser (section 1.6)', () => {
  it.each(['a in (xyz),', 'a in (xyz)b notin ()', 'a in (xyz abc)', 'a notin(', 'a (', '('])(
    '[LBL4] rejects %j',
    (input) => {
      expect(() => parseSelector(input)).toThrow();
    },
  );

  const r = (key: string, operator: Requirement['operator'], values: string[] = []) => ({
    key,
    operator,
    values,
  });
  it.each<[string, ReturnType<typeof r>[]]>([
    ['\rx', [r('x', 'exists')]],
    ['this-is-a-dns.domain.com/key-with-dash', [r('this-is-a-dns.domain.com/key-with-dash', 'exists')]],
    [
      '0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)',
      [r('0.1.2.domain/99', 'notin', ['10.10.100.1', 'tick.tack.clock'])],
    ],
    ['foo  in\t (abc)', [r('foo', 'in', ['abc'])]],
    ['x notin\n (abc)', [r('x', 'notin', ['abc'])]],
    ['x in (abc,)', [r('x', 'in', ['', 'abc'])]],
    ['x in (abc,abc)', [r('x', 'in', ['abc'])]],
    ['x in ()', [r('x', 'in', [''])]],
    [
      'x notin (abc,,def),bar,z in (),w',
      [r('bar', 'exists'), r('w', 'exists'), r('x', 'notin', ['', 'abc', 'def']), r('z', 'in', [''])],
    ],
    ['x notin ( )', [r('x', 'notin', [''])]],
    ['x notin (, a)', [r('x', 'notin', ['', 'a'])]],
    ['a ', [r('a', 'exists')]],
    ['a in (x,y,notin, z,in)', [r('a', 'in', ['in', 'notin', 'x', 'y', 'z'])]],
    ['x=a,y!=b,z in (h,i,j)', [r('x', '=', ['a']), r('y', '!=', ['b']), r('z', 'in', ['h', 'i', 'j'])]],
    ['notin=in', [r('notin', '=', ['in'])]],
  ])('[LBL1] parses %j', (input, expected) => {
    expect(parseSelector(input).requirements).toEqual(expected);
  });

  // Section 1.6 row 21 lists `x in (a,,a,,a,,a,,)` as valid, but that row is not in upstream's
  // selector_test.go, and upstream's parseIdentifiersList rejects a ",," directly before ")":
  // the second comma is consumed together with the first, leaving ")" where a value must be.
  it.each(['x in (a,,)', 'x in (a,,a,,a,,a,,)'])('[LBL3] rejects %j like upstream does', (input) => {
    expect(() => parseSelector(input)).toThrow(
      new Error("unable to parse requirement: found ')', expected: ',', or identifier"),
    );
  });
});

describe('parse error messages (section 1.1)', () => {
  it.each([
    ['x,,y', "found ',', expected: identifier after ','"],
    ['a in (xyz),', "found '', expected: identifier after ','"],
    [',x,y', "found ',', expected: !, identifier, or 'end of string'"],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['a in (xyz)b notin ()', "found 'b', expected: ',' or 'end of string'"],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x nott in (y)', "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"],
    ['a (', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in (xyz abc)', "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ['a notin(', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a in x', "unable to parse requirement: found 'x' expected: '('"],
    ['a in (x=', "unable to parse requirement: found '=', expected: ',' or ')'"],
    ['a in (,=', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['a=(', "unable to parse requirement: found '(', expected: identifier"],
    ['!=', "found '!=', expected: !, identifier, or 'end of string'"],
    ['!(', "unable to parse requirement: found '(', expected: identifier"],
    [
      'x<a',
      `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`,
    ],
  ])('[LBL4] %j', (input, message) => {
    expect(() => parseSelector(input)).toThrow(new Error(message));
  });

  // Messages seen verbatim in real clusters and upstream tests.
  it('[LBL5] invalid key: "<nil>" field path and the name-part regex message', () => {
    expect(() => parseSelector('app:monolith')).toThrow(
      new Error(
        `unable to parse requirement: <nil>: Invalid value: "app:monolith": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      ),
    );
    expect(() => parseSelector('app: nginx')).toThrow(
      /^unable to parse requirement: <nil>: Invalid value: "app:": name part must consist/,
    );
  });

  it('[LBL5] invalid prefix', () => {
    expect(() => parseSelector('app.kubernetes_io/name=vault')).toThrow(
      new Error(
        `unable to parse requirement: <nil>: Invalid value: "app.kubernetes_io/name": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      ),
    );
  });

  it('[LBL5] invalid value is reported with the values[i][key] path', () => {
    expect(() => parseSelector('x=a||y=b')).toThrow(
      /^unable to parse requirement: values\[0\]\[x\]: Invalid value: "a\|\|y": a valid label must be an empty string/,
    );
  });
});

describe('TestSelectorMatches and TestRequirementSelectorMatching (section 1.6)', () => {
  it.each<[string, Record<string, string>, boolean]>([
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x', { x: 'z' }, true],
    ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true],
    ['x<1', { x: '0' }, true],
    ['x=z', {}, false],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['x', { y: 'z' }, false],
    ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false],
    ['x<1', { x: '2' }, false],
    ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }, false],
  ])('[LBL7] %j against %j is %s', (selector, labels, want) => {
    expect(parseSelector(selector).matches(labels)).toBe(want);
  });

  it.each<[string, Requirement[], Record<string, string>, boolean]>([
    [
      'x In {foo}, y NotIn {alpha}',
      [req('x', 'in', ['foo']), req('y', 'notin', ['alpha'])],
      { x: 'foo', y: 'baz' },
      true,
    ],
    [
      'x In {foo}, y In {alpha}',
      [req('x', 'in', ['foo']), req('y', 'in', ['alpha'])],
      { x: 'foo', y: 'baz' },
      false,
    ],
    [
      'x NotIn {""}, y Exists (absent key satisfies NotIn)',
      [req('x', 'notin', ['']), req('y', 'exists')],
      { y: '' },
      true,
    ],
    ['x NotIn {""}, y DoesNotExist', [req('x', 'notin', ['']), req('y', '!')], { y: '' }, false],
    ['x In {""}', [req('x', 'in', [''])], { y: 'baz' }, false],
    ['z Gt 1', [req('z', 'gt', ['1'])], { z: '2' }, true],
    ['z Gt 1, value not an int', [req('z', 'gt', ['1'])], { z: 'v2' }, false],
  ])('[LBL7] %s', (_name, reqs, labels, want) => {
    expect(selectorFromRequirements(reqs).matches(labels)).toBe(want);
  });

  it('[LBL7] the zero-value Requirement{} matches nothing', () => {
    const zero = { key: '', operator: '' as Requirement['operator'], values: [] };
    expect(requirementMatches(zero, { x: 'foo', y: 'baz' })).toBe(false);
  });

  it('[LBL8] undefined labels behave like no labels', () => {
    expect(parseSelector('!x').matches(undefined)).toBe(true);
    expect(parseSelector('x').matches(undefined)).toBe(false);
  });
});

describe('TestToString (section 1.5)', () => {
  it.each<[Requirement[], string]>([
    [
      [req('x', 'in', ['abc', 'def']), req('y', 'notin', ['jkl']), req('z', 'exists')],
      'x in (abc,def),y notin (jkl),z',
    ],
    [
      [req('x', 'notin', ['abc', 'def']), req('y', '!=', ['jkl']), req('z', '!')],
      'x notin (abc,def),y!=jkl,!z',
    ],
    [
      [req('x', 'notin', ['abc']), req('y', 'in', ['jkl', 'mno']), req('z', 'notin', [''])],
      'x notin (abc),y in (jkl,mno),z notin ()',
    ],
    [
      [req('x', '=', ['abc']), req('y', '==', ['jkl']), req('z', '!=', ['a']), req('z', 'exists')],
      'x=abc,y==jkl,z!=a,z',
    ],
    [[req('x', 'gt', ['2']), req('y', 'lt', ['8']), req('z', 'exists')], 'x>2,y<8,z'],
  ])('[LBL9] %#', (reqs, want) => {
    expect(selectorFromRequirements(reqs).toString()).toBe(want);
  });

  it('[LBL9] values are printed sorted', () => {
    expect(selectorFromRequirements([{ key: 'x', operator: 'in', values: ['b', 'a'] }]).toString()).toBe(
      'x in (a,b)',
    );
  });
});

describe('NewRequirement rules (section 1.3)', () => {
  it.each<[Requirement['operator'], string[], string]>([
    ['in', [], "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"],
    ['notin', [], "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"],
    [
      '=',
      ['a', 'b'],
      'values: Invalid value: ["a","b"]: exact-match compatibility requires one single value',
    ],
    ['!=', [], 'values: Invalid value: null: exact-match compatibility requires one single value'],
    ['exists', ['a'], 'values: Invalid value: ["a"]: values set must be empty for exists and does not exist'],
    ['!', ['a'], 'values: Invalid value: ["a"]: values set must be empty for exists and does not exist'],
    [
      'gt',
      ['1', '2'],
      'values: Invalid value: ["1","2"]: for \'Gt\', \'Lt\' operators, exactly one value is required',
    ],
    ['lt', ['x'], `values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`],
  ])('[LBL6] %s %j', (op, values, message) => {
    expect(() => newRequirement('k', op, values)).toThrow(new Error(message));
  });

  it('[LBL6] unknown operator is NotSupported with the valid list', () => {
    expect(() => newRequirement('k', 'like' as Requirement['operator'], [])).toThrow(
      new Error(
        'operator: Unsupported value: "like": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"',
      ),
    );
  });

  it('[LBL6] several problems aggregate in brackets', () => {
    expect(() => newRequirement('-k', 'in', [])).toThrow(
      /^\[key: Invalid value: "-k": name part must consist .*, values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty\]$/,
    );
  });

  it('[LBL6] Gt/Lt values must be int64', () => {
    expect(() => newRequirement('k', 'gt', ['9223372036854775808'])).toThrow(/must be an integer/);
    expect(newRequirement('k', 'gt', ['9223372036854775807']).values).toEqual(['9223372036854775807']);
    // A negative number is not a valid label value, so it cannot appear in a selector at all.
    expect(() => newRequirement('k', 'lt', ['-1'])).toThrow(
      /^values\[0\]\[k\]: Invalid value: "-1": a valid label must be/,
    );
  });
});

describe('IsLabelKey / IsLabelValue (section 1.2)', () => {
  const nameRegexMsg =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

  it.each([
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    '1234',
    'simple/simple',
    'now-with-dashes/simple',
    'example.com/MyName',
    'a_b.c-d',
    'A',
    'a'.repeat(63),
    'a'.repeat(253) + '/a',
  ])('[LBL5] valid key %j', (k) => {
    expect(validateLabelKey(k)).toEqual([]);
  });

  it('[LBL5] key messages', () => {
    expect(validateLabelKey('')).toEqual(['name part must be non-empty', nameRegexMsg]);
    expect(validateLabelKey('/a')).toEqual(['prefix part must be non-empty']);
    expect(validateLabelKey('a/')).toEqual(['name part must be non-empty', nameRegexMsg]);
    expect(validateLabelKey('a'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
    expect(validateLabelKey('-a')).toEqual([nameRegexMsg]);
    expect(validateLabelKey('a/b/c')).toEqual([
      "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
    expect(validateLabelKey('Example.com/a')[0]).toMatch(
      /^prefix part a lowercase RFC 1123 subdomain must consist/,
    );
    expect(validateLabelKey('a'.repeat(254) + '/a')).toEqual([
      'prefix part must be no more than 253 characters',
    ]);
  });

  it.each([
    '',
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    '1234',
    'my_value',
    '12345',
    'a'.repeat(63),
  ])('[LBL5] valid value %j', (v) => {
    expect(validateLabelValue(v)).toEqual([]);
  });

  it('[LBL5] value messages', () => {
    const msg =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    expect(validateLabelValue('nospecialchars%^=@')).toEqual([msg]);
    expect(validateLabelValue('-a')).toEqual([msg]);
    expect(validateLabelValue('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
});

describe('LabelSelectorAsSelector (section 1.7)', () => {
  it('[LBL10] nil selects nothing, empty selects everything', () => {
    expect(labelSelectorAsSelector(undefined).matches({ a: 'b' })).toBe(false);
    expect(labelSelectorAsSelector(null).matches({})).toBe(false);
    expect(labelSelectorAsSelector(undefined).isEmpty()).toBe(false);
    expect(labelSelectorAsSelector({}).matches({ a: 'b' })).toBe(true);
    expect(labelSelectorAsSelector({ matchLabels: {}, matchExpressions: [] }).isEmpty()).toBe(true);
    expect(nothing().toString()).toBe('');
    expect(everything().isEmpty()).toBe(true);
  });

  it('[LBL10] matchLabels become = and expressions are ANDed, sorted by key', () => {
    const s = labelSelectorAsSelector({
      matchLabels: { tier: 'web', app: 'nginx' },
      matchExpressions: [
        { key: 'env', operator: 'NotIn', values: ['prod'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'Exists' },
        { key: 'track', operator: 'In', values: ['stable', 'beta'] },
      ],
    });
    expect(s.toString()).toBe('app=nginx,!canary,env notin (prod),tier=web,track in (beta,stable),zone');
    expect(s.matches({ app: 'nginx', tier: 'web', track: 'beta', zone: 'a' })).toBe(true);
    expect(s.matches({ app: 'nginx', tier: 'web', track: 'beta', zone: 'a', canary: 'yes' })).toBe(false);
    expect(s.matches({ app: 'nginx', tier: 'web', track: 'beta' })).toBe(false);
  });

  it.each(['Gt', 'Lt', 'in', 'Equals', ''])('[LBL10] operator %j is rejected', (op) => {
    expect(() =>
      labelSelectorAsSelector({ matchExpressions: [{ key: 'k', operator: op, values: ['1'] }] }),
    ).toThrow(new Error(`"${op}" is not a valid label selector operator`));
  });

  it('[LBL10] requirement errors surface as upstream reports them', () => {
    expect(() =>
      labelSelectorAsSelector({ matchExpressions: [{ key: 'name', operator: 'In', values: [] }] }),
    ).toThrow(
      new Error("values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"),
    );
    expect(() => labelSelectorAsSelector({ matchLabels: { 'bad key': 'v' } })).toThrow(
      /^key: Invalid value: "bad key": name part must consist/,
    );
  });
});

describe('FormatLabelSelector / FormatLabels (kubectl SELECTOR and LABELS cells)', () => {
  it('[LBL11] formatLabelSelector', () => {
    expect(formatLabelSelector({ matchLabels: { 'pod-template-hash': 'abc', app: 'nginx' } })).toBe(
      'app=nginx,pod-template-hash=abc',
    );
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector(undefined)).toBe('<none>');
    expect(
      formatLabelSelector({ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] }),
    ).toBe('app in (api,web)');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'app', operator: 'Bogus' }] })).toBe('<error>');
  });

  it('[LBL11] formatLabels', () => {
    expect(formatLabels({ c: 'd', a: 'b' })).toBe('a=b,c=d');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });

  it('[LBL12] selectorFromSet does not validate and sorts by key', () => {
    const s = selectorFromSet({ z: '1', a: 'x y' });
    expect(s.toString()).toBe('a=x y,z=1');
    expect(s.matches({ a: 'x y', z: '1' })).toBe(true);
    expect(selectorFromSet(undefined).isEmpty()).toBe(true);
    expect(selectorFromSet({}).matches({ q: 'r' })).toBe(true);
  });

  it('[LBL12] requiresExactMatch and add', () => {
    const s = parseSelector('app=web,tier in (a)');
    expect(s.requiresExactMatch('app')).toBe('web');
    expect(s.requiresExactMatch('tier')).toBe('a');
    expect(s.requiresExactMatch('nope')).toBeUndefined();
    expect(s.add(req('b', 'exists')).toString()).toBe('app=web,b,tier in (a)');
  });
});

describe('lexer and grammar (selector_test.go TestLexer, TestLexerSequence)', () => {
  it.each<[string, string]>([
    ['key in ( value )', 'key in (value)'],
    ['key notin ( value )', 'key notin (value)'],
    ['key in ( value1, value2 )', 'key in (value1,value2)'],
    ['key', 'key'],
    ['!key', '!key'],
    ['key>2', 'key>2'],
    ['key<1', 'key<1'],
    ['key=value', 'key=value'],
    ['key == value', 'key==value'],
    ['\tkey\r\n!=\nvalue ', 'key!=value'],
  ])('[LBL1] %j parses to %j', (input, canonical) => {
    expect(parseSelector(input).toString()).toBe(canonical);
  });

  it('[LBL1] the longest operator wins, and only listed operators are tokens', () => {
    // "!=" is one token; "=>" is "=" followed by ">", which is no value.
    expect(parseSelector('x!=a').requirements[0]?.operator).toBe('!=');
    expect(() => parseSelector('a=>1')).toThrow(
      new Error("unable to parse requirement: found '>', expected: identifier"),
    );
    // `gt` and `lt` are spelled `>` and `<`: as words they are identifiers (TestLexerSequence "key gt 3").
    expect(() => parseSelector('key gt 3')).toThrow(
      new Error("unable to parse requirement: found 'gt', expected: in, notin, =, ==, !=, gt, lt"),
    );
    // `~` and `|` are ordinary identifier characters, so they end up in the key or value.
    expect(() => parseSelector('x~=a')).toThrow(/^unable to parse requirement: <nil>: Invalid value: "x~": /);
  });
});

describe('keywords and empty values (selector_test.go TestSetSelectorParser)', () => {
  it('[LBL2] in and notin are identifiers outside operator position', () => {
    expect(parseSelector('notin=in').requirements).toEqual([{ key: 'notin', operator: '=', values: ['in'] }]);
    expect(parseSelector('in in (in)').requirements).toEqual([{ key: 'in', operator: 'in', values: ['in'] }]);
    expect(parseSelector('notin notin (notin, in)').matches({ notin: 'x' })).toBe(true);
    expect(parseSelector('a in (x,y,notin, z,in)').requirements[0]?.values).toEqual([
      'in',
      'notin',
      'x',
      'y',
      'z',
    ]);
  });

  it.each<[string, string[]]>([
    ['x=', ['']],
    ['x in ()', ['']],
    ['x in (,)', ['']],
    ['x in (, a)', ['', 'a']],
    ['x in (abc,)', ['', 'abc']],
    ['x in (abc,abc)', ['abc']],
    ['x in (a,,b)', ['', 'a', 'b']],
    ['x in (c,b,a)', ['a', 'b', 'c']],
  ])('[LBL3] %j has values %j', (input, values) => {
    expect(parseSelector(input).requirements[0]?.values).toEqual(values);
  });

  it('[LBL3] an empty value matches a label set to "" and not a missing one', () => {
    expect(parseSelector('x=').matches({ x: '' })).toBe(true);
    expect(parseSelector('x=').matches({})).toBe(false);
    expect(parseSelector('x in ()').matches({ x: '' })).toBe(true);
  });
});

describe('selectors are ANDs (selector_test.go TestEverything, TestSelectorMatches)', () => {
  it('[LBL8] the empty selector matches every label set', () => {
    const sets: (Record<string, string> | undefined)[] = [{}, { x: 'y' }, { a: '1', b: '2' }, undefined];
    for (const labels of sets) {
      expect(parseSelector('').matches(labels)).toBe(true);
      expect(everything().matches(labels)).toBe(true);
    }
    expect(parseSelector('').isEmpty()).toBe(true);
  });

  it('[LBL8] every requirement must hold', () => {
    const s = parseSelector('a=1,b in (2,3),!c,d');
    expect(s.matches({ a: '1', b: '3', d: '' })).toBe(true);
    expect(s.matches({ a: '1', b: '4', d: '' })).toBe(false);
    expect(s.matches({ a: '1', b: '3', d: '', c: 'x' })).toBe(false);
    expect(s.matches({ a: '1', b: '3' })).toBe(false);
  });
});
