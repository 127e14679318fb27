/**
 * The function-related cases of Cassandra 4.1's SelectTest: token ranges (testTokenRange,
 * testCompositeRowKey), count(*) and count(1) (testSelectCount), a call of an unknown function inside
 * token() (testSelectWithToken), time functions over a reversed timeuuid (testFunctionsWithClusteringDesc)
 * and aliases of count, writetime, ttl and functions (testSelectWithAlias).
 */
import { describe, expect, it } from 'vitest';
import { row, useCqlTester } from './testing/cql-tester.js';

const tester = useCqlTester();
const { execute, rows, createTable, assertInvalidMessage } = tester;

describe('SelectTest (functions)', () => {
  it('restricts scans by token ranges (testTokenRange)', async () => {
    await createTable('(k int PRIMARY KEY, c int, v int)');
    for (let i = 0; i < 100; i++) await execute('INSERT INTO %s (k, c, v) VALUES (?, ?, ?)', i, i, i);
    const inOrder = (await rows('SELECT k FROM %s')).map((r) => r[0] as number);
    expect(inOrder).toHaveLength(100);
    expect(await rows(`SELECT k FROM ks.${tester.cql.table} WHERE token(k) >= ${-(2n ** 63n)}`)).toHaveLength(100);
    const slice = await rows(`SELECT k FROM ks.${tester.cql.table} WHERE token(k) >= token(${inOrder[32]}) AND token(k) < token(${inOrder[65]})`);
    expect(slice.map((r) => r[0])).toEqual(inOrder.slice(32, 65));
  });

  it('restricts composite partition keys by token (testCompositeRowKey)', async () => {
    await createTable('(k1 int, k2 int, c int, v int, PRIMARY KEY ((k1, k2), c))');
    for (let i = 0; i < 4; i++) await execute('INSERT INTO %s (k1, k2, c, v) VALUES (?, ?, ?, ?)', 0, i, i, i);
    const all = await rows('SELECT * FROM %s');
    expect(await rows('SELECT * FROM %s WHERE token(k1, k2) = token(0, 1)')).toEqual([row(0, 1, 1, 1)]);
    expect(await rows('SELECT * FROM %s WHERE token(k1, k2) > ?', -(2n ** 63n))).toEqual(all);
    expect(await rows('SELECT * FROM %s WHERE k1 = 0 and k2 IN (1, 3)')).toEqual([row(0, 1, 1, 1), row(0, 3, 3, 3)]);
  });

  it('counts rows with count(*) and count(1) (testSelectCount)', async () => {
    await createTable('(kind text, time int, value1 int, value2 int, PRIMARY KEY(kind, time))');
    for (let t = 0; t < 5; t++) await execute("INSERT INTO %s (kind, time, value1) VALUES ('ev1', ?, ?)", t, t);
    await execute("INSERT INTO %s (kind, time, value1, value2) VALUES ('ev2', 0, 0, 0)");
    const star = await execute("SELECT COUNT(*) FROM %s WHERE kind = 'ev1'");
    expect(star.columns).toEqual(['count']);
    expect(star.rows).toEqual([row(5n)]);
    expect(await rows("SELECT COUNT(1) FROM %s WHERE kind IN ('ev1', 'ev2') AND time=0")).toEqual([row(2n)]);
  });

  it('refuses an unknown function inside token() (testSelectWithToken)', async () => {
    await createTable('(key text PRIMARY KEY)');
    await assertInvalidMessage('Unknown function int called', 'select * from %s where token(key) > token(int(3030343330393233)) limit 1');
  });

  it('applies time functions to a descending timeuuid (testFunctionsWithClusteringDesc)', async () => {
    await createTable('(k int, t timeuuid, PRIMARY KEY (k, t)) WITH CLUSTERING ORDER BY (t DESC)');
    for (let i = 0; i < 5; i++) await execute('INSERT INTO %s (k, t) VALUES (?, now())', i);
    const result = await execute('SELECT toTimestamp(t), dateOf(t) FROM %s');
    expect(result.columns).toEqual(['system.totimestamp(t)', 'system.dateof(t)']);
    expect(result.rows).toHaveLength(5);
    for (const [ts, date] of result.rows) expect(ts).toBe(date);
  });

  it('names aliased counts, values, writetime, ttl and calls (testSelectWithAlias)', async () => {
    await createTable('(id int PRIMARY KEY, name text)');
    for (let id = 0; id < 5; id++) await execute('INSERT INTO %s (id, name) VALUES (?, ?) USING TTL 10 AND TIMESTAMP 0', id, `name${id}`);
    const count = await execute('SELECT count(*) AS user_count FROM %s');
    expect(count).toEqual({ columns: ['user_count'], rows: [row(5n)] });
    expect(await execute('SELECT name AS user_name FROM %s WHERE id = 0')).toEqual({ columns: ['user_name'], rows: [row('name0')] });
    expect(await execute('SELECT writeTime(name) AS name_writetime FROM %s WHERE id = 0')).toEqual({ columns: ['name_writetime'], rows: [row(0n)] });
    const ttl = await execute('SELECT ttl(name) AS name_ttl FROM %s WHERE id = 0');
    expect(ttl.columns).toEqual(['name_ttl']);
    expect([9, 10]).toContain(ttl.rows[0]![0]);
    expect(await execute('SELECT intAsBlob(id) AS id_blob FROM %s WHERE id = 0')).toEqual({ columns: ['id_blob'], rows: [row(Buffer.alloc(4))] });
    await assertInvalidMessage('Undefined column name user_id', 'SELECT id AS user_id, name AS user_name FROM %s WHERE user_id = 0');
    await assertInvalidMessage('Undefined column name user_name', 'SELECT id AS user_id, name AS user_name FROM %s WHERE id IN (0) ORDER BY user_name');
  });
});
