/**
 * Helpers to compare what the Node driver hands back: driver value classes turned into plain,
 * deep-equal-friendly values, driver type descriptors turned back into CQL type names, and server
 * errors checked by protocol code and a stable part of the message.
 */
import { expect } from 'vitest';
import cassandra from 'cassandra-driver';

const { types } = cassandra;

/** A driver value as a plain structure whose deep equality means "same CQL value". */
export function comparable(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return `blob:${value.toString('hex')}`;
  if (value instanceof Date) return `timestamp:${value.getTime()}`;
  if (value instanceof types.Long) return `long:${value.toString()}`;
  if (value instanceof types.Integer) return `varint:${value.toString()}`;
  // The wire form keeps the scale, which CQL preserves (1.50 is not 1.5).
  if (value instanceof types.BigDecimal) return `decimal:${types.BigDecimal.toBuffer(value).toString('hex')}`;
  if (value instanceof types.Uuid) return `uuid:${value.toString()}`;
  if (value instanceof types.InetAddress) return `inet:${value.toString()}`;
  if (value instanceof types.LocalDate) return `date:${value.toString()}`;
  if (value instanceof types.LocalTime) return `time:${value.toString()}`;
  if (value instanceof types.Duration) return `duration:${value.toBuffer().toString('hex')}`;
  if (value instanceof types.Tuple) return { tuple: value.values().map(comparable) };
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, comparable(inner)]));
  }
  return value;
}

/** Asserts two driver values denote the same CQL value. */
export function expectSameValue(actual: unknown, expected: unknown): void {
  expect(comparable(actual)).toEqual(comparable(expected));
}

interface DriverType {
  code: number;
  info?: unknown;
  options?: { frozen?: boolean };
  customTypeName?: string;
}

const DURATION_CLASS = 'org.apache.cassandra.db.marshal.DurationType';
const { dataTypes } = types;

const SIMPLE_TYPE_NAMES = new Map<number, string>([
  [dataTypes.ascii, 'ascii'],
  [dataTypes.bigint, 'bigint'],
  [dataTypes.blob, 'blob'],
  [dataTypes.boolean, 'boolean'],
  [dataTypes.counter, 'counter'],
  [dataTypes.decimal, 'decimal'],
  [dataTypes.double, 'double'],
  [dataTypes.float, 'float'],
  [dataTypes.int, 'int'],
  [dataTypes.text, 'text'],
  [dataTypes.timestamp, 'timestamp'],
  [dataTypes.uuid, 'uuid'],
  [dataTypes.varchar, 'varchar'],
  [dataTypes.varint, 'varint'],
  [dataTypes.timeuuid, 'timeuuid'],
  [dataTypes.inet, 'inet'],
  [dataTypes.date, 'date'],
  [dataTypes.time, 'time'],
  [dataTypes.smallint, 'smallint'],
  [dataTypes.tinyint, 'tinyint'],
  [dataTypes.duration, 'duration'],
]);

/**
 * Renders a type descriptor from table metadata (system_schema parsing) back to CQL, e.g.
 * `map<text, frozen<list<int>>>`. Frozen-ness comes from the descriptor's options, as the driver reports it.
 */
export function cqlTypeName(type: DriverType): string {
  const frozen = (name: string) => (type.options?.frozen ? `frozen<${name}>` : name);
  switch (type.code) {
    case dataTypes.list:
      return frozen(`list<${cqlTypeName(type.info as DriverType)}>`);
    case dataTypes.set:
      return frozen(`set<${cqlTypeName(type.info as DriverType)}>`);
    case dataTypes.map: {
      const [key, value] = type.info as [DriverType, DriverType];
      return frozen(`map<${cqlTypeName(key)}, ${cqlTypeName(value)}>`);
    }
    case dataTypes.tuple:
      return frozen(`tuple<${(type.info as DriverType[]).map(cqlTypeName).join(', ')}>`);
    case dataTypes.udt:
      return frozen((type.info as { name: string }).name);
    case dataTypes.custom: {
      if (type.customTypeName === 'vector') {
        const [element, dimensions] = type.info as [DriverType, number];
        return `vector<${cqlTypeName(element)}, ${dimensions}>`;
      }
      return type.info === DURATION_CLASS ? 'duration' : `'${String(type.info)}'`;
    }
    default: {
      const name = SIMPLE_TYPE_NAMES.get(type.code);
      if (name === undefined) throw new Error(`unknown driver type code ${type.code}`);
      return name;
    }
  }
}

export type ServerError = cassandra.errors.ResponseError & Record<string, unknown>;

/**
 * Awaits a rejected driver call and checks it is the server error `code` (0x2200 Invalid, …) whose message
 * contains `message` (or matches it). Returns the error for checks of its extra fields.
 */
export async function expectServerError(
  promise: Promise<unknown>,
  code: number,
  message?: string | RegExp,
): Promise<ServerError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error === undefined) throw new Error(`expected server error 0x${code.toString(16)} but the call succeeded`);
  expect(error, String(error)).toBeInstanceOf(cassandra.errors.ResponseError);
  const responseError = error as ServerError;
  expect(`0x${responseError.code.toString(16)}: ${responseError.message}`).toMatch(
    new RegExp(`^0x${code.toString(16)}: `),
  );
  if (typeof message === 'string') expect(responseError.message).toContain(message);
  else if (message !== undefined) expect(responseError.message).toMatch(message);
  return responseError;
}

export const ErrorCodes = {
  serverError: 0x0000,
  protocolError: 0x000a,
  syntaxError: 0x2000,
  invalid: 0x2200,
  configError: 0x2300,
  alreadyExists: 0x2400,
  unprepared: 0x2500,
} as const;

/** Rows of a result as plain objects of comparable values, for whole-result assertions. */
export function plainRows(result: cassandra.types.ResultSet): Array<Record<string, unknown>> {
  return result.rows.map((row) => {
    const plain: Record<string, unknown> = {};
    for (const key of row.keys()) plain[key] = comparable(row.get(key));
    return plain;
  });
}
