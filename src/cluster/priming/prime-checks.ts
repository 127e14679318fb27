import { ConsistencyLevel, type ConsistencyName } from '../../errors/index.js';

/**
 * The rules a prime's fields follow, each failing with a message that names the field: primes come from
 * TypeScript, from plain JavaScript and from JSON, and a mistake should say where it is.
 */
export function checkPrime(condition: boolean, field: string, expected: string, value: unknown): asserts condition {
  if (!condition) throw new TypeError(`prime: ${field} must be ${expected} (got ${describe(value)})`);
}

export function wholeNumber(value: unknown, field: string): number {
  checkPrime(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0, field, 'a whole number, 0 or more', value);
  return value;
}

export function optionalString(value: unknown, field: string): string | undefined {
  checkPrime(value === undefined || typeof value === 'string', field, 'a string', value);
  return value;
}

export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  checkPrime(typeof value === 'string' && (allowed as readonly string[]).includes(value), field, `one of ${allowed.join(', ')}`, value);
  return value as T;
}

/** A consistency level by name (any case). */
export function consistencyLevel(value: unknown, field: string): ConsistencyLevel {
  const name = typeof value === 'string' ? value.toUpperCase() : '';
  checkPrime(Object.hasOwn(CONSISTENCY_NAMES, name), field, `a consistency level (${Object.keys(CONSISTENCY_NAMES).join(', ')})`, value);
  return ConsistencyLevel[name as ConsistencyName];
}

const CONSISTENCY_NAMES: Readonly<Record<ConsistencyName, true>> = {
  ANY: true, ONE: true, TWO: true, THREE: true, QUORUM: true, ALL: true, LOCAL_QUORUM: true, EACH_QUORUM: true,
  SERIAL: true, LOCAL_SERIAL: true, LOCAL_ONE: true,
};

/** One value or a list of them, as a list. */
export function listOf<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof RegExp || typeof value !== 'object' || value === null) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
