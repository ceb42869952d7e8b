/**
 * resource.Quantity, ported from apimachinery `pkg/api/resource` (quantity.go, suffix.go,
 * amount.go).
 *
 * A quantity is an exact decimal (a BigInt mantissa times a power of ten, never a float) that
 * remembers which notation it was written in (BinarySI `Ki`, DecimalSI `k`/`m`, or DecimalExponent
 * `e3`) and prints itself back in canonical form in that notation: `1.5` becomes `1500m`,
 * `1024Mi` becomes `1Gi`. Parsing keeps precision down to nano units and rounds anything finer
 * up, "if you want some resources, you should get some resources".
 */

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

const SPLIT_RE_STRING = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE_STRING}'`;
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const MAX_INT64 = 2n ** 63n - 1n;
/** Go's maxInt64Factors: how many decimal digits always fit an int64. */
const MAX_INT64_FACTORS = 18;
/** Nano: the finest scale a parsed quantity keeps. */
const NANO = -9;

const DECIMAL_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
]);
const DECIMAL_SUFFIX_BY_EXPONENT: ReadonlyMap<number, string> = new Map(
  [...DECIMAL_SUFFIXES].map(([s, e]) => [e, s]),
);
const BINARY_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['Ki', 10],
  ['Mi', 20],
  ['Gi', 30],
  ['Ti', 40],
  ['Pi', 50],
  ['Ei', 60],
]);
const BINARY_SUFFIX_BY_POWER: readonly string[] = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** Beyond this many powers of ten we refuse to materialise a BigInt (10^400 is already > float64). */
const MAX_MATERIALISED_EXPONENT = 400;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

function digitCount(v: bigint): number {
  return abs(v).toString().length;
}

/** Divides |v| by 10^shift rounding away from zero; reports whether the division was exact. */
function shiftRightRoundUp(v: bigint, shift: number): { value: bigint; exact: boolean } {
  if (shift <= 0) return { value: v * pow10(-shift), exact: true };
  const neg = v < 0n;
  const mag = abs(v);
  // A divisor longer than the number leaves 0 remainder-ful: the result is 1 (or 0 for 0).
  if (shift > digitCount(mag) + 1) return { value: mag === 0n ? 0n : neg ? -1n : 1n, exact: mag === 0n };
  const d = pow10(shift);
  let q = mag / d;
  const exact = mag % d === 0n;
  if (!exact) q += 1n;
  return { value: neg ? -q : q, exact };
}

interface Scanned {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: a hand-written scanner, kept as is because its edge cases are the spec. */
function scanQuantity(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  const isDigit = (i: number) => {
    const c = str.charCodeAt(i);
    return c >= 48 && c <= 57;
  };

  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') {
      pos++;
    }
  }
  // Strip leading zeros; a string of only zeros is zero with no suffix.
  for (;;) {
    if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[pos] !== '0') break;
    pos++;
  }
  // Numerator.
  let i = pos;
  while (i < end && isDigit(i)) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, value: str, num: num || '0', denom: '', suffix: '' };
  pos = i;
  if (num.length === 0) num = '0';
  // Denominator (1. and .5 are both fine, and so, upstream admits, is 1.G).
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(i)) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);
  // Suffix: letters from the suffix alphabet, then an optional sign and digits (for e.g. "e-3").
  const suffixStart = pos;
  i = pos;
  while (i < end && 'eEinumkKMGTP'.includes(str[i] ?? '')) i++;
  if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  i = pos;
  while (i < end && isDigit(i)) i++;
  if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  throw new Error(ERR_FORMAT_WRONG);
}

/** suffixer.interpret: which base, exponent and format a suffix stands for. */
function interpretSuffix(
  suffix: string,
): { base: 2 | 10; exponent: number; format: QuantityFormat } | undefined {
  const dec = DECIMAL_SUFFIXES.get(suffix);
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES.get(suffix);
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const rest = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(rest)) return undefined;
    const parsed = BigInt(rest);
    if (parsed > MAX_INT64 || parsed < -MAX_INT64 - 1n) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return undefined;
}

export class Quantity {
  /**
   * value = unscaled × 10^exponent. `cached` is the original text when upstream's parser decided
   * it was already canonical and reused it, which is observable: it is what String() returns.
   */
  private constructor(
    private readonly unscaled: bigint,
    private readonly exponent: number,
    readonly format: QuantityFormat,
    private readonly cached?: string,
  ) {}

  /** @internal Build from mantissa and exponent (value = unscaled × 10^exponent). */
  static fromParts(unscaled: bigint, exponent: number, format: QuantityFormat, cached?: string): Quantity {
    return new Quantity(unscaled, exponent, format, cached);
  }

  isZero(): boolean {
    return this.unscaled === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
  }

  /** ScaledValue: ceil(q / 10^scale), rounding away from zero. */
  scaledValue(scale: number): number {
    const shift = this.exponent - scale;
    if (this.unscaled !== 0n && shift > MAX_MATERIALISED_EXPONENT)
      return this.unscaled < 0n ? -Infinity : Infinity;
    return Number(shiftRightRoundUp(this.unscaled, -shift).value);
  }

