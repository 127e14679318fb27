import { InvalidRequestError } from '../../errors/index.js';
import type { TableMetadata } from '../../schema/index.js';
import {
  buildList, buildMap, buildSet, buildTuple, buildUdt, buildVector, constantToBytes, formatCqlType,
  isAssignable, parseCqlType, validateValue, type CqlType,
} from '../../types/index.js';
import { termText, type Constant, type Term, type TypeCast } from '../ast/index.js';
import { prepareFunctionCall } from './function-call.js';
import { normalizeValue } from './normalize-value.js';
import type { ColumnSpecification } from './column-specification.js';
import { UNSET, type BoundValue, type ExecutionContext, type QueryOptions } from './query-options.js';
import type { SchemaLookup } from './resolve-table.js';
import { castAssignment, testTermAssignment } from './term-assignment.js';

/** A term ready to produce its value for one execution (Cassandra's Term after prepare). */
export type PreparedTerm = (options: QueryOptions, ctx: ExecutionContext) => BoundValue;

/**
 * Collects the receiver of every bind marker as terms are prepared, for PREPARED metadata, and gives
 * terms the schema they are prepared against: user types named in type hints, tables for token().
 */
export class BindSpecifications {
  readonly specs: (ColumnSpecification | undefined)[] = [];

  constructor(private readonly schema: SchemaLookup) {}

  set(index: number, spec: ColumnSpecification): void {
    this.specs[index] = spec;
  }

  /** The type a type hint names, user types resolved in `keyspace` (CQL3Type.Raw.prepare). */
  hintType(text: string, keyspace: string): CqlType {
    return parseCqlType(text, (ks, name) => this.schema.keyspace(ks ?? keyspace)?.userTypes.get(name), keyspace);
  }

  tableOf(keyspace: string, table: string): TableMetadata | undefined {
    return this.schema.keyspace(keyspace)?.tables.get(table);
  }
}

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
  const parts = items.map((item) => prepareTerm(item, withType(receiver, t.element, `value(${receiver.name})`), binds));
  return (o, c) => buildList(parts.map((p) => element(p, o, c, receiver.name)));
}

function prepareSetLiteral(items: readonly Term[], receiver: ColumnSpecification, binds: BindSpecifications): PreparedTerm {
  const t = receiver.type;
  // `{}` is an empty map, set or user type, whichever the receiver is.
  if (items.length === 0 && t.kind === 'map') return prepareMapLiteral([], receiver, binds);
  if (items.length === 0 && t.kind === 'udt') return prepareUdtLiteral([], receiver, binds);
  if (t.kind !== 'set') throw typeError(receiver, 'set');
  const parts = items.map((item) => prepareTerm(item, withType(receiver, t.element, `value(${receiver.name})`), binds));
  return (o, c) => buildSet(t, parts.map((p) => element(p, o, c, receiver.name)));
}

function prepareMapLiteral(
  entries: readonly (readonly [Term, Term])[], receiver: ColumnSpecification, binds: BindSpecifications,
): PreparedTerm {
  const t = receiver.type;
  if (t.kind !== 'map') throw typeError(receiver, 'map');
  const parts = entries.map(([k, v]) => [
    prepareTerm(k, withType(receiver, t.key, `key(${receiver.name})`), binds),
    prepareTerm(v, withType(receiver, t.value, `value(${receiver.name})`), binds),
  ] as const);
  return (o, c) => buildMap(t, parts.map(([k, v]) => [element(k, o, c, receiver.name), element(v, o, c, receiver.name)]));
}

function nullable(term: PreparedTerm, o: QueryOptions, c: ExecutionContext): Buffer | null {
  const v = term(o, c);
  return v === UNSET ? null : v;
}

function prepareTupleLiteral(items: readonly Term[], receiver: ColumnSpecification, binds: BindSpecifications): PreparedTerm {
  const t = receiver.type;
  if (t.kind !== 'tuple') throw typeError(receiver, 'tuple');
  if (items.length > t.elements.length) {
    throw new InvalidRequestError(`Invalid tuple literal for ${receiver.name}: too many elements. Type ${formatCqlType(t)} expects ${t.elements.length} but got ${items.length}`);
  }
  const parts = items.map((item, i) => prepareTerm(item, withType(receiver, t.elements[i]!, `${receiver.name}[${i}]`), binds));
  return (o, c) => buildTuple(t.elements.map((_e, i) => (parts[i] ? nullable(parts[i]!, o, c) : null)));
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
    return raw === undefined ? null : prepareTerm(raw, withType(receiver, f.type, `${receiver.name}.${f.name}`), binds);
  });
  return (o, c) => buildUdt(parts.map((p) => (p === null ? null : nullable(p, o, c))));
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
