/**
 * Short-read protection through the Node.js driver (Cassandra's ShortReadRowsProtection and
 * ShortReadPartitionsProtection, used by DataResolver): replicas made to diverge with message filters so
 * that the rows one replica returns up to its limit are all deleted on another, and a QUORUM read must
 * ask that replica again for what lies past its limit instead of returning a short (or empty) result.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, consistencies, harness, threeNodes, SEED, type Harness } from './driver-harness.js';

const QUORUM = consistencies.quorum;

afterEach(closeAll);


/** Runs `work` while the mutations (and hints) to `node` are lost. */
async function withoutWritesTo<T>(h: Harness, node: number, work: () => Promise<T>): Promise<T> {
  const undo = [
    h.cluster.network.addFilter({ verb: 'MUTATION', to: node, action: 'drop' }),
    h.cluster.network.addFilter({ verb: 'HINT', to: node, action: 'drop' }),
  ];
  try {
    return await work();
  } finally {
    for (const u of undo) u();
  }
}

/** Every row of a paged query, page by page, and the number of pages. */
async function allPages(h: Harness, query: string, fetchSize: number, host: number): Promise<{ rows: unknown[][]; pages: number }> {
  const rows: unknown[][] = [];
  let pageState: string | undefined;
  let pages = 0;
  do {
    const page = await h.client.execute(query, [], { prepare: true, consistency: QUORUM, host: h.host(host), fetchSize, pageState });
    pages++;
    rows.push(...page.rows.map((r) => r.values()));
    pageState = page.pageState ?? undefined;
  } while (pageState !== undefined && pages < 20);
  return { rows, pages };
}

describe(`short reads of one partition (seed ${SEED})`, () => {
  /**
   * The scenario: ck 1–5 (`early`) on every node; 6–10 (`late`) on nodes 1 and 3 only; `early`
   * deleted on nodes 2 and 3 only. Node 1 answers its first five rows, all deleted on node 2, which has
   * nothing else. Read in reverse, `early` and `late` swap.
   */
  async function diverged(early = [1, 2, 3, 4, 5], late = [6, 7, 8, 9, 10], deleted = 'ck <= 5'): Promise<Harness> {
    const h = await threeNodes(['CREATE TABLE ks.t (pk int, ck int, v int, PRIMARY KEY (pk, ck))']);
    const insert = 'INSERT INTO ks.t (pk, ck, v) VALUES (1, ?, ?)';
    for (const ck of early) await h.client.execute(insert, [ck, ck], { prepare: true, consistency: consistencies.all, host: h.host(1) });
    await withoutWritesTo(h, 2, async () => {
      for (const ck of late) await h.client.execute(insert, [ck, ck], { prepare: true, consistency: QUORUM, host: h.host(1) });
    });
    await withoutWritesTo(h, 1, () => h.client.execute(`DELETE FROM ks.t WHERE pk = 1 AND ${deleted}`, [], { consistency: QUORUM, host: h.host(2) }));
    return h;
  }

  const cks = (rows: { get(name: string): unknown }[]): unknown[] => rows.map((r) => r.get('ck'));
  const select = async (h: Harness, query: string): Promise<unknown[]> =>
    cks((await h.client.execute(query, [], { prepare: true, consistency: QUORUM, host: h.host(1) })).rows);

  it('returns the rows past the deleted ones under LIMIT, and repairs them', async () => {
    const h = await diverged();
    expect(await select(h, 'SELECT ck FROM ks.t WHERE pk = 1 LIMIT 5')).toEqual([6, 7, 8, 9, 10]);
    // The merged rows were repaired on node 2: it answers them alone now.
    const fromNode2 = await h.client.execute('SELECT ck FROM ks.t WHERE pk = 1', [], { consistency: consistencies.one, host: h.host(2) });
    expect(cks(fromNode2.rows)).toEqual([6, 7, 8, 9, 10]);
  });

  it('fills a page of 5 without LIMIT, and its paging state leads to the end', async () => {
    const h = await diverged();
    const first = await h.client.execute('SELECT ck FROM ks.t WHERE pk = 1', [], { prepare: true, consistency: QUORUM, host: h.host(1), fetchSize: 5 });
    expect(cks(first.rows)).toEqual([6, 7, 8, 9, 10]);
    expect(first.pageState).toBeTruthy();
    const all = await allPages(h, 'SELECT ck FROM ks.t WHERE pk = 1', 3, 1);
    expect(all.rows).toEqual([[6], [7], [8], [9], [10]]);
  });

  it('reads past the deleted rows in reverse order', async () => {
    const h = await diverged([6, 7, 8, 9, 10], [1, 2, 3, 4, 5], 'ck >= 6');
    expect(await select(h, 'SELECT ck FROM ks.t WHERE pk = 1 ORDER BY ck DESC LIMIT 3')).toEqual([5, 4, 3]);
  });

  it('reads past the deleted rows with PER PARTITION LIMIT', async () => {
    const h = await diverged();
    expect(await select(h, 'SELECT ck FROM ks.t WHERE pk = 1 PER PARTITION LIMIT 2')).toEqual([6, 7]);
  });

  it('reads past the deleted rows of each partition of an IN', async () => {
    const h = await diverged();
    expect(await select(h, 'SELECT ck FROM ks.t WHERE pk IN (1, 2) LIMIT 4')).toEqual([6, 7, 8, 9]);
  });

  it('counts what a slice leaves after the deleted rows', async () => {
    const h = await diverged();
    expect(await select(h, 'SELECT ck FROM ks.t WHERE pk = 1 AND ck >= 3 LIMIT 2')).toEqual([6, 7]);
  });
});

