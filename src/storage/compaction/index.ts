/** Compaction: merging SSTables with tombstone purge, and size-tiered choice of what to merge. */
export {
  CompactionProgress, compactSSTables, compactSSTablesInSlices, mergeSSTables, maxPurgeableTimestamp, NOTHING_OLDER, type CompactionOptions,
} from './compaction-task.js';
export { purgeForCompaction, type PurgeContext } from './compaction-purge.js';
export {
  nextSizeTieredCompaction, sizeTieredBuckets, sizeTieredOptions, type CompactionCandidate, type SizeTieredOptions,
} from './size-tiered-strategy.js';
