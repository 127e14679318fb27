/**
 * The CQL type model. Values travel through Cassanova as serialized Buffers tagged with one of these
 * types; codecs, comparators and literal parsing all dispatch on it.
 */
export type NativeTypeName =
  | 'ascii' | 'bigint' | 'blob' | 'boolean' | 'counter' | 'date' | 'decimal' | 'double' | 'duration'
  | 'float' | 'inet' | 'int' | 'smallint' | 'text' | 'time' | 'timestamp' | 'timeuuid' | 'tinyint'
  | 'uuid' | 'varint';

export interface NativeType {
  readonly kind: 'native';
  readonly name: NativeTypeName;
}
export interface ListType {
  readonly kind: 'list';
  readonly element: CqlType;
  readonly frozen: boolean;
}
export interface SetType {
  readonly kind: 'set';
  readonly element: CqlType;
  readonly frozen: boolean;
}
export interface MapType {
  readonly kind: 'map';
  readonly key: CqlType;
  readonly value: CqlType;
  readonly frozen: boolean;
}
/** Tuples are always frozen. */
export interface TupleType {
  readonly kind: 'tuple';
  readonly elements: readonly CqlType[];
}
export interface UdtField {
  readonly name: string;
  readonly type: CqlType;
}
export interface UserType {
  readonly kind: 'udt';
  readonly keyspace: string;
  readonly name: string;
  readonly fields: readonly UdtField[];
  readonly frozen: boolean;
}
/** vector<float, 3>: fixed-length, always frozen (Cassandra 5.0). */
export interface VectorType {
  readonly kind: 'vector';
  readonly element: CqlType;
  readonly dimension: number;
}
/**
 * A type written as a Java class name (a custom type): `className` is its full name as Cassandra prints it
 * (AbstractType.toString, 'org.apache.cassandra.db.marshal.X(...)'), `layout` what Cassanova knows of its values.
 */
export interface CustomType {
  readonly kind: 'custom';
  readonly className: string;
  readonly layout: CustomLayout;
}

/**
 * The composite types of Cassandra's AbstractCompositeType family (CompositeType, DynamicCompositeType),
 * ReversedType (reverses its base type's order), or a class whose values are opaque bytes.
 */
export type CustomLayout =
  | { readonly kind: 'opaque' }
  | { readonly kind: 'composite'; readonly components: readonly CqlType[] }
  | { readonly kind: 'dynamic-composite'; readonly aliases: readonly DynamicCompositeAlias[] }
  | { readonly kind: 'reversed'; readonly base: CqlType };

/** An alias of a DynamicCompositeType: one character (33 to 127) standing for a component type. */
export interface DynamicCompositeAlias {
  readonly alias: string;
  readonly type: CqlType;
}

export type CqlType =
  | NativeType | ListType | SetType | MapType | TupleType | UserType | VectorType | CustomType;

const nativeCache = new Map<NativeTypeName, NativeType>();

/** Interned native types, so `native('int') === native('int')`. */
export function native(name: NativeTypeName): NativeType {
  let t = nativeCache.get(name);
  if (t === undefined) {
    t = Object.freeze({ kind: 'native', name });
    nativeCache.set(name, t);
  }
  return t;
}

export function isCollection(t: CqlType): t is ListType | SetType | MapType {
  return t.kind === 'list' || t.kind === 'set' || t.kind === 'map';
}

/** Whether values of this type are multi-cell in Cassandra (non-frozen collections and UDTs). */
export function isMultiCell(t: CqlType): boolean {
  return (isCollection(t) || t.kind === 'udt') && !t.frozen;
}

export function isCounter(t: CqlType): boolean {
  return t.kind === 'native' && t.name === 'counter';
}
