/**
 * Picks the function a call names (Cassandra's FunctionResolver): among the overloads whose return type
 * fits the receiver, an exact match of every argument wins at once; otherwise exactly one overload must
 * accept the arguments weakly. Arguments answer for themselves how well they fit a parameter, so a
 * nested call, a type hint, a literal, a bind marker or a selected column all take part alike.
 */
import { InvalidRequestError } from '../../errors/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { formatCqlType, isAssignable, sameType, typeAssignment, type AssignmentResult } from '../../types/index.js';
import type { ColumnSpecification } from '../statements/column-specification.js';
import { nativeFunctions } from './function-registry.js';
import { fromJsonFunction } from './json-functions.js';
import { formatSignature, qualifiedName, type CqlFunction } from './native-function.js';
import { NEGATION_NAME, operatorOf } from './operation-functions.js';
import { tokenFunction } from './token-function.js';

/** A function argument before it is prepared (Cassandra's AssignmentTestable). */
export interface FunctionArgument {
  /** How well the argument fits a parameter of the receiver's type. */
  testAssignment(receiver: ColumnSpecification): AssignmentResult;
  /** The argument as CQL text, as messages show it. */
  readonly text: string;
  /** A bind marker (AbstractMarker.Raw), which the receiver cannot settle an operation's overload for. */
  readonly isMarker?: boolean;
}

/** Where a call stands: the statement's table, and the receiver of its result (null in a selection). */
export interface CallSite {
  readonly keyspace: string;
  readonly table: string;
  readonly receiver: ColumnSpecification | null;
  /** The table token() computes partition tokens for. */
  readonly tableMetadata: TableMetadata | undefined;
}

/** The receiver of argument i (FunctionResolver.makeArgSpec): `arg0(system.totimestamp)`. */
export function argumentSpec(site: CallSite, fn: CqlFunction, i: number): ColumnSpecification {
  return { keyspace: site.keyspace, table: site.table, name: `arg${i}(${qualifiedName(fn).toLowerCase()})`, type: fn.argTypes[i]! };
}

/** The native function a name stands for when unqualified or qualified by `system`, else null. */
function nativeName(name: string): string | null {
  const dot = name.indexOf('.');
  if (dot < 0) return name;
  return name.slice(0, dot) === 'system' ? name.slice(dot + 1) : null;
}

/**
 * The function a call names, or null when no function has that name. `name` is as written (`toTimestamp`
 * lower-cased by the parser, `system.token`, `system.castAsInt` for CAST) and is how messages show it.
 */
export function resolveFunction(name: string, args: readonly FunctionArgument[], site: CallSite): CqlFunction | null {
  const bare = nativeName(name);
  if (bare === 'token' && site.tableMetadata !== undefined) {
    const token = tokenFunction(site.tableMetadata);
    validateTypes(token, args, site);
    return token;
  }
  if (bare === 'tojson') throw new InvalidRequestError('toJson() may only be used within the selection clause of SELECT statements');
  if (bare === 'fromjson') {
    if (site.receiver === null) throw new InvalidRequestError('fromJson() cannot be used in the selection clause of a SELECT statement');
    return fromJsonFunction(site.receiver.type, site.receiver.name);
  }
  const candidates = bare === null ? [] : nativeFunctions(bare);
  if (candidates.length === 0) return null;
  if (candidates.length === 1) {
    validateTypes(candidates[0]!, args, site);
    return candidates[0]!;
  }
  const compatibles: CqlFunction[] = [];
  for (const fn of candidates) {
    if (site.receiver !== null && !isAssignable(typeAssignment(fn.returnType, site.receiver.type))) continue;
    const match = matchArguments(fn, args, site);
    if (match === 'exact') return fn;
    if (match === 'weak') compatibles.push(fn);
  }
  const operator = bare === null ? undefined : operatorOf(bare);
  if (compatibles.length === 0) {
    if (operator !== undefined) {
      throw new InvalidRequestError(`the '${operator}' operation is not supported between ${args[0]?.text} and ${args[1]?.text}`);
    }
    throw new InvalidRequestError(
      `Invalid call to function ${name}, none of its type signatures match (known type signatures: ${candidates.map(formatSignature).join(', ')})`,
    );
  }
  if (compatibles.length > 1) {
    if (operator !== undefined) return operationOverload(operator, compatibles, args, site);
    if (bare === NEGATION_NAME) throw new InvalidRequestError('Ambiguous negation: use type casts to disambiguate');
    throw new InvalidRequestError(
      `Ambiguous call to function ${name} (can be matched by following signatures: ${compatibles.map(formatSignature).join(', ')}): use type casts to disambiguate`,
    );
  }
  return compatibles[0]!;
}

/**
 * Among several overloads of an operation, the one taking two operands of the receiver's type, when the
 * receiver is known and no operand is a bind marker; otherwise the operation is ambiguous.
 */
function operationOverload(
  operator: string, compatibles: readonly CqlFunction[], args: readonly FunctionArgument[], site: CallSite,
): CqlFunction {
  const receiver = site.receiver?.type;
  if (receiver !== undefined && !args.some((a) => a.isMarker === true)) {
    const same = compatibles.find((fn) => fn.argTypes.every((t) => sameType(t, receiver)));
    if (same !== undefined) return same;
  }
  throw new InvalidRequestError(`Ambiguous '${operator}' operation: use type casts to disambiguate`);
}

/** With one candidate, the first argument that does not fit is named (FunctionResolver.validateTypes). */
function validateTypes(fn: CqlFunction, args: readonly FunctionArgument[], site: CallSite): void {
  if (args.length !== fn.argTypes.length) {
    throw new InvalidRequestError(
      `Invalid number of arguments in call to function ${qualifiedName(fn)}: ${fn.argTypes.length} required but ${args.length} provided`,
    );
  }
  args.forEach((arg, i) => {
    const expected = argumentSpec(site, fn, i);
    if (!isAssignable(arg.testAssignment(expected))) {
      throw new InvalidRequestError(
        `Type error: ${arg.text} cannot be passed as argument ${i} of function ${qualifiedName(fn)} of type ${formatCqlType(expected.type)}`,
      );
    }
  });
}

function matchArguments(fn: CqlFunction, args: readonly FunctionArgument[], site: CallSite): AssignmentResult {
  if (args.length !== fn.argTypes.length) return 'none';
  let result: AssignmentResult = 'exact';
  for (let i = 0; i < args.length; i++) {
    const match = args[i]!.testAssignment(argumentSpec(site, fn, i));
    if (match === 'none') return 'none';
    if (match === 'weak') result = 'weak';
  }
  return result;
}
