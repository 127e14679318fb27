export * from './query-processor.js';
export type { QueryResult } from './query-result.js';
export type { PreparedEntry } from './statement-cache.js';
