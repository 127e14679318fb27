/**
 * CQL literal syntax for every type, sent as simple statements without bound values, and what the server
 * says about literals that do not fit their column.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useNodeTarget } from '../support/node-client.js';
import { comparable, ErrorCodes, expectServerError } from '../support/node-values.js';

const target = useNodeTarget('literals');
const { Long, Integer, BigDecimal, Duration, InetAddress, LocalDate, LocalTime, Uuid, Tuple } = cassandra.types;

const NANOS_PER_SECOND = 1_000_000_000;

/** [column, literal, value the driver should decode]. */
const LITERALS: ReadonlyArray<readonly [string, string, unknown]> = [
  ['c_ascii', "'abc'", 'abc'],
  ['c_bigint', '-9223372036854775808', Long.fromString('-9223372036854775808')],
  ['c_blob', '0xCAFEbabe', Buffer.from('cafebabe', 'hex')],
  ['c_blob', '0x', Buffer.alloc(0)],
  ['c_boolean', 'TRUE', true],
  ['c_boolean', 'false', false],
  ['c_date', "'2024-02-29'", new LocalDate(2024, 2, 29)],
  ['c_date', "'1969-12-31'", new LocalDate(1969, 12, 31)],
  ['c_decimal', '123.4560', new BigDecimal(1234560, 4)],
  ['c_decimal', '-1.5E-3', new BigDecimal(-15, 4)],
  ['c_decimal', '42', new BigDecimal(42, 0)],
  ['c_double', '3.14159', 3.14159],
  ['c_double', '-1e308', -1e308],
  ['c_double', 'NaN', Number.NaN],
  ['c_double', '-Infinity', Number.NEGATIVE_INFINITY],
  ['c_double', '7', 7],
  ['c_float', '1.5', 1.5],
  ['c_float', 'Infinity', Number.POSITIVE_INFINITY],
  ['c_duration', '1h30m', new Duration(0, 0, Long.fromNumber(5400 * NANOS_PER_SECOND))],
  ['c_duration', '-2d', new Duration(0, -2, Long.ZERO)],
  [
    'c_duration',
    '1y2mo3w4d5h6m7s8ms9us10ns',
    new Duration(14, 25, Long.fromNumber(((5 * 60 + 6) * 60 + 7) * NANOS_PER_SECOND + 8_009_010)),
  ],
  ['c_duration', 'P1Y2M3DT4H5M6S', new Duration(14, 3, Long.fromNumber((4 * 3600 + 5 * 60 + 6) * NANOS_PER_SECOND))],
  ['c_duration', 'P2W', new Duration(0, 14, Long.ZERO)],
  ['c_inet', "'127.0.0.1'", InetAddress.fromString('127.0.0.1')],
  ['c_inet', "'::1'", InetAddress.fromString('::1')],
  ['c_int', '-2147483648', -2147483648],
  ['c_smallint', '32767', 32767],
  ['c_tinyint', '-128', -128],
  ['c_text', "'it''s'", "it's"],
  ['c_text', "$$dollar 'quoted' text$$", "dollar 'quoted' text"],
  ['c_text', "'ünïcödé ✓'", 'ünïcödé ✓'],
  ['c_text', "''", ''],
  ['c_time', "'13:30:54.234'", LocalTime.fromString('13:30:54.234')],
  ['c_time', "'08:00:00'", LocalTime.fromString('08:00:00')],
  ['c_timestamp', "'2024-01-02 03:04:05.678+0000'", new Date('2024-01-02T03:04:05.678Z')],
  ['c_timestamp', "'2024-01-02T03:04:05Z'", new Date('2024-01-02T03:04:05Z')],
  ['c_timestamp', '1700000000000', new Date(1700000000000)],
  ['c_timestamp', '-1000', new Date(-1000)],
  ['c_timeuuid', '50554d6e-29bb-11e5-b345-feff819cdc9f', Uuid.fromString('50554d6e-29bb-11e5-b345-feff819cdc9f')],
  ['c_uuid', 'f47ac10b-58cc-4372-a567-0e02b2c3d479', Uuid.fromString('f47ac10b-58cc-4372-a567-0e02b2c3d479')],
  ['c_uuid', 'F47AC10B-58CC-4372-A567-0E02B2C3D479', Uuid.fromString('f47ac10b-58cc-4372-a567-0e02b2c3d479')],
  ['c_varint', '123456789012345678901234567890', Integer.fromString('123456789012345678901234567890')],
  ['c_list', '[3, 1, 2, 1]', [3, 1, 2, 1]],
  ['c_set', "{'b', 'a', 'b'}", ['a', 'b']],
  ['c_map', "{'b': 2, 'a': 1}", { a: 1, b: 2 }],
  ['c_nested', '[{2, 1}, {3}]', [[1, 2], [3]]],
  ['c_map_lists', "{'k': [1, 2]}", { k: [1, 2] }],
  ['c_tuple', "(1, 'x', true)", new Tuple(1, 'x', true)],
  ['c_tuple', "(null, 'y', null)", new Tuple(null, 'y', null)],
  ['c_udt', "{street: 'Main', zip: 1}", { street: 'Main', zip: 1 }],
  ['c_udt', "{zip: 2}", { street: null, zip: 2 }],
  ['c_text', 'null', null],
];

const COLUMNS = `c_ascii ascii, c_bigint bigint, c_blob blob, c_boolean boolean, c_date date, c_decimal decimal,
  c_double double, c_float float, c_duration duration, c_inet inet, c_int int, c_smallint smallint,
  c_tinyint tinyint, c_text text, c_time time, c_timestamp timestamp, c_timeuuid timeuuid, c_uuid uuid,
  c_varint varint, c_list list<int>, c_set set<text>, c_map map<text, int>, c_nested frozen<list<frozen<set<int>>>>,
  c_map_lists map<text, frozen<list<int>>>, c_tuple tuple<int, text, boolean>, c_udt frozen<place>`;

