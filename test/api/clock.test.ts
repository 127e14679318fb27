/**
 * The virtual clock's traps from another project: it starts at the real time, an auto-advancing clock lets a
 * request to a dead replica time out without advanceTime, and a conditional update after a plain insert is
 * seen by the next read when server-side and client-side timestamps agree (the scenario).
 */
import cassandra from 'cassandra-driver';
import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type CassanovaCluster, type StartClusterOptions } from '../../src/index.js';

const { consistencies } = cassandra.types;
const open: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

async function cluster(options: StartClusterOptions): Promise<CassanovaCluster> {
  const started = await startCluster({ port: 0, ...options });
  open.push(() => started.close());
  return started;
}

async function connect(target: CassanovaCluster, options: Partial<cassandra.ClientOptions> = {}): Promise<cassandra.Client> {
  const client = new cassandra.Client({ ...target.driverOptions(), ...options });
  await client.connect();
  open.push(() => client.shutdown());
  return client;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** INSERT v = 1, then UPDATE … SET v = 2 IF v = 1, then read: what the read sees. */
async function insertThenConditionalUpdate(client: cassandra.Client): Promise<{ applied: unknown; read: unknown }> {
  await client.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  await client.execute('CREATE TABLE ks.t (k int PRIMARY KEY, v int)');
  await client.execute('INSERT INTO ks.t (k, v) VALUES (1, 1)');
  const update = await client.execute('UPDATE ks.t SET v = 2 WHERE k = 1 IF v = 1');
  const read = await client.execute('SELECT v FROM ks.t WHERE k = 1');
  return { applied: update.rows[0]!['[applied]'], read: read.rows[0]!['v'] };
}

/** Turns the driver's client-side timestamps off: writes take the coordinator's (virtual) time. */
const serverTimestamps = { policies: { timestampGeneration: null as never } };

describe('a virtual clock starts at the real time', () => {
  it('by default, and at clockStart when given; it moves only when advanced', async () => {
    const before = Date.now();
    const virtual = await cluster({ clock: 'virtual' });
    expect(virtual.now().getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(virtual.now().getTime()).toBeLessThanOrEqual(Date.now());
    const start = new Date('2030-06-01T00:00:00Z');
    const fixed = await cluster({ clock: 'virtual', clockStart: start });
    await sleep(30);
    expect(fixed.now()).toEqual(start);
    fixed.advanceTime(1500);
    expect(fixed.now().getTime()).toBe(start.getTime() + 1500);
    const system = await cluster({});
    expect(() => system.advanceTime(10)).toThrow("advanceTime needs startCluster({ clock: 'virtual' }) or { clock: 'auto' }");
  });
});

describe('INSERT v = 1, UPDATE … IF v = 1, read', () => {
  it('reads 2 on the system clock with the driver\'s own timestamps', async () => {
    const client = await connect(await cluster({}));
    expect(await insertThenConditionalUpdate(client)).toEqual({ applied: true, read: 2 });
  });

  it('reads 2 on a virtual or auto clock when writes take the server\'s timestamps', async () => {
    for (const clock of ['virtual', 'auto'] as const) {
      const client = await connect(await cluster({ clock }), serverTimestamps);
      expect(await insertThenConditionalUpdate(client), clock).toEqual({ applied: true, read: 2 });
    }
  });

  it('reads 1 when the virtual clock is behind the client\'s timestamps, as Cassandra does with a skewed server clock', async () => {
    // The Paxos commit is stamped with the coordinator's clock (its ballot), the INSERT with the client's.
    const client = await connect(await cluster({ clock: 'virtual', clockStart: new Date('2025-01-01T00:00:00Z') }));
    expect(await insertThenConditionalUpdate(client)).toEqual({ applied: true, read: 1 });
  });
});

describe("clock 'auto'", () => {
  it('lets a write to a killed replica time out without advanceTime, and stands still when nothing waits', async () => {
    const auto = await cluster({ clock: 'auto', nodes: 3 });
    const client = await connect(auto, { socketOptions: { readTimeout: 0 } });
    await auto.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
    await auto.execute('CREATE TABLE ks.t (k int PRIMARY KEY, v int)');
    const idle = auto.now().getTime();
    await sleep(100);
    expect(auto.now().getTime()).toBe(idle);

    await auto.node(3).kill();
    const started = Date.now();
    const error = await client.execute('INSERT INTO ks.t (k, v) VALUES (1, 1)', [], {
      consistency: consistencies.all, host: client.hosts.get(auto.node(1).contactPoint)!,
    }).then(() => null, (e: unknown) => e as { code?: number; message: string });
    // Node 1 still believes node 3 alive (no conviction within write_request_timeout), so it waits 2 s of virtual time.
    expect(error?.code).toBe(cassandra.types.responseErrorCodes.writeTimeout);
    expect(auto.now().getTime() - idle).toBeGreaterThanOrEqual(2000);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('runs a bootstrap to its end without advanceTime', async () => {
    const auto = await cluster({ clock: 'auto', nodes: 2 });
    const node = await auto.addNode();
    expect(node.id).toBe(3);
    expect(auto.contactPoints).toContain(node.contactPoint);
  });
});
