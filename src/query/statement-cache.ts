import { createHash } from 'node:crypto';
import type { CqlPrepared, ParsedStatement } from '../cql/index.js';

/** A prepared statement as a node keeps it: its text, the keyspace it was prepared in, and the plan. */
export interface PreparedEntry {
  readonly id: Buffer;
  readonly query: string;
  readonly keyspace: string | null;
  readonly parsed: ParsedStatement;
  prepared: CqlPrepared;
  /** The schema version the plan was made against; a schema change re-plans on next use. */
  schemaVersion: Buffer;
  resultMetadataId: Buffer;
}

/** Bounded map with least-recently-used eviction (Cassandra evicts prepared statements the same way). */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  clear(): void {
    this.map.clear();
  }
}

/** Cassandra's statement id: MD5 of the keyspace (if any) and the query text. */
export function statementId(query: string, keyspace: string | null): Buffer {
  return createHash('md5').update((keyspace ?? '') + query, 'utf8').digest();
}

/** A digest of the result columns: v5 clients hold it and learn when it changes. */
export function resultMetadataId(prepared: CqlPrepared): Buffer {
  const hash = createHash('md5');
  for (const c of prepared.resultColumns) hash.update(`${c.keyspace}.${c.table}.${c.name}:${JSON.stringify(c.type)};`);
  return hash.digest();
}
