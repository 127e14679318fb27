/** Rings for the placement tests: seeded vnode tokens for a list of (data center, rack) positions. */
import { SeededRandom } from '../../common/index.js';
import { allocateTokens } from './token-allocation.js';
import { TokenRing, type RingEndpoint } from './token-ring.js';

export interface Position {
  readonly dataCenter: string;
  readonly rack: string;
}

/** Endpoint i + 1 at positions[i], each with `tokensPerEndpoint` random tokens drawn from `seed`. */
export function vnodeRing(seed: number, positions: readonly Position[], tokensPerEndpoint = 16): TokenRing {
  const random = new SeededRandom(seed);
  const taken = new Set<bigint>();
  const endpoints: RingEndpoint[] = positions.map((position, i) => {
    const tokens = allocateTokens(random, tokensPerEndpoint, taken);
    for (const t of tokens) taken.add(t);
    return { id: i + 1, address: `127.0.0.${i + 1}`, ...position, tokens };
  });
  return new TokenRing(endpoints);
}

/** `count` positions in one data center, racks taking turns (r1, r2, …, r1, …). */
export function positions(dataCenter: string, count: number, rackCount = 1): Position[] {
  return Array.from({ length: count }, (_, i) => ({ dataCenter, rack: `r${(i % rackCount) + 1}` }));
}

/** A single-token endpoint, for hand-built rings. */
export function endpointAt(id: number, token: bigint, dataCenter: string, rack: string): RingEndpoint {
  return { id, address: `127.0.0.${id}`, dataCenter, rack, tokens: [token] };
}
