/**
 * Connecting with the driver's defaults and the metadata the driver builds from system.local/peers and
 * system_schema: keyspaces, table shape and column types, UDTs, the token ring and replicas, and schema
 * change events pushed to a client that did not run the DDL.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import cassandra from 'cassandra-driver';
import { isExternalTarget, useNodeTarget, uniqueName } from '../support/node-client.js';
import { cqlTypeName } from '../support/node-values.js';

const target = useNodeTarget('meta');

/** Column name → the CQL type Cassandra 4.1 writes to system_schema.columns for the declared type. */
const EXPECTED_COLUMN_TYPES: ReadonlyArray<readonly [string, string, string]> = [
  ['c_ascii', 'ascii', 'ascii'],
  ['c_bigint', 'bigint', 'bigint'],
  ['c_blob', 'blob', 'blob'],
  ['c_boolean', 'boolean', 'boolean'],
  ['c_date', 'date', 'date'],
  ['c_decimal', 'decimal', 'decimal'],
  ['c_double', 'double', 'double'],
  ['c_duration', 'duration', 'duration'],
  ['c_float', 'float', 'float'],
  ['c_inet', 'inet', 'inet'],
  ['c_int', 'int', 'int'],
  ['c_smallint', 'smallint', 'smallint'],
  ['c_text', 'text', 'text'],
  ['c_varchar', 'varchar', 'text'],
  ['c_time', 'time', 'time'],
  ['c_timestamp', 'timestamp', 'timestamp'],
  ['c_timeuuid', 'timeuuid', 'timeuuid'],
  ['c_tinyint', 'tinyint', 'tinyint'],
  ['c_uuid', 'uuid', 'uuid'],
  ['c_varint', 'varint', 'varint'],
  ['c_list', 'list<int>', 'list<int>'],
  ['c_set', 'set<text>', 'set<text>'],
  ['c_map', 'map<text, bigint>', 'map<text, bigint>'],
  ['c_frozen_list', 'frozen<list<int>>', 'frozen<list<int>>'],
  ['c_nested', 'map<text, frozen<list<int>>>', 'map<text, frozen<list<int>>>'],
  ['c_tuple', 'tuple<int, text>', 'frozen<tuple<int, text>>'],
  ['c_list_of_tuples', 'list<frozen<tuple<int, text>>>', 'list<frozen<tuple<int, text>>>'],
  ['c_udt', 'address', 'address'],
  ['c_frozen_udt', 'frozen<address>', 'frozen<address>'],
  ['c_udt_list', 'list<frozen<address>>', 'list<frozen<address>>'],
];

describe('connecting with default options', () => {
  it('discovers exactly one host, up, in the local data center', () => {
    const hosts = target.client.hosts.values();
    if (!isExternalTarget) expect(hosts).toHaveLength(1);
    for (const host of hosts) {
      expect(host.datacenter).toBe(target.localDataCenter);
      expect(host.isUp()).toBe(true);
      expect(typeof host.rack).toBe('string');
      expect(host.hostId).toBeInstanceOf(cassandra.types.Uuid);
      expect(host.cassandraVersion).toMatch(/^\d+\.\d+/);
    }
  });

  it('negotiates native protocol v4, the highest the driver speaks to Apache Cassandra', async () => {
    // White-box: the driver keeps the negotiated version on its control connection only.
    const internals = target.client as unknown as { controlConnection: { protocolVersion: number } };
    expect(internals.controlConnection.protocolVersion).toBe(4);
    const result = await target.client.execute('SELECT native_protocol_version FROM system.local');
    expect(result.first()?.['native_protocol_version']).toMatch(/^[45]$/);
    expect(target.client.getState().getConnectedHosts()).toHaveLength(target.client.hosts.length);
  });

  it('reads system.local like the driver does', async () => {
    const row = (await target.client.execute("SELECT * FROM system.local WHERE key='local'")).first();
    expect(row?.['key']).toBe('local');
    expect(row?.['data_center']).toBe(target.localDataCenter);
    expect(row?.['partitioner']).toBe('org.apache.cassandra.dht.Murmur3Partitioner');
    expect(row?.['tokens'].length).toBeGreaterThan(0);
    expect(row?.['schema_version']).toBeInstanceOf(cassandra.types.Uuid);
  });
});

