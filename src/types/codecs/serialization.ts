/**
 * serialize/deserialize between bytes and plain JS values for every CQL type; native forms are listed in
 * native-codecs.ts. Collections: list and set ↔ array (a Set is accepted for sets), map ↔ array of
 * [key, value] (a Map or a plain object for text keys is accepted), tuple and UDT ↔ array with nulls
 * (an object by field name is accepted for UDTs), vector ↔ array, custom ↔ Buffer.
 */
import { InvalidRequestError } from '../../errors/index.js';
import type { CqlType } from '../cql-type.js';
import { buildList, buildMap, buildSet, buildTuple, buildUdt, buildVector } from '../builders.js';
import { formatCqlType } from '../type-format.js';
import { deserializeNative, invalidValue, serializeNative } from './native-codecs.js';
import { splitCollection, splitFields, splitVector } from './value-layout.js';

export function serialize(t: CqlType, value: unknown): Buffer {
  switch (t.kind) {
    case 'native': return serializeNative(t.name, value);
    case 'custom':
      if (!(value instanceof Uint8Array)) throw invalidValue(formatCqlType(t), value);
      return Buffer.from(value);
    case 'list': return buildList(elementsOf(t, value).map((e) => serializeElement(t.element, e)));
    case 'set': return buildSet(t, elementsOf(t, value).map((e) => serializeElement(t.element, e)));
    case 'map': return buildMap(t, entriesOf(t, value).map(([k, v]) => [serializeElement(t.key, k), serializeElement(t.value, v)]));
    case 'vector': return buildVector(t, elementsOf(t, value).map((e) => serializeElement(t.element, e)));
    case 'tuple': {
      const items = elementsOf(t, value);
      if (items.length > t.elements.length) throw invalidValue(formatCqlType(t), value);
      return buildTuple(t.elements.map((et, i) => nullable(et, items[i])));
    }
    case 'udt': {
      const items = udtFieldsOf(t.fields.map((f) => f.name), value);
      if (items === undefined) throw invalidValue(formatCqlType(t), value);
      return buildUdt(t.fields.map((f, i) => nullable(f.type, items[i])));
    }
  }
}

function serializeElement(t: CqlType, value: unknown): Buffer {
  if (value === null || value === undefined) throw new InvalidRequestError('null is not supported inside collections');
  return serialize(t, value);
}

function nullable(t: CqlType, value: unknown): Buffer | null {
  return value === null || value === undefined ? null : serialize(t, value);
}

function elementsOf(t: CqlType, value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value instanceof Set) return [...(value as Set<unknown>)];
  throw invalidValue(formatCqlType(t), value);
}

function entriesOf(t: CqlType, value: unknown): [unknown, unknown][] {
  if (value instanceof Map) return [...(value as Map<unknown, unknown>)];
  if (Array.isArray(value) && value.every((e) => Array.isArray(e) && e.length === 2)) return value as [unknown, unknown][];
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)) {
    return Object.entries(value);
  }
  throw invalidValue(formatCqlType(t), value);
}

function udtFieldsOf(names: readonly string[], value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value.length <= names.length ? value : undefined;
  if (value instanceof Map) return names.map((n) => (value as Map<unknown, unknown>).get(n));
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (Object.keys(record).some((k) => !names.includes(k))) return undefined;
    return names.map((n) => record[n]);
  }
  return undefined;
}

/**
 * Decodes a value that has been validated (validateValue). Empty values of collections, tuples, UDTs,
 * vectors and of native types other than text, ascii and blob come back as null.
 */
export function deserialize(t: CqlType, buf: Buffer): unknown {
  if (t.kind === 'native') return deserializeNative(t.name, buf);
  if (t.kind === 'custom') return Buffer.from(buf);
  if (buf.length === 0) return null;
  switch (t.kind) {
    case 'list': case 'set':
      return splitCollection(buf, t.kind).map((e) => (e === null ? null : deserialize(t.element, e)));
    case 'map': {
      const parts = splitCollection(buf, 'map');
      const entries: [unknown, unknown][] = [];
      for (let i = 0; i < parts.length; i += 2) {
        entries.push([nullableValue(t.key, parts[i]!), nullableValue(t.value, parts[i + 1]!)]);
      }
      return entries;
    }
    case 'tuple': {
      const fields = splitFields(buf, t.elements.length);
      return t.elements.map((et, i) => nullableValue(et, fields[i] ?? null));
    }
    case 'udt': {
      const fields = splitFields(buf, t.fields.length, t.fields.map((f) => f.name));
      return t.fields.map((f, i) => nullableValue(f.type, fields[i] ?? null));
    }
    case 'vector':
      return splitVector(t, buf).map((e) => deserialize(t.element, e));
  }
}

function nullableValue(t: CqlType, buf: Buffer | null): unknown {
  return buf === null ? null : deserialize(t, buf);
}
