/**
 * The system tables clients and tools read besides the schema: system."IndexInfo" (built indexes, which
 * test helpers poll after CREATE INDEX, as Cassandra's CQLTester.waitForIndex and the Python dtests'
 * block_until_index_is_built do), system_schema.indexes, and the system_views tables of Cassandra 4.1
 * that Cassanova serves (clients, settings, thread_pools, caches, the latency tables), as
 * system_virtual_schema describes them. On three nodes: each node lists its own clients and every node
 * lists every built index.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { isExternalTarget, uniqueName, useNodeTarget } from '../support/node-client.js';

const target = useNodeTarget('system_tables');
/** What the driver sends as DRIVER_NAME and DRIVER_VERSION: its package's description and version. */
const driverPackage = createRequire(import.meta.url)('cassandra-driver/package.json') as { description: string; version: string };

const POLL_MS = 50;
const WAIT_MS = 10_000;

/** Polls `condition` until it holds, failing after WAIT_MS. */
async function eventually(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** CQLTester.waitForIndex: the row of a built index, keyed by its keyspace. */
async function indexBuilt(client: cassandra.Client, keyspace: string, index: string, host?: cassandra.Host): Promise<boolean> {
  const rs = await client.execute('SELECT index_name, value FROM system."IndexInfo" WHERE table_name = ? AND index_name = ?', [keyspace, index], { prepare: true, host });
  return rs.rowLength === 1;
}

const long = (value: unknown): number => (value as cassandra.types.Long).toNumber();

describe('system."IndexInfo"', () => {
  it('lists an index once built, keyed by its keyspace, and forgets it when dropped', async () => {
    const { client, keyspace } = target;
    await client.execute('CREATE TABLE built (k int PRIMARY KEY, v int, m map<text, int>)');
    await client.execute('CREATE INDEX built_v ON built (v)');
    await eventually('built_v to be built', () => indexBuilt(client, keyspace, 'built_v'));
    const row = (await client.execute('SELECT * FROM system."IndexInfo" WHERE table_name = ?', [keyspace], { prepare: true })).first();
    expect(row.values()).toEqual([keyspace, 'built_v', null]);
    await client.execute('CREATE INDEX ON built (keys(m))');
    await eventually('the default-named index to be built', () => indexBuilt(client, keyspace, 'built_m_idx'));
    await client.execute('DROP INDEX built_v');
    expect(await indexBuilt(client, keyspace, 'built_v')).toBe(false);
    await client.execute('DROP TABLE built');
    expect(await indexBuilt(client, keyspace, 'built_m_idx')).toBe(false);
  });

  it('forgets the indexes of a dropped keyspace', async () => {
    const { client } = target;
    const keyspace = uniqueName('conf_indexinfo');
    await client.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    await client.execute(`CREATE TABLE ${keyspace}.t (k int PRIMARY KEY, v text)`);
    await client.execute(`CREATE INDEX t_v ON ${keyspace}.t (v)`);
    await eventually('t_v to be built', () => indexBuilt(client, keyspace, 't_v'));
    await client.execute(`DROP KEYSPACE ${keyspace}`);
    expect((await client.execute('SELECT * FROM system."IndexInfo" WHERE table_name = ?', [keyspace], { prepare: true })).rowLength).toBe(0);
  });

  it('has the Cassandra 4.1 companion system.built_views, empty without materialized views', async () => {
    const rs = await target.client.execute('SELECT * FROM system.built_views');
    expect(rs.columns.map((c) => c.name)).toEqual(['keyspace_name', 'view_name', 'status_replicated']);
    expect(rs.rowLength).toBe(0);
  });
});

describe('system_schema.indexes', () => {
  it('records each kind of target as Cassandra does, and the driver reads them back', async () => {
    const { client, keyspace } = target;
    await client.execute('CREATE TABLE kinds (k int, c int, v text, l list<int>, s set<text>, m map<text, int>, f frozen<list<int>>, PRIMARY KEY (k, c))');
    for (const target of ['v', 'c', 'l', 'values(s)', 'keys(m)', 'entries(m)', 'full(f)']) await client.execute(`CREATE INDEX ON kinds (${target})`);
    await client.execute('CREATE INDEX "Quoted" ON kinds (values(m))');
    const rs = await client.execute('SELECT index_name, kind, options FROM system_schema.indexes WHERE keyspace_name = ? AND table_name = ?', [keyspace, 'kinds'], { prepare: true });
    expect(rs.rows.map((r) => [r['index_name'], r['kind'], r['options']])).toEqual([
      ['Quoted', 'COMPOSITES', { target: 'values(m)' }],
      ['kinds_c_idx', 'COMPOSITES', { target: 'c' }],
      ['kinds_f_idx', 'COMPOSITES', { target: 'full(f)' }],
      ['kinds_l_idx', 'COMPOSITES', { target: 'values(l)' }],
      ['kinds_m_idx', 'COMPOSITES', { target: 'keys(m)' }],
      ['kinds_m_idx_1', 'COMPOSITES', { target: 'entries(m)' }],
      ['kinds_s_idx', 'COMPOSITES', { target: 'values(s)' }],
      ['kinds_v_idx', 'COMPOSITES', { target: 'v' }],
    ]);
    const table = await client.metadata.getTable(keyspace, 'kinds');
    const index = table.indexes.find((i) => i.name === 'kinds_m_idx_1');
    expect(index?.target).toBe('entries(m)');
    expect(index?.isCompositesKind()).toBe(true);
    for (const name of rs.rows.map((r) => r['index_name'] as string)) {
      await eventually(`${name} to be built`, () => indexBuilt(client, keyspace, name));
    }
  });
});

/** The rows of system_views.clients for connections of this driver. */
async function driverClients(client: cassandra.Client, host?: cassandra.Host): Promise<cassandra.types.Row[]> {
  const rs = await client.execute('SELECT * FROM system_views.clients', [], { host });
  return rs.rows.filter((r) => r['driver_name'] === driverPackage.description);
}

describe('system_views.clients', () => {
  it('lists the connections with what their STARTUP said, counting their requests', async () => {
    const { client } = target;
    const rows = await driverClients(client);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const row of rows) {
      expect(row['address'].toString()).toBe('127.0.0.1');
      expect(row).toMatchObject({
        hostname: '127.0.0.1', username: 'anonymous', connection_stage: 'ready', protocol_version: 4,
        driver_version: driverPackage.version, ssl_enabled: false, ssl_protocol: null, ssl_cipher_suite: null,
      });
      expect(row['client_options']).toMatchObject({ CQL_VERSION: '3.0.0', DRIVER_NAME: driverPackage.description, DRIVER_VERSION: driverPackage.version });
      expect(long(row['request_count'])).toBeGreaterThanOrEqual(1);
    }
    const total = (rs: cassandra.types.Row[]): number => rs.reduce((n, r) => n + long(r['request_count']), 0);
    const before = total(rows);
    for (let i = 0; i < 5; i++) await client.execute('SELECT release_version FROM system.local');
    // Five queries and the SELECT that reads the count again, at least.
    expect(total(await driverClients(client))).toBeGreaterThanOrEqual(before + 6);
  });

  it('shows a client\'s protocol version and application options, and forgets it once it disconnects', async () => {
    const other = await target.newClient({ protocolOptions: { maxVersion: 3 }, applicationName: 'conformance-app' });
    const mine = (rows: cassandra.types.Row[]): cassandra.types.Row[] =>
      rows.filter((r) => (r['client_options'] as Record<string, string> | null)?.['APPLICATION_NAME'] === 'conformance-app');
    const rows = mine(await driverClients(target.client));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const row of rows) expect(row['protocol_version']).toBe(3);
    await other.shutdown();
    await eventually('the closed client to go', async () => mine(await driverClients(target.client)).length === 0);
  });

  it('is described in system_virtual_schema as in Cassandra 4.1', async () => {
    const rs = await target.client.execute("SELECT column_name, kind, type FROM system_virtual_schema.columns WHERE keyspace_name = 'system_views' AND table_name = 'clients'");
    expect(rs.rows.map((r) => `${r['column_name']} ${r['kind']} ${r['type']}`).sort()).toEqual([
      'address partition_key inet', 'client_options regular map<text, text>', 'connection_stage regular text',
      'driver_name regular text', 'driver_version regular text', 'hostname regular text', 'port clustering int',
      'protocol_version regular int', 'request_count regular bigint', 'ssl_cipher_suite regular text',
      'ssl_enabled regular boolean', 'ssl_protocol regular text', 'username regular text',
    ]);
    const table = await target.client.metadata.getTable('system_views', 'clients');
    expect(table.virtual).toBe(true);
    expect(table.partitionKeys.map((c) => c.name)).toEqual(['address']);
  });
});

