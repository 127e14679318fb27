import { ByteWriter, invariant } from '../../common/index.js';
import type { Compressor } from '../compression.js';
import { EnvelopeFlag, HEADER_LENGTH, writeEnvelopeHeader } from '../envelope.js';
import { Opcode } from '../opcode.js';
import { isBetaProtocolVersion, type ProtocolVersion } from '../protocol-version.js';
import { writeErrorBody } from './error-body.js';
import { writeEventBody } from './event-body.js';
import type { ResponseMessage } from './response-message.js';
import { writeResultBody } from './result-body.js';

/** What goes into a response envelope besides the message. */
export interface ResponseOptions {
  readonly version: ProtocolVersion;
  /** The request's stream id; EVENT_STREAM_ID for events. */
  readonly streamId: number;
  /** [uuid] of the tracing session, when the client asked for tracing. */
  readonly tracingId?: Buffer | null;
  /** Client warnings (v4+; dropped on v3, as Cassandra does). */
  readonly warnings?: readonly string[] | null;
  /** v4+ custom payload. */
  readonly customPayload?: ReadonlyMap<string, Buffer | null> | null;
  /** The v3/v4 per-envelope compressor, once STARTUP negotiated one; ignored on v5. */
  readonly compressor?: Compressor | null;
}

const OPCODES: Readonly<Record<ResponseMessage['type'], number>> = {
  ERROR: Opcode.ERROR,
  READY: Opcode.READY,
  AUTHENTICATE: Opcode.AUTHENTICATE,
  SUPPORTED: Opcode.SUPPORTED,
  RESULT: Opcode.RESULT,
  EVENT: Opcode.EVENT,
  AUTH_CHALLENGE: Opcode.AUTH_CHALLENGE,
  AUTH_SUCCESS: Opcode.AUTH_SUCCESS,
};

/** Writes the message body proper (spec §4.2). */
export function writeResponseBody(writer: ByteWriter, message: ResponseMessage, version: ProtocolVersion): void {
  switch (message.type) {
    case 'ERROR':
      writeErrorBody(writer, message.error, version);
      return;
    case 'READY':
      return;
    case 'AUTHENTICATE':
      writer.writeString(message.authenticator);
      return;
    case 'SUPPORTED':
      writer.writeStringMultimap(message.options);
      return;
    case 'RESULT':
      writeResultBody(writer, message.result, version);
      return;
    case 'EVENT':
      writeEventBody(writer, message.event, version);
      return;
    case 'AUTH_CHALLENGE':
    case 'AUTH_SUCCESS':
      writer.writeBytes(message.token);
      return;
  }
}

/** [tracing id][warnings][custom payload] ahead of the body, in that order (spec §4); returns the flags. */
function writeBodyPrefix(writer: ByteWriter, options: ResponseOptions): number {
  // Cassandra marks every response of a beta version with USE_BETA, as clients mark their requests.
  let flags = isBetaProtocolVersion(options.version) ? EnvelopeFlag.USE_BETA : 0;
  if (options.tracingId != null) {
    flags |= EnvelopeFlag.TRACING;
    writer.writeUuid(options.tracingId);
  }
  if (options.warnings != null && options.warnings.length > 0 && options.version >= 4) {
    flags |= EnvelopeFlag.WARNING;
    writer.writeStringList(options.warnings);
  }
  if (options.customPayload != null) {
    invariant(options.version >= 4, 'custom payloads need protocol v4 or later');
    flags |= EnvelopeFlag.CUSTOM_PAYLOAD;
    writer.writeBytesMap(options.customPayload);
  }
  return flags;
}

/**
 * Appends a whole uncompressed response envelope to `writer`: header and body written in place, the
 * flags and length patched in afterwards. A connection appends every response of one turn of the event
 * loop to one writer and sends them in one socket write. If encoding fails, nothing is appended.
 */
export function writeResponse(writer: ByteWriter, message: ResponseMessage, options: Omit<ResponseOptions, 'compressor'>): void {
  const start = writer.length;
  try {
    const lengthAt = writeEnvelopeHeader(writer, {
      version: options.version,
      isResponse: true,
      flags: 0,
      streamId: options.streamId,
      opcode: OPCODES[message.type],
    });
    const flags = writeBodyPrefix(writer, options);
    writeResponseBody(writer, message, options.version);
    writer.setByte(start + 1, flags);
    writer.setInt(lengthAt, writer.length - start - HEADER_LENGTH);
  } catch (e) {
    writer.truncate(start);
    throw e;
  }
}

/**
 * Encodes a whole response envelope into a buffer of its own; on v3/v4 with a compressor the body is
 * then compressed (flag 0x01), as Cassandra compresses every response once compression is negotiated.
 */
export function encodeResponse(message: ResponseMessage, options: ResponseOptions): Buffer {
  const writer = new ByteWriter();
  writeResponse(writer, message, options);
  const encoded = writer.toBuffer();
  const compressor = options.version < 5 ? (options.compressor ?? null) : null;
  if (compressor === null) return encoded;
  const compressed = compressor.compress(encoded.subarray(HEADER_LENGTH));
  const out = Buffer.allocUnsafe(HEADER_LENGTH + compressed.length);
  encoded.copy(out, 0, 0, HEADER_LENGTH);
  out[1] = encoded[1]! | EnvelopeFlag.COMPRESSED;
  out.writeInt32BE(compressed.length, HEADER_LENGTH - 4);
  compressed.copy(out, HEADER_LENGTH);
  return out;
}
