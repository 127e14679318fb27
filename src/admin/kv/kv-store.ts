import type { Cluster, RecordedConnection } from '../../cluster/index.js';
import { ConsistencyLevel } from '../../errors/index.js';
import {
  KvError, type KvDeleteOptions, type KvEntry, type KvListOptions, type KvNamespace, type KvPage, type KvRequestOptions, type KvSetOptions,
  type KvWriteResult,
} from '../../kv/index.js';
import { KvCoordinator, type KvCall } from './kv-coordinator.js';
import { kvErrorOf } from './kv-errors.js';
import {
  checkKey, checkNamespace, checkNode, checkTtl, checkValueSize, consistencyLevel, decodeCursor, encodeCursor, etagList, listLimit, serialLevel,
} from './kv-rules.js';
import { applied, bigintValue, createKeyspace, intValue, KV_KEYSPACE, KvTable, rowsOf, textValue } from './kv-table.js';

/** The content type of a value stored without one (and of a row written through CQL without content_type). */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
/** The replication factor of the kv keyspace, when it is created: Cassandra's usual 3, or fewer on a smaller ring. */
const MAX_REPLICATION_FACTOR = 3;
/** Rows a listing reads per statement while it looks for keys with the prefix. */
const SCAN_ROWS = 1000;

/** What a write writes, and where. */
interface KvWrite {
  readonly table: KvTable;
  readonly key: string;
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly ttl: number | undefined;
}

/** Who asks: the HTTP client (recorded in the activity log), or null from the TypeScript API. */
export type KvClientAddress = RecordedConnection | null;

/**
 * The key-value store behind `cluster.kv(namespace)` and the /v1/kv routes: each namespace is the CQL table
 * kv.<namespace> (key text PRIMARY KEY, value blob, content_type text), created on first write through the
 * normal schema path; every operation is CQL run by a coordinator node as a client's request would be
 * (KvCoordinator), so it is replicated and meets consistency levels, faults and resets like any data. An
 * ETag is the value's write timestamp; conditions are lightweight transactions.
 */
export class KvStore {
  private readonly coordinator: KvCoordinator;
  private readonly tables = new Map<string, KvTable>();

  constructor(private readonly cluster: Cluster, readonly maxValueBytes: number) {
    this.coordinator = new KvCoordinator(cluster);
  }

  /** The namespace's operations; `client` is recorded as the requests' client. */
  namespace(name: string, client: KvClientAddress = null): KvNamespace {
    guarded(() => checkNamespace(name));
    return {
      name,
      get: (key, options) => this.get(name, key, options, client),
      set: (key, value, options) => this.set(name, key, value, options, client),
      del: (key, options) => this.del(name, key, options, client),
      list: (options) => this.list(name, options, client),
    };
  }

  async get(namespace: string, key: string, options: KvRequestOptions = {}, client: KvClientAddress = null): Promise<KvEntry | null> {
    return guarded(async () => {
      const { call, table } = this.callFor(namespace, key, options, client);
      const entry = table === null ? null : await this.read(call, table, key);
      // A copy: the bytes the replicas hold are not the caller's to change.
      return entry === null ? null : { ...entry, value: Buffer.from(entry.value) };
    });
  }

  async set(
    namespace: string, key: string, value: string | Uint8Array, options: KvSetOptions = {}, client: KvClientAddress = null,
  ): Promise<KvWriteResult> {
    return guarded(async () => {
      // A copy: the caller may reuse its buffer once the write resolves, and the replicas keep this one.
      const bytes = typeof value === 'string' ? textValue(value) : Buffer.from(value);
      checkValueSize(bytes.length, this.maxValueBytes);
      checkTtl(options.ttl);
      if (options.ifMatch !== undefined && options.ifNoneMatch !== undefined) throw new KvError(400, 'If-Match and If-None-Match cannot be combined');
      if (options.ifNoneMatch !== undefined && options.ifNoneMatch !== '*') throw new KvError(400, "If-None-Match on a write takes only '*'");
      const contentType = options.contentType ?? (typeof value === 'string' ? 'text/plain; charset=utf-8' : DEFAULT_CONTENT_TYPE);
      const { call } = this.callFor(namespace, key, options, client);
      const write: KvWrite = { table: await this.ensureTable(call, namespace), key, bytes, contentType, ttl: options.ttl };
      if (options.ifNoneMatch === '*') return this.insertIfAbsent(call, write);
      if (options.ifMatch !== undefined) return this.updateIfMatching(call, write, options.ifMatch);
      const existing = await this.read(call, write.table, key);
      const timestamp = this.cluster.clock.nowMicros();
      const ttl = write.ttl === undefined ? [] : [intValue(write.ttl)];
      await this.coordinator.execute(call, write.ttl === undefined ? write.table.insert : write.table.insertWithTtl,
        [textValue(key), bytes, textValue(contentType), ...ttl, bigintValue(timestamp)]);
      return { created: existing === null, etag: timestamp.toString() };
    });
  }

