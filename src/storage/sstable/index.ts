/** SSTables: immutable sorted files of one table's partitions (see FORMAT.md). */
export { deleteSSTable, Descriptor, listSSTables, nextGeneration, removeIncompleteSSTables, FORMAT_VERSION, type Component } from './descriptor.js';
export { SSTableWriter, writeSSTable, type SSTableWriterOptions } from './sstable-writer.js';
export { SSTableReader } from './sstable-reader.js';
export { droppableTombstoneRatio, type SSTableStats } from './sstable-stats.js';
export { BloomFilter } from './bloom-filter.js';
export { CorruptSSTableError, UnsupportedSSTableFormatError } from './sstable-errors.js';
