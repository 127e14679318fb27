/**
 * A deliberately small native-protocol client over node:net for tests that must send what no driver
 * sends (garbage, oversized or old-version headers, unknown opcodes). It speaks only the envelope layer
 * (spec section 2): 9-byte headers for v3+, the 8-byte v1/v2 header when a reply comes back in that form,
 * and uncompressed v5 segments (spec section 2.1, v5-segments.ts) once `startFraming()` is called after a
 * v5 READY.
 * Every wait is bounded so a misbehaving server fails the test instead of hanging it.
 */
import { connect, type Socket } from 'node:net';
import { readSegment } from './v5-segments.js';

export const Opcode = {
  ERROR: 0x00,
  STARTUP: 0x01,
  READY: 0x02,
  AUTHENTICATE: 0x03,
  OPTIONS: 0x05,
  SUPPORTED: 0x06,
  QUERY: 0x07,
  RESULT: 0x08,
  PREPARE: 0x09,
  EXECUTE: 0x0a,
  REGISTER: 0x0b,
  EVENT: 0x0c,
  BATCH: 0x0d,
} as const;

/** Every error code of spec section 9. */
export const ErrorCode = {
  SERVER_ERROR: 0x0000,
  PROTOCOL_ERROR: 0x000a,
  BAD_CREDENTIALS: 0x0100,
  UNAVAILABLE: 0x1000,
  OVERLOADED: 0x1001,
  IS_BOOTSTRAPPING: 0x1002,
  TRUNCATE_ERROR: 0x1003,
  WRITE_TIMEOUT: 0x1100,
  READ_TIMEOUT: 0x1200,
  READ_FAILURE: 0x1300,
  FUNCTION_FAILURE: 0x1400,
  WRITE_FAILURE: 0x1500,
  CDC_WRITE_FAILURE: 0x1600,
  CAS_WRITE_UNKNOWN: 0x1700,
  SYNTAX_ERROR: 0x2000,
  UNAUTHORIZED: 0x2100,
  INVALID: 0x2200,
  CONFIG_ERROR: 0x2300,
  ALREADY_EXISTS: 0x2400,
  UNPREPARED: 0x2500,
} as const;

export interface RawFrame {
  /** Version byte without the direction bit. */
  readonly version: number;
  readonly isResponse: boolean;
  readonly flags: number;
  readonly stream: number;
  readonly opcode: number;
  readonly body: Buffer;
}

export interface ErrorBody {
  readonly code: number;
  readonly message: string;
  /** The code-specific part after the message (e.g. the unknown id of UNPREPARED). */
  readonly details: Buffer;
}

const DEFAULT_WAIT_MS = 5_000;
const V3_HEADER_BYTES = 9;
const V2_HEADER_BYTES = 8;

/** Splits "host:port" (IPv4 or a bracketed/bare IPv6 host) into its parts. */
export function parseContactPoint(contactPoint: string): { host: string; port: number } {
  const colon = contactPoint.lastIndexOf(':');
  const host = contactPoint.slice(0, colon).replace(/^\[|\]$/g, '');
  return { host, port: Number(contactPoint.slice(colon + 1)) };
}

