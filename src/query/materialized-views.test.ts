/**
 * Materialized views kept in step with their base table through CQL, as Cassandra 4.1's ViewTest,
 * ViewComplexTest and ViewFilteringTest check them: inserts, updates, row/range/partition deletions, TTL
 * expiry (on the virtual clock), LWT, the view key's base column switching entries, unselected columns
 * keeping a view row alive, filtering, the initial build and its status rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster/index.js';
import { runUntilSettled, virtualCluster } from '../cluster/testing/virtual-cluster.js';
import { QueryProcessor } from './query-processor.js';
import { CqlTester, row } from './testing/cql-tester.js';

let cluster: Cluster;
let cql: CqlTester;
let count = 0;

beforeAll(async () => {
  cluster = await virtualCluster(1, 1, []);
  cql = new CqlTester(new QueryProcessor(cluster.node(1)), (p) => runUntilSettled(cluster, p));
});
afterAll(() => cluster.close());

/** A base table `%s` and view names unique to the test. */
async function table(definition: string): Promise<string> {
  await cql.createTable(definition);
  return `mv${++count}`;
}

const rows = (query: string, ...values: unknown[]) => cql.rows(query, ...values);
const execute = (query: string, ...values: unknown[]) => cql.execute(query, ...values);

describe('view maintenance', () => {
  it('moves the view entry when the base column in the view key changes, and removes it on delete', async () => {
    const mv = await table('(k int, c int, v int, w text, PRIMARY KEY (k, c))');
    await execute(`CREATE MATERIALIZED VIEW ${mv} AS SELECT * FROM %s WHERE k IS NOT NULL AND c IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k, c)`);
    await execute("INSERT INTO %s (k, c, v, w) VALUES (1, 1, 10, 'a')");
    await execute("INSERT INTO %s (k, c, v, w) VALUES (1, 2, 20, 'b')");
    expect(await rows(`SELECT v, k, c, w FROM ${mv} WHERE v = 10`)).toEqual([row(10, 1, 1, 'a')]);
    await execute('UPDATE %s SET v = 11 WHERE k = 1 AND c = 1');
    expect(await rows(`SELECT v, k, c, w FROM ${mv} WHERE v = 10`)).toEqual([]);
    expect(await rows(`SELECT v, k, c, w FROM ${mv} WHERE v = 11`)).toEqual([row(11, 1, 1, 'a')]);
    await execute("UPDATE %s SET w = 'z' WHERE k = 1 AND c = 1");
    expect(await rows(`SELECT w FROM ${mv} WHERE v = 11`)).toEqual([row('z')]);
    await execute('DELETE v FROM %s WHERE k = 1 AND c = 1');
    expect(await rows(`SELECT * FROM ${mv} WHERE v = 11`)).toEqual([]);
    await execute('DELETE FROM %s WHERE k = 1 AND c = 2');
    expect(await rows(`SELECT * FROM ${mv}`)).toEqual([]);
  });

  it('lives by the view key column alone: other cells do not keep the entry (strict liveness)', async () => {
    const mv = await table('(k int PRIMARY KEY, v int, a int)');
    await execute(`CREATE MATERIALIZED VIEW ${mv} AS SELECT * FROM %s WHERE k IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k)`);
    await execute('UPDATE %s SET a = 1 WHERE k = 1');
    expect(await rows(`SELECT * FROM ${mv}`)).toEqual([]);
    await execute('UPDATE %s SET v = 5 WHERE k = 1');
    expect(await rows(`SELECT v, k, a FROM ${mv}`)).toEqual([row(5, 1, 1)]);
    await execute('UPDATE %s SET v = null WHERE k = 1');
    expect(await rows(`SELECT * FROM ${mv}`)).toEqual([]);
  });

  it('removes entries on partition and range deletions', async () => {
    const mv = await table('(k int, c int, v int, PRIMARY KEY (k, c))');
    await execute(`CREATE MATERIALIZED VIEW ${mv} AS SELECT * FROM %s WHERE k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, k)`);
    for (let c = 0; c < 5; c++) await execute('INSERT INTO %s (k, c, v) VALUES (?, ?, ?)', 1, c, c);
    await execute('INSERT INTO %s (k, c, v) VALUES (2, 0, 0)');
    await execute('DELETE FROM %s WHERE k = 1 AND c >= 3');
    expect(await rows(`SELECT c, k FROM ${mv}`)).toEqual([row(1, 1), row(0, 1), row(0, 2), row(2, 1)]);
    await execute('DELETE FROM %s WHERE k = 1');
    expect(await rows(`SELECT c, k FROM ${mv}`)).toEqual([row(0, 2)]);
    await execute('INSERT INTO %s (k, c, v) VALUES (1, 4, 4)');
    expect(await rows(`SELECT k, v FROM ${mv} WHERE c = 4`)).toEqual([row(1, 4)]);
  });

  it('carries the base cells timestamps and TTLs, and expires with the base row', async () => {
    const mv = await table('(k int, c int, v int, w int, PRIMARY KEY (k, c))');
    await execute(`CREATE MATERIALIZED VIEW ${mv} AS SELECT * FROM %s WHERE k IS NOT NULL AND c IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k, c)`);
    await execute('INSERT INTO %s (k, c, v, w) VALUES (1, 1, 1, 1) USING TTL 10 AND TIMESTAMP 1000');
    await execute('INSERT INTO %s (k, c, v, w) VALUES (1, 2, 2, 2) USING TIMESTAMP 2000');
    expect(await rows(`SELECT k, writetime(w), ttl(w) FROM ${mv} WHERE v = 2`)).toEqual([row(1, 2000n, null)]);
    expect(await rows(`SELECT ttl(w) FROM ${mv} WHERE v = 1`)).toEqual([row(10)]);
    cluster.advanceTime(11_000);
    expect(await rows(`SELECT v FROM ${mv}`)).toEqual([row(2)]);
    await execute('UPDATE %s USING TTL 5 SET v = 3 WHERE k = 1 AND c = 3');
    expect(await rows(`SELECT v FROM ${mv} WHERE v = 3`)).toEqual([row(3)]);
    cluster.advanceTime(6_000);
    expect(await rows(`SELECT v FROM ${mv} WHERE v = 3`)).toEqual([]);
  });

  it('keeps a view row alive through an unselected column, and lets it go with it (CASSANDRA-11500)', async () => {
    const mv = await table('(k int, c int, a int, b int, PRIMARY KEY (k, c))');
    await execute(`CREATE MATERIALIZED VIEW ${mv} AS SELECT k, c, a FROM %s WHERE k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, k)`);
    await execute('UPDATE %s USING TIMESTAMP 10 SET b = 1 WHERE k = 1 AND c = 1');
    expect(await rows(`SELECT k, c, a FROM ${mv}`)).toEqual([row(1, 1, null)]);
    await execute('DELETE b FROM %s USING TIMESTAMP 11 WHERE k = 1 AND c = 1');
    expect(await rows(`SELECT * FROM ${mv}`)).toEqual([]);
    await execute('UPDATE %s USING TIMESTAMP 12 SET a = 2 WHERE k = 1 AND c = 1');
    expect(await rows(`SELECT k, c, a FROM ${mv}`)).toEqual([row(1, 1, 2)]);
  });

  it('applies its WHERE clause on key columns', async () => {
    const mv = await table('(k int, c int, v int, PRIMARY KEY (k, c))');
    await execute(`CREATE MATERIALIZED VIEW ${mv} AS SELECT * FROM %s WHERE k IS NOT NULL AND c IN (1, 3) PRIMARY KEY (c, k)`);
    for (let c = 0; c < 4; c++) await execute('INSERT INTO %s (k, c, v) VALUES (0, ?, ?)', c, c);
    expect((await rows(`SELECT c FROM ${mv}`)).map((r) => r[0]).sort()).toEqual([1, 3]);
  });

  it('follows lightweight transactions', async () => {
    const mv = await table('(k int PRIMARY KEY, v int)');
    await execute(`CREATE MATERIALIZED VIEW ${mv} AS SELECT * FROM %s WHERE k IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k)`);
    await execute('INSERT INTO %s (k, v) VALUES (1, 1) IF NOT EXISTS');
    await execute('UPDATE %s SET v = 2 WHERE k = 1 IF v = 1');
    expect(await rows(`SELECT v, k FROM ${mv}`)).toEqual([row(2, 1)]);
  });

  it('builds from the data already there and records the build', async () => {
    const mv = await table('(k int PRIMARY KEY, v int)');
    await execute('INSERT INTO %s (k, v) VALUES (1, 10)');
    await execute('INSERT INTO %s (k, v) VALUES (2, 20)');
    await execute(`CREATE MATERIALIZED VIEW ${mv} AS SELECT * FROM %s WHERE k IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k)`);
    expect((await rows(`SELECT v, k FROM ${mv}`)).map((r) => r[0]).sort()).toEqual([10, 20]);
    await runUntilSettled(cluster, new Promise((resolve) => { setTimeout(resolve, 50); }));
    expect(await rows(`SELECT view_name, status_replicated FROM system.built_views WHERE keyspace_name = 'ks' AND view_name = '${mv}'`))
      .toEqual([row(mv, true)]);
    expect(await rows(`SELECT status FROM system_distributed.view_build_status WHERE keyspace_name = 'ks' AND view_name = '${mv}'`))
      .toEqual([row('SUCCESS')]);
    await execute(`DROP MATERIALIZED VIEW ${mv}`);
    expect(await rows(`SELECT * FROM system.built_views WHERE keyspace_name = 'ks' AND view_name = '${mv}'`)).toEqual([]);
  });

  it('refuses direct writes, TRUNCATE and IS NOT NULL in queries, and is emptied with its base by TRUNCATE', async () => {
    const mv = await table('(k int PRIMARY KEY, v int)');
    await execute(`CREATE MATERIALIZED VIEW ${mv} AS SELECT * FROM %s WHERE k IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k)`);
    await cql.assertInvalidMessage('Cannot directly modify a materialized view', `INSERT INTO ${mv} (v, k) VALUES (1, 1)`);
    await cql.assertInvalidMessage('Cannot directly modify a materialized view', `DELETE FROM ${mv} WHERE v = 1`);
    await cql.assertInvalidMessage('Cannot TRUNCATE materialized view directly; must truncate base table instead', `TRUNCATE ${mv}`);
    await cql.assertInvalidMessage('Unsupported restriction: v IS NOT NULL', 'SELECT * FROM %s WHERE v IS NOT NULL ALLOW FILTERING');
    await cql.assertInvalidMessage('Bind variables are not allowed in CREATE MATERIALIZED VIEW statements',
      `CREATE MATERIALIZED VIEW ${mv}_b AS SELECT * FROM %s WHERE k IS NOT NULL AND v = ? PRIMARY KEY (v, k)`, 1);
    await execute('INSERT INTO %s (k, v) VALUES (1, 1)');
    await execute('TRUNCATE %s');
    expect(await rows(`SELECT * FROM ${mv}`)).toEqual([]);
  });
});
