import { describe, expect, it } from 'vitest';
import type { QuantityFormat } from './quantity';
import {
  ERR_FORMAT_WRONG,
  ERR_SUFFIX,
  Quantity,
  formatBytes,
  formatMilliCPU,
  mustParseQuantity,
  newQuantity,
  newScaledQuantity,
  parseQuantity,
  quantityFromMilli,
  sumQuantities,
  zeroQuantity,
} from './quantity';

/** The test helper decQuantity(i, exponent, format) from quantity_test.go. */
const dec = (i: number | bigint, exponent: number, format: QuantityFormat) =>
  Quantity.fromParts(BigInt(i), exponent, format);

describe('TestQuantityParseEmit', () => {
  it.each([
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
  ])('[QTY3] %j emits %j (and negated)', (input, expected) => {
    expect(parseQuantity(input).toString()).toBe(expected);
    expect(parseQuantity('-' + input).toString()).toBe('-' + expected);
  });
});

describe('TestQuantityString', () => {
  const table: [Quantity, string, string][] = [
    [dec(1024 * 1024 * 1024, 0, 'BinarySI'), '1Gi', '1024Mi'],
    [dec(300 * 1024 * 1024, 0, 'BinarySI'), '300Mi', '307200Ki'],
    [dec(6 * 1024, 0, 'BinarySI'), '6Ki', ''],
    [dec(1001 * 1024 * 1024 * 1024, 0, 'BinarySI'), '1001Gi', '1025024Mi'],
    [dec(1024 * 1024 * 1024 * 1024, 0, 'BinarySI'), '1Ti', '1024Gi'],
    [dec(5, 0, 'BinarySI'), '5', '5000m'],
    [dec(500, -3, 'BinarySI'), '500m', '0.5'],
    [dec(1, 9, 'DecimalSI'), '1G', '1000M'],
    [dec(1000, 6, 'DecimalSI'), '1G', '0.001T'],
    [dec(1000000, 3, 'DecimalSI'), '1G', ''],
    [dec(1000000000, 0, 'DecimalSI'), '1G', ''],
    [dec(1, -3, 'DecimalSI'), '1m', '1000u'],
    [dec(80, -3, 'DecimalSI'), '80m', ''],
    [dec(1080, -3, 'DecimalSI'), '1080m', '1.08'],
    [dec(108, -2, 'DecimalSI'), '1080m', '1080000000n'],
    [dec(10800, -4, 'DecimalSI'), '1080m', ''],
    [dec(300, 6, 'DecimalSI'), '300M', ''],
    [dec(1, 12, 'DecimalSI'), '1T', ''],
    [dec(1, 18, 'DecimalSI'), '1E', ''],
    [dec(1, 21, 'DecimalSI'), '1e21', '1000E'],
    [dec(5, 21, 'DecimalSI'), '5e21', '5000E'],
    [dec(1, 24, 'DecimalSI'), '1e24', '1000000E'],
    [dec(1234567, 6, 'DecimalSI'), '1234567M', ''],
    [dec(1234567, -3, 'BinarySI'), '1234567m', ''],
    [dec(3, 3, 'DecimalSI'), '3k', ''],
    [dec(1025, 0, 'BinarySI'), '1025', ''],
    [dec(0, 0, 'DecimalSI'), '0', ''],
    [dec(0, 0, 'BinarySI'), '0', ''],
    [dec(1, 9, 'DecimalExponent'), '1e9', '.001e12'],
    [dec(1, -3, 'DecimalExponent'), '1e-3', '0.001e0'],
    [dec(1, -9, 'DecimalExponent'), '1e-9', '1000e-12'],
    [dec(80, -3, 'DecimalExponent'), '80e-3', ''],
    [dec(300, 6, 'DecimalExponent'), '300e6', ''],
    [dec(1, 12, 'DecimalExponent'), '1e12', ''],
    [dec(1, 3, 'DecimalExponent'), '1e3', ''],
    [dec(3, 3, 'DecimalExponent'), '3e3', ''],
    [dec(3, 3, 'DecimalSI'), '3k', ''],
    [dec(0, 0, 'DecimalExponent'), '0', '00'],
    [dec(1, -9, 'DecimalSI'), '1n', ''],
    [dec(80, -9, 'DecimalSI'), '80n', ''],
    [dec(1080, -9, 'DecimalSI'), '1080n', ''],
    [dec(108, -8, 'DecimalSI'), '1080n', ''],
    [dec(10800, -10, 'DecimalSI'), '1080n', ''],
    [dec(1, -6, 'DecimalSI'), '1u', ''],
    [dec(80, -6, 'DecimalSI'), '80u', ''],
    [dec(1080, -6, 'DecimalSI'), '1080u', ''],
  ];

  it.each(table)('[QTY3] %s prints %j; alternate %j parses to it', (q, expect_, alternate) => {
    expect(q.toString()).toBe(expect_);
    // Parsing the canonical text gives the same text back...
    const reparsed = parseQuantity(expect_);
    expect(reparsed.toString()).toBe(expect_);
    expect(reparsed.cmp(q)).toBe(0);
    // ...and the alternate spelling canonicalises to it.
    if (alternate) expect(parseQuantity(alternate).toString()).toBe(expect_);
    // Never "-0".
    if (!q.isZero()) expect(q.neg().toString()).toBe('-' + expect_);
    else expect(q.neg().toString()).toBe('0');
  });
});

