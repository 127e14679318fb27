/**
 * The token of Cassandra's Murmur3Partitioner: the first 64-bit half of MurmurHash3 x64 128 (seed 0) as
 * org.apache.cassandra.utils.MurmurHash.hash3_x64_128 computes it. Two departures from the reference C
 * code are kept on purpose: tail bytes are sign-extended (Java's `(long) byte`), and Long.MIN_VALUE is
 * normalised to Long.MAX_VALUE. The empty key is the minimum token.
 *
 * Every request hashes its key, so 64-bit words are kept as unsigned 32-bit halves (hi, lo) in numbers
 * and a BigInt is built once at the end. The helpers write their result into `rHi`/`rLo` to avoid
 * allocating pairs. They hold int32 values (`| 0`), not uint32: V8 then keeps them as small integers instead
 * of boxing a heap number on every store, which made the hash several times slower.
 */

export const MIN_TOKEN = -(2n ** 63n);
export const MAX_TOKEN = 2n ** 63n - 1n;

const C1_HI = 0x87c37b91;
const C1_LO = 0x114253d5;
const C2_HI = 0x4cf5ad43;
const C2_LO = 0x2745937f;
const FMIX1_HI = 0xff51afd7;
const FMIX1_LO = 0xed558ccd;
const FMIX2_HI = 0xc4ceb9fe;
const FMIX2_LO = 0x1a85ec53;

let rHi = 0;
let rLo = 0;

/** High 32 bits of the unsigned 64-bit product of a and b (their bits read as uint32), via 16-bit limbs. */
function mulHigh32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0;
}

/** (aHi, aLo) * (bHi, bLo) mod 2^64. */
function mul64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  rHi = (mulHigh32(aLo, bLo) + Math.imul(aHi, bLo) + Math.imul(aLo, bHi)) | 0;
  rLo = Math.imul(aLo, bLo);
}

/** (aHi, aLo) + (bHi, bLo) mod 2^64. */
function add64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const lo = (aLo >>> 0) + (bLo >>> 0);
  rLo = lo | 0;
  rHi = (aHi + bHi + (lo > 0xffffffff ? 1 : 0)) | 0;
}

/** Rotate left by r bits, 0 < r < 64, r !== 32. */
function rotl64(hi: number, lo: number, r: number): void {
  if (r > 32) {
    const t = hi;
    hi = lo;
    lo = t;
    r -= 32;
  }
  rHi = (hi << r) | (lo >>> (32 - r));
  rLo = (lo << r) | (hi >>> (32 - r));
}

/** Finalisation mix (fmix64). */
function fmix64(hi: number, lo: number): void {
  lo ^= hi >>> 1; // k ^= k >>> 33
  mul64(hi, lo, FMIX1_HI, FMIX1_LO);
  hi = rHi;
  lo = rLo ^ (rHi >>> 1);
  mul64(hi, lo, FMIX2_HI, FMIX2_LO);
  hi = rHi;
  rLo ^= rHi >>> 1;
}

/** Mixes k1 into h1's stream: k1 *= c1; k1 = rotl(k1, 31); k1 *= c2. */
function mixK1(hi: number, lo: number): void {
  mul64(hi, lo, C1_HI, C1_LO);
  rotl64(rHi, rLo, 31);
  mul64(rHi, rLo, C2_HI, C2_LO);
}

/** Mixes k2 into h2's stream: k2 *= c2; k2 = rotl(k2, 33); k2 *= c1. */
function mixK2(hi: number, lo: number): void {
  mul64(hi, lo, C2_HI, C2_LO);
  rotl64(rHi, rLo, 33);
  mul64(rHi, rLo, C1_HI, C1_LO);
}

function readUint32LE(b: Buffer, i: number): number {
  return b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
}

let tailHi = 0;
let tailLo = 0;

/**
 * Builds a tail word from bytes [from, to) of the key, each byte sign-extended to 64 bits and shifted to
 * its little-endian position before being xored in, as Java's `k ^= ((long) key.get(i)) << shift` does.
 */
function tailWord(key: Buffer, from: number, to: number): void {
  let hi = 0;
  let lo = 0;
  for (let i = from; i < to; i++) {
    const b = key[i]!;
    const shift = (i - from) * 8;
    const signBits = b >= 0x80 ? -1 : 0;
    if (shift < 32) {
      lo ^= (b | (signBits & ~0xff)) << shift;
      hi ^= shift === 0 ? signBits : (signBits << shift) | ((signBits & ~0xff) >>> (32 - shift));
    } else {
      hi ^= (b | (signBits & ~0xff)) << (shift - 32);
    }
  }
  tailHi = hi;
  tailLo = lo;
}

/** The Murmur3Partitioner token of a serialized partition key. */
export function murmur3Token(key: Buffer): bigint {
  const length = key.length;
  if (length === 0) return MIN_TOKEN;
  let h1Hi = 0;
  let h1Lo = 0;
  let h2Hi = 0;
  let h2Lo = 0;
  const blockEnd = length - (length & 15);
  for (let i = 0; i < blockEnd; i += 16) {
    mixK1(readUint32LE(key, i + 4), readUint32LE(key, i));
    rotl64(h1Hi ^ rHi, h1Lo ^ rLo, 27);
    add64(rHi, rLo, h2Hi, h2Lo);
    mul64(rHi, rLo, 0, 5);
    add64(rHi, rLo, 0, 0x52dce729);
    h1Hi = rHi;
    h1Lo = rLo;

    mixK2(readUint32LE(key, i + 12), readUint32LE(key, i + 8));
    rotl64(h2Hi ^ rHi, h2Lo ^ rLo, 31);
    add64(rHi, rLo, h1Hi, h1Lo);
    mul64(rHi, rLo, 0, 5);
    add64(rHi, rLo, 0, 0x38495ab5);
    h2Hi = rHi;
    h2Lo = rLo;
  }

  const tailLength = length - blockEnd;
  if (tailLength > 8) {
    tailWord(key, blockEnd + 8, length);
    mixK2(tailHi, tailLo);
    h2Hi ^= rHi;
    h2Lo ^= rLo;
  }
  if (tailLength > 0) {
    tailWord(key, blockEnd, Math.min(length, blockEnd + 8));
    mixK1(tailHi, tailLo);
    h1Hi ^= rHi;
    h1Lo ^= rLo;
  }

  // The length is xored in as a long; keys are far below 2^32 bytes.
  h1Lo ^= length;
  h2Lo ^= length;
  add64(h1Hi, h1Lo, h2Hi, h2Lo);
  h1Hi = rHi;
  h1Lo = rLo;
  add64(h2Hi, h2Lo, h1Hi, h1Lo);
  h2Hi = rHi;
  h2Lo = rLo;
  fmix64(h1Hi, h1Lo);
  h1Hi = rHi;
  h1Lo = rLo;
  fmix64(h2Hi, h2Lo);
  add64(h1Hi, h1Lo, rHi, rLo);

  if (rHi === -0x80000000 && rLo === 0) return MAX_TOKEN;
  return (BigInt(rHi) << 32n) + BigInt(rLo >>> 0);
}
