/** The data/ public API: the vocabulary of writes and reads, and the rules that merge and purge them. */
export * from './partition-update.js';
export * from './read-command.js';
export * from './read-partition.js';
export type { UnfilteredPartition } from './unfiltered-partition.js';
export { deletes, deletionSupersedes, maxDeletion } from './deletion-time.js';
export { reconcileCells, reconcileCounterCells, livenessSupersedes, reconcileLiveness, EXPIRED_LIVENESS_TTL } from './reconcile.js';
export { counterContext, counterShards, counterTotal, leaderShard, mergeCounterContexts, type CounterShard } from './counter-context.js';
export { isCellLive, isLivenessLive, isCellVisible, isLivenessVisible, isRowLive } from './liveness.js';
export { mergeRows, dropShadowed, isEmptyRow } from './row-merge.js';
export { complexPathOrder, sortedComplexColumn } from './complex-column.js';
export { decomposeComplexValue, udtFieldPath } from './complex-assembly.js';
export { ClusteringComparator, clusteringComparatorFor, type SlicePositions } from './clustering-comparator.js';
export { mergePartitions } from './merge-partitions.js';
export { filterAfter } from './clustering-filter.js';
export { updateAllTimestamp } from './update-all-timestamp.js';
export { purgePartition } from './purge-partition.js';
export { partitionsDigest } from './partition-digest.js';
export { partitionUpdateDataSize, mutationsDataSize } from './data-size.js';
export { countScanned, type ScanCounts } from './scan-counts.js';
export { readCommandCql, partitionKeyString } from './read-command-cql.js';
export {
  deletionPurger, gcBefore, purgeCell, purgeComplexColumn, purgeDeletion, purgeLiveness, purgeRow,
  addDeletionTime, addRowPurgeTimes, mayPurge, noPurgeTimes, type DeletionPurger, type PurgeTimes,
} from './deletion-purger.js';
