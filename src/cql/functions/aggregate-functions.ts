import {
  comparatorFor, decimalFromBytes, decimalToBytes, deserialize, int64Bytes as long, native, serialize,
  type DecimalValue, type NativeTypeName,
} from '../../types/index.js';
import type { Aggregate, AggregateFunction } from './native-function.js';

const bigint = native('bigint');

/** count(*) and count(1) (AggregateFcts.countRowsFunction): every row, named `count` in the result. */
export const countRows: AggregateFunction = {
  kind: 'aggregate', name: 'countRows', argTypes: [], returnType: bigint,
  create: () => counter(true),
  columnName: () => 'count',
};

function counter(countNulls: boolean): Aggregate {
  let n = 0n;
  return { add: (v) => { if (countNulls || v !== null) n++; }, result: () => long(n) };
}

function count(type: NativeTypeName): AggregateFunction {
  return { kind: 'aggregate', name: 'count', argTypes: [native(type)], returnType: bigint, create: () => counter(false) };
}

function extreme(type: NativeTypeName, name: 'min' | 'max'): AggregateFunction {
  const t = native(type);
  const cmp = comparatorFor(t);
  const better = name === 'min' ? (c: number) => c < 0 : (c: number) => c > 0;
  return {
    kind: 'aggregate', name, argTypes: [t], returnType: t,
    create: () => {
      let best: Buffer | null = null;
      return {
        add: (v) => { if (v !== null && v.length > 0 && (best === null || better(cmp(v, best)))) best = v; },
        result: () => best,
      };
    },
  };
}

const INTEGER_BITS: Partial<Record<NativeTypeName, number>> = { tinyint: 8, smallint: 16, int: 32, bigint: 64, counter: 64 };

/**
 * sum and avg keep the argument's type: fixed-width integers wrap as Java's do, avg divides integers
 * with truncation, decimals average as AggregateFcts does (a running mean rounded half-even).
 */
function arithmetic(type: NativeTypeName, name: 'sum' | 'avg'): AggregateFunction {
  const t = native(type);
  return { kind: 'aggregate', name, argTypes: [t], returnType: t, create: () => (type === 'decimal' ? decimalAggregate(name) : numberAggregate(type, name)) };
}

function numberAggregate(type: NativeTypeName, name: 'sum' | 'avg'): Aggregate {
  const t = native(type);
  const floating = type === 'float' || type === 'double';
  let sumFloat = 0;
  let sumInt = 0n;
  let n = 0;
  return {
    add: (v) => {
      if (v === null || v.length === 0) return;
      n++;
      const x = deserialize(t, v);
      if (floating) sumFloat += x as number;
      else sumInt += BigInt(x as number | bigint);
    },
    result: () => {
      if (floating) return serialize(t, name === 'sum' || n === 0 ? sumFloat : sumFloat / n);
      const total = name === 'sum' || n === 0 ? sumInt : sumInt / BigInt(n);
      const bits = INTEGER_BITS[type];
      if (bits === undefined) return serialize(t, total);
      const wrapped = BigInt.asIntN(bits, total);
      return serialize(t, bits === 64 ? wrapped : Number(wrapped));
    },
  };
}

function decimalAggregate(name: 'sum' | 'avg'): Aggregate {
  let acc: DecimalValue = { unscaled: 0n, scale: 0 };
  let n = 0n;
  return {
    add: (v) => {
      if (v === null || v.length === 0) return;
      n++;
      const x = decimalFromBytes(v);
      // avg = avg + (x - avg) / n, the division kept at the scale of (x - avg).
      acc = name === 'sum' ? addDecimals(acc, x) : addDecimals(acc, divideHalfEven(addDecimals(x, negate(acc)), n));
    },
    result: () => decimalToBytes(acc),
  };
}

function negate(d: DecimalValue): DecimalValue {
  return { unscaled: -d.unscaled, scale: d.scale };
}

/** BigDecimal.add: exact, at the larger of the two scales. */
function addDecimals(a: DecimalValue, b: DecimalValue): DecimalValue {
  const scale = Math.max(a.scale, b.scale);
  const align = (d: DecimalValue) => d.unscaled * 10n ** BigInt(scale - d.scale);
  return { unscaled: align(a) + align(b), scale };
}

/** BigDecimal.divide(divisor, HALF_EVEN) by a positive integer: the dividend's scale, ties to even. */
function divideHalfEven(d: DecimalValue, divisor: bigint): DecimalValue {
  const quotient = d.unscaled / divisor;
  const twiceRest = 2n * (d.unscaled % divisor < 0n ? -(d.unscaled % divisor) : d.unscaled % divisor);
  const away = twiceRest > divisor || (twiceRest === divisor && quotient % 2n !== 0n);
  return { unscaled: away ? quotient + (d.unscaled < 0n ? -1n : 1n) : quotient, scale: d.scale };
}

const SUMMABLE: readonly NativeTypeName[] = ['tinyint', 'smallint', 'int', 'bigint', 'float', 'double', 'decimal', 'varint', 'counter'];

/** CQL3Type.Native in its order, text standing for varchar too. */
const NATIVE_TYPES: readonly NativeTypeName[] = [
  'ascii', 'bigint', 'blob', 'boolean', 'counter', 'date', 'decimal', 'double', 'duration', 'float', 'inet', 'int',
  'smallint', 'text', 'time', 'timestamp', 'timeuuid', 'tinyint', 'uuid', 'varint',
];

/** AggregateFcts.all() without countRows, in its order: sums, averages, then count, max and min per type. */
export function aggregateFunctions(): AggregateFunction[] {
  return [
    ...SUMMABLE.map((t) => arithmetic(t, 'sum')),
    ...SUMMABLE.map((t) => arithmetic(t, 'avg')),
    ...NATIVE_TYPES.flatMap((t) => [count(t), extreme(t, 'max'), extreme(t, 'min')]),
  ];
}
