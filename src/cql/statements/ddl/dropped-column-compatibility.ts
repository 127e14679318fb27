import { fixedLengthOf, formatCqlType, isMultiCell, type CqlType } from '../../../types/index.js';

/**
 * Whether a column of type `type` may be re-added where a column of type `previous` was dropped
 * (AbstractType.isSerializationCompatibleWith, as AlterTableStatement's ADD checks it): the new type reads
 * the old values, with the same fixed length and the same multi-cell layout. User types are compared as
 * the tuples system_schema.dropped_columns records.
 */
export function isSerializationCompatibleWith(type: CqlType, previous: CqlType): boolean {
  return isValueCompatibleWith(type, previous)
    && fixedLengthOf(type) === fixedLengthOf(previous)
    && isMultiCell(type) === isMultiCell(previous);
}

/** Whether the type reads every value of `previous` (isValueCompatibleWith). */
function isValueCompatibleWith(type: CqlType, previous: CqlType): boolean {
  if (same(type, previous)) return true;
  if (isMultiCell(type)) return isCompatibleWith(type, previous);
  if (type.kind === 'native') {
    switch (type.name) {
      case 'blob': return true;
      case 'bigint': return isNative(previous, 'timestamp');
      case 'timestamp': return isNative(previous, 'bigint');
      case 'varint': return isNative(previous, 'int') || isNative(previous, 'bigint') || isNative(previous, 'timestamp');
      default: return isCompatibleWith(type, previous);
    }
  }
  switch (type.kind) {
    case 'list':
      return previous.kind === 'list' && !isMultiCell(previous) && isValueCompatibleWith(type.element, previous.element);
    case 'set':
      return previous.kind === 'set' && !isMultiCell(previous) && isCompatibleWith(type.element, previous.element);
    case 'map':
      return previous.kind === 'map' && !isMultiCell(previous)
        && isCompatibleWith(type.key, previous.key) && isValueCompatibleWith(type.value, previous.value);
    case 'tuple':
      // A tuple may gain fields at its end (TupleType.isValueCompatibleWithInternal).
      return previous.kind === 'tuple' && type.elements.length >= previous.elements.length
        && previous.elements.every((p, i) => isValueCompatibleWith(type.elements[i]!, p));
    default:
      return false;
  }
}

/** Whether the type sorts values of `previous` the same way (isCompatibleWith). */
function isCompatibleWith(type: CqlType, previous: CqlType): boolean {
  if (same(type, previous)) return true;
  if (type.kind === 'native') {
    // UTF8Type and BytesType compare bytes, as AsciiType does.
    if (type.name === 'text') return isNative(previous, 'ascii');
    if (type.name === 'blob') return isNative(previous, 'ascii') || isNative(previous, 'text');
    return false;
  }
  if (!isMultiCell(type)) return isFrozenCompatibleWith(type, previous);
  // Multi-cell collections: the cell paths must sort alike and the cell values stay readable.
  switch (type.kind) {
    case 'list':
      return previous.kind === 'list' && isMultiCell(previous) && isSerializationCompatibleWith(type.element, previous.element);
    case 'set':
      return previous.kind === 'set' && isMultiCell(previous) && isCompatibleWith(type.element, previous.element);
    case 'map':
      return previous.kind === 'map' && isMultiCell(previous)
        && isCompatibleWith(type.key, previous.key) && isSerializationCompatibleWith(type.value, previous.value);
    default:
      return false;
  }
}

/** Frozen collections and tuples sort alike when their parts do (isCompatibleWithFrozen, TupleType.isCompatibleWith). */
function isFrozenCompatibleWith(type: CqlType, previous: CqlType): boolean {
  switch (type.kind) {
    case 'list':
    case 'set':
      return previous.kind === type.kind && !isMultiCell(previous) && isCompatibleWith(type.element, previous.element);
    case 'map':
      return previous.kind === 'map' && !isMultiCell(previous)
        && isCompatibleWith(type.key, previous.key) && isCompatibleWith(type.value, previous.value);
    case 'tuple':
      return previous.kind === 'tuple' && type.elements.length >= previous.elements.length
        && previous.elements.every((p, i) => isCompatibleWith(type.elements[i]!, p));
    default:
      return false;
  }
}

function isNative(t: CqlType, name: string): boolean {
  return t.kind === 'native' && t.name === name;
}

function same(a: CqlType, b: CqlType): boolean {
  return formatCqlType(a) === formatCqlType(b);
}
