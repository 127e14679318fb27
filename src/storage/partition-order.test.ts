import { describe, expect, it } from 'vitest';
import type { PartitionBounds, PartitionPosition } from '../data/index.js';
import { comparePartitionPositions, scanRanges, type ScanRange } from './partition-order.js';

const MIN = -(2n ** 63n);
const at = (token: bigint, key: string | null = null): PartitionPosition => ({ token, key: key === null ? null : Buffer.from(key) });
const bounds = (start: PartitionPosition | null, startInclusive: boolean, end: PartitionPosition | null, endInclusive: boolean): PartitionBounds =>
  ({ start, startInclusive, end, endInclusive });

/** Which of the partitions (token, key) each scan range admits. */
function admitted(ranges: ScanRange[]): string[] {
  const partitions = [[1n, 'a'], [1n, 'b'], [2n, 'a'], [3n, 'a']] as const;
  const out: string[] = [];
  for (const r of ranges) {
    for (const [token, key] of partitions) {
      const p = { token, key: Buffer.from(key) };
      const lo = r.from === null ? 1 : comparePartitionPositions(p, r.from);
      const hi = r.to === null ? -1 : comparePartitionPositions(p, r.to);
      if ((lo > 0 || (lo === 0 && !r.fromExclusive)) && (hi < 0 || (hi === 0 && !r.toExclusive))) out.push(`${token}${key}`);
    }
  }
  return out;
}

describe('partition order', () => {
  it('orders by token, then key bytes unsigned', () => {
    expect(comparePartitionPositions({ token: 1n, key: Buffer.from([0xff]) }, { token: 2n, key: Buffer.from([0]) })).toBe(-1);
    expect(comparePartitionPositions({ token: 1n, key: Buffer.from([0x80]) }, { token: 1n, key: Buffer.from([0x7f]) })).toBe(1);
    expect(comparePartitionPositions({ token: -5n, key: Buffer.from('a') }, { token: -5n, key: Buffer.from('a') })).toBe(0);
  });
});

describe('scanRanges', () => {
  it('reads a token range (start exclusive, end inclusive)', () => {
    expect(admitted(scanRanges(bounds(at(1n), false, at(3n), true)))).toEqual(['2a', '3a']);
    expect(admitted(scanRanges(bounds(at(0n), false, at(1n), true)))).toEqual(['1a', '1b']);
  });

  it('reads the whole ring with null bounds, or from and to the minimum token', () => {
    expect(admitted(scanRanges(bounds(null, true, null, true)))).toEqual(['1a', '1b', '2a', '3a']);
    expect(admitted(scanRanges(bounds(at(MIN), false, at(MIN), true)))).toEqual(['1a', '1b', '2a', '3a']);
    expect(admitted(scanRanges(bounds(at(1n), false, at(MIN), true)))).toEqual(['2a', '3a']);
  });

  it('wraps a range whose start is after its end around the ring', () => {
    expect(admitted(scanRanges(bounds(at(2n), false, at(1n), true)))).toEqual(['3a', '1a', '1b']);
  });

  it('resumes paging after a key', () => {
    expect(admitted(scanRanges(bounds(at(1n, 'a'), false, null, true)))).toEqual(['1b', '2a', '3a']);
    expect(admitted(scanRanges(bounds(at(1n, 'a'), true, at(2n), true)))).toEqual(['1a', '1b', '2a']);
  });

  it('honours inclusive and exclusive token bounds that do not wrap', () => {
    expect(admitted(scanRanges(bounds(at(1n), true, at(2n), false)))).toEqual(['1a', '1b']);
    expect(admitted(scanRanges(bounds(at(1n), true, at(1n), true)))).toEqual(['1a', '1b']);
    expect(admitted(scanRanges(bounds(at(3n), true, at(1n), true)))).toEqual([]);
    expect(admitted(scanRanges(bounds(at(1n), true, at(1n), false)))).toEqual([]);
  });

  it('holds one key between equal inclusive key bounds', () => {
    expect(admitted(scanRanges(bounds(at(1n, 'b'), true, at(1n, 'b'), true)))).toEqual(['1b']);
    expect(admitted(scanRanges(bounds(at(1n, 'b'), true, at(1n, 'b'), false)))).toEqual([]);
  });
});
