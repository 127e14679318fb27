/**
 * The byte layouts of multi-part values, shared by codecs, validation, comparators and literal printing:
 * collections (spec §6.4/6.10/6.11, v3+: [int n] then n × [int len][bytes]), tuples and UDTs
 * (§6.20/6.19: [int len][bytes] per field, len < 0 for null) and Cassandra 5.0 vectors (fixed-length
 * elements packed back to back; otherwise each preceded by an unsigned vint length).
 */
import { InvalidRequestError } from '../../errors/index.js';
import type { CqlType, VectorType } from '../cql-type.js';
import { readUnsignedVInt, writeUnsignedVInt } from '../vint.js';

export type CollectionKind = 'list' | 'set' | 'map';

/**
 * The elements of a serialized collection (keys and values alternate for maps, so 2n parts). Nulls
 * come back as null; the caller decides whether they are allowed.
 */
export function splitCollection(buf: Buffer, kind: CollectionKind): (Buffer | null)[] {
  if (buf.length < 4) throw new InvalidRequestError(`Not enough bytes to read a ${kind}`);
  const count = buf.readInt32BE(0);
  if (count < 0) throw new InvalidRequestError(`The data cannot be deserialized as a ${kind}`);
  const partCount = kind === 'map' ? count * 2 : count;
  const parts: (Buffer | null)[] = [];
  let offset = 4;
  for (let i = 0; i < partCount; i++) {
    if (offset + 4 > buf.length) throw new InvalidRequestError(`Not enough bytes to read a ${kind}`);
    const size = buf.readInt32BE(offset);
    offset += 4;
    if (size < 0) {
      parts.push(null);
      continue;
    }
    if (offset + size > buf.length) throw new InvalidRequestError(`Not enough bytes to read a ${kind}`);
    parts.push(buf.subarray(offset, offset + size));
    offset += size;
  }
  if (offset !== buf.length) throw new InvalidRequestError(`Unexpected extraneous bytes after ${kind} value`);
  return parts;
}

/**
 * The fields of a tuple or UDT value. Fewer fields than declared is allowed (fields added later);
 * more is not. `fieldNames` is given for UDTs, whose messages name the field.
 */
export function splitFields(buf: Buffer, fieldCount: number, fieldNames?: readonly string[]): (Buffer | null)[] {
  const udt = fieldNames !== undefined;
  const fields: (Buffer | null)[] = [];
  let offset = 0;
  for (let i = 0; i < fieldCount && offset < buf.length; i++) {
    const what = udt ? `${i}th field ${fieldNames[i]}` : `${i}th component`;
    if (offset + 4 > buf.length) throw new InvalidRequestError(`Not enough bytes to read size of ${what}`);
    const size = buf.readInt32BE(offset);
    offset += 4;
    if (size < 0) {
      fields.push(null);
      continue;
    }
    if (offset + size > buf.length) throw new InvalidRequestError(`Not enough bytes to read ${what}`);
    fields.push(buf.subarray(offset, offset + size));
    offset += size;
  }
  if (offset !== buf.length) {
    throw new InvalidRequestError(`Invalid remaining data after end of ${udt ? 'UDT' : 'tuple'} value`);
  }
  return fields;
}

/** Cassandra's valueLengthIfFixed: the byte length every value of the type has, or -1. */
export function fixedLengthOf(t: CqlType): number {
  if (t.kind === 'vector') {
    const element = fixedLengthOf(t.element);
    return element < 0 ? -1 : element * t.dimension;
  }
  if (t.kind !== 'native') return -1;
  switch (t.name) {
    case 'boolean': return 1;
    case 'int': case 'float': return 4;
    case 'bigint': case 'double': case 'timestamp': return 8;
    case 'uuid': case 'timeuuid': return 16;
    default: return -1;
  }
}

export function splitVector(t: VectorType, buf: Buffer): Buffer[] {
  const elements: Buffer[] = [];
  const fixed = fixedLengthOf(t.element);
  let offset = 0;
  for (let i = 0; i < t.dimension; i++) {
    let size = fixed;
    if (fixed < 0) {
      const read = readUnsignedVInt(buf, offset);
      if (read === undefined) throw new InvalidRequestError('Not enough bytes to read a vector');
      size = Number(read.value);
      offset += read.size;
    }
    if (offset + size > buf.length) throw new InvalidRequestError('Not enough bytes to read a vector');
    elements.push(buf.subarray(offset, offset + size));
    offset += size;
  }
  if (offset !== buf.length) throw new InvalidRequestError('Unexpected extraneous bytes after vector value');
  return elements;
}

/** [int n] then each part as [int len][bytes]; `count` is n (entries, for maps). */
export function packCollection(parts: readonly Buffer[], count: number): Buffer {
  let size = 4;
  for (const p of parts) size += 4 + p.length;
  const out = Buffer.allocUnsafe(size);
  out.writeInt32BE(count, 0);
  let offset = 4;
  for (const p of parts) {
    out.writeInt32BE(p.length, offset);
    p.copy(out, offset + 4);
    offset += 4 + p.length;
  }
  return out;
}

/** Each field as [int len][bytes], -1 for null. */
export function packFields(fields: readonly (Buffer | null)[]): Buffer {
  let size = 0;
  for (const f of fields) size += 4 + (f === null ? 0 : f.length);
  const out = Buffer.allocUnsafe(size);
  let offset = 0;
  for (const f of fields) {
    out.writeInt32BE(f === null ? -1 : f.length, offset);
    offset += 4;
    if (f !== null) {
      f.copy(out, offset);
      offset += f.length;
    }
  }
  return out;
}

export function packVector(t: VectorType, elements: readonly Buffer[]): Buffer {
  if (elements.length !== t.dimension) {
    throw new InvalidRequestError(`Required ${t.dimension} elements, but saw ${elements.length}`);
  }
  const fixed = fixedLengthOf(t.element);
  if (fixed >= 0) return Buffer.concat(elements);
  return Buffer.concat(elements.flatMap((e) => [writeUnsignedVInt(BigInt(e.length)), e]));
}
