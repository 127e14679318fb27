export * from './cql-error.js';
export * from './validation.js';
