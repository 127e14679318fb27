/**
 * Whether a value of one type may stand where another is expected, as Cassandra decides it when it
 * picks a function overload or checks a term against its receiver: AssignmentTestable's three answers,
 * and the isCompatibleWith / isValueCompatibleWith rules of AbstractType and its subclasses.
 */
import { isMultiCell, type CqlType, type NativeTypeName } from './cql-type.js';

/** AssignmentTestable.TestResult: EXACT_MATCH, WEAKLY_ASSIGNABLE, NOT_ASSIGNABLE. */
export type AssignmentResult = 'exact' | 'weak' | 'none';

/** Type equality, frozenness included (AbstractType.equals). */
export function sameType(a: CqlType, b: CqlType): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case 'native': return b.kind === 'native' && a.name === b.name;
    case 'list':
    case 'set': return b.kind === a.kind && a.frozen === b.frozen && sameType(a.element, b.element);
    case 'map': return b.kind === 'map' && a.frozen === b.frozen && sameType(a.key, b.key) && sameType(a.value, b.value);
    case 'tuple': return b.kind === 'tuple' && sameTypes(a.elements, b.elements);
    case 'udt':
      return b.kind === 'udt' && a.frozen === b.frozen && a.keyspace === b.keyspace && a.name === b.name
        && sameTypes(a.fields.map((f) => f.type), b.fields.map((f) => f.type));
    case 'vector': return b.kind === 'vector' && a.dimension === b.dimension && sameType(a.element, b.element);
    case 'custom': return b.kind === 'custom' && a.className === b.className;
  }
}

function sameTypes(a: readonly CqlType[], b: readonly CqlType[]): boolean {
  return a.length === b.length && a.every((t, i) => sameType(t, b[i]!));
}

/** The frozen form of a collection or user type (AbstractType.freeze); other types are their own. */
export function frozenType(t: CqlType): CqlType {
  return (t.kind === 'list' || t.kind === 'set' || t.kind === 'map' || t.kind === 'udt') && !t.frozen ? { ...t, frozen: true } : t;
}

/** Native types whose comparison and bytes also accept values of other native types (isCompatibleWith). */
const COMPATIBLE: Partial<Record<NativeTypeName, readonly NativeTypeName[]>> = {
  text: ['ascii'],            // UTF8Type: anything ascii is utf8, with the same byte order
  blob: ['ascii', 'text'],    // BytesType: byte order, like the two string types
  uuid: ['timeuuid'],         // UUIDType orders time-based uuids by time, as TimeUUIDType does
};

/** Native types that can read the bytes of other native types, whatever their order (isValueCompatibleWith). */
const VALUE_COMPATIBLE: Partial<Record<NativeTypeName, readonly NativeTypeName[]>> = {
  bigint: ['timestamp'],
  timestamp: ['bigint'],
  time: ['bigint'],
  date: ['int'],
  varint: ['int', 'bigint', 'timestamp'],
};

/** AbstractType.isCompatibleWith: `other`'s values may replace `receiver`'s, sorting the same way. */
export function isCompatibleWith(receiver: CqlType, other: CqlType): boolean {
  if (sameType(receiver, other)) return true;
  switch (receiver.kind) {
    case 'native': return other.kind === 'native' && (COMPATIBLE[receiver.name]?.includes(other.name) ?? false);
    case 'tuple': return other.kind === 'tuple' && prefixCompatible(receiver.elements, other.elements);
    case 'udt':
      return other.kind === 'udt' && receiver.keyspace === other.keyspace && receiver.name === other.name
        && receiver.frozen === other.frozen && prefixCompatible(receiver.fields.map((f) => f.type), other.fields.map((f) => f.type));
    case 'list':
    case 'set':
    case 'map': return collectionCompatible(receiver, other, isMultiCell(receiver) ? 'value' : 'order');
    default: return false;
  }
}

/** AbstractType.isValueCompatibleWith: `receiver` can read the bytes of an `other` value. */
export function isValueCompatibleWith(receiver: CqlType, other: CqlType): boolean {
  if (sameType(receiver, other)) return true;
  if (receiver.kind === 'native') {
    // BytesType reads anything.
    if (receiver.name === 'blob') return true;
    if (other.kind === 'native' && (VALUE_COMPATIBLE[receiver.name]?.includes(other.name) ?? false)) return true;
  }
  if (receiver.kind === 'list' || receiver.kind === 'set' || receiver.kind === 'map') {
    return collectionCompatible(receiver, other, 'value');
  }
  return isCompatibleWith(receiver, other);
}

/** Tuples and user types may grow: each of `other`'s components must be compatible with the receiver's. */
function prefixCompatible(receiver: readonly CqlType[], other: readonly CqlType[]): boolean {
  return receiver.length >= other.length && other.every((t, i) => isCompatibleWith(receiver[i]!, t));
}

/**
 * Collections of one kind and frozenness: keys and set elements must sort alike; list elements and map
 * values need only be readable (CollectionType.isValueCompatibleWithFrozen and friends).
 */
function collectionCompatible(receiver: CqlType, other: CqlType, values: 'value' | 'order'): boolean {
  if (other.kind !== receiver.kind || isMultiCell(other) !== isMultiCell(receiver)) return false;
  const readable = values === 'value' ? isValueCompatibleWith : isCompatibleWith;
  if (receiver.kind === 'list' && other.kind === 'list') return readable(receiver.element, other.element);
  if (receiver.kind === 'set' && other.kind === 'set') return isCompatibleWith(receiver.element, other.element);
  if (receiver.kind === 'map' && other.kind === 'map') {
    return isCompatibleWith(receiver.key, other.key) && readable(receiver.value, other.value);
  }
  return false;
}

/**
 * AbstractType.testAssignment: a value of `valueType` against a receiver of `receiverType`. Values make
 * no difference between frozen and not, so a frozen value is compared with the frozen receiver.
 */
export function typeAssignment(valueType: CqlType, receiverType: CqlType): AssignmentResult {
  const receiver = isMultiCell(valueType) ? receiverType : frozenType(receiverType);
  if (sameType(valueType, receiver)) return 'exact';
  return isValueCompatibleWith(receiver, valueType) ? 'weak' : 'none';
}

/** TestResult.testAll: exact when every part is, not assignable as soon as one part is not. */
export function combineAssignments(results: Iterable<AssignmentResult>): AssignmentResult {
  let combined: AssignmentResult = 'exact';
  for (const r of results) {
    if (r === 'none') return 'none';
    if (r === 'weak') combined = 'weak';
  }
  return combined;
}

export function isAssignable(result: AssignmentResult): boolean {
  return result !== 'none';
}
