/** Binary forms of the data model: what the commit log and SSTables store. */
export { DataInput } from './data-input.js';
export { DataOutput } from './data-output.js';
export { ColumnDictionary } from './column-dictionary.js';
export { readRow, writeRow, readClustering, writeClustering, type RowContext } from './row-serializer.js';
export {
  minTimestamp, partitionContext, readContext, writeContext, readPartitionHead, writePartitionHead,
  readPartitionContent, writePartitionContent, type PartitionContent, type PartitionHead,
} from './partition-serializer.js';
export {
  SERIALIZATION_VERSION, serializeMutation, deserializeMutation, serializeUnfilteredPartition,
  deserializeUnfilteredPartition, type TableLookup, type DeserializeOptions,
} from './mutation-serializer.js';
export { CorruptDataError, UnknownTableError, UnsupportedVersionError } from './serialization-errors.js';
