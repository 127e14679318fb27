export * from './term.js';
export * from './statement.js';
