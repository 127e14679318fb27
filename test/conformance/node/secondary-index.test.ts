/**
 * Queries through secondary indexes, as Cassandra 4.1 accepts them: one relation an index answers needs
 * no ALLOW FILTERING (a plain index: =, values(): CONTAINS, keys(): CONTAINS KEY, full(): =); a second
 * relation, or one the index cannot answer, still does. Cassanova answers them by filtering: same rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError } from '../support/node-values.js';

const target = useNodeTarget('indexes');
const FILTERING = 'Cannot execute this query as it might involve data filtering';

beforeAll(async () => {
  const run = (cql: string) => target.client.execute(cql);
  await run('CREATE TABLE users (id int, c int, name text, age int, tags set<text>, attrs map<text, int>, f frozen<list<int>>, PRIMARY KEY (id, c))');
  await run('CREATE INDEX users_name ON users (name)');
  await run('CREATE INDEX users_tags ON users (tags)');
  await run('CREATE INDEX users_attr_keys ON users (keys(attrs))');
  await run('CREATE INDEX users_f ON users (full(f))');
  await run('CREATE INDEX users_c ON users (c)');
  await run('CREATE INDEX users_attr_entries ON users (entries(attrs))');
  for (let id = 1; id <= 6; id++) {
    await target.client.execute(
      'INSERT INTO users (id, c, name, age, tags, attrs, f) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [id, id % 2, id % 3 === 0 ? 'ann' : `user${id}`, 20 + id, id % 2 === 0 ? ['even'] : ['odd'], { [`k${id % 2}`]: id }, [id % 2]],
      { prepare: true },
    );
  }
});

const ids = async (cql: string, params: unknown[] = []): Promise<number[]> =>
  (await target.client.execute(cql, params, { prepare: true })).rows.map((r) => r['id'] as number).sort((a, b) => a - b);

describe('one relation an index answers', () => {
  it('finds rows by an indexed regular column across partitions, and within one', async () => {
    expect(await ids("SELECT id FROM users WHERE name = 'ann'")).toEqual([3, 6]);
    expect(await ids('SELECT id FROM users WHERE id = ? AND name = ?', [3, 'ann'])).toEqual([3]);
    expect(await ids('SELECT id FROM users WHERE id = ? AND c >= ? AND name = ?', [6, 0, 'ann'])).toEqual([6]);
  });

  it('finds rows by set values, map keys, a frozen list and a clustering column', async () => {
    expect(await ids("SELECT id FROM users WHERE tags CONTAINS 'even'")).toEqual([2, 4, 6]);
    expect(await ids("SELECT id FROM users WHERE attrs CONTAINS KEY 'k1'")).toEqual([1, 3, 5]);
    expect(await ids('SELECT id FROM users WHERE f = ?', [[0]])).toEqual([2, 4, 6]);
    expect(await ids('SELECT id FROM users WHERE c = ?', [1])).toEqual([1, 3, 5]);
  });

  it('pages through the matches', async () => {
    const rows: number[] = [];
    let pageState: string | undefined;
    do {
      const page = await target.client.execute("SELECT id FROM users WHERE tags CONTAINS 'odd'", [], { prepare: true, fetchSize: 1, pageState });
      rows.push(...page.rows.map((r) => r['id'] as number));
      pageState = page.pageState ?? undefined;
    } while (pageState !== undefined);
    expect(rows.sort()).toEqual([1, 3, 5]);
  });
});

describe('map entries', () => {
  it('finds rows by one map entry through an entries() index, and by filtering elsewhere', async () => {
    expect(await ids("SELECT id FROM users WHERE attrs['k1'] = 3")).toEqual([3]);
    expect(await ids('SELECT id FROM users WHERE attrs[?] = ?', ['k0', 4])).toEqual([4]);
    await target.client.execute('CREATE TABLE plain_maps (k int PRIMARY KEY, m map<text, int>, fm frozen<map<text, int>>, l list<int>, v int)');
    await target.client.execute("INSERT INTO plain_maps (k, m) VALUES (1, {'a': 1, 'b': 2})");
    await target.client.execute("INSERT INTO plain_maps (k, m) VALUES (2, {'a': 2})");
    await expectServerError(target.client.execute("SELECT k FROM plain_maps WHERE m['a'] = 1"), ErrorCodes.invalid, FILTERING);
    expect((await target.client.execute("SELECT k FROM plain_maps WHERE m['a'] = 2 ALLOW FILTERING")).rows.map((r) => r['k'])).toEqual([2]);
  });

  it.each([
    ["SELECT k FROM plain_maps WHERE fm['a'] = 1 ALLOW FILTERING", 'Map-entry equality predicates on frozen map column fm are not supported'],
    ["SELECT k FROM plain_maps WHERE l[0] = 1 ALLOW FILTERING", 'Indexes on list entries (l[index] = value) are not currently supported.'],
    ["SELECT k FROM plain_maps WHERE v['a'] = 1 ALLOW FILTERING", 'Column v cannot be used as a map'],
    ["SELECT k FROM plain_maps WHERE m['a'] > 1 ALLOW FILTERING", 'Only EQ relations are supported on map entries'],
    // SingleColumnRelation.toReceivers, before any index or filtering is considered.
    ["SELECT id FROM users WHERE tags = {'odd'}", "Collection column 'tags' (set<text>) cannot be restricted by a '=' relation"],
    ["SELECT id FROM users WHERE tags = {'odd'} ALLOW FILTERING", "Collection column 'tags' (set<text>) cannot be restricted by a '=' relation"],
  ])('refuses %s', async (cql, message) => {
    await expectServerError(target.client.execute(cql), ErrorCodes.invalid, message);
  });
});

describe('what still needs ALLOW FILTERING', () => {
  it.each([
    ["SELECT id FROM users WHERE name = 'ann' AND age = 23", 'a second relation'],
    ["SELECT id FROM users WHERE name = 'ann' AND tags CONTAINS 'odd'", 'two indexed relations'],
    ["SELECT id FROM users WHERE name > 'a'", 'a range on a plain index'],
    ['SELECT id FROM users WHERE age = 23', 'a column without an index'],
  ])('%s (%s)', async (cql) => {
    await expectServerError(target.client.execute(cql), ErrorCodes.invalid, FILTERING);
    expect((await target.client.execute(`${cql} ALLOW FILTERING`)).rows.length).toBeGreaterThanOrEqual(0);
  });

  it('gives the same rows with ALLOW FILTERING as through the index', async () => {
    expect(await ids("SELECT id FROM users WHERE name = 'ann' ALLOW FILTERING")).toEqual(await ids("SELECT id FROM users WHERE name = 'ann'"));
    expect(await ids("SELECT id FROM users WHERE name = 'ann' AND age = 23 ALLOW FILTERING")).toEqual([3]);
  });
});
