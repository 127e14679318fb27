/**
 * Every CQL type written and read back through the Node driver: prepared (the driver encodes from the
 * PREPARED metadata) and as simple statements (the driver encodes from type hints), plus nulls, unset
 * values and counters. Values are compared after normalising the driver's value classes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useNodeTarget } from '../support/node-client.js';
import { comparable, ErrorCodes, expectServerError } from '../support/node-values.js';

const target = useNodeTarget('types');
const { types } = cassandra;
const { Long, Integer, BigDecimal, Duration, InetAddress, LocalDate, LocalTime, TimeUuid, Uuid, Tuple } = types;

interface TypeCase {
  readonly column: string;
  readonly type: string;
  readonly value: unknown;
  /** Hint for simple statements; 'udt:address' is resolved from metadata. */
  readonly hint: string;
  /** What comes back when it differs from what was sent (sets come back sorted). */
  readonly expected?: unknown;
}

const ADDRESS = { street: 'Main St', zip: 12345, tags: ['b', 'a'] };
const ADDRESS_BACK = { street: 'Main St', zip: 12345, tags: ['a', 'b'] };

const CASES: readonly TypeCase[] = [
  { column: 'c_ascii', type: 'ascii', value: 'plain ascii ~!', hint: 'ascii' },
  { column: 'c_bigint', type: 'bigint', value: Long.fromString('-9223372036854775808'), hint: 'bigint' },
  { column: 'c_blob', type: 'blob', value: Buffer.from('00ff10fa80', 'hex'), hint: 'blob' },
  { column: 'c_empty_blob', type: 'blob', value: Buffer.alloc(0), hint: 'blob' },
  { column: 'c_boolean', type: 'boolean', value: false, hint: 'boolean' },
  { column: 'c_date', type: 'date', value: new LocalDate(2024, 2, 29), hint: 'date' },
  { column: 'c_old_date', type: 'date', value: new LocalDate(1969, 12, 31), hint: 'date' },
  { column: 'c_decimal', type: 'decimal', value: new BigDecimal(-12345, 3), hint: 'decimal' },
  { column: 'c_double', type: 'double', value: -1.5e300, hint: 'double' },
  { column: 'c_double_inf', type: 'double', value: Number.NEGATIVE_INFINITY, hint: 'double' },
  { column: 'c_duration', type: 'duration', value: new Duration(14, 3, Long.fromString('3000000001')), hint: 'duration' },
  { column: 'c_neg_duration', type: 'duration', value: new Duration(-1, -2, Long.fromString('-5')), hint: 'duration' },
  { column: 'c_float', type: 'float', value: 0.15625, hint: 'float' },
  { column: 'c_inet4', type: 'inet', value: InetAddress.fromString('192.168.0.1'), hint: 'inet' },
  { column: 'c_inet6', type: 'inet', value: InetAddress.fromString('2001:db8::ff00:42:8329'), hint: 'inet' },
  { column: 'c_int', type: 'int', value: -2147483648, hint: 'int' },
  { column: 'c_smallint', type: 'smallint', value: -32768, hint: 'smallint' },
  { column: 'c_text', type: 'text', value: 'héllo wörld ✓ 日本 😀', hint: 'text' },
  { column: 'c_empty_text', type: 'text', value: '', hint: 'text' },
  { column: 'c_varchar', type: 'varchar', value: "quote ' and \"double\"", hint: 'varchar' },
  { column: 'c_time', type: 'time', value: LocalTime.fromString('23:59:59.999999999'), hint: 'time' },
  { column: 'c_timestamp', type: 'timestamp', value: new Date('2024-01-02T03:04:05.678Z'), hint: 'timestamp' },
  { column: 'c_old_timestamp', type: 'timestamp', value: new Date('1901-12-13T20:45:52.123Z'), hint: 'timestamp' },
  { column: 'c_timeuuid', type: 'timeuuid', value: TimeUuid.fromDate(new Date('2020-05-06T07:08:09Z')), hint: 'timeuuid' },
  { column: 'c_tinyint', type: 'tinyint', value: -128, hint: 'tinyint' },
  { column: 'c_uuid', type: 'uuid', value: Uuid.fromString('f47ac10b-58cc-4372-a567-0e02b2c3d479'), hint: 'uuid' },
  { column: 'c_varint', type: 'varint', value: Integer.fromString('-123456789012345678901234567890'), hint: 'varint' },
  { column: 'c_list', type: 'list<int>', value: [3, 1, 2, 1], hint: 'list<int>' },
  { column: 'c_set', type: 'set<text>', value: ['b', 'a', 'c'], hint: 'set<text>', expected: ['a', 'b', 'c'] },
  { column: 'c_map', type: 'map<text, int>', value: { b: 2, a: 1 }, hint: 'map<text, int>' },
  {
    column: 'c_frozen_nested',
    type: 'frozen<list<frozen<set<int>>>>',
    value: [[3, 1], [2]],
    hint: 'list<set<int>>',
    expected: [[1, 3], [2]],
  },
  { column: 'c_map_of_lists', type: 'map<text, frozen<list<timestamp>>>', value: { t: [new Date(0)] }, hint: 'map<text, list<timestamp>>' },
  { column: 'c_tuple', type: 'tuple<int, text, boolean>', value: new Tuple(1, 'x', true), hint: 'tuple<int, text, boolean>' },
  { column: 'c_tuple_null', type: 'tuple<int, text>', value: new Tuple(null, 'only second'), hint: 'tuple<int, text>' },
  { column: 'c_udt', type: 'frozen<address>', value: ADDRESS, hint: 'udt:address', expected: ADDRESS_BACK },
  // The driver sends fields missing from the object as unset (-2) inside the UDT value; Cassandra reads
  // any negative field length as null.
  {
    column: 'c_udt_partial',
    type: 'address',
    value: { street: 'Side St' },
    hint: 'udt:address',
    expected: { street: 'Side St', zip: null, tags: null },
  },
  {
    column: 'c_udt_map',
    type: 'map<text, frozen<address>>',
    value: { home: ADDRESS },
    hint: 'map<text, udt:address>',
    expected: { home: ADDRESS_BACK },
  },
];

