import type { CqlPrepared } from '../cql/index.js';
import type { InvalidatedTable, TableMetadata } from '../schema/index.js';

/**
 * The tables a prepared statement reads or writes, as Cassandra's shouldInvalidate finds them: a SELECT's
 * or modification's table, each statement's of a batch. Other statements (USE, DDL, DESCRIBE, TRUNCATE)
 * are never dropped by schema changes.
 */
export function statementTables(prepared: CqlPrepared): readonly TableMetadata[] {
  const plan = prepared.plan;
  switch (plan.kind) {
    case 'select':
    case 'modification':
      return [plan.table];
    case 'cas':
      return [plan.modification.table];
    case 'batch':
      return plan.statements.map((s) => s.table);
    case 'use':
    case 'truncate':
    case 'schema':
    case 'describe':
      return [];
  }
}

/** Whether the statement works on a table of a dropped keyspace, or on a dropped or altered table. */
export function touchesInvalidatedTable(prepared: CqlPrepared, invalidated: readonly InvalidatedTable[]): boolean {
  return statementTables(prepared).some((table) => invalidated.some((target) =>
    target.keyspace === table.keyspace && (target.table === null || target.table === table.name)));
}