export class RawCqlConnection {
  private buffered = Buffer.alloc(0);
  private readonly frames: RawFrame[] = [];
  private readonly waiters: Array<() => void> = [];
  private ended = false;
  private closedByUs = false;
  /** Server bytes not yet unwrapped from v5 segments; null until `startFraming()`. */
  private segmentBytes: Buffer | null = null;
  /** Errors raised while writing (EPIPE after the server closed); kept for diagnostics, never thrown. */
  readonly writeErrors: Error[] = [];
  /** Malformed server framing (bad segment CRCs, a partial frame at close): a correct server has none. */
  readonly framingErrors: string[] = [];

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.writeErrors.push(error));
    socket.on('close', () => {
      // A server writes whole frames and segments: a partial one left when it closes is a malformed reply.
      const partial = this.segmentBytes?.length ? 'segment' : this.buffered.length > 0 ? 'frame' : null;
      if (!this.closedByUs && partial !== null) this.framingErrors.push(`closed by the server in the middle of a ${partial}`);
      this.ended = true;
      this.wake();
    });
  }

  /** Connects, from `localAddress` when given (another 127.0.0.0/8 address: another client as the server sees it). */
  static open(contactPoint: string, timeoutMs = DEFAULT_WAIT_MS, localAddress?: string): Promise<RawCqlConnection> {
    const { host, port } = parseContactPoint(contactPoint);
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port, ...(localAddress === undefined ? {} : { localAddress }) });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connect to ${contactPoint} timed out`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        resolve(new RawCqlConnection(socket));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  /** The server's bytes are v5 segments from now on: call it once the READY answering a v5 STARTUP is read. */
  startFraming(): void {
    this.segmentBytes = this.buffered;
    this.buffered = Buffer.alloc(0);
  }

  get isClosed(): boolean {
    return this.ended;
  }

  send(bytes: Buffer): void {
    if (!this.ended) this.socket.write(bytes);
  }

  /** Writes `byteCount` zero bytes in chunks, respecting back-pressure; stops early if the peer closes. */
  async sendZeros(byteCount: number, chunkBytes = 1 << 20): Promise<void> {
    const chunk = Buffer.alloc(chunkBytes);
    for (let left = byteCount; left > 0 && !this.ended; left -= chunkBytes) {
      const piece = left >= chunkBytes ? chunk : chunk.subarray(0, left);
      if (!this.socket.write(piece)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            this.socket.off('drain', done);
            this.socket.off('close', done);
            resolve();
          };
          this.socket.on('drain', done);
          this.socket.on('close', done);
        });
      }
    }
  }

  /** The next complete frame from the server; rejects if none arrives in time or the socket closes first. */
  async nextFrame(timeoutMs = DEFAULT_WAIT_MS): Promise<RawFrame> {
    await this.waitFor(() => this.frames.length > 0 || this.ended, timeoutMs, 'a frame');
    const frame = this.frames.shift();
    if (frame === undefined) throw new Error('connection closed before a frame arrived');
    return frame;
  }

  /** Resolves once the server has closed the connection. */
  async closedByPeer(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    await this.waitFor(() => this.ended, timeoutMs, 'the server to close the connection');
  }

  close(): void {
    this.closedByUs = true;
    this.ended = true;
    this.socket.destroy();
    this.wake();
  }

  private waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      const check = () => {
        if (!condition()) {
          this.waiters.push(check);
          return;
        }
        clearTimeout(timer);
        resolve();
      };
      check();
    });
  }

  private wake(): void {
    const pending = this.waiters.splice(0);
    for (const waiter of pending) waiter();
  }

  private onData(chunk: Buffer): void {
    if (this.segmentBytes === null) this.buffered = Buffer.concat([this.buffered, chunk]);
    else this.unwrapSegments(chunk);
    for (;;) {
      const frame = decodeFrame(this.buffered);
      if (frame === undefined) break;
      this.frames.push(frame.frame);
      this.buffered = this.buffered.subarray(frame.consumedBytes);
    }
    this.wake();
  }

  private unwrapSegments(chunk: Buffer): void {
    let bytes = Buffer.concat([this.segmentBytes ?? Buffer.alloc(0), chunk]);
    for (let segment = readSegment(bytes); segment !== undefined; segment = readSegment(bytes)) {
      this.framingErrors.push(...segment.problems);
      this.buffered = Buffer.concat([this.buffered, segment.payload]);
      bytes = bytes.subarray(segment.consumedBytes);
    }
    this.segmentBytes = Buffer.from(bytes);
  }
}

function decodeFrame(bytes: Buffer): { frame: RawFrame; consumedBytes: number } | undefined {
  if (bytes.length < 1) return undefined;
  const version = bytes.readUInt8(0) & 0x7f;
  const isResponse = (bytes.readUInt8(0) & 0x80) !== 0;
  const headerBytes = version <= 2 ? V2_HEADER_BYTES : V3_HEADER_BYTES;
  if (bytes.length < headerBytes) return undefined;
  const stream = version <= 2 ? bytes.readInt8(2) : bytes.readInt16BE(2);
  const opcode = bytes.readUInt8(headerBytes - 5);
  const length = bytes.readUInt32BE(headerBytes - 4);
  if (bytes.length < headerBytes + length) return undefined;
  const body = Buffer.from(bytes.subarray(headerBytes, headerBytes + length));
  const flags = bytes.readUInt8(1);
  return { frame: { version, isResponse, flags, stream, opcode, body }, consumedBytes: headerBytes + length };
}

/** A request envelope with a 9-byte (v3+) header. */
export function frame(opcode: number, stream: number, body: Buffer = Buffer.alloc(0), version = 4, flags = 0): Buffer {
  return Buffer.concat([header(opcode, stream, body.length, version, flags), body]);
}

/** Only the 9-byte header, announcing `length` body bytes. */
export function header(opcode: number, stream: number, length: number, version = 4, flags = 0): Buffer {
  const bytes = Buffer.alloc(V3_HEADER_BYTES);
  bytes.writeUInt8(version, 0);
  bytes.writeUInt8(flags, 1);
  bytes.writeInt16BE(stream, 2);
  bytes.writeUInt8(opcode, 4);
  bytes.writeUInt32BE(length, 5);
  return bytes;
}

/** A v1/v2 request envelope: 8-byte header with a one-byte stream id. */
export function frameV2(opcode: number, stream: number, body: Buffer): Buffer {
  const bytes = Buffer.alloc(V2_HEADER_BYTES);
  bytes.writeUInt8(2, 0);
  bytes.writeUInt8(0, 1);
  bytes.writeInt8(stream, 2);
  bytes.writeUInt8(opcode, 3);
  bytes.writeUInt32BE(body.length, 4);
  return Buffer.concat([bytes, body]);
}

function stringBytes(value: string): Buffer {
  const text = Buffer.from(value, 'utf8');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(text.length, 0);
  return Buffer.concat([length, text]);
}

/** STARTUP body: [string map] with CQL_VERSION, and the `extra` options (COMPRESSION, ...) if any. */
export function startupBody(extra: Readonly<Record<string, string>> = {}): Buffer {
  const options: [string, string][] = [['CQL_VERSION', '3.0.0'], ...Object.entries(extra)];
  const count = Buffer.alloc(2);
  count.writeUInt16BE(options.length, 0);
  return Buffer.concat([count, ...options.flatMap(([key, value]) => [stringBytes(key), stringBytes(value)])]);
}

/** v4 QUERY body without values: [long string] query, [consistency] ONE, [byte] flags 0. */
export function queryBody(query: string): Buffer {
  const text = Buffer.from(query, 'utf8');
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(text.length, 0);
  const tail = Buffer.from([0x00, 0x01, 0x00]);
  return Buffer.concat([prefix, text, tail]);
}

/** v4 EXECUTE body without values: [short bytes] id, [consistency] ONE, [byte] flags 0. */
export function executeBody(id: Buffer): Buffer {
  const length = Buffer.alloc(2);
  length.writeUInt16BE(id.length, 0);
  return Buffer.concat([length, id, Buffer.from([0x00, 0x01, 0x00])]);
}

/** v4 PREPARE body: [long string] query. */
export function prepareBody(query: string): Buffer {
  const text = Buffer.from(query, 'utf8');
  const length = Buffer.alloc(4);
  length.writeInt32BE(text.length, 0);
  return Buffer.concat([length, text]);
}

/** The statement id of a RESULT Prepared body ([int] kind 4, then [short bytes] id). */
export function preparedId(body: Buffer): Buffer {
  if (body.readInt32BE(0) !== 4) throw new Error(`not a Prepared result (kind ${body.readInt32BE(0)})`);
  return Buffer.from(body.subarray(6, 6 + body.readUInt16BE(4)));
}

export function parseError(body: Buffer): ErrorBody {
  const code = body.readInt32BE(0);
  const length = body.readUInt16BE(4);
  return { code, message: body.subarray(6, 6 + length).toString('utf8'), details: body.subarray(6 + length) };
}

/** Opens a connection and completes a v4 STARTUP; the caller closes it. */
export async function openReadyConnection(contactPoint: string): Promise<RawCqlConnection> {
  const connection = await RawCqlConnection.open(contactPoint);
  connection.send(frame(Opcode.STARTUP, 0, startupBody()));
  const reply = await connection.nextFrame();
  if (reply.opcode !== Opcode.READY) {
    connection.close();
    const detail = reply.opcode === Opcode.ERROR ? parseError(reply.body).message : `opcode ${reply.opcode}`;
    throw new Error(`STARTUP was not answered with READY: ${detail}`);
  }
  return connection;
}