  /** Value: the integer value, rounded up away from zero (`500m` → 1). */
  value(): number {
    return this.scaledValue(0);
  }

  /** MilliValue: ceil(q × 1000) (`0.5` → 500, `1` → 1000). */
  milliValue(): number {
    return this.scaledValue(-3);
  }

  /** AsApproximateFloat64, for ratios (HPA utilisation, describe percentages). */
  asApproximateFloat64(): number {
    return Number(this.unscaled) * 10 ** this.exponent;
  }

  /** Cmp: -1, 0 or 1. */
  cmp(other: Quantity): -1 | 0 | 1 {
    const a = this.sign();
    const b = other.sign();
    if (a !== b) return a < b ? -1 : 1;
    if (a === 0) return 0;
    // Same sign: compare orders of magnitude first so we never build an enormous power of ten.
    const magA = digitCount(this.unscaled) + this.exponent;
    const magB = digitCount(other.unscaled) + other.exponent;
    if (magA !== magB) {
      const biggerMagnitude = magA > magB;
      return biggerMagnitude === a > 0 ? 1 : -1;
    }
    const e = Math.min(this.exponent, other.exponent);
    const x = this.unscaled * pow10(this.exponent - e);
    const y = other.unscaled * pow10(other.exponent - e);
    return x === y ? 0 : x < y ? -1 : 1;
  }

  equals(other: Quantity): boolean {
    return this.cmp(other) === 0;
  }

  /** Add. A zero receiver takes the other's format, so summing from zero keeps `Mi` or `m`. */
  add(other: Quantity): Quantity {
    const format = this.isZero() ? other.format : this.format;
    const e = Math.min(this.exponent, other.exponent);
    assertAlignable(this.exponent - e, other.exponent - e);
    return new Quantity(
      this.unscaled * pow10(this.exponent - e) + other.unscaled * pow10(other.exponent - e),
      e,
      format,
    );
  }

  /** Sub. Like Add, a zero receiver takes the other's format. */
  sub(other: Quantity): Quantity {
    return this.add(other.neg());
  }

  neg(): Quantity {
    return new Quantity(-this.unscaled, this.exponent, this.format);
  }

  /** The same value in another notation. */
  withFormat(format: QuantityFormat): Quantity {
    return new Quantity(this.unscaled, this.exponent, format);
  }

  /**
   * RoundUp: round away from zero to a multiple of 10^scale. API defaulting calls it with -3 on
   * every resource list, which is why `0.1m` CPU is stored as `1m`.
   */
  roundUp(scale: number): Quantity {
    if (this.exponent >= scale) return this; // already representable; keep the cached text too
    const { value } = shiftRightRoundUp(this.unscaled, scale - this.exponent);
    return new Quantity(value, scale, this.format);
  }

  /** Quantity.String(): the canonical text (see CanonicalizeBytes). */
  toString(): string {
    if (this.cached !== undefined) return this.cached;
    if (this.unscaled === 0n) return '0';
    let format = this.format;
    let rounded: bigint | undefined;
    if (format === 'BinarySI') {
      if (this.cmpInt(-1024n) > 0 && this.cmpInt(1024n) < 0) {
        // Small values would need fractional Ki; emit them as DecimalSI instead.
        format = 'DecimalSI';
      } else {
        const r = shiftRightRoundUp(this.unscaled, -this.exponent);
        if (r.exact) rounded = r.value;
        else format = 'DecimalSI'; // never lose precision to print a binary suffix
      }
    }
    if (format === 'BinarySI' && rounded !== undefined) {
      // Remove factors of 1024, stopping at Ei (upstream would print no suffix past Ei and
      // silently change the value; parsed values are capped below that anyway).
      let n = rounded;
      let power = 0;
      while (power < 6 && abs(n) >= 1024n && n % 1024n === 0n) {
        n /= 1024n;
        power++;
      }
      return n.toString() + (BINARY_SUFFIX_BY_POWER[power] ?? '');
    }
    // Decimal: strip trailing zeros into the exponent, then step down to a multiple of three.
    let n = this.unscaled;
    let exp = this.exponent;
    while (abs(n) >= 10n && n % 10n === 0n) {
      n /= 10n;
      exp++;
    }
    while (exp % 3 !== 0) {
      n *= 10n;
      exp--;
    }
    if (format === 'DecimalSI') {
      const suffix = DECIMAL_SUFFIX_BY_EXPONENT.get(exp);
      // DecimalSI has no suffix past E (10^18) or below n: fall back to exponent notation.
      if (suffix !== undefined) return n.toString() + suffix;
    }
    return n.toString() + (exp === 0 ? '' : `e${exp}`);
  }

  toJSON(): string {
    return this.toString();
  }

  private cmpInt(v: bigint): number {
    return this.cmp(new Quantity(v, 0, 'DecimalSI'));
  }
}

