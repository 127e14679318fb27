/**
 * The byte layout of Cassandra's composite values (AbstractCompositeType): components one after another,
 * each an optional comparator part (DynamicCompositeType only), a [short] length, the value and an
 * end-of-component byte. A CompositeType value may start with the static marker 0xFFFF.
 */
import type { CqlType, CustomType, DynamicCompositeAlias } from '../cql-type.js';
import { parseMarshalType } from '../marshal-type-parser.js';

export type CompositeLayout = Extract<CustomType['layout'], { kind: 'composite' | 'dynamic-composite' }>;

export function compositeLayoutOf(t: CqlType): CompositeLayout | undefined {
  if (t.kind !== 'custom') return undefined;
  const layout = t.layout;
  return layout.kind === 'composite' || layout.kind === 'dynamic-composite' ? layout : undefined;
}

const STATIC_MARKER = 0xffff;

/** Where the components start: past the static marker of a CompositeType value (readIsStatic). */
export function startingOffset(layout: CompositeLayout, buf: Buffer): number {
  return layout.kind === 'composite' && isStatic(buf) ? 2 : 0;
}

export function isStatic(buf: Buffer): boolean {
  return buf.length >= 2 && buf.readUInt16BE(0) === STATIC_MARKER;
}

/** A DynamicCompositeType comparator part: the component type it names (undefined if none) and its size. */
export interface ComparatorPart {
  readonly type: CqlType | undefined;
  readonly sizeBytes: number;
}

/**
 * Reads the comparator part at `offset` of a DynamicCompositeType value: a header with the high bit set is
 * an alias (its low byte); otherwise the header is the length of a class name that follows. The caller
 * checks there are enough bytes.
 */
export function readComparatorPart(aliases: readonly DynamicCompositeAlias[], buf: Buffer, offset: number): ComparatorPart {
  const header = buf.readUInt16BE(offset);
  if ((header & 0x8000) !== 0) {
    const alias = String.fromCharCode(header & 0xff);
    return { type: aliases.find((a) => a.alias === alias)?.type, sizeBytes: 2 };
  }
  const name = buf.toString('utf8', offset + 2, offset + 2 + header);
  return { type: typeNamed(name), sizeBytes: 2 + header };
}

const namedTypes = new Map<string, CqlType | undefined>();
/** Names remembered at most: values come from clients, which could otherwise grow the map without end. */
const NAMED_TYPES_KEPT = 1024;

/** TypeParser.parse of a class name found in a value, remembered: the same few names recur in every value. */
export function typeNamed(name: string): CqlType | undefined {
  if (namedTypes.has(name)) return namedTypes.get(name);
  let type: CqlType | undefined;
  try {
    type = parseMarshalType(name);
  } catch {
    type = undefined;
  }
  if (namedTypes.size < NAMED_TYPES_KEPT) namedTypes.set(name, type);
  return type;
}
