/**
 * Tuples as Cassandra 4.1's TupleTypeTest checks them: frozen and non-frozen tuples, nulls and short
 * tuples, nesting, tuples in partition and clustering keys (reversed too), tuples read from strings,
 * literal and binary refusals, unset fields, tuple notation in relations. The property-based cases
 * (tuplePartitionReadWrite, tupleCkReadWrite*) are covered by a seeded sample of element types.
 */
import { describe, expect, it } from 'vitest';
import { int32Bytes, int64Bytes } from '../types/index.js';
import { Raw, row, UNSET, useCqlTester } from './testing/cql-tester.js';

const { execute, rows, createTable, assertInvalidMessage } = useCqlTester();

/** A serialized tuple of the given elements (null: a null element), however many the type declares. */
function tupleBytes(...elements: (Buffer | null)[]): Raw {
  return new Raw(Buffer.concat(elements.map((e) => (e === null ? int32Bytes(-1) : Buffer.concat([int32Bytes(e.length), e])))));
}

describe('TupleTypeTest', () => {
  it('stores and reads frozen and non-frozen tuples, nulls and incomplete ones (testTuplePutAndGet)', async () => {
    for (const valueType of ['frozen<tuple<int, text, double>>', 'tuple<int, text, double>']) {
      await createTable(`(k int PRIMARY KEY, t ${valueType})`);
      await execute('INSERT INTO %s (k, t) VALUES (?, ?)', 0, [3, 'foo', 3.4]);
      await execute('INSERT INTO %s (k, t) VALUES (?, ?)', 1, [8, 'bar', 0.2]);
      expect(await rows('SELECT * FROM %s')).toEqual([row(1, [8, 'bar', 0.2]), row(0, [3, 'foo', 3.4])]);
      await execute('INSERT INTO %s (k, t) VALUES (?, ?)', 2, [5, null, 3.4]);
      expect(await rows('SELECT * FROM %s WHERE k=?', 2)).toEqual([row(2, [5, null, 3.4])]);
      await execute('INSERT INTO %s (k, t) VALUES (?, ?)', 3, tupleBytes(int32Bytes(5), Buffer.from('bar')));
      expect(await rows('SELECT * FROM %s WHERE k=?', 3)).toEqual([row(3, [5, 'bar', null])]);
    }
  });

  it('nests tuples (testNestedTuple)', async () => {
    await createTable('(k int PRIMARY KEY, t frozen<tuple<int, tuple<text, double>>>)');
    await execute('INSERT INTO %s (k, t) VALUES (?, ?)', 0, [3, ['foo', 3.4]]);
    await execute('INSERT INTO %s (k, t) VALUES (?, ?)', 1, [8, ['bar', 0.2]]);
    expect(await rows('SELECT * FROM %s')).toEqual([row(1, [8, ['bar', 0.2]]), row(0, [3, ['foo', 3.4]])]);
  });

  it('keys partitions and orders clustering rows by tuples (testTupleInPartitionKey, testTupleInClusteringKey, testReversedTypeTuple)', async () => {
    await createTable('(t frozen<tuple<int, text>> PRIMARY KEY)');
    await execute('INSERT INTO %s (t) VALUES (?)', [3, 'foo']);
    expect(await rows('SELECT * FROM %s')).toEqual([row([3, 'foo'])]);
    expect(await rows('SELECT * FROM %s WHERE t = (3, \'foo\')')).toEqual([row([3, 'foo'])]);

    await createTable('(k int, t frozen<tuple<int, text>>, PRIMARY KEY (k, t))');
    for (const t of [[5, 'bar'], [3, 'foo'], [6, 'bar'], [5, 'foo']]) await execute('INSERT INTO %s (k, t) VALUES (?, ?)', 0, t);
    expect(await rows('SELECT * FROM %s')).toEqual([row(0, [3, 'foo']), row(0, [5, 'bar']), row(0, [5, 'foo']), row(0, [6, 'bar'])]);

    await createTable('(id int, tdemo frozen<tuple<timestamp, varchar>>, primary key (id, tdemo)) with clustering order by (tdemo desc)');
    await execute("INSERT INTO %s (id, tdemo) VALUES (1, ('2017-02-03 03:05+0000','Europe'))");
    expect(await rows('SELECT tdemo FROM %s')).toEqual([row([BigInt(Date.UTC(2017, 1, 3, 3, 5)), 'Europe'])]);
  });

  it('reads a tuple from a string (testTupleFromString)', async () => {
    await createTable('(k int, c int, t frozen<tuple<int, text>>, PRIMARY KEY (k, c))');
    await execute("INSERT INTO %s (k, c, t) VALUES (0, 0, '0:0')");
    await execute("INSERT INTO %s (k, c, t) VALUES (0, 1, '0:1')");
    await execute("INSERT INTO %s (k, c, t) VALUES (0, 2, '1')");
    await execute("INSERT INTO %s (k, c, t) VALUES (0, 3, '1:1\\:1')");
    await execute("INSERT INTO %s (k, c, t) VALUES (0, 4, '@:1')");
    expect(await rows('SELECT * FROM %s')).toEqual([
      row(0, 0, [0, '0']), row(0, 1, [0, '1']), row(0, 2, [1, null]), row(0, 3, [1, '1:1']), row(0, 4, [null, '1']),
    ]);
    await assertInvalidMessage('Invalid tuple literal: too many elements. Type frozen<tuple<int, text>> expects 2 but got 3',
      "INSERT INTO %s(k, t) VALUES (1,'1:2:3')");
  });

  it('refuses empty, oversized and mistyped tuples (testInvalidQueries, testInvalidInputForTuple)', async () => {
    await createTable('(k int PRIMARY KEY, t frozen<tuple<int, text, double>>)');
    await assertInvalidMessage("no viable alternative at input ')'", 'INSERT INTO %s (k, t) VALUES (0, ())');
    await assertInvalidMessage('Invalid tuple literal for t: too many elements. Type frozen<tuple<int, text, double>> expects 3 but got 4',
      "INSERT INTO %s (k, t) VALUES (0, (2, 'foo', 3.1, 'bar'))");
    await createTable('(k int PRIMARY KEY, t frozen<tuple<int, tuple<int, text, double>>>)');
    const inner = tupleBytes(int32Bytes(1), Buffer.from('1'), Buffer.alloc(8), int32Bytes(1));
    await assertInvalidMessage('Invalid remaining data after end of tuple value', 'INSERT INTO %s (k, t) VALUES (0, ?)',
      tupleBytes(int32Bytes(1), inner.bytes));
    await assertInvalidMessage('Invalid tuple literal for t: component 1 is not of type frozen<tuple<int, text, double>>',
      "INSERT INTO %s (k, t) VALUES (0, (1, (1, '1', 1.0, 1)))");
    await createTable('(pk int PRIMARY KEY, t tuple<text, text>)');
    await assertInvalidMessage('Not enough bytes to read 0th component', 'INSERT INTO %s (pk, t) VALUES (?, ?)', 1, new Raw(Buffer.from('test')));
    await assertInvalidMessage('Not enough bytes to read 0th component', 'INSERT INTO %s (pk, t) VALUES (?, ?)', 1, new Raw(int64Bytes(2n ** 63n - 1n)));
  });

  it('refuses unset tuple fields (testTupleWithUnsetValues)', async () => {
    await createTable('(k int PRIMARY KEY, t tuple<int, text, double>)');
    await assertInvalidMessage('Invalid unset value for tuple field number 1', 'INSERT INTO %s (k, t) VALUES(0, (3, ?, 2.1))', UNSET);
    await execute('CREATE INDEX ON %s (t)');
    await assertInvalidMessage('Invalid unset value for tuple field number 0', 'SELECT * FROM %s WHERE k = ? and t = (?,?,?)', UNSET, UNSET, UNSET, UNSET);
  });

  it('refuses tuple arithmetic (testTupleModification)', async () => {
    await createTable('(pk int PRIMARY KEY, value tuple<int, int>)');
    await assertInvalidMessage('Invalid operation (value = value + (1, 1)) for tuple column value', 'UPDATE %s SET value += (1, 1) WHERE k=0;');
  });

  it('restricts clustering columns with tuple notation (testTupleNotation, testSelectInStatementWithTuples)', async () => {
    await createTable('(k int, v1 int, v2 int, v3 int, PRIMARY KEY (k, v1, v2, v3))');
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) for (let l = 0; l < 2; l++) await execute('INSERT INTO %s (k, v1, v2, v3) VALUES (0, ?, ?, ?)', i, j, l);
    expect(await rows('SELECT v1, v2, v3 FROM %s WHERE k = 0 AND (v1, v2, v3) >= (1, 0, 1)')).toEqual([row(1, 0, 1), row(1, 1, 0), row(1, 1, 1)]);
    expect(await rows('SELECT v1, v2, v3 FROM %s WHERE k = 0 AND (v1, v2) >= (1, 1)')).toEqual([row(1, 1, 0), row(1, 1, 1)]);
    expect(await rows('SELECT v1, v2, v3 FROM %s WHERE k = 0 AND (v1, v2) > (0, 1) AND (v1, v2, v3) <= (1, 1, 0)'))
      .toEqual([row(1, 0, 0), row(1, 0, 1), row(1, 1, 0)]);
    await assertInvalidMessage('Clustering columns must appear in the PRIMARY KEY order in multi-column relations: (v1, v3) > (1, 0)',
      'SELECT v1, v2, v3 FROM %s WHERE k = 0 AND (v1, v3) > (1, 0)');
    await createTable('(k int, c1 int, c2 text, PRIMARY KEY (k, c1, c2))');
    for (const c2 of ['a', 'b', 'c']) await execute('INSERT INTO %s (k, c1, c2) VALUES (0, 0, ?)', c2);
    expect(await rows("SELECT * FROM %s WHERE k=0 AND (c1, c2) IN ((0, 'b'), (0, 'c'))")).toEqual([row(0, 0, 'b'), row(0, 0, 'c')]);
  });

  it('writes and reads back tuples of many element types as keys, in token and clustering order (tuplePartitionReadWrite, tupleCkReadWrite)', async () => {
    const type = 'frozen<tuple<int, text, boolean, bigint, inet, uuid, timestamp, blob, tinyint, varint>>';
    const values = [0, 1, 2, 3, 4].map((i) => [i - 2, `v${i}`, i % 2 === 0, BigInt(i * 1000 - 2000), `127.0.0.${i}`,
      `0000000${i}-0000-4000-8000-000000000000`, BigInt(i * 86_400_000), Buffer.from([i]), 2 - i, BigInt(-i) * 10n ** 20n]);
    await createTable(`(id ${type}, value int, PRIMARY KEY(id))`);
    for (const [i, v] of values.entries()) {
      await execute('INSERT INTO %s (id, value) VALUES (?, ?)', v, i);
      expect(await rows('SELECT * FROM %s WHERE id = ?', v)).toEqual([row(v, i)]);
    }
    expect(await rows('SELECT * FROM %s')).toHaveLength(values.length);
    for (const order of ['ASC', 'DESC']) {
      await createTable(`(pk int, ck ${type}, value int, PRIMARY KEY(pk, ck)) WITH CLUSTERING ORDER BY (ck ${order})`);
      for (const [i, v] of values.entries()) await execute('INSERT INTO %s (pk, ck, value) VALUES (?, ?, ?)', 1, v, i);
      const expected = values.map((v, i) => row(1, v, i));
      expect(await rows('SELECT * FROM %s')).toEqual(order === 'ASC' ? expected : expected.reverse());
    }
  });
});
