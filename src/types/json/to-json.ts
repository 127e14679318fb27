/**
 * toJsonText: the JSON Cassandra writes for a value (AbstractType.toJSONString), which SELECT JSON and
 * toJson() put out. Collections, tuples and UDTs are written with ", " and ": " separators; map keys
 * whose JSON is not a string are quoted into one, since JSON keys must be strings. NaN and infinities,
 * which JSON cannot hold, come out as null. Since native protocol v3 every collection length is an int, so
 * nothing here depends on the protocol version.
 */
import { ServerError } from '../../errors/index.js';
import type { CqlType, CustomType, NativeTypeName } from '../cql-type.js';
import { decimalFromBytes } from '../big-number.js';
import { integerText } from '../integer-text.js';
import { splitCollection, splitFields, splitVector } from '../codecs/value-layout.js';
import { decodeDuration, formatDuration } from '../duration.js';
import { formatInet } from '../inet.js';
import { formatJavaDouble, formatJavaFloat } from '../java-number-format.js';
import { formatDate, formatTime } from '../temporal.js';
import { uuidToString } from '../uuid.js';
import { formatJavaBigDecimal, formatJsonTimestamp, quoteJsonString } from './java-text.js';

/**
 * Composites have no JSON form in Cassandra 4.1 (AbstractCompositeType.toJSONString throws
 * UnsupportedOperationException, which clients get as a server error); other custom types are bytes, "0x…".
 */
function customToJson(t: CustomType, value: Buffer): string {
  if (t.layout.kind === 'reversed') return toJsonText(t.layout.base, value);
  if (t.layout.kind !== 'opaque') throw new ServerError('java.lang.UnsupportedOperationException');
  return `"0x${value.toString('hex')}"`;
}

/**
 * The JSON text of a non-null serialized value. An empty value of a type where emptiness is no value
 * writes as "" (as Cassandra's numeric types do); an empty blob as "0x".
 */
export function toJsonText(t: CqlType, value: Buffer): string {
  switch (t.kind) {
    case 'native': return nativeToJson(t.name, value);
    case 'custom': return customToJson(t, value);
    default: if (value.length === 0) return '""';
  }
  switch (t.kind) {
    case 'list': case 'set':
      return `[${splitCollection(value, t.kind).map((e) => nullableToJson(t.element, e)).join(', ')}]`;
    case 'map': return mapToJson(t.key, t.value, splitCollection(value, 'map'));
    case 'vector': return `[${splitVector(t, value).map((e) => toJsonText(t.element, e)).join(', ')}]`;
    case 'tuple': {
      const fields = splitFields(value, t.elements.length);
      return `[${t.elements.map((et, i) => nullableToJson(et, fields[i] ?? null)).join(', ')}]`;
    }
    case 'udt': {
      const fields = splitFields(value, t.fields.length, t.fields.map((f) => f.name));
      const members = t.fields.map((f, i) => `"${quoteJsonString(udtFieldKey(f.name))}": ${nullableToJson(f.type, fields[i] ?? null)}`);
      return `{${members.join(', ')}}`;
    }
  }
}

/** UserType.toJSONString quotes a field name only when it is not all lower case (not ColumnIdentifier.maybeQuote). */
function udtFieldKey(name: string): string {
  return name === name.toLowerCase() ? name : `"${name}"`;
}

function mapToJson(keyType: CqlType, valueType: CqlType, parts: readonly (Buffer | null)[]): string {
  const entries: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const key = nullableToJson(keyType, parts[i] ?? null);
    const quotedKey = key.startsWith('"') ? key : `"${quoteJsonString(key)}"`;
    entries.push(`${quotedKey}: ${nullableToJson(valueType, parts[i + 1] ?? null)}`);
  }
  return `{${entries.join(', ')}}`;
}

function nullableToJson(t: CqlType, value: Buffer | null): string {
  return value === null ? 'null' : toJsonText(t, value);
}

function nativeToJson(name: NativeTypeName, buf: Buffer): string {
  switch (name) {
    case 'ascii': case 'text': return `"${quoteJsonString(buf.toString('utf8'))}"`;
    case 'blob': return `"0x${buf.toString('hex')}"`;
    default: if (buf.length === 0) return '""';
  }
  switch (name) {
    case 'tinyint': case 'smallint': case 'int': case 'bigint': case 'counter': case 'varint': return integerText(name, buf)!;
    case 'boolean': return buf[0] === 0 ? 'false' : 'true';
    case 'decimal': return formatJavaBigDecimal(decimalFromBytes(buf));
    case 'float': return finiteOrNull(buf.readFloatBE(0), formatJavaFloat);
    case 'double': return finiteOrNull(buf.readDoubleBE(0), formatJavaDouble);
    case 'uuid': case 'timeuuid': return `"${uuidToString(buf)}"`;
    case 'inet': return `"${formatInet(buf)}"`;
    case 'timestamp': return `"${formatJsonTimestamp(buf.readBigInt64BE(0))}"`;
    case 'date': return `"${formatDate(buf.readUInt32BE(0))}"`;
    case 'time': return `"${formatTime(buf.readBigInt64BE(0))}"`;
    case 'duration': return `"${formatDuration(decodeDuration(buf))}"`;
  }
}

function finiteOrNull(value: number, format: (v: number) => string): string {
  return Number.isFinite(value) ? format(value) : 'null';
}
