import { InvalidRequestError } from '../../errors/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { formatCqlType } from '../../types/index.js';
import { isRoleStatement, type DescribeStatement, type ParsedStatement, type RoleStatement, type Statement } from '../ast/index.js';
import { prepareBatch, type PreparedBatch } from './batch-statement.js';
import type { ColumnSpecification } from './column-specification.js';
import {
  prepareDelete, prepareInsert, prepareUpdate, type PreparedModification,
} from './modification/modification-statement.js';
import { resolveTable, type SchemaLookup } from './resolve-table.js';
import { prepareSelect, type PreparedSelect } from './select/select-statement.js';
import { BindSpecifications } from './term-preparer.js';
import { isSchemaStatement, prepareCreateView, type SchemaStatement } from './ddl/index.js';


/** A statement after prepare: what executing it needs, resolved once. */
export type PreparedStatementPlan =
  | PreparedSelect
  | PreparedModification
  | PreparedBatch
  | { readonly kind: 'use'; readonly keyspace: string }
  | { readonly kind: 'truncate'; readonly table: TableMetadata }
  | { readonly kind: 'schema'; readonly statement: SchemaStatement }
  | { readonly kind: 'describe'; readonly statement: DescribeStatement }
  | { readonly kind: 'role'; readonly statement: RoleStatement };

/** A prepared statement with the metadata the PREPARED result and routing need. */
export interface CqlPrepared {
  readonly plan: PreparedStatementPlan;
  /** The receiver of each bind marker, in marker order. */
  readonly boundColumns: readonly ColumnSpecification[];
  /** Names of the bind markers (`:name`), null for `?`. */
  readonly boundNames: readonly (string | null)[];
  /** Positions of the partition key columns among the bind markers, when every one is bound by `= ?`. */
  readonly partitionKeyBindIndexes: readonly number[] | null;
  /** Result columns (SELECT only; empty otherwise). */
  readonly resultColumns: readonly ColumnSpecification[];
  /** The table a statement reads or writes, if one. */
  readonly table: TableMetadata | null;
  /** The user-defined functions and aggregates the statement calls, by keyspace, name and argument types. */
  readonly userFunctions: readonly FunctionReference[];
}

export interface FunctionReference {
  readonly keyspace: string;
  readonly name: string;
  readonly argTypes: readonly string[];
}

function pkIndexes(table: TableMetadata, indexes: readonly (number | undefined)[]): number[] | null {
  if (table.partitionKey.length === 0) return null;
  const out: number[] = [];
  for (let i = 0; i < table.partitionKey.length; i++) {
    const index = indexes[i];
    if (index === undefined) return null;
    out.push(index);
  }
  return out;
}

function prepareModification(statement: Statement, schema: SchemaLookup, keyspace: string | null, binds: BindSpecifications): PreparedModification {
  switch (statement.kind) {
    case 'insert': return prepareInsert(checkModifiable(resolveTable(schema, statement.table, keyspace)), statement, binds);
    case 'update': return prepareUpdate(checkModifiable(resolveTable(schema, statement.table, keyspace)), statement, binds);
    case 'delete': return prepareDelete(checkModifiable(resolveTable(schema, statement.table, keyspace)), statement, binds);
    default: throw new InvalidRequestError('Only INSERT, UPDATE, and DELETE statements are allowed within a BATCH');
  }
}

function checkWritable(table: TableMetadata): TableMetadata {
  if (table.virtual) throw new InvalidRequestError(`Modification statements are not supported on virtual tables`);
  if (table.keyspace === 'system_schema' || table.keyspace === 'system') {
    throw new InvalidRequestError(`${table.keyspace} keyspace is not user-modifiable.`);
  }
  return table;
}

/** INSERT, UPDATE and DELETE (ModificationStatement.Raw.prepare): not on a materialized view. */
function checkModifiable(table: TableMetadata): TableMetadata {
  checkWritable(table);
  if (table.view !== undefined) throw new InvalidRequestError('Cannot directly modify a materialized view');
  return table;
}

/** Prepares a parsed statement against the current schema (Cassandra's CQLStatement.Raw.prepare). */
export function prepareStatement(parsed: ParsedStatement, schema: SchemaLookup, keyspace: string | null): CqlPrepared {
  const statement = parsed.statement;
  const binds = new BindSpecifications(schema);
  let plan: PreparedStatementPlan;
  let table: TableMetadata | null = null;
  let pk: readonly (number | undefined)[] = [];
  switch (statement.kind) {
    case 'select': {
      table = resolveTable(schema, statement.table, keyspace);
      const select = prepareSelect(table, statement, binds);
      pk = select.restrictions.pkBindIndexes;
      plan = select;
      break;
    }
    case 'insert':
    case 'update':
    case 'delete': {
      const m = prepareModification(statement, schema, keyspace, binds);
      table = m.table;
      pk = m.pkBindIndexes;
      plan = m;
      break;
    }
    case 'batch': {
      const children = statement.statements.map((s) => prepareModification(s, schema, keyspace, binds));
      const first = children[0];
      plan = prepareBatch(statement, children, first?.table, binds);
      if (first !== undefined && children.every((c) => c.table === first.table)) {
        table = first.table;
        pk = first.pkBindIndexes;
      }
      break;
    }
    case 'use':
      plan = { kind: 'use', keyspace: statement.keyspace };
      break;
    case 'truncate':
      plan = { kind: 'truncate', table: checkWritable(resolveTable(schema, statement.table, keyspace)) };
      break;
    case 'describe':
      plan = { kind: 'describe', statement };
      break;
    default:
      if (isRoleStatement(statement)) {
        plan = { kind: 'role', statement };
        break;
      }
      if (!isSchemaStatement(statement)) throw new InvalidRequestError('Unsupported statement');
      if (statement.kind === 'createView') prepareCreateView(statement, keyspace);
      plan = { kind: 'schema', statement };
  }
  const boundColumns = parsed.bindMarkers.map((m, i) => {
    const spec = binds.specs[i];
    if (spec === undefined) throw new InvalidRequestError(`Bind marker ${m.name ?? '?'} is not supported here`);
    return m.name === null ? spec : { ...spec, name: m.name };
  });
  return {
    plan,
    boundColumns,
    boundNames: parsed.bindMarkers.map((m) => m.name),
    partitionKeyBindIndexes: table === null ? null : pkIndexes(table, pk),
    resultColumns: plan.kind === 'select' ? plan.selection.columns : [],
    table,
    userFunctions: binds.userFunctions.map((fn) => ({ keyspace: fn.keyspace!, name: fn.name, argTypes: fn.argTypes.map((t) => formatCqlType(t)) })),
  };
}
