/**
 * constantToBytes: reads a CQL constant for a receiver of a given type, as Cassandra's
 * Constants.Literal does: first whether the kind of constant may be assigned to the type at all (else
 * `Invalid INTEGER constant (1.5) for "k" of type int`), then the type's own parsing (fromString) with
 * its messages.
 */
import { InvalidRequestError } from '../errors/index.js';
import type { AssignmentResult } from './assignment.js';
import type { Constant } from './constant.js';
import type { CqlType, NativeTypeName } from './cql-type.js';
import { decimalToBytes, parseDecimal, varintToBytes } from './big-number.js';
import { int64Bytes, signedBytes, uint32Bytes } from './fixed-bytes.js';
import { formatJavaDouble } from './java-number-format.js';
import { encodeDuration, parseDuration } from './duration.js';
import { parseInet } from './inet.js';
import { parseDate, parseTime, parseTimestamp } from './temporal.js';
import { formatCqlType } from './type-format.js';
import { validateValue } from './codecs/validation.js';
import { compositeLayoutOf } from './composite/composite-layout.js';
import { compositeFromString } from './composite/composite-string.js';
import { tupleFromString } from './composite/tuple-string.js';
import { isUuidString, uuidFromString, uuidVersion } from './uuid.js';

type ConstantKind = Constant['kind'];

/** Which native types each kind of constant may be assigned to (Literal.testAssignment). */
const ASSIGNABLE: Readonly<Record<ConstantKind, ReadonlySet<NativeTypeName>>> = {
  string: new Set(['ascii', 'text', 'inet', 'date', 'time', 'timestamp']),
  integer: new Set(['bigint', 'counter', 'date', 'decimal', 'double', 'duration', 'float', 'int', 'smallint',
    'time', 'timestamp', 'tinyint', 'varint']),
  float: new Set(['decimal', 'double', 'float']),
  uuid: new Set(['uuid', 'timeuuid']),
  boolean: new Set(['boolean']),
  // A hex constant's preferred type is tinyint (Constants.Type.HEX), which makes it an exact match there.
  hex: new Set(['blob', 'tinyint']),
  duration: new Set(['duration']),
};

/**
 * The one type a constant is an exact match for (Constants.Type.getPreferedTypeFor): the smallest integer
 * type that holds an integer, double for a float that a double renders the same, ascii for ASCII text.
 * A uuid constant has none: it is equally a uuid and a timeuuid.
 */
function preferredType(c: Constant): NativeTypeName | null {
  switch (c.kind) {
    case 'string': return /^[\x00-\x7f]*$/.test(c.value) ? 'ascii' : 'text';
    case 'integer': {
      const value = BigInt(c.text);
      if (BigInt.asIntN(32, value) === value) return 'int';
      return BigInt.asIntN(64, value) === value ? 'bigint' : 'varint';
    }
    case 'float': return isExactDouble(c.text) ? 'double' : 'decimal';
    case 'boolean': return 'boolean';
    case 'hex': return 'tinyint';
    case 'duration': return 'duration';
    case 'uuid': return null;
  }
}

/** Java's `new BigDecimal(text).equals(BigDecimal.valueOf(Double.parseDouble(text)))`: digits and scale. */
function isExactDouble(text: string): boolean {
  if (/^-?(NaN|Infinity)$/.test(text)) return true;
  const written = parseDecimal(text);
  const asDouble = parseDecimal(formatJavaDouble(Number(text)));
  return written !== undefined && asDouble !== undefined
    && written.unscaled === asDouble.unscaled && written.scale === asDouble.scale;
}

/**
 * Constants.Literal.testAssignment: a constant is never a collection, user type or vector; any constant
 * may try a custom type or a tuple (read by the type's fromString); otherwise it is an exact match for its preferred type and weakly assignable to
 * the types its kind may be read as.
 */
export function constantAssignment(c: Constant, t: CqlType): AssignmentResult {
  if (t.kind === 'custom' || t.kind === 'tuple') return 'weak';
  if (t.kind !== 'native') return 'none';
  if (preferredType(c) === t.name) return 'exact';
  return ASSIGNABLE[c.kind].has(t.name) ? 'weak' : 'none';
}

