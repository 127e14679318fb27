/**
 * Cassandra's value orders (the compare/compareCustom of each AbstractType), on serialized values. They
 * order clustering keys, so they are built once per type (comparatorFor, cached) and fixed-size native
 * comparisons read straight from the buffers without allocating. Empty values sort first.
 */
import type { CqlType, CustomType, NativeTypeName, VectorType } from './cql-type.js';
import { compositeComparator } from './composite/composite-comparator.js';
import { compareDecimals, decimalFromBytes } from './big-number.js';
import { fixedLengthOf, splitVector } from './codecs/value-layout.js';

export type ValueComparator = (a: Buffer, b: Buffer) => number;

const cache = new WeakMap<CqlType, ValueComparator>();

export function comparatorFor(t: CqlType): ValueComparator {
  let comparator = cache.get(t);
  if (comparator === undefined) {
    comparator = buildComparator(t);
    cache.set(t, comparator);
  }
  return comparator;
}

export function compareValues(t: CqlType, a: Buffer, b: Buffer): number {
  return comparatorFor(t)(a, b);
}

function buildComparator(t: CqlType): ValueComparator {
  switch (t.kind) {
    case 'native': return NATIVE_COMPARATORS[t.name];
    case 'custom': return customComparator(t);
    case 'list': case 'set': return listComparator(comparatorFor(t.element));
    case 'map': return mapComparator(comparatorFor(t.key), comparatorFor(t.value));
    case 'tuple': return fieldsComparator(t.elements.map(comparatorFor));
    case 'udt': return fieldsComparator(t.fields.map((f) => comparatorFor(f.type)));
    case 'vector': return vectorComparator(t);
  }
}

/** Composites compare component by component; ReversedType reverses its base type's order, empty values still first. */
function customComparator(t: CustomType): ValueComparator {
  const layout = t.layout;
  switch (layout.kind) {
    case 'opaque': return compareBytes;
    case 'reversed': {
      const base = comparatorFor(layout.base);
      return (a, b) => (a.length === 0 || b.length === 0 ? emptyOrder(a, b) : base(b, a));
    }
    default: return compositeComparator(t, layout, comparatorFor);
  }
}

/** Boolean.compare(rightEmpty, leftEmpty): an empty value sorts before any other. */
function emptyOrder(a: Buffer, b: Buffer): number {
  return (a.length === 0 ? 0 : 1) - (b.length === 0 ? 0 : 1);
}

const compareBytes: ValueComparator = (a, b) => a.compare(b);

const compareInt8: ValueComparator = (a, b) =>
  a.length === 0 || b.length === 0 ? emptyOrder(a, b) : a.readInt8(0) - b.readInt8(0);

const compareInt16: ValueComparator = (a, b) =>
  a.length === 0 || b.length === 0 ? emptyOrder(a, b) : a.readInt16BE(0) - b.readInt16BE(0);

const compareInt32: ValueComparator = (a, b) =>
  a.length === 0 || b.length === 0 ? emptyOrder(a, b) : a.readInt32BE(0) - b.readInt32BE(0);

/** Signed 64-bit order from the signed high word and the unsigned low word. */
const compareInt64: ValueComparator = (a, b) => {
  if (a.length === 0 || b.length === 0) return emptyOrder(a, b);
  const high = a.readInt32BE(0) - b.readInt32BE(0);
  return high !== 0 ? high : a.readUInt32BE(4) - b.readUInt32BE(4);
};

/** Java's Float.compare/Double.compare: -0.0 before 0.0, NaN after everything and equal to itself. */
function compareJavaFloating(x: number, y: number): number {
  if (x < y) return -1;
  if (x > y) return 1;
  const xNaN = Number.isNaN(x);
  const yNaN = Number.isNaN(y);
  if (xNaN || yNaN) return (xNaN ? 1 : 0) - (yNaN ? 1 : 0);
  return x === 0 ? (Object.is(x, -0) ? 0 : 1) - (Object.is(y, -0) ? 0 : 1) : 0;
}

