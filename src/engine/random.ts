/**
 * The seeded random source. Every "random" choice in the cluster (generated name suffixes, UIDs,
 * ClusterIPs, scheduler tie-breaks) draws from here, so a seed reproduces a whole session.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** `n` characters from Kubernetes' name alphabet (apimachinery util/rand.String). */
  string(n: number): string;
  /** A random (version 4 shaped) UUID. */
  uuid(): string;
  /** `n` lowercase hex digits. */
  hex(n: number): string;
}

/** Kubernetes' util/rand alphabet: no vowels (to avoid words) and no 0, 1, 3 (look-alikes). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** sfc32 seeded through splitmix32: small, fast and of good quality for a simulation. */
export class SeededRandom implements Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    let s = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
    const split = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  string(n: number): string {
    return this.pick(NAME_ALPHABET, n);
  }

  hex(n: number): string {
    return this.pick('0123456789abcdef', n);
  }

  /**
   * `n` characters of `alphabet`, joined once: appending one character at a time would leave a rope
   * of cons strings (and slices of it pinning the rope) behind every uid and name, tenfold their size.
   */
  private pick(alphabet: string, n: number): string {
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = alphabet[this.int(alphabet.length)]!;
    return out.join('');
  }

  uuid(): string {
    // Draws in the same order as always (32 hex digits, then the variant), so seeds keep their uids;
    // the 36 character codes become one flat string.
    const codes = new Array<number>(36);
    let j = 0;
    for (let i = 0; i < 32; i++) {
      if (i === 8 || i === 12 || i === 16 || i === 20) codes[j++] = 45; // '-'
      codes[j++] = HEX_CODES[this.int(16)]!;
    }
    codes[14] = 52; // '4': version 4
    codes[19] = HEX_CODES[8 + this.int(4)]!; // the variant: 8, 9, a or b
    return String.fromCharCode(...codes);
  }
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
