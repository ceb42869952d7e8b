import { describe, expect, it } from 'vitest';
import {
  formatGoDuration,
  formatGoDurationNanos,
  humanDuration,
  parseGoDuration,
  parseGoDurationNanos,
  shortHumanDuration,
} from './duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;
const NS = 1e-6; // one nanosecond in milliseconds

describe('TestHumanDuration (section 11.4)', () => {
  it.each<[string, number, string]>([
    ['1s', S, '1s'],
    ['70s', 70 * S, '70s'],
    ['190s', 190 * S, '3m10s'],
    ['70m', 70 * M, '70m'],
    ['47h', 47 * H, '47h'],
    ['49h', 49 * H, '2d1h'],
    ['8d2h', 8 * D + 2 * H, '8d'],
    ['367d', 367 * D, '367d'],
    ['2y (730d) + 25h', 2 * Y + 25 * H, '2y1d'],
    ['8y + 2h', 8 * Y + 2 * H, '8y'],
  ])('[DUR1] %s', (_name, ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('TestHumanDurationBoundaries (section 11.4)', () => {
  it.each<[string, number, string]>([
    ['-2s', -2 * S, '<invalid>'],
    ['-2s+1ns', -2 * S + NS, '0s'],
    ['0', 0, '0s'],
    ['999ms', 999, '0s'],
    ['2m - 1ms', 2 * M - 1, '119s'],
    ['2m', 2 * M, '2m'],
    ['2m1s', 2 * M + S, '2m1s'],
    ['10m - 1ms', 10 * M - 1, '9m59s'],
    ['10m', 10 * M, '10m'],
    ['10m1s', 10 * M + S, '10m'],
    ['3h - 1ms', 3 * H - 1, '179m'],
    ['3h', 3 * H, '3h'],
    ['3h1m', 3 * H + M, '3h1m'],
    ['8h - 1ms', 8 * H - 1, '7h59m'],
    ['8h59m', 8 * H + 59 * M, '8h'],
    ['48h - 1ms', 48 * H - 1, '47h'],
    ['48h', 48 * H, '2d'],
    ['8d - 1ms', 8 * D - 1, '7d23h'],
    ['8d23h', 8 * D + 23 * H, '8d'],
    ['730d - 1ms', 2 * Y - 1, '729d'],
    ['730d + 24h - 1ms', 2 * Y + 24 * H - 1, '2y'],
    ['730d + 24h', 2 * Y + 24 * H, '2y1d'],
    ['8*365d - 1ms', 8 * Y - 1, '7y364d'],
  ])('[DUR1] %s', (_name, ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('TestShortHumanDurationBoundaries (section 11.4)', () => {
  it.each<[string, number, string]>([
    ['-2s', -2 * S, '<invalid>'],
    ['-2s+1ns', -2 * S + NS, '0s'],
    ['0', 0, '0s'],
    ['59.999s', 59 * S + 999, '59s'],
    ['1m', M, '1m'],
    ['2m - 1ms', 2 * M - 1, '1m'],
    ['1h', H, '1h'],
    ['23h59m', 23 * H + 59 * M, '23h'],
    ['24h', 24 * H, '1d'],
    ['364d', 364 * D, '364d'],
    ['365d', Y, '1y'],
  ])('[DUR2] %s', (_name, ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});

const Sn = 1_000_000_000n;
const MSn = 1_000_000n;
const USn = 1_000n;
const Mn = 60n * Sn;
const Hn = 60n * Mn;
const MAX = (1n << 63n) - 1n;
const MIN = -(1n << 63n);

describe('time.ParseDuration (Go parseDurationTests)', () => {
  it.each<[string, bigint]>([
    ['0', 0n],
    ['5s', 5n * Sn],
    ['30s', 30n * Sn],
    ['1478s', 1478n * Sn],
    ['-5s', -5n * Sn],
    ['+5s', 5n * Sn],
    ['-0', 0n],
    ['+0', 0n],
    ['5.0s', 5n * Sn],
    ['5.6s', 5n * Sn + 600n * MSn],
    ['5.s', 5n * Sn],
    ['.5s', 500n * MSn],
    ['1.0s', Sn],
    ['1.00s', Sn],
    ['1.004s', Sn + 4n * MSn],
    ['1.0040s', Sn + 4n * MSn],
    ['100.00100s', 100n * Sn + MSn],
    ['10ns', 10n],
    ['11us', 11n * USn],
    ['12µs', 12n * USn],
    ['12μs', 12n * USn],
    ['13ms', 13n * MSn],
    ['14s', 14n * Sn],
    ['15m', 15n * Mn],
    ['16h', 16n * Hn],
    ['3h30m', 3n * Hn + 30n * Mn],
    ['10.5s4m', 4n * Mn + 10n * Sn + 500n * MSn],
    ['-2m3.4s', -(2n * Mn + 3n * Sn + 400n * MSn)],
    ['1h2m3s4ms5us6ns', Hn + 2n * Mn + 3n * Sn + 4n * MSn + 5n * USn + 6n],
    ['39h9m14.425s', 39n * Hn + 9n * Mn + 14n * Sn + 425n * MSn],
    ['52763797000ns', 52763797000n],
    ['0.3333333333333333333h', 20n * Mn],
    ['9007199254740993ns', (1n << 53n) + 1n],
    ['9223372036854775807ns', MAX],
    ['9223372036854775.807us', MAX],
    ['9223372036s854ms775us807ns', MAX],
    ['-9223372036854775808ns', MIN],
    ['-9223372036854775.808us', MIN],
    ['-9223372036s854ms775us808ns', MIN],
    ['-2562047h47m16.854775808s', MIN],
    ['0.100000000000000000000h', 6n * Mn],
    ['0.830103483285477580700h', 49n * Mn + 48n * Sn + 372539827n],
  ])('[DUR3] %j', (input, want) => {
    expect(parseGoDurationNanos(input)).toBe(want);
  });

  it.each([
    '',
    '3',
    '-',
    's',
    '.',
    '-.',
    '.s',
    '+.s',
    '1d',
    '\x85\x85',
    '9223372036854775808ns',
    '9223372036854775.808us',
    '9223372036854ms775us808ns',
    '-9223372036854775809ns',
  ])('[DUR4] rejects %j', (input) => {
    expect(() => parseGoDurationNanos(input)).toThrow(/^time: /);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['x', 'time: invalid duration "x"'],
    ['.s', 'time: invalid duration ".s"'],
    ['3', 'time: missing unit in duration "3"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['1h2x', 'time: unknown unit "x" in duration "1h2x"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['\u00e9', 'time: invalid duration "\\xc3\\xa9"'],
  ])('[DUR4] error text for %j', (input, message) => {
    expect(() => parseGoDurationNanos(input)).toThrow(new Error(message));
  });

  it('[DUR3] parseGoDuration returns milliseconds', () => {
    expect(parseGoDuration('500ms')).toBe(500);
    expect(parseGoDuration('30s')).toBe(30000);
    expect(parseGoDuration('2m')).toBe(120000);
    expect(parseGoDuration('1h30m')).toBe(5400000);
    expect(parseGoDuration('1.5h')).toBe(5400000);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('1500us')).toBe(1.5);
  });
});

describe('Duration.String (Go durationTests)', () => {
  it.each<[bigint, string]>([
    [0n, '0s'],
    [1n, '1ns'],
    [1100n, '1.1µs'],
    [2200n * USn, '2.2ms'],
    [3300n * MSn, '3.3s'],
    [4n * Mn + 5n * Sn, '4m5s'],
    [4n * Mn + 5001n * MSn, '4m5.001s'],
    [5n * Hn + 6n * Mn + 7001n * MSn, '5h6m7.001s'],
    [8n * Mn + 1n, '8m0.000000001s'],
    [MAX, '2562047h47m16.854775807s'],
    [MIN, '-2562047h47m16.854775808s'],
  ])('[DUR5] %s ns = %j', (ns, want) => {
    expect(formatGoDurationNanos(ns)).toBe(want);
  });

  it.each<[number, string]>([
    [90000, '1m30s'],
    [500, '500ms'],
    [0, '0s'],
    [3600000, '1h0m0s'],
    [1.5, '1.5ms'],
    [-1000, '-1s'],
  ])('[DUR5] formatGoDuration(%d ms) = %j', (ms, want) => {
    expect(formatGoDuration(ms)).toBe(want);
  });
});
