import { ByteReader } from '../../common/index.js';
import { ProtocolError } from '../../errors/index.js';
import type { Compressor } from '../compression.js';
import { EnvelopeFlag, type Envelope } from '../envelope.js';
import { isRequestOpcode, opcodeName, type RequestOpcodeName } from '../opcode.js';
import type { ProtocolVersion } from '../protocol-version.js';
import { readBatch } from './batch.js';
import { readQueryParameters } from './query-parameters.js';
import type { EventType, RequestMessage, Request } from './request-message.js';

const EVENT_TYPES: ReadonlySet<string> = new Set<EventType>(['TOPOLOGY_CHANGE', 'STATUS_CHANGE', 'SCHEMA_CHANGE']);
const PREPARE_WITH_KEYSPACE = 0x01;
/** 0x04 was CREDENTIALS in v1; Cassandra still knows the opcode and refuses it. */
const CREDENTIALS_OPCODE = 0x04;

function readEventTypes(reader: ByteReader): EventType[] {
  return reader.readStringList().map((name) => {
    const upper = name.toUpperCase();
    if (!EVENT_TYPES.has(upper)) throw new ProtocolError(`Invalid value '${name}' for Type`);
    return upper as EventType;
  });
}

function readMessage(name: RequestOpcodeName, reader: ByteReader, version: ProtocolVersion): RequestMessage {
  switch (name) {
    case 'STARTUP':
      return { type: 'STARTUP', options: reader.readStringMap() };
    case 'OPTIONS':
      return { type: 'OPTIONS' };
    case 'QUERY': {
      const query = reader.readLongString();
      return { type: 'QUERY', query, parameters: readQueryParameters(reader, version) };
    }
    case 'PREPARE': {
      const query = reader.readLongString();
      const flags = version >= 5 ? reader.readUnsignedInt() : 0;
      const keyspace = (flags & PREPARE_WITH_KEYSPACE) !== 0 ? reader.readString() : null;
      return { type: 'PREPARE', query, keyspace };
    }
    case 'EXECUTE': {
      const statementId = reader.readShortBytes();
      const resultMetadataId = version >= 5 ? reader.readShortBytes() : null;
      return { type: 'EXECUTE', statementId, resultMetadataId, parameters: readQueryParameters(reader, version) };
    }
    case 'BATCH':
      return readBatch(reader, version);
    case 'REGISTER':
      return { type: 'REGISTER', eventTypes: readEventTypes(reader) };
    case 'AUTH_RESPONSE':
      return { type: 'AUTH_RESPONSE', token: reader.readBytes() };
  }
}

function requestOpcode(envelope: Envelope): RequestOpcodeName {
  if (envelope.opcode === CREDENTIALS_OPCODE) throw new ProtocolError('Unsupported message');
  const name = opcodeName(envelope.opcode);
  if (name === undefined) throw new ProtocolError(`Unknown opcode ${envelope.opcode}`);
  if (!envelope.isResponse && isRequestOpcode(name)) return name;
  // A request opcode sent as a response, a response opcode sent as a request, or a client sending
  // responses at all: the server only ever expects requests.
  const got = envelope.isResponse ? 'RESPONSE' : 'REQUEST';
  const expected = envelope.isResponse ? 'REQUEST' : 'RESPONSE';
  throw new ProtocolError(`Wrong protocol direction (expected ${expected}, got ${got}) for opcode ${envelope.opcode} (${name})`);
}

function requestBody(envelope: Envelope, compressor: Compressor | null): Buffer {
  // v5 compresses whole segments instead; the envelope flag is deprecated and ignored. Before STARTUP
  // negotiates compression, Cassandra's Decompressor ignores the flag too and reads the body as it is.
  if ((envelope.flags & EnvelopeFlag.COMPRESSED) === 0 || envelope.version >= 5 || compressor === null) return envelope.body;
  return compressor.decompress(envelope.body);
}

/**
 * Decodes a request envelope into a typed Request (spec §4.1). Throws ProtocolError for unknown
 * opcodes, responses sent as requests and malformed bodies; the caller answers on `envelope.streamId`.
 * `compressor` is the one negotiated by STARTUP on a v3/v4 connection.
 */
export function decodeRequest(envelope: Envelope, compressor: Compressor | null = null): Request {
  const name = requestOpcode(envelope);
  const reader = new ByteReader(requestBody(envelope, compressor));
  let customPayload: Map<string, Buffer | null> | null = null;
  if ((envelope.flags & EnvelopeFlag.CUSTOM_PAYLOAD) !== 0) {
    if (envelope.version < 4) {
      throw new ProtocolError('Received frame with CUSTOM_PAYLOAD flag for native protocol version < 4');
    }
    customPayload = reader.readBytesMap();
  }
  return {
    version: envelope.version,
    streamId: envelope.streamId,
    tracingRequested: (envelope.flags & EnvelopeFlag.TRACING) !== 0,
    customPayload,
    message: readMessage(name, reader, envelope.version),
  };
}
