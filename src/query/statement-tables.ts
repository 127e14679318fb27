import type { CqlPrepared } from '../cql/index.js';
import type { InvalidatedTable, TableMetadata } from '../schema/index.js';

/**
 * The tables a prepared statement reads or writes, as Cassandra's shouldInvalidate finds them: a SELECT's
 * or modification's table, each statement's of a batch. Other statements (USE, DDL, DESCRIBE, TRUNCATE, roles)
 * are never dropped by schema changes.
 */
export function statementTables(prepared: CqlPrepared): readonly TableMetadata[] {
  const plan = prepared.plan;
  switch (plan.kind) {
    case 'select':
    case 'modification':
      return [plan.table];
    case 'batch':
      return plan.statements.map((s) => s.table);
    case 'use':
    case 'truncate':
    case 'schema':
    case 'describe':
    case 'role':
      return [];
  }
}

/**
 * A test for statements working on a table of a dropped keyspace, or on a dropped or altered table. A
 * schema change runs it over every prepared statement of a node (up to 50,000), so it looks names up in sets.
 */
export function invalidationFilter(invalidated: readonly InvalidatedTable[]): (prepared: CqlPrepared) => boolean {
  // Keyspace → the invalidated tables in it, or null when the whole keyspace went.
  const byKeyspace = new Map<string, Set<string> | null>();
  for (const { keyspace, table } of invalidated) {
    const tables = byKeyspace.get(keyspace);
    if (table === null) byKeyspace.set(keyspace, null);
    else if (tables === undefined) byKeyspace.set(keyspace, new Set([table]));
    else tables?.add(table);
  }
  const matches = (table: TableMetadata): boolean => {
    const tables = byKeyspace.get(table.keyspace);
    return tables === null || (tables !== undefined && tables.has(table.name));
  };
  return (prepared) => statementTables(prepared).some(matches);
}
