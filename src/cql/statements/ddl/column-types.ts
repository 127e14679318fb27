import { InvalidRequestError } from '../../../errors/index.js';
import type { Schema } from '../../../schema/index.js';
import { isMultiCell, parseCqlType, reversedBase, type CqlType } from '../../../types/index.js';

/**
 * Parses a column or field type written in a statement on `keyspace`. User types resolve in that keyspace
 * only (CQL3Type.Raw.RawUT.prepare): naming another keyspace, or an unknown type, is an invalid request.
 */
export function parseTypeInKeyspace(text: string, keyspace: string, schema: Schema): CqlType {
  return parseCqlType(text, (typeKeyspace, name) => {
    if (typeKeyspace !== null && typeKeyspace !== keyspace) {
      throw new InvalidRequestError(
        `Statement on keyspace ${keyspace} cannot refer to a user type in keyspace ${typeKeyspace}; user types can only be used in the keyspace they are defined in`,
      );
    }
    return schema.userType(keyspace, name);
  }, keyspace);
}

/**
 * A table column's type as written, without a top-level ReversedType, which system_schema does not keep
 * (SchemaKeyspace records the base type, and a clustering column's order): `reversed` tells whether it had one.
 */
export function parseColumnType(text: string, keyspace: string, schema: Schema): { type: CqlType; reversed: boolean } {
  const type = parseTypeInKeyspace(text, keyspace, schema);
  const base = reversedBase(type);
  return base === null ? { type, reversed: false } : { type: base, reversed: true };
}

/** A non-frozen user type with a non-frozen collection or user type as a field, which Cassandra refuses. */
export function hasNestedMultiCellField(t: CqlType): boolean {
  return t.kind === 'udt' && !t.frozen && t.fields.some((f) => isMultiCell(f.type));
}

/**
 * `t` with user types replaced by tuples of their fields (AbstractType.expandUserTypes), the form in which
 * system_schema.dropped_columns keeps a dropped column's type so that it outlives the type itself.
 */
export function expandUserTypes(t: CqlType): CqlType {
  switch (t.kind) {
    case 'udt': return { kind: 'tuple', elements: t.fields.map((f) => expandUserTypes(f.type)) };
    case 'list':
    case 'set':
    case 'vector': return { ...t, element: expandUserTypes(t.element) };
    case 'map': return { ...t, key: expandUserTypes(t.key), value: expandUserTypes(t.value) };
    case 'tuple': return { ...t, elements: t.elements.map(expandUserTypes) };
    case 'native':
    case 'custom': return t;
  }
}
