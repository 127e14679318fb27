import { ByteWriter } from '../common/index.js';
import type { ProtocolVersion } from './protocol-version.js';

/** Envelope header length for v3+ (spec §2.4). v1/v2 used 8 bytes with a one-byte stream id. */
export const HEADER_LENGTH = 9;
export const LEGACY_HEADER_LENGTH = 8;

/** Set on the version byte of every response (spec §2.4.1.1). */
export const RESPONSE_BIT = 0x80;

/** Envelope header flags (spec §2.4.1.2). */
export const EnvelopeFlag = {
  COMPRESSED: 0x01,
  TRACING: 0x02,
  CUSTOM_PAYLOAD: 0x04,
  WARNING: 0x08,
  USE_BETA: 0x10,
} as const;

/** Cassandra's native_transport_max_frame_size default: 16 MiB, header included. */
export const DEFAULT_MAX_FRAME_SIZE_BYTES = 16 * 1024 * 1024;

/** One message on the wire: header fields plus the (still encoded) body. */
export interface Envelope {
  readonly version: ProtocolVersion;
  readonly isResponse: boolean;
  readonly flags: number;
  /** Signed: clients use 0..32767, server-initiated EVENTs use -1. */
  readonly streamId: number;
  readonly opcode: number;
  readonly body: Buffer;
}

export interface EnvelopeHeader {
  readonly version: number;
  readonly isResponse: boolean;
  readonly flags: number;
  readonly streamId: number;
  readonly opcode: number;
}

/**
 * Writes a v3+ header with a zero length and returns the position of the length field, so that the
 * body can be written straight after it and the length patched with `writer.setInt`.
 */
export function writeEnvelopeHeader(writer: ByteWriter, header: EnvelopeHeader): number {
  writer.writeByte(header.isResponse ? header.version | RESPONSE_BIT : header.version);
  writer.writeByte(header.flags);
  writer.writeSignedShort(header.streamId);
  writer.writeByte(header.opcode);
  return writer.reserve(4);
}

/** Encodes a whole envelope (v3+ header and body) into one buffer. */
export function encodeEnvelope(header: EnvelopeHeader, body: Uint8Array): Buffer {
  const writer = new ByteWriter(HEADER_LENGTH + body.length);
  const lengthAt = writeEnvelopeHeader(writer, header);
  writer.setInt(lengthAt, body.length);
  writer.writeRaw(body);
  return writer.toBuffer();
}
