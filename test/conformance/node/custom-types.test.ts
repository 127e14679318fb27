/**
 * Custom types written as class names: CompositeType, DynamicCompositeType and ReversedType columns. The
 * metadata part runs the assertions of the Node.js driver's own metadata tests (test/integration/short/
 * metadata-tests.js: tbl9, tbl_static, the phone and udt1 types); the rest checks literals such as
 * 'abc:123' (CompositeType.fromString), their order as clustering values, bound values, and DESCRIBE.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError } from '../support/node-values.js';

const target = useNodeTarget('custom_types');
const { dataTypes } = cassandra.types;
const M = 'org.apache.cassandra.db.marshal.';

/** A composite value as Cassandra serializes it: per component [short length][bytes][end-of-component 0]. */
function composite(...components: Buffer[]): Buffer {
  return Buffer.concat(components.map((c) => Buffer.concat([Buffer.from([c.length >> 8, c.length & 0xff]), c, Buffer.from([0])])));
}
const int = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const text = (s: string): Buffer => Buffer.from(s, 'utf8');

interface DriverColumn { name: string; isStatic: boolean; type: { code: number; info: unknown } }

beforeAll(async () => {
  const { client } = target;
  for (const ddl of [
    "CREATE TABLE tbl9 (id uuid, c1 'DynamicCompositeType(s => UTF8Type, i => Int32Type)', c2 'ReversedType(CompositeType(UTF8Type, Int32Type))', c3 'Int32Type', PRIMARY KEY (id, c1, c2))",
    'CREATE TABLE tbl_static (id1 int, id2 int, static_value int static, value int, PRIMARY KEY (id1, id2))',
    "CREATE TYPE phone (alias text, number text, country_code int, second_number 'DynamicCompositeType(s => UTF8Type, i => Int32Type)')",
    "CREATE TYPE udt1 (i int, b blob, t text, c 'DynamicCompositeType(s => UTF8Type, i => Int32Type)')",
    'CREATE TABLE tbl_udts1 (id uuid PRIMARY KEY, udt_sample frozen<udt1>)',
    "CREATE TABLE comp (k int, c 'CompositeType(UTF8Type, Int32Type)', v text, PRIMARY KEY (k, c))",
    "CREATE TABLE dyn (k int, c 'DynamicCompositeType(s => UTF8Type, i => Int32Type)', PRIMARY KEY (k, c))",
  ]) await client.execute(ddl);
});

describe('table metadata as the Node.js driver\'s metadata tests expect it', () => {
  it('reads custom-type columns with full class names, and a ReversedType clustering column as DESC', async () => {
    const table = await target.client.metadata.getTable(target.keyspace, 'tbl9');
    expect(table.clusteringOrder).toEqual(['ASC', 'DESC']);
    const [dynamic, reversed] = table.clusteringKeys as unknown as DriverColumn[];
    expect(dynamic!.name).toBe('c1');
    expect(dynamic!.type.code).toBe(dataTypes.custom);
    expect(dynamic!.type.info).toBe(`${M}DynamicCompositeType(s=>${M}UTF8Type,i=>${M}Int32Type)`);
    expect(reversed!.name).toBe('c2');
    expect(reversed!.type.code).toBe(dataTypes.custom);
    expect(reversed!.type.info).toBe(`${M}CompositeType(${M}UTF8Type,${M}Int32Type)`);
    expect((table.columnsByName['c3'] as unknown as DriverColumn).type.code).toBe(dataTypes.int);
  });

  it('marks static columns', async () => {
    const table = await target.client.metadata.getTable(target.keyspace, 'tbl_static');
    const columns = table.columns as unknown as DriverColumn[];
    expect(columns).toHaveLength(4);
    for (const c of columns) expect(c.isStatic, c.name).toBe(c.name === 'static_value');
  });

  it('reads a custom-type UDT field, and the UDT in a table', async () => {
    const phone = await target.client.metadata.getUdt(target.keyspace, 'phone');
    const fields = phone!.fields as unknown as { name: string; type: { code: number; info: unknown } }[];
    expect(fields.map((f) => f.name)).toEqual(['alias', 'number', 'country_code', 'second_number']);
    expect(fields[3]!.type.code).toBe(dataTypes.custom);
    expect(fields[3]!.type.info).toBe(`${M}DynamicCompositeType(s=>${M}UTF8Type,i=>${M}Int32Type)`);
    const table = await target.client.metadata.getTable(target.keyspace, 'tbl_udts1');
    const udt = table.columnsByName['udt_sample'] as unknown as { type: { code: number; info: { name: string; fields: { name: string }[] } } };
    expect(udt.type.code).toBe(dataTypes.udt);
    expect(udt.type.info.fields.map((f) => f.name)).toEqual(['i', 'b', 't', 'c']);
  });
});

