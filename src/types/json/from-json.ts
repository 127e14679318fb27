/**
 * fromJsonValue: the serialized value a parsed JSON value stands for, as Cassandra's fromJSONObject and
 * the terms it builds produce it (for fromJson() and INSERT JSON). Collections, tuples, UDTs and vectors
 * take JSON arrays and objects, or a string holding their JSON (that is how they arrive as map keys).
 * Sets and maps come out sorted and without repeats, as CQL literals do.
 */
import { InvalidRequestError, ServerError } from '../../errors/index.js';
import { native, type CqlType, type CustomType, type MapType, type TupleType, type UserType, type VectorType } from '../cql-type.js';
import { buildList, buildMap, buildSet, buildTuple, buildUdt, buildVector } from '../builders.js';
import { expectedMessage, javaToString } from './java-view.js';
import { parseJson } from './json-parser.js';
import { isJsonArray, isJsonObject, type JsonValue } from './json-value.js';
import { nativeFromJson } from './from-json-native.js';

/**
 * Null for JSON null. Errors are InvalidRequestErrors with Cassandra's MarshalException messages. None of
 * them names the receiver (the column or bind marker being set): callers add that context themselves, as
 * Cassandra's `Error decoding JSON value for <receiver>: …` does. `nowMs` answers the timestamp 'now'.
 */
export function fromJsonValue(t: CqlType, value: JsonValue, receiver: string, nowMs?: () => number): Buffer | null {
  if (value === null) return null;
  return new JsonReader(nowMs).read(t, value);
}

class JsonReader {
  constructor(private readonly nowMs: (() => number) | undefined) {}

  /** `value` is not JSON null. */
  read(t: CqlType, value: JsonValue): Buffer {
    switch (t.kind) {
      case 'native': return nativeFromJson(t.name, value, this.nowMs);
      case 'custom': return this.custom(t, value);
      case 'list': return buildList(this.elements(t.element, this.list(value, 'a list'), 'list'));
      case 'set': return buildSet(t, this.elements(t.element, this.list(value, 'a list (representing a set)'), 'set'));
      case 'map': return this.map(t, value);
      case 'tuple': return this.tuple(t, value);
      case 'udt': return this.udt(t, value);
      case 'vector': return this.vector(t, value);
    }
  }

  /**
   * A custom type known only by its class name is taken as bytes, written "0x…" as blobs are; composites
   * cannot be read from JSON (AbstractCompositeType.fromJSONObject throws UnsupportedOperationException).
   */
  private custom(t: CustomType, value: JsonValue): Buffer {
    if (t.layout.kind === 'reversed') return this.read(t.layout.base, value);
    if (t.layout.kind !== 'opaque') throw new ServerError('java.lang.UnsupportedOperationException');
    return this.read(native('blob'), value);
  }

  /** The JSON array of a list-like value; a string is decoded as JSON first. */
  private list(value: JsonValue, what: string): readonly JsonValue[] {
    const decoded = decodeNested(value);
    if (!isJsonArray(decoded)) throw invalid(expectedMessage(what, decoded));
    return decoded;
  }

  private elements(t: CqlType, items: readonly JsonValue[], kind: 'list' | 'set'): Buffer[] {
    return items.map((item) => {
      if (item === null) throw invalid(`Invalid null element in ${kind}`);
      return this.read(t, item);
    });
  }

  private map(t: MapType, value: JsonValue): Buffer {
    const decoded = decodeNested(value);
    if (!isJsonObject(decoded)) throw invalid(expectedMessage('a map', decoded));
    const entries: [Buffer, Buffer][] = [];
    for (const [key, item] of decoded.entries) {
      if (item === null) throw invalid('Invalid null value in map');
      entries.push([this.read(t.key, key), this.read(t.value, item)]);
    }
    return buildMap(t, entries);
  }

  private tuple(t: TupleType, value: JsonValue): Buffer {
    const items = this.list(value, 'a list representation of a tuple');
    const shown = javaToString(items);
    if (items.length > t.elements.length) {
      throw invalid(`Tuple contains extra items (expected ${t.elements.length}): ${shown}`);
    }
    if (items.length < t.elements.length) {
      throw invalid(`Tuple is missing items (expected ${t.elements.length}): ${shown}`);
    }
    return buildTuple(t.elements.map((et, i) => this.readNullable(et, items[i] ?? null)));
  }

  private udt(t: UserType, value: JsonValue): Buffer {
    const decoded = decodeNested(value);
    if (!isJsonObject(decoded)) throw invalid(expectedMessage('a map', decoded));
    const fields = withCaseSensitivity(decoded.entries);
    const names = t.fields.map((f) => f.name);
    const unknown = [...fields.keys()].find((key) => !names.includes(key));
    const values = t.fields.map((f) => this.readNullable(f.type, fields.get(f.name) ?? null));
    if (unknown !== undefined) {
      throw invalid(`Unknown field '${unknown}' in value of user defined type ${t.name}`);
    }
    return buildUdt(values);
  }

  private vector(t: VectorType, value: JsonValue): Buffer {
    const items = this.list(value, 'a list');
    if (items.length !== t.dimension) {
      throw invalid(`List had incorrect size: expected ${t.dimension} but given ${items.length}; ${javaToString(items)}`);
    }
    return buildVector(t, this.elements(t.element, items, 'list'));
  }

  private readNullable(t: CqlType, value: JsonValue): Buffer | null {
    return value === null ? null : this.read(t, value);
  }
}

/** Collections, tuples and UDTs given as a JSON string hold their JSON inside it (Json.decodeJson). */
function decodeNested(value: JsonValue): JsonValue {
  if (typeof value !== 'string') return value;
  try {
    return parseJson(value);
  } catch (e) {
    throw invalid(`Error decoding JSON string: ${(e as Error).message}`);
  }
}

/**
 * Json.handleCaseSensitivity: a "quoted" key keeps its case without the quotes, any other is lower-cased.
 * A key that changes moves to the end, as it does in Cassandra's LinkedHashMap.
 */
function withCaseSensitivity(entries: ReadonlyMap<string, JsonValue>): Map<string, JsonValue> {
  const out = new Map(entries);
  for (const key of entries.keys()) {
    const quoted = key.length >= 2 && key.startsWith('"') && key.endsWith('"');
    const name = quoted ? key.slice(1, -1) : key.toLowerCase();
    if (name === key) continue;
    // The key's current value: an earlier key may have been renamed onto it.
    const value = out.get(key) as JsonValue;
    out.delete(key);
    out.set(name, value);
  }
  return out;
}

function invalid(message: string): InvalidRequestError {
  return new InvalidRequestError(message);
}
