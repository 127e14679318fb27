export * from './invariant.js';
export * from './clock.js';
export * from './scheduler.js';
export * from './seeded-random.js';
export * from './byte-reader.js';
export * from './byte-writer.js';
export * from './request-context.js';
export * from './promise-like.js';
