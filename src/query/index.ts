export * from './query-processor.js';
export type { QueryResult } from './query-result.js';
export type { PreparedEntry } from './statement-cache.js';
export { NodeSession, type ConsistencyName, type CqlParams, type ExecuteOptions, type ExecuteResult, type ResultColumn, type Row } from './node-session.js';
export type { CqlValue } from './plain-values.js';
export { setupDefaultRole } from './internal-auth-store.js';
export { partitionKeyFromLiterals, type DecoratedPartitionKey } from './partition-key-literals.js';
// The admin API describes the schema (its column types as CQL writes them, the built-in keyspaces apart).
export { formatCqlType } from '../types/index.js';
export { isSystemKeyspace, type ColumnMetadata, type TableMetadata } from '../schema/index.js';
/** The schema as the CQL that recreates it, for a data folder (main reaches cql only through here). */
export { schemaScript } from '../cql/index.js';
export { schemaFromScript, type SchemaScriptContext } from './schema-from-script.js';
/** The CQL of one table, for the schema.cql of its snapshot folders. */
export { tableSchemaScript } from '../cql/index.js';
