/**
 * Range scans across the token ranges of several nodes, paged through the Node.js driver: every row
 * comes back exactly once, in token order, whichever node coordinates each page.
 */
import cassandra from 'cassandra-driver';
import { afterEach, describe, expect, it } from 'vitest';
import { murmur3Token } from '../../src/cluster/index.js';
import { closeAll, consistencies, harness, SEED } from './driver-harness.js';

afterEach(closeAll);

describe(`range scans over three nodes (seed ${SEED})`, () => {
  it.each([1, 2])('pages a full scan and a filtered scan with RF %i, resuming pages on other coordinators', async (rf) => {
    const h = await harness({ nodes: 3 });
    await h.client.execute(`CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': ${rf}}`);
    await h.client.execute('CREATE TABLE ks.t (k int, c int, v int, PRIMARY KEY (k, c))');
    const insert = 'INSERT INTO ks.t (k, c, v) VALUES (?, ?, ?)';
    for (let k = 0; k < 120; k++) {
      for (let c = 0; c < 2; c++) await h.client.execute(insert, [k, c, k % 5], { prepare: true, consistency: consistencies.all });
    }
    const nodes = [1, 2, 3];
    const seen: { k: number; c: number }[] = [];
    let pageState: string | undefined;
    for (let page = 0; page < 100; page++) {
      const result = await h.client.execute('SELECT k, c FROM ks.t', [], {
        fetchSize: 17, pageState, consistency: consistencies.one, host: h.host(nodes[page % 3]!),
      });
      seen.push(...result.rows.map((r) => ({ k: r['k'] as number, c: r['c'] as number })));
      pageState = result.pageState ?? undefined;
      if (pageState === undefined) break;
    }
    expect(seen).toHaveLength(240);
    const key = (k: number) => { const b = Buffer.alloc(4); b.writeInt32BE(k); return murmur3Token(b); };
    const tokens = seen.map((r) => key(r.k));
    expect(tokens.every((t, i) => i === 0 || tokens[i - 1]! <= t)).toBe(true);
    expect(new Set(seen.map((r) => `${r.k}/${r.c}`)).size).toBe(240);

    const filtered: number[] = [];
    const options = { fetchSize: 7, prepare: true, consistency: consistencies.quorum, autoPage: true };
    await new Promise<void>((resolve, reject) => {
      h.client.eachRow('SELECT k FROM ks.t WHERE v = ? ALLOW FILTERING', [3], options,
        (_n: number, row: cassandra.types.Row) => { filtered.push(row['k'] as number); },
        (err?: Error) => (err ? reject(err) : resolve()));
    });
    expect(filtered.sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_v, k) => k).filter((k) => k % 5 === 3).flatMap((k) => [k, k]));
  });
});