describe(`short reads of a range (seed ${SEED})`, () => {
  /**
   * Ten partitions in token order: the first five on every node, the last five on nodes 1 and 3 only;
   * the first five deleted on nodes 2 and 3 only. Node 1's first five live partitions are deleted on node 2.
   */
  async function diverged(): Promise<{ h: Harness; late: number[] }> {
    const h = await threeNodes(['CREATE TABLE ks.p (k int PRIMARY KEY, v int)', 'CREATE TABLE ks.token_order (k int PRIMARY KEY)']);
    for (let k = 0; k < 10; k++) await h.client.execute('INSERT INTO ks.token_order (k) VALUES (?)', [k], { prepare: true, host: h.host(1) });
    const byToken = (await h.client.execute('SELECT k FROM ks.token_order', [], { consistency: consistencies.all })).rows.map((r) => r['k'] as number);
    const early = byToken.slice(0, 5);
    const late = byToken.slice(5);
    const insert = 'INSERT INTO ks.p (k, v) VALUES (?, ?)';
    for (const k of early) await h.client.execute(insert, [k, k], { prepare: true, consistency: consistencies.all, host: h.host(1) });
    await withoutWritesTo(h, 2, async () => {
      for (const k of late) await h.client.execute(insert, [k, k], { prepare: true, consistency: QUORUM, host: h.host(1) });
    });
    await withoutWritesTo(h, 1, async () => {
      for (const k of early) await h.client.execute('DELETE FROM ks.p WHERE k = ?', [k], { prepare: true, consistency: QUORUM, host: h.host(2) });
    });
    return { h, late };
  }

  it('returns the partitions past the deleted ones under LIMIT and with a page size', async () => {
    const { h, late } = await diverged();
    const limited = await h.client.execute('SELECT k FROM ks.p LIMIT 5', [], { prepare: true, consistency: QUORUM, host: h.host(1) });
    expect(limited.rows.map((r) => r['k'])).toEqual(late);
    const paged = await allPages(h, 'SELECT k FROM ks.p', 5, 1);
    expect(paged.rows).toEqual(late.map((k) => [k]));
    const few = await h.client.execute('SELECT k FROM ks.p LIMIT 2', [], { prepare: true, consistency: QUORUM, host: h.host(1) });
    expect(few.rows.map((r) => r['k'])).toEqual(late.slice(0, 2));
  });
});
