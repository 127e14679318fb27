/**
 * The arithmetic of Cassandra's NumberTypes (add, substract, multiply, divide, mod, negate): operands are
 * read from their own types and computed in the result type, as Java computes it (fixed-size integers
 * wrap and divide by truncation, float and double follow IEEE 754, varint is exact, decimal rounds to
 * 34 digits). Failures carry Java's messages.
 */
import {
  decimalFromBytes, decimalToBytes, formatJavaDouble, parseDecimal, varintToBytes, type DecimalValue, type NativeTypeName,
} from '../../types/index.js';
import { readNumber, toDouble, type JavaNumber } from './cast-functions.js';
import {
  ArithmeticFailure, decimalAdd, decimalDivide, decimalMultiply, decimalNegate, decimalRemainder, decimalSubtract,
} from './decimal-arithmetic.js';

export type NumericTypeName = 'tinyint' | 'smallint' | 'int' | 'bigint' | 'float' | 'double' | 'decimal' | 'varint' | 'counter';
export type ArithmeticSymbol = '+' | '-' | '*' | '/' | '%';

/** OperationFcts.all()'s order of numeric types. */
export const NUMERIC_TYPES: readonly NumericTypeName[] = ['tinyint', 'smallint', 'int', 'bigint', 'float', 'double', 'decimal', 'varint', 'counter'];

/** Bytes of a value of the type; counters count as bigints, varint and decimal have no bound. */
const SIZE: Readonly<Record<NumericTypeName, number>> = {
  tinyint: 1, smallint: 2, int: 4, bigint: 8, float: 4, double: 8, decimal: Infinity, varint: Infinity, counter: 8,
};

const INTEGER_BY_SIZE: Readonly<Record<number, NumericTypeName>> = { 1: 'tinyint', 2: 'smallint', 4: 'int', 8: 'bigint' };
const FLOATING_BY_SIZE: Readonly<Record<number, NumericTypeName>> = { 4: 'float', 8: 'double' };

function isFloatingPoint(t: NumericTypeName): boolean {
  return t === 'float' || t === 'double' || t === 'decimal';
}

/** OperationFcts.returnType: floating point if either is, and as wide as the wider operand. */
export function operationReturnType(left: NumericTypeName, right: NumericTypeName): NumericTypeName {
  const size = Math.max(SIZE[left], SIZE[right]);
  return isFloatingPoint(left) || isFloatingPoint(right) ? FLOATING_BY_SIZE[size] ?? 'decimal' : INTEGER_BY_SIZE[size] ?? 'varint';
}

const BITS: Partial<Record<NumericTypeName, number>> = { tinyint: 8, smallint: 16, int: 32, bigint: 64, counter: 64 };

function integerOperation(symbol: ArithmeticSymbol, a: bigint, b: bigint, bits: number | undefined): bigint {
  if ((symbol === '/' || symbol === '%') && b === 0n) {
    throw new ArithmeticFailure(bits === undefined ? 'BigInteger divide by zero' : '/ by zero');
  }
  const exact = symbol === '+' ? a + b : symbol === '-' ? a - b : symbol === '*' ? a * b : symbol === '/' ? a / b : a % b;
  return bits === undefined ? exact : BigInt.asIntN(bits, exact);
}

function floatingOperation(symbol: ArithmeticSymbol, a: number, b: number): number {
  switch (symbol) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '%': return a % b;
  }
}

const DECIMAL_OPERATIONS: Readonly<Record<ArithmeticSymbol, (a: DecimalValue, b: DecimalValue) => DecimalValue>> = {
  '+': decimalAdd, '-': decimalSubtract, '*': decimalMultiply, '/': decimalDivide, '%': decimalRemainder,
};

/** NumberType.toBigDecimal: exact for decimal and varint, through Double.toString for the others. */
function toDecimal(type: NumericTypeName, n: JavaNumber): DecimalValue {
  if (n.kind === 'decimal') return n.value;
  if (type === 'varint') return { unscaled: integerOf(n), scale: 0 };
  const d = toDouble(n);
  if (Number.isNaN(d)) throw new ArithmeticFailure('A NaN cannot be converted into a decimal');
  if (!Number.isFinite(d)) throw new ArithmeticFailure('An infinite number cannot be converted into a decimal');
  return parseDecimal(formatJavaDouble(d))!;
}

function integerOf(n: JavaNumber): bigint {
  return n.kind === 'integer' ? n.value : 0n;
}

/** Writes a value of a fixed-size integer type. */
function integerBytes(type: NumericTypeName, value: bigint): Buffer {
  switch (type) {
    case 'tinyint': { const b = Buffer.allocUnsafe(1); b.writeInt8(Number(value)); return b; }
    case 'smallint': { const b = Buffer.allocUnsafe(2); b.writeInt16BE(Number(value)); return b; }
    case 'int': { const b = Buffer.allocUnsafe(4); b.writeInt32BE(Number(value)); return b; }
    case 'varint': return varintToBytes(value);
    default: { const b = Buffer.allocUnsafe(8); b.writeBigInt64BE(value); return b; }
  }
}

function floatingBytes(type: NumericTypeName, value: number): Buffer {
  const b = Buffer.allocUnsafe(type === 'float' ? 4 : 8);
  if (type === 'float') b.writeFloatBE(value); else b.writeDoubleBE(value);
  return b;
}

/** A binary operation computed in `result`, the operands read from their own types. */
export function numericOperation(
  symbol: ArithmeticSymbol, result: NumericTypeName, left: NumericTypeName, right: NumericTypeName,
): (a: Buffer, b: Buffer) => Buffer {
  if (result === 'decimal') {
    const op = DECIMAL_OPERATIONS[symbol];
    return (a, b) => decimalToBytes(op(toDecimal(left, readNumber(left, a)), toDecimal(right, readNumber(right, b))));
  }
  if (result === 'float') {
    // Java's float arithmetic: each operand as a float, the exact result rounded once to a float.
    const asFloat = (type: NumericTypeName, buf: Buffer): number => Math.fround(toDouble(readNumber(type, buf)));
    return (a, b) => floatingBytes(result, Math.fround(floatingOperation(symbol, asFloat(left, a), asFloat(right, b))));
  }
  if (result === 'double') {
    return (a, b) => floatingBytes(result, floatingOperation(symbol, toDouble(readNumber(left, a)), toDouble(readNumber(right, b))));
  }
  const bits = BITS[result];
  return (a, b) => integerBytes(result, integerOperation(symbol, integerOf(readNumber(left, a)), integerOf(readNumber(right, b)), bits));
}

/** NumberType.negate, in the operand's own type. */
export function numericNegation(type: NumericTypeName): (a: Buffer) => Buffer {
  switch (type) {
    case 'decimal': return (a) => decimalToBytes(decimalNegate(decimalFromBytes(a)));
    case 'float': case 'double': return (a) => floatingBytes(type, -toDouble(readNumber(type, a)));
    default: {
      const bits = BITS[type];
      return (a) => {
        const v = -integerOf(readNumber(type, a));
        return integerBytes(type, bits === undefined ? v : BigInt.asIntN(bits, v));
      };
    }
  }
}
