export { parseStatement } from './statement.js';
export { parseTermList } from './term-list.js';
