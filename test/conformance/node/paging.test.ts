/**
 * Result paging through the Node driver: fetchSize with manual pageState, eachRow/autoPage, nextPage(),
 * async iteration, client.stream, paging states carried to another query and another client (another
 * connection), and paged full-table scans, filtering, IN, LIMIT and reversed queries.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useNodeTarget } from '../support/node-client.js';

const target = useNodeTarget('paging');

const WIDE_ROWS = 100;
const NARROW_PARTITIONS = 60;
const TOTAL_ROWS = WIDE_ROWS + NARROW_PARTITIONS * 2;

type Row = cassandra.types.Row;

function eachRowAll(client: cassandra.Client, query: string, options: cassandra.QueryOptions): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    const rows: Row[] = [];
    client.eachRow(
      query,
      [],
      { ...options, autoPage: true },
      (_n, row) => rows.push(row),
      (error) => (error ? reject(error) : resolve(rows)),
    );
  });
}

function streamAll(client: cassandra.Client, query: string, options: cassandra.QueryOptions): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    const rows: Row[] = [];
    const stream = client.stream(query, [], { ...options, autoPage: true });
    stream.on('readable', () => {
      let row: Row | null;
      while ((row = (stream as unknown as { read(): Row | null }).read()) !== null) rows.push(row);
    });
    stream.on('end', () => resolve(rows));
    stream.on('error', reject);
  });
}

/** Follows pageState by hand and returns the pages' row counts and all rows. */
async function pageByHand(
  client: cassandra.Client,
  query: string,
  options: cassandra.QueryOptions,
): Promise<{ pageSizes: number[]; rows: Row[] }> {
  const pageSizes: number[] = [];
  const rows: Row[] = [];
  let pageState: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const result = await client.execute(query, [], { ...options, pageState });
    pageSizes.push(result.rowLength);
    rows.push(...result.rows);
    if (!result.pageState) return { pageSizes, rows };
    pageState = result.pageState;
  }
  throw new Error('paging did not end after 1000 pages');
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

beforeAll(async () => {
  await target.client.execute('CREATE TABLE pages (k int, c int, v text, PRIMARY KEY (k, c))');
  const insert = 'INSERT INTO pages (k, c, v) VALUES (?, ?, ?)';
  const writes: Array<Promise<unknown>> = [];
  for (const c of range(WIDE_ROWS)) writes.push(target.client.execute(insert, [0, c, c % 2 ? 'odd' : 'even'], { prepare: true }));
  for (const k of range(NARROW_PARTITIONS)) {
    for (const c of [0, 1]) writes.push(target.client.execute(insert, [k + 1, c, c ? 'odd' : 'even'], { prepare: true }));
  }
  await Promise.all(writes);
});

