import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalCluster, startCluster, type CassanovaCluster } from '../main.js';
import type { NodeListView, NodeView } from './node-view.js';
import { AdminTestClient } from './testing/admin-test-client.js';

/**
 * Every route of the admin API over real HTTP against a three-node cluster: what it answers, and how it
 * refuses bad input (400 naming the field), unknown ids (404) and operations the cluster's state
 * forbids (409). The last test checks that no route was left out.
 */
let cluster: CassanovaCluster;
let api: AdminTestClient;

beforeAll(async () => {
  cluster = await startCluster({ port: 0, nodes: 3, adminPort: 0, gossipIntervalMs: 100, seed: 11 });
  api = new AdminTestClient(cluster.adminUrl!);
});

afterAll(async () => {
  await cluster?.close();
});

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function gossipOf(id: number, observer = 1): Promise<string> {
  const answer = await api.call<NodeView>('GET', `/nodes/${id}?observer=${observer}`);
  return answer.body.gossip;
}

describe('the cluster and its nodes', () => {
  it('GET /cluster describes the cluster', async () => {
    const { status, body } = await api.call<{ name: string; seed: number; clock: string; keyspaces: { name: string }[] }>('GET', '/cluster');
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'Test Cluster', seed: 11, clock: 'system' });
    expect(body.keyspaces.map((k) => k.name)).toContain('system_distributed');
  });

  it('GET /nodes lists every node with its identity, state and raw or effective ownership', async () => {
    const { status, body } = await api.call<NodeListView>('GET', '/nodes');
    expect(status).toBe(200);
    expect(body.observer).toBe(1);
    expect(body.nodes.map((n) => [n.id, n.address, n.status, n.state, n.gossip])).toEqual([
      [1, '127.0.0.1', 'up', 'normal', 'UP'], [2, '127.0.0.2', 'up', 'normal', 'UP'], [3, '127.0.0.3', 'up', 'normal', 'UP'],
    ]);
    expect(body.nodes.every((n) => n.tokens.length === 16 && n.nativePort === cluster.port)).toBe(true);
    expect(body.nodes.reduce((sum, n) => sum + n.owns, 0)).toBeCloseTo(1, 4);
    const effective = await api.call<NodeListView>('GET', '/nodes?keyspace=system_distributed&observer=2');
    expect(effective.body.observer).toBe(2);
    expect(effective.body.nodes.map((n) => n.owns)).toEqual([1, 1, 1]);
  });

  it('GET /nodes refuses an unknown keyspace or observer, and a malformed one', async () => {
    expect(await api.call('GET', '/nodes?keyspace=nope')).toMatchObject({ status: 404, body: { message: 'Keyspace nope does not exist' } });
    expect(await api.call('GET', '/nodes?observer=9')).toMatchObject({ status: 404, body: { message: 'No node 9: the cluster has nodes 1, 2, 3' } });
    expect(await api.call('GET', '/nodes?observer=x')).toMatchObject({ status: 400, body: { message: 'query/observer must be integer' } });
    expect(await api.call('GET', '/nodes?color=red')).toMatchObject({ status: 400, body: { message: 'query/color is not a known field' } });
  });

  it('GET /nodes/:id shows one node; unknown ids are 404, malformed ones 400', async () => {
    const node = await api.call<NodeView>('GET', '/nodes/2');
    expect(node).toMatchObject({ status: 200, body: { id: 2, endpoint: '/127.0.0.2:7000', dataCenter: 'datacenter1', rack: 'rack1' } });
    expect(node.body.hostId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await api.call('GET', '/nodes/9')).toMatchObject({ status: 404 });
    expect(await api.call('GET', '/nodes/0')).toMatchObject({ status: 400, body: { message: 'path/id must be >= 1' } });
    expect(await api.call('GET', '/nodes/two')).toMatchObject({ status: 400, body: { message: 'path/id must be integer' } });
  });
});

