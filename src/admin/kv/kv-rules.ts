import { ConsistencyLevel } from '../../errors/index.js';
import { KvError, type KvListOptions } from '../../kv/index.js';

/** A namespace is a CQL table name that needs no quotes: a lower-case letter, then lower-case letters, digits or '_', 48 at most. */
const NAMESPACE = /^[a-z][a-z0-9_]{0,47}$/;
/** The largest value a write takes unless kvMaxValueBytes says otherwise: 1 MiB. */
export const DEFAULT_KV_MAX_VALUE_BYTES = 1024 * 1024;
/** Keys per page of a listing. */
export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;

/** The rules of a request's input, each refusing with 400 and a message naming the field at fault. */
function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new KvError(400, message);
}

export function checkNamespace(namespace: string): void {
  check(NAMESPACE.test(namespace),
    `Invalid namespace '${namespace}': a lower-case letter, then lower-case letters, digits or '_', 48 characters at most (the name of the CQL table kv.<namespace>)`);
}

export function checkKey(key: unknown): asserts key is string {
  check(typeof key === 'string', 'The key must be a string');
  check(key.length > 0, 'The key may not be empty');
}

/** A consistency level by name: `consistency` must be one of Cassandra's levels. */
export function consistencyLevel(name: string | undefined, fallback: ConsistencyLevel, field = 'consistency'): ConsistencyLevel {
  if (name === undefined) return fallback;
  const level = (ConsistencyLevel as unknown as Record<string, ConsistencyLevel | undefined>)[String(name).toUpperCase()];
  check(typeof level === 'number',
    `Invalid ${field} '${String(name)}': one of ${Object.keys(ConsistencyLevel).filter((k) => Number.isNaN(Number(k))).join(', ')}`);
  return level;
}

/** The serial consistency of a lightweight transaction: SERIAL or LOCAL_SERIAL. */
export function serialLevel(name: string | undefined): ConsistencyLevel {
  const level = consistencyLevel(name, ConsistencyLevel.SERIAL, 'serialConsistency');
  check(level === ConsistencyLevel.SERIAL || level === ConsistencyLevel.LOCAL_SERIAL, `Invalid serialConsistency '${String(name)}': SERIAL or LOCAL_SERIAL`);
  return level;
}

/** A TTL in seconds: a whole number (Cassandra checks its range, 0 to 630720000, with its own messages). */
export function checkTtl(ttl: unknown): asserts ttl is number | undefined {
  check(ttl === undefined || (Number.isSafeInteger(ttl) && Math.abs(ttl as number) <= 0x7fffffff), `Invalid ttl '${String(ttl)}': a whole number of seconds, 0 to 630720000`);
}

export function checkNode(node: unknown): asserts node is number | undefined {
  check(node === undefined || (Number.isSafeInteger(node) && (node as number) >= 1), `Invalid node '${String(node)}': a node id (1, 2, ...)`);
}

export function listLimit(options: KvListOptions): number {
  const limit = options.limit ?? DEFAULT_LIST_LIMIT;
  check(Number.isSafeInteger(limit) && limit >= 1 && limit <= MAX_LIST_LIMIT, `Invalid limit '${String(limit)}': a whole number from 1 to ${MAX_LIST_LIMIT}`);
  return limit;
}

/** The size of a value against the limit (kvMaxValueBytes): 413 past it. */
export function checkValueSize(sizeBytes: number, maxBytes: number): void {
  if (sizeBytes > maxBytes) throw new KvError(413, `The value is ${sizeBytes} bytes, more than the limit of ${maxBytes} bytes (kvMaxValueBytes)`);
}

/**
 * ETags as If-Match gives them, quoted or not, weak or not: the write timestamps (microseconds) they
 * stand for, or '*'.
 */
export function etagList(ifMatch: string | readonly string[]): '*' | string[] {
  const items = (typeof ifMatch === 'string' ? ifMatch.split(',') : [...ifMatch]).map((t) => t.trim()).filter((t) => t !== '');
  if (items.includes('*')) return '*';
  check(items.length > 0, 'If-Match names no ETag');
  return items.map((t) => t.replace(/^W\//, '').replace(/^"(.*)"$/, '$1'));
}

/** The opaque cursor of a listing: the last key of the page, base64url-encoded. */
export function encodeCursor(lastKey: string): string {
  return Buffer.from(lastKey, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | null {
  if (cursor === undefined || cursor === '') return null;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  check(/^[A-Za-z0-9_-]+$/.test(cursor) && encodeCursor(key) === cursor && key !== '', `Invalid cursor '${cursor}': pass the cursor of the previous page as it came`);
  return key;
}