describe.each([
  { mode: 'simple', prepare: false },
  { mode: 'prepared', prepare: true },
])('paging with $mode statements', ({ prepare }) => {
  it('returns full pages of fetchSize rows and a paging state until the partition is exhausted', async () => {
    const { pageSizes, rows } = await pageByHand(target.client, 'SELECT c FROM pages WHERE k = 0', {
      prepare,
      fetchSize: 10,
    });
    expect(rows.map((r) => r['c'])).toEqual(range(WIDE_ROWS));
    const withRows = pageSizes.filter((size) => size > 0);
    expect(withRows.slice(0, -1).every((size) => size === 10)).toBe(true);
    expect(pageSizes.length).toBeGreaterThanOrEqual(10);
  });

  it('walks pages with nextPage() when autoPage is off', async () => {
    const rows = await new Promise<Row[]>((resolve, reject) => {
      const collected: Row[] = [];
      target.client.eachRow(
        'SELECT c FROM pages WHERE k = 0',
        [],
        { prepare, fetchSize: 30, autoPage: false },
        (_n, row) => collected.push(row),
        (error, result) => {
          if (error) reject(error);
          else if (result.nextPage) result.nextPage();
          else resolve(collected);
        },
      );
    });
    expect(rows.map((r) => r['c'])).toEqual(range(WIDE_ROWS));
  });

  it('fetches every page with eachRow and autoPage', async () => {
    const rows = await eachRowAll(target.client, 'SELECT c FROM pages WHERE k = 0', { prepare, fetchSize: 7 });
    expect(rows.map((r) => r['c'])).toEqual(range(WIDE_ROWS));
  });

  it('streams every row with client.stream', async () => {
    const rows = await streamAll(target.client, 'SELECT k, c FROM pages', { prepare, fetchSize: 13 });
    expect(rows).toHaveLength(TOTAL_ROWS);
  });

  it('iterates every page with for await', async () => {
    const result = await target.client.execute('SELECT c FROM pages WHERE k = 0', [], { prepare, fetchSize: 16 });
    const seen: number[] = [];
    for await (const row of result) seen.push(row['c'] as number);
    expect(seen).toEqual(range(WIDE_ROWS));
  });

  it('continues a query from its paging state on another client and connection', async () => {
    const first = await target.client.execute('SELECT c FROM pages WHERE k = 0', [], { prepare, fetchSize: 25 });
    expect(first.rows.map((r) => r['c'])).toEqual(range(25));
    expect(first.pageState).toEqual(expect.any(String));

    const again = await target.client.execute('SELECT c FROM pages WHERE k = 0', [], {
      prepare,
      fetchSize: 25,
      pageState: first.pageState,
    });
    expect(again.rows.map((r) => r['c'])).toEqual(range(25).map((i) => i + 25));

    const other = await target.newClient({ keyspace: target.keyspace });
    const elsewhere = await other.execute('SELECT c FROM pages WHERE k = 0', [], {
      prepare,
      fetchSize: 50,
      pageState: again.pageState,
    });
    expect(elsewhere.rows.map((r) => r['c'])).toEqual(range(50).map((i) => i + 50));
  });

  it('pages a full-table scan across partitions in token order without repeats', async () => {
    const { rows } = await pageByHand(target.client, 'SELECT k, c, token(k) AS t FROM pages', { prepare, fetchSize: 7 });
    expect(rows).toHaveLength(TOTAL_ROWS);
    const keys = rows.map((r) => `${r['k']}:${r['c']}`);
    expect(new Set(keys).size).toBe(TOTAL_ROWS);
    const tokens = rows.map((r) => BigInt(String(r['t'])));
    expect(tokens.every((t, i) => i === 0 || tokens[i - 1]! <= t)).toBe(true);
  });

  it('pages a filtering scan with ALLOW FILTERING', async () => {
    const { rows } = await pageByHand(target.client, "SELECT k, c FROM pages WHERE v = 'odd' ALLOW FILTERING", {
      prepare,
      fetchSize: 5,
    });
    expect(rows).toHaveLength(WIDE_ROWS / 2 + NARROW_PARTITIONS);
    expect(rows.every((r) => (r['c'] as number) % 2 === 1)).toBe(true);
  });

  it('pages IN queries over several partitions', async () => {
    const { rows } = await pageByHand(target.client, 'SELECT k, c FROM pages WHERE k IN (1, 2, 3, 4, 5)', {
      prepare,
      fetchSize: 3,
    });
    expect(rows.map((r) => `${r['k']}:${r['c']}`).sort()).toEqual(
      [1, 2, 3, 4, 5].flatMap((k) => [`${k}:0`, `${k}:1`]),
    );
  });

  it('honours LIMIT across pages', async () => {
    const { rows } = await pageByHand(target.client, 'SELECT c FROM pages WHERE k = 0 LIMIT 25', { prepare, fetchSize: 10 });
    expect(rows.map((r) => r['c'])).toEqual(range(25));
    const scan = await pageByHand(target.client, 'SELECT k FROM pages LIMIT 33', { prepare, fetchSize: 10 });
    expect(scan.rows).toHaveLength(33);
  });

  it('pages a reversed query', async () => {
    const { rows } = await pageByHand(target.client, 'SELECT c FROM pages WHERE k = 0 ORDER BY c DESC', {
      prepare,
      fetchSize: 9,
    });
    expect(rows.map((r) => r['c'])).toEqual(range(WIDE_ROWS).reverse());
  });

  it('aggregates over all pages into one row', async () => {
    const result = await target.client.execute('SELECT COUNT(*) FROM pages', [], { prepare, fetchSize: 10 });
    expect(result.rows).toHaveLength(1);
    expect(result.first()?.['count'].toString()).toBe(String(TOTAL_ROWS));
  });
});
