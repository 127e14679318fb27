import { ByteWriter } from '../../common/index.js';
import { RESPONSE_BIT } from '../envelope.js';
import type { UnsupportedVersionReceived } from '../envelope-decoder.js';
import { Opcode } from '../opcode.js';
import type { ProtocolVersion } from '../protocol-version.js';
import { writeErrorBody } from './error-body.js';
import { encodeResponse } from './encode-response.js';

/**
 * The ERROR answering a request in a version we do not serve ("Invalid or unsupported protocol
 * version ..."), on the request's stream. As Cassandra does, v1/v2 clients get it in their own
 * 8-byte header layout; others get it in `replyVersion` (v4 by default: every driver's fallback).
 * The connection should be closed once it is written.
 */
export function encodeUnsupportedVersionError(received: UnsupportedVersionReceived, replyVersion: ProtocolVersion = 4): Buffer {
  if (received.version !== 1 && received.version !== 2) {
    return encodeResponse({ type: 'ERROR', error: received.error }, { version: replyVersion, streamId: received.streamId });
  }
  const writer = new ByteWriter();
  writer.writeByte(received.version | RESPONSE_BIT);
  writer.writeByte(0);
  writer.writeByte(received.streamId);
  writer.writeByte(Opcode.ERROR);
  const lengthAt = writer.reserve(4);
  // v1/v2 ERROR bodies are laid out as in v3: a protocol error has no payload.
  writeErrorBody(writer, received.error, 3);
  writer.setInt(lengthAt, writer.length - lengthAt - 4);
  return writer.toBuffer();
}
