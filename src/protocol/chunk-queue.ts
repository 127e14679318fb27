import { InvariantError, invariant } from '../common/index.js';

/**
 * Bytes received but not yet consumed, kept as the chunks they arrived in: a message that spans
 * many chunks is joined once when complete, not on every arrival.
 */
export class ChunkQueue {
  private chunks: Buffer[] = [];
  private headOffset = 0;
  private byteCount = 0;

  get length(): number {
    return this.byteCount;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.byteCount += chunk.length;
  }

  /** The byte at `index` from the front; the caller checks `index < length`. */
  byteAt(index: number): number {
    let i = index + this.headOffset;
    const head = this.chunks[0];
    if (head !== undefined && i < head.length) return head[i]!;
    for (const chunk of this.chunks) {
      if (i < chunk.length) return chunk[i]!;
      i -= chunk.length;
    }
    throw new InvariantError(`byteAt(${index}) past ${this.byteCount} queued bytes`);
  }

  /** The big-endian signed 16-bit integer at `index` from the front, read in place. */
  int16At(index: number): number {
    return ((this.byteAt(index) << 24) | (this.byteAt(index + 1) << 16)) >> 16;
  }

  /** The big-endian unsigned 32-bit integer at `index` from the front, read in place. */
  uint32At(index: number): number {
    return ((this.byteAt(index) << 24) | (this.byteAt(index + 1) << 16) | (this.byteAt(index + 2) << 8) | this.byteAt(index + 3)) >>> 0;
  }

  /** The first `byteCount` bytes, contiguous, without consuming them. */
  peek(byteCount: number): Buffer {
    return this.read(byteCount, false);
  }

  /** Removes and returns the first `byteCount` bytes: a view when they sit in one chunk, else a copy. */
  take(byteCount: number): Buffer {
    return this.read(byteCount, true);
  }

  /** Like take(), but the bytes are always a copy, sharing no memory with the chunks. */
  takeCopy(byteCount: number): Buffer {
    const head = this.chunks[0];
    if (head === undefined || head.length - this.headOffset < byteCount) return this.take(byteCount);
    const copy = Buffer.allocUnsafe(byteCount);
    head.copy(copy, 0, this.headOffset, this.headOffset + byteCount);
    this.skip(byteCount);
    return copy;
  }

  /** Drops the first `byteCount` bytes (or everything queued, if fewer); returns how many were dropped. */
  skip(byteCount: number): number {
    const dropped = Math.min(byteCount, this.byteCount);
    let rest = dropped;
    while (rest > 0) {
      const head = this.chunks[0]!;
      const available = head.length - this.headOffset;
      if (rest < available) {
        this.headOffset += rest;
        break;
      }
      rest -= available;
      this.chunks.shift();
      this.headOffset = 0;
    }
    this.byteCount -= dropped;
    return dropped;
  }

  /** Removes and returns everything queued. */
  takeAll(): Buffer {
    return this.take(this.byteCount);
  }

  private read(byteCount: number, consume: boolean): Buffer {
    invariant(byteCount <= this.byteCount, `read(${byteCount}) past ${this.byteCount} queued bytes`);
    const head = this.chunks[0];
    let result: Buffer;
    if (head !== undefined && head.length - this.headOffset >= byteCount) {
      result = head.subarray(this.headOffset, this.headOffset + byteCount);
    } else {
      result = Buffer.allocUnsafe(byteCount);
      let written = 0;
      let offset = this.headOffset;
      for (const chunk of this.chunks) {
        if (written === byteCount) break;
        written += chunk.copy(result, written, offset, Math.min(chunk.length, offset + byteCount - written));
        offset = 0;
      }
    }
    if (consume) this.skip(byteCount);
    return result;
  }
}
