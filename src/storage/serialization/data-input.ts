import { NO_DELETION_TIME } from '../../data/index.js';
import { CorruptDataError } from './serialization-errors.js';

/**
 * Reads what DataOutput writes from one buffer. Every read checks its bounds, so truncated bytes raise a
 * CorruptDataError, never a RangeError or a wrong value. Byte results are views into the buffer.
 */
export class DataInput {
  private offset: number;

  constructor(private readonly buffer: Buffer, start = 0, private readonly end = buffer.length) {
    this.offset = start;
  }

  get position(): number {
    return this.offset;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  private need(byteCount: number): number {
    const at = this.offset;
    if (byteCount > this.end - at) throw new CorruptDataError(`truncated: ${byteCount} bytes needed at offset ${at}, ${this.end - at} left`);
    this.offset = at + byteCount;
    return at;
  }

  readByte(): number {
    return this.buffer[this.need(1)]!;
  }

  readUInt32(): number {
    return this.buffer.readUInt32BE(this.need(4));
  }

  readLong(): bigint {
    return this.buffer.readBigInt64BE(this.need(8));
  }

  readRaw(byteCount: number): Buffer {
    const at = this.need(byteCount);
    return this.buffer.subarray(at, at + byteCount);
  }

  readUVInt(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.readByte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
    }
    throw new CorruptDataError(`varint longer than 8 bytes at offset ${this.offset}`);
  }

  readVInt(): number {
    const v = this.readUVInt();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  /** The inverse of DataOutput.writeVLong. */
  readVLong(base: bigint): bigint {
    const start = this.offset;
    let byteCount = 0;
    while (byteCount < 11 && (this.buffer[this.need(1)]! & 0x80) !== 0) byteCount++;
    if (byteCount >= 10) throw new CorruptDataError(`varint longer than 10 bytes at offset ${start}`);
    if (byteCount < 7) {
      this.offset = start;
      return base + BigInt(this.readVInt());
    }
    let v = 0n;
    for (let i = byteCount; i >= 0; i--) v = (v << 7n) | BigInt(this.buffer[start + i]! & 0x7f);
    return base + (v % 2n === 0n ? v / 2n : -(v + 1n) / 2n);
  }

  readLocalTime(): number {
    const v = this.readUVInt();
    if (v === 0) return NO_DELETION_TIME;
    return (v - 1) % 2 === 0 ? (v - 1) / 2 : -v / 2;
  }

  readBytes(): Buffer {
    return this.readRaw(this.readUVInt());
  }

  readString(): string {
    return this.readBytes().toString('utf8');
  }
}
