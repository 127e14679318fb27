export * from './term.js';
export * from './statement.js';
export * from './term-text.js';
export * from './relation-text.js';
export * from './function-statements.js';
export * from './role-statements.js';
export * from './permission-statements.js';