describe('CQL literals in simple statements', () => {
  beforeAll(async () => {
    await target.client.execute('CREATE TYPE place (street text, zip int)');
    await target.client.execute(`CREATE TABLE literals (k int PRIMARY KEY, ${COLUMNS})`);
  });

  it.each(LITERALS.map(([column, literal, expected], index) => [column, literal, index, expected] as const))(
    '%s = %s',
    async (column, literal, index, expected) => {
      await target.client.execute(`INSERT INTO literals (k, ${column}) VALUES (${index}, ${literal})`);
      const row = (await target.client.execute(`SELECT ${column} FROM literals WHERE k = ${index}`)).first();
      expect(comparable(row?.[column])).toEqual(comparable(expected));
    },
  );

  it('uses literals in WHERE clauses and UPDATE assignments', async () => {
    await target.client.execute(
      "CREATE TABLE literal_keys (d date, t timestamp, u uuid, b blob, v text, PRIMARY KEY ((d, t), u, b))",
    );
    await target.client.execute(
      `UPDATE literal_keys SET v = 'found' WHERE d = '2020-01-01' AND t = '2020-01-01 00:00:00+0000'
        AND u = 00000000-0000-0000-0000-000000000001 AND b = 0x01`,
    );
    const result = await target.client.execute(
      `SELECT v FROM literal_keys WHERE d = '2020-01-01' AND t = 1577836800000
        AND u = 00000000-0000-0000-0000-000000000001 AND b = 0x01`,
    );
    expect(result.first()?.['v']).toBe('found');
  });

  it('evaluates now(), uuid(), and blob conversion functions', async () => {
    await target.client.execute(
      "INSERT INTO literals (k, c_timeuuid, c_uuid, c_blob, c_int) VALUES (1000, now(), uuid(), textAsBlob('abc'), blobAsInt(0x0000002a))",
    );
    const row = (await target.client.execute('SELECT c_timeuuid, c_uuid, c_blob, c_int FROM literals WHERE k = 1000')).first();
    expect(row?.['c_timeuuid']).toBeInstanceOf(cassandra.types.TimeUuid);
    expect(row?.['c_timeuuid'].getBuffer()[6] >> 4).toBe(1);
    expect(row?.['c_uuid'].getBuffer()[6] >> 4).toBe(4);
    expect(row?.['c_blob']).toEqual(Buffer.from('abc'));
    expect(row?.['c_int']).toBe(42);
  });

  it("reads the timestamp literal 'now' as the time of each execution", async () => {
    const before = Date.now();
    await target.client.execute("INSERT INTO literals (k, c_timestamp) VALUES (1001, 'NOW')");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const prepared = "INSERT INTO literals (k, c_timestamp) VALUES (?, 'now')";
    await target.client.execute(prepared, [1002], { prepare: true });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await target.client.execute(prepared, [1003], { prepare: true });
    const after = Date.now();
    const read = async (k: number): Promise<number> =>
      ((await target.client.execute(`SELECT c_timestamp FROM literals WHERE k = ${k}`)).first()?.['c_timestamp'] as Date).getTime();
    const times = [await read(1001), await read(1002), await read(1003)];
    // The server's clock runs from the process' time origin on the monotonic clock; Date.now() is the wall
    // clock, which NTP may have moved a few milliseconds since: compare with some slack.
    const slackMs = 100;
    for (const t of times) expect(t).toBeGreaterThanOrEqual(before - slackMs);
    for (const t of times) expect(t).toBeLessThanOrEqual(after + slackMs);
    expect(times[2]!).toBeGreaterThan(times[1]!);
  });

  it('rejects a string literal for an int column', async () => {
    await expectServerError(
      target.client.execute("INSERT INTO literals (k, c_int) VALUES (1, 'abc')"),
      ErrorCodes.invalid,
      'Invalid STRING constant (abc) for "c_int" of type int',
    );
  });

  it('rejects an integer literal out of the range of int', async () => {
    await expectServerError(
      target.client.execute('INSERT INTO literals (k, c_int) VALUES (1, 2147483648)'),
      ErrorCodes.invalid,
      /unable to make int from '2147483648'/i,
    );
  });

  it('rejects a quoted string for a uuid column (uuids are unquoted constants)', async () => {
    await expectServerError(
      target.client.execute("INSERT INTO literals (k, c_uuid) VALUES (1, 'f47ac10b-58cc-4372-a567-0e02b2c3d479')"),
      ErrorCodes.invalid,
      'Invalid STRING constant (f47ac10b-58cc-4372-a567-0e02b2c3d479) for "c_uuid" of type uuid',
    );
  });

  it('rejects a malformed date and a malformed inet string', async () => {
    await expectServerError(
      target.client.execute("INSERT INTO literals (k, c_date) VALUES (1, '2024-13-45')"),
      ErrorCodes.invalid,
      '2024-13-45',
    );
    await expectServerError(
      target.client.execute("INSERT INTO literals (k, c_inet) VALUES (1, 'not-an-address')"),
      ErrorCodes.invalid,
      'not-an-address',
    );
  });

  it('rejects a collection literal of the wrong kind', async () => {
    await expectServerError(
      target.client.execute("INSERT INTO literals (k, c_list) VALUES (1, {'a': 1})"),
      ErrorCodes.invalid,
      'Invalid map literal for c_list of type list<int>',
    );
  });
});
