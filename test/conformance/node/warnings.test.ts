/**
 * Client warnings through the Node.js driver (`result.info.warnings`), with Cassandra 4.1's texts and
 * default thresholds: batches past batch_size_warn_threshold (5 KiB) and refused past
 * batch_size_fail_threshold (50 KiB), unlogged batches over more than 10 partitions, aggregation over
 * several partitions, reads over tombstone_warn_threshold (1000) and failing past
 * tombstone_failure_threshold; then the same with thresholds set like cassandra.yaml, and SASI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { startCluster } from '../../../src/index.js';
import { isExternalTarget, useNodeTarget, type Cluster } from '../support/node-client.js';
import { ErrorCodes, expectServerError } from '../support/node-values.js';

const target = useNodeTarget('warnings');

beforeAll(async () => {
  await target.client.execute('CREATE TABLE t (k int, c int, v text, PRIMARY KEY (k, c))');
  await target.client.execute('CREATE TABLE other (k int PRIMARY KEY, v text)');
});

const insert = 'INSERT INTO t (k, c, v) VALUES (?, ?, ?)';
const row = (k: number, c: number, v: string) => ({ query: insert, params: [k, c, v] });

describe('batch warnings', () => {
  it('warns of a batch over several partitions larger than 5 KiB, with its size', async () => {
    const result = await target.client.batch([row(1, 1, 'x'.repeat(3000)), row(2, 1, 'y'.repeat(3000))], { prepare: true });
    const [warning] = result.info.warnings;
    expect(result.info.warnings).toHaveLength(1);
    expect(warning).toMatch(new RegExp(`^Batch for \\[${target.keyspace}\\.t\\] is of size (\\d+), exceeding specified threshold of 5120 by (\\d+)\\.$`));
    const [, size, excess] = /size (\d+), .* by (\d+)\./.exec(warning!)!;
    expect(Number(size) - 5120).toBe(Number(excess));
  });

  it('does not measure a batch on a single partition, however large', async () => {
    const result = await target.client.batch([row(3, 1, 'x'.repeat(6000)), row(3, 2, 'y'.repeat(6000))], { prepare: true });
    expect(result.info.warnings).toBeUndefined();
  });

  it('refuses a batch larger than 50 KiB', async () => {
    const statements = Array.from({ length: 6 }, (_, i) => row(10 + i, 1, 'z'.repeat(10_000)));
    await expectServerError(target.client.batch(statements, { prepare: true }), ErrorCodes.invalid, 'Batch too large');
  });

  it('warns of an unlogged batch covering more than 10 partitions, naming the tables', async () => {
    const statements = Array.from({ length: 11 }, (_, i) => row(100 + i, 1, 'v'));
    const result = await target.client.batch(
      [...statements, { query: 'INSERT INTO other (k, v) VALUES (?, ?)', params: [100, 'v'] }], { prepare: true, logged: false },
    );
    expect(result.info.warnings).toHaveLength(1);
    expect(result.info.warnings[0]).toMatch(new RegExp(`^Unlogged batch covering 11 partitions detected against tables \\[${target.keyspace}\\.(t|other), ${target.keyspace}\\.(t|other)\\]\\. `
      + 'You should use a logged batch for atomicity, or asynchronous writes for performance\\.$'));
    const logged = await target.client.batch(statements, { prepare: true });
    expect(logged.info.warnings).toBeUndefined();
  });
});

describe('aggregation warnings', () => {
  it('warns of an aggregate without a partition key restriction, or with IN on it', async () => {
    const all = await target.client.execute('SELECT count(*) FROM t');
    expect(all.info.warnings).toEqual(['Aggregation query used without partition key']);
    const grouped = await target.client.execute('SELECT k, max(c) FROM t GROUP BY k');
    expect(grouped.info.warnings).toEqual(['Aggregation query used without partition key']);
    const several = await target.client.execute('SELECT count(*) FROM t WHERE k IN (1, 2)');
    expect(several.info.warnings).toEqual(['Aggregation query used on multiple partition keys (IN restriction)']);
    const one = await target.client.execute('SELECT count(*) FROM t WHERE k = 1');
    expect(one.info.warnings).toBeUndefined();
    const plain = await target.client.execute('SELECT * FROM t');
    expect(plain.info.warnings).toBeUndefined();
  });
});

describe('tombstone warnings (tombstone_warn_threshold 1000)', () => {
  it('warns of a read that scanned more than 1000 tombstones', async () => {
    for (let start = 0; start < 1001; start += 100) {
      await Promise.all(Array.from({ length: Math.min(100, 1001 - start) }, (_, i) =>
        target.client.execute('DELETE FROM t WHERE k = ? AND c = ?', [500, start + i], { prepare: true })));
    }
    const result = await target.client.execute('SELECT * FROM t WHERE k = ?', [500], { prepare: true });
    expect(result.rows).toHaveLength(0);
    expect(result.info.warnings).toHaveLength(1);
    expect(result.info.warnings[0]).toMatch(new RegExp(
      `^Read 0 live rows and 1001 tombstone cells for query SELECT \\* FROM ${target.keyspace}\\.t WHERE k = 500 LIMIT 5000; `
      + 'token -?\\d+ \\(see tombstone_warn_threshold\\)$'));
  });
});

describe.skipIf(isExternalTarget)('thresholds set like cassandra.yaml', () => {
  let cluster: Cluster;
  let client: cassandra.Client;

  beforeAll(async () => {
    cluster = await startCluster({
      port: 0, batchSizeWarnThreshold: '1KiB', batchSizeFailThreshold: 4096, unloggedBatchAcrossPartitionsWarnThreshold: 2,
      tombstoneWarnThreshold: 5, tombstoneFailureThreshold: 10, sasiIndexesEnabled: true,
    });
    client = new cassandra.Client({ contactPoints: cluster.contactPoints, localDataCenter: cluster.localDataCenter });
    await client.connect();
    await client.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    await client.execute('CREATE TABLE ks.t (k int, c int, v text, PRIMARY KEY (k, c))');
  });

  afterAll(async () => {
    await client?.shutdown();
    await cluster?.close();
  });

  it('apply the batch thresholds given', async () => {
    const stmt = (k: number, size: number) => ({ query: 'INSERT INTO ks.t (k, c, v) VALUES (?, 1, ?)', params: [k, 'x'.repeat(size)] });
    const warned = await client.batch([stmt(1, 600), stmt(2, 600)], { prepare: true });
    expect(warned.info.warnings?.[0]).toMatch(/^Batch for \[ks\.t\] is of size \d+, exceeding specified threshold of 1024 by \d+\.$/);
    await expectServerError(client.batch([stmt(1, 3000), stmt(2, 3000)], { prepare: true }), ErrorCodes.invalid, 'Batch too large');
    const unlogged = await client.batch([stmt(1, 1), stmt(2, 1), stmt(3, 1)], { prepare: true, logged: false });
    expect(unlogged.info.warnings).toEqual(['Unlogged batch covering 3 partitions detected against table [ks.t]. '
      + 'You should use a logged batch for atomicity, or asynchronous writes for performance.']);
  });

  it('fail a read past tombstone_failure_threshold with ReadFailure, READ_TOO_MANY_TOMBSTONES', async () => {
    for (let c = 0; c < 11; c++) await client.execute('DELETE FROM ks.t WHERE k = 7 AND c = ?', [c], { prepare: true });
    // The driver words a Read_failure's message itself, from its payload.
    const error = await expectServerError(client.execute('SELECT * FROM ks.t WHERE k = 7'), 0x1300);
    expect(error).toMatchObject({ received: 0, blockFor: 1, failures: 1, isDataPresent: 0 });
    for (let c = 0; c < 6; c++) await client.execute('DELETE FROM ks.t WHERE k = 8 AND c = ?', [c], { prepare: true });
    const warned = await client.execute('SELECT * FROM ks.t WHERE k = 8');
    expect(warned.info.warnings?.[0]).toMatch(/^Read 0 live rows and 6 tombstone cells for query SELECT \* FROM ks\.t WHERE k = 8 LIMIT 5000; token -?\d+ \(see tombstone_warn_threshold\)$/);
  });

  it('warns that SASI is experimental when sasi_indexes_enabled', async () => {
    const result = await client.execute("CREATE CUSTOM INDEX ON ks.t (v) USING 'org.apache.cassandra.index.sasi.SASIIndex'");
    expect(result.info.warnings).toEqual(['SASI indexes are experimental and are not recommended for production use.']);
  });
});
