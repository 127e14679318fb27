/**
 * The key-value API's vocabulary, shared by `cluster.kv(namespace)` (in-process) and `KvClient` (over
 * HTTP): the same methods, options and answers through either door. Nothing here knows the server.
 */

/** Consistency levels by name, as drivers and cqlsh spell them. */
export type KvConsistency =
  | 'ANY' | 'ONE' | 'TWO' | 'THREE' | 'QUORUM' | 'ALL' | 'LOCAL_QUORUM' | 'EACH_QUORUM' | 'SERIAL' | 'LOCAL_SERIAL' | 'LOCAL_ONE';

/** Options every operation takes. */
export interface KvRequestOptions {
  /** The consistency level of the read or write (default ONE, as cqlsh's). */
  readonly consistency?: KvConsistency;
  /** The node that coordinates the request (default: the next node that is up, round-robin). */
  readonly node?: number;
}

/** A conditional write or delete: a lightweight transaction, refused with status 412 when its condition fails. */
export interface KvConditionOptions {
  /** Only if the value's ETag is this one (or one of these); '*': only if the key exists. */
  readonly ifMatch?: string | readonly string[];
  /** Serial consistency of the lightweight transaction (default SERIAL). */
  readonly serialConsistency?: 'SERIAL' | 'LOCAL_SERIAL';
}

export interface KvSetOptions extends KvRequestOptions, KvConditionOptions {
  /** The content type kept with the value and given back with it (default application/octet-stream, or text/plain for a string). */
  readonly contentType?: string;
  /** Seconds until the value expires (0 to 630720000, Cassandra's limits; 0: never; default: the table's default_time_to_live). */
  readonly ttl?: number;
  /** '*': only if the key does not exist yet (INSERT … IF NOT EXISTS). */
  readonly ifNoneMatch?: '*';
}

export type KvDeleteOptions = KvRequestOptions & KvConditionOptions;

export interface KvListOptions extends KvRequestOptions {
  /** Only keys that start with this text. */
  readonly prefix?: string;
  /** Keys per page: 1 to 1000 (default 100). */
  readonly limit?: number;
  /** Where the previous page ended: its `cursor`. */
  readonly cursor?: string;
}

/** A value as read: its bytes, the content type it was stored with, and its ETag (its write timestamp). */
export interface KvEntry {
  readonly key: string;
  readonly value: Buffer;
  readonly contentType: string;
  /** The write timestamp of the value in microseconds since the epoch, as decimal text (the HTTP ETag without its quotes). */
  readonly etag: string;
}

/** What a write did: created the key or replaced its value, and the new value's ETag. */
export interface KvWriteResult {
  readonly created: boolean;
  readonly etag: string;
}

/** A page of keys, in token order (as a CQL scan of the table returns them), and the cursor of the next one (null after the last). */
export interface KvPage {
  readonly keys: readonly string[];
  readonly cursor: string | null;
}

/** A namespace of the key-value API: one CQL table, kv.<namespace>. */
export interface KvNamespace {
  readonly name: string;
  /** The value of `key`, or null when there is none. */
  get(key: string, options?: KvRequestOptions): Promise<KvEntry | null>;
  /** Writes the value of `key` (a string is written as its UTF-8 bytes). */
  set(key: string, value: string | Uint8Array, options?: KvSetOptions): Promise<KvWriteResult>;
  /** Deletes `key`: true if it had a value, false if not. */
  del(key: string, options?: KvDeleteOptions): Promise<boolean>;
  /** A page of keys. */
  list(options?: KvListOptions): Promise<KvPage>;
}
