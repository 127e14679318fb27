import { isUtf8 } from 'node:buffer';
import { ConsistencyLevel, ProtocolError } from '../errors/index.js';

/** The `not set` marker of a bound [value] (length −2, protocol v4+): leaves the existing value untouched. */
export const UNSET: unique symbol = Symbol('unset');
export type Unset = typeof UNSET;

/** A bound [value]: bytes, null (length −1) or UNSET (length −2). */
export type BoundValue = Buffer | null | Unset;

/** An [inet]: address bytes (4 for IPv4, 16 for IPv6) and a port. */
export interface InetSocketAddress {
  readonly address: Buffer;
  readonly port: number;
}

const MAX_CONSISTENCY_CODE = ConsistencyLevel.LOCAL_ONE;

/**
 * Reads the native protocol's notations (spec §3) from one buffer. Every read checks its bounds first so
 * a truncated body becomes a ProtocolError, never a RangeError. Byte results are views into the
 * buffer, not copies.
 */
export class ByteReader {
  private offset: number;

  constructor(
    private readonly buffer: Buffer,
    start = 0,
    private readonly end = buffer.length,
  ) {
    this.offset = start;
  }

  get position(): number {
    return this.offset;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  private need(byteCount: number, what: string): number {
    const at = this.offset;
    if (byteCount > this.end - at) throw new ProtocolError(`Not enough bytes to read ${what}`);
    this.offset = at + byteCount;
    return at;
  }

  /** [byte]: unsigned. */
  readByte(): number {
    return this.buffer[this.need(1, 'a byte')]!;
  }

  /** [short]: unsigned 16 bits. */
  readShort(): number {
    return this.buffer.readUInt16BE(this.need(2, 'a short'));
  }

  /** A signed 16-bit integer (stream ids). */
  readSignedShort(): number {
    return this.buffer.readInt16BE(this.need(2, 'a short'));
  }

  /** [int]: signed 32 bits. */
  readInt(): number {
    return this.buffer.readInt32BE(this.need(4, 'an int'));
  }

  /** An unsigned 32-bit integer (v5 flags). */
  readUnsignedInt(): number {
    return this.buffer.readUInt32BE(this.need(4, 'an int'));
  }

  /** [long]: signed 64 bits. */
  readLong(): bigint {
    return this.buffer.readBigInt64BE(this.need(8, 'a long'));
  }

  /** n raw bytes, as a view. */
  readRaw(byteCount: number, what = `${byteCount} bytes`): Buffer {
    const at = this.need(byteCount, what);
    return this.buffer.subarray(at, at + byteCount);
  }

  /** [string]: [short] length then UTF-8. */
  readString(): string {
    const length = this.readShort();
    return this.utf8(this.need(length, 'an UTF8 serialized string preceded by its 2 bytes length'), length);
  }

  /** [long string]: [int] length then UTF-8. */
  readLongString(): string {
    const length = this.readInt();
    if (length < 0) throw new ProtocolError(`Invalid length ${length} for a long string`);
    return this.utf8(this.need(length, 'an UTF8 serialized string preceded by its 4 bytes length'), length);
  }

  /**
   * Bytes that are not UTF-8 are a protocol error, as in Cassandra's CBUtil: decoding them with U+FFFD
   * would hand on a statement, keyspace or option the client never sent.
   */
  private utf8(at: number, length: number): string {
    const bytes = this.buffer.subarray(at, at + length);
    if (!isUtf8(bytes)) throw new ProtocolError(`Cannot decode string as UTF8: '${bytes.toString('hex')}'`);
    return bytes.toString('utf8');
  }

  /** [uuid]: 16 bytes. */
  readUuid(): Buffer {
    return this.readRaw(16, 'a UUID');
  }

  /** [string list]. */
  readStringList(): string[] {
    const count = this.readShort();
    const list = new Array<string>(count);
    for (let i = 0; i < count; i++) list[i] = this.readString();
    return list;
  }

  /** [bytes]: [int] length, negative = null. */
  readBytes(): Buffer | null {
    const length = this.readInt();
    if (length < 0) return null;
    return this.readRaw(length, 'a byte array preceded by its 4 bytes length');
  }

  /**
   * [value]: like [bytes], but −2 means UNSET (protocol v4+). Before v4 every negative length is null,
   * as Cassandra reads it.
   */
  readValue(unsetAllowed = true): BoundValue {
    const length = this.readInt();
    if (length >= 0) return this.readRaw(length, 'a value preceded by its 4 bytes length');
    if (!unsetAllowed || length === -1) return null;
    if (length === -2) return UNSET;
    throw new ProtocolError(`Invalid ByteBuf length ${length}`);
  }

  /** [short bytes]. */
  readShortBytes(): Buffer {
    const length = this.readShort();
    return this.readRaw(length, 'a byte array preceded by its 2 bytes length');
  }

  /** [unsigned vint]: the count of leading 1 bits in the first byte is the count of extra bytes. */
  readUnsignedVInt(): bigint {
    const first = this.readByte();
    const extraCount = Math.clz32(~(first << 24));
    if (extraCount === 0) return BigInt(first);
    let value = BigInt(first & (0xff >> extraCount));
    const at = this.need(extraCount, 'an unsigned vint');
    for (let i = 0; i < extraCount; i++) value = (value << 8n) | BigInt(this.buffer[at + i]!);
    return value;
  }

  /** [vint]: zig-zag encoded signed 64-bit integer. */
  readVInt(): bigint {
    const n = this.readUnsignedVInt();
    return BigInt.asIntN(64, (n >> 1n) ^ -(n & 1n));
  }

  /** [inetaddr]: [byte] length then 4 or 16 address bytes. */
  readInetAddr(): Buffer {
    const length = this.readByte();
    if (length !== 4 && length !== 16) throw new ProtocolError(`Invalid IP address length ${length}`);
    return this.readRaw(length, 'an inet address');
  }

  /** [inet]: [inetaddr] then [int] port. */
  readInet(): InetSocketAddress {
    const address = this.readInetAddr();
    return { address, port: this.readInt() };
  }

  /** [consistency]: a [short] naming a known consistency level. */
  readConsistency(): ConsistencyLevel {
    const code = this.readShort();
    if (code > MAX_CONSISTENCY_CODE) {
      throw new ProtocolError(`Unknown code ${code} for a consistency level`);
    }
    return code as ConsistencyLevel;
  }

  /** [string map]. */
  readStringMap(): Map<string, string> {
    const count = this.readShort();
    const map = new Map<string, string>();
    for (let i = 0; i < count; i++) map.set(this.readString(), this.readString());
    return map;
  }

  /** [string multimap]. */
  readStringMultimap(): Map<string, string[]> {
    const count = this.readShort();
    const map = new Map<string, string[]>();
    for (let i = 0; i < count; i++) map.set(this.readString(), this.readStringList());
    return map;
  }

  /** [bytes map]. */
  readBytesMap(): Map<string, Buffer | null> {
    const count = this.readShort();
    const map = new Map<string, Buffer | null>();
    for (let i = 0; i < count; i++) map.set(this.readString(), this.readBytes());
    return map;
  }
}
