import type { CqlType, UserType } from '../types/index.js';

/** The types directly nested in `t` (elements, keys and values, tuple components, fields). */
export function subTypes(t: CqlType): readonly CqlType[] {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'vector':
      return [t.element];
    case 'map':
      return [t.key, t.value];
    case 'tuple':
      return t.elements;
    case 'udt':
      return t.fields.map((f) => f.type);
    case 'native':
    case 'custom':
      return [];
  }
}

/** Whether `t` is, or nests, the user type `keyspace.name`. */
export function referencesUserType(t: CqlType, keyspace: string, name: string): boolean {
  if (t.kind === 'udt' && t.keyspace === keyspace && t.name === name) return true;
  return subTypes(t).some((s) => referencesUserType(s, keyspace, name));
}

/** Whether `t` is, or nests, a duration (not allowed in primary keys, as Cassandra's referencesDuration). */
export function referencesDuration(t: CqlType): boolean {
  if (t.kind === 'native' && t.name === 'duration') return true;
  return subTypes(t).some(referencesDuration);
}

/** `t` with every occurrence of `udt` (same keyspace and name) replaced by its new definition, keeping frozenness. */
export function withUpdatedUserType(t: CqlType, udt: UserType): CqlType {
  switch (t.kind) {
    case 'udt':
      if (t.keyspace === udt.keyspace && t.name === udt.name) return { ...udt, frozen: t.frozen };
      return { ...t, fields: t.fields.map((f) => ({ name: f.name, type: withUpdatedUserType(f.type, udt) })) };
    case 'list':
    case 'set':
    case 'vector':
      return { ...t, element: withUpdatedUserType(t.element, udt) };
    case 'map':
      return { ...t, key: withUpdatedUserType(t.key, udt), value: withUpdatedUserType(t.value, udt) };
    case 'tuple':
      return { ...t, elements: t.elements.map((e) => withUpdatedUserType(e, udt)) };
    case 'native':
    case 'custom':
      return t;
  }
}
