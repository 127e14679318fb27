/**
 * Parsed JSON as Cassandra's JSON support sees it. Numbers keep their source text so that bigint, varint
 * and decimal values lose nothing, and so that each can be classed as Jackson would class it (Integer,
 * Long, BigInteger or Double). Objects keep their keys in order; a repeated key keeps its first place and
 * its last value, as Jackson's LinkedHashMap does.
 */
export type JsonValue = null | boolean | string | JsonNumber | readonly JsonValue[] | JsonObject;

export interface JsonNumber {
  readonly kind: 'json-number';
  /** The number as written: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  readonly text: string;
}

export interface JsonObject {
  readonly kind: 'json-object';
  readonly entries: ReadonlyMap<string, JsonValue>;
}

export function jsonNumber(text: string): JsonNumber {
  return { kind: 'json-number', text };
}

export function jsonObject(entries: Iterable<readonly [string, JsonValue]>): JsonObject {
  return { kind: 'json-object', entries: new Map(entries) };
}

export function isJsonArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}

export function isJsonNumber(value: JsonValue): value is JsonNumber {
  return typeof value === 'object' && value !== null && !isJsonArray(value) && value.kind === 'json-number';
}

export function isJsonObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !isJsonArray(value) && value.kind === 'json-object';
}

/**
 * A value as JSON.parse reads it, as Cassandra's JSON support sees it (numbers by their shortest text:
 * integers past 2^53 have lost digits already, so such values travel as strings, which fromJson takes).
 */
export function jsonValueOf(value: unknown): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${value} is not a JSON number`);
    return jsonNumber(String(value));
  }
  if (Array.isArray(value)) return value.map(jsonValueOf);
  if (typeof value === 'object') return jsonObject(Object.entries(value).map(([k, v]) => [k, jsonValueOf(v)]));
  throw new TypeError(`a ${typeof value} is not a JSON value`);
}
