/**
 * Clustering order is the order of each type's comparator, not of its bytes or of JavaScript values:
 * negative numbers first, decimals by value, text by UTF-8 bytes, blobs unsigned with prefixes first,
 * timeuuids by their embedded time, collections and tuples element by element, and DESC reversing it.
 */
import { describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useNodeTarget } from '../support/node-client.js';
import { comparable } from '../support/node-values.js';

const target = useNodeTarget('ordering');
const { Long, Integer, BigDecimal, LocalDate, LocalTime, TimeUuid, Tuple } = cassandra.types;

interface OrderCase {
  readonly name: string;
  readonly type: string;
  /** Literals in the order Cassandra sorts them ascending. */
  readonly literals: readonly string[];
  /** The decoded values in the same order. */
  readonly values: readonly unknown[];
}

const TIMEUUID_DATES = [
  '1999-12-31T23:59:59.999Z',
  '2000-01-01T00:00:00.000Z',
  '2011-03-15T10:20:30.405Z',
  '2020-05-06T07:08:09.010Z',
  '2035-08-09T10:11:12.013Z',
].map((iso) => new Date(iso));
const TIMEUUIDS = TIMEUUID_DATES.map((date, i) =>
  TimeUuid.fromDate(date, 0, Buffer.from([1, 2, 3, 4, 5, i]), Buffer.from([0x80, i])),
);

const CASES: readonly OrderCase[] = [
  {
    name: 'int',
    type: 'int',
    literals: ['-2147483648', '-5', '-1', '0', '3', '2147483647'],
    values: [-2147483648, -5, -1, 0, 3, 2147483647],
  },
  {
    name: 'bigint',
    type: 'bigint',
    literals: ['-9223372036854775808', '-1', '0', '9223372036854775807'],
    values: ['-9223372036854775808', '-1', '0', '9223372036854775807'].map((s) => Long.fromString(s)),
  },
  { name: 'smallint', type: 'smallint', literals: ['-32768', '-1', '0', '32767'], values: [-32768, -1, 0, 32767] },
  { name: 'tinyint', type: 'tinyint', literals: ['-128', '-1', '0', '127'], values: [-128, -1, 0, 127] },
  {
    name: 'varint',
    type: 'varint',
    literals: ['-100000000000000000000', '-1', '0', '1', '99999999999999999999'],
    values: ['-100000000000000000000', '-1', '0', '1', '99999999999999999999'].map((s) => Integer.fromString(s)),
  },
  {
    name: 'decimal',
    type: 'decimal',
    literals: ['-1.5', '-1', '0.001', '0.01', '1E+3'],
    values: [new BigDecimal(-15, 1), new BigDecimal(-1, 0), new BigDecimal(1, 3), new BigDecimal(1, 2), new BigDecimal(1, -3)],
  },
  {
    name: 'double',
    type: 'double',
    literals: ['-Infinity', '-1.5', '0', '2.25', 'Infinity', 'NaN'],
    values: [Number.NEGATIVE_INFINITY, -1.5, 0, 2.25, Number.POSITIVE_INFINITY, Number.NaN],
  },
  { name: 'float', type: 'float', literals: ['-2.5', '-0.5', '0.5', '1e10'], values: [-2.5, -0.5, 0.5, 1e10] },
  {
    name: 'text',
    type: 'text',
    // UTF-8 byte order: 'é' (C3 A9) < '～' (EF BD 9E) < '😀' (F0 9F 98 80), unlike JavaScript's UTF-16 order.
    literals: ["''", "'B'", "'Z'", "'a'", "'ab'", "'b'", "'é'", "'～'", "'😀'"],
    values: ['', 'B', 'Z', 'a', 'ab', 'b', 'é', '～', '😀'],
  },
  { name: 'ascii', type: 'ascii', literals: ["'A'", "'a'", "'aa'", "'b'"], values: ['A', 'a', 'aa', 'b'] },
  {
    name: 'blob',
    type: 'blob',
    literals: ['0x', '0x00', '0x0000', '0x01', '0x7f', '0x80', '0xff', '0xff00'],
    values: ['', '00', '0000', '01', '7f', '80', 'ff', 'ff00'].map((hex) => Buffer.from(hex, 'hex')),
  },
  { name: 'boolean', type: 'boolean', literals: ['false', 'true'], values: [false, true] },
  {
    name: 'date',
    type: 'date',
    literals: ["'1969-12-31'", "'1970-01-01'", "'2024-02-29'"],
    values: [new LocalDate(1969, 12, 31), new LocalDate(1970, 1, 1), new LocalDate(2024, 2, 29)],
  },
  {
    name: 'timestamp',
    type: 'timestamp',
    literals: ['-1000', '0', '1700000000000'],
    values: [new Date(-1000), new Date(0), new Date(1700000000000)],
  },
  {
    name: 'time',
    type: 'time',
    literals: ["'00:00:00'", "'00:00:00.000000001'", "'23:59:59.999999999'"],
    values: ['00:00:00', '00:00:00.000000001', '23:59:59.999999999'].map((s) => LocalTime.fromString(s)),
  },
  {
    name: 'timeuuid',
    type: 'timeuuid',
    literals: TIMEUUIDS.map((u) => u.toString()),
    values: TIMEUUIDS,
  },
  {
    name: 'frozen_list',
    type: 'frozen<list<int>>',
    literals: ['[]', '[-1]', '[1]', '[1, 2]', '[2]'],
    values: [[], [-1], [1], [1, 2], [2]],
  },
  {
    name: 'tuple',
    type: 'tuple<int, text>',
    literals: ["(-1, 'z')", "(1, 'b')", "(2, 'a')", "(2, 'b')"],
    values: [new Tuple(-1, 'z'), new Tuple(1, 'b'), new Tuple(2, 'a'), new Tuple(2, 'b')],
  },
];

