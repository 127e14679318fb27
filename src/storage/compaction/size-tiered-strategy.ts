/**
 * SizeTieredCompactionStrategy's choice of what to compact (Cassandra 4.1): SSTables grouped in buckets
 * of similar size, the most interesting bucket with at least min_threshold of them compacted (at most
 * max_threshold); failing that, one SSTable whose droppable tombstones exceed tombstone_threshold
 * (as unchecked_tombstone_compaction: the overlap with other SSTables is not estimated).
 * Read rates (Cassandra's hotness) are not kept, so among the buckets the one with the smallest SSTables
 * wins, as Cassandra breaks ties between equally hot buckets.
 */

export interface SizeTieredOptions {
  readonly minThreshold: number;
  readonly maxThreshold: number;
  readonly bucketLow: number;
  readonly bucketHigh: number;
  readonly minSSTableSizeBytes: number;
  readonly tombstoneThreshold: number;
  readonly tombstoneCompactionIntervalSeconds: number;
}

/** What the strategy needs to know of an SSTable. */
export interface CompactionCandidate {
  readonly sizeBytes: number;
  /** droppableTombstoneRatio(stats, gcBefore) of the SSTable. */
  readonly droppableTombstoneRatio: number;
  /** stats.createdAtMs of the SSTable. */
  readonly createdAtMs: number;
}

const DEFAULTS: SizeTieredOptions = {
  minThreshold: 4, maxThreshold: 32, bucketLow: 0.5, bucketHigh: 1.5, minSSTableSizeBytes: 50 * 1024 * 1024, tombstoneThreshold: 0.2,
  tombstoneCompactionIntervalSeconds: 86_400,
};

/** The options of a table's `compaction` map (as system_schema.tables reports it), Cassandra's defaults for the missing ones. */
export function sizeTieredOptions(compaction: ReadonlyMap<string, string>): SizeTieredOptions {
  const number = (key: string, fallback: number): number => {
    const text = compaction.get(key);
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isFinite(value)) throw new RangeError(`compaction option ${key} is not a number: ${text}`);
    return value;
  };
  return {
    minThreshold: number('min_threshold', DEFAULTS.minThreshold),
    maxThreshold: number('max_threshold', DEFAULTS.maxThreshold),
    bucketLow: number('bucket_low', DEFAULTS.bucketLow),
    bucketHigh: number('bucket_high', DEFAULTS.bucketHigh),
    minSSTableSizeBytes: number('min_sstable_size', DEFAULTS.minSSTableSizeBytes),
    tombstoneThreshold: number('tombstone_threshold', DEFAULTS.tombstoneThreshold),
    tombstoneCompactionIntervalSeconds: number('tombstone_compaction_interval', DEFAULTS.tombstoneCompactionIntervalSeconds),
  };
}

/**
 * SizeTieredCompactionStrategy.getBuckets: by ascending size, each SSTable joins the first bucket whose
 * average it is within (bucket_low, bucket_high) of, or any bucket when both are below min_sstable_size;
 * else it starts a bucket. Buckets come in the order they were started.
 */
export function sizeTieredBuckets<T extends CompactionCandidate>(sstables: readonly T[], options: SizeTieredOptions): T[][] {
  const sorted = [...sstables].sort((a, b) => a.sizeBytes - b.sizeBytes);
  const buckets: { average: number; members: T[] }[] = [];
  for (const sstable of sorted) {
    const size = sstable.sizeBytes;
    const bucket = buckets.find(({ average }) =>
      (size > average * options.bucketLow && size < average * options.bucketHigh)
      || (size < options.minSSTableSizeBytes && average < options.minSSTableSizeBytes));
    if (bucket === undefined) {
      buckets.push({ average: size, members: [sstable] });
    } else {
      bucket.average = Math.floor((bucket.average * bucket.members.length + size) / (bucket.members.length + 1));
      bucket.members.push(sstable);
    }
  }
  return buckets.map((b) => b.members);
}

function averageSize(bucket: readonly CompactionCandidate[]): number {
  return bucket.reduce((sum, s) => sum + s.sizeBytes, 0) / bucket.length;
}

/**
 * The SSTables to compact next in the background; empty when nothing is worth compacting. A single
 * SSTable is compacted for its tombstones only once tombstone_compaction_interval has passed since it
 * was written (estimates may be off; this keeps it from being compacted again and again).
 */
export function nextSizeTieredCompaction<T extends CompactionCandidate>(sstables: readonly T[], options: SizeTieredOptions, nowMs: number): T[] {
  const buckets = sizeTieredBuckets(sstables, options);
  const eligible = buckets
    .map((bucket) => bucket.slice(0, options.maxThreshold))
    .filter((bucket) => bucket.length >= options.minThreshold);
  if (eligible.length > 0) {
    return eligible.reduce((best, bucket) => (averageSize(bucket) < averageSize(best) ? bucket : best));
  }
  const worthDropping = sstables.filter((s) => s.droppableTombstoneRatio > options.tombstoneThreshold
    && nowMs >= s.createdAtMs + options.tombstoneCompactionIntervalSeconds * 1000);
  if (worthDropping.length === 0) return [];
  return [worthDropping.reduce((best, s) => (s.sizeBytes > best.sizeBytes ? s : best))];
}
