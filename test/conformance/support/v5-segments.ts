/**
 * v5 framing for raw test clients (spec section 2.1): uncompressed segments, their CRC24-protected
 * 3-byte header and CRC32 trailer, written and read without the server's own codec.
 */
import { crc32 as zlibCrc32 } from 'node:zlib';

/** v5 uncompressed segment header (3 bytes) plus its CRC24 (3 bytes). */
export const SEGMENT_HEADER_BYTES = 6;
const SELF_CONTAINED_BIT = 1 << 17;
const CRC32_SEED = zlibCrc32(Buffer.from([0xfa, 0x2d, 0x55, 0xca]));

/** CRC24 of a segment header as Cassandra's Crc.crc24 computes it (init 0x875060, polynomial 0x1974f0b). */
export function crc24(bytes: Buffer): number {
  let crc = 0x875060;
  for (const byte of bytes) {
    crc ^= byte << 16;
    for (let bit = 0; bit < 8; bit++) {
      crc <<= 1;
      if ((crc & 0x1000000) !== 0) crc ^= 0x1974f0b;
    }
  }
  return crc;
}

/** CRC32 of a segment payload: zlib's, seeded with the bytes FA 2D 55 CA. */
export function segmentCrc32(payload: Buffer): number {
  return zlibCrc32(payload, CRC32_SEED);
}

/** A v5 uncompressed segment header announcing `payloadBytes`, with a correct CRC24. */
export function segmentHeader(payloadBytes: number, selfContained: boolean): Buffer {
  const bytes = Buffer.alloc(SEGMENT_HEADER_BYTES);
  bytes.writeUIntLE((payloadBytes & 0x1ffff) | (selfContained ? SELF_CONTAINED_BIT : 0), 0, 3);
  bytes.writeUIntLE(crc24(bytes.subarray(0, 3)), 3, 3);
  return bytes;
}

/** A whole v5 uncompressed segment: header, payload (at most 128 KiB - 1), payload CRC32. */
export function segment(payload: Buffer, selfContained = true): Buffer {
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(segmentCrc32(payload), 0);
  return Buffer.concat([segmentHeader(payload.length, selfContained), payload, crc]);
}

/** Largest segment payload (spec section 2.2). */
export const MAX_SEGMENT_PAYLOAD_BYTES = 128 * 1024 - 1;

/** An envelope framed as a client frames it: one self-contained segment, or non-self-contained parts if too large. */
export function segmentsOf(envelope: Buffer): Buffer {
  if (envelope.length <= MAX_SEGMENT_PAYLOAD_BYTES) return segment(envelope);
  const parts: Buffer[] = [];
  for (let at = 0; at < envelope.length; at += MAX_SEGMENT_PAYLOAD_BYTES) {
    parts.push(segment(envelope.subarray(at, at + MAX_SEGMENT_PAYLOAD_BYTES), false));
  }
  return Buffer.concat(parts);
}

/** The first whole segment in `bytes`: its payload, its size, and what is wrong with its CRCs. */
export function readSegment(bytes: Buffer): { payload: Buffer; consumedBytes: number; problems: string[] } | undefined {
  if (bytes.length < SEGMENT_HEADER_BYTES) return undefined;
  const payloadBytes = bytes.readUIntLE(0, 3) & 0x1ffff;
  const consumedBytes = SEGMENT_HEADER_BYTES + payloadBytes + 4;
  if (bytes.length < consumedBytes) return undefined;
  const payload = bytes.subarray(SEGMENT_HEADER_BYTES, SEGMENT_HEADER_BYTES + payloadBytes);
  const problems: string[] = [];
  if (bytes.readUIntLE(3, 3) !== crc24(bytes.subarray(0, 3))) problems.push(`bad header CRC24 on segment ${bytes.subarray(0, 6).toString('hex')}`);
  if (bytes.readUInt32LE(SEGMENT_HEADER_BYTES + payloadBytes) !== segmentCrc32(payload)) problems.push('bad payload CRC32');
  return { payload, consumedBytes, problems };
}