describe('stopping, starting, killing, pausing and resuming nodes', () => {
  it('stop: peers mark the node down at once; a second stop is a conflict', async () => {
    expect(await api.call('POST', '/nodes/2/stop')).toMatchObject({ status: 200, body: { id: 2, status: 'down' } });
    await until('node 1 sees node 2 down', async () => (await gossipOf(2)) === 'DOWN');
    expect(await api.call('POST', '/nodes/2/stop')).toMatchObject({ status: 409, body: { error: 'Conflict', message: 'Node 2 is already down' } });
    expect(await api.call('POST', '/nodes/2/kill')).toMatchObject({ status: 409 });
    expect(await api.call('POST', '/nodes/2/pause')).toMatchObject({ status: 409, body: { message: 'Cannot pause node 2: it is down' } });
  });

  it('start: a running node cannot be started; a stopped one comes back and is seen up', async () => {
    expect(await api.call('POST', '/nodes/3/start')).toMatchObject({ status: 409, body: { message: 'Node 3 is already running' } });
    expect(await api.call('POST', '/nodes/2/start')).toMatchObject({ status: 200, body: { status: 'up' } });
    await until('node 1 sees node 2 up', async () => (await gossipOf(2)) === 'UP');
  });

  it('pause and resume: only a running node pauses, only a paused one resumes', async () => {
    expect(await api.call('POST', '/nodes/3/resume')).toMatchObject({ status: 409, body: { message: 'Cannot resume node 3: it is running' } });
    expect(await api.call('POST', '/nodes/3/pause')).toMatchObject({ status: 200, body: { status: 'paused' } });
    expect(await api.call('POST', '/nodes/3/pause')).toMatchObject({ status: 409, body: { message: 'Node 3 is already paused (resume it first)' } });
    expect(await api.call('POST', '/nodes/3/start')).toMatchObject({ status: 409 });
    expect(await api.call('POST', '/nodes/3/resume')).toMatchObject({ status: 200, body: { status: 'up' } });
  });

  it('kill: a crash nobody is told of; start brings the node back', async () => {
    expect(await api.call('POST', '/nodes/3/kill')).toMatchObject({ status: 200, body: { status: 'down' } });
    await until('node 1 convicts node 3', async () => (await gossipOf(3)) === 'DOWN');
    expect(await api.call('POST', '/nodes/3/start')).toMatchObject({ status: 200, body: { status: 'up' } });
    await until('node 1 sees node 3 up', async () => (await gossipOf(3)) === 'UP');
  });

  it('refuses unknown nodes (404) and unknown actions (404 route)', async () => {
    expect(await api.call('POST', '/nodes/7/stop')).toMatchObject({ status: 404, body: { message: 'No node 7: the cluster has nodes 1, 2, 3' } });
    expect(await api.call('POST', '/nodes/1/reboot')).toMatchObject({ status: 404 });
  });
});

