import { InvalidRequestError } from '../../../errors/index.js';
import { comparatorFor, deserialize, formatCqlType, int64Bytes as long, native, serialize, type CqlType } from '../../../types/index.js';

/** One running aggregate (count, min, max, sum, avg) over the rows of a group. */
export interface Aggregate {
  add(value: Buffer | null): void;
  result(): Buffer | null;
}

export interface AggregateFunction {
  readonly name: string;
  readonly returnType: CqlType;
  create(): Aggregate;
}

const NUMERIC = new Set(['tinyint', 'smallint', 'int', 'bigint', 'counter', 'varint', 'float', 'double', 'decimal']);


export function countAggregate(countNulls: boolean): AggregateFunction {
  return {
    name: 'count',
    returnType: native('bigint'),
    create: () => {
      let n = 0n;
      return { add: (v) => { if (countNulls || v !== null) n++; }, result: () => long(n) };
    },
  };
}

function extreme(type: CqlType, name: 'min' | 'max'): AggregateFunction {
  const cmp = comparatorFor(type);
  const better = name === 'min' ? (c: number) => c < 0 : (c: number) => c > 0;
  return {
    name,
    returnType: type,
    create: () => {
      let best: Buffer | null = null;
      return {
        add: (v) => { if (v !== null && v.length > 0 && (best === null || better(cmp(v, best)))) best = v; },
        result: () => best,
      };
    },
  };
}

/** sum and avg keep the argument's type, with integer division for integer types as in Cassandra. */
function arithmetic(type: CqlType, name: 'sum' | 'avg'): AggregateFunction {
  const typeName = type.kind === 'native' ? type.name : '';
  if (!NUMERIC.has(typeName) || typeName === 'decimal') {
    throw new InvalidRequestError(`Invalid call to function ${name}, none of its type signatures match (arguments: ${formatCqlType(type)})`);
  }
  const floating = typeName === 'float' || typeName === 'double';
  return {
    name,
    returnType: type,
    create: () => {
      let sumFloat = 0;
      let sumInt = 0n;
      let count = 0;
      return {
        add: (v) => {
          if (v === null || v.length === 0) return;
          count++;
          const x = deserialize(type, v);
          if (floating) sumFloat += x as number;
          else sumInt += BigInt(x as number | bigint);
        },
        result: () => {
          const total = floating ? sumFloat : sumInt;
          const value = name === 'sum' || count === 0
            ? total
            : floating ? (total as number) / count : (total as bigint) / BigInt(count);
          if (floating) return serialize(type, value);
          const asInt = value as bigint;
          return serialize(type, typeName === 'bigint' || typeName === 'counter' || typeName === 'varint' ? asInt : Number(BigInt.asIntN(typeName === 'int' ? 32 : typeName === 'smallint' ? 16 : 8, asInt)));
        },
      };
    },
  };
}

export function aggregateFunction(name: string, argType: CqlType): AggregateFunction | null {
  switch (name) {
    case 'count': return countAggregate(false);
    case 'min':
    case 'max': return extreme(argType, name);
    case 'sum':
    case 'avg': return arithmetic(argType, name);
    default: return null;
  }
}
