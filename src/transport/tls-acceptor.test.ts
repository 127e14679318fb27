import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type CassanovaCluster } from '../main.js';

/** An OPTIONS request (v4, stream 1, no body): any node answers SUPPORTED. */
const OPTIONS = Buffer.from([0x04, 0x00, 0x00, 0x01, 0x05, 0x00, 0x00, 0x00, 0x00]);
const SUPPORTED_OPCODE = 0x06;

let cluster: CassanovaCluster | undefined;

afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
}

/** The opcode of the first response to OPTIONS on `socket`, once it is connected (TLS or not). */
function firstResponseOpcode(socket: Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('data', (chunk: Buffer) => resolve(chunk[4]!));
    socket.once('error', reject);
  });
}

function overTls(port: number, ca: string): Socket {
  const socket = tlsConnect({ host: '127.0.0.1', port, ca, rejectUnauthorized: true }, () => socket.write(OPTIONS));
  return socket;
}

describe('TLS connections on a node', () => {
  it('close() resets a client still in its handshake, so that it never waits on one', async () => {
    cluster = await startCluster({ port: 0, tls: 'self-signed' });
    const silent = netConnect({ host: '127.0.0.1', port: cluster.port });
    await new Promise((resolve) => silent.once('connect', resolve));
    const secure = overTls(cluster.port, cluster.tlsCa!);
    expect(await firstResponseOpcode(secure)).toBe(SUPPORTED_OPCODE);
    await cluster.close();
    cluster = undefined;
    await Promise.all([closed(silent), closed(secure)]);
  });

  it('a node stopped and started again serves TLS with the same certificate', async () => {
    cluster = await startCluster({ port: 0, tls: 'self-signed' });
    const before = overTls(cluster.port, cluster.tlsCa!);
    expect(await firstResponseOpcode(before)).toBe(SUPPORTED_OPCODE);
    await cluster.node(1).stop();
    await closed(before);
    await cluster.node(1).start();
    const after = overTls(cluster.port, cluster.tlsCa!);
    expect(await firstResponseOpcode(after)).toBe(SUPPORTED_OPCODE);
    after.destroy();
  });

  it('optional mode answers plain CQL sent in one byte at a time, and a client that leaves before its first byte', async () => {
    cluster = await startCluster({ port: 0, tls: { selfSigned: true, optional: true } });
    const leaving = netConnect({ host: '127.0.0.1', port: cluster.port });
    await new Promise((resolve) => leaving.once('connect', resolve));
    leaving.destroy();
    const plain = netConnect({ host: '127.0.0.1', port: cluster.port });
    await new Promise((resolve) => plain.once('connect', resolve));
    const answer = firstResponseOpcode(plain);
    for (const byte of OPTIONS) {
      plain.write(Buffer.from([byte]));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await answer).toBe(SUPPORTED_OPCODE);
    plain.destroy();
    const secure = overTls(cluster.port, cluster.tlsCa!);
    expect(await firstResponseOpcode(secure)).toBe(SUPPORTED_OPCODE);
    secure.destroy();
  });
});
