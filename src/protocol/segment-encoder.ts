import { crc32 as zlibCrc32 } from 'node:zlib';
import { ByteWriter, invariant } from '../common/index.js';
import { lz4CompressBlock } from './compression.js';
import { crc24, crc32 } from './crc.js';

/**
 * v5 framing (spec §2.1, §2.2): after READY/AUTHENTICATE every byte travels in segments of at most
 * 128 KiB − 1 payload bytes, each with a CRC24-protected header and a CRC32 trailer.
 */
export const MAX_SEGMENT_PAYLOAD_BYTES = 128 * 1024 - 1;
export const UNCOMPRESSED_SEGMENT_HEADER_BYTES = 3;
/** The spec's prose says 4 + 4; Cassandra and the drivers write a 5-byte header and a 3-byte CRC. */
export const LZ4_SEGMENT_HEADER_BYTES = 5;
export const SEGMENT_HEADER_CRC_BYTES = 3;
export const SEGMENT_PAYLOAD_CRC_BYTES = 4;

/** Whether segments are plain or LZ4-compressed (the only compression v5 allows). */
export type SegmentFormat = 'uncompressed' | 'lz4';

const SELF_CONTAINED_BIT_UNCOMPRESSED = 1 << 17;
const SELF_CONTAINED_BIT_LZ4 = 2 ** 34;
const UNCOMPRESSED_LENGTH_SHIFT = 2 ** 17;

function writeLittleEndian(writer: ByteWriter, value: number, byteCount: number): void {
  for (let i = 0; i < byteCount; i++) writer.writeByte(Math.floor(value / 2 ** (8 * i)) & 0xff);
}

function writeHeader(writer: ByteWriter, header: number, headerBytes: number): void {
  const at = writer.length;
  writeLittleEndian(writer, header, headerBytes);
  writeLittleEndian(writer, crc24(writer.toBuffer(), at, headerBytes), SEGMENT_HEADER_CRC_BYTES);
}

/** An uncompressed segment whose payload is the concatenation of `pieces`, copied once. */
function writeUncompressedSegment(writer: ByteWriter, pieces: readonly Buffer[], payloadBytes: number, selfContained: boolean): void {
  writeHeader(writer, payloadBytes | (selfContained ? SELF_CONTAINED_BIT_UNCOMPRESSED : 0), UNCOMPRESSED_SEGMENT_HEADER_BYTES);
  let crc: number | undefined;
  for (const piece of pieces) {
    writer.writeRaw(piece);
    // zlib's crc32 continues from a previous value, so the pieces need not be joined first.
    crc = crc === undefined ? crc32(piece) : zlibCrc32(piece, crc);
  }
  invariant(crc !== undefined, 'a segment carries at least one envelope');
  writeLittleEndian(writer, crc, SEGMENT_PAYLOAD_CRC_BYTES);
}

/** An LZ4 segment; payloads that do not shrink are stored as they are, with uncompressed length 0. */
function writeLz4Segment(writer: ByteWriter, pieces: readonly Buffer[], payloadBytes: number, selfContained: boolean): void {
  const payload = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, payloadBytes);
  const block = lz4CompressBlock(payload);
  const stored = block.length < payload.length ? block : payload;
  const uncompressedLength = stored === block ? payload.length : 0;
  const header = stored.length + uncompressedLength * UNCOMPRESSED_LENGTH_SHIFT + (selfContained ? SELF_CONTAINED_BIT_LZ4 : 0);
  writeHeader(writer, header, LZ4_SEGMENT_HEADER_BYTES);
  writer.writeRaw(stored);
  writeLittleEndian(writer, crc32(stored), SEGMENT_PAYLOAD_CRC_BYTES);
}

/**
 * Frames encoded envelopes for the wire. Consecutive envelopes share self-contained segments up to
 * the payload limit; an envelope larger than one segment is split across non-self-contained ones.
 * Returns all segments in one buffer, ready for a single socket write.
 */
export function encodeSegments(envelopes: readonly Buffer[], format: SegmentFormat): Buffer {
  let totalBytes = 0;
  for (const envelope of envelopes) totalBytes += envelope.length;
  const writer = new ByteWriter(totalBytes + 16 * (1 + Math.ceil(totalBytes / MAX_SEGMENT_PAYLOAD_BYTES)));
  const writeSegment = format === 'lz4' ? writeLz4Segment : writeUncompressedSegment;

  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    writeSegment(writer, pending, pendingBytes, true);
    pending = [];
    pendingBytes = 0;
  };

  for (const envelope of envelopes) {
    if (envelope.length > MAX_SEGMENT_PAYLOAD_BYTES) {
      flush();
      for (let at = 0; at < envelope.length; at += MAX_SEGMENT_PAYLOAD_BYTES) {
        const part = envelope.subarray(at, at + MAX_SEGMENT_PAYLOAD_BYTES);
        writeSegment(writer, [part], part.length, false);
      }
      continue;
    }
    if (pendingBytes + envelope.length > MAX_SEGMENT_PAYLOAD_BYTES) flush();
    pending.push(envelope);
    pendingBytes += envelope.length;
  }
  flush();
  return writer.toBuffer();
}
