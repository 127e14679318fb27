/**
 * Native types between bytes and JS values (spec §6). The JS forms:
 * - ascii, text: string; blob: Buffer
 * - tinyint, smallint, int, float, double: number
 * - bigint, counter, varint: bigint; timestamp: bigint milliseconds since the epoch; time: bigint
 *   nanoseconds since midnight
 * - date: number of days since the epoch (signed; the wire form is unsigned with the epoch at 2^31)
 * - decimal: { unscaled: bigint, scale: number }
 * - boolean: boolean; uuid, timeuuid: string; inet: string (as Java prints it)
 * - duration: { months, days, nanoseconds: bigint }
 * Serializing also takes natural alternatives: numbers for bigint-valued types, Date for timestamp and
 * date, bigint/number/string for decimal, Buffer for uuid/timeuuid/inet.
 */
import { InvalidRequestError } from '../../errors/index.js';
import type { NativeTypeName } from '../cql-type.js';
import { decimalFromBytes, decimalToBytes, parseDecimal, varintFromBytes, varintToBytes, type DecimalValue } from '../big-number.js';
import { decodeDuration, encodeDuration, type Duration } from '../duration.js';
import { formatInet, parseInet } from '../inet.js';
import { epochDayOf, rawDateOf } from '../temporal.js';
import { uuidFromString, uuidToString } from '../uuid.js';
import { int64Bytes } from '../fixed-bytes.js';

const MS_PER_DAY = 86_400_000;

export function serializeNative(name: NativeTypeName, value: unknown): Buffer {
  switch (name) {
    case 'ascii': case 'text': return Buffer.from(expect<string>(name, value, typeof value === 'string'), 'utf8');
    case 'blob': return Buffer.from(expect<Uint8Array>(name, value, value instanceof Uint8Array));
    case 'boolean': return Buffer.of(expect<boolean>(name, value, typeof value === 'boolean') ? 1 : 0);
    case 'tinyint': return fixedInt(1, integerIn(name, value, 8));
    case 'smallint': return fixedInt(2, integerIn(name, value, 16));
    case 'int': return fixedInt(4, integerIn(name, value, 32));
    case 'bigint': case 'counter': return int64Bytes(longIn(name, value));
    case 'timestamp': return int64Bytes(value instanceof Date ? BigInt(value.getTime()) : longIn(name, value));
    case 'time': return int64Bytes(longIn(name, value));
    case 'varint': return varintToBytes(bigintOf(name, value));
    case 'float': return floatBytes(4, expect<number>(name, value, typeof value === 'number'));
    case 'double': return floatBytes(8, expect<number>(name, value, typeof value === 'number'));
    case 'decimal': return decimalToBytes(decimalOf(value));
    case 'date': return dateBytes(value);
    case 'uuid': case 'timeuuid': return uuidBytes(name, value);
    case 'inet': return inetBytes(value);
    case 'duration': return encodeDuration(durationOf(value));
  }
}

/** Decodes a validated value. Empty values of types where emptiness is no value come back as null. */
export function deserializeNative(name: NativeTypeName, buf: Buffer): unknown {
  switch (name) {
    case 'ascii': case 'text': return buf.toString('utf8');
    case 'blob': return Buffer.from(buf);
    default:
      if (buf.length === 0) return null;
  }
  switch (name) {
    case 'boolean': return buf[0] !== 0;
    case 'tinyint': return buf.readInt8(0);
    case 'smallint': return buf.readInt16BE(0);
    case 'int': return buf.readInt32BE(0);
    case 'bigint': case 'counter': case 'timestamp': case 'time': return buf.readBigInt64BE(0);
    case 'varint': return varintFromBytes(buf);
    case 'float': return buf.readFloatBE(0);
    case 'double': return buf.readDoubleBE(0);
    case 'decimal': return decimalFromBytes(buf);
    case 'date': return epochDayOf(buf.readUInt32BE(0));
    case 'uuid': case 'timeuuid': return uuidToString(buf);
    case 'inet': return formatInet(buf);
    case 'duration': return decodeDuration(buf);
  }
}

function expect<T>(name: NativeTypeName, value: unknown, ok: boolean): T {
  if (!ok) throw invalidValue(name, value);
  return value as T;
}

export function invalidValue(typeName: string, value: unknown): InvalidRequestError {
  const shown = typeof value === 'bigint' ? `${value}n` : typeof value === 'string' ? `'${value}'` : String(value);
  return new InvalidRequestError(`Invalid value for type ${typeName}: ${shown}`);
}

function integerIn(name: NativeTypeName, value: unknown, bits: number): number {
  const n = typeof value === 'bigint' ? Number(value) : value;
  const limit = 2 ** (bits - 1);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < -limit || n >= limit) throw invalidValue(name, value);
  return n;
}

function fixedInt(size: 1 | 2 | 4, value: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  out.writeIntBE(value, 0, size);
  return out;
}

function bigintOf(name: NativeTypeName, value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  throw invalidValue(name, value);
}

function longIn(name: NativeTypeName, value: unknown): bigint {
  const v = bigintOf(name, value);
  if (BigInt.asIntN(64, v) !== v) throw invalidValue(name, value);
  return v;
}



function floatBytes(size: 4 | 8, value: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  if (size === 4) out.writeFloatBE(value);
  else out.writeDoubleBE(value);
  return out;
}

function decimalOf(value: unknown): DecimalValue {
  if (typeof value === 'object' && value !== null && 'unscaled' in value && 'scale' in value) {
    const { unscaled, scale } = value as DecimalValue;
    if (typeof unscaled === 'bigint' && Number.isInteger(scale)) return { unscaled, scale };
  }
  if (typeof value === 'bigint') return { unscaled: value, scale: 0 };
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  const parsed = typeof text === 'string' ? parseDecimal(text) : undefined;
  if (parsed === undefined) throw invalidValue('decimal', value);
  return parsed;
}

function dateBytes(value: unknown): Buffer {
  const days = value instanceof Date ? Math.floor(value.getTime() / MS_PER_DAY) : value;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < -(2 ** 31) || days >= 2 ** 31) {
    throw invalidValue('date', value);
  }
  const out = Buffer.allocUnsafe(4);
  out.writeUInt32BE(rawDateOf(days));
  return out;
}

function uuidBytes(name: NativeTypeName, value: unknown): Buffer {
  if (value instanceof Uint8Array && value.length === 16) return Buffer.from(value);
  if (typeof value === 'string') return uuidFromString(value);
  throw invalidValue(name, value);
}

function inetBytes(value: unknown): Buffer {
  if (value instanceof Uint8Array && (value.length === 4 || value.length === 16)) return Buffer.from(value);
  const parsed = typeof value === 'string' ? parseInet(value) : undefined;
  if (parsed === undefined) throw invalidValue('inet', value);
  return parsed;
}

function durationOf(value: unknown): Duration {
  if (typeof value === 'object' && value !== null) {
    const { months, days, nanoseconds } = value as Record<string, unknown>;
    const nanos = typeof nanoseconds === 'number' && Number.isInteger(nanoseconds) ? BigInt(nanoseconds) : nanoseconds;
    if (Number.isInteger(months) && Number.isInteger(days) && typeof nanos === 'bigint') {
      return { months: months as number, days: days as number, nanoseconds: nanos };
    }
  }
  throw invalidValue('duration', value);
}