const compareFloat: ValueComparator = (a, b) =>
  a.length === 0 || b.length === 0 ? emptyOrder(a, b) : compareJavaFloating(a.readFloatBE(0), b.readFloatBE(0));

const compareDouble: ValueComparator = (a, b) =>
  a.length === 0 || b.length === 0 ? emptyOrder(a, b) : compareJavaFloating(a.readDoubleBE(0), b.readDoubleBE(0));

const compareBoolean: ValueComparator = (a, b) =>
  a.length === 0 || b.length === 0 ? emptyOrder(a, b) : (a[0] === 0 ? 0 : 1) - (b[0] === 0 ? 0 : 1);

/** IntegerType order: sign, then count of significant bytes, then the bytes themselves. */
const compareVarint: ValueComparator = (a, b) => {
  if (a.length === 0 || b.length === 0) return emptyOrder(a, b);
  const negativeA = a[0]! >= 0x80;
  const negativeB = b[0]! >= 0x80;
  if (negativeA !== negativeB) return negativeA ? -1 : 1;
  const startA = significantStart(a, negativeA);
  const startB = significantStart(b, negativeB);
  const lengthDiff = (a.length - startA) - (b.length - startB);
  if (lengthDiff !== 0) return negativeA ? -lengthDiff : lengthDiff;
  return a.compare(b, startB, b.length, startA, a.length);
};

/** Index of the first byte that is not redundant sign extension. */
function significantStart(buf: Buffer, negative: boolean): number {
  const pad = negative ? 0xff : 0x00;
  let i = 0;
  while (i < buf.length - 1 && buf[i] === pad && (buf[i + 1]! >= 0x80) === negative) i++;
  return i;
}

const compareDecimal: ValueComparator = (a, b) =>
  a.length === 0 || b.length === 0 ? emptyOrder(a, b) : compareDecimals(decimalFromBytes(a), decimalFromBytes(b));

/** Version 1 timestamps in time order: time_hi (bytes 6–7), time_mid (4–5), time_low (0–3). */
function compareTimestampBytes(a: Buffer, b: Buffer): number {
  return a.compare(b, 6, 8, 6, 8) || a.compare(b, 4, 6, 4, 6) || a.compare(b, 0, 4, 0, 4);
}

/** UUIDType: version first; version 1 by time then the low bytes, others by unsigned bytes. */
const compareUuid: ValueComparator = (a, b) => {
  if (a.length !== 16 || b.length !== 16) return (a.length === 16 ? 1 : 0) - (b.length === 16 ? 1 : 0);
  const versionDiff = (a[6]! >> 4) - (b[6]! >> 4);
  if (versionDiff !== 0) return versionDiff;
  if (a[6]! >> 4 !== 1) return a.compare(b);
  return compareTimestampBytes(a, b) || a.compare(b, 8, 16, 8, 16);
};

/** TimeUUIDType: by time, then the clock sequence and node as signed bytes (CASSANDRA-8730). */
const compareTimeUuid: ValueComparator = (a, b) => {
  if (a.length !== 16 || b.length !== 16) return (a.length === 16 ? 1 : 0) - (b.length === 16 ? 1 : 0);
  const byTime = compareTimestampBytes(a, b);
  if (byTime !== 0) return byTime;
  for (let i = 8; i < 16; i++) {
    const diff = a.readInt8(i) - b.readInt8(i);
    if (diff !== 0) return diff;
  }
  return 0;
};

const NATIVE_COMPARATORS: Readonly<Record<NativeTypeName, ValueComparator>> = {
  ascii: compareBytes, text: compareBytes, blob: compareBytes, inet: compareBytes,
  // SimpleDateType (unsigned days), TimeType and DurationType compare their bytes.
  date: compareBytes, time: compareBytes, duration: compareBytes,
  boolean: compareBoolean, tinyint: compareInt8, smallint: compareInt16, int: compareInt32,
  bigint: compareInt64, counter: compareInt64, timestamp: compareInt64,
  varint: compareVarint, decimal: compareDecimal, float: compareFloat, double: compareDouble,
  uuid: compareUuid, timeuuid: compareTimeUuid,
};

