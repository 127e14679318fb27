import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCluster, type CassanovaCluster } from '../../main.js';
import { KvClient, KvError } from '../../kv/index.js';

/**
 * The key-value API on three nodes, over HTTP (fetch and KvClient) and beside a Node.js driver: values
 * are CQL rows every replica holds, consistency levels meet stopped nodes and dropped messages as CQL
 * requests do, and conditions are lightweight transactions.
 */
let cluster: CassanovaCluster;
let client: cassandra.Client;
let kv: KvClient;

beforeAll(async () => {
  cluster = await startCluster({ port: 0, nodes: 3, adminPort: 0, gossipIntervalMs: 100, seed: 11, writeRequestTimeoutMs: 300, readRequestTimeoutMs: 300 });
  client = new cassandra.Client({ ...cluster.driverOptions() });
  await client.connect();
  kv = new KvClient(cluster.adminUrl!);
});

afterAll(async () => {
  await client?.shutdown();
  await cluster?.close();
});

beforeEach(async () => {
  await cluster.reset();
});

async function fetchJson(method: string, path: string, body?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${cluster.adminUrl!}/v1/kv${path}`, { method, body, headers: body === undefined ? {} : { 'content-type': 'text/plain' } });
  return { status: response.status, json: await response.json() as Record<string, unknown> };
}

describe('replication and consistency levels', () => {
  it('creates kv with SimpleStrategy and replication factor 3 and the table a driver sees, on the first write', async () => {
    expect(await kv.kv('users').set('alice', 'a')).toMatchObject({ created: true });
    await client.metadata.refreshKeyspace('kv');
    const keyspace = client.metadata.keyspaces['kv'] as unknown as { strategy: string; strategyOptions: Record<string, string> };
    expect(keyspace.strategy).toBe('org.apache.cassandra.locator.SimpleStrategy');
    expect(keyspace.strategyOptions).toEqual({ replication_factor: '3' });
    const table = await client.metadata.getTable('kv', 'users');
    expect(table.columns.map((c) => `${c.name} ${c.type.code === cassandra.types.dataTypes.text || c.type.code === cassandra.types.dataTypes.varchar ? 'text' : c.type.code === cassandra.types.dataTypes.blob ? 'blob' : '?'}`).sort())
      .toEqual(['content_type text', 'key text', 'value blob']);
    expect(table.partitionKeys.map((c) => c.name)).toEqual(['key']);
    // Every replica holds the value: each node answers it alone.
    for (const node of [1, 2, 3]) expect((await kv.kv('users').get('alice', { consistency: 'ALL', node }))?.value.toString()).toBe('a');
  });

  it('with a node stopped, writes and reads at QUORUM; ALL answers 503 with consistency, required and alive', async () => {
    await kv.kv('users').set('seed', 'x');
    await cluster.node(3).stop();
    expect((await fetchJson('PUT', '/users/bob?consistency=QUORUM', 'b')).status).toBe(201);
    expect((await kv.kv('users').get('bob', { consistency: 'QUORUM' }))?.value.toString()).toBe('b');
    const write = await fetchJson('PUT', '/users/carol?consistency=ALL', 'c');
    expect(write).toEqual({
      status: 503,
      json: { statusCode: 503, error: 'Service Unavailable', message: 'Cannot achieve consistency level ALL', consistency: 'ALL', required: 3, alive: 2 },
    });
    expect((await fetchJson('GET', '/users/bob?consistency=ALL')).json).toMatchObject({ statusCode: 503, consistency: 'ALL', required: 3, alive: 2 });
    const error = await kv.kv('users').del('bob', { consistency: 'ALL' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KvError);
    expect(error).toMatchObject({ status: 503, details: { consistency: 'ALL', required: 3, alive: 2 } });
    expect((await fetchJson('PUT', '/users/dave?node=3', 'd')).json).toMatchObject({ statusCode: 503, message: 'Node 3 is down: it cannot coordinate the request' });
  });

  it('with two nodes stopped, a QUORUM write over plain HTTP is 503 with the figures, and ONE still succeeds', async () => {
    await kv.kv('users').set('seed', 'x');
    await cluster.node(2).stop();
    await cluster.node(3).stop();
    expect(await fetchJson('PUT', '/users/frank?consistency=QUORUM', 'f')).toEqual({
      status: 503,
      json: { statusCode: 503, error: 'Service Unavailable', message: 'Cannot achieve consistency level QUORUM', consistency: 'QUORUM', required: 2, alive: 1 },
    });
    expect((await fetchJson('PUT', '/users/frank?consistency=ONE', 'f')).status).toBe(201);
    expect((await fetchJson('GET', '/users/frank?consistency=QUORUM')).json).toMatchObject({ statusCode: 503, consistency: 'QUORUM', required: 2, alive: 1 });
  });

  it('answers 504 with the figures when replicas do not acknowledge in time', async () => {
    await kv.kv('users').set('seed', 'x', { node: 1 });
    const removeFilter = cluster.network.addFilter({ verb: 'MUTATION', from: 1, action: 'drop' });
    try {
      const answer = await fetchJson('PUT', '/users/erin?consistency=ALL&node=1', 'e');
      expect(answer.status).toBe(504);
      expect(answer.json).toMatchObject({ statusCode: 504, error: 'Gateway Timeout', consistency: 'ALL', blockFor: 3, writeType: 'SIMPLE' });
      expect(answer.json['received']).toBeLessThan(3);
    } finally {
      removeFilter();
    }
    const removeReadFilter = cluster.network.addFilter({ verb: 'READ', from: 1, action: 'drop' });
    try {
      const answer = await fetchJson('GET', '/users/seed?consistency=ALL&node=1');
      expect(answer.status).toBe(504);
      expect(answer.json).toMatchObject({ statusCode: 504, error: 'Gateway Timeout', consistency: 'ALL', blockFor: 3 });
      expect(answer.json['writeType']).toBeUndefined();
    } finally {
      removeReadFilter();
    }
  });
});

describe('conditional writes and deletes (lightweight transactions)', () => {
  it('If-Match with the ETag of a GET applies; a stale ETag is 412; If-None-Match: * on an existing key is 412', async () => {
    const users = kv.kv('users');
    const first = await users.set('k', 'v1');
    const read = await users.get('k');
    expect(read?.etag).toBe(first.etag);
    const second = await users.set('k', 'v2', { ifMatch: read!.etag });
    expect(second.created).toBe(false);
    expect(BigInt(second.etag)).toBeGreaterThan(BigInt(first.etag));
    expect((await users.get('k'))?.etag).toBe(second.etag);
    await expect(users.set('k', 'v3', { ifMatch: first.etag })).rejects.toMatchObject({ status: 412 });
    await expect(users.set('k', 'v3', { ifNoneMatch: '*' })).rejects.toMatchObject({ status: 412, message: "The key 'k' exists (If-None-Match: *)" });
    expect(await users.set('new', 'n', { ifNoneMatch: '*' })).toMatchObject({ created: true });
    expect((await users.get('k'))?.value.toString()).toBe('v2');
    await expect(users.set('absent', 'a', { ifMatch: '*' })).rejects.toMatchObject({ status: 412 });
    expect(await users.set('k', 'v4', { ifMatch: '*' })).toMatchObject({ created: false });
  });

  it('over plain HTTP: ETag headers, 412 bodies, and conditional deletes', async () => {
    const base = `${cluster.adminUrl!}/v1/kv/docs/d`;
    const put = await fetch(base, { method: 'PUT', body: 'x', headers: { 'content-type': 'text/plain' } });
    const etag = put.headers.get('etag')!;
    const stale = await fetch(base, { method: 'PUT', body: 'y', headers: { 'content-type': 'text/plain', 'if-match': '"12345"' } });
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({ statusCode: 412, error: 'Precondition Failed', message: `The value of 'd' has ETag ${etag}, not "12345" (If-Match)` });
    const existing = await fetch(base, { method: 'PUT', body: 'y', headers: { 'if-none-match': '*' } });
    expect(existing.status).toBe(412);
    expect((await fetch(base, { method: 'DELETE', headers: { 'if-match': '"12345"' } })).status).toBe(412);
    expect((await fetch(base, { method: 'DELETE', headers: { 'if-none-match': '*' } })).status).toBe(400);
    expect((await fetch(base, { method: 'DELETE', headers: { 'if-match': etag } })).status).toBe(204);
    expect((await fetch(base, { method: 'DELETE', headers: { 'if-match': '*' } })).status).toBe(412);
    expect((await fetch(base)).status).toBe(404);
  });

  it('takes the serial consistency of the transaction: with two nodes down SERIAL is unavailable', async () => {
    await kv.kv('users').set('k', 'v');
    await cluster.node(2).stop();
    await cluster.node(3).stop();
    await expect(kv.kv('users').set('k', 'w', { ifMatch: '*', node: 1 })).rejects.toMatchObject({
      status: 503, details: { consistency: 'SERIAL', required: 2, alive: 1 },
    });
  });
});

describe('the same rows through CQL', () => {
  it('a value written through KV reads back through the Node.js driver, its ETag its writetime; and the other way round', async () => {
    const written = await kv.kv('notes').set('n1', Buffer.from([1, 2, 3]), { contentType: 'application/x-thing' });
    const row = (await client.execute('SELECT value, content_type, writetime(value) AS wt FROM kv.notes WHERE key = ?', ['n1'], { prepare: true })).first();
    expect(row['value']).toEqual(Buffer.from([1, 2, 3]));
    expect(row['content_type']).toBe('application/x-thing');
    expect(row['wt'].toString()).toBe(written.etag);

    await client.execute('INSERT INTO kv.notes (key, value, content_type) VALUES (?, ?, ?)', ['n2', Buffer.from('from cql'), 'text/plain'], { prepare: true });
    await client.execute('INSERT INTO kv.notes (key, value) VALUES (?, ?)', ['n3', Buffer.from('no type')], { prepare: true });
    const n2 = await kv.kv('notes').get('n2');
    expect(n2).toMatchObject({ key: 'n2', contentType: 'text/plain' });
    expect(n2?.value.toString()).toBe('from cql');
    expect((await kv.kv('notes').get('n3'))?.contentType).toBe('application/octet-stream');
    // A condition on a row written without a content type holds too (content_type = null).
    expect(await kv.kv('notes').set('n3', 'typed', { ifMatch: (await kv.kv('notes').get('n3'))!.etag })).toMatchObject({ created: false });
    await client.execute('DELETE FROM kv.notes WHERE key = ?', ['n1'], { prepare: true });
    expect(await kv.kv('notes').get('n1')).toBeNull();
  });

  it('lists keys in token order, as a CQL scan returns them, a page at a time', async () => {
    const ns = kv.kv('many');
    for (let i = 0; i < 25; i++) await ns.set(`key${i}`, String(i));
    const scan = (await client.execute('SELECT key FROM kv.many')).rows.map((r) => r['key'] as string);
    const pages: (readonly string[])[] = [];
    let cursor: string | undefined;
    do {
      const page = await ns.list({ limit: 10, cursor });
      pages.push(page.keys);
      cursor = page.cursor ?? undefined;
    } while (cursor !== undefined);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(scan);
    const exact = await ns.list({ limit: 25 });
    expect(exact).toEqual({ keys: scan, cursor: null });
  });

  it('fills pages with keys of a prefix however sparse they are', async () => {
    const ns = kv.kv('sparse');
    for (let i = 0; i < 30; i++) await ns.set(i % 6 === 0 ? `user/${i}` : `other/${i}`, 'x');
    const first = await ns.list({ prefix: 'user/', limit: 3 });
    expect(first.keys).toHaveLength(3);
    const second = await ns.list({ prefix: 'user/', limit: 3, cursor: first.cursor! });
    expect(second.keys).toHaveLength(2);
    expect(second.cursor).toBeNull();
    expect([...first.keys, ...second.keys].sort()).toEqual(['user/0', 'user/12', 'user/18', 'user/24', 'user/6']);
  });
});

describe('the activity log and resets', () => {
  it('records KV requests as a driver client\'s statements, with the HTTP client\'s address and the coordinator', async () => {
    await kv.kv('users').set('seen', 'x', { node: 2 });
    cluster.clearActivity();
    await fetch(`${cluster.adminUrl!}/v1/kv/users/seen?node=2&consistency=QUORUM`);
    // Only the kv table's statements: the driver may still be refreshing its schema metadata after the table was created.
    const records = cluster.activity({ match: /"kv"/ });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      node: 2, clientAddress: '127.0.0.1', opcode: 'EXECUTE', consistency: 'QUORUM',
      query: 'SELECT value, content_type, writetime(value) FROM "kv"."users" WHERE key = ?', values: ['seen'],
    });
  });

  it('traces KV requests at the nodes\' trace probability, as requests of the HTTP client', async () => {
    await kv.kv('users').set('traced', 'x', { node: 1 });
    cluster.setTraceProbability(1);
    try {
      await fetch(`${cluster.adminUrl!}/v1/kv/users/traced?node=1`);
    } finally {
      cluster.setTraceProbability(0);
    }
    const sessions = await client.execute('SELECT coordinator, client, request, parameters FROM system_traces.sessions');
    const traced = sessions.rows.filter((r) => (r['parameters'] as Record<string, string>)['query']?.includes('"kv"."users"'));
    expect(traced).toHaveLength(1);
    expect(traced[0]!['client'].toString()).toBe('127.0.0.1');
    expect(traced[0]!['coordinator'].toString()).toBe(cluster.node(1).address);
  });

  it('loses its namespaces in reset() like any keyspace, and creates them again on the next write', async () => {
    await kv.kv('users').set('a', 'x');
    await cluster.reset();
    expect(await kv.kv('users').get('a')).toBeNull();
    expect(await kv.kv('users').set('a', 'y')).toMatchObject({ created: true });
    expect((await kv.kv('users').get('a'))?.value.toString()).toBe('y');
  });
});
