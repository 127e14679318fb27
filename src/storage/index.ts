/** The storage/ public API: one node's storage engine. */
export { StorageEngine, type StorageImage, type TableStorageStats } from './storage-engine.js';
export type { TableSnapshotFiles } from './durable/table-snapshot.js';
export { isStorageFailure } from './durable/storage-failure.js';
export { CommitLogReplayError } from './commitlog/index.js';
export * from './serialization/index.js';
export * from './sstable/index.js';
export * from './compaction/index.js';
export { RecordLog, RecordLogCorruptError, type RecordLogOptions } from './durable/record-log.js';
