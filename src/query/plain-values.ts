import { UNSET, type BoundValue } from '../cql/index.js';
import {
  deserialize, epochDayOf, formatDate, formatDecimalPlain, parseDate, parseTime, parseTimestamp, rawDateOf, serialize,
  type CqlType, type DecimalValue, type Duration,
} from '../types/index.js';

/**
 * A CQL value as `cluster.execute` hands it back:
 * text, ascii, uuid, timeuuid, inet, decimal → string; date → 'YYYY-MM-DD'; int, smallint, tinyint, float,
 * double → number; bigint, counter, varint → bigint; time → bigint (nanoseconds since midnight);
 * timestamp → Date; boolean → boolean; blob and custom types → Buffer; duration → { months, days,
 * nanoseconds }; list, set, vector, tuple → array; map → Map; user-defined type → object by field name.
 */
export type CqlValue =
  | null | string | number | bigint | boolean | Date | Buffer | Duration
  | readonly CqlValue[] | ReadonlyMap<CqlValue, CqlValue> | { readonly [field: string]: CqlValue };

/** A stored value (never null bytes: the caller maps those) as a CqlValue. */
export function plainValue(type: CqlType, bytes: Buffer): CqlValue {
  if (type.kind === 'custom' && type.layout.kind === 'reversed') return plainValue(type.layout.base, bytes);
  return plain(type, deserialize(type, bytes));
}

/** deserialize()'s model (what comparators and functions work on) turned into the CqlValue of its type. */
function plain(type: CqlType, value: unknown): CqlValue {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'native':
      switch (type.name) {
        case 'timestamp': return new Date(Number(value as bigint));
        case 'date': return formatDate(rawDateOf(value as number));
        case 'decimal': return formatDecimalPlain(value as DecimalValue);
        default: return value as CqlValue;
      }
    case 'list': case 'set': case 'vector':
      return (value as unknown[]).map((e) => plain(type.element, e));
    case 'tuple':
      return (value as unknown[]).map((e, i) => plain(type.elements[i]!, e));
    case 'map':
      return new Map((value as [unknown, unknown][]).map(([k, v]) => [plain(type.key, k), plain(type.value, v)]));
    case 'udt':
      return Object.fromEntries(type.fields.map((f, i) => [f.name, plain(f.type, (value as unknown[])[i])]));
    case 'custom':
      return value as Buffer;
  }
}

/**
 * A JavaScript value bound to a marker of `type`: everything a CqlValue can be, and what the codecs take
 * besides (numbers for bigint, Sets, plain objects for maps); undefined leaves the marker unset.
 * Strings are read as CQL literals for timestamp, date and time.
 */
export function boundValue(type: CqlType, value: unknown): BoundValue {
  if (value === undefined) return UNSET;
  if (value === null) return null;
  if (type.kind === 'custom' && type.layout.kind === 'reversed') return boundValue(type.layout.base, value);
  return serialize(type, codecInput(type, value));
}

function codecInput(type: CqlType, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (type.kind) {
    case 'native':
      if (typeof value !== 'string') return value;
      if (type.name === 'timestamp') return parseTimestamp(value);
      if (type.name === 'date') return epochDayOf(parseDate(value));
      if (type.name === 'time') return parseTime(value);
      return value;
    case 'list': case 'set': case 'vector':
      return elements(value)?.map((e) => codecInput(type.element, e)) ?? value;
    case 'tuple':
      return Array.isArray(value) ? value.map((e, i) => (i < type.elements.length ? codecInput(type.elements[i]!, e) : e)) : value;
    case 'map': {
      const entries = value instanceof Map ? [...(value as Map<unknown, unknown>)] : isRecord(value) ? Object.entries(value) : null;
      return entries?.map(([k, v]) => [codecInput(type.key, k), codecInput(type.value, v)]) ?? value;
    }
    case 'udt':
      if (!isRecord(value)) return value;
      return Object.fromEntries(Object.entries(value).map(([name, v]) => {
        const field = type.fields.find((f) => f.name === name);
        return [name, field === undefined ? v : codecInput(field.type, v)];
      }));
    case 'custom':
      return value;
  }
}

function elements(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  return value instanceof Set ? [...(value as Set<unknown>)] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
    && !(value instanceof Map) && !(value instanceof Set) && !(value instanceof Date);
}