  /** If-None-Match: * — INSERT … IF NOT EXISTS. */
  private async insertIfAbsent(call: KvCall, write: KvWrite): Promise<KvWriteResult> {
    const { table, key, ttl } = write;
    const values = [textValue(key), write.bytes, textValue(write.contentType), ...(ttl === undefined ? [] : [intValue(ttl)])];
    const result = await this.coordinator.execute(call, ttl === undefined ? table.insertIfNotExists : table.insertIfNotExistsWithTtl, values);
    if (!applied(result)) throw new KvError(412, `The key '${key}' exists (If-None-Match: *)`);
    return { created: true, etag: await this.serialEtag(call, table, key) };
  }

  /** If-Match — UPDATE … IF EXISTS for '*', else IF on the value seen with one of the ETags. */
  private async updateIfMatching(call: KvCall, write: KvWrite, ifMatch: string | readonly string[]): Promise<KvWriteResult> {
    const { table, key, ttl } = write;
    const condition = await this.condition(call, table, key, ifMatch);
    const cql = condition === null
      ? (ttl === undefined ? table.updateIfExists : table.updateIfExistsWithTtl)
      : (ttl === undefined ? table.updateIfUnchanged : table.updateIfUnchangedWithTtl);
    const values = [...(ttl === undefined ? [] : [intValue(ttl)]), write.bytes, textValue(write.contentType), textValue(key), ...(condition ?? [])];
    if (!applied(await this.coordinator.execute(call, cql, values))) throw preconditionFailed(key, condition === null);
    return { created: false, etag: await this.serialEtag(call, table, key) };
  }

  async del(namespace: string, key: string, options: KvDeleteOptions = {}, client: KvClientAddress = null): Promise<boolean> {
    return guarded(async () => {
      const { call, table } = this.callFor(namespace, key, options, client);
      if (options.ifMatch !== undefined) {
        if (table === null) throw preconditionFailed(key, true);
        const condition = await this.condition(call, table, key, options.ifMatch);
        const result = condition === null
          ? await this.coordinator.execute(call, table.deleteIfExists, [textValue(key)])
          : await this.coordinator.execute(call, table.deleteIfUnchanged, [textValue(key), ...condition]);
        if (!applied(result)) throw preconditionFailed(key, condition === null);
        return true;
      }
      if (table === null) return false;
      const existing = await this.read(call, table, key);
      // The delete is written even when this read saw nothing: a replica it did not ask may hold a value.
      await this.coordinator.execute(call, table.delete, [bigintValue(this.cluster.clock.nowMicros()), textValue(key)]);
      return existing !== null;
    });
  }

  /**
   * A page of keys in token order, as a CQL scan returns them; with a prefix, rows are read on until the
   * page is full or the table ends, so a page is short only at the end. One key more than the page is
   * looked for, so that the last page has no cursor.
   */
  async list(namespace: string, options: KvListOptions = {}, client: KvClientAddress = null): Promise<KvPage> {
    return guarded(async () => {
      const limit = listLimit(options);
      let after = decodeCursor(options.cursor);
      const { call, table } = this.callFor(namespace, null, options, client);
      if (table === null) return { keys: [], cursor: null };
      const prefix = options.prefix ?? '';
      const keys: string[] = [];
      for (;;) {
        const result = after === null
          ? await this.coordinator.execute(call, table.firstKeys, [intValue(SCAN_ROWS)])
          : await this.coordinator.execute(call, table.keysAfter, [textValue(after), intValue(SCAN_ROWS)]);
        const rows = rowsOf(result);
        for (const [bytes] of rows) {
          const key = bytes!.toString('utf8');
          if (key.startsWith(prefix) && keys.push(key) > limit) return { keys: keys.slice(0, limit), cursor: encodeCursor(keys[limit - 1]!) };
        }
        if (rows.length < SCAN_ROWS) return { keys, cursor: null };
        after = rows[rows.length - 1]![0]!.toString('utf8');
      }
    });
  }

