import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { DataOutput } from '../serialization/index.js';
import { FORMAT_VERSION, type Component } from './descriptor.js';
import { CorruptSSTableError, UnsupportedSSTableFormatError } from './sstable-errors.js';

/**
 * The framing every component shares. A file starts with a 4-byte magic naming the component and the
 * format version (4 bytes); its content is made of blocks: [u32 payload length][u32 CRC32 of the
 * payload][payload], so every read checks what it read.
 */

export const FILE_HEADER_BYTES = 8;
export const BLOCK_HEADER_BYTES = 8;

const MAGIC: Readonly<Record<Component, string>> = {
  'Data.db': 'CNDA', 'Index.db': 'CNIX', 'Summary.db': 'CNSU', 'Filter.db': 'CNFI', 'Statistics.db': 'CNST', 'TOC.txt': '',
};

export function writeFileHeader(out: DataOutput, component: Component): void {
  out.writeRaw(Buffer.from(MAGIC[component], 'latin1'));
  out.writeUInt32(FORMAT_VERSION);
}

/** Appends a framed block holding `payload`. */
export function writeBlock(out: DataOutput, payload: Uint8Array): void {
  out.writeUInt32(payload.length);
  out.writeUInt32(crc32(payload));
  out.writeRaw(payload);
}

/** A component opened for positional reads, counting them (tests and benchmarks assert how many). */
export class ComponentFile {
  readCount = 0;
  readonly sizeBytes: number;
  /** null once closed: the number may belong to another file by then (see RecordLog). */
  private fd: number | null;
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;

  constructor(readonly path: string, readonly component: Component) {
    const fd = openSync(path, 'r');
    this.fd = fd;
    try {
      this.sizeBytes = fstatSync(fd).size;
      this.checkHeader();
    } catch (e) {
      this.close();
      throw e;
    }
  }

  private checkHeader(): void {
    if (this.sizeBytes < FILE_HEADER_BYTES) this.corrupt(0, `${this.sizeBytes} bytes, shorter than its header`);
    const header = this.read(0, FILE_HEADER_BYTES);
    if (header.toString('latin1', 0, 4) !== MAGIC[this.component]) {
      throw new UnsupportedSSTableFormatError(this.path, `not a Cassanova ${this.component} file (magic ${header.subarray(0, 4).toString('hex')})`);
    }
    const version = header.readUInt32BE(4);
    if (version > FORMAT_VERSION) {
      throw new UnsupportedSSTableFormatError(this.path, `format version ${version} is newer than the ${FORMAT_VERSION} this Cassanova reads; upgrade Cassanova to open it`);
    }
  }

  corrupt(offset: number, detail: string): never {
    throw new CorruptSSTableError(this.path, `${detail} (at offset ${offset})`);
  }

  /**
   * `length` bytes at `position`, served from the last window read when it holds them. A read that
   * misses reads `readAheadBytes` at least (sequential scans read large windows, point reads exact).
   */
  read(position: number, length: number, readAheadBytes = 0): Buffer {
    const from = position - this.windowStart;
    if (from >= 0 && from + length <= this.window.length) return this.window.subarray(from, from + length);
    if (position + length > this.sizeBytes) this.corrupt(position, `${length} bytes needed, the file ends at ${this.sizeBytes}`);
    const size = Math.min(Math.max(length, readAheadBytes), this.sizeBytes - position);
    if (this.fd === null) throw new Error(`${this.path} is closed`);
    const buffer = Buffer.allocUnsafe(size);
    this.readCount++;
    const got = readSync(this.fd, buffer, 0, size, position);
    if (got < length) this.corrupt(position, `short read: ${got} of ${length} bytes`);
    this.window = buffer.subarray(0, got);
    this.windowStart = position;
    return this.window.subarray(0, length);
  }

  /** The payload of the block at `position` (its frame included in `totalBytes` when known), checksum verified. */
  readBlock(position: number, totalBytes?: number, readAheadBytes = 0): Buffer {
    if (totalBytes !== undefined && totalBytes < BLOCK_HEADER_BYTES) this.corrupt(position, `a block of ${totalBytes} bytes is shorter than its frame`);
    const frame = this.read(position, totalBytes ?? BLOCK_HEADER_BYTES, readAheadBytes);
    const length = frame.readUInt32BE(0);
    const checksum = frame.readUInt32BE(4);
    if (totalBytes !== undefined && length + BLOCK_HEADER_BYTES !== totalBytes) {
      this.corrupt(position, `block of ${length} bytes where the index expects ${totalBytes - BLOCK_HEADER_BYTES}`);
    }
    const payload = totalBytes !== undefined
      ? frame.subarray(BLOCK_HEADER_BYTES)
      : this.read(position + BLOCK_HEADER_BYTES, length, readAheadBytes);
    if (crc32(payload) !== checksum) this.corrupt(position, `checksum mismatch in a block of ${length} bytes`);
    return payload;
  }

  /** Closing it again does nothing. */
  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}
