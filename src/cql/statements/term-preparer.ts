import { InvalidRequestError } from '../../errors/index.js';
import type { TableMetadata } from '../../schema/index.js';
import {
  buildList, buildMap, buildSet, buildTuple, buildUdt, buildVector, constantToBytes, formatCqlType,
  isAssignable, parseCqlType, validateValue, type AssignmentResult, type CqlType,
} from '../../types/index.js';
import { termText, type Constant, type FunctionCall, type Term, type TypeCast } from '../ast/index.js';
import { prepareFunctionCall } from './function-call.js';
import { normalizeValue } from './normalize-value.js';
import type { ColumnSpecification } from './column-specification.js';
import { UNSET, type BoundValue, type ExecutionContext, type QueryOptions } from './query-options.js';
import type { SchemaLookup } from './resolve-table.js';
import type { CqlFunction } from '../functions/native-function.js';
import { castAssignment, testTermAssignment } from './term-assignment.js';

/** A term ready to produce its value for one execution (Cassandra's Term after prepare). */
export type PreparedTerm = (options: QueryOptions, ctx: ExecutionContext) => BoundValue;

/**
 * Collects the receiver of every bind marker as terms are prepared, for PREPARED metadata, and gives
 * terms the schema they are prepared against: user types named in type hints, tables for token().
 */
export class BindSpecifications {
  readonly specs: (ColumnSpecification | undefined)[] = [];
  /** The user-defined functions and aggregates the statement calls (what EXECUTE is checked on). */
  readonly userFunctions: CqlFunction[] = [];
  /**
   * How well each function call fits each receiver it was tested against: overload resolution tests a
   * nested call once per candidate at every level above it, which without this is polynomial in depth.
   */
  private readonly callAssignments = new Map<FunctionCall, Map<string, AssignmentResult>>();

  /** The schema the statement is prepared against: user types and user-defined functions. */
  constructor(readonly schema: SchemaLookup) {}

  set(index: number, spec: ColumnSpecification): void {
    this.specs[index] = spec;
  }

  /** Notes a function the statement calls; native ones need no permission. */
  calls(fn: CqlFunction): void {
    if (fn.keyspace !== undefined && fn.keyspace !== 'system' && !this.userFunctions.includes(fn)) this.userFunctions.push(fn);
  }

  /** The type a type hint names, user types resolved in `keyspace` (CQL3Type.Raw.prepare). */
  hintType(text: string, keyspace: string): CqlType {
    return parseCqlType(text, (ks, name) => this.schema.keyspace(ks ?? keyspace)?.userTypes.get(name), keyspace);
  }

  /** The call's fit for this receiver, computed once per preparation. */
  callAssignment(call: FunctionCall, receiver: ColumnSpecification, compute: () => AssignmentResult): AssignmentResult {
    let byReceiver = this.callAssignments.get(call);
    if (byReceiver === undefined) {
      byReceiver = new Map();
      this.callAssignments.set(call, byReceiver);
    }
    const key = `${receiver.keyspace}.${receiver.table} ${formatCqlType(receiver.type)}`;
    let result = byReceiver.get(key);
    if (result === undefined) {
      result = compute();
      byReceiver.set(key, result);
    }
    return result;
  }

  tableOf(keyspace: string, table: string): TableMetadata | undefined {
    return this.schema.keyspace(keyspace)?.tables.get(table);
  }
}

const EMPTY = Buffer.alloc(0);

function fixed(value: Buffer | null): PreparedTerm {
  return () => value;
}

function withType(receiver: ColumnSpecification, type: CqlType, name = receiver.name): ColumnSpecification {
  return { ...receiver, type, name };
}

/** Element values of a collection may not be null or unset. */
function element(term: PreparedTerm, options: QueryOptions, ctx: ExecutionContext, what: string): Buffer {
  const v = term(options, ctx);
  if (v === null) throw new InvalidRequestError(`null is not supported inside collections`);
  if (v === UNSET) throw new InvalidRequestError(`Invalid unset value for ${what}`);
  return v;
}

