import { createHash } from 'node:crypto';
import type { CqlPrepared, ParsedStatement } from '../cql/index.js';
import { marshalClassName } from '../types/index.js';

/** A prepared statement as a node keeps it: its text, the keyspace it was prepared in, and the plan. */
export interface PreparedEntry {
  readonly id: Buffer;
  readonly query: string;
  readonly keyspace: string | null;
  readonly parsed: ParsedStatement;
  prepared: CqlPrepared;
  /**
   * The schema version the plan was made against. Changes that affect the statement drop the entry; after
   * any other change the plan is made again on next use (it then has the same result columns).
   */
  schemaVersion: Buffer;
  /** The result metadata id the PREPARED result announced: v3/v4 clients skip metadata only while it holds. */
  readonly preparedMetadataId: Buffer;
  /** The result metadata id of the current plan. */
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

  /** Removes every entry whose value matches; returns how many went. */
  deleteWhere(matches: (value: V) => boolean): number {
    let removed = 0;
    for (let node = this.oldest; node !== null;) {
      const next = node.newer;
      if (matches(node.value)) {
        this.unlink(node);
        this.map.delete(node.key);
        removed++;
      }
      node = next;
    }
    return removed;
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

/**
 * Cassandra's ResultMetadata.computeResultMetadataId: an MD5 over each result column's name and type class
 * name, each followed by zero bytes. v5 clients hold it and learn when it changes; a statement without
 * result columns gets the MD5 of nothing, as Cassandra's empty metadata does.
 */
export function resultMetadataId(prepared: CqlPrepared): Buffer {
  const hash = createHash('md5');
  for (const c of prepared.resultColumns) {
    hash.update(c.name, 'utf8');
    hash.update(ZERO);
    hash.update(marshalClassName(c.type), 'utf8');
    hash.update(TWO_ZEROS);
  }
  return hash.digest();
}

const ZERO = Buffer.of(0);
const TWO_ZEROS = Buffer.of(0, 0);
