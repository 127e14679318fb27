export * from './ast/index.js';
export { parseStatement, parseTermList } from './parser/index.js';
export * from './statements/index.js';
export { describe, schemaScript, tableSchemaScript, type ClusterDescription, type DescribeResult } from './describe/index.js';
export { splitCqlScript, type ScriptStatement } from './lexer/cql-script.js';
export type { UdfLimits } from './functions/udf/udf-limits.js';
