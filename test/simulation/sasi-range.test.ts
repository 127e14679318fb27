/**
 * SASI LIKE queries over three nodes with RF 2, paged through the Node.js driver: each page may be
 * coordinated by another node, and every matching row comes back exactly once, in token order, also
 * with one node stopped (every range keeps a live replica).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { murmur3Token } from '../../src/cluster/index.js';
import { closeAll, consistencies, harness, SEED, type Harness } from './driver-harness.js';

afterEach(closeAll);

const NAMES = ['Alice', 'Bob', 'Carol', 'Dave', 'Eve', 'Mallory', 'Oscar', 'Peggy', 'Trent', 'Victor'];
const token = (k: number): bigint => { const b = Buffer.alloc(4); b.writeInt32BE(k); return murmur3Token(b); };

async function pagedKeys(h: Harness, cql: string, coordinators: readonly number[], consistency: number, fetchSize: number): Promise<number[]> {
  const seen: number[] = [];
  let pageState: string | undefined;
  for (let page = 0; page < 200; page++) {
    const result = await h.client.execute(cql, [], { fetchSize, pageState, consistency, host: h.host(coordinators[page % coordinators.length]!) });
    expect(result.rows.length).toBeLessThanOrEqual(fetchSize);
    seen.push(...result.rows.map((r) => r['k'] as number));
    pageState = result.pageState ?? undefined;
    if (pageState === undefined) return seen;
  }
  throw new Error(`${cql} did not end within 200 pages`);
}

describe(`SASI over three nodes, RF 2 (seed ${SEED})`, () => {
  it('pages LIKE results across replicas and coordinators: complete, in token order, with a node stopped too', async () => {
    const h = await harness({ nodes: 3 });
    await h.client.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}");
    await h.client.execute('CREATE TABLE ks.people (k int PRIMARY KEY, name text, age int)');
    await h.client.execute("CREATE CUSTOM INDEX ON ks.people (name) USING 'org.apache.cassandra.index.sasi.SASIIndex' WITH OPTIONS = "
      + "{'mode': 'CONTAINS', 'analyzer_class': 'org.apache.cassandra.index.sasi.analyzer.NonTokenizingAnalyzer', 'case_sensitive': 'false'}");
    for (let k = 0; k < 200; k++) {
      await h.client.execute('INSERT INTO ks.people (k, name, age) VALUES (?, ?, ?)', [k, `${NAMES[k % NAMES.length]}-${k}`, k % 90],
        { prepare: true, consistency: consistencies.all });
    }
    const expected = (match: (name: string) => boolean): number[] => Array.from({ length: 200 }, (_v, k) => k)
      .filter((k) => match(`${NAMES[k % NAMES.length]}-${k}`.toLowerCase()))
      .sort((a, b) => (token(a) < token(b) ? -1 : token(a) > token(b) ? 1 : 0));
    const cases: [string, (name: string) => boolean][] = [
      ["name LIKE 'ali%'", (n) => n.startsWith('ali')],
      ["name LIKE '%-1%'", (n) => n.includes('-1')],
      ["name LIKE '%7'", (n) => n.endsWith('7')],
      ["name LIKE 'BOB-11'", (n) => n === 'bob-11'],
    ];
    for (const [where, match] of cases) {
      const cql = `SELECT k FROM ks.people WHERE ${where}`;
      expect(await pagedKeys(h, cql, [1, 2, 3], consistencies.one, 7), where).toEqual(expected(match));
      expect(await pagedKeys(h, cql, [3, 1], consistencies.quorum, 3), where).toEqual(expected(match));
    }
    await h.cluster.node(3).stop();
    for (const [where, match] of cases) {
      expect(await pagedKeys(h, `SELECT k FROM ks.people WHERE ${where}`, [1, 2], consistencies.one, 5), where).toEqual(expected(match));
    }
    const filtered = await pagedKeys(h, "SELECT k FROM ks.people WHERE name LIKE '%e%' AND age < 10 ALLOW FILTERING", [2, 1], consistencies.one, 4);
    expect(filtered).toEqual(expected((n) => n.includes('e')).filter((k) => k % 90 < 10));
  });
});