describe('the network', () => {
  it('partitions and heals', async () => {
    const cut = await api.call<{ partition: number[][] }>('POST', '/network/partition', { groups: [[1], [2, 3]] });
    expect(cut).toMatchObject({ status: 200, body: { partition: [[1], [2, 3]] } });
    expect(cluster.network.canReach(1, 2)).toBe(false);
    expect(await api.call('POST', '/network/heal')).toMatchObject({ status: 200, body: { partition: null } });
    expect(cluster.network.canReach(1, 2)).toBe(true);
  });

  it('refuses bad partitions: unknown nodes, a node on two sides, no groups, broken JSON', async () => {
    expect(await api.call('POST', '/network/partition', { groups: [[1], [9]] })).toMatchObject({ status: 404 });
    expect(await api.call('POST', '/network/partition', { groups: [[1], [1, 2]] })).toMatchObject({
      status: 400, body: { message: 'body/groups lists node 1 twice: a node is on one side of a partition' },
    });
    expect(await api.call('POST', '/network/partition', { groups: [] })).toMatchObject({ status: 400, body: { message: 'body/groups must NOT have fewer than 1 items' } });
    expect(await api.call('POST', '/network/partition', { groups: [['1']] })).toMatchObject({ status: 400, body: { message: 'body/groups/0/0 must be integer' } });
    expect(await api.call('POST', '/network/partition', {})).toMatchObject({ status: 400, body: { message: 'body/groups is required' } });
    expect(await api.call('POST', '/network/partition')).toMatchObject({ status: 400, body: { message: 'body is required: a JSON object' } });
    expect(await api.call('POST', '/network/partition', '[]')).toMatchObject({ status: 400, body: { message: 'body must be object' } });
    const broken = await api.call('POST', '/network/partition', '{"groups": [[1]');
    expect(broken.status).toBe(400);
    expect(broken.body.message).toMatch(/^body is not valid JSON/);
  });

  it('sets link latency and loss, and reads one link back', async () => {
    const set = await api.call<{ links: unknown[] }>('PUT', '/network/links', { from: 1, to: 3, latencyMs: 200 });
    expect(set).toMatchObject({ status: 200, body: { links: [{ from: 1, to: 3, latencyMs: 200 }] } });
    expect(await api.call('GET', '/network/links?from=1&to=3')).toMatchObject({ status: 200, body: { from: 1, to: 3, latencyMs: 200, loss: 0 } });
    expect(await api.call('GET', '/network/links?from=3&to=1')).toMatchObject({ body: { latencyMs: 0 } });
    await api.call('PUT', '/network/links', { latencyMs: 0 });
    expect(cluster.network.linkSettings(1, 3)).toEqual({ latencyMs: 0, loss: 0 });
  });

  it('refuses bad link settings', async () => {
    expect(await api.call('PUT', '/network/links', { from: 1 })).toMatchObject({ status: 400, body: { message: 'body must set latencyMs, loss or both' } });
    expect(await api.call('PUT', '/network/links', { loss: 2 })).toMatchObject({ status: 400, body: { message: 'body/loss must be <= 1' } });
    expect(await api.call('PUT', '/network/links', { latencyMs: '5' })).toMatchObject({ status: 400, body: { message: 'body/latencyMs must be number' } });
    expect(await api.call('PUT', '/network/links', { to: 9, loss: 0.5 })).toMatchObject({ status: 404 });
    expect(await api.call('GET', '/network/links?from=1')).toMatchObject({ status: 400, body: { message: 'query/to is required' } });
  });

  it('GET /network counts the messages by verb', async () => {
    const { body } = await api.call<{ messages: Record<string, { sent: number; delivered: number; dropped: number }> }>('GET', '/network');
    expect(body.messages['GOSSIP']!.sent).toBeGreaterThan(0);
    expect(body.messages['GOSSIP']!.sent).toBeGreaterThanOrEqual(body.messages['GOSSIP']!.delivered + body.messages['GOSSIP']!.dropped);
  });
});

describe('message filters', () => {
  it('adds, lists and removes a filter; removing it twice is 404', async () => {
    const added = await api.call<{ id: number }>('POST', '/network/filters', { verb: 'MUTATION', to: 2, action: 'drop' });
    expect(added).toMatchObject({ status: 201, body: { verb: 'MUTATION', to: 2, action: 'drop' } });
    const delayed = await api.call<{ id: number }>('POST', '/network/filters', { from: 3, action: { delayMs: 50 } });
    expect(await api.call('GET', '/network/filters')).toMatchObject({ status: 200, body: [{ id: added.body.id }, { id: delayed.body.id, action: { delayMs: 50 } }] });
    expect(await api.call('DELETE', `/network/filters/${added.body.id}`)).toMatchObject({ status: 204 });
    expect(await api.call('DELETE', `/network/filters/${added.body.id}`)).toMatchObject({ status: 404, body: { message: `No message filter ${added.body.id}` } });
    await api.call('DELETE', `/network/filters/${delayed.body.id}`);
    expect(await api.call('GET', '/network/filters')).toMatchObject({ body: [] });
  });

  it('refuses bad filters', async () => {
    expect(await api.call('POST', '/network/filters', { verb: 'SHOUT', action: 'drop' })).toMatchObject({ status: 400 });
    expect((await api.call('POST', '/network/filters', { verb: 'SHOUT', action: 'drop' })).body.message).toMatch(/^body\/verb must be one of "MUTATION", "READ"/);
    expect(await api.call('POST', '/network/filters', { action: 'keep' })).toMatchObject({
      status: 400, body: { message: 'body/action must be "drop", or {"delayMs": n} to hold matching messages back n extra milliseconds' },
    });
    expect(await api.call('POST', '/network/filters', { verb: 'READ' })).toMatchObject({ status: 400, body: { message: 'body/action is required' } });
    expect(await api.call('POST', '/network/filters', { from: 8, action: 'drop' })).toMatchObject({ status: 404 });
    expect(await api.call('DELETE', '/network/filters/first')).toMatchObject({ status: 400, body: { message: 'path/id must be integer' } });
  });
});

