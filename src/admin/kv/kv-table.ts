import type { QueryResult } from '../../query/index.js';

/** The keyspace of every namespace's table. */
export const KV_KEYSPACE = 'kv';

/**
 * The CQL of one namespace's table, kv.<namespace>: what KV requests run, and what a CQL user reads and
 * writes beside them. Names are quoted so that a namespace that is a CQL keyword works too.
 */
export class KvTable {
  readonly name: string;
  readonly create: string;
  readonly select: string;
  readonly insert: string;
  readonly insertWithTtl: string;
  readonly insertIfNotExists: string;
  readonly insertIfNotExistsWithTtl: string;
  readonly updateIfExists: string;
  readonly updateIfExistsWithTtl: string;
  readonly updateIfUnchanged: string;
  readonly updateIfUnchangedWithTtl: string;
  readonly delete: string;
  readonly deleteIfExists: string;
  readonly deleteIfUnchanged: string;
  readonly firstKeys: string;
  readonly keysAfter: string;

  constructor(readonly namespace: string) {
    const t = `"${KV_KEYSPACE}"."${namespace}"`;
    this.name = `${KV_KEYSPACE}.${namespace}`;
    this.create = `CREATE TABLE IF NOT EXISTS ${t} (key text PRIMARY KEY, value blob, content_type text)`;
    this.select = `SELECT value, content_type, writetime(value) FROM ${t} WHERE key = ?`;
    const insert = `INSERT INTO ${t} (key, value, content_type) VALUES (?, ?, ?)`;
    this.insert = `${insert} USING TIMESTAMP ?`;
    this.insertWithTtl = `${insert} USING TTL ? AND TIMESTAMP ?`;
    this.insertIfNotExists = `${insert} IF NOT EXISTS`;
    this.insertIfNotExistsWithTtl = `${insert} IF NOT EXISTS USING TTL ?`;
    // UPDATE binds the TTL first, then value, content_type and key, then the condition's values.
    const update = (ttl: boolean, condition: string): string =>
      `UPDATE ${t}${ttl ? ' USING TTL ?' : ''} SET value = ?, content_type = ? WHERE key = ? IF ${condition}`;
    this.updateIfExists = update(false, 'EXISTS');
    this.updateIfExistsWithTtl = update(true, 'EXISTS');
    this.updateIfUnchanged = update(false, 'value = ? AND content_type = ?');
    this.updateIfUnchangedWithTtl = update(true, 'value = ? AND content_type = ?');
    this.delete = `DELETE FROM ${t} USING TIMESTAMP ? WHERE key = ?`;
    this.deleteIfExists = `DELETE FROM ${t} WHERE key = ? IF EXISTS`;
    this.deleteIfUnchanged = `DELETE FROM ${t} WHERE key = ? IF value = ? AND content_type = ?`;
    this.firstKeys = `SELECT key FROM ${t} LIMIT ?`;
    this.keysAfter = `SELECT key FROM ${t} WHERE token(key) > token(?) LIMIT ?`;
  }
}

/** The CQL of the keyspace: SimpleStrategy, replicated to `replicationFactor` nodes. */
export function createKeyspace(replicationFactor: number): string {
  return `CREATE KEYSPACE IF NOT EXISTS ${KV_KEYSPACE} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': ${replicationFactor}}`;
}

/** Bound values as the protocol carries them. */
export const textValue = (text: string): Buffer => Buffer.from(text, 'utf8');
export function intValue(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
export function bigintValue(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
}

/** The rows of a result (none for any other kind). */
export function rowsOf(result: QueryResult): readonly (readonly (Buffer | null)[])[] {
  return result.kind === 'rows' ? result.rows : [];
}

/** A conditional statement's [applied] column. */
export function applied(result: QueryResult): boolean {
  return rowsOf(result)[0]?.[0]?.[0] === 1;
}
