import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ByteWriter, SystemClock } from '../common/index.js';
import { SegmentDecoder, encodeSegments, protocolTesting } from '../protocol/index.js';
import type { QueryProcessor } from '../query/index.js';
import { ActivityLog, NativeRequestCounts, PrimeRegistry, type Node } from '../cluster/index.js';
import { ClientResourceLimits } from './client-resource-limits.js';
import { Connection } from './connection.js';
import { RequestHandler } from './request-handler.js';

const LIMITS = { maxFrameSizeBytes: 1 << 24, maxRequestsInFlight: 128, maxConcurrentRequestsInBytes: 1 << 30, maxConcurrentRequestsInBytesPerIp: 1 << 28 };

type DecodedResponse = protocolTesting.DecodedResponse;

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** The socket calls a Connection makes, recording what it writes. */
class FakeSocket extends EventEmitter {
  readonly remoteAddress = '127.0.0.1';
  readonly remotePort = 50123;
  private readonly written: Buffer[] = [];
  ended = false;
  destroyed = false;

  setNoDelay(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  write(data: Buffer): boolean {
    this.written.push(Buffer.from(data));
    return true;
  }
  end(data?: Buffer): this {
    if (data !== undefined) this.written.push(Buffer.from(data));
    this.ended = true;
    return this;
  }
  destroy(): this {
    this.destroyed = true;
    return this;
  }
  takeWritten(): Buffer {
    return Buffer.concat(this.written.splice(0));
  }
}

interface Connected {
  socket: FakeSocket;
  connection: Connection;
  receive: (bytes: Buffer) => Promise<void>;
}

/** A connection whose requests never reach a query processor: the handshake and OPTIONS only. */
function connect(): Connected {
  const socket = new FakeSocket();
  const cluster = {
    activity: new ActivityLog(new SystemClock(), 0),
    primes: new PrimeRegistry({ endpoints: () => undefined, userTypes: () => undefined }),
    config: { authenticator: 'AllowAllAuthenticator' },
  };
  const node = { identity: { id: 1 }, cluster, nativeRequests: new NativeRequestCounts() };
  const handler = new RequestHandler(node as unknown as Node, {} as QueryProcessor);
  const connection = new Connection(socket as unknown as Socket, handler, LIMITS, new ClientResourceLimits(LIMITS), () => {}, 1);
  const receive = async (bytes: Buffer): Promise<void> => {
    socket.emit('data', bytes);
    // Replies are handled in microtasks and written on the next turn of the event loop.
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  return { socket, connection, receive };
}

function envelopesIn(bytes: Buffer): DecodedResponse[] {
  const responses: DecodedResponse[] = [];
  for (let at = 0; at < bytes.length; at += 9 + bytes.readUInt32BE(at + 5)) responses.push(protocolTesting.decodeResponse(bytes.subarray(at)));
  return responses;
}

function framedEnvelopesIn(bytes: Buffer): DecodedResponse[] {
  const payloads = new SegmentDecoder('uncompressed').push(bytes).map((segment) => {
    if (segment.kind !== 'segment') throw new Error(segment.error.message);
    return segment.payload;
  });
  return envelopesIn(Buffer.concat(payloads));
}

const summary = (r: DecodedResponse): string =>
  `v${r.version} stream ${r.streamId} ${r.message.type === 'ERROR' ? `ERROR ${r.message.code.toString(16)} ${r.message.message}` : r.message.type}`;

const STARTUP_V4 = hex('04 00 0000 01 00000016 0001 000b 43514c5f56455253494f4e 0005 332e302e30');
const STARTUP_V5 = hex('05 00 0000 01 00000016 0001 000b 43514c5f56455253494f4e 0005 332e302e30');
const segment = (envelope: Buffer): Buffer => encodeSegments([envelope], 'uncompressed');

describe('Connection: inputs found by the protocol fuzz test', () => {
  it('refuses a second STARTUP instead of answering READY again, and keeps serving', async () => {
    const { socket, receive } = connect();
    await receive(STARTUP_V4);
    const again = Buffer.from(STARTUP_V4);
    again[3] = 5; // stream 5
    await receive(Buffer.concat([again, hex('04 00 0006 05 00000000')]));
    expect(envelopesIn(socket.takeWritten()).map(summary)).toEqual([
      'v4 stream 0 READY',
      'v4 stream 5 ERROR a Unexpected message STARTUP, the connection is already initialized',
      'v4 stream 6 SUPPORTED',
    ]);
  });

  it('keeps v5 framing as it is when a second STARTUP arrives in a segment', async () => {
    const { socket, receive } = connect();
    await receive(STARTUP_V5);
    expect(envelopesIn(socket.takeWritten()).map(summary)).toEqual(['v5 stream 0 READY']);
    await receive(Buffer.concat([segment(STARTUP_V5), segment(hex('05 00 0006 05 00000000'))]));
    expect(framedEnvelopesIn(socket.takeWritten()).map(summary)).toEqual([
      'v5 stream 0 ERROR a Unexpected message STARTUP, the connection is already initialized',
      'v5 stream 6 SUPPORTED',
    ]);
  });

  it('frames its answer to an unsupported version inside a v5 segment, then closes', async () => {
    const { socket, receive } = connect();
    await receive(STARTUP_V5);
    socket.takeWritten();
    // An OPTIONS claiming v1 on stream 0x5788, in a self-contained segment: it used to be answered
    // unframed, in the v1 layout, which the client cannot read.
    await receive(hex('090002a4c8c1 01005788050000000090965504'));
    expect(framedEnvelopesIn(socket.takeWritten()).map(summary)).toEqual([
      'v5 stream 22408 ERROR a Invalid or unsupported protocol version (1); supported versions are (3/v3, 4/v4, 5/v5, 6/v6-beta)',
    ]);
    expect(socket.ended).toBe(true);
  });

  it('says why, framed on stream 0, before closing on a corrupt segment', async () => {
    const { socket, receive } = connect();
    await receive(STARTUP_V5);
    socket.takeWritten();
    const corrupt = segment(hex('05 00 0006 05 00000000'));
    corrupt[corrupt.length - 1] = corrupt[corrupt.length - 1]! ^ 0x01;
    await receive(corrupt);
    const [reply] = framedEnvelopesIn(socket.takeWritten());
    expect(reply && summary(reply)).toMatch(/^v5 stream 0 ERROR a CRC mismatch on segment payload/);
    expect(socket.ended).toBe(true);
  });
});

/** A v4 envelope of `opcode` on `stream` with `body`. */
function envelope(opcode: number, stream: number, body: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(9);
  header.writeUInt8(4, 0);
  header.writeInt16BE(stream, 2);
  header.writeUInt8(opcode, 4);
  header.writeUInt32BE(body.length, 5);
  return Buffer.concat([header, body]);
}

function startup(options: Record<string, string>, stream = 0): Buffer {
  const body = new ByteWriter();
  body.writeStringMap(new Map(Object.entries(options)));
  return envelope(0x01, stream, body.toBuffer());
}

const OPTIONS = (stream: number): Buffer => envelope(0x05, stream);
const QUERY = (stream: number): Buffer => {
  const body = new ByteWriter();
  body.writeLongString('SELECT * FROM system.local');
  body.writeShort(1);
  body.writeByte(0);
  return envelope(0x07, stream, body.toBuffer());
};

describe('Connection: what system_views.clients shows of it', () => {
  it('becomes a client with its first STARTUP, which it counts with every request after it', async () => {
    const { connection, receive } = connect();
    await receive(OPTIONS(1));
    expect(connection.listed).toBe(false);
    expect(connection.requestCount).toBe(0);
    await receive(startup({ cql_version: '3.0.0', DRIVER_NAME: 'Some Driver', driver_version: '1.2' }, 2));
    expect(connection).toMatchObject({
      listed: true, requestCount: 1, stage: 'ready', protocolVersion: 4, address: '127.0.0.1', port: 50123, username: 'anonymous', ssl: null,
    });
    expect(Object.fromEntries(connection.clientOptions ?? [])).toEqual({ CQL_VERSION: '3.0.0', DRIVER_NAME: 'Some Driver', DRIVER_VERSION: '1.2' });
    await receive(Buffer.concat([OPTIONS(3), OPTIONS(4)]));
    expect(connection.requestCount).toBe(3);
    // Only requests the Native-Transport-Requests pool would run: those after STARTUP.
    expect(connection).toMatchObject({ completedRequests: 2, requestsInFlight: 0 });
  });

  it('stays established after a refused STARTUP, counting it but not what the stage refuses', async () => {
    const { socket, connection, receive } = connect();
    await receive(startup({ CQL_VERSION: '2.0.0' }, 1));
    expect(connection).toMatchObject({ listed: true, requestCount: 1, stage: 'established', clientOptions: null });
    await receive(QUERY(2));
    expect(connection.requestCount).toBe(1);
    expect(envelopesIn(socket.takeWritten()).map(summary)).toEqual([
      'v4 stream 1 ERROR a CQL version 2.0.0 is not supported by the binary protocol (supported version are >= 3.0.0)',
      'v4 stream 2 ERROR a Unexpected message QUERY, expecting STARTUP or OPTIONS',
    ]);
  });

  it('does not count a second STARTUP, which the ready stage refuses', async () => {
    const { connection, receive } = connect();
    await receive(startup({ CQL_VERSION: '3.0.0' }));
    await receive(startup({ CQL_VERSION: '3.0.0' }, 1));
    expect(connection.requestCount).toBe(1);
  });
});

describe('Connection: protocol v6 (beta), served as Cassandra 4.1 serves it', () => {
  const STARTUP_V6 = hex('06 10 0000 01 00000016 0001 000b 43514c5f56455253494f4e 0005 332e302e30');
  const flagsOf = (bytes: Buffer): number[] => envelopesIn(bytes).map((r) => r.flags);

  it('answers v6 with USE_BETA set on every envelope, and frames after READY as v5 does', async () => {
    const { socket, receive } = connect();
    await receive(hex('06 10 0001 05 00000000'));
    const supported = socket.takeWritten();
    expect(envelopesIn(supported).map(summary)).toEqual(['v6 stream 1 SUPPORTED']);
    expect(flagsOf(supported)).toEqual([0x10]);
    const [reply] = envelopesIn(supported);
    expect(reply?.message.type === 'SUPPORTED' && reply.message.options.get('PROTOCOL_VERSIONS')).toEqual(['3/v3', '4/v4', '5/v5', '6/v6-beta']);
    await receive(STARTUP_V6);
    expect(envelopesIn(socket.takeWritten()).map(summary)).toEqual(['v6 stream 0 READY']);
    await receive(segment(hex('06 10 0007 05 00000000')));
    const framed = framedEnvelopesIn(socket.takeWritten());
    expect(framed.map(summary)).toEqual(['v6 stream 7 SUPPORTED']);
    expect(framed.map((r) => r.flags)).toEqual([0x10]);
  });

  it('refuses v6 without USE_BETA before STARTUP: a v6 error on stream 0, then closes', async () => {
    const { socket, receive } = connect();
    await receive(hex('06 00 0004 05 00000000'));
    const written = socket.takeWritten();
    expect(envelopesIn(written).map(summary)).toEqual([
      'v6 stream 0 ERROR a Beta version of the protocol used (6/v6-beta), but USE_BETA flag is unset',
    ]);
    expect(flagsOf(written)).toEqual([0x10]);
    expect(socket.ended).toBe(true);
  });

  it('answers a framed v6 envelope without USE_BETA on its stream and goes on serving', async () => {
    const { socket, receive } = connect();
    await receive(STARTUP_V6);
    socket.takeWritten();
    await receive(Buffer.concat([segment(hex('06 00 0008 05 00000000')), segment(hex('06 10 0009 05 00000000'))]));
    expect(framedEnvelopesIn(socket.takeWritten()).map(summary)).toEqual([
      'v6 stream 8 ERROR a Beta version of the protocol used (6/v6-beta), but USE_BETA flag is unset',
      'v6 stream 9 SUPPORTED',
    ]);
    expect(socket.ended).toBe(false);
  });
});