/** A fixed shuffle so rows never arrive already sorted. */
function scrambled<T>(items: readonly T[]): T[] {
  const reversed = [...items].reverse();
  return [...reversed.filter((_, i) => i % 2 === 1), ...reversed.filter((_, i) => i % 2 === 0)];
}

describe('clustering order by type', () => {
  it('the timeuuid fixture sorts differently by bytes than by time', () => {
    const byBytes = [...TIMEUUIDS].sort((a, b) => Buffer.compare(a.getBuffer(), b.getBuffer()));
    expect(byBytes.map(String)).not.toEqual(TIMEUUIDS.map(String));
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s ascending and descending', async (name, orderCase) => {
    await target.client.execute(`CREATE TABLE asc_${name} (k int, c ${orderCase.type}, PRIMARY KEY (k, c))`);
    await target.client.execute(
      `CREATE TABLE desc_${name} (k int, c ${orderCase.type}, PRIMARY KEY (k, c)) WITH CLUSTERING ORDER BY (c DESC)`,
    );
    for (const literal of scrambled(orderCase.literals)) {
      await target.client.execute(`INSERT INTO asc_${name} (k, c) VALUES (0, ${literal})`);
      await target.client.execute(`INSERT INTO desc_${name} (k, c) VALUES (0, ${literal})`);
    }
    const expected = orderCase.values.map(comparable);
    const read = async (query: string) => (await target.client.execute(query)).rows.map((row) => comparable(row['c']));

    expect(await read(`SELECT c FROM asc_${name} WHERE k = 0`)).toEqual(expected);
    expect(await read(`SELECT c FROM asc_${name} WHERE k = 0 ORDER BY c DESC`)).toEqual([...expected].reverse());
    expect(await read(`SELECT c FROM desc_${name} WHERE k = 0`)).toEqual([...expected].reverse());
    expect(await read(`SELECT c FROM desc_${name} WHERE k = 0 ORDER BY c ASC`)).toEqual(expected);

    const low = orderCase.literals[1]!;
    const high = orderCase.literals[orderCase.literals.length - 1]!;
    const inside = expected.slice(1, -1);
    expect(await read(`SELECT c FROM asc_${name} WHERE k = 0 AND c >= ${low} AND c < ${high}`)).toEqual(inside);
    expect(await read(`SELECT c FROM desc_${name} WHERE k = 0 AND c >= ${low} AND c < ${high}`)).toEqual(
      [...inside].reverse(),
    );
  });

  it('orders mixed ASC/DESC compound clustering keys', async () => {
    await target.client.execute(
      'CREATE TABLE mixed_order (k int, a int, b text, PRIMARY KEY (k, a, b)) WITH CLUSTERING ORDER BY (a ASC, b DESC)',
    );
    for (const [a, b] of [[2, 'x'], [1, 'x'], [2, 'y'], [1, 'z'], [-1, 'a']] as const) {
      await target.client.execute(`INSERT INTO mixed_order (k, a, b) VALUES (0, ${a}, '${b}')`);
    }
    const rows = (await target.client.execute('SELECT a, b FROM mixed_order WHERE k = 0')).rows;
    expect(rows.map((r) => [r['a'], r['b']])).toEqual([
      [-1, 'a'],
      [1, 'z'],
      [1, 'x'],
      [2, 'y'],
      [2, 'x'],
    ]);
    const reversed = (await target.client.execute('SELECT a, b FROM mixed_order WHERE k = 0 ORDER BY a DESC, b ASC')).rows;
    expect(reversed.map((r) => [r['a'], r['b']])).toEqual([
      [2, 'x'],
      [2, 'y'],
      [1, 'x'],
      [1, 'z'],
      [-1, 'a'],
    ]);
  });
});