describe('keyspace metadata', () => {
  it('lists the system keyspaces and this file keyspace with its replication', () => {
    const keyspaces = target.client.metadata.keyspaces as Record<string, Record<string, unknown>>;
    expect(Object.keys(keyspaces)).toEqual(expect.arrayContaining(['system', 'system_schema', target.keyspace]));
    const own = keyspaces[target.keyspace];
    expect(own?.['strategy']).toBe('org.apache.cassandra.locator.SimpleStrategy');
    expect(own?.['strategyOptions']).toEqual({ replication_factor: '1' });
    expect(own?.['durableWrites']).toBe(true);
  });

  it('reports system_schema.keyspaces rows for the system keyspaces', async () => {
    const result = await target.client.execute(
      "SELECT keyspace_name, replication FROM system_schema.keyspaces WHERE keyspace_name = 'system'",
    );
    expect(result.first()?.['replication']).toEqual({ class: 'org.apache.cassandra.locator.LocalStrategy' });
  });

  it('keeps system_schema.keyspaces and system_virtual_schema.keyspaces apart', async () => {
    const names = async (keyspace: string): Promise<string[]> =>
      (await target.client.execute(`SELECT keyspace_name FROM ${keyspace}.keyspaces`)).rows.map((r) => r['keyspace_name'] as string);
    const stored = await names('system_schema');
    const virtual = await names('system_virtual_schema');
    expect(stored).toContain('system_schema');
    expect(stored).not.toContain('system_views');
    expect(virtual.sort()).toEqual(['system_views', 'system_virtual_schema']);
  });
});

describe('table metadata', () => {
  beforeAll(async () => {
    const client = target.client;
    await client.execute('CREATE TYPE address (street text, zip int, tags frozen<set<text>>)');
    const columns = EXPECTED_COLUMN_TYPES.map(([name, declared]) => `${name} ${declared}`).join(', ');
    await client.execute(
      `CREATE TABLE shapes (p1 int, p2 text, c1 timeuuid, c2 int, s int static, ${columns},
        PRIMARY KEY ((p1, p2), c1, c2)) WITH CLUSTERING ORDER BY (c1 DESC, c2 ASC)`,
    );
  });

  it('reports partition keys, clustering keys and their order', async () => {
    const table = await target.client.metadata.getTable(target.keyspace, 'shapes');
    expect(table).not.toBeNull();
    expect(table.partitionKeys.map((c) => c.name)).toEqual(['p1', 'p2']);
    expect(table.clusteringKeys.map((c) => c.name)).toEqual(['c1', 'c2']);
    expect(table.clusteringOrder).toEqual(['DESC', 'ASC']);
    expect((table.columnsByName['s'] as unknown as { isStatic: boolean }).isStatic).toBe(true);
    expect((table.columnsByName['c_int'] as unknown as { isStatic: boolean }).isStatic).toBe(false);
  });

  it.each(EXPECTED_COLUMN_TYPES)('column %s declared %s is reported as %s', async (name, _declared, expected) => {
    const table = await target.client.metadata.getTable(target.keyspace, 'shapes');
    const column = table.columnsByName[name];
    expect(column, `column ${name}`).toBeDefined();
    expect(cqlTypeName(column!.type as Parameters<typeof cqlTypeName>[0])).toBe(expected);
  });

  it('reports key column types', async () => {
    const table = await target.client.metadata.getTable(target.keyspace, 'shapes');
    const names = [...table.partitionKeys, ...table.clusteringKeys].map((c) =>
      cqlTypeName(c.type as Parameters<typeof cqlTypeName>[0]),
    );
    expect(names).toEqual(['int', 'text', 'timeuuid', 'int']);
  });

  it('resolves the UDT and its fields with getUdt', async () => {
    const udt = await target.client.metadata.getUdt(target.keyspace, 'address');
    expect(udt.name).toBe('address');
    expect(udt.fields.map((f) => [f.name, cqlTypeName(f.type as Parameters<typeof cqlTypeName>[0])])).toEqual([
      ['street', 'text'],
      ['zip', 'int'],
      ['tags', 'frozen<set<text>>'],
    ]);
  });

  it('returns null for a table that does not exist', async () => {
    expect(await target.client.metadata.getTable(target.keyspace, 'no_such_table')).toBeNull();
  });

  it('reports table options with their Cassandra defaults', async () => {
    const table = await target.client.metadata.getTable(target.keyspace, 'shapes');
    expect(table.comment).toBe('');
    expect(table.defaultTtl).toBe(0);
    expect(table.gcGraceSeconds).toBe(864000);
    expect(table.bloomFilterFalsePositiveChance).toBeCloseTo(0.01);
    expect(table.compactionClass).toBe('org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy');
    expect(table.isCompact).toBe(false);
  });

  it('reports a vector column when the server is Cassandra 5.0 or later', async (context) => {
    const release = target.client.hosts.values()[0]?.cassandraVersion ?? '0';
    if (Number(release.split('.')[0]) < 5) context.skip();
    await target.client.execute('CREATE TABLE embeddings (k int PRIMARY KEY, v vector<float, 3>)');
    const table = await target.client.metadata.getTable(target.keyspace, 'embeddings');
    expect(cqlTypeName(table.columnsByName['v']!.type as Parameters<typeof cqlTypeName>[0])).toBe('vector<float, 3>');
  });
});

