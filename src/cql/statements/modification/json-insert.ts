import { InvalidRequestError } from '../../../errors/index.js';
import type { TableMetadata } from '../../../schema/index.js';
import { fromJsonValue, isJsonObject, native, parseJson, type JsonValue } from '../../../types/index.js';
import type { Term } from '../../ast/index.js';
import { UNSET, type BoundValue, type ExecutionContext, type QueryOptions } from '../query-options.js';
import type { BindSpecifications, PreparedTerm } from '../term-preparer.js';
import type { InsertValue } from './modification-statement.js';

/**
 * INSERT … JSON '{…}' [DEFAULT NULL | DEFAULT UNSET] (UpdateStatement.ParsedInsertJson): every column of
 * the table gets a value, from the JSON object or, when absent, null (a tombstone) or unset. The JSON is
 * a literal (checked when prepared) or a bind marker named `[json]`; it is decoded once per execution,
 * at the execution's time (a timestamp may be "now").
 */
export function jsonInsert(table: TableMetadata, json: Term, defaultUnset: boolean, binds: BindSpecifications): InsertValue[] {
  const absent: BoundValue = defaultUnset ? UNSET : null;
  let text: (o: QueryOptions) => string;
  if (json.kind === 'constant' && json.value.kind === 'string') {
    const literal = json.value.value;
    columnValues(table, literal, () => 0); // a literal's errors come when it is prepared, as in Cassandra
    text = () => literal;
  } else if (json.kind === 'bind') {
    binds.set(json.index, { keyspace: table.keyspace, table: table.name, name: '[json]', type: native('text') });
    text = (o) => {
      const bound = o.values[json.index];
      if (bound === undefined || bound === null || bound === UNSET) throw new InvalidRequestError('Got null for INSERT JSON values');
      return bound.toString('utf8');
    };
  } else {
    throw new InvalidRequestError('INSERT JSON takes a string literal or a bind marker');
  }
  let decodedFor: ExecutionContext | null = null;
  let decoded: ReadonlyMap<string, Buffer | null> = new Map();
  const valuesOf = (o: QueryOptions, c: ExecutionContext): ReadonlyMap<string, Buffer | null> => {
    if (decodedFor !== c) {
      decoded = columnValues(table, text(o), () => Number(c.nowMicros / 1000n));
      decodedFor = c;
    }
    return decoded;
  };
  return [...table.columns.values()].map((column): InsertValue => {
    const term: PreparedTerm = (o, c) => {
      const values = valuesOf(o, c);
      return values.has(column.name) ? values.get(column.name)! : absent;
    };
    return { column, term };
  });
}

/** The JSON object's values as the bytes of their columns, keys resolved as Json.handleCaseSensitivity does. */
function columnValues(table: TableMetadata, text: string, nowMs: () => number): Map<string, Buffer | null> {
  let parsed: JsonValue;
  try {
    parsed = parseJson(text);
  } catch (e) {
    throw new InvalidRequestError(`Could not decode JSON string as a map: ${(e as Error).message}. (String was: ${text})`);
  }
  if (parsed === null) throw new InvalidRequestError('Got null for INSERT JSON values');
  if (!isJsonObject(parsed)) throw new InvalidRequestError(`Could not decode JSON string as a map: not a JSON object. (String was: ${text})`);
  const values = new Map<string, Buffer | null>();
  for (const [key, value] of parsed.entries) {
    // A quoted key keeps its case; any other is lower-cased, as an unquoted CQL identifier is.
    const name = key.length >= 2 && key.startsWith('"') && key.endsWith('"') ? key.slice(1, -1) : key.toLowerCase();
    const column = table.columns.get(name);
    if (column === undefined) throw new InvalidRequestError(`JSON values map contains unrecognized column: ${name}`);
    try {
      values.set(name, fromJsonValue(column.type, value, name, nowMs));
    } catch (e) {
      if (!(e instanceof InvalidRequestError)) throw e;
      throw new InvalidRequestError(`Error decoding JSON value for ${name}: ${e.message}`);
    }
  }
  return values;
}