describe('tracing, replicas, repair, cleanup, the clock', () => {
  it('sets the trace probability of every node or of one', async () => {
    expect(await api.call('PUT', '/tracing', { probability: 0.5 })).toMatchObject({ status: 200, body: { nodes: [{ probability: 0.5 }, { probability: 0.5 }, { probability: 0.5 }] } });
    await api.call('PUT', '/tracing', { probability: 0, node: 2 });
    expect(await api.call('GET', '/tracing')).toMatchObject({ body: { nodes: [{ id: 1, probability: 0.5 }, { id: 2, probability: 0 }, { id: 3, probability: 0.5 }] } });
    expect(await api.call('PUT', '/tracing', { probability: 1.5 })).toMatchObject({ status: 400, body: { message: 'body/probability must be <= 1' } });
    expect(await api.call('PUT', '/tracing', { probability: 1, node: 4 })).toMatchObject({ status: 404 });
    await api.call('PUT', '/tracing', { probability: 0 });
  });

  it('GET /replicas places a key given as CQL literals of every partition key column', async () => {
    const one = await api.call<{ token: string; replicas: { id: number }[] }>('GET', `/replicas?keyspace=system_auth&table=roles&key=${encodeURIComponent("'cassandra'")}`);
    expect(one.status).toBe(200);
    expect(one.body.replicas).toHaveLength(1);
    // The role 'cassandra' hashes to this token in any Cassandra (Murmur3 of the UTF-8 bytes).
    expect(one.body.token).toBe('356242581507269238');
    const two = await api.call<{ replicas: { id: number }[] }>('GET', `/replicas?keyspace=system_distributed&table=repair_history&key=${encodeURIComponent("'ks', 'tbl'")}`);
    expect(two.body.replicas.map((r) => r.id).sort()).toEqual([1, 2, 3]);
  });

  it('GET /replicas refuses keys that are not the partition key, and unknown tables', async () => {
    const key = (text: string): string => encodeURIComponent(text);
    expect(await api.call('GET', `/replicas?keyspace=system_auth&table=roles&key=${key('1')}`)).toMatchObject({ status: 400, body: { message: 'Invalid INTEGER constant (1) for "role" of type text' } });
    expect(await api.call('GET', `/replicas?keyspace=system_auth&table=roles&key=${key("'a', 'b'")}`)).toMatchObject({
      status: 400, body: { message: 'system_auth.roles has 1 partition key column(s) (role) but 2 value(s) were given' },
    });
    expect(await api.call('GET', `/replicas?keyspace=system_auth&table=roles&key=${key("'a")}`)).toMatchObject({ status: 400 });
    expect(await api.call('GET', `/replicas?keyspace=system_auth&table=roles&key=${key('?')}`)).toMatchObject({ status: 400 });
    expect(await api.call('GET', `/replicas?keyspace=system_auth&table=nope&key=1`)).toMatchObject({ status: 404, body: { message: 'Table system_auth.nope does not exist' } });
    expect(await api.call('GET', `/replicas?keyspace=nope&table=t&key=1`)).toMatchObject({ status: 404 });
    expect(await api.call('GET', '/replicas?keyspace=system_auth&table=roles')).toMatchObject({ status: 400, body: { message: 'query/key is required' } });
  });

  it('POST /repair repairs every replicated keyspace or one; unknown keyspaces are 404', async () => {
    const all = await api.call<{ keyspaces: string[]; failures: unknown[] }>('POST', '/repair');
    expect(all.status).toBe(200);
    expect(all.body.keyspaces).toEqual(expect.arrayContaining(['system_auth', 'system_distributed', 'system_traces']));
    expect(all.body.failures).toEqual([]);
    expect(await api.call('POST', '/repair', { keyspace: 'system_auth', depth: 4 })).toMatchObject({ status: 200, body: { keyspaces: ['system_auth'] } });
    expect(await api.call('POST', '/repair', { keyspace: 'nope' })).toMatchObject({ status: 404 });
    expect(await api.call('POST', '/repair', { depth: 99 })).toMatchObject({ status: 400, body: { message: 'body/depth must be <= 20' } });
    expect(await api.call('POST', '/repair', { keyspace: 'system', everything: true })).toMatchObject({ status: 400, body: { message: 'body/everything is not a known field' } });
  });

  it('POST /flush and /compact run on every node or one (nothing to do in memory)', async () => {
    for (const route of ['/flush', '/compact']) {
      expect(await api.call('POST', route)).toMatchObject({ status: 200, body: {} });
      expect(await api.call('POST', route, { node: 2 })).toMatchObject({ status: 200 });
      expect(await api.call('POST', route, { node: 12 })).toMatchObject({ status: 404 });
    }
  });

  it('POST /cleanup runs on every member or one', async () => {
    expect(await api.call('POST', '/cleanup')).toMatchObject({ status: 200, body: { droppedPartitions: 0 } });
    expect(await api.call('POST', '/cleanup', { node: 2 })).toMatchObject({ status: 200 });
    expect(await api.call('POST', '/cleanup', { node: 12 })).toMatchObject({ status: 404 });
    expect(await api.call('POST', '/cleanup', { node: '2' })).toMatchObject({ status: 400, body: { message: 'body/node must be integer' } });
  });

  it('the system clock cannot be advanced (409); a virtual one moves', async () => {
    expect(await api.call('GET', '/clock')).toMatchObject({ status: 200, body: { clock: 'system' } });
    expect(await api.call('POST', '/clock/advance', { ms: 10 })).toMatchObject({ status: 409 });
    const virtual = await startCluster({ port: 0, clock: 'virtual', adminPort: 0 });
    try {
      const other = new AdminTestClient(virtual.adminUrl!);
      const before = (await other.call<{ nowMs: number }>('GET', '/clock')).body.nowMs;
      expect(await other.call('POST', '/clock/advance', { ms: 60_000 })).toMatchObject({ status: 200, body: { clock: 'virtual', nowMs: before + 60_000 } });
      expect(await other.call('POST', '/clock/advance', { ms: -1 })).toMatchObject({ status: 400, body: { message: 'body/ms must be >= 0' } });
      expect(await other.call('POST', '/clock/advance', {})).toMatchObject({ status: 400, body: { message: 'body/ms is required' } });
    } finally {
      await virtual.close();
    }
  });
});