type Hint = string | { code: number; info: unknown };

describe('round trip of every CQL type', () => {
  let udtHint: Hint = 'udt';

  const hintFor = (hint: string): Hint => {
    if (hint === 'udt:address') return udtHint;
    if (hint === 'map<text, udt:address>') {
      return { code: types.dataTypes.map, info: [{ code: types.dataTypes.text, info: null }, udtHint] };
    }
    return hint;
  };

  beforeAll(async () => {
    await target.client.execute('CREATE TYPE address (street text, zip int, tags frozen<set<text>>)');
    const columns = CASES.map((c) => `${c.column} ${c.type}`).join(', ');
    await target.client.execute(`CREATE TABLE all_types (k int PRIMARY KEY, ${columns})`);
    const udt = await target.client.metadata.getUdt(target.keyspace, 'address');
    udtHint = { code: types.dataTypes.udt, info: udt };
  });

  describe.each([
    { mode: 'prepared', prepare: true, base: 0 },
    { mode: 'simple with hints', prepare: false, base: 1000 },
  ])('$mode', ({ prepare, base }) => {
    it.each(CASES.map((c, index) => [c.type, c.column, index] as const))('%s (%s)', async (_type, column, index) => {
      const typeCase = CASES[index]!;
      const key = base + index;
      const insert = `INSERT INTO all_types (k, ${column}) VALUES (?, ?)`;
      const select = `SELECT ${column} FROM all_types WHERE k = ?`;
      if (prepare) {
        await target.client.execute(insert, [key, typeCase.value], { prepare: true });
      } else {
        await target.client.execute(insert, [key, typeCase.value], { hints: ['int', hintFor(typeCase.hint)] as unknown as string[] });
      }
      const read = prepare
        ? await target.client.execute(select, [key], { prepare: true })
        : await target.client.execute(select, [key], { hints: ['int'] });
      expect(comparable(read.first()?.[column])).toEqual(comparable(typeCase.expected ?? typeCase.value));
    });
  });

  it('reads back NaN for float and double', async () => {
    await target.client.execute('INSERT INTO all_types (k, c_float, c_double) VALUES (?, ?, ?)', [2000, NaN, NaN], {
      prepare: true,
    });
    const row = (await target.client.execute('SELECT c_float, c_double FROM all_types WHERE k = 2000')).first();
    expect(row?.['c_float']).toBeNaN();
    expect(row?.['c_double']).toBeNaN();
  });

  it('reports every result column with the declared type code', async () => {
    const result = await target.client.execute('SELECT c_int, c_list, c_map, c_tuple, c_udt FROM all_types LIMIT 1');
    expect(result.columns.map((c) => c.type.code)).toEqual([
      types.dataTypes.int,
      types.dataTypes.list,
      types.dataTypes.map,
      types.dataTypes.tuple,
      types.dataTypes.udt,
    ]);
  });

  it('stores nulls, and an empty non-frozen collection reads as null', async () => {
    const columns = CASES.map((c) => c.column);
    const markers = columns.map(() => '?').join(', ');
    await target.client.execute(
      `INSERT INTO all_types (k, ${columns.join(', ')}) VALUES (?, ${markers})`,
      [3000, ...columns.map(() => null)],
      { prepare: true },
    );
    const row = (await target.client.execute(`SELECT * FROM all_types WHERE k = 3000`)).first();
    for (const column of columns) expect(row?.[column], column).toBeNull();

    await target.client.execute('INSERT INTO all_types (k, c_list, c_set, c_map) VALUES (?, ?, ?, ?)', [3001, [], [], {}], {
      prepare: true,
    });
    const empty = (await target.client.execute('SELECT c_list, c_set, c_map FROM all_types WHERE k = 3001')).first();
    expect([empty?.['c_list'], empty?.['c_set'], empty?.['c_map']]).toEqual([null, null, null]);
  });

  it('leaves a column untouched when its value is unset', async () => {
    await target.client.execute('INSERT INTO all_types (k, c_int, c_text) VALUES (?, ?, ?)', [3002, 1, 'kept'], {
      prepare: true,
    });
    await target.client.execute('INSERT INTO all_types (k, c_int, c_text) VALUES (?, ?, ?)', [3002, 2, types.unset], {
      prepare: true,
    });
    const row = (await target.client.execute('SELECT c_int, c_text FROM all_types WHERE k = 3002')).first();
    expect([row?.['c_int'], row?.['c_text']]).toEqual([2, 'kept']);
  });
});

