/**
 * Custom types, named as Cassandra names them: the class name of each is its AbstractType.toString, which
 * system_schema records and drivers parse (CompositeType(a,b), DynamicCompositeType(s=>a,i=>b), ReversedType(a)).
 */
import type { CqlType, CustomType, DynamicCompositeAlias } from './cql-type.js';
import { MARSHAL_PACKAGE, marshalClassName } from './marshal-class.js';

export function opaqueCustomType(className: string): CustomType {
  return { kind: 'custom', className, layout: { kind: 'opaque' } };
}

export function compositeType(components: readonly CqlType[]): CustomType {
  const className = `${MARSHAL_PACKAGE}CompositeType(${components.map(marshalClassName).join(',')})`;
  return { kind: 'custom', className, layout: { kind: 'composite', components } };
}

export function reversedType(base: CqlType): CustomType {
  return { kind: 'custom', className: `${MARSHAL_PACKAGE}ReversedType(${marshalClassName(base)})`, layout: { kind: 'reversed', base } };
}

/**
 * A DynamicCompositeType from its aliases as written (a repeated alias keeps its first place and its last
 * type). Cassandra holds them in a java.util.HashMap keyed by the alias byte and prints them in that map's
 * iteration order, so they are kept in that order here.
 */
export function dynamicCompositeType(written: readonly DynamicCompositeAlias[]): CustomType {
  const byAlias = new Map<string, CqlType>();
  for (const { alias, type } of written) byAlias.set(alias, type);
  const aliases = hashMapOrder([...byAlias].map(([alias, type]) => ({ alias, type })));
  const parameters = aliases.map(({ alias, type }) => `${alias}=>${marshalClassName(type)}`).join(',');
  return { kind: 'custom', className: `${MARSHAL_PACKAGE}DynamicCompositeType(${parameters})`, layout: { kind: 'dynamic-composite', aliases } };
}

/**
 * java.util.HashMap iteration order for Byte keys: by bucket (the byte value modulo the table size, which
 * starts at 16 and doubles whenever the map holds more than three quarters of it), then insertion order.
 */
function hashMapOrder(aliases: DynamicCompositeAlias[]): DynamicCompositeAlias[] {
  let tableSize = 16;
  while (aliases.length > tableSize * 0.75) tableSize *= 2;
  const bucket = (a: DynamicCompositeAlias): number => a.alias.charCodeAt(0) & (tableSize - 1);
  // Array.prototype.sort is stable, so aliases sharing a bucket keep their insertion order.
  return aliases.sort((a, b) => bucket(a) - bucket(b));
}

/** The type ordered like `t` but in reverse, for a top-level ReversedType; null for any other type. */
export function reversedBase(t: CqlType): CqlType | null {
  return t.kind === 'custom' && t.layout.kind === 'reversed' ? t.layout.base : null;
}