describe('the schema', () => {
  interface SchemaBody {
    keyspaces: { name: string; system: boolean; replication: Record<string, string>; tables: { name: string; baseTable: string | null; columns: { name: string; type: string; kind: string; position: number; clusteringOrder: string }[] }[] }[];
  }

  it('GET /schema lists keyspaces, tables, views and their columns in DESCRIBE order, the built-in keyspaces on demand', async () => {
    await cluster.execute("CREATE KEYSPACE catalog WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}");
    await cluster.execute('CREATE TABLE catalog.items (shop text, sku int, day date, price decimal, tags set<text>, note text static, PRIMARY KEY ((shop, sku), day)) WITH CLUSTERING ORDER BY (day DESC)');
    await cluster.execute('CREATE MATERIALIZED VIEW catalog.by_day AS SELECT shop, sku, day, price FROM catalog.items WHERE day IS NOT NULL AND shop IS NOT NULL AND sku IS NOT NULL PRIMARY KEY (day, shop, sku)');
    const { status, body } = await api.call<SchemaBody>('GET', '/schema');
    expect(status).toBe(200);
    expect(body.keyspaces.map((k) => k.name)).toEqual(['catalog']);
    const [keyspace] = body.keyspaces;
    expect(keyspace).toMatchObject({ system: false, replication: { class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: '2' } });
    expect(keyspace!.tables.map((t) => [t.name, t.baseTable])).toEqual([['by_day', 'items'], ['items', null]]);
    expect(keyspace!.tables[1]!.columns.map((c) => [c.name, c.type, c.kind, c.position, c.clusteringOrder])).toEqual([
      ['shop', 'text', 'partition_key', 0, 'none'], ['sku', 'int', 'partition_key', 1, 'none'], ['day', 'date', 'clustering', 0, 'desc'],
      ['note', 'text', 'static', -1, 'none'], ['price', 'decimal', 'regular', -1, 'none'], ['tags', 'set<text>', 'regular', -1, 'none'],
    ]);
    const all = await api.call<SchemaBody>('GET', '/schema?system=true');
    expect(all.body.keyspaces.filter((k) => k.system).map((k) => k.name)).toEqual(expect.arrayContaining(['system', 'system_auth', 'system_schema']));
    expect(all.body.keyspaces.find((k) => k.name === 'system_schema')!.tables.map((t) => t.name)).toContain('columns');
    expect(await api.call('GET', '/schema?system=maybe')).toMatchObject({ status: 400, body: { message: 'query/system must be boolean' } });
    await cluster.execute('DROP KEYSPACE catalog');
    expect((await api.call<SchemaBody>('GET', '/schema')).body.keyspaces).toEqual([]);
  });
});

