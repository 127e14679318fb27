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

interface LruNode<K, V> {
  readonly key: K;
  value: V;
  newer: LruNode<K, V> | null;
  older: LruNode<K, V> | null;
}

/**
 * Bounded map with least-recently-used eviction (Cassandra evicts prepared statements the same way).
 * Recency is a linked list beside the map, so a hit relinks two nodes instead of deleting and
 * re-inserting its key: a lookup happens on every EXECUTE.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, LruNode<K, V>>();
  private newest: LruNode<K, V> | null = null;
  private oldest: LruNode<K, V> | null = null;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const node = this.map.get(key);
    if (node === undefined) return undefined;
    if (node !== this.newest) {
      this.unlink(node);
      this.linkNewest(node);
    }
    return node.value;
  }

  set(key: K, value: V): void {
    const existing = this.map.get(key);
    if (existing !== undefined) {
      existing.value = value;
      this.get(key);
      return;
    }
    const node: LruNode<K, V> = { key, value, newer: null, older: null };
    this.map.set(key, node);
    this.linkNewest(node);
    if (this.map.size > this.capacity && this.oldest !== null) {
      const evicted = this.oldest;
      this.unlink(evicted);
      this.map.delete(evicted.key);
    }
  }

  clear(): void {
    this.map.clear();
    this.newest = null;
    this.oldest = null;
  }

  private unlink(node: LruNode<K, V>): void {
    if (node.newer === null) this.newest = node.older;
    else node.newer.older = node.older;
    if (node.older === null) this.oldest = node.newer;
    else node.older.newer = node.newer;
    node.newer = null;
    node.older = null;
  }

  private linkNewest(node: LruNode<K, V>): void {
    node.older = this.newest;
    if (this.newest !== null) this.newest.newer = node;
    this.newest = node;
    if (this.oldest === null) this.oldest = node;
  }
}

/** Cassandra's statement id: MD5 of the keyspace (if any) and the query text. */
export function statementId(query: string, keyspace: string | null): Buffer {
  return createHash('md5').update((keyspace ?? '') + query, 'utf8').digest();
}

/** A statement id as a map key: latin1 maps each byte to one character, cheaper to make than hex. */
export function statementKey(id: Buffer): string {
  return id.toString('latin1');
}

/** A digest of the result columns: v5 clients hold it and learn when it changes. */
export function resultMetadataId(prepared: CqlPrepared): Buffer {
  const hash = createHash('md5');
  for (const c of prepared.resultColumns) hash.update(`${c.keyspace}.${c.table}.${c.name}:${JSON.stringify(c.type)};`);
  return hash.digest();
}
