/**
 * reset(), truncateAll(), snapshot() and restore() through the public API alone (execute, node handles,
 * the network), on every clock: none of them waits on a timer, so under 'virtual' they resolve without
 * advanceTime, and under 'auto' time does not move meanwhile.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type CassanovaCluster, type ClockMode } from '../../src/index.js';

const open: CassanovaCluster[] = [];
afterEach(async () => {
  for (const cluster of open.splice(0)) await cluster.close();
});

async function threeNodes(clock: ClockMode): Promise<CassanovaCluster> {
  const cluster = await startCluster({ port: 0, nodes: 3, clock });
  open.push(cluster);
  await cluster.execute("CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
  await cluster.execute('CREATE TABLE app.t (k int PRIMARY KEY, v text)');
  return cluster;
}

const all = { consistency: 'ALL' } as const;
const rowsOf = async (cluster: CassanovaCluster): Promise<readonly unknown[]> => (await cluster.execute('SELECT k, v FROM app.t', [], all)).rows;

describe.each(['system', 'virtual', 'auto'] as const)('test controls on the %s clock', (clock) => {
  it('reset: stopped and paused nodes back and seen up by the others, the keyspace gone, time unmoved under a virtual clock', async () => {
    const cluster = await threeNodes(clock);
    await cluster.node(2).stop();
    await cluster.node(3).pause();
    cluster.network.partition([1], [2, 3]);
    const before = cluster.now().getTime();
    await cluster.reset();
    if (clock !== 'system') expect(cluster.now().getTime()).toBe(before);
    expect(cluster.nodes.map((n) => n.status)).toEqual(['up', 'up', 'up']);
    for (const a of cluster.nodes) for (const b of cluster.nodes) expect(a.isAlive(b.id)).toBe(true);
    await expect(cluster.execute('SELECT * FROM app.t')).rejects.toThrow('keyspace app does not exist');
    // Every node up and seen up: a write at ALL goes through at once.
    await cluster.execute("CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
    await cluster.execute('CREATE TABLE app.t (k int PRIMARY KEY, v text)');
    await cluster.execute("INSERT INTO app.t (k, v) VALUES (1, 'x')", [], all);
    expect(await rowsOf(cluster)).toEqual([{ k: 1, v: 'x' }]);
  });

  it('truncateAll and snapshot/restore: rows gone and back, a node down at the snapshot down again', async () => {
    const cluster = await threeNodes(clock);
    await cluster.execute("INSERT INTO app.t (k, v) VALUES (1, 'seed')", [], all);
    const seeded = await cluster.snapshot('seeded');
    await cluster.truncateAll();
    expect(await rowsOf(cluster)).toEqual([]);
    await cluster.restore('seeded');
    expect(await rowsOf(cluster)).toEqual([{ k: 1, v: 'seed' }]);

    await cluster.node(3).stop();
    const oneDown = await cluster.snapshot();
    await cluster.node(3).start();
    await cluster.restore(seeded);
    expect(cluster.nodes.map((n) => n.status)).toEqual(['up', 'up', 'up']);
    await cluster.restore(oneDown);
    expect(cluster.nodes.map((n) => n.status)).toEqual(['up', 'up', 'down']);
    expect(cluster.snapshots().map((s) => s.name)).toEqual(['seeded']);
    cluster.deleteSnapshot('seeded');
    expect(() => cluster.deleteSnapshot('seeded')).toThrow('No snapshot named seeded');
  });
});
