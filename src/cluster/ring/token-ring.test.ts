import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../common/index.js';
import { MAX_TOKEN, MIN_TOKEN } from './murmur3.js';
import { allocateTokens } from './token-allocation.js';
import { TokenRing, type RingEndpoint } from './token-ring.js';

const endpoint = (id: number, tokens: bigint[], dataCenter = 'dc1', rack = 'r1'): RingEndpoint => ({
  id, address: `127.0.0.${id}`, dataCenter, rack, tokens,
});

describe('TokenRing', () => {
  const a = endpoint(1, [-100n, 200n]);
  const b = endpoint(2, [0n, 300n], 'dc1', 'r2');
  const c = endpoint(3, [100n], 'dc2');
  const ring = new TokenRing([a, b, c]);

  it('sorts every token of every endpoint', () => {
    expect(ring.sortedTokens).toEqual([-100n, 0n, 100n, 200n, 300n]);
    expect([0, 1, 2, 3, 4].map((i) => ring.ownerAt(i).id)).toEqual([1, 2, 3, 1, 2]);
    expect(ring.endpoints).toEqual([a, b, c]);
  });

  it('gives a token to the first ring token at or after it, the range end being inclusive', () => {
    expect(ring.ownerOf(-100n)).toBe(a);
    expect(ring.ownerOf(-99n)).toBe(b);
    expect(ring.ownerOf(0n)).toBe(b);
    expect(ring.ownerOf(1n)).toBe(c);
    expect(ring.ringTokenFor(150n)).toBe(200n);
    expect(ring.ringTokenFor(300n)).toBe(300n);
  });

  it('wraps past the largest token to the smallest, from the maximum token and from the minimum one', () => {
    expect(ring.ownerOf(301n)).toBe(a);
    expect(ring.ownerOf(MAX_TOKEN)).toBe(a);
    expect(ring.ringTokenFor(MAX_TOKEN)).toBe(-100n);
    expect(ring.ownerOf(MIN_TOKEN)).toBe(a);
    expect(ring.ringTokenFor(MIN_TOKEN)).toBe(-100n);
    expect(ring.firstTokenIndex(301n)).toBe(0);
  });

  it('owns the maximum token itself when a node holds it', () => {
    const top = new TokenRing([endpoint(1, [MAX_TOKEN]), endpoint(2, [0n])]);
    expect(top.ownerOf(MAX_TOKEN).id).toBe(1);
    expect(top.ownerOf(MIN_TOKEN).id).toBe(2);
    expect(top.ownerOf(1n).id).toBe(1);
  });

  it('lists ranges in ring order, the first wrapping from the last token', () => {
    expect(ring.ranges()).toEqual([
      { start: 300n, end: -100n },
      { start: -100n, end: 0n },
      { start: 0n, end: 100n },
      { start: 100n, end: 200n },
      { start: 200n, end: 300n },
    ]);
  });

  it('has one range covering the whole ring with a single token', () => {
    const single = new TokenRing([endpoint(1, [42n])]);
    expect(single.ranges()).toEqual([{ start: 42n, end: 42n }]);
    expect(single.ownerOf(MIN_TOKEN).id).toBe(1);
    expect(single.ownerOf(MAX_TOKEN).id).toBe(1);
  });

  it('walks every ring token once from a start index', () => {
    expect([...ring.ownersFrom(3)].map((e) => e.id)).toEqual([1, 2, 1, 2, 3]);
  });

  it('counts endpoints and racks per data center, ignoring endpoints without tokens', () => {
    const withJoining = new TokenRing([a, b, c, endpoint(4, [], 'dc2', 'r9')]);
    expect(withJoining.dataCenters).toEqual(new Map([
      ['dc1', { endpointCount: 2, rackCount: 2 }],
      ['dc2', { endpointCount: 1, rackCount: 1 }],
    ]));
  });

  it('refuses a token owned twice, repeated ids and an empty ring', () => {
    expect(() => new TokenRing([endpoint(1, [5n]), endpoint(2, [5n])])).toThrow(/owned twice/);
    expect(() => new TokenRing([endpoint(1, [5n]), endpoint(1, [6n])])).toThrow(/distinct ids/);
    expect(() => new TokenRing([endpoint(1, [])])).toThrow(/at least one token/);
  });

  it('agrees with a linear scan on a vnode ring for random tokens', () => {
    const random = new SeededRandom(7);
    const taken = new Set<bigint>();
    const endpoints = [1, 2, 3, 4, 5].map((id) => {
      const tokens = allocateTokens(random, 16, taken);
      tokens.forEach((t) => taken.add(t));
      return endpoint(id, tokens);
    });
    const vnodes = new TokenRing(endpoints);
    const sorted = vnodes.sortedTokens;
    for (let i = 0; i < 500; i++) {
      const token = random.nextInt64();
      const expected = sorted.find((t) => t >= token) ?? sorted[0]!;
      expect(vnodes.ringTokenFor(token)).toBe(expected);
      expect(vnodes.ownerOf(token).tokens).toContain(expected);
    }
  });
});
