/**
 * The native transport under abuse, with raw sockets on loopback: garbage bytes, old protocol versions,
 * unknown opcodes, oversized frames, byte-by-byte delivery and deep pipelining. After each, a driver
 * client on its own connection must still be served. Expected behaviour is Apache Cassandra 4.1's
 * pre-v5 transport (Envelope.Decoder, PreV5Handlers, ProtocolVersion).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useNodeTarget } from '../support/node-client.js';
import {
  ErrorCode,
  frame,
  frameV2,
  header,
  Opcode,
  openReadyConnection,
  parseError,
  queryBody,
  RawCqlConnection,
  startupBody,
} from '../support/raw-cql-connection.js';

const target = useNodeTarget('protocol');

const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const opened: RawCqlConnection[] = [];

async function open(ready = true): Promise<RawCqlConnection> {
  const contactPoint = target.contactPoints[0]!;
  const connection = ready ? await openReadyConnection(contactPoint) : await RawCqlConnection.open(contactPoint);
  opened.push(connection);
  return connection;
}

afterEach(() => {
  for (const connection of opened.splice(0)) connection.close();
});

/** The driver's own connection keeps working. */
async function expectDriverStillServed(): Promise<void> {
  const result = await target.client.execute('SELECT k FROM robust WHERE k = 1');
  expect(result.rows.map((r) => r['k'])).toEqual([1]);
}

beforeAll(async () => {
  await target.client.execute('CREATE TABLE robust (k int PRIMARY KEY, v int)');
  await target.client.execute('INSERT INTO robust (k, v) VALUES (1, 1)');
});

describe('protocol version negotiation', () => {
  it('answers a v2 STARTUP with a protocol error naming the version, then closes', async () => {
    const connection = await open(false);
    connection.send(frameV2(Opcode.STARTUP, 0, startupBody()));
    const reply = await connection.nextFrame();
    expect(reply.isResponse).toBe(true);
    expect(reply.opcode).toBe(Opcode.ERROR);
    const error = parseError(reply.body);
    expect(error.code).toBe(ErrorCode.PROTOCOL_ERROR);
    expect(error.message).toContain('Invalid or unsupported protocol version (2)');
    await connection.closedByPeer();
    await expectDriverStillServed();
  });

  it('answers garbage bytes with a protocol error and closes only that connection', async () => {
    const bystander = await open();
    const connection = await open(false);
    connection.send(Buffer.from('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n', 'latin1'));
    const reply = await connection.nextFrame();
    expect(reply.opcode).toBe(Opcode.ERROR);
    const error = parseError(reply.body);
    expect(error.code).toBe(ErrorCode.PROTOCOL_ERROR);
    expect(error.message).toContain('Invalid or unsupported protocol version (71)');
    await connection.closedByPeer();

    bystander.send(frame(Opcode.OPTIONS, 3));
    const supported = await bystander.nextFrame();
    expect([supported.opcode, supported.stream]).toEqual([Opcode.SUPPORTED, 3]);
    await expectDriverStillServed();
  });

  it('closes a ready connection that suddenly sends an unknown version byte', async () => {
    const connection = await open();
    connection.send(Buffer.from([0x7f, 0x00, 0x00, 0x01, 0x05, 0x00, 0x00, 0x00, 0x00]));
    const reply = await connection.nextFrame();
    expect(reply.opcode).toBe(Opcode.ERROR);
    expect(parseError(reply.body).code).toBe(ErrorCode.PROTOCOL_ERROR);
    await connection.closedByPeer();
    await expectDriverStillServed();
  });
});

describe('malformed frames', () => {
  it('answers an unknown opcode with a protocol error on the same stream', async () => {
    const connection = await open();
    connection.send(frame(0x42, 17));
    const reply = await connection.nextFrame();
    expect([reply.opcode, reply.stream]).toEqual([Opcode.ERROR, 17]);
    const error = parseError(reply.body);
    expect(error.code).toBe(ErrorCode.PROTOCOL_ERROR);
    expect(error.message).toContain('Unknown opcode 66');
    await expectDriverStillServed();
  });

  it('refuses a frame over the 16 MiB limit after discarding it, and keeps serving that connection', async () => {
    const bodyBytes = MAX_FRAME_BYTES + 1;
    const connection = await open();
    connection.send(header(Opcode.QUERY, 9, bodyBytes));
    await connection.sendZeros(bodyBytes);
    const reply = await connection.nextFrame(15_000);
    expect([reply.opcode, reply.stream]).toEqual([Opcode.ERROR, 9]);
    const error = parseError(reply.body);
    expect(error.code).toBe(ErrorCode.INVALID);
    expect(error.message).toBe(
      `Request is too big: length ${bodyBytes + 9} exceeds maximum allowed length ${MAX_FRAME_BYTES}.`,
    );
    connection.send(frame(Opcode.OPTIONS, 10));
    const supported = await connection.nextFrame();
    expect([supported.opcode, supported.stream]).toEqual([Opcode.SUPPORTED, 10]);
    await expectDriverStillServed();
  });

  it('assembles a request delivered one byte at a time', async () => {
    const connection = await open(false);
    for (const byte of frame(Opcode.STARTUP, 1, startupBody())) connection.send(Buffer.from([byte]));
    const ready = await connection.nextFrame();
    expect([ready.opcode, ready.stream]).toEqual([Opcode.READY, 1]);
    for (const byte of frame(Opcode.QUERY, 2, queryBody(`SELECT v FROM ${target.keyspace}.robust WHERE k = 1`))) {
      connection.send(Buffer.from([byte]));
    }
    const result = await connection.nextFrame();
    expect([result.opcode, result.stream]).toEqual([Opcode.RESULT, 2]);
  });
});

describe('many requests in flight', () => {
  it('answers 2000 pipelined OPTIONS on one connection, each on its own stream', async () => {
    const connection = await open();
    const requests = Array.from({ length: 2000 }, (_, i) => frame(Opcode.OPTIONS, i + 1));
    connection.send(Buffer.concat(requests));
    const streams = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const reply = await connection.nextFrame();
      expect(reply.opcode).toBe(Opcode.SUPPORTED);
      streams.add(reply.stream);
    }
    expect(streams.size).toBe(2000);
    expect(Math.min(...streams)).toBe(1);
    expect(Math.max(...streams)).toBe(2000);
  });

  it('answers 2000 concurrent driver queries on a single connection correctly', async () => {
    await target.client.execute('CREATE TABLE fanout (k int PRIMARY KEY, v int)');
    const keys = Array.from({ length: 2000 }, (_, i) => i);
    await Promise.all(
      keys.map((k) => target.client.execute('INSERT INTO fanout (k, v) VALUES (?, ?)', [k, k * 3], { prepare: true })),
    );
    const results = await Promise.all(
      keys.map((k) => target.client.execute('SELECT k, v FROM fanout WHERE k = ?', [k], { prepare: true })),
    );
    results.forEach((result, k) => expect([result.first()?.['k'], result.first()?.['v']]).toEqual([k, k * 3]));
    const host = target.client.hosts.values()[0]!;
    expect(target.client.getState().getOpenConnections(host)).toBe(1);
  });
});
