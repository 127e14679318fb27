export * from './cql-error.js';
export * from './validation.js';
export * from './error-codes.js';
