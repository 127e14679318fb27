/**
 * CAST(x AS type) (CastFcts): one `castAs<Type>` function per input and output type, converting numbers
 * as Java's Number.xxxValue() does, delegating temporal conversions to toDate/toTimestamp, and writing
 * anything else as its CQL literal text.
 */
import { InvalidRequestError } from '../../errors/index.js';
import {
  deserialize, formatJavaDouble, formatValue, native, parseDecimal, serialize,
  type DecimalValue, type NativeTypeName,
} from '../../types/index.js';
import type { ScalarFunction } from './native-function.js';
import { toDateOfTimestamp, toDateOfTimeuuid, toTimestampOfDate, toTimestampOfTimeuuid } from './time-functions.js';

/** A number read from its bytes: exact integers, binary floating point, or a decimal. */
export type JavaNumber =
  | { readonly kind: 'integer'; readonly value: bigint }
  | { readonly kind: 'floating'; readonly value: number }
  | { readonly kind: 'decimal'; readonly value: DecimalValue };

const NUMERIC: readonly NativeTypeName[] = ['tinyint', 'smallint', 'int', 'bigint', 'float', 'double', 'decimal', 'counter', 'varint'];
const NUMERIC_OUTPUTS: readonly NativeTypeName[] = ['tinyint', 'smallint', 'int', 'bigint', 'float', 'double', 'decimal', 'varint'];
const BITS: Partial<Record<NativeTypeName, number>> = { tinyint: 8, smallint: 16, int: 32, bigint: 64 };

export function readNumber(type: NativeTypeName, buf: Buffer): JavaNumber {
  const value = deserialize(native(type), buf);
  if (type === 'float' || type === 'double') return { kind: 'floating', value: value as number };
  if (type === 'decimal') return { kind: 'decimal', value: value as DecimalValue };
  return { kind: 'integer', value: BigInt(value as number | bigint) };
}

/** Java's narrowing to a `bits`-wide integer: floating point saturates (to int first below 64 bits), integers wrap. */
function toInteger(n: JavaNumber, bits: number): bigint {
  switch (n.kind) {
    case 'integer': return BigInt.asIntN(bits, n.value);
    case 'decimal': {
      const { unscaled, scale } = n.value;
      const whole = scale >= 0 ? unscaled / 10n ** BigInt(scale) : unscaled * 10n ** BigInt(-scale);
      return BigInt.asIntN(bits, whole);
    }
    case 'floating': {
      const width = bits === 64 ? 64 : 32;
      if (Number.isNaN(n.value)) return 0n;
      const max = 2n ** BigInt(width - 1) - 1n;
      const min = -(2n ** BigInt(width - 1));
      const truncated = Number.isFinite(n.value) ? BigInt(Math.trunc(n.value)) : n.value > 0 ? max : min;
      return BigInt.asIntN(bits, truncated > max ? max : truncated < min ? min : truncated);
    }
  }
}

/** Java's Number.doubleValue(). */
export function toDouble(n: JavaNumber): number {
  switch (n.kind) {
    case 'integer': return Number(n.value);
    case 'floating': return n.value;
    case 'decimal': return Number(`${n.value.unscaled}e${-n.value.scale}`);
  }
}

/**
 * getDecimalConversionFunction in 4.1: float and double through BigDecimal.valueOf(doubleValue()), so a
 * float shows the digits of its double widening (5.2f → 5.199999809265137; 5.0 changed this), integers exactly.
 */
function toDecimal(n: JavaNumber, from: NativeTypeName): DecimalValue {
  if (n.kind === 'decimal') return n.value;
  if (n.kind === 'integer') return { unscaled: from === 'varint' ? n.value : BigInt.asIntN(64, n.value), scale: 0 };
  const decimal = parseDecimal(formatJavaDouble(n.value));
  if (decimal === undefined) throw new InvalidRequestError(`Cannot convert ${formatJavaDouble(n.value)} to a decimal`);
  return decimal;
}

/** An empty value of a numeric type is no number: it converts to null. */
function convertNumber(from: NativeTypeName, to: NativeTypeName, buf: Buffer): Buffer | null {
  if (buf.length === 0) return null;
  const n = readNumber(from, buf);
  const bits = BITS[to];
  if (bits !== undefined) return serialize(native(to), bits === 64 ? toInteger(n, 64) : Number(toInteger(n, bits)));
  switch (to) {
    case 'float': return serialize(native(to), Math.fround(toDouble(n)));
    case 'double': return serialize(native(to), toDouble(n));
    case 'decimal': return serialize(native(to), toDecimal(n, from));
    default: return serialize(native(to), toInteger(n, 64)); // varint: BigInteger.valueOf(longValue())
  }
}

/** CastFcts.getFunctionName: the cast to a type, as written in CAST(x AS type) (`castAsInt`, `castAsVarchar`). */
export function castFunctionName(typeName: string): string {
  return `castAs${typeName.charAt(0).toUpperCase()}${typeName.slice(1)}`;
}

function cast(from: NativeTypeName, to: NativeTypeName, convert: (b: Buffer) => Buffer | null): ScalarFunction {
  return {
    kind: 'scalar', name: castFunctionName(to), argTypes: [native(from)], returnType: native(to),
    execute: ([a]) => (a == null ? null : convert(a)),
    columnName: ([arg]) => `cast(${arg} as ${to})`,
  };
}

/** CastAsTextFunction: the value's CQL literal, without the quotes Cassandra 4.1 does not add there. */
function castAsText(from: NativeTypeName, to: 'ascii' | 'text'): ScalarFunction {
  return cast(from, to, (b) => Buffer.from(formatValue(native(from), b).replace(/^'|'$/g, ''), 'utf8'));
}

/** CassandraFunctionWrapper: a conversion function under its cast name. */
function delegate(fn: ScalarFunction, to: NativeTypeName): ScalarFunction {
  return { ...fn, name: castFunctionName(to), columnName: ([arg]) => `cast(${arg} as ${to})` };
}

/** CastFcts.all(), in its order. */
export function castFunctions(): ScalarFunction[] {
  const numeric = NUMERIC.flatMap((from) => [
    ...NUMERIC_OUTPUTS.filter((to) => to !== from).map((to) => cast(from, to, (b) => convertNumber(from, to, b))),
    castAsText(from, 'ascii'),
    castAsText(from, 'text'),
  ]);
  const texts = (from: NativeTypeName) => [castAsText(from, 'ascii'), castAsText(from, 'text')];
  return [
    ...numeric,
    cast('ascii', 'text', (b) => b),
    ...texts('inet'),
    ...texts('boolean'),
    delegate(toDateOfTimeuuid, 'date'), delegate(toTimestampOfTimeuuid, 'timestamp'), ...texts('timeuuid'),
    delegate(toDateOfTimestamp, 'date'), ...texts('timestamp'),
    delegate(toTimestampOfDate, 'timestamp'), ...texts('date'),
    ...texts('time'),
    ...texts('uuid'),
  ];
}
