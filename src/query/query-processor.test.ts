import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestContext } from '../common/index.js';
import { ConsistencyLevel, UnpreparedError } from '../errors/index.js';
import type { Cluster } from '../cluster/index.js';
import { runUntilSettled, virtualCluster } from '../cluster/testing/virtual-cluster.js';
import { QueryProcessor, type ClientState, type RequestParameters } from './query-processor.js';
import type { QueryResult } from './query-result.js';

const params = (overrides: Partial<RequestParameters> = {}): RequestParameters => ({
  consistency: ConsistencyLevel.ONE, serialConsistency: ConsistencyLevel.SERIAL, values: [], valueNames: null,
  skipMetadata: false, pageSize: null, pagingState: null, timestamp: null, keyspace: null, nowInSeconds: null,
  ...overrides,
});

let cluster: Cluster;
let processor: QueryProcessor;
let unsubscribe: () => void;
const state: ClientState = { keyspace: 'ks' };

const run = (q: string): Promise<QueryResult> => runUntilSettled(cluster, processor.query(q, params(), state, 4, requestContext(null)));
const execute = (id: Buffer, version: number, overrides: Partial<RequestParameters> = {}, clientMetadataId: Buffer | null = null) =>
  runUntilSettled(cluster, processor.execute(id, clientMetadataId, params(overrides), state, version, requestContext(null)));
const prepare = (q: string): Extract<QueryResult, { kind: 'prepared' }> => {
  const result = processor.prepare(q, null, state, requestContext(null));
  if (result.kind !== 'prepared') throw new Error('not prepared');
  return result;
};
const rows = (r: QueryResult): Extract<QueryResult, { kind: 'rows' }> => {
  if (r.kind !== 'rows') throw new Error(`expected rows, got ${r.kind}`);
  return r;
};

beforeEach(async () => {
  cluster = await virtualCluster(1, 1, []);
  processor = new QueryProcessor(cluster.nodes[0]!);
  unsubscribe = cluster.onSchemaChange((_, before, after) => processor.schemaChanged(before, after));
  await run('CREATE TABLE t (k int PRIMARY KEY, v int)');
  await run('CREATE TABLE u (k int PRIMARY KEY, v int)');
  await run('INSERT INTO t (k, v) VALUES (1, 10)');
});

afterEach(() => {
  unsubscribe();
  cluster.close();
});

describe('QueryProcessor: prepared statements across schema changes', () => {
  it('drops the statements of an altered table, and only those', async () => {
    const select = prepare('SELECT * FROM t WHERE k = ?');
    const insert = prepare('INSERT INTO t (k, v) VALUES (?, ?)');
    const other = prepare('SELECT * FROM u');
    const batch = prepare('BEGIN BATCH INSERT INTO u (k, v) VALUES (1, 1); INSERT INTO t (k, v) VALUES (2, 2) APPLY BATCH');
    expect(processor.preparedCount).toBe(4);
    await run('ALTER TABLE t ADD w text');
    await expect(execute(select.statementId, 4)).rejects.toBeInstanceOf(UnpreparedError);
    await expect(execute(insert.statementId, 4)).rejects.toBeInstanceOf(UnpreparedError);
    await expect(execute(batch.statementId, 4)).rejects.toBeInstanceOf(UnpreparedError);
    expect(rows(await execute(other.statementId, 4)).rows).toEqual([]);
    // Prepared again, the statement has the new column.
    const again = prepare('SELECT * FROM t WHERE k = ?');
    expect(again.statementId).toEqual(select.statementId);
    expect(again.resultColumns.map((c) => c.name)).toEqual(['k', 'v', 'w']);
    expect(again.resultMetadataId.equals(select.resultMetadataId)).toBe(false);
  });

  it('drops them on DROP TABLE, DROP KEYSPACE, CREATE INDEX and a new default TTL, not on a new comment', async () => {
    const cases: [string, boolean][] = [
      ["ALTER TABLE t WITH comment = 'hello'", false],
      ['CREATE INDEX ON t (v)', true],
      ['ALTER TABLE t WITH default_time_to_live = 100', true],
      ['DROP TABLE t', true],
    ];
    for (const [ddl, drops] of cases) {
      const { statementId } = prepare('SELECT v FROM ks.t');
      await run(ddl);
      if (drops) await expect(execute(statementId, 4)).rejects.toBeInstanceOf(UnpreparedError);
      else expect(rows(await execute(statementId, 4)).rows.length).toBe(1);
    }
    const { statementId } = prepare('SELECT * FROM ks.u');
    await run('DROP KEYSPACE ks');
    await expect(execute(statementId, 4)).rejects.toBeInstanceOf(UnpreparedError);
  });

  it('answers v5 clients holding an old result metadata id with Metadata_changed and the new id', async () => {
    const old = prepare('SELECT * FROM t WHERE k = ?');
    await run('ALTER TABLE t ADD w text');
    const fresh = prepare('SELECT * FROM t WHERE k = ?');
    const k = Buffer.from([0, 0, 0, 1]);
    const stale = rows(await execute(fresh.statementId, 5, { values: [k], skipMetadata: true }, old.resultMetadataId));
    expect(stale.skipMetadata).toBe(false);
    expect(stale.newMetadataId).toEqual(fresh.resultMetadataId);
    expect(stale.columns.map((c) => c.name)).toEqual(['k', 'v', 'w']);
    const current = rows(await execute(fresh.statementId, 5, { values: [k], skipMetadata: true }, fresh.resultMetadataId));
    expect([current.skipMetadata, current.newMetadataId]).toEqual([true, null]);
  });

  it('skips metadata before v5 only when asked', async () => {
    const { statementId } = prepare('SELECT * FROM t');
    expect(rows(await execute(statementId, 4, { skipMetadata: true })).skipMetadata).toBe(true);
    expect(rows(await execute(statementId, 4)).skipMetadata).toBe(false);
  });
});
