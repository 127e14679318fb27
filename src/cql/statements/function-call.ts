import { InvalidRequestError } from '../../errors/index.js';
import {
  formatCqlType, frozenType, isMultiCell, isValueCompatibleWith, sameType, type CqlType,
} from '../../types/index.js';
import type { FunctionCall } from '../ast/index.js';
import { argumentSpec, resolveFunction } from '../functions/function-resolver.js';
import { formatSignature, qualifiedName, type ScalarFunction } from '../functions/native-function.js';
import type { ColumnSpecification } from './column-specification.js';
import { UNSET, type ExecutionContext, type QueryOptions } from './query-options.js';
import { termArgument, termCallSite } from './term-assignment.js';
import { prepareTerm, type BindSpecifications, type PreparedTerm } from './term-preparer.js';

/**
 * AbstractFunction.testAssignment: a function's result against its receiver. Functions return no frozen
 * types, so the result counts as frozen when the receiver is.
 */
function resultAssignable(returnType: CqlType, receiver: CqlType): boolean {
  const result = isMultiCell(receiver) ? returnType : frozenType(returnType);
  return sameType(receiver, result) || isValueCompatibleWith(receiver, result);
}

/**
 * A function call in a term (FunctionCall.Raw.prepare): the overload is chosen for this receiver and
 * the arguments' own types, then each argument is prepared for its parameter, bind markers taking the
 * parameter's type and the name `arg<i>(system.<function>)`. Evaluated on every execution.
 */
export function prepareFunctionCall(call: FunctionCall, receiver: ColumnSpecification, binds: BindSpecifications): PreparedTerm {
  const site = termCallSite(receiver, binds);
  const fn = resolveFunction(call.name, call.args.map((a) => termArgument(a, binds)), site);
  if (fn === null) throw new InvalidRequestError(`Unknown function ${call.name} called`);
  binds.calls(fn);
  if (fn.kind === 'aggregate') throw new InvalidRequestError('Aggregation function are not supported in the where clause');
  if (!resultAssignable(fn.returnType, receiver.type)) {
    throw new InvalidRequestError(
      `Type error: cannot assign result of function ${qualifiedName(fn)} (type ${formatCqlType(fn.returnType)}) to ${receiver.name} (type ${formatCqlType(receiver.type)})`,
    );
  }
  if (fn.argTypes.length !== call.args.length) {
    throw new InvalidRequestError(
      `Incorrect number of arguments specified for function ${formatSignature(fn)} (expected ${fn.argTypes.length}, found ${call.args.length})`,
    );
  }
  const args = call.args.map((a, i) => prepareTerm(a, argumentSpec(site, fn, i), binds));
  return (o, c) => fn.execute(args.map((a) => argumentValue(fn, a, o, c)), c);
}

/** Arguments may be null (the function decides what that gives) but not unset. */
function argumentValue(fn: ScalarFunction, arg: PreparedTerm, o: QueryOptions, c: ExecutionContext): Buffer | null {
  const v = arg(o, c);
  if (v === UNSET) throw unsetArgument(fn.name);
  return v;
}

/** FunctionCall.bindAndGet and AbstractFunctionSelector.setArg refuse unset arguments alike. */
export function unsetArgument(functionName: string): InvalidRequestError {
  return new InvalidRequestError(`Invalid unset value for argument in call to function ${functionName}`);
}