function assertAlignable(...shifts: number[]): void {
  if (shifts.some((s) => s > MAX_MATERIALISED_EXPONENT))
    throw new RangeError('quantity exponents too far apart to add exactly');
}

/**
 * ParseQuantity. Throws Error with upstream's ErrFormatWrong / ErrNumeric / ErrSuffix text.
 */
export function parseQuantity(str: string): Quantity {
  if (str.length === 0) throw new Error(ERR_FORMAT_WRONG);
  if (str === '0') return Quantity.fromParts(0n, 0, 'DecimalSI', str);

  const { positive, num, denom, suffix } = scanQuantity(str);
  const interpreted = interpretSuffix(suffix);
  if (!interpreted) throw new Error(ERR_SUFFIX);
  const { base, exponent } = interpreted;
  let format = interpreted.format;

  if (!/^[0-9]+$/.test(num + denom)) throw new Error(ERR_NUMERIC);
  const digits = BigInt(num + denom);
  const signed = (v: bigint) => (positive ? v : -v);

  // Upstream's int64 fast path. Its result is the same number as the general path below, but it
  // also decides whether the input text is reused verbatim as String(), so replay its conditions.
  let precision: number;
  let scale = 0;
  let multiplier = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      multiplier = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = MAX_INT64_FACTORS - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= NANO) {
      const result = digits * multiplier;
      if (result <= MAX_INT64) {
        let canonicalText = false;
        if (format === 'BinarySI') canonicalText = exponent % 10 === 0 && (digits & 7n) !== 0n;
        else canonicalText = scale % 3 === 0 && !(num + denom).endsWith('000') && (num + denom)[0] !== '0';
        return Quantity.fromParts(signed(result), scale, format, canonicalText ? str : undefined);
      }
    }
  }

  // General path: exact decimal arithmetic.
  let unscaled = digits;
  let exp = -denom.length;
  if (base === 10) exp += exponent;
  else unscaled *= 1n << BigInt(exponent);

  // Round any non-zero magnitude up to the nearest nano.
  if (exp < NANO) {
    unscaled = shiftRightRoundUp(unscaled, NANO - exp).value;
    exp = NANO;
  }
  // Binary quantities are capped at 2^63-1 (a plain cap, no error).
  if (
    format === 'BinarySI' &&
    Quantity.fromParts(unscaled, exp, format).cmp(Quantity.fromParts(MAX_INT64, 0, format)) > 0
  ) {
    unscaled = MAX_INT64;
    exp = 0;
  }
  // A binary amount below one cannot be written with a binary suffix.
  if (
    format === 'BinarySI' &&
    unscaled !== 0n &&
    Quantity.fromParts(unscaled, exp, format).cmp(Quantity.fromParts(1n, 0, format)) < 0
  ) {
    format = 'DecimalSI';
  }
  return Quantity.fromParts(signed(unscaled), exp, format);
}

/** MustParse for literals in code: throws with upstream's "cannot parse" wording. */
export function mustParseQuantity(str: string): Quantity {
  try {
    return parseQuantity(str);
  } catch (e) {
    throw new Error(`cannot parse '${str}': ${(e as Error).message}`);
  }
}

/** Integral input for the int64 constructors; fractions round away from zero like quantities do. */
function toInt64(v: number): bigint {
  if (!Number.isFinite(v)) throw new RangeError(`not a finite quantity value: ${v}`);
  return BigInt(v < 0 ? Math.floor(v) : Math.ceil(v));
}

/** NewQuantity(value, format): `newQuantity(1024, 'BinarySI')` prints `1Ki`. */
export function newQuantity(value: number, format: QuantityFormat): Quantity {
  return Quantity.fromParts(toInt64(value), 0, format);
}

/** NewMilliQuantity(value, format): `quantityFromMilli(1500, 'DecimalSI')` prints `1500m`. */
export function quantityFromMilli(milli: number, format: QuantityFormat): Quantity {
  return Quantity.fromParts(toInt64(milli), -3, format);
}

/** NewScaledQuantity(value, scale): value × 10^scale in DecimalSI. */
export function newScaledQuantity(value: number, scale: number): Quantity {
  return Quantity.fromParts(toInt64(value), scale, 'DecimalSI');
}

export function zeroQuantity(format: QuantityFormat = 'DecimalSI'): Quantity {
  return Quantity.fromParts(0n, 0, format);
}

/** CPU millicores as kubectl describe prints them: 100 → `100m`, 1000 → `1`, 1500 → `1500m`. */
export function formatMilliCPU(milli: number): string {
  return quantityFromMilli(milli, 'DecimalSI').toString();
}

/** Bytes as a BinarySI quantity: 134217728 → `128Mi`, 1000 → `1000`. */
export function formatBytes(bytes: number): string {
  return newQuantity(bytes, 'BinarySI').toString();
}

/** Sum of quantities starting from zero, keeping the first non-zero notation (describe totals). */
export function sumQuantities(qs: Iterable<Quantity>): Quantity {
  let total = zeroQuantity();
  for (const q of qs) total = total.add(q);
  return total;
}
