import type { TableOptions } from './table-metadata.js';

export const SIZE_TIERED_COMPACTION = 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy';
export const LEVELED_COMPACTION = 'org.apache.cassandra.db.compaction.LeveledCompactionStrategy';
export const TIME_WINDOW_COMPACTION = 'org.apache.cassandra.db.compaction.TimeWindowCompactionStrategy';
export const LZ4_COMPRESSOR = 'org.apache.cassandra.io.compress.LZ4Compressor';

/** Compaction options as CompactionParams.asMap reports them: the class plus the default thresholds. */
export function compactionOptions(className: string, options: Readonly<Record<string, string>> = {}): ReadonlyMap<string, string> {
  return new Map([['class', className], ['max_threshold', '32'], ['min_threshold', '4'], ...Object.entries(options)]);
}

/** Cassandra 4.1's defaults for a new table (TableParams.Builder). */
export const DEFAULT_TABLE_OPTIONS: TableOptions = Object.freeze({
  bloomFilterFpChance: 0.01,
  caching: new Map([['keys', 'ALL'], ['rows_per_partition', 'NONE']]),
  comment: '',
  compaction: compactionOptions(SIZE_TIERED_COMPACTION),
  compression: new Map([['chunk_length_in_kb', '16'], ['class', LZ4_COMPRESSOR]]),
  memtable: 'default',
  crcCheckChance: 1.0,
  defaultTimeToLive: 0,
  gcGraceSeconds: 864000,
  maxIndexInterval: 2048,
  memtableFlushPeriodInMs: 0,
  minIndexInterval: 128,
  readRepair: 'BLOCKING',
  speculativeRetry: '99p',
  additionalWritePolicy: '99p',
  cdc: false,
  extensions: new Map<string, Buffer>(),
});

/** Whether two option sets are equal value for value (maps compared entry by entry). */
export function sameTableOptions(a: TableOptions, b: TableOptions): boolean {
  return (Object.keys(a) as (keyof TableOptions)[]).every((key) => sameOptionValue(a[key], b[key]));
}

function sameOptionValue(a: unknown, b: unknown): boolean {
  if (!(a instanceof Map) || !(b instanceof Map)) return a === b;
  if (a.size !== b.size) return false;
  return [...a].every(([key, value]: [unknown, unknown]) => {
    const other: unknown = b.get(key);
    return Buffer.isBuffer(value) && Buffer.isBuffer(other) ? value.equals(other) : value === other;
  });
}
