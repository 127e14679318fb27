/**
 * What clients are told of topology changes: the EVENT frames on a raw connection that REGISTERed
 * (TOPOLOGY_CHANGE NEW_NODE then STATUS_CHANGE UP with the node's native address and port; REMOVED_NODE),
 * and how the Node.js driver follows them (hostAdd, hostUp, hostDown, hostRemove, getState()).
 */
import cassandra from 'cassandra-driver';
import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type CassanovaCluster } from '../../src/index.js';
import {
  frame, openReadyConnection, parseContactPoint, type RawCqlConnection,
} from '../conformance/support/raw-cql-connection.js';
import { closeAll, harness, SEED, whileAdvancing } from './topology-support.js';

const REGISTER = 0x0b;
const EVENT = 0x0c;

let extra: { cluster?: CassanovaCluster; client?: cassandra.Client; raw?: RawCqlConnection } = {};

afterEach(async () => {
  extra.raw?.close();
  await extra.client?.shutdown();
  await extra.cluster?.close();
  extra = {};
  await closeAll();
});

function stringList(values: readonly string[]): Buffer {
  const count = Buffer.alloc(2);
  count.writeUInt16BE(values.length);
  return Buffer.concat([count, ...values.map((v) => {
    const bytes = Buffer.from(v, 'utf8');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(bytes.length);
    return Buffer.concat([length, bytes]);
  })]);
}

/** An EVENT body (spec §4.2.6) of a topology or status change: type, change, [inet] address:port. */
function parseEvent(body: Buffer): string {
  let offset = 0;
  const str = (): string => {
    const length = body.readUInt16BE(offset);
    const text = body.subarray(offset + 2, offset + 2 + length).toString('utf8');
    offset += 2 + length;
    return text;
  };
  const type = str();
  const change = str();
  const size = body.readUInt8(offset);
  const address = [...body.subarray(offset + 1, offset + 1 + size)].join('.');
  const port = body.readInt32BE(offset + 1 + size);
  return `${type} ${change} ${address}:${port}`;
}

async function registeredConnection(contactPoint: string): Promise<RawCqlConnection> {
  const raw = await openReadyConnection(contactPoint);
  raw.send(frame(REGISTER, 1, stringList(['TOPOLOGY_CHANGE', 'STATUS_CHANGE'])));
  const ready = await raw.nextFrame();
  expect(ready.opcode).toBe(0x02);
  return raw;
}

async function nextEvent(raw: RawCqlConnection): Promise<string> {
  const f = await raw.nextFrame();
  expect(f.opcode).toBe(EVENT);
  expect(f.stream).toBe(-1);
  return parseEvent(f.body);
}

describe(`events of topology changes (seed ${SEED})`, () => {
  it('pushes NEW_NODE then UP with the new node\'s native address and port, and REMOVED_NODE', async () => {
    const h = await harness({ nodes: 3 });
    const raw = await registeredConnection(h.cluster.contactPoints[1]!);
    extra.raw = raw;
    const node = await whileAdvancing(h, h.cluster.addNode());
    const inet = node.contactPoint;
    expect(await nextEvent(raw)).toBe(`TOPOLOGY_CHANGE NEW_NODE ${inet}`);
    expect(await nextEvent(raw)).toBe(`STATUS_CHANGE UP ${inet}`);
    await h.cluster.decommission(4);
    expect(await nextEvent(raw)).toBe(`TOPOLOGY_CHANGE REMOVED_NODE ${inet}`);
    const { host, port } = parseContactPoint(inet);
    await expect(openReadyConnection(`${host}:${port}`)).rejects.toThrow();
  });

  it('uses the next port in \'ports\' addressing', async () => {
    // The Node.js driver reaches every peer on its contact point's port: only a raw connection here.
    const h = { cluster: await startCluster({ port: 0, nodes: 2, seed: SEED, clock: 'virtual', addressing: 'ports' }) };
    extra.cluster = h.cluster;
    // Below the OS's ephemeral ports, which outgoing connections (like the one below) take.
    expect(h.cluster.port).toBeGreaterThanOrEqual(20_000);
    expect(h.cluster.port + 2).toBeLessThan(32_768);
    const raw = await registeredConnection(h.cluster.contactPoints[0]!);
    extra.raw = raw;
    const node = await whileAdvancing(h, h.cluster.addNode());
    expect(node.address).toBe('127.0.0.1');
    expect(node.nativePort).toBe(h.cluster.port + 2);
    expect(await nextEvent(raw)).toBe(`TOPOLOGY_CHANGE NEW_NODE 127.0.0.1:${h.cluster.port + 2}`);
  });
});

/** Resolves once `condition` holds (real time: the driver reacts to events after its own 1 s delays). */
async function eventually(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe(`the Node.js driver follows topology changes (seed ${SEED})`, () => {
  it('emits hostAdd, hostDown, hostUp and hostRemove, and its state follows', { timeout: 60_000 }, async () => {
    const cluster = await startCluster({ port: 0, nodes: 3, seed: SEED, gossipIntervalMs: 100 });
    extra.cluster = cluster;
    const client = new cassandra.Client({
      contactPoints: [cluster.contactPoints[0]!], localDataCenter: cluster.localDataCenter, protocolOptions: { port: cluster.port },
    });
    extra.client = client;
    const seen: string[] = [];
    for (const event of ['hostAdd', 'hostRemove', 'hostUp', 'hostDown'] as const) {
      client.on(event, (host: cassandra.Host) => seen.push(`${event} ${host.address}`));
    }
    await client.connect();
    const address = `127.0.0.4:${cluster.port}`;
    const connected = (): string[] => client.getState().getConnectedHosts().map((host) => host.address);

    await cluster.addNode();
    // The driver adds a host it learns of as DOWN, then probes it and marks it UP once connected.
    await eventually(() => seen.includes(`hostAdd ${address}`), 'hostAdd');
    await eventually(() => seen.includes(`hostUp ${address}`) && connected().includes(address), 'a pool to the new node');
    const rs = await client.execute('SELECT peer FROM system.peers');
    expect(rs.rows).toHaveLength(3);

    seen.length = 0;
    await cluster.node(4).stop();
    await eventually(() => seen.includes(`hostDown ${address}`), 'hostDown');
    expect(client.hosts.get(address)?.isUp()).toBe(false);
    seen.length = 0;
    await cluster.node(4).start();
    await eventually(() => seen.includes(`hostUp ${address}`), 'hostUp');
    expect(client.hosts.get(address)?.isUp()).toBe(true);

    seen.length = 0;
    await cluster.decommission(4);
    await eventually(() => seen.includes(`hostRemove ${address}`), 'hostRemove');
    expect(client.hosts.get(address)).toBeUndefined();
    expect(connected()).not.toContain(address);
    expect(client.hosts.length).toBe(3);
  });
});
