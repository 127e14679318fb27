export * from './query-processor.js';
export type { QueryResult } from './query-result.js';
