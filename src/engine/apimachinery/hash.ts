/**
 * Hashing for controller-made names: FNV-1a 32 (Go's `hash/fnv`), apimachinery's
 * `rand.SafeEncodeString`, and ComputeHash as the Deployment controller uses it to derive the
 * `pod-template-hash` label (k/k `pkg/controller/controller_utils.go`).
 *
 * Upstream hashes a spew dump of the PodTemplateSpec; we hash a key-sorted JSON rendering
 * instead. The exact digits differ from a real cluster, but what learners can observe holds:
 * the same template always gives the same hash, any change gives a new one, and the hash only
 * uses the name alphabet.
 */
import { NAME_ALPHABET } from '../random';

const FNV32_OFFSET_BASIS = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;
const utf8 = new TextEncoder();

/** Feeds bytes into a running FNV-1a 32 state (xor, then multiply, per byte). */
export function fnv32aUpdate(hash: number, bytes: Uint8Array): number {
  let h = hash >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, FNV32_PRIME) >>> 0;
  }
  return h;
}

/** FNV-1a 32 of a byte array, or of a string's UTF-8 bytes. Unsigned 32-bit result. */
export function fnv32a(input: Uint8Array | string): number {
  return fnv32aUpdate(FNV32_OFFSET_BASIS, typeof input === 'string' ? utf8.encode(input) : input);
}

/**
 * SafeEncodeString: maps each character to `alphanums[code % 27]`, so the output has no vowels
 * (no accidental words) and no 0/1/3 (no look-alikes). Used on the decimal text of a hash.
 */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += NAME_ALPHABET[(ch.codePointAt(0) ?? 0) % NAME_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted at every level, so equal values always serialise identically. */
export function stableJSON(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const withToJSON = value as { toJSON?: () => unknown };
  if (typeof withToJSON.toJSON === 'function') return stableJSON(withToJSON.toJSON());
  if (Array.isArray(value)) {
    return (
      '[' +
      value
        .map((v: unknown) =>
          v === undefined || typeof v === 'function' || typeof v === 'symbol' ? 'null' : stableJSON(v),
        )
        .join(',') +
      ']'
    );
  }
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    // Like JSON.stringify: properties that have no JSON form are left out.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    parts.push(JSON.stringify(key) + ':' + stableJSON(v));
  }
  return '{' + parts.join(',') + '}';
}

/**
 * ComputeHash: FNV-1a over the template, then, if a collision count is set, over that count as a
 * little-endian uint32 in an 8-byte buffer (as upstream writes it). Bumping
 * `status.collisionCount` is how the Deployment controller escapes a hash collision.
 */
export function computeHash(template: unknown, collisionCount?: number | null): string {
  let h = fnv32a(stableJSON(template));
  if (collisionCount !== undefined && collisionCount !== null) {
    const buf = new Uint8Array(8);
    new DataView(buf.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32aUpdate(h, buf);
  }
  return safeEncodeString(String(h));
}
