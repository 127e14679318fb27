/**
 * A durable cluster through the Node.js driver: data of every kind written (some of it flushed to SSTables,
 * the rest shadowing it from the memtables), the cluster closed (cleanly, or as a crash leaves it) and opened
 * again from its folder: the same schema in the driver's metadata, the same rows, remaining TTLs and write
 * times, every tombstone still in force; TTLs that ran out while it was closed are gone.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDurable, expectEachNodeAlone, openDurable, rowsOf, type Ending, type Opened } from './driver-support.js';

let root: string;
const open: Opened[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cassanova-driver-reopen-'));
});

afterEach(async () => {
  for (const o of open.splice(0)) await closeDurable(o, 'close');
  rmSync(root, { recursive: true, force: true });
});

function commitLogBytes(): number {
  const folder = join(root, 'node1', 'commitlog');
  return readdirSync(folder).reduce((sum, f) => sum + statSync(join(folder, f)).size, 0);
}

async function start(nodes: number | undefined, clockStartMs: number): Promise<Opened> {
  const opened = await openDurable(root, { ...(nodes === undefined ? {} : { nodes }), clock: 'virtual', clockStart: clockStartMs });
  open.push(opened);
  return opened;
}

async function stop(opened: Opened, ending: Ending): Promise<void> {
  open.splice(open.indexOf(opened), 1);
  await closeDurable(opened, ending);
}

const schema = (rf: number): string[] => [
  `CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': ${rf}}`,
  'CREATE TYPE ks.address (street text, zip int)',
  `CREATE TABLE ks.t (k int, c int, s text static, v text, l list<int>, m map<text, int>, st set<text>, home frozen<address>,
     work address, PRIMARY KEY (k, c)) WITH CLUSTERING ORDER BY (c DESC) AND comment = 'kept on disk' AND gc_grace_seconds = 3600`,
  'CREATE TABLE ks.counts (k text PRIMARY KEY, n counter)',
  'CREATE INDEX t_v ON ks.t (v)',
  `CREATE MATERIALIZED VIEW ks.t_by_v AS SELECT k, c, v FROM ks.t WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL
     PRIMARY KEY (v, k, c)`,
  "CREATE FUNCTION ks.plus(a int, b int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return a + b;'",
  'CREATE AGGREGATE ks.total(int) SFUNC plus STYPE int INITCOND 0',
];

/** Rows, statics, collections, UDTs, counters, timestamps given and TTLs: what the first half writes. */
async function writeFirstHalf(client: cassandra.Client): Promise<void> {
  const insert = 'INSERT INTO ks.t (k, c, v, l, m, st) VALUES (?, ?, ?, ?, ?, ?)';
  const writes: Promise<unknown>[] = [];
  for (let k = 1; k <= 6; k++) {
    for (let c = 0; c < 10; c++) writes.push(client.execute(insert, [k, c, `v${c}`, [c, c + 1], { a: c, b: k }, [`x${c}`]], { prepare: true }));
    writes.push(client.execute('UPDATE ks.t SET s = ? WHERE k = ?', [`static${k}`, k], { prepare: true }));
  }
  await Promise.all(writes);
  await client.execute("UPDATE ks.t SET home = {street: 'Main', zip: 1}, work = {street: 'Dock', zip: 2} WHERE k = 1 AND c = 0");
  await client.execute("UPDATE ks.counts SET n = n + 3 WHERE k = 'a'");
  await client.execute("UPDATE ks.counts SET n = n + 2 WHERE k = 'b'");
  await client.execute("UPDATE ks.counts SET n = n + 2 WHERE k = 'b'");
  await client.execute("INSERT INTO ks.t (k, c, v) VALUES (7, 0, 'newer') USING TIMESTAMP 1000");
  await client.execute("INSERT INTO ks.t (k, c, v) VALUES (8, 0, 'long') USING TTL 86400");
  await client.execute("INSERT INTO ks.t (k, c, v) VALUES (8, 1, 'short') USING TTL 60");
  await client.execute("INSERT INTO ks.t (k, c, v) VALUES (8, 2, 'mid') USING TTL 200");
}

