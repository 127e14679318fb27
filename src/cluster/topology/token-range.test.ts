import { describe, expect, it } from 'vitest';
import { MAX_TOKEN, MIN_TOKEN } from '../ring/murmur3.js';
import {
  joinAdjacent, pieceIndex, rangeContains, rangeWidth, splitBoundaries, splitRange, type TokenRange,
} from './token-range.js';

describe('TokenRange', () => {
  it('contains tokens after its start up to its end, wrapping past the largest token', () => {
    const plain = { start: -10n, end: 10n };
    expect([-10n, -9n, 10n, 11n].map((t) => rangeContains(plain, t))).toEqual([false, true, true, false]);
    const wrapping = { start: 10n, end: -10n };
    expect([MAX_TOKEN, MIN_TOKEN, -10n, -9n, 10n, 11n].map((t) => rangeContains(wrapping, t)))
      .toEqual([true, true, true, false, false, true]);
    expect(rangeContains({ start: 5n, end: 5n }, 123n)).toBe(true);
  });

  it('measures widths modulo the ring; start = end is the whole ring', () => {
    expect(rangeWidth({ start: -10n, end: 10n })).toBe(20n);
    expect(rangeWidth({ start: 10n, end: -10n })).toBe(2n ** 64n - 20n);
    expect(rangeWidth({ start: 7n, end: 7n })).toBe(2n ** 64n);
  });

  it('splits into contiguous pieces that cover the range and never an empty one', () => {
    const range = { start: MAX_TOKEN - 5n, end: MIN_TOKEN + 5n };
    const pieces = splitRange(range, 4);
    expect(pieces).toHaveLength(4);
    expect(pieces[0]!.start).toBe(range.start);
    expect(pieces[3]!.end).toBe(range.end);
    for (let i = 1; i < pieces.length; i++) expect(pieces[i]!.start).toBe(pieces[i - 1]!.end);
    expect(pieces.reduce((sum, p) => sum + rangeWidth(p), 0n)).toBe(rangeWidth(range));
    expect(splitRange({ start: 0n, end: 3n }, 32)).toEqual([{ start: 0n, end: 1n }, { start: 1n, end: 2n }, { start: 2n, end: 3n }]);
  });

  it('finds the piece of a token, the same one splitRange puts it in', () => {
    const ranges: TokenRange[] = [{ start: -1000n, end: 1000n }, { start: 900n, end: -900n }, { start: 42n, end: 42n }];
    for (const range of ranges) {
      const boundaries = splitBoundaries(range, 8);
      const pieces = splitRange(range, 8);
      for (const token of [range.end, range.start + 1n, 0n, 899n, 901n, MAX_TOKEN, MIN_TOKEN + 1n, 43n]) {
        if (!rangeContains(range, token)) continue;
        const index = pieceIndex(range, boundaries, token);
        expect(rangeContains(pieces[index]!, token), `${token} in piece ${index} of (${range.start}, ${range.end}]`).toBe(true);
      }
    }
  });

  it('joins ranges that follow each other, into the whole ring when they close the circle', () => {
    expect(joinAdjacent([{ start: 1n, end: 2n }, { start: 2n, end: 5n }, { start: 7n, end: 9n }]))
      .toEqual([{ start: 1n, end: 5n }, { start: 7n, end: 9n }]);
    expect(joinAdjacent([{ start: 1n, end: 2n }, { start: 2n, end: 1n }])).toEqual([{ start: 1n, end: 1n }]);
  });
});
