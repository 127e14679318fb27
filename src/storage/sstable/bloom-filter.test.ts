import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../common/index.js';
import { DataInput, DataOutput } from '../serialization/index.js';
import { BloomFilter } from './bloom-filter.js';

/** Distinct pseudo-random 64-bit tokens, as Murmur3 spreads keys over the ring. */
function tokens(count: number, seed: number): bigint[] {
  const random = new SeededRandom(seed);
  const out = new Set<bigint>();
  while (out.size < count) {
    const hi = BigInt(Math.floor(random.next() * 2 ** 32));
    const lo = BigInt(Math.floor(random.next() * 2 ** 32));
    out.add(BigInt.asIntN(64, (hi << 32n) | lo));
  }
  return [...out];
}

describe('BloomFilter', () => {
  it.each([0.01, 0.1])('keeps the measured false-positive rate within bloom_filter_fp_chance %s for 100,000 keys', (chance) => {
    const all = tokens(200_000, 12);
    const present = all.slice(0, 100_000);
    const absent = all.slice(100_000);
    const filter = BloomFilter.forKeys(present.length, chance);
    for (const t of present) filter.add(t);
    expect(present.every((t) => filter.mightContain(t))).toBe(true);
    const falsePositives = absent.filter((t) => filter.mightContain(t)).length;
    expect(falsePositives / absent.length).toBeLessThanOrEqual(chance * 1.2);
  });

  it('round-trips through its serialized form', () => {
    const filter = BloomFilter.forKeys(1000, 0.01);
    const keys = tokens(1000, 3);
    for (const t of keys) filter.add(t);
    const out = new DataOutput();
    filter.serialize(out);
    const back = BloomFilter.deserialize(new DataInput(out.toBuffer()));
    expect(back.hashCount).toBe(filter.hashCount);
    expect(keys.every((t) => back.mightContain(t))).toBe(true);
  });

  it('keeps no bits when the chance is 1, as Cassandra keeps no filter', () => {
    const filter = BloomFilter.forKeys(1000, 1);
    expect(filter.bits.length).toBe(0);
    expect(filter.mightContain(5n)).toBe(true);
  });
});