describe('other system_views tables', () => {
  it('settings: the configuration under 4.1 names and the 4.0 names they replaced', async () => {
    const { client } = target;
    const setting = async (name: string): Promise<unknown> =>
      (await client.execute('SELECT value FROM system_views.settings WHERE name = ?', [name], { prepare: true })).first()?.['value'];
    const local = (await client.execute("SELECT cluster_name FROM system.local WHERE key = 'local'")).first();
    expect(await setting('cluster_name')).toBe(local['cluster_name']);
    expect(await setting('partitioner')).toBe('org.apache.cassandra.dht.Murmur3Partitioner');
    if (!isExternalTarget) {
      expect(await setting('read_request_timeout')).toBe('5000ms');
      expect(await setting('read_request_timeout_in_ms')).toBe('5000');
      expect(await setting('max_hint_window')).toBe('3h');
      expect(await setting('num_tokens')).toBe('16');
    }
  });

  it('come back in key order, as LocalPartitioner orders them, also page by page', async () => {
    const { client } = target;
    const names = (await client.execute('SELECT name FROM system_views.settings')).rows.map((r) => r['name'] as string);
    expect(names.length).toBeGreaterThan(10);
    const byBytes = [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(names).toEqual(byBytes);
    const paged: string[] = [];
    let pageState: string | undefined;
    do {
      const page = await client.execute('SELECT name FROM system_views.settings', [], { fetchSize: 7, pageState });
      paged.push(...page.rows.map((r) => r['name'] as string));
      pageState = page.pageState ?? undefined;
    } while (pageState !== undefined);
    expect(paged).toEqual(names);
    const keyspaces = (await client.execute('SELECT keyspace_name FROM system_virtual_schema.keyspaces')).rows.map((r) => r['keyspace_name']);
    expect(keyspaces).toEqual(['system_views', 'system_virtual_schema']);
    const tables = await client.execute("SELECT table_name FROM system_virtual_schema.tables WHERE keyspace_name = 'system_views'");
    expect(tables.rows.map((r) => r['table_name'])).toContain('settings');
  });

  it('thread_pools: client requests in progress and done, the one reading among them', async () => {
    const rs = await target.client.execute("SELECT * FROM system_views.thread_pools WHERE name = 'Native-Transport-Requests'");
    const row = rs.first();
    expect(row['active_tasks']).toBeGreaterThanOrEqual(1);
    expect(long(row['completed_tasks'])).toBeGreaterThan(0);
    const names = (await target.client.execute('SELECT name FROM system_views.thread_pools')).rows.map((r) => r['name']);
    expect(names).toEqual(expect.arrayContaining(['MutationStage', 'ReadStage', 'GossipStage', 'Native-Transport-Requests']));
  });

  it('local and coordinator latencies: this node\'s writes and reads of a table', async () => {
    const { client, keyspace } = target;
    await client.execute('CREATE TABLE timed (k int PRIMARY KEY, v int)');
    for (let k = 0; k < 10; k++) await client.execute('INSERT INTO timed (k, v) VALUES (?, ?)', [k, k], { prepare: true });
    for (let k = 0; k < 4; k++) await client.execute('SELECT v FROM timed WHERE k = ?', [k], { prepare: true });
    await client.execute('SELECT * FROM timed');
    const latency = async (table: string): Promise<cassandra.types.Row> =>
      (await client.execute(`SELECT * FROM system_views.${table} WHERE keyspace_name = ? AND table_name = ?`, [keyspace, 'timed'], { prepare: true })).first();
    const writes = await latency('local_write_latency');
    expect(long(writes['count'])).toBe(10);
    expect(writes['max_ms']).toBeGreaterThanOrEqual(writes['99th_ms']);
    expect(writes['99th_ms']).toBeGreaterThanOrEqual(writes['50th_ms']);
    expect(long((await latency('coordinator_write_latency'))['count'])).toBe(10);
    expect(long((await latency('local_read_latency'))['count'])).toBe(4);
    expect(long((await latency('coordinator_read_latency'))['count'])).toBe(4);
    expect(long((await latency('coordinator_scan_latency'))['count'])).toBe(1);
    expect(long((await latency('local_scan_latency'))['count'])).toBe(1);
  });

  it('sstable_tasks: no compaction or cleanup running', async () => {
    const rs = await target.client.execute('SELECT * FROM system_views.sstable_tasks');
    expect(rs.columns.map((c) => c.name)).toEqual(['keyspace_name', 'table_name', 'task_id', 'completion_ratio', 'kind', 'progress', 'total', 'unit']);
    if (!isExternalTarget) expect(rs.rowLength).toBe(0);
  });

  it('caches: the key, row and counter caches', async () => {
    const rs = await target.client.execute('SELECT name FROM system_views.caches');
    expect(rs.rows.map((r) => r['name'])).toEqual(expect.arrayContaining(['counters', 'keys', 'rows']));
  });
});

describe.skipIf(isExternalTarget)('three nodes', () => {
  const three = useNodeTarget('system_tables_3', { nodes: 3, keyspace: false });

  it('each node lists its own clients', async () => {
    const { client } = three;
    const hosts = client.hosts.values();
    expect(hosts).toHaveLength(3);
    const seen = new Set<string>();
    for (const host of hosts) {
      const rows = await driverClients(client, host);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      for (const row of rows) {
        const endpoint = `${row['address'].toString()}:${row['port']}`;
        expect(seen.has(endpoint)).toBe(false);
        seen.add(endpoint);
      }
    }
  });

  it('every node lists a built index, and none once it is dropped', async () => {
    const { client } = three;
    const keyspace = uniqueName('conf_indexinfo3');
    await client.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}`);
    await client.execute(`CREATE TABLE ${keyspace}.t (k int PRIMARY KEY, v text)`);
    await client.execute(`CREATE INDEX t_v ON ${keyspace}.t (v)`);
    for (const host of client.hosts.values()) {
      await eventually(`t_v to be built on ${host.address}`, () => indexBuilt(client, keyspace, 't_v', host));
    }
    await client.execute(`DROP INDEX ${keyspace}.t_v`);
    for (const host of client.hosts.values()) expect(await indexBuilt(client, keyspace, 't_v', host)).toBe(false);
  });
});
