/** SSTables: immutable sorted files of one table's partitions (see FORMAT.md). */
export { deleteSSTable, Descriptor, listSSTables, nextGeneration, removeIncompleteSSTables, FORMAT_VERSION, type Component } from './descriptor.js';
export { SSTableWriter, type SSTableWriterOptions } from './sstable-writer.js';
export {
  appendInSlices, BACKGROUND_SLICE, runToEnd, UNSLICED, writeSSTable, writeSSTableInSlices, type SliceBudget, type SlicedWork,
} from './sliced-write.js';
export { isPendingSync, syncPath, type PendingSync } from './pending-sync.js';
export { SSTableReader } from './sstable-reader.js';
export { droppableTombstoneRatio, type SSTableStats } from './sstable-stats.js';
export { BloomFilter } from './bloom-filter.js';
export { CorruptSSTableError, UnsupportedSSTableFormatError } from './sstable-errors.js';
