import type { SeededRandom } from '../../../common/index.js';
import type { Schema, SchemaChange } from '../../../schema/index.js';

/** What a schema statement runs against. */
export interface SchemaStatementContext {
  readonly schema: Schema;
  /** The keyspace of the session (USE), or null. */
  readonly keyspace: string | null;
  /** The statement's timestamp: new table ids and dropped-column times derive from it. */
  readonly nowMicros: bigint;
  readonly random: SeededRandom;
  /**
   * Nodes per data center. NetworkTopologyStrategy checks data center names against it and expands
   * 'replication_factor' to every data center; replication factors above the node count draw a warning.
   * Absent when the topology is unknown: then any data center name is accepted and nothing is expanded.
   */
  readonly datacenters?: ReadonlyMap<string, number>;
  /** sasi_indexes_enabled: CREATE CUSTOM INDEX … USING SASIIndex is refused when false (default true). */
  readonly sasiIndexesEnabled?: boolean;
  /** materialized_views_enabled: CREATE MATERIALIZED VIEW is refused when it is false (enabled when absent). */
  readonly materializedViewsEnabled?: boolean;
}

export interface SchemaStatementResult {
  readonly schema: Schema;
  /** null when IF [NOT] EXISTS (or an ALTER that changes nothing) made the statement a no-op. */
  readonly change: SchemaChange | null;
  /** Client warnings, as Cassandra's ClientWarn adds them to the response. */
  readonly warnings: readonly string[];
}

export function unchanged(context: SchemaStatementContext): SchemaStatementResult {
  return { schema: context.schema, change: null, warnings: [] };
}

export function changed(
  schema: Schema,
  change: SchemaChange['change'],
  target: SchemaChange['target'],
  keyspace: string,
  name: string | null,
  warnings: readonly string[] = [],
): SchemaStatementResult {
  return { schema, change: { change, target, keyspace, name, argTypes: [] }, warnings };
}
