import { afterEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster/index.js';
import { runUntilSettled, virtualCluster } from '../cluster/testing/virtual-cluster.js';
import { QueryProcessor } from './query-processor.js';
import { CqlTester } from './testing/cql-tester.js';

/**
 * The purge of a node's storage as CQL sees it, on a virtual clock: a started node purges what writes
 * and reads touch and sweeps the rest every 10 s; nothing a client reads changes.
 */
let cluster: Cluster | undefined;
afterEach(() => cluster?.close());

async function started(): Promise<{ cql: CqlTester; cluster: Cluster }> {
  const c = await virtualCluster(1, 1, []);
  cluster = c;
  const processor = new QueryProcessor(c.node(1));
  c.onSchemaChange((_change, before, after) => processor.schemaChanged(before, after));
  return { cql: new CqlTester(processor, (p) => runUntilSettled(c, p)), cluster: c };
}

const stats = (c: Cluster, cql: CqlTester) => {
  const table = c.schema.keyspace('ks')!.tables.get(cql.table)!;
  return c.node(1).storage.tableStats(table.id);
};

describe('purge of tombstones and expired cells through CQL', () => {
  it('with gc_grace_seconds = 0, deleted partitions leave the node once the sweep passes', async () => {
    const { cql, cluster: c } = await started();
    await cql.createTable('(k int PRIMARY KEY, v text) WITH gc_grace_seconds = 0');
    for (let k = 0; k < 100; k++) await cql.execute('INSERT INTO %s (k, v) VALUES (?, ?)', k, `v${k}`);
    for (let k = 0; k < 100; k += 2) await cql.execute('DELETE FROM %s WHERE k = ?', k);
    expect(stats(c, cql).partitionCount).toBe(100);
    c.advanceTime(11_000);
    expect(stats(c, cql).partitionCount).toBe(50);
    expect((await cql.rows('SELECT k FROM %s')).length).toBe(50);
    expect(await cql.rows('SELECT v FROM %s WHERE k = 1')).toEqual([['v1']]);
  });

  it('keeps tombstones for gc_grace_seconds, and TTLs expire then go', async () => {
    const { cql, cluster: c } = await started();
    await cql.createTable('(k int, c int, v text, PRIMARY KEY (k, c)) WITH gc_grace_seconds = 3600');
    await cql.execute('INSERT INTO %s (k, c, v) VALUES (1, 1, ?) USING TTL 60', 'x'.repeat(1000));
    await cql.execute('INSERT INTO %s (k, c, v) VALUES (2, 1, ?)', 'kept');
    await cql.execute('DELETE FROM %s WHERE k = 2 AND c = 1');
    const written = stats(c, cql).sizeBytes;
    c.advanceTime(70_000);
    // Expired: a tombstone now, without its value.
    expect(await cql.rows('SELECT * FROM %s')).toEqual([]);
    expect(stats(c, cql).sizeBytes).toBeLessThan(written - 900);
    expect(stats(c, cql).partitionCount).toBe(2);
    c.advanceTime(3_600_000);
    expect(stats(c, cql).partitionCount).toBe(0);
    await cql.execute('INSERT INTO %s (k, c, v) VALUES (2, 1, ?)', 'again');
    expect(await cql.rows('SELECT k, c, v FROM %s')).toEqual([[2, 1, 'again']]);
  });
});
