import { invariant } from '../../common/index.js';
import type { PartitionBounds } from '../../data/index.js';
import { MIN_TOKEN } from '../ring/murmur3.js';

/**
 * A range of the ring as Cassandra's Range<Token>: start exclusive, end inclusive. A start at or after
 * the end wraps past the largest token; start equal to end is the whole ring.
 */
export interface TokenRange {
  readonly start: bigint;
  readonly end: bigint;
}

const RING_SIZE = 2n ** 64n;

/** A distance along the ring: x modulo 2^64, in [0, 2^64). */
function modRing(x: bigint): bigint {
  return ((x % RING_SIZE) + RING_SIZE) % RING_SIZE;
}

/** Brings a token computed modulo the ring back into the signed 64-bit range. */
function normalize(token: bigint): bigint {
  return modRing(token - MIN_TOKEN) + MIN_TOKEN;
}

/** How many tokens the range holds (the whole ring for start = end). */
export function rangeWidth(range: TokenRange): bigint {
  const width = modRing(range.end - range.start);
  return width === 0n ? RING_SIZE : width;
}

export function rangeContains(range: TokenRange, token: bigint): boolean {
  if (range.start < range.end) return token > range.start && token <= range.end;
  return token > range.start || token <= range.end;
}

export function rangesContain(ranges: readonly TokenRange[], token: bigint): boolean {
  return ranges.some((r) => rangeContains(r, token));
}

/** The read bounds of a range: the storage engine scans a wrapping range in two pieces. */
export function rangeBounds(range: TokenRange): PartitionBounds {
  return {
    start: { token: range.start, key: null },
    startInclusive: false,
    end: { token: range.end, key: null },
    endInclusive: true,
  };
}

/**
 * The boundaries of `count` contiguous pieces of about equal width: piece i is (boundaries[i],
 * boundaries[i + 1]]. Never more pieces than tokens, so that no piece is empty (an empty (t, t] would
 * read as the whole ring).
 */
export function splitBoundaries(range: TokenRange, count: number): bigint[] {
  invariant(count >= 1, 'a range splits into at least one piece');
  const width = rangeWidth(range);
  const pieces = BigInt(count) > width ? width : BigInt(count);
  const boundaries: bigint[] = [];
  for (let i = 0n; i < pieces; i++) boundaries.push(normalize(range.start + (width * i) / pieces));
  boundaries.push(range.end);
  return boundaries;
}

/** The pieces of splitBoundaries as ranges. */
export function splitRange(range: TokenRange, count: number): TokenRange[] {
  const b = splitBoundaries(range, count);
  return b.slice(1).map((end, i) => ({ start: b[i]!, end }));
}

/** The index of the piece of splitBoundaries(range, …) that holds `token` (which the range contains). */
export function pieceIndex(range: TokenRange, boundaries: readonly bigint[], token: bigint): number {
  const offset = (t: bigint): bigint => modRing(t - range.start);
  // Only in a whole-ring range can a token sit at offset 0: it is then the range's end.
  const target = offset(token) === 0n ? rangeWidth(range) : offset(token);
  let low = 0;
  let high = boundaries.length - 2;
  // The first piece whose end offset reaches the token's (the last piece ends at the range's end).
  while (low < high) {
    const mid = (low + high) >>> 1;
    const endOffset = mid === boundaries.length - 2 ? rangeWidth(range) : offset(boundaries[mid + 1]!);
    if (endOffset >= target) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Joins ranges that follow each other (the end of one is the start of the next), keeping their order;
 * ranges that close the circle join into the whole ring.
 */
export function joinAdjacent(ranges: readonly TokenRange[]): TokenRange[] {
  const out: TokenRange[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last !== undefined && last.end === r.start) out[out.length - 1] = { start: last.start, end: r.end };
    else out.push(r);
  }
  return out;
}

export function formatRange(range: TokenRange): string {
  return `(${range.start},${range.end}]`;
}
