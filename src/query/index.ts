export * from './query-processor.js';
export type { QueryResult } from './query-result.js';
export { partitionKeyFromLiterals, type DecoratedPartitionKey } from './partition-key-literals.js';
