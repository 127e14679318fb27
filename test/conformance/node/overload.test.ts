/**
 * The in-flight request limits of a node (native_transport_max_concurrent_requests_in_bytes and ..._per_ip),
 * on raw connections. Requests primed with no answer stay in flight until their connection closes, which
 * releases their bytes. A client whose STARTUP asked THROW_ON_OVERLOAD=1 gets Overloaded (0x1001) past a
 * limit; any other has every request answered, its later ones only once bytes are released (backpressure).
 */
import { afterEach, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { startCluster, type CassanovaCluster, type StartClusterOptions } from '../../../src/index.js';
import {
  ErrorCode, Opcode, RawCqlConnection, frame, parseError, queryBody, startupBody,
} from '../support/raw-cql-connection.js';
import { isExternalTarget } from '../support/node-client.js';
import { segment } from '../support/v5-segments.js';

const HELD = "SELECT * FROM system.local WHERE key = 'held'";
const QUICK = 'SELECT release_version FROM system.local';
const heldFrame = (stream: number): Buffer => frame(Opcode.QUERY, stream, queryBody(HELD));
const quickFrame = (stream: number): Buffer => frame(Opcode.QUERY, stream, queryBody(QUICK));
/** Two held requests fill the limit exactly: any further byte exceeds it. */
const LIMIT = 2 * heldFrame(0).length;
const PLENTY = 1 << 20;

let cluster: CassanovaCluster | null = null;
const connections: RawCqlConnection[] = [];

afterEach(async () => {
  for (const c of connections.splice(0)) c.close();
  await cluster?.close();
  cluster = null;
});

async function start(options: StartClusterOptions): Promise<CassanovaCluster> {
  cluster = await startCluster({ address: '127.0.0.1', port: 0, ...options });
  cluster.prime({ when: { query: HELD }, then: { noAnswer: true } });
  return cluster;
}

async function open(throwOnOverload: boolean, localAddress?: string): Promise<RawCqlConnection> {
  const connection = await RawCqlConnection.open(cluster!.contactPoints[0]!, undefined, localAddress);
  connections.push(connection);
  connection.send(frame(Opcode.STARTUP, 0, startupBody(throwOnOverload ? { THROW_ON_OVERLOAD: '1' } : {})));
  expect((await connection.nextFrame()).opcode).toBe(Opcode.READY);
  return connection;
}

/** Fills the limit with two requests that stay in flight until `holder` closes. */
async function fill(holder: RawCqlConnection): Promise<void> {
  holder.send(Buffer.concat([heldFrame(1), heldFrame(2)]));
  // A request after them on the same connection, answered only once both are in flight.
  holder.send(frame(Opcode.OPTIONS, 3));
  expect((await holder.nextFrame()).opcode).toBe(Opcode.SUPPORTED);
}

/** Sends QUICK until it is answered with a result (bytes take a moment to be released after a close). */
async function untilServed(connection: RawCqlConnection, stream: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    connection.send(quickFrame(stream));
    const reply = await connection.nextFrame();
    if (reply.opcode === Opcode.RESULT) return;
    expect(parseError(reply.body).code).toBe(ErrorCode.OVERLOADED);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('never served');
}

describe.skipIf(isExternalTarget)('native_transport_max_concurrent_requests_in_bytes', () => {
  it('answers Overloaded (0x1001) to a THROW_ON_OVERLOAD client past the limit, and serves it once bytes are released', async () => {
    await start({ nativeTransportMaxConcurrentRequestsInBytes: LIMIT, nativeTransportMaxConcurrentRequestsInBytesPerIp: PLENTY });
    const holder = await open(false);
    const client = await open(true);
    await fill(holder);
    client.send(quickFrame(7));
    const reply = await client.nextFrame();
    expect(reply.opcode).toBe(Opcode.ERROR);
    expect(reply.stream).toBe(7);
    expect(parseError(reply.body)).toMatchObject({
      code: ErrorCode.OVERLOADED, message: 'Server is in overloaded state. Cannot accept more requests at this point',
    });
    holder.close();
    await untilServed(client, 8);
  });

  it('answers Overloaded on a v5 connection too, the error framed like any response', async () => {
    await start({ nativeTransportMaxConcurrentRequestsInBytes: LIMIT, nativeTransportMaxConcurrentRequestsInBytesPerIp: PLENTY });
    const holder = await open(false);
    const client = await RawCqlConnection.open(cluster!.contactPoints[0]!);
    connections.push(client);
    client.send(frame(Opcode.STARTUP, 0, startupBody({ THROW_ON_OVERLOAD: '1' }), 5));
    expect((await client.nextFrame()).opcode).toBe(Opcode.READY);
    client.startFraming();
    // v5 query flags are an [int]: queryBody's one flags byte becomes four.
    const quickBodyV5 = Buffer.concat([queryBody(QUICK).subarray(0, -1), Buffer.alloc(4)]);
    await fill(holder);
    client.send(segment(frame(Opcode.QUERY, 4, quickBodyV5, 5)));
    const reply = await client.nextFrame();
    expect([reply.version, reply.stream, parseError(reply.body).code]).toEqual([5, 4, ErrorCode.OVERLOADED]);
    holder.close();
    for (let attempt = 0; ; attempt++) {
      client.send(segment(frame(Opcode.QUERY, 5, quickBodyV5, 5)));
      if ((await client.nextFrame()).opcode === Opcode.RESULT) break;
      expect(attempt).toBeLessThan(100);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(client.framingErrors).toEqual([]);
  });

  it('answers every request of a client without THROW_ON_OVERLOAD: the later ones once bytes are released', async () => {
    await start({ nativeTransportMaxConcurrentRequestsInBytes: LIMIT, nativeTransportMaxConcurrentRequestsInBytesPerIp: PLENTY });
    const holder = await open(false);
    const client = await open(false);
    await fill(holder);
    client.send(Buffer.concat([quickFrame(1), quickFrame(2), quickFrame(3)]));
    // The first is served past the limit; reading stops there.
    expect((await client.nextFrame()).opcode).toBe(Opcode.RESULT);
    await expect(client.nextFrame(200)).rejects.toThrow(/timed out/);
    holder.close();
    const rest = [await client.nextFrame(), await client.nextFrame()];
    expect(rest.map((r) => [r.opcode, r.stream])).toEqual([[Opcode.RESULT, 2], [Opcode.RESULT, 3]]);
  });

  it('limits each client address on its own (..._per_ip): other addresses keep being served', async () => {
    await start({ nativeTransportMaxConcurrentRequestsInBytes: PLENTY, nativeTransportMaxConcurrentRequestsInBytesPerIp: LIMIT });
    const holder = await open(false, '127.0.0.1');
    const sameAddress = await open(true, '127.0.0.1');
    const otherAddress = await open(true, '127.0.0.2');
    await fill(holder);
    sameAddress.send(quickFrame(1));
    expect(parseError((await sameAddress.nextFrame()).body).code).toBe(ErrorCode.OVERLOADED);
    otherAddress.send(quickFrame(1));
    expect((await otherAddress.nextFrame()).opcode).toBe(Opcode.RESULT);
    holder.close();
    await untilServed(sameAddress, 2);
  });

  it('answers every request of cassandra-driver (no THROW_ON_OVERLOAD) under backpressure, none with an error', async () => {
    await start({ nativeTransportMaxConcurrentRequestsInBytes: 2048, nativeTransportMaxConcurrentRequestsInBytesPerIp: 2048 });
    cluster!.prime({ when: { query: /'slow'/ }, then: { delayMs: 20 } });
    const client = new cassandra.Client(cluster!.driverOptions());
    try {
      // 200 requests of some 60 bytes each: six times the limit in flight at once.
      const results = await Promise.all(Array.from({ length: 200 }, () => client.execute("SELECT * FROM system.local WHERE key = 'slow'")));
      expect(results).toHaveLength(200);
    } finally {
      await client.shutdown();
    }
  });

  it('refuses a limit that is not a whole number of bytes', async () => {
    await expect(startCluster({ address: '127.0.0.1', port: 0, nativeTransportMaxConcurrentRequestsInBytes: 0 })).rejects.toThrow(TypeError);
  });
});
