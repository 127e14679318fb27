/** The storage/ public API: one node's storage engine. */
export { StorageEngine, type StorageImage, type TableStorageStats } from './storage-engine.js';
