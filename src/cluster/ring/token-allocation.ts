import type { SeededRandom } from '../../common/index.js';
import { MIN_TOKEN } from './murmur3.js';

/**
 * Random token allocation (Cassandra's RandomTokenAllocation with num_tokens): deterministic for a seed,
 * never the minimum token (which no key hashes to), no duplicates across the cluster.
 */
export function allocateTokens(random: SeededRandom, count: number, taken: ReadonlySet<bigint>): bigint[] {
  const tokens: bigint[] = [];
  const seen = new Set(taken);
  while (tokens.length < count) {
    const t = random.nextInt64();
    if (t === MIN_TOKEN || seen.has(t)) continue;
    seen.add(t);
    tokens.push(t);
  }
  return tokens.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