/** `nowMs` answers the 'now' timestamp literal. */
export function constantToBytes(t: CqlType, c: Constant, receiver: string, nowMs?: () => number): Buffer {
  if (t.kind === 'custom' && c.kind === 'hex') return hexBytes(c.text);
  const composite = compositeLayoutOf(t);
  // Any constant may stand for a composite (Literal.testAssignment lets custom types take them all): its
  // text is read by the type's fromString.
  if (composite !== undefined) return compositeFromString(composite, constantText(c), validateValue);
  if (t.kind === 'tuple') return c.kind === 'hex' ? validTuple(t, hexBytes(c.text)) : tupleFromString(t, constantText(c), validateValue);
  if (t.kind !== 'native' || !ASSIGNABLE[c.kind].has(t.name)) {
    throw new InvalidRequestError(
      `Invalid ${c.kind.toUpperCase()} constant (${constantText(c)}) for "${receiver}" of type ${formatCqlType(t)}`);
  }
  switch (c.kind) {
    case 'string': return fromString(t.name, c.value, nowMs);
    case 'integer': return fromInteger(t.name, c.text);
    case 'float': return fromFloat(t.name, c.text);
    case 'uuid': return fromUuid(t.name, c.text);
    case 'boolean': return Buffer.of(c.value ? 1 : 0);
    case 'hex': {
      const bytes = hexBytes(c.text);
      if (t.name === 'tinyint' && bytes.length !== 1) {
        throw new InvalidRequestError(`Expected 1 byte for a tinyint (${bytes.length})`);
      }
      return bytes;
    }
    case 'duration': return encodeDuration(parseDuration(c.text));
  }
}

/** Literal.parsedValue takes a hex constant's bytes as they are; they must still make a tuple here. */
function validTuple(t: CqlType, bytes: Buffer): Buffer {
  validateValue(t, bytes);
  return bytes;
}

/** The constant as Cassandra echoes it in messages: strings unquoted, hex with its 0x. */
function constantText(c: Constant): string {
  switch (c.kind) {
    case 'string': return c.value;
    case 'boolean': return String(c.value);
    case 'hex': return '0x' + c.text;
    default: return c.text;
  }
}

function fromString(name: NativeTypeName, text: string, nowMs?: () => number): Buffer {
  switch (name) {
    case 'ascii': {
      const bad = [...text].find((ch) => ch.codePointAt(0)! > 127);
      if (bad !== undefined) {
        throw new InvalidRequestError('Invalid ASCII character in string literal: '
          + `java.nio.charset.UnmappableCharacterException: Input length = ${bad.length}`);
      }
      return Buffer.from(text, 'latin1');
    }
    case 'inet': {
      if (text === '') return Buffer.alloc(0);
      const address = parseInet(text);
      if (address === undefined) throw new InvalidRequestError(`Unable to make inet address from '${text}'`);
      return address;
    }
    case 'date': return uint32Bytes(parseDate(text));
    case 'time': return int64Bytes(parseTime(text));
    case 'timestamp': return text === '' ? Buffer.alloc(0) : int64Bytes(parseTimestamp(text, nowMs));
    default: return Buffer.from(text, 'utf8');
  }
}

const INTEGER_RANGES: Partial<Record<NativeTypeName, [bits: number, javaName: string]>> = {
  tinyint: [8, 'byte'], smallint: [16, 'short'], int: [32, 'int'], bigint: [64, 'long'], counter: [64, 'long'],
};

function fromInteger(name: NativeTypeName, text: string): Buffer {
  const range = INTEGER_RANGES[name];
  if (range !== undefined) {
    const [bits, javaName] = range;
    const value = BigInt(text);
    if (BigInt.asIntN(bits, value) !== value) throw new InvalidRequestError(`Unable to make ${javaName} from '${text}'`);
    return bits === 64 ? int64Bytes(value) : signedBytes((bits / 8) as 1 | 2 | 4, Number(value));
  }
  switch (name) {
    case 'varint': return varintToBytes(BigInt(text));
    case 'date': return uint32Bytes(parseDate(text));
    case 'time': return int64Bytes(parseTime(text));
    case 'timestamp': return int64Bytes(parseTimestamp(text));
    case 'duration': return encodeDuration(parseDuration(text));
    default: return fromFloat(name, text);
  }
}

function fromFloat(name: NativeTypeName, text: string): Buffer {
  if (name === 'decimal') {
    const value = parseDecimal(text);
    if (value === undefined) throw new InvalidRequestError(`unable to make BigDecimal from '${text}'`);
    return decimalToBytes(value);
  }
  const out = Buffer.allocUnsafe(name === 'float' ? 4 : 8);
  // Java's parseFloat/parseDouble: out-of-range values become infinities, as Number() does.
  if (name === 'float') out.writeFloatBE(Number(text));
  else out.writeDoubleBE(Number(text));
  return out;
}

function fromUuid(name: NativeTypeName, text: string): Buffer {
  if (!isUuidString(text)) throw new InvalidRequestError(`Unable to make UUID from '${text}'`);
  const bytes = uuidFromString(text);
  if (name === 'timeuuid' && uuidVersion(bytes) !== 1) {
    throw new InvalidRequestError('TimeUUID supports only version 1 UUIDs');
  }
  return bytes;
}

function hexBytes(hex: string): Buffer {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new InvalidRequestError(`cannot parse '${hex}' as hex bytes`);
  }
  return Buffer.from(hex, 'hex');
}