describe('token ring', () => {
  it('has one range per token, each ending at a token of a known host', () => {
    const ranges = [...target.client.metadata.getTokenRanges()];
    const tokens = target.client.hosts.values().flatMap((host) => host.tokens);
    expect(ranges).toHaveLength(tokens.length);
    const ends = ranges.map((range) => range.end.getValue().toString()).sort();
    expect(ends).toEqual([...tokens].sort());
  });

  it('places every key on one replica for replication factor 1', () => {
    const host = target.client.hosts.values()[0];
    for (const key of [0, 1, 42, -7]) {
      const routingKey = Buffer.alloc(4);
      routingKey.writeInt32BE(key, 0);
      const replicas = target.client.metadata.getReplicas(target.keyspace, routingKey);
      expect(replicas).toHaveLength(1);
      if (!isExternalTarget) expect(replicas[0]).toBe(host);
    }
  });

  it('agrees with the server on the Murmur3 token of a key', async () => {
    await target.client.execute('CREATE TABLE tokens_probe (k int PRIMARY KEY)');
    await target.client.execute('INSERT INTO tokens_probe (k) VALUES (1)');
    const row = (await target.client.execute('SELECT token(k) AS t FROM tokens_probe WHERE k = 1')).first();
    expect(row?.['t'].toString()).toBe('-4069959284402364209');
    const routingKey = Buffer.from([0, 0, 0, 1]);
    expect(target.client.metadata.newToken(routingKey).getValue().toString()).toBe('-4069959284402364209');
  });
});

describe('schema change events reach a client that did not run the DDL', () => {
  it('sees a keyspace created by another client', async () => {
    const other = await target.newClient();
    const keyspace = uniqueName('conf_meta_event');
    await other.execute(
      `CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    );
    try {
      await vi.waitFor(() => expect(Object.keys(target.client.metadata.keyspaces)).toContain(keyspace), {
        timeout: 10_000,
        interval: 50,
      });
    } finally {
      await other.execute(`DROP KEYSPACE ${keyspace}`);
    }
    await vi.waitFor(() => expect(Object.keys(target.client.metadata.keyspaces)).not.toContain(keyspace), {
      timeout: 10_000,
      interval: 50,
    });
  });

  it('sees a table created after connect and then altered by another client', async () => {
    const other = await target.newClient({ keyspace: target.keyspace });
    await other.execute('CREATE TABLE late_table (k int PRIMARY KEY, v text)');
    const created = await target.client.metadata.getTable(target.keyspace, 'late_table');
    expect(created.columns.map((c) => c.name).sort()).toEqual(['k', 'v']);

    await other.execute('ALTER TABLE late_table ADD extra int');
    await vi.waitFor(
      async () => {
        const altered = await target.client.metadata.getTable(target.keyspace, 'late_table');
        expect(altered.columns.map((c) => c.name).sort()).toEqual(['extra', 'k', 'v']);
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it('sees a table created by this client immediately', async () => {
    await target.client.execute('CREATE TABLE own_table (k int PRIMARY KEY, v int)');
    const table = await target.client.metadata.getTable(target.keyspace, 'own_table');
    expect(table.partitionKeys.map((c) => c.name)).toEqual(['k']);
  });
});