describe('CompositeType literals and values', () => {
  beforeAll(async () => {
    for (const literal of ['b:1', 'a:10', 'a:2', 'a', 'a\\:x:5', 'a:-3']) {
      await target.client.execute(`INSERT INTO comp (k, c, v) VALUES (1, '${literal}', '${literal}')`);
    }
  });

  it('reads \'abc:123\' as CompositeType.fromString does and orders rows by the components', async () => {
    const rs = await target.client.execute('SELECT c, v FROM comp WHERE k = 1');
    expect(rs.rows.map((r) => r['v'])).toEqual(['a', 'a:-3', 'a:2', 'a:10', 'a\\:x:5', 'b:1']);
    expect(rs.rows.map((r) => (r['c'] as Buffer).toString('hex'))).toEqual([
      composite(text('a')), composite(text('a'), int(-3)), composite(text('a'), int(2)), composite(text('a'), int(10)),
      composite(text('a:x'), int(5)), composite(text('b'), int(1)),
    ].map((b) => b.toString('hex')));
    expect(rs.columns.find((c) => c.name === 'c')!.type).toMatchObject({ code: dataTypes.custom, info: `${M}CompositeType(${M}UTF8Type,${M}Int32Type)` });
  });

  it('restricts and slices with literals, and binds serialized values', async () => {
    const eq = await target.client.execute("SELECT v FROM comp WHERE k = 1 AND c = 'a:2'");
    expect(eq.rows.map((r) => r['v'])).toEqual(['a:2']);
    // 'a:!' ends the first component with end-of-component 1: after every value whose first component is
    // 'a', before 'a:x' (an escaped colon) and 'b'.
    const after = await target.client.execute("SELECT v FROM comp WHERE k = 1 AND c > 'a:!'");
    expect(after.rows.map((r) => r['v'])).toEqual(['a\\:x:5', 'b:1']);
    const bound = await target.client.execute('SELECT v FROM comp WHERE k = 1 AND c = ?', [composite(text('a'), int(10))], { prepare: true });
    expect(bound.rows.map((r) => r['v'])).toEqual(['a:10']);
  });

  it('refuses literals and bound values its components cannot hold, with Cassandra\'s messages', async () => {
    await expectServerError(target.client.execute("INSERT INTO comp (k, c) VALUES (1, 'a:x')"), ErrorCodes.invalid, "Unable to make int from 'x'");
    await expectServerError(
      target.client.execute('INSERT INTO comp (k, c) VALUES (?, ?)', [1, Buffer.from([0, 5, 0x61])], { prepare: true }),
      ErrorCodes.invalid, 'Not enough bytes to read value of component 0');
  });

  it('reads DynamicCompositeType literals with aliases or class names', async () => {
    await target.client.execute("INSERT INTO dyn (k, c) VALUES (1, 's@abc:i@5')");
    await target.client.execute("INSERT INTO dyn (k, c) VALUES (1, 'i@7')");
    const rs = await target.client.execute('SELECT c FROM dyn WHERE k = 1');
    const alias = (a: string): Buffer => Buffer.from([0x80, a.charCodeAt(0)]);
    expect(rs.rows.map((r) => (r['c'] as Buffer).toString('hex'))).toEqual([
      // Int32Type components sort before UTF8Type ones (by class name).
      Buffer.concat([alias('i'), composite(int(7))]),
      Buffer.concat([alias('s'), composite(text('abc')).subarray(0, 6), alias('i'), composite(int(5))]),
    ].map((b) => b.toString('hex')));
  });

  it('shows the class names and the clustering order in DESCRIBE', async () => {
    const rs = await target.client.execute(`DESCRIBE TABLE ${target.keyspace}.tbl9`);
    const statement = String(rs.rows[0]!['create_statement']);
    expect(statement).toContain(`c1 '${M}DynamicCompositeType(s=>${M}UTF8Type,i=>${M}Int32Type)'`);
    expect(statement).toContain(`c2 '${M}CompositeType(${M}UTF8Type,${M}Int32Type)'`);
    expect(statement).toContain('c3 int');
    expect(statement).toContain('CLUSTERING ORDER BY (c1 ASC, c2 DESC)');
  });
});
