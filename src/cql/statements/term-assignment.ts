/**
 * How well a raw term fits a receiver before it is prepared (Term.Raw.testAssignment in Cassandra): what
 * function overload resolution asks of each argument, whatever kind of term it is.
 */
import { InvalidRequestError } from '../../errors/index.js';
import {
  combineAssignments, constantAssignment, isCounter, isValueCompatibleWith, sameType, type AssignmentResult,
  type CqlType,
} from '../../types/index.js';
import { termText, type FunctionCall, type Term } from '../ast/index.js';
import { resolveFunction, type CallSite, type FunctionArgument } from '../functions/function-resolver.js';
import type { ColumnSpecification } from './column-specification.js';
import type { BindSpecifications } from './term-preparer.js';

export function testTermAssignment(term: Term, receiver: ColumnSpecification, binds: BindSpecifications): AssignmentResult {
  switch (term.kind) {
    case 'constant': return constantAssignment(term.value, receiver.type);
    case 'null': return isCounter(receiver.type) ? 'none' : 'weak';
    case 'bind': return 'weak';
    case 'cast': return castAssignment(binds.hintType(term.type, receiver.keyspace), receiver.type);
    case 'function': return functionAssignment(term, receiver, binds);
    case 'list': return listAssignment(term.items, receiver, binds);
    case 'set': return setAssignment(term.items, receiver, binds);
    case 'map': return mapAssignment(term.entries, receiver, binds);
    case 'tuple': return tupleAssignment(term.items, receiver, binds);
    case 'udt': return udtAssignment(term.fields, receiver, binds);
  }
}

/** A raw term as a function argument. */
export function termArgument(term: Term, binds: BindSpecifications): FunctionArgument {
  return { testAssignment: (receiver) => testTermAssignment(term, receiver, binds), text: termText(term), isMarker: term.kind === 'bind' };
}

/** Where a call in a term stands: its receiver, in the receiver's table. */
export function termCallSite(receiver: ColumnSpecification, binds: BindSpecifications): CallSite {
  return {
    keyspace: receiver.keyspace, table: receiver.table, receiver, tableMetadata: binds.tableOf(receiver.keyspace, receiver.table),
    keyspaces: binds.schema,
  };
}

/** TypeCast.testAssignment: the hinted type against the receiver's. */
export function castAssignment(hinted: CqlType, receiver: CqlType): AssignmentResult {
  if (sameType(receiver, hinted)) return 'exact';
  return isValueCompatibleWith(receiver, hinted) ? 'weak' : 'none';
}

/**
 * FunctionCall.Raw.testAssignment: the return type of the overload the call resolves to for this
 * receiver. A call that cannot be resolved here is weakly assignable: preparing it reports why.
 */
function functionAssignment(call: FunctionCall, receiver: ColumnSpecification, binds: BindSpecifications): AssignmentResult {
  return binds.callAssignment(call, receiver, () => resolvedCallAssignment(call, receiver, binds));
}

function resolvedCallAssignment(call: FunctionCall, receiver: ColumnSpecification, binds: BindSpecifications): AssignmentResult {
  try {
    const fn = resolveFunction(call.name, call.args.map((a) => termArgument(a, binds)), termCallSite(receiver, binds));
    // fromJson() takes whatever type it is given: never an exact match, so that a cast can settle the call.
    if (fn === null || fn.name === 'fromjson') return 'weak';
    if (sameType(receiver.type, fn.returnType)) return 'exact';
    return isValueCompatibleWith(receiver.type, fn.returnType) ? 'weak' : 'none';
  } catch (e) {
    if (e instanceof InvalidRequestError) return 'weak';
    throw e;
  }
}

function part(receiver: ColumnSpecification, name: string, type: CqlType): ColumnSpecification {
  return { ...receiver, name, type };
}

function itemsAssignment(items: readonly Term[], spec: ColumnSpecification, binds: BindSpecifications): AssignmentResult {
  return combineAssignments(items.map((item) => testTermAssignment(item, spec, binds)));
}

/** Lists.testListAssignment: an empty list could be of any element type, so it is only weakly assignable. */
function listAssignment(items: readonly Term[], receiver: ColumnSpecification, binds: BindSpecifications): AssignmentResult {
  const t = receiver.type;
  if (t.kind === 'vector') {
    return items.length === t.dimension ? itemsAssignment(items, part(receiver, `value(${receiver.name})`, t.element), binds) : 'none';
  }
  if (t.kind !== 'list') return 'none';
  return items.length === 0 ? 'weak' : itemsAssignment(items, part(receiver, `value(${receiver.name})`, t.element), binds);
}

/** Sets.Literal.testAssignment: `{}` is parsed as an empty set, which an empty map accepts too. */
function setAssignment(items: readonly Term[], receiver: ColumnSpecification, binds: BindSpecifications): AssignmentResult {
  const t = receiver.type;
  if (t.kind !== 'set') return t.kind === 'map' && items.length === 0 ? 'weak' : 'none';
  return items.length === 0 ? 'weak' : itemsAssignment(items, part(receiver, `value(${receiver.name})`, t.element), binds);
}

function mapAssignment(
  entries: readonly (readonly [Term, Term])[], receiver: ColumnSpecification, binds: BindSpecifications,
): AssignmentResult {
  const t = receiver.type;
  if (t.kind !== 'map') return 'none';
  if (entries.length === 0) return 'weak';
  const keys = part(receiver, `key(${receiver.name})`, t.key);
  const values = part(receiver, `value(${receiver.name})`, t.value);
  return combineAssignments(entries.flatMap(([k, v]) => [testTermAssignment(k, keys, binds), testTermAssignment(v, values, binds)]));
}

/** Tuples.testTupleAssignment: at most as many components as the type, each assignable; never exact. */
function tupleAssignment(items: readonly Term[], receiver: ColumnSpecification, binds: BindSpecifications): AssignmentResult {
  const t = receiver.type;
  if (items.length === 1 && t.kind !== 'tuple') return testTermAssignment(items[0]!, receiver, binds); // `(x)`: parentheses
  if (t.kind !== 'tuple' || items.length > t.elements.length) return 'none';
  const fits = items.every((item, i) => testTermAssignment(item, part(receiver, `${receiver.name}[${i}]`, t.elements[i]!), binds) !== 'none');
  return fits ? 'weak' : 'none';
}

/** UserTypes.Literal.testAssignment: every field known and assignable; never exact. */
function udtAssignment(
  fields: readonly (readonly [string, Term])[], receiver: ColumnSpecification, binds: BindSpecifications,
): AssignmentResult {
  const t = receiver.type;
  if (t.kind !== 'udt') return 'none';
  const fits = fields.every(([name, value]) => {
    const field = t.fields.find((f) => f.name === name);
    return field !== undefined && testTermAssignment(value, part(receiver, `${receiver.name}.${name}`, field.type), binds) !== 'none';
  });
  return fits ? 'weak' : 'none';
}
