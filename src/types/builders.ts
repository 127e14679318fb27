/**
 * Serialized collection, tuple, UDT and vector values built from already serialized parts, as CQL
 * literals and bound markers produce them. Sets come out sorted without duplicates and maps sorted by key
 * with the last duplicate winning, as Cassandra stores them.
 */
import { InvalidRequestError } from '../errors/index.js';
import type { MapType, SetType, VectorType } from './cql-type.js';
import { comparatorFor } from './comparators.js';
import { packCollection, packFields, packVector } from './codecs/value-layout.js';
import { formatCqlType } from './type-format.js';

export function buildList(elements: readonly Buffer[]): Buffer {
  return packCollection(elements, elements.length);
}

export function buildSet(t: SetType, elements: readonly Buffer[]): Buffer {
  const compare = comparatorFor(t.element);
  const sorted = [...elements].sort(compare);
  const unique = sorted.filter((e, i) => i === 0 || compare(sorted[i - 1]!, e) !== 0);
  return packCollection(unique, unique.length);
}

export function buildMap(t: MapType, entries: readonly (readonly [Buffer, Buffer])[]): Buffer {
  const compare = comparatorFor(t.key);
  // Array.prototype.sort is stable, so among equal keys the last written stays last.
  const sorted = [...entries].sort((x, y) => compare(x[0], y[0]));
  const kept = sorted.filter((e, i) => i === sorted.length - 1 || compare(e[0], sorted[i + 1]![0]) !== 0);
  return packCollection(kept.flatMap(([k, v]) => [k, v]), kept.length);
}

export function buildTuple(elements: readonly (Buffer | null)[]): Buffer {
  return packFields(elements);
}

/** All fields are written, nulls included, in the type's field order. */
export function buildUdt(fields: readonly (Buffer | null)[]): Buffer {
  return packFields(fields);
}

export function buildVector(t: VectorType, elements: readonly Buffer[]): Buffer {
  elements.forEach((e, i) => {
    if (e.length === 0) {
      throw new InvalidRequestError(`Element at index ${i} is null (expected type ${formatCqlType(t.element)})`);
    }
  });
  return packVector(t, elements);
}