/** Deletions of every kind and updates over the first half (flushed or not), and an older write that loses. */
async function writeSecondHalf(client: cassandra.Client): Promise<void> {
  for (const cql of [
    'DELETE FROM ks.t WHERE k = 2',
    'DELETE FROM ks.t WHERE k = 3 AND c >= 3 AND c < 7',
    'DELETE FROM ks.t WHERE k = 4 AND c = 5',
    'DELETE v FROM ks.t WHERE k = 5 AND c = 1',
    "DELETE m['a'] FROM ks.t WHERE k = 5 AND c = 2",
    'UPDATE ks.t SET l = l + [99] WHERE k = 5 AND c = 3',
    "UPDATE ks.t SET st = st - {'x4'} WHERE k = 5 AND c = 4",
    'DELETE l[0] FROM ks.t WHERE k = 5 AND c = 5',
    'UPDATE ks.t SET work.zip = 3 WHERE k = 1 AND c = 0',
    'DELETE s FROM ks.t WHERE k = 6',
    "UPDATE ks.t USING TTL 86400 SET v = 'ttl-update' WHERE k = 6 AND c = 0",
    "INSERT INTO ks.t (k, c, v) VALUES (2, 100, 'after the partition deletion')",
    "INSERT INTO ks.t (k, c, v) VALUES (7, 0, 'older') USING TIMESTAMP 500",
    "UPDATE ks.counts SET n = n + 10 WHERE k = 'a'",
    "UPDATE ks.counts SET n = n - 1 WHERE k = 'b'",
  ]) await client.execute(cql);
}

/** Every read the test compares: scans, slices both ways, paging, the index, the view, an aggregate, counters. */
async function reads(client: cassandra.Client): Promise<Record<string, string[]>> {
  const queries: Record<string, [string, unknown[], cassandra.QueryOptions?]> = {
    scan: ['SELECT k, c, s, v, l, m, st, home, work, writetime(v) AS wt, ttl(v) AS tv FROM ks.t', [], { fetchSize: 7 }],
    partition: ['SELECT * FROM ks.t WHERE k = ?', [3]],
    slice: ['SELECT c, v FROM ks.t WHERE k = ? AND c > ? AND c <= ? ORDER BY c ASC', [3, 1, 8]],
    deleted: ['SELECT * FROM ks.t WHERE k = ?', [2]],
    statics: ['SELECT DISTINCT k, s FROM ks.t', []],
    ttls: ['SELECT c, v, ttl(v) AS tv FROM ks.t WHERE k = 8', []],
    index: ['SELECT k, c FROM ks.t WHERE v = ?', ['v5']],
    view: ['SELECT * FROM ks.t_by_v WHERE v = ?', ['v5']],
    aggregate: ['SELECT ks.total(c) AS sum FROM ks.t WHERE k = ?', [1]],
    counters: ['SELECT k, n FROM ks.counts', []],
  };
  const out: Record<string, string[]> = {};
  for (const [name, [cql, params, options]] of Object.entries(queries)) out[name] = await rowsOf(client, cql, params, options);
  return out;
}

