import { describe, expect, it } from 'vitest';
import {
  aggregateMessage,
  duplicate,
  fieldErrorBody,
  fieldErrorString,
  forbidden,
  goNumber,
  goQuote,
  invalid,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  maskTrailingDash,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  notFound,
  notSupported,
  regexError,
  required,
  tooLong,
  validateObjectMetaName,
} from './validation';

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

const LABEL_VALID = [
  'a',
  'ab',
  'abc',
  'a1',
  'a-1',
  'a--1--2--b',
  '0',
  '01',
  '012',
  '1a',
  '1-a',
  '1--a--b--2',
  'a'.repeat(63),
];

describe('TestIsDNS1123Label (section 12.1)', () => {
  it.each(LABEL_VALID)('[NAM1] valid %j', (v) => {
    expect(isDNS1123Label(v)).toEqual([]);
  });

  it.each([
    '',
    'A',
    'ABC',
    'aBc',
    'A1',
    'A-1',
    '1-A',
    '-',
    'a-',
    '-a',
    '1-',
    '-1',
    '_',
    'a_',
    '_a',
    'a_b',
    '1_',
    '_1',
    '1_2',
    '.',
    'a.',
    '.a',
    'a.b',
    '1.',
    '.1',
    '1.2',
    ' ',
    'a ',
    ' a',
    'a b',
    '1 ',
    ' 1',
    '1 2',
    'a'.repeat(64),
  ])('[NAM1] invalid %j', (v) => {
    expect(isDNS1123Label(v).length).toBeGreaterThan(0);
  });

  it('[NAM1] messages, including the double space and the dots special case', () => {
    expect(isDNS1123Label('A')).toEqual([LABEL_MSG]);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(isDNS1123Label('A'.repeat(64))).toEqual(['must be no more than 63 characters', LABEL_MSG]);
  });
});

describe('TestIsDNS1123Subdomain (section 12.1)', () => {
  it.each([
    ...LABEL_VALID,
    'a.a',
    'ab.a',
    'a--1--2--b.a',
    'a.1',
    '0.a',
    '1-a.a',
    '0.1',
    'a.b.c.d.e',
    'aa.bb.cc.dd.ee',
    '1.2.3.4.5',
    '11.22.33.44.55',
    'a'.repeat(253),
  ])('[NAM2] valid %j', (v) => {
    expect(isDNS1123Subdomain(v)).toEqual([]);
  });

  it.each([
    '',
    'A',
    '-',
    'a-',
    '-a',
    '_',
    'a_b',
    '.',
    'a.',
    '.a',
    'a..b',
    '1.',
    '.1',
    '1..2',
    ' ',
    'a b',
    'A.a',
    'aB.a',
    'ab.A',
    'A1.a',
    'a1.A',
    'A.1',
    '0.A',
    'A.B.C.D.E',
    'a.B.c.d.e',
    'a@b',
    'a,b',
    'a;b',
    'a:b',
    'a%b',
    'a?b',
    'a$b',
    'a'.repeat(254),
  ])('[NAM2] invalid %j', (v) => {
    expect(isDNS1123Subdomain(v).length).toBeGreaterThan(0);
  });

  it('[NAM2] messages', () => {
    expect(isDNS1123Subdomain('My_Pod')).toEqual([SUBDOMAIN_MSG]);
    expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
  });

  it('[NAM4] limits count UTF-8 bytes like Go len()', () => {
    expect(isDNS1123Subdomain('é'.repeat(127))).toContain('must be no more than 253 characters');
  });
});

