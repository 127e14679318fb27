/**
 * The arithmetic operators as Cassandra's native functions (OperationFcts): `_add`, `_substract`,
 * `_multiply`, `_divide` and `_modulo` for every pair of numeric types, `_negate` for each, and
 * timestamp/date `+`/`-` duration, and `+` as the concatenation of text and ascii values (CASSANDRA-17190,
 * new in 4.1). A failure (division by zero, a NaN into a decimal, a duration finer
 * than the temporal type) is Cassandra's OperationExecutionException, a FUNCTION_FAILURE.
 */
import { CqlError, FunctionFailureError } from '../../errors/index.js';
import { native, type NativeTypeName } from '../../types/index.js';
import type { ScalarFunction } from './native-function.js';
import {
  NUMERIC_TYPES, numericNegation, numericOperation, operationReturnType, type ArithmeticSymbol, type NumericTypeName,
} from './numeric-operations.js';
import { ArithmeticFailure } from './decimal-arithmetic.js';
import { temporalOperation, type TemporalTypeName } from './temporal-operations.js';

/** The function each operator stands for, in OperationFcts.OPERATION's order. */
export const OPERATION_NAMES: Readonly<Record<ArithmeticSymbol, string>> = {
  '+': '_add', '-': '_substract', '*': '_multiply', '/': '_divide', '%': '_modulo',
};

export const NEGATION_NAME = '_negate';

const SYMBOLS = Object.keys(OPERATION_NAMES) as ArithmeticSymbol[];

/** The operator of a binary operation function (`_add` → '+'), or undefined for any other name. */
export function operatorOf(name: string): ArithmeticSymbol | undefined {
  return SYMBOLS.find((s) => OPERATION_NAMES[s] === name);
}

/** OperationFunction: null (or empty) operands give null; failures name the operation. */
function operation(
  symbol: ArithmeticSymbol, left: NativeTypeName, right: NativeTypeName, returnType: NativeTypeName,
  compute: (a: Buffer, b: Buffer) => Buffer,
): ScalarFunction {
  const name = OPERATION_NAMES[symbol];
  return {
    kind: 'scalar', name, argTypes: [native(left), native(right)], returnType: native(returnType),
    columnName: ([a, b]) => `${a} ${symbol} ${b}`,
    execute: ([a, b]) => {
      if (a == null || a.length === 0 || b == null || b.length === 0) return null;
      try {
        return compute(a, b);
      } catch (e) {
        if (!(e instanceof ArithmeticFailure) && !(e instanceof CqlError)) throw e;
        throw new FunctionFailureError(`the operation '${left} ${symbol} ${right}' failed: ${e.message}`, 'system', name, [left, right]);
      }
    },
  };
}

function negation(type: NumericTypeName): ScalarFunction {
  const negate = numericNegation(type);
  return {
    kind: 'scalar', name: NEGATION_NAME, argTypes: [native(type)], returnType: native(type),
    columnName: ([a]) => `-${a}`,
    execute: ([a]) => (a == null || a.length === 0 ? null : negate(a)),
  };
}

function temporal(type: TemporalTypeName, symbol: '+' | '-'): ScalarFunction {
  return operation(symbol, type, 'duration', type, temporalOperation(type, symbol));
}

/** addStringConcatenations: a text operand makes a text result, two ascii operands an ascii one. */
const CONCATENATIONS: readonly (readonly [NativeTypeName, NativeTypeName, NativeTypeName])[] = [
  ['text', 'text', 'text'], ['ascii', 'ascii', 'ascii'], ['ascii', 'text', 'text'], ['text', 'ascii', 'text'],
];

/** OperationFcts.all(), in its order. */
export function operationFunctions(): ScalarFunction[] {
  const functions: ScalarFunction[] = [];
  for (const left of NUMERIC_TYPES) {
    for (const right of NUMERIC_TYPES) {
      const result = operationReturnType(left, right);
      for (const symbol of SYMBOLS) functions.push(operation(symbol, left, right, result, numericOperation(symbol, result, left, right)));
    }
    functions.push(negation(left));
  }
  for (const symbol of ['+', '-'] as const) functions.push(temporal('timestamp', symbol), temporal('date', symbol));
  for (const [left, right, result] of CONCATENATIONS) functions.push(operation('+', left, right, result, (a, b) => Buffer.concat([a, b])));
  return functions;
}
