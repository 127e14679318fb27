import { describe, expect, it } from 'vitest';
import {
  constantToBytes, deserialize, formatCqlType, formatDecimalPlain, native, serialize, type DecimalValue, type NativeTypeName,
} from '../../types/index.js';
import type { ExecutionContext } from '../statements/query-options.js';
import { castFunctions } from './cast-functions.js';
import { aggregateFunctions } from './aggregate-functions.js';
import type { ScalarFunction } from './native-function.js';

const CASTS = castFunctions();
const NO_CONTEXT = {} as ExecutionContext;

function castOf(from: NativeTypeName, to: NativeTypeName): ScalarFunction {
  const fn = CASTS.find((f) => formatCqlType(f.argTypes[0]!) === from && formatCqlType(f.returnType) === to);
  if (fn === undefined) throw new Error(`no cast from ${from} to ${to}`);
  return fn;
}

/** CAST of a literal (read as its type) to `to`, decoded. */
function cast(from: NativeTypeName, literal: string, to: NativeTypeName): unknown {
  const t = native(from);
  const numeric = ['tinyint', 'smallint', 'int', 'bigint', 'counter', 'varint', 'float', 'double', 'decimal'].includes(from);
  const constant = !numeric ? { kind: 'string', value: literal } as const
    : /^-?\d+$/.test(literal) ? { kind: 'integer', text: literal } as const : { kind: 'float', text: literal } as const;
  const out = castOf(from, to).execute([constantToBytes(t, constant, 'x')], NO_CONTEXT);
  if (out === null) return null;
  const value = deserialize(native(to), out);
  return to === 'decimal' ? formatDecimalPlain(value as DecimalValue) : value;
}

describe('CastFcts', () => {
  it('names casts castAs<Type> and their columns cast(x as type)', () => {
    const fn = castOf('bigint', 'int');
    expect(fn.name).toBe('castAsInt');
    expect(fn.columnName?.(['d'])).toBe('cast(d as int)');
    expect(CASTS.some((f) => f.name === 'castAsInt' && formatCqlType(f.argTypes[0]!) === 'int')).toBe(false);
  });

  it('narrows integers by wrapping and floating point by truncating (CastFctsTest.testNumericCastsInSelectionClause)', () => {
    expect(cast('double', '6.3', 'tinyint')).toBe(6);
    expect(cast('float', '5.2', 'int')).toBe(5);
    expect(cast('decimal', '6.3', 'smallint')).toBe(6);
    expect(cast('varint', '4', 'bigint')).toBe(4n);
    expect(cast('int', '300', 'tinyint')).toBe(44);
    expect(cast('bigint', '4294967297', 'int')).toBe(1);
    expect(cast('double', '1e20', 'int')).toBe(2147483647);
    expect(cast('double', '-1e20', 'bigint')).toBe(-(2n ** 63n));
    expect(cast('double', 'NaN', 'int')).toBe(0);
    expect(cast('double', '1e10', 'smallint')).toBe(-1);
  });

  it('widens to floating point and decimals as Java does', () => {
    expect(cast('float', '5.2', 'double')).toBeCloseTo(5.2, 6);
    expect(cast('int', '3', 'double')).toBe(3);
    expect(cast('double', '6.3', 'decimal')).toBe('6.3');
    expect(cast('float', '5.2', 'decimal')).toBe('5.199999809265137');
    expect(cast('int', '1', 'decimal')).toBe('1');
    expect(cast('varint', '123456789012345678901234567890', 'decimal')).toBe('123456789012345678901234567890');
    expect(cast('decimal', '6.75', 'varint')).toBe(6n);
  });

  it('writes values as their text (CastFctsTest time and other casts)', () => {
    expect(cast('float', '5.2', 'text')).toBe('5.2');
    expect(cast('double', '6.3', 'ascii')).toBe('6.3');
    expect(cast('timestamp', '2015-05-21 11:03:02+00', 'text')).toBe('2015-05-21T11:03:02.000Z');
    expect(cast('date', '2015-05-21', 'text')).toBe('2015-05-21');
    expect(cast('time', '11:03:02', 'text')).toBe('11:03:02.000000000');
    expect(cast('inet', '127.0.0.1', 'text')).toBe('127.0.0.1');
    expect(cast('ascii', 'test', 'text')).toBe('test');
  });

  it('converts between dates and timestamps through toDate and toTimestamp', () => {
    expect(cast('timestamp', '2015-05-21 11:03:02+00', 'date')).toBe(deserialize(native('date'), constantToBytes(native('date'), { kind: 'string', value: '2015-05-21' }, 'x')));
    expect(cast('date', '2015-05-21', 'timestamp')).toBe(BigInt(Date.UTC(2015, 4, 21)));
  });

  it('gives null for null and for empty numeric values', () => {
    expect(castOf('int', 'bigint').execute([null], NO_CONTEXT)).toBeNull();
    expect(castOf('int', 'bigint').execute([Buffer.alloc(0)], NO_CONTEXT)).toBeNull();
  });

  it('converts counters like bigints', () => {
    expect(deserialize(native('int'), castOf('counter', 'int').execute([serialize(native('counter'), 2n)], NO_CONTEXT)!)).toBe(2);
  });
});

describe('AggregateFcts on decimals', () => {
  const aggregate = (name: string) => aggregateFunctions().find((f) => f.name === name && formatCqlType(f.argTypes[0]!) === 'decimal')!;
  const run = (name: string, values: string[]) => {
    const state = aggregate(name).create();
    for (const v of values) state.add(constantToBytes(native('decimal'), { kind: 'float', text: v }, 'x'));
    return formatDecimalPlain(deserialize(native('decimal'), state.result()!) as DecimalValue);
  };

  it('sums exactly and averages as a running mean rounded half-even at the dividend scale', () => {
    expect(run('sum', ['1.5', '2.25', '-0.5'])).toBe('3.25');
    expect(run('avg', ['1.0', '2.0'])).toBe('1.5');
    // 1 + (2 - 1) / 2 at scale 0: the half rounds to the even 0.
    expect(run('avg', ['1', '2'])).toBe('1');
    expect(run('avg', [])).toBe('0');
  });
});