/**
 * The elements of a list or set literal (Lists/Sets.DelayedValue.bind): a null element is refused, an
 * unset one makes the whole literal unset, so that the column is left as it is.
 */
function collectionElements(parts: readonly PreparedTerm[], o: QueryOptions, c: ExecutionContext): Buffer[] | typeof UNSET {
  const values: Buffer[] = [];
  for (const part of parts) {
    const v = part(o, c);
    if (v === null) throw new InvalidRequestError('null is not supported inside collections');
    if (v === UNSET) return UNSET;
    values.push(v);
  }
  return values;
}

/** The entries of a map literal (Maps.DelayedValue.bind): an unset key is refused, an unset value unsets the literal. */
function mapEntries(parts: readonly (readonly [PreparedTerm, PreparedTerm])[], o: QueryOptions, c: ExecutionContext): [Buffer, Buffer][] | typeof UNSET {
  const entries: [Buffer, Buffer][] = [];
  for (const [keyPart, valuePart] of parts) {
    const key = keyPart(o, c);
    if (key === null) throw new InvalidRequestError('null is not supported inside collections');
    if (key === UNSET) throw new InvalidRequestError('unset value is not supported for map keys');
    const value = valuePart(o, c);
    if (value === null) throw new InvalidRequestError('null is not supported inside collections');
    if (value === UNSET) return UNSET;
    entries.push([key, value]);
  }
  return entries;
}

function bindMarker(index: number, receiver: ColumnSpecification, binds: BindSpecifications): PreparedTerm {
  binds.set(index, receiver);
  return (options) => {
    if (index >= options.values.length) {
      throw new InvalidRequestError(`There were ${index} markers(?) in CQL but ${options.values.length} bound variables`);
    }
    const v = options.values[index]!;
    if (v === null || v === UNSET) return v;
    validateValue(receiver.type, v);
    return normalizeValue(receiver.type, v);
  };
}

/**
 * Prepares a raw term for a receiver: constants become bytes once, bind markers record their receiver,
 * collection literals and function calls become small closures evaluated per execution.
 */
export function prepareTerm(term: Term, receiver: ColumnSpecification, binds: BindSpecifications): PreparedTerm {
  const t = receiver.type;
  switch (term.kind) {
    case 'constant':
      if (isNowTimestamp(t, term.value)) {
        // 'now' as a timestamp literal (TimestampSerializer) is the time of each execution.
        return (_o, c) => constantToBytes(t, term.value, receiver.name, () => Number(c.nowMicros / 1000n));
      }
      return fixed(constantToBytes(t, term.value, receiver.name));
    case 'null':
      return fixed(null);
    case 'bind':
      return bindMarker(term.index, receiver, binds);
    case 'cast':
      return prepareTypeCast(term, receiver, binds);
    case 'function':
      return prepareFunctionCall(term, receiver, binds);
    case 'list':
      return prepareListLiteral(term.items, receiver, binds);
    case 'set':
      return prepareSetLiteral(term.items, receiver, binds);
    case 'map':
      return prepareMapLiteral(term.entries, receiver, binds);
    case 'tuple':
      // `(x)` parses as a tuple of one: a term between parentheses unless a tuple is expected (Tuples.Literal).
      if (term.items.length === 1 && t.kind !== 'tuple') return prepareTerm(term.items[0]!, receiver, binds);
      return prepareTupleLiteral(term.items, receiver, binds);
    case 'udt':
      return prepareUdtLiteral(term.fields, receiver, binds);
  }
}

/**
 * The marker a term binds straight to its receiver (`?`, `:k`, or a type hint on one), whose receiver is
 * then the column itself: what makes it part of the routing key in PREPARED metadata.
 */
export function receiverMarkerIndex(term: Term): number | undefined {
  if (term.kind === 'bind') return term.index;
  return term.kind === 'cast' ? receiverMarkerIndex(term.term) : undefined;
}

function isNowTimestamp(t: CqlType, c: Constant): boolean {
  return t.kind === 'native' && t.name === 'timestamp' && c.kind === 'string' && c.value.toLowerCase() === 'now';
}

