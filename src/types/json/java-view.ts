/**
 * A parsed JSON value as Cassandra holds it after Jackson's untyped parse: Boolean, String, Integer, Long,
 * BigInteger (integers by the smallest class that holds them), Double (any number with a fraction or an
 * exponent), ArrayList and LinkedHashMap. Cassandra's messages print the class's simple name and the
 * value's Java toString(), so both are reproduced here.
 */
import { formatJavaDouble } from '../java-number-format.js';
import { isJsonArray, isJsonObject, type JsonNumber, type JsonValue } from './json-value.js';

export type JavaNumberClass = 'Integer' | 'Long' | 'BigInteger' | 'Double';

const INTEGER_TEXT = /^-?[0-9]+$/;
const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

export function javaNumberClass(n: JsonNumber): JavaNumberClass {
  if (!INTEGER_TEXT.test(n.text)) return 'Double';
  const value = BigInt(n.text);
  if (value >= INT_MIN && value <= INT_MAX) return 'Integer';
  return value >= LONG_MIN && value <= LONG_MAX ? 'Long' : 'BigInteger';
}

/** The integer a JSON integer stands for; undefined for numbers Jackson reads as Double. */
export function jsonInteger(n: JsonNumber): bigint | undefined {
  return INTEGER_TEXT.test(n.text) ? BigInt(n.text) : undefined;
}

/** Number.doubleValue(): what a Double holds, or the nearest double to an integer. */
export function jsonDouble(n: JsonNumber): number {
  return Number(n.text);
}

/** getClass().getSimpleName(). */
export function javaSimpleClassName(value: JsonValue): string {
  return javaClassName(value).replace(/^.*\./, '');
}

/** getClass().getName(). */
export function javaClassName(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (typeof value === 'string') return 'java.lang.String';
  if (isJsonArray(value)) return 'java.util.ArrayList';
  if (isJsonObject(value)) return 'java.util.LinkedHashMap';
  const numberClass = javaNumberClass(value);
  return numberClass === 'BigInteger' ? 'java.math.BigInteger' : `java.lang.${numberClass}`;
}

/** toString() (String.valueOf for null): lists as [a, b], maps as {k=v}, doubles as Java prints them. */
export function javaToString(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean' || typeof value === 'string') return String(value);
  if (isJsonArray(value)) return `[${value.map(javaToString).join(', ')}]`;
  if (isJsonObject(value)) {
    return `{${[...value.entries].map(([k, v]) => `${k}=${javaToString(v)}`).join(', ')}}`;
  }
  const integer = jsonInteger(value);
  return integer === undefined ? formatJavaDouble(jsonDouble(value)) : integer.toString();
}

/** The message of the ClassCastException a cast to String raises (Java 11+ wording). */
export function castToStringMessage(value: JsonValue): string {
  const from = javaClassName(value);
  return `class ${from} cannot be cast to class java.lang.String `
    + `(${from} and java.lang.String are in module java.base of loader 'bootstrap')`;
}

/** `Expected a <what>, but got a <Class>: <value>`, the shape of most of Cassandra's JSON type errors. */
export function expectedMessage(what: string, value: JsonValue): string {
  return `Expected ${what}, but got a ${javaSimpleClassName(value)}: ${javaToString(value)}`;
}
