/**
 * Time to live: cells, rows and collection elements expire when the server's clock passes their expiry.
 * Expiry tests run on Cassanova's virtual clock (advanceTime) and are skipped against a real Cassandra;
 * TTL validation errors and ttl() reporting run everywhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isExternalTarget, useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError, plainRows } from '../support/node-values.js';

const target = useNodeTarget('ttl', { virtualClock: !isExternalTarget });

const rows = async (query: string) => plainRows(await target.client.execute(query));

beforeAll(async () => {
  await target.client.execute('CREATE TABLE cells (k int PRIMARY KEY, a text, b text)');
  await target.client.execute('CREATE TABLE wide (k int, c int, v text, PRIMARY KEY (k, c))');
  await target.client.execute('CREATE TABLE tags (k int PRIMARY KEY, s set<text>, m map<text, int>, l list<int>)');
  await target.client.execute('CREATE TABLE short_lived (k int PRIMARY KEY, v text) WITH default_time_to_live = 20');
});

describe('ttl() and TTL validation', () => {
  it('reports the remaining TTL and null for cells without one', async () => {
    await target.client.execute("INSERT INTO cells (k, a) VALUES (1, 'x') USING TTL 100");
    await target.client.execute("UPDATE cells SET b = 'y' WHERE k = 1");
    const row = (await target.client.execute('SELECT ttl(a), ttl(b) FROM cells WHERE k = 1')).first();
    expect(row?.['ttl(a)']).toBeGreaterThan(90);
    expect(row?.['ttl(a)']).toBeLessThanOrEqual(100);
    expect(row?.['ttl(b)']).toBeNull();
  });

  it('applies the table default_time_to_live, and USING TTL 0 opts out of it', async () => {
    await target.client.execute("INSERT INTO short_lived (k, v) VALUES (1, 'default')");
    await target.client.execute("INSERT INTO short_lived (k, v) VALUES (2, 'forever') USING TTL 0");
    const ttls = await rows('SELECT k, ttl(v) FROM short_lived WHERE k IN (1, 2)');
    const byKey = new Map(ttls.map((r) => [r['k'], r['ttl(v)']]));
    expect(byKey.get(1)).toBeGreaterThan(10);
    expect(byKey.get(1)).toBeLessThanOrEqual(20);
    expect(byKey.get(2)).toBeNull();
  });

  it('rejects a negative TTL', async () => {
    await expectServerError(
      target.client.execute("INSERT INTO cells (k, a) VALUES (2, 'x') USING TTL -1"),
      ErrorCodes.invalid,
      'A TTL must be greater or equal to 0, but was -1',
    );
    await expectServerError(
      target.client.execute('INSERT INTO cells (k, a) VALUES (?, ?) USING TTL ?', [2, 'x', -5], { prepare: true }),
      ErrorCodes.invalid,
      'A TTL must be greater or equal to 0, but was -5',
    );
  });

  it('rejects a TTL above twenty years', async () => {
    await expectServerError(
      target.client.execute("INSERT INTO cells (k, a) VALUES (2, 'x') USING TTL 630720001"),
      ErrorCodes.invalid,
      'ttl is too large. requested (630720001) maximum (630720000)',
    );
  });
});

describe.skipIf(isExternalTarget)('expiry on the virtual clock', () => {
  it('expires a TTL cell exactly when its time is up', async () => {
    await target.client.execute("INSERT INTO cells (k, a, b) VALUES (10, 'short', 'long') USING TTL 10");
    await target.client.execute("UPDATE cells USING TTL 60 SET b = 'long' WHERE k = 10");
    await target.advanceTime(9_000);
    expect(await rows('SELECT a, b FROM cells WHERE k = 10')).toEqual([{ a: 'short', b: 'long' }]);
    expect((await target.client.execute('SELECT ttl(a) FROM cells WHERE k = 10')).first()?.['ttl(a)']).toBe(1);
    await target.advanceTime(1_000);
    expect(await rows('SELECT a, b FROM cells WHERE k = 10')).toEqual([{ a: null, b: 'long' }]);
  });

  it('removes the whole row when everything written with TTL has expired', async () => {
    await target.client.execute("INSERT INTO cells (k, a, b) VALUES (11, 'x', 'y') USING TTL 5");
    await target.advanceTime(5_000);
    expect(await rows('SELECT * FROM cells WHERE k = 11')).toEqual([]);
    expect((await target.client.execute('SELECT COUNT(*) FROM cells WHERE k = 11')).first()?.['count'].toString()).toBe(
      '0',
    );
  });

  it('keeps the row alive through a later non-TTL column after the TTL row marker expires', async () => {
    await target.client.execute("INSERT INTO cells (k, a, b) VALUES (12, 'x', 'y') USING TTL 5");
    await target.client.execute("UPDATE cells SET b = 'kept' WHERE k = 12");
    await target.advanceTime(6_000);
    expect(await rows('SELECT k, a, b FROM cells WHERE k = 12')).toEqual([{ k: 12, a: null, b: 'kept' }]);
  });

  it('an UPDATE with TTL leaves no row behind once its cells expire', async () => {
    await target.client.execute("UPDATE cells USING TTL 3 SET a = 'x' WHERE k = 13");
    await target.advanceTime(3_000);
    expect(await rows('SELECT * FROM cells WHERE k = 13')).toEqual([]);
  });

  it('expires clustering rows individually', async () => {
    await target.client.execute("INSERT INTO wide (k, c, v) VALUES (1, 1, 'short') USING TTL 5");
    await target.client.execute("INSERT INTO wide (k, c, v) VALUES (1, 2, 'long') USING TTL 50");
    await target.client.execute("INSERT INTO wide (k, c, v) VALUES (1, 3, 'forever')");
    await target.advanceTime(5_000);
    expect((await rows('SELECT c FROM wide WHERE k = 1')).map((r) => r['c'])).toEqual([2, 3]);
    await target.advanceTime(45_000);
    expect((await rows('SELECT c FROM wide WHERE k = 1')).map((r) => r['c'])).toEqual([3]);
  });

  it('expires collection elements added with a TTL and keeps the others', async () => {
    await target.client.execute("INSERT INTO tags (k, s, m, l) VALUES (1, {'kept'}, {'kept': 1}, [1])");
    await target.client.execute("UPDATE tags USING TTL 4 SET s = s + {'brief'}, m['brief'] = 2, l = l + [2] WHERE k = 1");
    expect(await rows('SELECT s, m, l FROM tags WHERE k = 1')).toEqual([
      { s: ['brief', 'kept'], m: { brief: 2, kept: 1 }, l: [1, 2] },
    ]);
    await target.advanceTime(4_000);
    expect(await rows('SELECT s, m, l FROM tags WHERE k = 1')).toEqual([{ s: ['kept'], m: { kept: 1 }, l: [1] }]);
  });

  it('expires rows written under the table default TTL', async () => {
    await target.client.execute("INSERT INTO short_lived (k, v) VALUES (10, 'default')");
    await target.client.execute("INSERT INTO short_lived (k, v) VALUES (11, 'forever') USING TTL 0");
    await target.advanceTime(20_000);
    expect((await rows('SELECT k FROM short_lived WHERE k IN (10, 11)')).map((r) => r['k'])).toEqual([11]);
  });

  it('resets the TTL when a cell is overwritten', async () => {
    await target.client.execute("INSERT INTO cells (k, a) VALUES (14, 'first') USING TTL 5");
    await target.advanceTime(4_000);
    await target.client.execute("INSERT INTO cells (k, a) VALUES (14, 'second') USING TTL 5");
    await target.advanceTime(4_000);
    expect(await rows('SELECT a FROM cells WHERE k = 14')).toEqual([{ a: 'second' }]);
    await target.advanceTime(1_000);
    expect(await rows('SELECT a FROM cells WHERE k = 14')).toEqual([]);
  });

  it('drops expired rows from filtered and paged scans', async () => {
    for (let k = 100; k < 120; k++) {
      await target.client.execute(`INSERT INTO cells (k, a) VALUES (${k}, 'scan') USING TTL ${k % 2 === 0 ? 2 : 200}`);
    }
    await target.advanceTime(2_000);
    const result = await target.client.execute("SELECT k FROM cells WHERE a = 'scan' ALLOW FILTERING", [], {
      fetchSize: 3,
      autoPage: true,
    });
    const keys: number[] = [];
    for await (const row of result) keys.push(row['k'] as number);
    expect(keys.sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, i) => 101 + 2 * i));
  });
});