describe('counter columns', () => {
  beforeAll(async () => {
    await target.client.execute('CREATE TABLE counters (k int PRIMARY KEY, hits counter, misses counter)');
  });

  it('increments and decrements with simple and prepared statements', async () => {
    await target.client.execute('UPDATE counters SET hits = hits + 1 WHERE k = 1');
    await target.client.execute('UPDATE counters SET hits = hits + 1, misses = misses - 5 WHERE k = 1');
    await target.client.execute('UPDATE counters SET hits = hits + ? WHERE k = ?', [Long.fromNumber(40), 1], {
      prepare: true,
    });
    await target.client.execute('UPDATE counters SET misses = misses - ? WHERE k = ?', [Long.fromNumber(-2), 1], {
      prepare: true,
    });
    const row = (await target.client.execute('SELECT hits, misses FROM counters WHERE k = 1')).first();
    expect(row?.['hits']).toEqual(Long.fromNumber(42));
    expect(row?.['misses']).toEqual(Long.fromNumber(-3));
  });

  it('reads a never-incremented counter row as absent', async () => {
    expect((await target.client.execute('SELECT * FROM counters WHERE k = 99')).rowLength).toBe(0);
  });

  it('rejects setting a counter to a value and INSERT into a counter table', async () => {
    await expectServerError(
      target.client.execute('UPDATE counters SET hits = 5 WHERE k = 1'),
      ErrorCodes.invalid,
      'Cannot set the value of counter column hits (counters can only be incremented/decremented, not set)',
    );
    await expectServerError(
      target.client.execute('INSERT INTO counters (k, hits) VALUES (1, 1)'),
      ErrorCodes.invalid,
      'INSERT statements are not allowed on counter tables, use UPDATE instead',
    );
  });
});