/** A literal's part must fit its receiver (the literals' validateAssignableTo), or the literal is refused as a whole. */
function checkAssignable(term: Term, spec: ColumnSpecification, binds: BindSpecifications, message: () => string): void {
  if (!isAssignable(testTermAssignment(term, spec, binds))) throw new InvalidRequestError(message());
}

function typeError(receiver: ColumnSpecification, what: string): InvalidRequestError {
  return new InvalidRequestError(`Invalid ${what} literal for ${receiver.name} of type ${formatCqlType(receiver.type)}`);
}

function prepareListLiteral(items: readonly Term[], receiver: ColumnSpecification, binds: BindSpecifications): PreparedTerm {
  const t = receiver.type;
  if (t.kind === 'set') return prepareSetLiteral(items, receiver, binds);
  if (t.kind === 'vector') {
    if (items.length !== t.dimension) {
      throw new InvalidRequestError(`Invalid vector literal for ${receiver.name} of type ${formatCqlType(t)}; expected ${t.dimension} elements, but given ${items.length}`);
    }
    const parts = items.map((item) => prepareTerm(item, withType(receiver, t.element, `value(${receiver.name})`), binds));
    return (o, c) => buildVector(t, parts.map((p) => element(p, o, c, receiver.name)));
  }
  if (t.kind !== 'list') throw typeError(receiver, 'list');
  const spec = withType(receiver, t.element, `value(${receiver.name})`);
  for (const item of items) {
    checkAssignable(item, spec, binds, () => `Invalid list literal for ${receiver.name}: value ${termText(item)} is not of type ${formatCqlType(t.element)}`);
  }
  const parts = items.map((item) => prepareTerm(item, spec, binds));
  return (o, c) => {
    const values = collectionElements(parts, o, c);
    return values === UNSET ? UNSET : buildList(values);
  };
}

function prepareSetLiteral(items: readonly Term[], receiver: ColumnSpecification, binds: BindSpecifications): PreparedTerm {
  const t = receiver.type;
  // `{}` parses as an empty set (Parser.g), which a map takes as an empty map; a user type literal needs a field.
  if (items.length === 0 && t.kind === 'map') return prepareMapLiteral([], receiver, binds);
  if (t.kind !== 'set') throw typeError(receiver, 'set');
  const spec = withType(receiver, t.element, `value(${receiver.name})`);
  for (const item of items) {
    checkAssignable(item, spec, binds, () => `Invalid set literal for ${receiver.name}: value ${termText(item)} is not of type ${formatCqlType(t.element)}`);
  }
  const parts = items.map((item) => prepareTerm(item, spec, binds));
  return (o, c) => {
    const values = collectionElements(parts, o, c);
    return values === UNSET ? UNSET : buildSet(t, values);
  };
}

function prepareMapLiteral(
  entries: readonly (readonly [Term, Term])[], receiver: ColumnSpecification, binds: BindSpecifications,
): PreparedTerm {
  const t = receiver.type;
  if (t.kind !== 'map') throw typeError(receiver, 'map');
  const keySpec = withType(receiver, t.key, `key(${receiver.name})`);
  const valueSpec = withType(receiver, t.value, `value(${receiver.name})`);
  for (const [k, v] of entries) {
    checkAssignable(k, keySpec, binds, () => `Invalid map literal for ${receiver.name}: key ${termText(k)} is not of type ${formatCqlType(t.key)}`);
    checkAssignable(v, valueSpec, binds, () => `Invalid map literal for ${receiver.name}: value ${termText(v)} is not of type ${formatCqlType(t.value)}`);
  }
  const parts = entries.map(([k, v]) => [prepareTerm(k, keySpec, binds), prepareTerm(v, valueSpec, binds)] as const);
  return (o, c) => {
    const entries = mapEntries(parts, o, c);
    return entries === UNSET ? UNSET : buildMap(t, entries);
  };
}

