import {
  buildList, buildMap, buildSet, buildTuple, buildUdt, splitCollection, splitFields, type CqlType,
} from '../../types/index.js';

/** Whether a type holds a set or a map anywhere: only then may a client's bytes need re-ordering. */
function hasUnorderedPart(t: CqlType): boolean {
  switch (t.kind) {
    case 'set':
    case 'map':
      return true;
    case 'list':
      return hasUnorderedPart(t.element);
    case 'tuple':
      return t.elements.some(hasUnorderedPart);
    case 'udt':
      return t.fields.some((f) => hasUnorderedPart(f.type));
    case 'vector':
      return false;
    default:
      return false;
  }
}

const cache = new WeakMap<CqlType, boolean>();

/**
 * Sets and maps are stored sorted by their element (key) comparator, without duplicates, whatever
 * order the client sent them in, as Cassandra's Sets.Value/Maps.Value.fromSerialized do. Values of
 * other types are returned unchanged (and cheaply: the check is cached per type).
 */
export function normalizeValue(t: CqlType, value: Buffer): Buffer {
  let needed = cache.get(t);
  if (needed === undefined) {
    needed = hasUnorderedPart(t);
    cache.set(t, needed);
  }
  return needed ? normalize(t, value) : value;
}

function normalize(t: CqlType, value: Buffer): Buffer {
  switch (t.kind) {
    case 'set':
      return buildSet(t, (splitCollection(value, 'set') as Buffer[]).map((e) => normalizeValue(t.element, e)));
    case 'map': {
      const parts = splitCollection(value, 'map') as Buffer[];
      const entries: [Buffer, Buffer][] = [];
      for (let i = 0; i < parts.length; i += 2) entries.push([normalizeValue(t.key, parts[i]!), normalizeValue(t.value, parts[i + 1]!)]);
      return buildMap(t, entries);
    }
    case 'list':
      return buildList((splitCollection(value, 'list') as Buffer[]).map((e) => normalizeValue(t.element, e)));
    case 'tuple':
      return buildTuple(splitFields(value, t.elements.length).map((f, i) => (f === null ? null : normalizeValue(t.elements[i]!, f))));
    case 'udt':
      return buildUdt(splitFields(value, t.fields.length).map((f, i) => (f === null ? null : normalizeValue(t.fields[i]!.type, f))));
    default:
      return value;
  }
}
