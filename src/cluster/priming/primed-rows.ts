import { formatCqlType, fromJsonValue, jsonValueOf, parseCqlType, serialize, type CqlType, type UserTypeResolver } from '../../types/index.js';
import { checkPrime, optionalString } from './prime-checks.js';
import type { PrimedRows } from './prime-spec.js';

/** Primed rows ready to send: each column's type parsed, each value serialized once, when primed. */
export interface CompiledRows {
  readonly columns: readonly { readonly name: string; readonly type: CqlType }[];
  readonly rows: readonly (readonly (Buffer | null)[])[];
  /** The columns' keyspace; null: the request's. */
  readonly keyspace: string | null;
  readonly table: string;
}

/** The table name primed columns report unless the prime names one. */
const PRIMED_TABLE = 'primed';

/**
 * Checks primed rows and serializes their values by their columns' types (user types are looked up in
 * the prime's keyspace), so that a wrong value fails when primed, not when a client reads it.
 */
export function compileRows(spec: PrimedRows, userTypes: UserTypeResolver): CompiledRows {
  const keyspace = optionalString(spec.keyspace, 'then.keyspace') ?? null;
  const table = optionalString(spec.table, 'then.table') ?? PRIMED_TABLE;
  checkPrime(Array.isArray(spec.columns) && spec.columns.length > 0, 'then.columns', 'a non-empty list of { name, type }', spec.columns);
  const columns = spec.columns.map((c, i) => {
    checkPrime(typeof c?.name === 'string', `then.columns[${i}].name`, 'a string', c?.name);
    checkPrime(typeof c.type === 'string', `then.columns[${i}].type`, 'a CQL type such as "int" or "list<text>"', c.type);
    return { name: c.name, type: columnType(c.type, `then.columns[${i}].type`, userTypes, keyspace) };
  });
  checkPrime(Array.isArray(spec.rows), 'then.rows', 'a list of rows', spec.rows);
  checkPrime(spec.json === undefined || typeof spec.json === 'boolean', 'then.json', 'true or false', spec.json);
  const toBytes = spec.json === true ? (type: CqlType, value: unknown) => fromJsonValue(type, jsonValueOf(value), '') : serialize;
  const rows = spec.rows.map((row, r) => {
    checkPrime(Array.isArray(row) && row.length === columns.length, `then.rows[${r}]`, `a list of ${columns.length} values, one per column`, row);
    return columns.map((column, i) => cell(column.type, row[i], `then.rows[${r}][${i}]`, toBytes));
  });
  return { columns, rows, keyspace, table };
}

function columnType(text: string, field: string, userTypes: UserTypeResolver, keyspace: string | null): CqlType {
  try {
    // As a statement's types, unqualified user types are the (prime's) keyspace's.
    return parseCqlType(text, (typeKeyspace, name) => userTypes(typeKeyspace ?? keyspace, name), keyspace ?? undefined);
  } catch (e) {
    throw new TypeError(`prime: ${field}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function cell(type: CqlType, value: unknown, field: string, toBytes: (type: CqlType, value: unknown) => Buffer | null): Buffer | null {
  if (value === null || value === undefined) return null;
  try {
    return toBytes(type, value);
  } catch (e) {
    throw new TypeError(`prime: ${field}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Columns as `name type, …`, for a message about primed rows that do not fit what reads them. */
export function columnsText(columns: readonly { readonly name: string; readonly type: CqlType }[]): string {
  return columns.map((c) => `${c.name} ${formatCqlType(c.type)}`).join(', ');
}

/** Whether primed rows have the types of `expected`, column by column (what a reader by position needs). */
export function rowsFitColumns(rows: CompiledRows, expected: readonly { readonly type: CqlType }[]): boolean {
  return expected.length === rows.columns.length && expected.every((c, i) => formatCqlType(c.type) === formatCqlType(rows.columns[i]!.type));
}
