/**
 * driverOptions() gives the Node.js driver what it needs to reach every node: the driver dials each peer
 * it reads from system.peers on protocolOptions.port, so with `port: 0` the contact points alone would
 * leave nodes 2 and 3 dialled on 9042 and marked down.
 */
import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type CassanovaCluster } from '../../src/index.js';

let cluster: CassanovaCluster;
let client: cassandra.Client;

beforeAll(async () => {
  cluster = await startCluster({ port: 0, nodes: 3, gossipIntervalMs: 100 });
  client = new cassandra.Client({ ...cluster.driverOptions(), socketOptions: { readTimeout: 5000 } });
  await client.connect();
});
afterAll(async () => {
  await client.shutdown();
  await cluster.close();
});

describe('cluster.driverOptions()', () => {
  it('names every node, node 1\'s data center and the native port', () => {
    expect(cluster.driverOptions()).toEqual({
      contactPoints: cluster.nodes.map((n) => n.contactPoint),
      localDataCenter: 'datacenter1',
      protocolOptions: { port: cluster.port },
    });
    expect(cluster.nodes.map((n) => n.address)).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
  });

  it('lets the driver reach every node, each as a coordinator', async () => {
    const hosts = client.hosts.values();
    expect(hosts.map((h) => h.address).sort()).toEqual(cluster.nodes.map((n) => n.contactPoint));
    for (const node of cluster.nodes) {
      const host = client.hosts.get(node.contactPoint)!;
      const rs = await client.execute('SELECT host_id FROM system.local', [], { host });
      expect(rs.info.queriedHost).toBe(node.contactPoint);
      expect(String(rs.rows[0]!['host_id'])).toBe(node.hostId);
    }
    expect(hosts.every((h) => h.isUp())).toBe(true);
  });

  it('lets the driver see a node stop and come back', async () => {
    const host = client.hosts.get(cluster.node(3).contactPoint)!;
    const down = new Promise<void>((resolve) => client.once('hostDown', () => resolve()));
    await cluster.node(3).stop();
    await down;
    expect(host.isUp()).toBe(false);
    expect(cluster.node(3).status).toBe('down');
    const up = new Promise<void>((resolve) => client.once('hostUp', () => resolve()));
    await cluster.node(3).start();
    await up;
    expect(host.isUp()).toBe(true);
  });
});
