/**
 * Limits of range scans over three nodes through the Node.js driver, pages resumed on other coordinators:
 * PER PARTITION LIMIT caps each partition (not the scan) when replicas hold different rows past the limit,
 * and partitions holding only static content (some of them on two replicas of three) count as a row only
 * when whole partitions are queried, whatever the page size.
 */
import cassandra from 'cassandra-driver';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, consistencies, harness, SEED, type Harness } from './driver-harness.js';

afterEach(closeAll);

type Row = cassandra.types.Row;

/** Every row of a query at `consistency`, `fetchSize` rows a page, each page asked of the next node in turn. */
async function scan(h: Harness, query: string, fetchSize: number, consistency: number): Promise<Row[]> {
  const rows: Row[] = [];
  let pageState: string | undefined;
  for (let page = 0; page < 500; page++) {
    const result = await h.client.execute(query, [], { prepare: true, fetchSize, pageState, consistency, host: h.host((page % 3) + 1) });
    rows.push(...result.rows);
    pageState = result.pageState ?? undefined;
    if (pageState === undefined) return rows;
  }
  throw new Error(`paging of ${query} did not end`);
}

const sortedPairs = (rows: Row[], a: string, b: string): number[][] =>
  rows.map((r) => [r[a] as number, r[b] as number]).sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);

async function write(h: Harness, query: string, params: unknown[], consistency: number): Promise<void> {
  await h.client.execute(query, params, { prepare: true, consistency, host: h.host(1) });
}

describe(`range scans with limits over three nodes (seed ${SEED})`, () => {
  it('caps each partition at PER PARTITION LIMIT when replicas differ past the limit, at QUORUM on every coordinator', async () => {
    const h = await harness({ nodes: 3 });
    await h.client.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
    await h.client.execute('CREATE TABLE ks.t (a int, b int, c int, PRIMARY KEY (a, b))');
    for (let a = 0; a < 12; a++) for (let b = 0; b < 3; b++) await write(h, 'INSERT INTO ks.t (a, b, c) VALUES (?, ?, ?)', [a, b, b], consistencies.all);
    // Rows past the limit that one replica or another never got.
    for (const missing of [2, 3]) {
      const drop = h.cluster.network.addFilter({ verb: 'MUTATION', to: missing, action: 'drop' });
      for (let a = 0; a < 12; a++) await write(h, 'INSERT INTO ks.t (a, b, c) VALUES (?, ?, ?)', [a, 2 + missing, 0], consistencies.one);
      drop();
    }
    const expected = Array.from({ length: 12 }, (_, a) => [[a, 0], [a, 1]]).flat();
    for (const fetchSize of [1, 2, 3, 5, 7, 100]) {
      expect(sortedPairs(await scan(h, 'SELECT a, b FROM ks.t PER PARTITION LIMIT 2', fetchSize, consistencies.quorum), 'a', 'b')).toEqual(expected);
      expect(await scan(h, 'SELECT a, b FROM ks.t PER PARTITION LIMIT 2 LIMIT 9', fetchSize, consistencies.quorum)).toHaveLength(9);
      const five = await scan(h, 'SELECT a, b FROM ks.t PER PARTITION LIMIT 5', fetchSize, consistencies.quorum);
      expect(five).toHaveLength(12 * 5);
    }
  });

  it.each([1, 3])('counts static-only partitions only in whole-partition queries, RF %i', async (rf) => {
    const h = await harness({ nodes: 3 });
    await h.client.execute(`CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': ${rf}}`);
    await h.client.execute('CREATE TABLE ks.s (pk int, ck int, s int static, v int, PRIMARY KEY (pk, ck))');
    for (let pk = 0; pk < 30; pk++) {
      if (pk % 5 === 0) await write(h, 'INSERT INTO ks.s (pk, ck, s, v) VALUES (?, 1, ?, ?)', [pk, pk, pk], consistencies.all);
    }
    // Static-only partitions; at RF 3 written while node 3 drops them, so two replicas of three hold them.
    const consistency = rf === 3 ? consistencies.quorum : consistencies.one;
    const drop = rf === 3 ? h.cluster.network.addFilter({ verb: 'MUTATION', to: 3, action: 'drop' }) : () => undefined;
    for (let pk = 0; pk < 30; pk++) if (pk % 5 !== 0) await write(h, 'INSERT INTO ks.s (pk, s) VALUES (?, ?)', [pk, pk], consistency);
    drop();
    const withRows = [0, 5, 10, 15, 20, 25];
    for (const fetchSize of [1, 2, 3, 4, 7, 100]) {
      const selected = await scan(h, 'SELECT pk, ck FROM ks.s WHERE ck = 1 ALLOW FILTERING', fetchSize, consistency);
      expect(selected.map((r) => r['pk'] as number).sort((x, y) => x - y)).toEqual(withRows);
      expect(await scan(h, 'SELECT pk, ck FROM ks.s WHERE ck > 0 LIMIT 4 ALLOW FILTERING', fetchSize, consistency)).toHaveLength(4);
      const whole = await scan(h, 'SELECT pk, ck, s FROM ks.s', fetchSize, consistency);
      expect(whole.map((r) => r['pk'] as number).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, pk) => pk));
      expect(await scan(h, 'SELECT pk, s FROM ks.s LIMIT 17', fetchSize, consistency)).toHaveLength(17);
      expect(await scan(h, 'SELECT DISTINCT pk, s FROM ks.s LIMIT 11', fetchSize, consistency)).toHaveLength(11);
    }
  });
});
