import { CorruptDataError, type DataInput, type DataOutput } from '../serialization/index.js';

/**
 * A bloom filter of partition keys, as Cassandra's BloomFilter: k bit positions h1 + i·h2 (mod the bit
 * count) from two 64-bit hashes of the key. Cassandra takes both halves of the key's MurmurHash3 x64
 * 128; here h1 is the partition's Murmur3 token (that same first half, which every read already
 * carries, so a lookup hashes nothing) and h2 is fmix64 of it, so keys of one token share their bits.
 * Sized by the standard optimum for the table's bloom_filter_fp_chance: m = -n·ln p / (ln 2)², k = m/n · ln 2.
 */

const MAX_HASH_COUNT = 20;
const UINT64 = (1n << 64n) - 1n;

export class BloomFilter {
  /** hashCount 0: no filter, every key may be present. */
  private constructor(readonly hashCount: number, readonly bitCount: number, readonly bits: Uint8Array) {}

  /** A chance of 1 or more keeps no filter (Cassandra's AlwaysPresentFilter): every key may be there. */
  static forKeys(expectedKeyCount: number, fpChance: number): BloomFilter {
    if (fpChance >= 1) return new BloomFilter(0, 0, new Uint8Array(0));
    const n = Math.max(1, expectedKeyCount);
    const p = Math.min(Math.max(fpChance, 1e-9), 0.999);
    const bitCount = Math.max(64, Math.ceil((-n * Math.log(p)) / (Math.LN2 * Math.LN2)));
    const hashCount = Math.min(MAX_HASH_COUNT, Math.max(1, Math.round((bitCount / n) * Math.LN2)));
    return new BloomFilter(hashCount, bitCount, new Uint8Array(Math.ceil(bitCount / 8)));
  }

  add(token: bigint): void {
    this.forEachPosition(token, (bit) => {
      this.bits[bit >>> 3] = this.bits[bit >>> 3]! | (1 << (bit & 7));
      return true;
    });
  }

  mightContain(token: bigint): boolean {
    return this.forEachPosition(token, (bit) => (this.bits[bit >>> 3]! & (1 << (bit & 7))) !== 0);
  }

  /** Visits the key's positions while `visit` returns true; whether it did to the end. */
  private forEachPosition(token: bigint, visit: (bit: number) => boolean): boolean {
    if (this.hashCount === 0) return true;
    const m = BigInt(this.bitCount);
    const h1 = BigInt.asUintN(64, token);
    const a = Number(h1 % m);
    const b = Number(fmix64(h1) % m);
    for (let i = 0; i < this.hashCount; i++) {
      if (!visit((a + i * b) % this.bitCount)) return false;
    }
    return true;
  }

  serialize(out: DataOutput): void {
    out.writeUVInt(this.hashCount);
    out.writeUVInt(this.bitCount);
    out.writeRaw(this.bits);
  }

  static deserialize(input: DataInput): BloomFilter {
    const hashCount = input.readUVInt();
    const bitCount = input.readUVInt();
    const alwaysPresent = hashCount === 0 && bitCount === 0;
    if (!alwaysPresent && (hashCount < 1 || hashCount > MAX_HASH_COUNT || bitCount < 1)) throw new CorruptDataError(`bloom filter of ${hashCount} hashes over ${bitCount} bits`);
    const bits = input.readRaw(Math.ceil(bitCount / 8));
    return new BloomFilter(hashCount, bitCount, bits);
  }
}

/** MurmurHash3's 64-bit finalizer: every input bit affects every output bit. */
function fmix64(k: bigint): bigint {
  let x = k;
  x = ((x ^ (x >> 33n)) * 0xff51afd7ed558ccdn) & UINT64;
  x = ((x ^ (x >> 33n)) * 0xc4ceb9fe1a85ec53n) & UINT64;
  return x ^ (x >> 33n);
}