  close(): void {
    this.coordinator.close();
  }

  /** The call of a request (its coordinator and levels), and the namespace's table if the coordinator knows it. */
  private callFor(namespace: string, key: string | null, options: KvRequestOptions & { readonly serialConsistency?: string }, client: KvClientAddress) {
    checkNamespace(namespace);
    if (key !== null) checkKey(key);
    checkNode(options.node);
    const consistency = consistencyLevel(options.consistency, ConsistencyLevel.ONE);
    const serialConsistency = serialLevel(options.serialConsistency);
    const call: KvCall = { node: this.coordinator.coordinator(options.node), consistency, serialConsistency, client };
    const known = call.node.schema().table(KV_KEYSPACE, namespace) !== undefined;
    return { call, table: known ? this.tableOf(namespace) : null };
  }

  private tableOf(namespace: string): KvTable {
    let table = this.tables.get(namespace);
    if (table === undefined) {
      table = new KvTable(namespace);
      this.tables.set(namespace, table);
    }
    return table;
  }

  /** Creates the kv keyspace and the namespace's table when the coordinator's schema lacks them. */
  private async ensureTable(call: KvCall, namespace: string): Promise<KvTable> {
    const table = this.tableOf(namespace);
    const schema = call.node.schema();
    if (schema.table(KV_KEYSPACE, namespace) !== undefined) return table;
    if (schema.keyspace(KV_KEYSPACE) === undefined) {
      await this.coordinator.query(call, createKeyspace(Math.min(MAX_REPLICATION_FACTOR, this.cluster.ringMembers().length)));
    }
    await this.coordinator.query(call, table.create);
    return table;
  }

  /** The value of `key` at the call's consistency; a row without a value (written through CQL) counts as none. */
  private async read(call: KvCall, table: KvTable, key: string): Promise<KvEntry | null> {
    return (await this.readStored(call, table, key))?.entry ?? null;
  }

  /** The value of `key` and its content_type column as stored (null when written through CQL without one). */
  private async readStored(call: KvCall, table: KvTable, key: string): Promise<{ entry: KvEntry; storedContentType: Buffer | null } | null> {
    const row = rowsOf(await this.coordinator.execute(call, table.select, [textValue(key)]))[0];
    const [value, contentType, writetime] = row ?? [];
    if (value === null || value === undefined) return null;
    const entry = { key, value, contentType: contentType?.toString('utf8') ?? DEFAULT_CONTENT_TYPE, etag: writetime!.readBigInt64BE(0).toString() };
    return { entry, storedContentType: contentType ?? null };
  }

  /** The ETag of `key` as a serial read sees it: a lightweight transaction's write timestamp is Paxos's, known only by reading it. */
  private async serialEtag(call: KvCall, table: KvTable, key: string): Promise<string> {
    const entry = await this.read({ ...call, consistency: call.serialConsistency }, table, key);
    return entry?.etag ?? '';
  }

  /**
   * The condition of an If-Match: null for '*' (the key must exist), else the value and content type the
   * key has now, read at the serial consistency, once its ETag is one of those given (412 otherwise). CQL
   * conditions cannot test a write timestamp, so the transaction is made on the value seen.
   */
  private async condition(call: KvCall, table: KvTable, key: string, ifMatch: string | readonly string[]): Promise<(Buffer | null)[] | null> {
    const tags = etagList(ifMatch);
    if (tags === '*') return null;
    const current = await this.readStored({ ...call, consistency: call.serialConsistency }, table, key);
    if (current === null) throw preconditionFailed(key, true);
    const etag = current.entry.etag;
    if (!tags.includes(etag)) throw new KvError(412, `The value of '${key}' has ETag "${etag}", not ${tags.map((t) => `"${t}"`).join(' or ')} (If-Match)`);
    return [current.entry.value, current.storedContentType];
  }
}

function preconditionFailed(key: string, missing: boolean): KvError {
  return new KvError(412, missing ? `The key '${key}' does not exist (If-Match)` : `The value of '${key}' changed (If-Match)`);
}

/** Runs a KV operation, its failures turned into KvErrors (statuses and figures). */
function guarded<T>(work: () => T): T {
  try {
    const result = work();
    return (result instanceof Promise ? result.catch((e: unknown) => { throw kvErrorOf(e); }) : result) as T;
  } catch (e) {
    throw kvErrorOf(e);
  }
}
