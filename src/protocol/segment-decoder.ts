import { ProtocolError } from '../errors/index.js';
import { ChunkQueue } from './chunk-queue.js';
import { lz4DecompressBlock } from './compression.js';
import { crc24, crc32 } from './crc.js';
import {
  LZ4_SEGMENT_HEADER_BYTES,
  SEGMENT_HEADER_CRC_BYTES,
  SEGMENT_PAYLOAD_CRC_BYTES,
  UNCOMPRESSED_SEGMENT_HEADER_BYTES,
  type SegmentFormat,
} from './segment-encoder.js';

const PAYLOAD_LENGTH_RANGE = 2 ** 17;

/** A checked, decompressed v5 segment payload. */
export interface SegmentReceived {
  readonly kind: 'segment';
  readonly payload: Buffer;
  /** Self-contained payloads hold whole envelopes; others are consecutive parts of one large envelope. */
  readonly selfContained: boolean;
}

/** A CRC mismatch or undecodable payload: the stream cannot be trusted any more, so the decoder stops. */
export interface CorruptSegment {
  readonly kind: 'corrupt-segment';
  readonly error: ProtocolError;
}

export type SegmentDecoderEvent = SegmentReceived | CorruptSegment;

function readLittleEndian(bytes: Buffer, offset: number, byteCount: number): number {
  let value = 0;
  for (let i = byteCount - 1; i >= 0; i--) value = value * 256 + bytes[offset + i]!;
  return value;
}

/** Splits a v5 byte stream into segments (spec §2.1, §2.2), checking both CRCs of each. */
export class SegmentDecoder {
  private readonly queue = new ChunkQueue();
  private readonly headerBytes: number;
  private stopped = false;

  constructor(private readonly format: SegmentFormat) {
    this.headerBytes = format === 'lz4' ? LZ4_SEGMENT_HEADER_BYTES : UNCOMPRESSED_SEGMENT_HEADER_BYTES;
  }

  push(chunk: Buffer): SegmentDecoderEvent[] {
    const events: SegmentDecoderEvent[] = [];
    if (this.stopped) return events;
    this.queue.push(chunk);
    for (;;) {
      const event = this.next();
      if (event === undefined) break;
      events.push(event);
      if (event.kind === 'corrupt-segment') {
        this.stopped = true;
        this.queue.skip(this.queue.length);
        break;
      }
    }
    return events;
  }

  private next(): SegmentDecoderEvent | undefined {
    const headerBytes = this.headerBytes;
    if (this.queue.length < headerBytes + SEGMENT_HEADER_CRC_BYTES) return undefined;
    const head = this.queue.peek(headerBytes + SEGMENT_HEADER_CRC_BYTES);
    const header = readLittleEndian(head, 0, headerBytes);
    const expectedCrc = readLittleEndian(head, headerBytes, SEGMENT_HEADER_CRC_BYTES);
    const actualCrc = crc24(head, 0, headerBytes);
    if (expectedCrc !== actualCrc) {
      return corrupt(`CRC mismatch on segment header ${header.toString(16)}: received ${expectedCrc.toString(16)}, computed ${actualCrc.toString(16)}`);
    }

    const payloadLength = header % PAYLOAD_LENGTH_RANGE;
    const rest = Math.floor(header / PAYLOAD_LENGTH_RANGE);
    const uncompressedLength = this.format === 'lz4' ? rest % PAYLOAD_LENGTH_RANGE : 0;
    const flags = this.format === 'lz4' ? Math.floor(rest / PAYLOAD_LENGTH_RANGE) : rest;
    const payloadAt = headerBytes + SEGMENT_HEADER_CRC_BYTES;
    const segmentLength = payloadAt + payloadLength + SEGMENT_PAYLOAD_CRC_BYTES;
    if (this.queue.length < segmentLength) return undefined;

    const segment = this.queue.take(segmentLength);
    const stored = segment.subarray(payloadAt, payloadAt + payloadLength);
    const expectedPayloadCrc = segment.readUInt32LE(payloadAt + payloadLength);
    const actualPayloadCrc = crc32(stored);
    if (expectedPayloadCrc !== actualPayloadCrc) {
      return corrupt(`CRC mismatch on segment payload: received ${expectedPayloadCrc.toString(16)}, computed ${actualPayloadCrc.toString(16)}`);
    }
    try {
      const payload = uncompressedLength > 0 ? lz4DecompressBlock(stored, uncompressedLength) : stored;
      return { kind: 'segment', payload, selfContained: (flags & 1) === 1 };
    } catch (e) {
      if (e instanceof ProtocolError) return { kind: 'corrupt-segment', error: e };
      throw e;
    }
  }
}

function corrupt(message: string): CorruptSegment {
  return { kind: 'corrupt-segment', error: new ProtocolError(message) };
}
