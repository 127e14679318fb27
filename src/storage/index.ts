/** The storage/ public API: one node's storage engine. */
export { StorageEngine, type TableStorageStats } from './storage-engine.js';
