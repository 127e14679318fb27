/**
 * Native types from parsed JSON, as each of Cassandra's types does it in fromJSONObject: most take a
 * string and read it as CQL text does (fromString); the numeric types also take numbers, each with its
 * own idea of which Java number classes fit. Errors carry Cassandra's MarshalException messages.
 */
import { InvalidRequestError, ServerError } from '../../errors/index.js';
import type { NativeTypeName } from '../cql-type.js';
import { decimalToBytes, parseDecimal, varintToBytes } from '../big-number.js';
import { encodeDuration, parseDuration } from '../duration.js';
import { int64Bytes, signedBytes, uint32Bytes } from '../fixed-bytes.js';
import { parseInet } from '../inet.js';
import { parseDate, parseTime, parseTimestamp } from '../temporal.js';
import { isUuidString, uuidFromString, uuidVersion } from '../uuid.js';
import { castToStringMessage, expectedMessage, javaNumberClass, javaToString, jsonDouble } from './java-view.js';
import { isJsonNumber, type JsonNumber, type JsonValue } from './json-value.js';
import { parseJavaBigInteger, parseJavaDouble, parseJavaInteger } from './java-text.js';

const EMPTY = Buffer.alloc(0);

/** `value` is not JSON null; `nowMs` answers the timestamp string 'now'. */
export function nativeFromJson(name: NativeTypeName, value: JsonValue, nowMs?: () => number): Buffer {
  switch (name) {
    case 'ascii': return asciiBytes(stringOrFail(value, 'an ascii string'));
    case 'text': return Buffer.from(javaUtf8Safe(stringOrFail(value, 'a UTF-8 string')), 'utf8');
    case 'blob': return blobBytes(value);
    case 'boolean': return booleanBytes(value);
    case 'tinyint': return smallIntegerBytes(value, 8, 'byte');
    case 'smallint': return smallIntegerBytes(value, 16, 'short');
    case 'int': return intBytes(value);
    case 'bigint': return bigintBytes(value);
    // CounterColumnType.fromJSONObject throws UnsupportedOperationException, which reaches clients as a server error.
    case 'counter': throw new ServerError('java.lang.UnsupportedOperationException');
    case 'varint': return varintBytes(value);
    case 'decimal': return decimalBytes(value);
    case 'float': return floatingBytes(value, 4);
    case 'double': return floatingBytes(value, 8);
    case 'uuid': return uuidBytes(stringOrFail(value, 'a string representation of a uuid'));
    case 'timeuuid': return timeUuidBytes(stringOrFail(value, 'a string representation of a timeuuid'));
    case 'timestamp': return timestampBytes(value, nowMs);
    case 'date': return uint32Bytes(parseDate(stringOrFail(value, 'a string representation of a date value')));
    case 'time': return int64Bytes(parseTime(stringOrFail(value, 'a string representation of a time value')));
    case 'inet': return inetBytes(stringOrFail(value, 'a string representation of an inet value'));
    case 'duration': return durationBytes(stringOrFail(value, 'a string representation of a duration'));
  }
}

function fail(message: string): InvalidRequestError {
  return new InvalidRequestError(message);
}

/** The `(String) parsed` cast most types start with, failing with their `Expected …` message. */
function stringOrFail(value: JsonValue, what: string): string {
  if (typeof value !== 'string') throw fail(expectedMessage(what, value));
  return value;
}

/** AsciiType.fromString's CharsetEncoder: a lone surrogate is malformed, any other non-ASCII unmappable. */
function asciiBytes(text: string): Buffer {
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code <= 0x7f) continue;
    const problem = code >= 0xd800 && code <= 0xdfff ? 'MalformedInputException' : 'UnmappableCharacterException';
    throw fail(`Invalid ASCII character in string literal: java.nio.charset.${problem}: Input length = ${ch.length}`);
  }
  return Buffer.from(text, 'latin1');
}

/** Java's UTF-8 encoder writes '?' for a lone surrogate, which a JSON \u escape can produce. */
function javaUtf8Safe(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '?');
}

function blobBytes(value: JsonValue): Buffer {
  const notBlob = (why: string): InvalidRequestError =>
    fail(`Value '${javaToString(value)}' is not a valid blob representation: ${why}`);
  if (typeof value !== 'string') throw notBlob(castToStringMessage(value));
  if (!value.startsWith('0x')) throw notBlob(`String representation of blob is missing 0x prefix: ${value}`);
  const hex = value.slice(2);
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw notBlob(`cannot parse '${hex}' as hex bytes`);
  return Buffer.from(hex, 'hex');
}

function booleanBytes(value: JsonValue): Buffer {
  if (typeof value === 'boolean') return Buffer.of(value ? 1 : 0);
  if (typeof value !== 'string') throw fail(expectedMessage('a boolean value', value));
  // BooleanType.fromString reads the empty string as false.
  if (value === '' || value.toLowerCase() === 'false') return Buffer.of(0);
  if (value.toLowerCase() === 'true') return Buffer.of(1);
  throw fail(`Unable to make boolean from '${value}'`);
}