describe('TestQuantityParse (value table)', () => {
  const table: [string, Quantity][] = [
    ['0', dec(0, 0, 'DecimalSI')],
    ['0n', dec(0, 0, 'DecimalSI')],
    ['0u', dec(0, 0, 'DecimalSI')],
    ['0m', dec(0, 0, 'DecimalSI')],
    ['0Ki', dec(0, 0, 'BinarySI')],
    ['0k', dec(0, 0, 'DecimalSI')],
    ['0Mi', dec(0, 0, 'BinarySI')],
    ['0M', dec(0, 0, 'DecimalSI')],
    ['0Gi', dec(0, 0, 'BinarySI')],
    ['0G', dec(0, 0, 'DecimalSI')],
    ['0Ti', dec(0, 0, 'BinarySI')],
    ['0T', dec(0, 0, 'DecimalSI')],
    ['1', dec(1, 0, 'DecimalSI')],
    ['1Ki', dec(1024, 0, 'BinarySI')],
    ['8Ki', dec(8 * 1024, 0, 'BinarySI')],
    ['7Mi', dec(7 * 1024 * 1024, 0, 'BinarySI')],
    ['6Gi', dec(6 * 1024 * 1024 * 1024, 0, 'BinarySI')],
    ['5Ti', dec(5 * 1024 ** 4, 0, 'BinarySI')],
    ['4Pi', dec(4n * 1024n ** 5n, 0, 'BinarySI')],
    ['3Ei', dec(3n * 1024n ** 6n, 0, 'BinarySI')],
    ['10Ti', dec(10 * 1024 ** 4, 0, 'BinarySI')],
    ['100Ti', dec(100 * 1024 ** 4, 0, 'BinarySI')],
    ['5n', dec(5, -9, 'DecimalSI')],
    ['4u', dec(4, -6, 'DecimalSI')],
    ['3m', dec(3, -3, 'DecimalSI')],
    ['9', dec(9, 0, 'DecimalSI')],
    ['8k', dec(8, 3, 'DecimalSI')],
    ['50k', dec(5, 4, 'DecimalSI')],
    ['7M', dec(7, 6, 'DecimalSI')],
    ['6G', dec(6, 9, 'DecimalSI')],
    ['5T', dec(5, 12, 'DecimalSI')],
    ['40T', dec(4, 13, 'DecimalSI')],
    ['300T', dec(3, 14, 'DecimalSI')],
    ['2P', dec(2, 15, 'DecimalSI')],
    ['1E', dec(1, 18, 'DecimalSI')],
    ['1E-3', dec(1, -3, 'DecimalExponent')],
    ['1e3', dec(1, 3, 'DecimalExponent')],
    ['1E6', dec(1, 6, 'DecimalExponent')],
    ['1e9', dec(1, 9, 'DecimalExponent')],
    ['1E12', dec(1, 12, 'DecimalExponent')],
    ['1e15', dec(1, 15, 'DecimalExponent')],
    ['1E18', dec(1, 18, 'DecimalExponent')],
    ['1e14', dec(1, 14, 'DecimalExponent')],
    ['1e13', dec(1, 13, 'DecimalExponent')],
    ['100.035k', dec(100035, 0, 'DecimalSI')],
    ['0.001', dec(1, -3, 'DecimalSI')],
    ['0.0005k', dec(5, -1, 'DecimalSI')],
    ['0.005', dec(5, -3, 'DecimalSI')],
    ['0.05', dec(5, -2, 'DecimalSI')],
    ['0.5', dec(5, -1, 'DecimalSI')],
    ['0.00050k', dec(5, -1, 'DecimalSI')],
    ['0.00500', dec(5, -3, 'DecimalSI')],
    ['0.05000', dec(5, -2, 'DecimalSI')],
    ['0.50000', dec(5, -1, 'DecimalSI')],
    ['0.5e0', dec(5, -1, 'DecimalExponent')],
    ['0.5e-1', dec(5, -2, 'DecimalExponent')],
    ['0.5e-2', dec(5, -3, 'DecimalExponent')],
    ['10.035M', dec(10035, 3, 'DecimalSI')],
    ['1.2e3', dec(12, 2, 'DecimalExponent')],
    ['1.3E+6', dec(13, 5, 'DecimalExponent')],
    ['1.40e9', dec(14, 8, 'DecimalExponent')],
    ['1.53E12', dec(153, 10, 'DecimalExponent')],
    ['1.6e15', dec(16, 14, 'DecimalExponent')],
    ['1.7E18', dec(17, 17, 'DecimalExponent')],
    ['9.01', dec(901, -2, 'DecimalSI')],
    ['8.1k', dec(81, 2, 'DecimalSI')],
    ['7.123456M', dec(7123456, 0, 'DecimalSI')],
    ['6.987654321G', dec(6987654321, 0, 'DecimalSI')],
    ['5.444T', dec(5444, 9, 'DecimalSI')],
    ['40.1T', dec(401, 11, 'DecimalSI')],
    ['300.2T', dec(3002, 11, 'DecimalSI')],
    ['2.5P', dec(25, 14, 'DecimalSI')],
    ['1.01E', dec(101, 16, 'DecimalSI')],
    // Things that saturate/round
    ['3.001n', dec(4, -9, 'DecimalSI')],
    ['1.1E-9', dec(2, -9, 'DecimalExponent')],
    ['0.0000000001', dec(1, -9, 'DecimalSI')],
    ['0.0000000005', dec(1, -9, 'DecimalSI')],
    ['0.00000000050', dec(1, -9, 'DecimalSI')],
    ['0.5e-9', dec(1, -9, 'DecimalExponent')],
    ['0.9n', dec(1, -9, 'DecimalSI')],
    ['0.00000012345', dec(124, -9, 'DecimalSI')],
    ['0.00000012354', dec(124, -9, 'DecimalSI')],
    ['9Ei', dec(2n ** 63n - 1n, 0, 'BinarySI')],
    ['9223372036854775807Ki', dec(2n ** 63n - 1n, 0, 'BinarySI')],
    ['12E', dec(12, 18, 'DecimalSI')],
    // We'll accept fractional binary stuff, too.
    ['100.035Ki', dec(10243584, -2, 'BinarySI')],
    ['0.5Mi', dec(0.5 * 1024 * 1024, 0, 'BinarySI')],
    ['0.05Gi', dec(536870912, -1, 'BinarySI')],
    ['0.025Ti', dec(274877906944, -1, 'BinarySI')],
    // Things written by trolls
    ['0.000000000001Ki', dec(2, -9, 'DecimalSI')],
    ['.001', dec(1, -3, 'DecimalSI')],
    ['.0001k', dec(100, -3, 'DecimalSI')],
    ['1.', dec(1, 0, 'DecimalSI')],
    ['1.G', dec(1, 9, 'DecimalSI')],
  ];

  it.each(table)('[QTY1] %j', (input, want) => {
    const got = parseQuantity(input);
    expect(got.cmp(want)).toBe(0);
    expect(got.format).toBe(want.format);
    // Each row also parses with a leading - (negated) and + (unchanged).
    const neg = parseQuantity('-' + input);
    expect(neg.cmp(want.neg())).toBe(0);
    expect(neg.format).toBe(want.format);
    const plus = parseQuantity('+' + input);
    expect(plus.cmp(want)).toBe(0);
    expect(plus.format).toBe(want.format);
  });

  it('[QTY2] the empty string and the invalid table are rejected with upstream errors', () => {
    expect(() => parseQuantity('')).toThrow(new Error(ERR_FORMAT_WRONG));
    expect(ERR_FORMAT_WRONG).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it.each([
    ['1.1.M', ERR_FORMAT_WRONG],
    ['1+1.0M', ERR_FORMAT_WRONG],
    ['0.1mi', ERR_SUFFIX],
    ['0.1am', ERR_FORMAT_WRONG],
    ['aoeu', ERR_FORMAT_WRONG],
    ['.5i', ERR_SUFFIX],
    ['1i', ERR_SUFFIX],
    ['-3.01i', ERR_SUFFIX],
    ['-3.01e-', ERR_SUFFIX],
    [' 1', ERR_FORMAT_WRONG],
    ['1 ', ERR_FORMAT_WRONG],
    ['1K', ERR_SUFFIX], // K is not a suffix; kilo is k (section 2.2, DERIVED)
  ])('[QTY2] invalid %j', (input, message) => {
    expect(() => parseQuantity(input)).toThrow(new Error(message));
  });

  it('[QTY2] mustParseQuantity wraps the error as MustParse panics with it', () => {
    expect(() => mustParseQuantity('1K')).toThrow(
      new Error("cannot parse '1K': unable to parse quantity's suffix"),
    );
  });
});

describe('section 2.2 vectors (String, Value, MilliValue)', () => {
  it.each<[string, string, number | undefined, number | undefined]>([
    ['1Ki', '1Ki', 1024, undefined],
    ['1Gi', '1Gi', 1073741824, undefined],
    ['5000m', '5', 5, undefined],
    ['0.5', '500m', undefined, 500],
    ['1.08', '1080m', undefined, 1080],
    ['1000u', '1m', undefined, 1],
    ['1e3', '1e3', 1000, 1000000],
    ['00', '0', 0, 0],
    ['5Gi', '5Gi', 5368709120, undefined],
    ['5G', '5G', 5000000000, undefined],
    ['5300m', '5300m', undefined, 5300],
    ['5.4', '5400m', undefined, 5400],
    ['1.5', '1500m', 2, 1500],
    ['1.5Gi', '1536Mi', undefined, undefined],
    ['500m', '500m', 1, 500],
    ['100Mi', '100Mi', 104857600, undefined],
    ['1G', '1G', 1000000000, undefined],
    ['1000000000000000000', '1E', undefined, undefined],
    ['999999999999999999.1', '999999999999999999100m', undefined, undefined],
    ['10000000000000000000000m', '10E', undefined, undefined],
  ])('[QTY3] %j -> %j', (input, str, value, milli) => {
    const q = parseQuantity(input);
    expect(q.toString()).toBe(str);
    if (value !== undefined) expect(q.value()).toBe(value);
    if (milli !== undefined) expect(q.milliValue()).toBe(milli);
  });

  it('[QTY6] Value and MilliValue round away from zero', () => {
    expect(parseQuantity('-500m').value()).toBe(-1);
    expect(parseQuantity('0.1m').milliValue()).toBe(1);
    expect(parseQuantity('-1.5').value()).toBe(-2);
    expect(parseQuantity('1n').milliValue()).toBe(1);
  });

  it('[QTY5] 9Ei saturates at 2^63-1 and prints the plain integer', () => {
    expect(parseQuantity('9Ei').toString()).toBe('9223372036854775807');
  });

  it('[QTY11] non-canonical text that upstream decides is canonical is echoed back verbatim', () => {
    // ParseQuantity keeps the input string when the int64 fast path sees no trailing "000"
    // and a multiple-of-three scale; String() then returns it unchanged.
    expect(parseQuantity('+1Ki').toString()).toBe('+1Ki');
    expect(parseQuantity('1.500').toString()).toBe('1.500');
    expect(parseQuantity('1.5').toString()).toBe('1500m');
  });
});

describe('TestNewSet / TestMilliNewSet / TestNewScaledSet', () => {
  it.each<[number, QuantityFormat, string]>([
    [1, 'DecimalSI', '1'],
    [1000, 'DecimalSI', '1k'],
    [1234000, 'DecimalSI', '1234k'],
    [1024, 'BinarySI', '1Ki'],
    [1000000, 'DecimalExponent', '1e6'],
    [1024 * 1024, 'BinarySI', '1Mi'],
  ])('[QTY8] newQuantity(%d, %s) = %j', (v, f, want) => {
    const q = newQuantity(v, f);
    expect(q.toString()).toBe(want);
    expect(parseQuantity(q.toString()).value()).toBe(v);
  });

  it.each<[number, QuantityFormat, string]>([
    [1, 'DecimalSI', '1m'],
    [1000, 'DecimalSI', '1'],
    [1234000, 'DecimalSI', '1234'],
    [1024, 'BinarySI', '1024m'],
    [1000000, 'DecimalExponent', '1e3'],
    [1024 * 1024, 'BinarySI', '1048576m'],
  ])('[QTY8] quantityFromMilli(%d, %s) = %j', (v, f, want) => {
    expect(quantityFromMilli(v, f).toString()).toBe(want);
  });

  it('[QTY8] ExampleFormat', () => {
    expect(newQuantity(5 * 1024 ** 3, 'BinarySI').toString()).toBe('5Gi');
    expect(quantityFromMilli(5300, 'DecimalSI').toString()).toBe('5300m');
  });

  it.each<[number, number, string]>([
    [1, -9, '1n'],
    [1000, -9, '1u'],
    [1, -6, '1u'],
    [1000, -6, '1m'],
    [1, -3, '1m'],
    [1000, -3, '1'],
    [1, 0, '1'],
    [0, -9, '0'],
    [0, 0, '0'],
    [0, 9, '0'],
  ])('[QTY8] newScaledQuantity(%d, %d) = %j', (v, scale, want) => {
    expect(newScaledQuantity(v, scale).toString()).toBe(want);
  });
});

describe('TestQuantityRoundUp', () => {
  it.each<[string, number, Quantity]>([
    ['9.01', -3, dec(901, -2, 'DecimalSI')],
    ['9.01', -2, dec(901, -2, 'DecimalSI')],
    ['9.01', -1, dec(91, -1, 'DecimalSI')],
    ['9.01', 0, dec(10, 0, 'DecimalSI')],
    ['9.01', 1, dec(10, 0, 'DecimalSI')],
    ['9.01', 2, dec(100, 0, 'DecimalSI')],
    ['-9.01', -3, dec(-901, -2, 'DecimalSI')],
    ['-9.01', -2, dec(-901, -2, 'DecimalSI')],
    ['-9.01', -1, dec(-91, -1, 'DecimalSI')],
    ['-9.01', 0, dec(-10, 0, 'DecimalSI')],
    ['-9.01', 1, dec(-10, 0, 'DecimalSI')],
    ['-9.01', 2, dec(-100, 0, 'DecimalSI')],
  ])('[QTY9] %j to scale %d', (input, scale, want) => {
    expect(parseQuantity(input).roundUp(scale).cmp(want)).toBe(0);
  });

  it('[QTY9] API defaulting rounds resource lists to milli: 0.1m becomes 1m', () => {
    expect(parseQuantity('0.1m').roundUp(-3).toString()).toBe('1m');
    expect(parseQuantity('100m').roundUp(-3).toString()).toBe('100m');
  });
});

describe('TestQuantityCmp / TestQuantityCmpInt64AndDec', () => {
  it.each<[string, string, number]>([
    ['0', '0', 0],
    ['100m', '50m', 1],
    ['50m', '100m', -1],
    ['10000T', '100Gi', 1],
  ])('[QTY10] %j vs %j', (x, y, want) => {
    expect(parseQuantity(x).cmp(parseQuantity(y))).toBe(want);
  });

  const mostPositive = 2n ** 63n - 1n;
  const mostNegative = -(2n ** 63n);
  it.each<[Quantity, Quantity, number]>([
    [dec(901, -2, 'DecimalSI'), dec(901, -2, 'DecimalSI'), 0],
    [dec(90, -1, 'DecimalSI'), dec(901, -2, 'DecimalSI'), -1],
    [dec(901, -2, 'DecimalSI'), dec(900, -2, 'DecimalSI'), 1],
    [dec(0, 0, 'DecimalSI'), dec(0, 0, 'DecimalSI'), 0],
    [dec(0, 1, 'DecimalSI'), dec(0, -1, 'DecimalSI'), 0],
    [dec(800, -3, 'DecimalSI'), dec(1, 0, 'DecimalSI'), -1],
    [dec(800, -3, 'DecimalSI'), dec(79, -2, 'DecimalSI'), 1],
    [dec(mostPositive, 0, 'DecimalSI'), dec(1, -1, 'DecimalSI'), 1],
    [dec(mostPositive, 1, 'DecimalSI'), dec(1, 0, 'DecimalSI'), 1],
    [dec(mostPositive, -16, 'DecimalSI'), dec(1, 3, 'DecimalSI'), -1],
    [dec(mostNegative, 0, 'DecimalSI'), dec(0, 0, 'DecimalSI'), -1],
    [dec(mostNegative, -18, 'DecimalSI'), dec(-1, 0, 'DecimalSI'), -1],
    [dec(mostNegative, -19, 'DecimalSI'), dec(-1, 0, 'DecimalSI'), 1],
    [dec(10n ** 18n, -17, 'DecimalSI'), dec(1, 1, 'DecimalSI'), 0],
    [dec(10n ** 18n, -17, 'DecimalSI'), dec(-10, 0, 'DecimalSI'), 1],
    [dec(-(10n ** 18n), -17, 'DecimalSI'), dec(-10, 0, 'DecimalSI'), 0],
    [dec(10n ** 18n, -17, 'DecimalSI'), dec(1, 0, 'DecimalSI'), 1],
    [dec(10n ** 18n + 1n, -17, 'DecimalSI'), dec(1, 1, 'DecimalSI'), 1],
    [dec(10n ** 18n - 1n, -17, 'DecimalSI'), dec(1, 1, 'DecimalSI'), -1],
  ])('[QTY10] %s vs %s', (a, b, want) => {
    expect(a.cmp(b)).toBe(want);
    expect(b.cmp(a)).toBe(-want || 0);
  });
});

describe('TestQuantityAddZeroPreservesSuffix / TestQuantitySubZeroPreservesSuffix / TestQuantityNeg', () => {
  it.each(['100m', '1Gi'])('[QTY10] %j', (v) => {
    const value = parseQuantity(v);
    const zero = parseQuantity('0');
    expect(value.add(zero).toString()).toBe(v);
    expect(zero.add(value).toString()).toBe(v);
    expect(value.sub(zero).toString()).toBe(v);
    expect(zero.sub(value).toString()).toBe(value.neg().toString());
  });

  it('[QTY7] neg', () => {
    expect(dec(901, -2, 'DecimalSI').neg().toString()).toBe('-9010m');
  });

  it('[QTY10] sums keep the notation of the first addend (describe totals)', () => {
    expect(sumQuantities(['128Mi', '64Mi'].map(parseQuantity)).toString()).toBe('192Mi');
    expect(sumQuantities(['100m', '250m', '1'].map(parseQuantity)).toString()).toBe('1350m');
    expect(sumQuantities([]).toString()).toBe('0');
    expect(zeroQuantity('BinarySI').toString()).toBe('0');
  });
});

describe('kubectl describe helpers', () => {
  it.each<[number, string]>([
    [0, '0'],
    [100, '100m'],
    [250, '250m'],
    [1000, '1'],
    [1500, '1500m'],
    [2000, '2'],
    [12000, '12'],
  ])('[QTY8] formatMilliCPU(%d) = %j', (m, want) => {
    expect(formatMilliCPU(m)).toBe(want);
  });

  it.each<[number, string]>([
    [0, '0'],
    [1000, '1k'], // below 1024 a BinarySI value prints as DecimalSI
    [1023, '1023'],
    [134217728, '128Mi'],
    [2 * 1024 ** 3, '2Gi'],
    [1536 * 1024 ** 2, '1536Mi'],
  ])('[QTY4] formatBytes(%d) = %j', (b, want) => {
    expect(formatBytes(b)).toBe(want);
  });

  it('[QTY3] asApproximateFloat64 and toJSON', () => {
    expect(parseQuantity('1500m').asApproximateFloat64()).toBeCloseTo(1.5);
    expect(JSON.stringify({ cpu: parseQuantity('0.5') })).toBe('{"cpu":"500m"}');
  });
});

describe('BinarySI below 1024 or fractional prints as DecimalSI (CanonicalizeBytes, TestQuantityString)', () => {
  it.each<[Quantity, string]>([
    [dec(5, 0, 'BinarySI'), '5'],
    [dec(500, -3, 'BinarySI'), '500m'],
    [dec(1234567, -3, 'BinarySI'), '1234567m'],
    [dec(1023, 0, 'BinarySI'), '1023'],
    [dec(-1023, 0, 'BinarySI'), '-1023'],
    [dec(1024, 0, 'BinarySI'), '1Ki'],
    [dec(-1024, 0, 'BinarySI'), '-1Ki'],
    [dec(1025, 0, 'BinarySI'), '1025'],
  ])('[QTY4] %s prints %j', (q, want) => {
    expect(q.toString()).toBe(want);
  });

  it.each([
    ['.001Ki', '1024m'],
    ['1.5Ki', '1536'],
    ['0.5Ki', '512'],
    ['1.5Gi', '1536Mi'],
  ])('[QTY4] %j prints %j', (input, want) => {
    expect(parseQuantity(input).toString()).toBe(want);
  });
});

describe('precision: round up to nano, saturate binary (TestQuantityParse "Things that saturate/round")', () => {
  it.each([
    ['3.001n', '4n', 'DecimalSI'],
    ['0.9n', '1n', 'DecimalSI'],
    ['0.00000012345', '124n', 'DecimalSI'],
    ['1.1E-9', '2e-9', 'DecimalExponent'],
    ['0.5e-9', '1e-9', 'DecimalExponent'],
    ['0.000000000001Ki', '2n', 'DecimalSI'],
    ['9Ei', '9223372036854775807', 'BinarySI'],
    ['9223372036854775807Ki', '9223372036854775807', 'BinarySI'],
  ])('[QTY5] %j is %j (%s)', (input, want, format) => {
    const q = parseQuantity(input);
    expect(q.toString()).toBe(want);
    expect(q.format).toBe(format);
  });

  it('[QTY5] negative amounts round away from zero too', () => {
    expect(parseQuantity('-3.001n').toString()).toBe('-4n');
    expect(parseQuantity('-9Ei').toString()).toBe('-9223372036854775807');
  });
});

describe('zero and negation (TestQuantityNeg, TestQuantityString)', () => {
  it.each(['0', '-0', '+0', '00', '0.000', '0Ki', '-0Mi', '0e3', '0m', '-0n'])(
    '[QTY7] %j prints "0"',
    (input) => {
      const q = parseQuantity(input);
      expect(q.toString()).toBe('0');
      expect(q.neg().toString()).toBe('0');
      expect(q.isZero()).toBe(true);
    },
  );

  it('[QTY7] negation keeps the notation', () => {
    expect(parseQuantity('1Gi').neg().toString()).toBe('-1Gi');
    expect(parseQuantity('1e3').neg().toString()).toBe('-1e3');
    expect(parseQuantity('-1500m').neg().toString()).toBe('1500m');
    expect(parseQuantity('1Gi').neg().format).toBe('BinarySI');
  });
});