/** A field of a tuple or user type literal: null is a value there, unset is refused (Tuples/UserTypes.DelayedValue). */
function field(term: PreparedTerm, o: QueryOptions, c: ExecutionContext, unsetMessage: string): Buffer | null {
  const v = term(o, c);
  if (v === UNSET) throw new InvalidRequestError(unsetMessage);
  return v;
}

/**
 * A field of a non-frozen user type literal: UserTypes.DelayedValue lets an unset field through there, and
 * UserTypes.Setter writes its (empty) buffer as the field's cell, so the field reads back empty.
 */
function multiCellField(v: Buffer | null | typeof UNSET): Buffer | null {
  return v === UNSET ? EMPTY : v;
}

function prepareTupleLiteral(items: readonly Term[], receiver: ColumnSpecification, binds: BindSpecifications): PreparedTerm {
  const t = receiver.type;
  if (t.kind !== 'tuple') throw typeError(receiver, 'tuple');
  if (items.length > t.elements.length) {
    throw new InvalidRequestError(`Invalid tuple literal for ${receiver.name}: too many elements. Type ${formatCqlType(t)} expects ${t.elements.length} but got ${items.length}`);
  }
  const specs = items.map((_item, i) => withType(receiver, t.elements[i]!, `${receiver.name}[${i}]`));
  items.forEach((item, i) => checkAssignable(item, specs[i]!, binds,
    () => `Invalid tuple literal for ${receiver.name}: component ${i} is not of type ${formatCqlType(t.elements[i]!)}`));
  const parts = items.map((item, i) => prepareTerm(item, specs[i]!, binds));
  const unset = parts.map((_p, i) => `Invalid unset value for tuple field number ${i}`);
  return (o, c) => buildTuple(t.elements.map((_e, i) => (parts[i] ? field(parts[i]!, o, c, unset[i]!) : null)));
}

function prepareUdtLiteral(
  fields: readonly (readonly [string, Term])[], receiver: ColumnSpecification, binds: BindSpecifications,
): PreparedTerm {
  const t = receiver.type;
  if (t.kind !== 'udt') throw typeError(receiver, 'user type');
  const byName = new Map(fields);
  for (const [name] of fields) {
    if (!t.fields.some((f) => f.name === name)) {
      throw new InvalidRequestError(`Unknown field '${name}' in value of user defined type ${t.name}`);
    }
  }
  const parts = t.fields.map((f) => {
    const raw = byName.get(f.name);
    if (raw === undefined) return null;
    const spec = withType(receiver, f.type, `${receiver.name}.${f.name}`);
    checkAssignable(raw, spec, binds, () => `Invalid user type literal for ${receiver.name}: field ${f.name} is not of type ${formatCqlType(f.type)}`);
    return prepareTerm(raw, spec, binds);
  });
  const unset = t.fields.map((f) => `Invalid unset value for field '${f.name}' of user defined type ${t.name}`);
  if (!t.frozen) return (o, c) => buildUdt(parts.map((p) => (p === null ? null : multiCellField(p(o, c)))));
  return (o, c) => buildUdt(parts.map((p, i) => (p === null ? null : field(p, o, c, unset[i]!))));
}

/**
 * `(type) term` (TypeCast.prepare): the term must be a value of the hinted type and the hinted type fit
 * the receiver; the term itself is then prepared for the receiver.
 */
function prepareTypeCast(cast: TypeCast, receiver: ColumnSpecification, binds: BindSpecifications): PreparedTerm {
  const hinted = binds.hintType(cast.type, receiver.keyspace);
  if (!isAssignable(testTermAssignment(cast.term, { ...receiver, name: termText(cast), type: hinted }, binds))) {
    throw new InvalidRequestError(`Cannot cast value ${termText(cast.term)} to type ${cast.type}`);
  }
  if (!isAssignable(castAssignment(hinted, receiver.type))) {
    throw new InvalidRequestError(`Cannot assign value ${termText(cast)} to ${receiver.name} of type ${formatCqlType(receiver.type)}`);
  }
  return prepareTerm(cast.term, receiver, binds);
}
