import type { PartitionBounds, PartitionPosition } from '../data/index.js';

/**
 * The order of partitions in a memtable, as in Cassandra: by token, then by key bytes (unsigned), so
 * that a range read walks the ring. Token-level bounds use sentinel keys (matched by identity) that sort
 * before or after every key of their token.
 *
 * Positions are instances of this class or memtable partitions (MemtablePartition: token a field, key
 * a getter), never ad-hoc objects: the comparison runs ~20 times per lookup and stays fast only while it
 * sees few object shapes.
 */
export class PartitionKeyPosition {
  constructor(public token: bigint, public key: Buffer) {}
}

/** Murmur3Partitioner's minimum token (-2^63); no key hashes to it. */
const MIN_TOKEN = -(2n ** 63n);

const BEFORE_KEYS: Buffer = Buffer.alloc(1);
const AFTER_KEYS: Buffer = Buffer.alloc(1);

export function comparePartitionPositions(a: PartitionKeyPosition, b: PartitionKeyPosition): number {
  if (a.token !== b.token) return a.token < b.token ? -1 : 1;
  const x = a.key;
  const y = b.key;
  if (x === y) return 0;
  if (x === BEFORE_KEYS || y === AFTER_KEYS) return -1;
  if (x === AFTER_KEYS || y === BEFORE_KEYS) return 1;
  return Buffer.compare(x, y);
}

/** Where a range read starts and ends, as positions between partitions; null = that end of the ring. */
export interface ScanRange {
  readonly from: PartitionKeyPosition | null;
  /** Whether a partition exactly at `from` (key-level) is excluded. */
  readonly fromExclusive: boolean;
  readonly to: PartitionKeyPosition | null;
  readonly toExclusive: boolean;
}

function lowPosition(p: PartitionPosition, inclusive: boolean): PartitionKeyPosition {
  return new PartitionKeyPosition(p.token, p.key ?? (inclusive ? BEFORE_KEYS : AFTER_KEYS));
}

function highPosition(p: PartitionPosition, inclusive: boolean): PartitionKeyPosition {
  return new PartitionKeyPosition(p.token, p.key ?? (inclusive ? AFTER_KEYS : BEFORE_KEYS));
}

/**
 * The one or two scans a range read needs. As Cassandra's Range (start exclusive, end inclusive) a range
 * whose start is not before its end wraps around the ring, and an end at the minimum token means the
 * end of the ring. Other bound kinds never wrap: a start after the end selects nothing.
 */
export function scanRanges(bounds: PartitionBounds): ScanRange[] {
  const isRange = !bounds.startInclusive && bounds.endInclusive;
  const endAtRingEnd = bounds.end === null || (isRange && bounds.end.key === null && bounds.end.token === MIN_TOKEN);
  const from = bounds.start === null ? null : lowPosition(bounds.start, bounds.startInclusive);
  const to = endAtRingEnd || bounds.end === null ? null : highPosition(bounds.end, bounds.endInclusive);
  const fromExclusive = !bounds.startInclusive;
  const toExclusive = !bounds.endInclusive;
  if (from === null || to === null) return [{ from, fromExclusive, to, toExclusive }];
  const c = comparePartitionPositions(from, to);
  if (isRange && c >= 0) {
    return [{ from, fromExclusive, to: null, toExclusive }, { from: null, fromExclusive, to, toExclusive }];
  }
  // Equal positions hold one partition only if both are the same key and both bounds include it.
  const keyLevel = bounds.start?.key !== null;
  const empty = c > 0 || (c === 0 && !(keyLevel && bounds.startInclusive && bounds.endInclusive));
  return empty ? [] : [{ from, fromExclusive, to, toExclusive }];
}
