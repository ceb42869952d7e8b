/**
 * Durations: the AGE column (apimachinery `pkg/util/duration`) and Go's `time.Duration` text
 * format, which Kubernetes uses for flags and several API fields (`30s`, `1h30m`).
 *
 * Everything takes and returns milliseconds (the simulated clock's unit). Go works in integer
 * nanoseconds; the conversions below go through BigInt nanoseconds so the arithmetic and the
 * overflow rules are Go's.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * HumanDuration: how kubectl prints ages. Precision drops as the age grows (`3m10s`, `70m`,
 * `2d1h`, `367d`, `2y1d`). Up to one second in the future still reads as `0s` to tolerate clock
 * skew between client and server; anything further is `<invalid>`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const d = Math.trunc(hours / 24);
    return h === 0 ? `${d}d` : `${d}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const years = Math.trunc(hours / 24 / 365);
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** ShortHumanDuration: the older single-unit form (`59s`, `1m`, `23h`, `364d`, `1y`). */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

// ---------------------------------------------------------------------------------------------
// Go time.Duration
// ---------------------------------------------------------------------------------------------

const NS_PER_UNIT: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n], // U+00B5 micro sign
  ['\u03bcs', 1_000n], // U+03BC Greek mu
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

const TWO_63 = 1n << 63n;
const utf8 = new TextEncoder();

/** time's own quote(): printable ASCII kept (with `"` and `\` escaped), other bytes as \xNN. */
function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x80 || cp < 0x20) {
      for (const b of utf8.encode(ch)) out += '\\x' + b.toString(16).padStart(2, '0');
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}

/** time.ParseDuration in integer nanoseconds, e.g. `1h30m` → 5400000000000n. */
export function parseGoDurationNanos(orig: string): bigint {
  const invalid = () => new Error(`time: invalid duration ${timeQuote(orig)}`);
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n; // the only unit-less duration
  if (s === '') throw invalid();
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) throw invalid();
    // Integer part. Overflowing int64 here is an invalid duration.
    let i = 0;
    let v = 0n;
    while (isDigit(s[i])) {
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > TWO_63) throw invalid();
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    // Fraction: digits past int64 precision are consumed but ignored, as leadingFraction does.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(s[j])) {
        if (!overflow) {
          const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
          if (f > (TWO_63 - 1n) / 10n || y > TWO_63) overflow = true;
          else {
            f = y;
            scale *= 10;
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid(); // e.g. ".s"
    // Unit: everything up to the next digit or dot.
    let k = 0;
    while (k < s.length && !(s[k] === '.' || isDigit(s[k]))) k++;
    if (k === 0) throw new Error(`time: missing unit in duration ${timeQuote(orig)}`);
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = NS_PER_UNIT.get(u);
    if (unit === undefined)
      throw new Error(`time: unknown unit ${timeQuote(u)} in duration ${timeQuote(orig)}`);
    if (v > TWO_63 / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      // Upstream uses float64 here ("float64 is needed to be nanosecond accurate for fractions
      // of hours"), truncating the product; reproduce it rather than computing exactly.
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > TWO_63) throw invalid();
    }
    d += v;
    if (d > TWO_63) throw invalid();
  }
  if (neg) return -d;
  if (d > TWO_63 - 1n) throw invalid();
  return d;
}

/** time.ParseDuration in milliseconds (fractional below 1ms): `500ms` → 500, `1.5h` → 5400000. */
export function parseGoDuration(s: string): number {
  return Number(parseGoDurationNanos(s)) / 1e6;
}

/** fmtFrac + fmtInt: `v / 10^prec` with the fraction's trailing zeros (and a bare dot) dropped. */
function fracAndInt(v: bigint, prec: number): string {
  const d = 10n ** BigInt(prec);
  const frac = (v % d).toString().padStart(prec, '0').replace(/0+$/, '');
  return (v / d).toString() + (frac ? '.' + frac : '');
}

/** Duration.String() for integer nanoseconds: `1h0m0s`, `1m30s`, `1.5s`, `500ms`, `2µs`, `0s`. */
export function formatGoDurationNanos(ns: bigint): string {
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    // Under a second Go switches to the largest sub-second unit.
    if (u === 0n) return '0s';
    if (u < 1_000n) out = `${u}ns`;
    else if (u < 1_000_000n) out = `${fracAndInt(u, 3)}\u00b5s`;
    else out = `${fracAndInt(u, 6)}ms`;
  } else {
    const secNs = u % 60_000_000_000n;
    out = `${fracAndInt(secNs, 9)}s`;
    u /= 60_000_000_000n;
    // Days are never used: they are not a fixed length.
    if (u > 0n) {
      out = `${u % 60n}m` + out;
      u /= 60n;
      if (u > 0n) out = `${u}h` + out;
    }
  }
  return neg ? '-' + out : out;
}

/** Duration.String() for milliseconds, rounded to the nanosecond: 90000 → `1m30s`. */
export function formatGoDuration(ms: number): string {
  return formatGoDurationNanos(BigInt(Math.round(ms * 1e6)));
}