/** Reads the [int len][bytes] at offset; null values read as empty. Returns the value and the next offset. */
function readPart(buf: Buffer, offset: number): [Buffer, number] {
  const size = buf.readInt32BE(offset);
  const start = offset + 4;
  return size < 0 ? [buf.subarray(start, start), start] : [buf.subarray(start, start + size), start + size];
}

/** Frozen lists and sets: element by element, then the shorter first. */
function listComparator(element: ValueComparator): ValueComparator {
  return (a, b) => {
    if (a.length === 0 || b.length === 0) return emptyOrder(a, b);
    const sizeA = a.readInt32BE(0);
    const sizeB = b.readInt32BE(0);
    let offsetA = 4;
    let offsetB = 4;
    for (let i = 0; i < Math.min(sizeA, sizeB); i++) {
      const [elementA, nextA] = readPart(a, offsetA);
      const [elementB, nextB] = readPart(b, offsetB);
      const c = element(elementA, elementB);
      if (c !== 0) return c;
      offsetA = nextA;
      offsetB = nextB;
    }
    return sizeA - sizeB;
  };
}

function mapComparator(key: ValueComparator, value: ValueComparator): ValueComparator {
  return (a, b) => {
    if (a.length === 0 || b.length === 0) return emptyOrder(a, b);
    const sizeA = a.readInt32BE(0);
    const sizeB = b.readInt32BE(0);
    let offsetA = 4;
    let offsetB = 4;
    for (let i = 0; i < Math.min(sizeA, sizeB) * 2; i++) {
      const [partA, nextA] = readPart(a, offsetA);
      const [partB, nextB] = readPart(b, offsetB);
      const c = (i % 2 === 0 ? key : value)(partA, partB);
      if (c !== 0) return c;
      offsetA = nextA;
      offsetB = nextB;
    }
    return sizeA - sizeB;
  };
}

/** TupleType order: field by field, a null before any value; missing trailing fields count as nulls. */
function fieldsComparator(fields: readonly ValueComparator[]): ValueComparator {
  return (a, b) => {
    if (a.length === 0 || b.length === 0) return emptyOrder(a, b);
    let offsetA = 0;
    let offsetB = 0;
    for (let i = 0; i < fields.length && offsetA < a.length && offsetB < b.length; i++) {
      const sizeA = a.readInt32BE(offsetA);
      const sizeB = b.readInt32BE(offsetB);
      const [fieldA, nextA] = readPart(a, offsetA);
      const [fieldB, nextB] = readPart(b, offsetB);
      offsetA = nextA;
      offsetB = nextB;
      if (sizeA < 0 || sizeB < 0) {
        if (sizeA < 0 && sizeB < 0) continue;
        return sizeA < 0 ? -1 : 1;
      }
      const c = fields[i]!(fieldA, fieldB);
      if (c !== 0) return c;
    }
    const restNullA = onlyNullsFrom(a, offsetA);
    const restNullB = onlyNullsFrom(b, offsetB);
    if (restNullA && restNullB) return 0;
    if (offsetA >= a.length) return restNullB ? 0 : -1;
    return restNullA ? 0 : 1;
  };
}

function onlyNullsFrom(buf: Buffer, offset: number): boolean {
  for (let o = offset; o < buf.length; o += 4) {
    if (buf.readInt32BE(o) >= 0) return false;
  }
  return true;
}

function vectorComparator(t: VectorType): ValueComparator {
  const element = comparatorFor(t.element);
  const fixed = fixedLengthOf(t.element);
  return (a, b) => {
    if (a.length === 0 || b.length === 0) return emptyOrder(a, b);
    if (fixed >= 0) {
      for (let offset = 0; offset < fixed * t.dimension; offset += fixed) {
        const c = element(a.subarray(offset, offset + fixed), b.subarray(offset, offset + fixed));
        if (c !== 0) return c;
      }
      return 0;
    }
    const elementsA = splitVector(t, a);
    const elementsB = splitVector(t, b);
    for (let i = 0; i < t.dimension; i++) {
      const c = element(elementsA[i]!, elementsB[i]!);
      if (c !== 0) return c;
    }
    return 0;
  };
}