describe('reset, truncate and snapshots', () => {
  const rows = async (): Promise<unknown[]> => [...(await cluster.execute('SELECT k FROM app.t', [], { consistency: 'ALL' })).rows];

  it('POST /truncate empties every user table and keeps the schema; POST /reset drops the user keyspaces and brings nodes back', async () => {
    await cluster.execute("CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
    await cluster.execute('CREATE TABLE app.t (k int PRIMARY KEY)');
    await cluster.execute('INSERT INTO app.t (k) VALUES (1)', [], { consistency: 'ALL' });
    expect(await api.call('POST', '/truncate')).toMatchObject({ status: 200, body: { truncatedTables: ['app.t'] } });
    expect(await rows()).toEqual([]);
    await api.call('POST', '/nodes/3/stop');
    const filter = await api.call<{ id: number }>('POST', '/network/filters', { verb: 'READ', action: 'drop' });
    expect(await api.call('POST', '/reset')).toMatchObject({ status: 200, body: { droppedKeyspaces: ['app'] } });
    expect(await api.call('GET', '/nodes/3')).toMatchObject({ body: { status: 'up', gossip: 'UP' } });
    expect(await api.call('GET', '/network/filters')).toMatchObject({ body: [] });
    expect(await api.call('DELETE', `/network/filters/${filter.body.id}`)).toMatchObject({ status: 404 });
    expect(await api.call('POST', '/truncate', { everything: true })).toMatchObject({ status: 400, body: { message: 'body/everything is not a known field' } });
  });

  it('POST /snapshots takes named snapshots (a free name by default), GET lists them, restore brings one back, DELETE forgets it', async () => {
    await cluster.execute("CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
    await cluster.execute('CREATE TABLE app.t (k int PRIMARY KEY)');
    await cluster.execute('INSERT INTO app.t (k) VALUES (1)', [], { consistency: 'ALL' });
    const taken = await api.call<{ name: string; takenAt: string }>('POST', '/snapshots', { name: 'seeded' });
    expect(taken).toMatchObject({ status: 201, body: { name: 'seeded', keyspaces: ['app'] } });
    expect(await api.call('POST', '/snapshots')).toMatchObject({ status: 201, body: { name: 'snapshot-1' } });
    expect(await api.call('POST', '/snapshots', { name: 'seeded' })).toMatchObject({ status: 409, body: { message: 'Snapshot seeded already exists.' } });
    expect(await api.call('POST', '/snapshots', { name: 'a/b' })).toMatchObject({ status: 400, body: { message: 'body/name must match pattern "^[A-Za-z0-9._-]{1,100}$"' } });
    expect((await api.call<{ name: string }[]>('GET', '/snapshots')).body.map((s) => s.name)).toEqual(['seeded', 'snapshot-1']);

    await cluster.execute('DROP TABLE app.t');
    await api.call('POST', '/nodes/2/pause');
    expect(await api.call('POST', '/snapshots/seeded/restore')).toMatchObject({ status: 200, body: { name: 'seeded', takenAt: taken.body.takenAt } });
    expect(await api.call('GET', '/nodes/2')).toMatchObject({ body: { status: 'up' } });
    expect(await rows()).toEqual([{ k: 1 }]);
    expect(await api.call('POST', '/snapshots/nope/restore')).toMatchObject({ status: 404, body: { message: 'No snapshot named nope' } });

    expect(await api.call('DELETE', '/snapshots/snapshot-1')).toMatchObject({ status: 204 });
    expect(await api.call('DELETE', '/snapshots/snapshot-1')).toMatchObject({ status: 404 });
    expect((await api.call<{ name: string }[]>('GET', '/snapshots')).body.map((s) => s.name)).toEqual(['seeded']);
    await api.call('POST', '/reset');
  });
});

describe('topology changes', () => {
  it('adds a node; a second topology change meanwhile is a conflict', async () => {
    const adding = api.call<NodeView>('POST', '/nodes', { rack: 'rack2' });
    await until('node 4 is joining', async () => internalCluster(cluster).nodes.length === 4);
    expect(await api.call('POST', '/nodes/2/decommission')).toMatchObject({ status: 409, body: { message: 'Cannot decommission while a bootstrap is in progress: one topology change at a time' } });
    expect(await api.call('POST', '/reset')).toMatchObject({ status: 409, body: { message: 'Cannot reset while a bootstrap is in progress: one topology change at a time' } });
    const added = await adding;
    expect(await api.call('POST', '/snapshots/seeded/restore')).toMatchObject({
      status: 409, body: { message: 'Cannot restore snapshot seeded: the cluster had nodes 1, 2, 3 then and has 1, 2, 3, 4 now' },
    });
    expect(added).toMatchObject({ status: 201, body: { id: 4, address: '127.0.0.4', rack: 'rack2', state: 'normal', status: 'up' } });
    expect((await api.call<NodeListView>('GET', '/nodes')).body.nodes.map((n) => n.id)).toEqual([1, 2, 3, 4]);
  });

  it('refuses bad new nodes', async () => {
    expect(await api.call('POST', '/nodes', { tokens: ['twelve'] })).toMatchObject({ status: 400, body: { message: 'body/tokens/0 must match pattern "^-?[0-9]{1,19}$"' } });
    expect(await api.call('POST', '/nodes', { dc: 5 })).toMatchObject({ status: 400, body: { message: 'body/dc must be string' } });
    const taken = (await api.call<NodeView>('GET', '/nodes/1')).body.tokens[0]!;
    expect(await api.call('POST', '/nodes', { tokens: [taken] })).toMatchObject({ status: 409, body: { message: expect.stringContaining('Bootstrapping to existing token') } });
  });

  it('decommissions a node, and removes a dead one only', async () => {
    const left = await api.call<{ streamedPartitions: number }>('POST', '/nodes/4/decommission', {});
    expect(left.status).toBe(200);
    expect(await api.call('GET', '/nodes/4')).toMatchObject({ status: 404 });
    expect(await api.call('DELETE', '/nodes/3')).toMatchObject({ status: 409, body: { message: 'Node 3 is up: decommission a running node, or stop it before removing it' } });
    await api.call('POST', '/nodes/3/kill');
    expect(await api.call('DELETE', '/nodes/3')).toMatchObject({ status: 200 });
    expect((await api.call<NodeListView>('GET', '/nodes')).body.nodes.map((n) => n.id)).toEqual([1, 2]);
    expect(await api.call('DELETE', '/nodes/3')).toMatchObject({ status: 404 });
    expect(await api.call('POST', '/nodes/3/decommission')).toMatchObject({ status: 404 });
    expect(await api.call('POST', '/nodes/2/decommission', { force: 'yes' })).toMatchObject({ status: 400, body: { message: 'body/force must be boolean' } });
  });
});

describe('metrics, OpenAPI and unknown routes', () => {
  it('GET /metrics answers Prometheus text', async () => {
    const metrics = await api.call<string>('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(metrics.body).toContain('# TYPE cassanova_node_up gauge');
    expect(metrics.body).toContain('cassanova_node_up{node="1"} 1');
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
  });

  it('GET /tls/ca is 404 on a cluster without TLS (tls.test.ts reads the CA of one with it)', async () => {
    expect(await api.call('GET', '/tls/ca')).toMatchObject({ status: 404 });
  });

  it('GET /openapi.json describes the API', async () => {
    expect(await api.call('GET', '/openapi.json')).toMatchObject({ status: 200, body: { openapi: '3.1.0' } });
  });

  it('an unknown route is 404', async () => {
    expect(await api.call('GET', '/keyspaces')).toMatchObject({ status: 404 });
  });

  it('every route was called (those of activity and primes by activity-primes-api.test.ts)', () => {
    expect(api.uncalled().filter((r) => !/^\w+ \/(activity|primes)/.test(r))).toEqual([]);
  });
});
