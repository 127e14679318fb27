import { NO_DELETION_TIME } from '../../data/index.js';

/**
 * A growing buffer for stored formats. Integers are LEB128 varints (7 bits a byte, low bits first),
 * signed ones zig-zag encoded; timestamps go through numbers while they fit, so the common case
 * allocates no BigInt beyond the subtraction.
 */
export class DataOutput {
  private buffer: Buffer;
  private offset = 0;

  constructor(initialCapacityBytes = 1024) {
    this.buffer = Buffer.allocUnsafe(Math.max(64, initialCapacityBytes));
  }

  get length(): number {
    return this.offset;
  }

  /** The bytes written so far, as a view (no copy). */
  toBuffer(): Buffer {
    return this.buffer.subarray(0, this.offset);
  }

  /** Forgets everything written, keeping the memory. */
  reset(): void {
    this.offset = 0;
  }

  private ensure(byteCount: number): void {
    const needed = this.offset + byteCount;
    if (needed <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
    this.buffer.copy(grown, 0, 0, this.offset);
    this.buffer = grown;
  }

  writeByte(value: number): void {
    this.ensure(1);
    this.buffer[this.offset++] = value;
  }

  writeUInt32(value: number): void {
    this.ensure(4);
    this.buffer.writeUInt32BE(value, this.offset);
    this.offset += 4;
  }

  /** Skips four bytes for a length known later (setUInt32); returns their position. */
  reserveUInt32(): number {
    this.ensure(4);
    const at = this.offset;
    this.offset += 4;
    return at;
  }

  setUInt32(at: number, value: number): void {
    this.buffer.writeUInt32BE(value, at);
  }

  writeLong(value: bigint): void {
    this.ensure(8);
    this.buffer.writeBigInt64BE(value, this.offset);
    this.offset += 8;
  }

  writeRaw(bytes: Uint8Array): void {
    const length = bytes.length;
    this.ensure(length);
    // Keys, clusterings and small values are copied byte by byte: TypedArray.set costs more below ~32 bytes.
    if (length < 32) {
      const buffer = this.buffer;
      let at = this.offset;
      for (let i = 0; i < length; i++) buffer[at++] = bytes[i]!;
    } else {
      this.buffer.set(bytes, this.offset);
    }
    this.offset += length;
  }

  /** An unsigned integer up to 2^53. */
  writeUVInt(value: number): void {
    this.ensure(8);
    let v = value;
    while (v >= 0x80) {
      this.buffer[this.offset++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buffer[this.offset++] = v;
  }

  /** A signed integer of at most 52 bits (zig-zag). */
  writeVInt(value: number): void {
    this.writeUVInt(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  /** A signed 64-bit value relative to `base` (zig-zag varint of the difference, up to 10 bytes). */
  writeVLong(value: bigint, base: bigint): void {
    const delta = value - base;
    const small = Number(delta);
    if (small > -0x8000000000000 && small < 0x8000000000000) {
      this.writeVInt(small);
      return;
    }
    let v = delta >= 0n ? delta * 2n : -delta * 2n - 1n;
    this.ensure(11);
    while (v >= 0x80n) {
      this.buffer[this.offset++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buffer[this.offset++] = Number(v);
  }

  /** A local deletion or expiration time in seconds, NO_DELETION_TIME included. */
  writeLocalTime(seconds: number): void {
    this.writeUVInt(seconds === NO_DELETION_TIME ? 0 : (seconds >= 0 ? seconds * 2 : -seconds * 2 - 1) + 1);
  }

  /** Bytes preceded by their length. */
  writeBytes(bytes: Uint8Array): void {
    this.writeUVInt(bytes.length);
    this.writeRaw(bytes);
  }

  writeString(value: string): void {
    this.writeBytes(Buffer.from(value, 'utf8'));
  }
}
