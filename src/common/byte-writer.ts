import { ConsistencyLevel } from '../errors/index.js';
import { UNSET, type BoundValue, type InetSocketAddress } from './byte-reader.js';
import { invariant } from './invariant.js';

const MAX_SHORT = 0xffff;

/**
 * Writes the native protocol's notations (spec §3) into a single growing buffer: no per-field
 * allocation or concatenation, since every response goes through here. `toBuffer()` returns a view
 * of the bytes written so far.
 */
export class ByteWriter {
  private buffer: Buffer;
  private offset = 0;

  constructor(initialCapacityBytes = 256) {
    this.buffer = Buffer.allocUnsafe(Math.max(16, initialCapacityBytes));
  }

  get length(): number {
    return this.offset;
  }

  /** Makes room for `byteCount` more bytes at once, e.g. before a long run of small writes. */
  ensureCapacity(byteCount: number): void {
    const needed = this.offset + byteCount;
    if (needed <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
    this.buffer.copy(grown, 0, 0, this.offset);
    this.buffer = grown;
  }

  /** The bytes written so far, as a view (no copy). */
  toBuffer(): Buffer {
    return this.buffer.subarray(0, this.offset);
  }

  /** Drops what was written after the first `length` bytes, e.g. a message that failed half-way. */
  truncate(length: number): void {
    invariant(length >= 0 && length <= this.offset, `truncate(${length}) within the ${this.offset} bytes written`);
    this.offset = length;
  }

  /** Skips `byteCount` bytes to fill later with the set* methods; returns their position. */
  reserve(byteCount: number): number {
    this.ensureCapacity(byteCount);
    const at = this.offset;
    this.offset += byteCount;
    return at;
  }

  setByte(at: number, value: number): void {
    this.buffer[at] = value;
  }

  setInt(at: number, value: number): void {
    this.buffer.writeInt32BE(value, at);
  }

  writeByte(value: number): void {
    this.ensureCapacity(1);
    this.buffer[this.offset++] = value & 0xff;
  }

  writeShort(value: number): void {
    this.ensureCapacity(2);
    this.offset = this.buffer.writeUInt16BE(value, this.offset);
  }

  writeSignedShort(value: number): void {
    this.ensureCapacity(2);
    this.offset = this.buffer.writeInt16BE(value, this.offset);
  }

  writeInt(value: number): void {
    this.ensureCapacity(4);
    this.offset = this.buffer.writeInt32BE(value, this.offset);
  }

  writeUnsignedInt(value: number): void {
    this.ensureCapacity(4);
    this.offset = this.buffer.writeUInt32BE(value, this.offset);
  }

  writeLong(value: bigint): void {
    this.ensureCapacity(8);
    this.offset = this.buffer.writeBigInt64BE(value, this.offset);
  }

  writeRaw(bytes: Uint8Array): void {
    this.ensureCapacity(bytes.length);
    this.buffer.set(bytes, this.offset);
    this.offset += bytes.length;
  }

  /** [string]. */
  writeString(value: string): void {
    const length = Buffer.byteLength(value, 'utf8');
    invariant(length <= MAX_SHORT, `a [string] holds at most ${MAX_SHORT} bytes, got ${length}`);
    this.ensureCapacity(2 + length);
    this.offset = this.buffer.writeUInt16BE(length, this.offset);
    this.offset += this.buffer.write(value, this.offset, length, 'utf8');
  }

  /** [long string]. */
  writeLongString(value: string): void {
    const length = Buffer.byteLength(value, 'utf8');
    this.ensureCapacity(4 + length);
    this.offset = this.buffer.writeInt32BE(length, this.offset);
    this.offset += this.buffer.write(value, this.offset, length, 'utf8');
  }

  /** [uuid]. */
  writeUuid(uuid: Uint8Array): void {
    invariant(uuid.length === 16, 'a [uuid] is 16 bytes');
    this.writeRaw(uuid);
  }

  /** [string list]. */
  writeStringList(values: readonly string[]): void {
    this.writeShort(values.length);
    for (const value of values) this.writeString(value);
  }

  /** [bytes]: null is length −1. */
  writeBytes(value: Uint8Array | null): void {
    if (value === null) {
      this.writeInt(-1);
      return;
    }
    this.ensureCapacity(4 + value.length);
    this.offset = this.buffer.writeInt32BE(value.length, this.offset);
    this.buffer.set(value, this.offset);
    this.offset += value.length;
  }

  /** [value]: null is −1, UNSET is −2. */
  writeValue(value: BoundValue): void {
    if (value === UNSET) this.writeInt(-2);
    else this.writeBytes(value);
  }

  /** [short bytes]. */
  writeShortBytes(value: Uint8Array): void {
    invariant(value.length <= MAX_SHORT, `[short bytes] hold at most ${MAX_SHORT} bytes`);
    this.writeShort(value.length);
    this.writeRaw(value);
  }

  /** [unsigned vint] of an unsigned 64-bit value. */
  writeUnsignedVInt(value: bigint): void {
    invariant(value >= 0n && value < 1n << 64n, 'an [unsigned vint] holds an unsigned 64-bit value');
    const bitCount = value === 0n ? 1 : value.toString(2).length;
    // n extra bytes carry 7n + 7 value bits (n ≤ 7); nine bytes (0xFF then 8 bytes) carry all 64.
    const extraCount = bitCount > 56 ? 8 : Math.ceil(Math.max(0, bitCount - 7) / 7);
    this.ensureCapacity(extraCount + 1);
    let rest = value;
    for (let i = extraCount; i >= 0; i--) {
      this.buffer[this.offset + i] = Number(rest & 0xffn);
      rest >>= 8n;
    }
    if (extraCount > 0) this.buffer[this.offset] = this.buffer[this.offset]! | ((0xff << (8 - extraCount)) & 0xff);
    this.offset += extraCount + 1;
  }

  /** [vint]: zig-zag encoded signed 64-bit value. */
  writeVInt(value: bigint): void {
    this.writeUnsignedVInt(BigInt.asUintN(64, (value << 1n) ^ (value >> 63n)));
  }

  /** [inetaddr]. */
  writeInetAddr(address: Uint8Array): void {
    invariant(address.length === 4 || address.length === 16, 'an [inetaddr] is 4 or 16 bytes');
    this.writeByte(address.length);
    this.writeRaw(address);
  }

  /** [inet]. */
  writeInet(inet: InetSocketAddress): void {
    this.writeInetAddr(inet.address);
    this.writeInt(inet.port);
  }

  /** [consistency]. */
  writeConsistency(consistency: ConsistencyLevel): void {
    this.writeShort(consistency);
  }

  /** [string map]. */
  writeStringMap(map: ReadonlyMap<string, string>): void {
    this.writeShort(map.size);
    for (const [key, value] of map) {
      this.writeString(key);
      this.writeString(value);
    }
  }

  /** [string multimap]. */
  writeStringMultimap(map: ReadonlyMap<string, readonly string[]>): void {
    this.writeShort(map.size);
    for (const [key, values] of map) {
      this.writeString(key);
      this.writeStringList(values);
    }
  }

  /** [bytes map]. */
  writeBytesMap(map: ReadonlyMap<string, Uint8Array | null>): void {
    this.writeShort(map.size);
    for (const [key, value] of map) {
      this.writeString(key);
      this.writeBytes(value);
    }
  }
}