describe('TestIsDNS1035Label', () => {
  it.each(['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', 'a'.repeat(63)])('[NAM3] valid %j', (v) => {
    expect(isDNS1035Label(v)).toEqual([]);
  });

  it.each([
    '0',
    '01',
    '012',
    '1a',
    '1-a',
    '1--a--b--2',
    '',
    'A',
    'ABC',
    'aBc',
    'A1',
    'A-1',
    '1-A',
    '-',
    'a-',
    '-a',
    '1-',
    '-1',
    '_',
    'a_',
    '_a',
    'a_b',
    '1_',
    '_1',
    '1_2',
    '.',
    'a.',
    '.a',
    'a.b',
    '1.',
    '.1',
    '1.2',
    ' ',
    'a ',
    ' a',
    'a b',
    '1 ',
    ' 1',
    '1 2',
    'a'.repeat(64),
  ])('[NAM3] invalid %j', (v) => {
    expect(isDNS1035Label(v).length).toBeGreaterThan(0);
  });

  it('[NAM3] messages', () => {
    expect(isDNS1035Label('1web')).toEqual([DNS1035_MSG]);
    expect(isDNS1035Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
});

describe('RegexError', () => {
  it('[NAM4] builds the example list with the double space', () => {
    expect(regexError('msg', 're')).toBe("msg (regex used for validation is 're')");
    expect(regexError('msg', 're', 'a')).toBe("msg (e.g. 'a', regex used for validation is 're')");
    expect(regexError('msg', 're', 'a', 'b', 'c')).toBe(
      "msg (e.g. 'a',  or 'b',  or 'c', regex used for validation is 're')",
    );
  });
});

describe('field.Error rendering (section 12.1)', () => {
  it.each([
    [invalid('metadata.name', 'My_Pod', 'bad'), 'metadata.name: Invalid value: "My_Pod": bad'],
    [
      invalid('spec.replicas', -1, 'must be greater than or equal to 0'),
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ],
    [invalid('spec.x', true, 'no'), 'spec.x: Invalid value: true: no'],
    [invalid('spec.x', 0.5, 'no'), 'spec.x: Invalid value: 0.5: no'],
    [invalid('spec.x', ['a', 'b'], 'no'), 'spec.x: Invalid value: ["a","b"]: no'],
    [invalid('spec.x', { a: 1 }, 'no'), 'spec.x: Invalid value: {"a":1}: no'],
    [invalid('spec.x', null, 'no'), 'spec.x: Invalid value: null: no'],
    [invalid('spec.x', 'v', ''), 'spec.x: Invalid value: "v"'],
    [
      required('metadata.name', 'name or generateName is required'),
      'metadata.name: Required value: name or generateName is required',
    ],
    [required('spec.selector'), 'spec.selector: Required value'],
    [forbidden('spec.template', 'may not be changed'), 'spec.template: Forbidden: may not be changed'],
    [
      notSupported('spec.restartPolicy', 'Sometimes', ['Always', 'OnFailure', 'Never']),
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
    [notSupported('spec.x', 'y', []), 'spec.x: Unsupported value: "y"'],
    [duplicate('spec.containers[1].name', 'web'), 'spec.containers[1].name: Duplicate value: "web"'],
    [notFound('spec.volumes', 'data'), 'spec.volumes: Not found: "data"'],
    [
      tooLong('metadata.annotations', 'x'.repeat(10), 262144),
      'metadata.annotations: Too long: may not be more than 262144 bytes',
    ],
    [tooLong('spec.x', 'xx', 1), 'spec.x: Too long: may not be more than 1 byte'],
  ])('[NAM5] %#', (e, want) => {
    expect(fieldErrorString(e)).toBe(want);
  });

  it('[NAM5] ErrorBody omits the field', () => {
    expect(fieldErrorBody(invalid('metadata.name', 'x', 'd'))).toBe('Invalid value: "x": d');
  });

  it('[NAM5] goQuote is strconv.Quote', () => {
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('tab\there\n')).toBe('"tab\\there\\n"');
    expect(goQuote('\x01\x7f')).toBe('"\\x01\\x7f"');
    expect(goQuote('héllo 世界')).toBe('"héllo 世界"');
    expect(goQuote('\u200b')).toBe('"\\u200b"');
  });

  it('[NAM5] goNumber prints like %v', () => {
    expect(goNumber(3)).toBe('3');
    expect(goNumber(-0)).toBe('0');
    expect(goNumber(0.25)).toBe('0.25');
    expect(goNumber(0.00001)).toBe('1e-05');
    expect(goNumber(1234567.5)).toBe('1.2345675e+06');
  });
});

describe('aggregate messages (utilerrors.NewAggregate)', () => {
  const a = invalid('metadata.name', 'X', 'bad');
  const b = required('spec.containers', '');
  it('[NAM6] none, one, several, duplicates', () => {
    expect(aggregateMessage([])).toBe('');
    expect(aggregateMessage([a])).toBe('metadata.name: Invalid value: "X": bad');
    expect(aggregateMessage([a, b])).toBe(
      '[metadata.name: Invalid value: "X": bad, spec.containers: Required value]',
    );
    expect(aggregateMessage([a, a])).toBe('metadata.name: Invalid value: "X": bad');
    expect(aggregateMessage(['one', 'two'])).toBe('[one, two]');
  });

  it('[NAM6] the composed Pod example from section 12.1', () => {
    const errs = validateObjectMetaName('My_Pod', undefined, nameIsDNSSubdomain);
    expect(`The Pod "My_Pod" is invalid: ${aggregateMessage(errs)}`).toBe(
      `The Pod "My_Pod" is invalid: metadata.name: Invalid value: "My_Pod": ${SUBDOMAIN_MSG}`,
    );
  });
});

describe('ValidateObjectMeta name rules (section 12.1)', () => {
  it('[NAM7] name or generateName is required', () => {
    expect(validateObjectMetaName('', '', nameIsDNSSubdomain).map(fieldErrorString)).toEqual([
      'metadata.name: Required value: name or generateName is required',
    ]);
    expect(validateObjectMetaName(undefined, undefined, nameIsDNSSubdomain)).toHaveLength(1);
  });

  it('[NAM7] each validator message becomes an Invalid error on metadata.name', () => {
    expect(validateObjectMetaName('a.b', undefined, nameIsDNSLabel).map(fieldErrorString)).toEqual([
      'metadata.name: Invalid value: "a.b": must not contain dots',
    ]);
    expect(validateObjectMetaName('1web', undefined, nameIsDNS1035Label).map(fieldErrorString)).toEqual([
      `metadata.name: Invalid value: "1web": ${DNS1035_MSG}`,
    ]);
    expect(validateObjectMetaName('web', undefined, nameIsDNSSubdomain)).toEqual([]);
  });

  it('[NAM7] generateName is validated with prefix=true: a trailing dash is allowed', () => {
    expect(validateObjectMetaName('web-x2q9z', 'web-', nameIsDNSSubdomain)).toEqual([]);
    expect(validateObjectMetaName('Web-x2q9z', 'Web-', nameIsDNSSubdomain).map((e) => e.field)).toEqual([
      'metadata.generateName',
      'metadata.name',
    ]);
  });

  it('[NAM7] maskTrailingDash keeps the upstream quirk', () => {
    expect(maskTrailingDash('web-')).toBe('wea');
    expect(maskTrailingDash('-')).toBe('-');
    expect(maskTrailingDash('web')).toBe('web');
  });

  it('[NAM7] the plain checkers work as name validators too', () => {
    expect(validateObjectMetaName('Bad', undefined, isDNS1123Label)).toHaveLength(1);
  });
});