/** ShortType and ByteType read any string or number through String.valueOf, so 1.0 is refused as text. */
function smallIntegerBytes(value: JsonValue, bits: 8 | 16, javaName: string): Buffer {
  if (typeof value !== 'string' && !isJsonNumber(value)) throw fail(expectedMessage(`a ${javaName} value`, value));
  const text = javaToString(value);
  if (text === '') return EMPTY;
  const parsed = parseJavaInteger(text, bits);
  if (parsed === undefined) throw fail(`Unable to make ${javaName} from '${text}'`);
  return signedBytes((bits / 8) as 1 | 2 | 4, Number(parsed));
}

function intBytes(value: JsonValue): Buffer {
  if (typeof value === 'string') return fromIntegerString(value, 32, 'int');
  if (!isJsonNumber(value) || javaNumberClass(value) !== 'Integer') throw fail(expectedMessage('an int value', value));
  return signedBytes(4, Number(value.text));
}

function bigintBytes(value: JsonValue): Buffer {
  if (typeof value === 'string') return fromIntegerString(value, 64, 'long');
  if (!isLongNumber(value)) throw fail(expectedMessage('a bigint value', value));
  return int64Bytes(BigInt(value.text));
}

function isLongNumber(value: JsonValue): value is JsonNumber {
  if (!isJsonNumber(value)) return false;
  const numberClass = javaNumberClass(value);
  return numberClass === 'Integer' || numberClass === 'Long';
}

function fromIntegerString(text: string, bits: 32 | 64, javaName: string): Buffer {
  if (text === '') return EMPTY;
  const parsed = parseJavaInteger(text, bits);
  if (parsed === undefined) throw fail(`Unable to make ${javaName} from '${text}'`);
  return bits === 64 ? int64Bytes(parsed) : signedBytes(4, Number(parsed));
}

/** IntegerType: new BigInteger(parsed.toString()), whatever the JSON was. */
function varintBytes(value: JsonValue): Buffer {
  const text = javaToString(value);
  const parsed = parseJavaBigInteger(text);
  if (parsed === undefined) throw fail(`Value '${text}' is not a valid representation of a varint value`);
  return varintToBytes(parsed);
}

/** DecimalType: new BigDecimal(parsed.toString()); a JSON fraction has been through a Double first. */
function decimalBytes(value: JsonValue): Buffer {
  const text = javaToString(value);
  const parsed = parseDecimal(text);
  if (parsed === undefined) throw fail(`Value '${text}' is not a valid representation of a decimal value`);
  return decimalToBytes(parsed);
}

function floatingBytes(value: JsonValue, size: 4 | 8): Buffer {
  const javaName = size === 4 ? 'float' : 'double';
  let number: number;
  if (typeof value === 'string') {
    if (value === '') return EMPTY;
    const parsed = parseJavaDouble(value);
    if (parsed === undefined) throw fail(`Unable to make ${javaName} from '${value}'`);
    number = parsed;
  } else if (isJsonNumber(value)) {
    number = jsonDouble(value);
  } else {
    throw fail(expectedMessage(`a ${javaName} value`, value));
  }
  const out = Buffer.allocUnsafe(size);
  if (size === 4) out.writeFloatBE(number);
  else out.writeDoubleBE(number);
  return out;
}

function uuidBytes(text: string): Buffer {
  if (text === '') return EMPTY;
  return uuidFromString(text);
}

function timeUuidBytes(text: string): Buffer {
  if (text === '') return EMPTY;
  if (!isUuidString(text)) throw fail(`Unknown timeuuid representation: ${text}`);
  const bytes = uuidFromString(text);
  if (uuidVersion(bytes) !== 1) throw fail('TimeUUID supports only version 1 UUIDs');
  return bytes;
}

/** TimestampType takes a Long as milliseconds but not an Integer: small numbers must be written as strings. */
function timestampBytes(value: JsonValue, nowMs?: () => number): Buffer {
  if (isJsonNumber(value) && javaNumberClass(value) === 'Long') return int64Bytes(BigInt(value.text));
  if (typeof value !== 'string') {
    throw fail(expectedMessage('a long or a datestring representation of a timestamp value', value));
  }
  return value === '' ? EMPTY : int64Bytes(parseTimestamp(value, nowMs));
}

function inetBytes(text: string): Buffer {
  if (text === '') return EMPTY;
  const address = parseInet(text);
  if (address === undefined) throw fail(`Unable to make inet address from '${text}'`);
  return address;
}

function durationBytes(text: string): Buffer {
  return text === '' ? EMPTY : encodeDuration(parseDuration(text));
}


