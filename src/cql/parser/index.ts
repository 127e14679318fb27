export { parseStatement } from './statement.js';
