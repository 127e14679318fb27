export * from './table-metadata.js';
export { Schema } from './schema.js';
export type { SchemaChange } from './schema-change.js';
export { schemaChanges } from './schema-diff.js';
export {
  buildTable, rebuildTable, tableDefinition, compareNames,
  type ColumnDefinition, type ClusteringColumnDefinition, type TableDefinition,
} from './table-builder.js';
export { newKeyspace, withParams, withTable, withoutTable, withUserType, withoutUserType } from './keyspace-updates.js';
export {
  DEFAULT_TABLE_OPTIONS, SIZE_TIERED_COMPACTION, LEVELED_COMPACTION, TIME_WINDOW_COMPACTION, LZ4_COMPRESSOR,
  compactionOptions, sameTableOptions,
} from './table-options.js';
export {
  parseSpeculativeRetryPolicy, formatSpeculativeRetryPolicy, speculationThresholdMs,
  type SpeculativeRetryPolicy, type LatencySample,
} from './speculative-retry-policy.js';
export { newTableId, systemTableId, nameUuid } from './table-id.js';
export { referencesUserType, referencesDuration, withUpdatedUserType, subTypes } from './type-references.js';
export {
  SYSTEM_KEYSPACE, SCHEMA_KEYSPACE, AUTH_KEYSPACE, DISTRIBUTED_KEYSPACE, TRACES_KEYSPACE,
  VIRTUAL_SCHEMA_KEYSPACE, SYSTEM_VIEWS_KEYSPACE, LOCAL_STRATEGY, SIMPLE_STRATEGY, NETWORK_TOPOLOGY_STRATEGY,
  isLocalSystemKeyspace, isReplicatedSystemKeyspace, isVirtualSystemKeyspace, isSystemKeyspace, systemKeyspaces,
} from './system/system-keyspaces.js';
export { isLatencyTableName, type LatencyTableName } from './system/system-views-keyspace.js';
export {
  preparedStatementInvalidations, changeAffectsPreparedStatements, type InvalidatedTable,
} from './prepared-statement-impact.js';
export {
  userFunctionsOf, userFunctionsNamed, findUserFunction, withUserFunction, withoutUserFunction, aggregatesUsing,
  argumentTypesMatch, argumentTypeNames, describeUserFunction,
  type UserFunctionMetadata, type UserAggregateMetadata, type UserFunctionDefinition,
} from './user-functions.js';