/** The schema as the driver's metadata describes it. */
async function driverSchema(client: cassandra.Client): Promise<unknown> {
  const { metadata } = client;
  await metadata.refreshKeyspaces();
  const table = await metadata.getTable('ks', 't');
  const udt = await metadata.getUdt('ks', 'address');
  // The promise form of getMaterializedView (its typings ask for a callback even then).
  const view = await (metadata as unknown as { getMaterializedView(ks: string, n: string): Promise<cassandra.metadata.MaterializedView | null> })
    .getMaterializedView('ks', 't_by_v');
  const [fn] = await metadata.getFunctions('ks', 'plus');
  const [aggregate] = await metadata.getAggregates('ks', 'total');
  const columns = (cs: readonly { name: string; type: { code: number; info: unknown } }[]): string[] =>
    cs.map((c) => `${c.name} ${c.type.code} ${JSON.stringify(c.type.info)}`);
  return {
    replication: (metadata.keyspaces['ks'] as { strategyOptions?: unknown } | undefined)?.strategyOptions,
    table: {
      columns: columns(table!.columns), partitionKeys: table!.partitionKeys.map((c) => c.name),
      clustering: table!.clusteringKeys.map((c) => c.name), order: table!.clusteringOrder, comment: table!.comment,
      gcGrace: table!.gcGraceSeconds, indexes: table!.indexes.map((i) => `${i.name} ${i.target} ${i.kind}`),
    },
    udt: udt?.fields.map((f) => `${f.name} ${f.type.code}`),
    view: { columns: columns(view!.columns), partitionKeys: view!.partitionKeys.map((c) => c.name), where: view!.whereClause },
    fn: fn === undefined ? null : { body: fn.body, args: fn.argumentNames, calledOnNull: fn.calledOnNullInput },
    aggregate: aggregate === undefined ? null : { state: aggregate.stateFunction, init: aggregate.initCondition },
  };
}

const T0 = Math.floor(Date.now() / 1000) * 1000;

describe('a durable cluster through the Node.js driver', () => {
  for (const nodes of [1, 3]) {
    for (const ending of ['close', 'crash'] as const) {
      it(`reads back the same schema, rows, TTLs and tombstones (${nodes} node(s), RF ${nodes}, ${ending})`, async () => {
        const first = await start(nodes, T0);
        for (const cql of schema(nodes)) await first.client.execute(cql);
        await writeFirstHalf(first.client);
        await first.cluster.flush();
        await writeSecondHalf(first.client);
        const atStart = await reads(first.client);
        expect(atStart['ttls']).toEqual([
          '{"c":2,"v":"mid","tv":200}', '{"c":1,"v":"short","tv":60}', '{"c":0,"v":"long","tv":86400}',
        ]);
        // Two minutes on: the shortest TTL has run out, in the memtables' and the SSTables' data alike.
        await first.cluster.advanceTime(120_000);
        const before = await reads(first.client);
        expect(before['ttls']).toEqual(['{"c":2,"v":"mid","tv":80}', '{"c":0,"v":"long","tv":86280}']);
        expect(before['deleted']).toEqual([expect.stringContaining('"c":100')]);
        expect(before['counters']).toEqual(['{"k":"a","n":"13"}', '{"k":"b","n":"3"}']);
        const schemaBefore = await driverSchema(first.client);
        await stop(first, ending);
        // Drained, the commit log holds no entry; crashed, it holds the second half, which no SSTable has.
        if (ending === 'crash') expect(commitLogBytes()).toBeGreaterThan(2000);
        else expect(commitLogBytes()).toBeLessThan(200);

        const second = await start(undefined, T0 + 120_000);
        expect(await driverSchema(second.client)).toEqual(schemaBefore);
        expect(await reads(second.client)).toEqual(before);
        // Counters go on from their shards; a write after the restart wins over the flushed data.
        await second.client.execute("UPDATE ks.counts SET n = n + 1 WHERE k = 'a'");
        await second.client.execute("UPDATE ks.t SET v = 'changed' WHERE k = 4 AND c = 4");
        if (nodes > 1) await expectEachNodeAlone(second, 'SELECT k, c, v, writetime(v) AS wt, ttl(v) AS tv FROM ks.t', before['scan']!.length);
        await stop(second, ending);

        // Three more minutes while closed: the 200-second TTL is gone, the day-long one counts down.
        const third = await start(undefined, T0 + 300_000);
        const after = await reads(third.client);
        expect(after['ttls']).toEqual(['{"c":0,"v":"long","tv":86100}']);
        expect(after['counters']).toEqual(['{"k":"a","n":"14"}', '{"k":"b","n":"3"}']);
        expect(await rowsOf(third.client, 'SELECT v FROM ks.t WHERE k = 4 AND c = 4')).toEqual(['{"v":"changed"}']);
        expect(after['scan']).toHaveLength(before['scan']!.length - 1);
      }, 120_000);
    }
  }
});
