import { ByteReader } from '../../common/index.js';
import { ProtocolError } from '../../errors/index.js';
import { native, opaqueCustomType, parseMarshalType, type CqlType, type NativeTypeName } from '../../types/index.js';
import type { Compressor } from '../compression.js';
import { EnvelopeFlag, HEADER_LENGTH, LEGACY_HEADER_LENGTH, RESPONSE_BIT, type Envelope } from '../envelope.js';
import { opcodeName } from '../opcode.js';
import { ResultMetadataFlag } from '../responses/result-metadata.js';
import type { ColumnSpec, SchemaChange, SchemaChangeType, ServerEvent } from '../responses/response-message.js';
import { NATIVE_TYPE_IDS, TypeOptionId } from '../responses/type-option.js';

/** Rows metadata as read back; `columns` is null under No_metadata. */
export interface DecodedResultMetadata {
  readonly flags: number;
  readonly columnCount: number;
  readonly pagingState: Buffer | null;
  readonly newMetadataId: Buffer | null;
  readonly columns: ColumnSpec[] | null;
}

export type DecodedResult =
  | { readonly kind: 'void' }
  | { readonly kind: 'rows'; readonly metadata: DecodedResultMetadata; readonly rows: (Buffer | null)[][] }
  | { readonly kind: 'set-keyspace'; readonly keyspace: string }
  | {
      readonly kind: 'prepared';
      readonly statementId: Buffer;
      readonly resultMetadataId: Buffer | null;
      readonly variables: ColumnSpec[];
      readonly partitionKeyIndexes: number[] | null;
      readonly resultMetadata: DecodedResultMetadata;
    }
  | { readonly kind: 'schema-change'; readonly change: SchemaChange };

export type DecodedResponseMessage =
  | { readonly type: 'ERROR'; readonly code: number; readonly message: string; readonly details: Buffer }
  | { readonly type: 'READY' }
  | { readonly type: 'AUTHENTICATE'; readonly authenticator: string }
  | { readonly type: 'SUPPORTED'; readonly options: Map<string, string[]> }
  | { readonly type: 'RESULT'; readonly result: DecodedResult }
  | { readonly type: 'EVENT'; readonly event: ServerEvent }
  | { readonly type: 'AUTH_CHALLENGE' | 'AUTH_SUCCESS'; readonly token: Buffer | null };

export interface DecodedResponse {
  readonly version: number;
  readonly flags: number;
  readonly streamId: number;
  readonly tracingId: Buffer | null;
  readonly warnings: string[] | null;
  readonly customPayload: Map<string, Buffer | null> | null;
  readonly message: DecodedResponseMessage;
}

const NATIVE_BY_ID = new Map<number, NativeTypeName>(
  (Object.entries(NATIVE_TYPE_IDS) as [NativeTypeName, { id: number }][]).map(([name, { id }]) => [id, name]),
);

/** A custom type option's class name as the type it names; a name Cassanova cannot parse stays opaque. */
function customTypeNamed(className: string): CqlType {
  try {
    return parseMarshalType(className);
  } catch {
    return opaqueCustomType(className);
  }
}

/** Reads a type [option]; collections and UDTs come back unfrozen, as the option does not say. */
export function readTypeOption(reader: ByteReader): CqlType {
  const id = reader.readShort();
  switch (id) {
    case TypeOptionId.CUSTOM:
      return customTypeNamed(reader.readString());
    case TypeOptionId.LIST:
      return { kind: 'list', element: readTypeOption(reader), frozen: false };
    case TypeOptionId.SET:
      return { kind: 'set', element: readTypeOption(reader), frozen: false };
    case TypeOptionId.MAP:
      return { kind: 'map', key: readTypeOption(reader), value: readTypeOption(reader), frozen: false };
    case TypeOptionId.UDT: {
      const keyspace = reader.readString();
      const name = reader.readString();
      const fields = Array.from({ length: reader.readShort() }, () => ({ name: reader.readString(), type: readTypeOption(reader) }));
      return { kind: 'udt', keyspace, name, fields, frozen: false };
    }
    case TypeOptionId.TUPLE:
      return { kind: 'tuple', elements: Array.from({ length: reader.readShort() }, () => readTypeOption(reader)) };
  }
  const name = NATIVE_BY_ID.get(id);
  if (name === undefined) throw new ProtocolError(`Unknown type option id ${id}`);
  return native(name);
}

function readColumnSpecs(reader: ByteReader, count: number, globalSpec: boolean): ColumnSpec[] {
  const global = globalSpec ? { keyspace: reader.readString(), table: reader.readString() } : null;
  return Array.from({ length: count }, () => {
    const keyspace = global?.keyspace ?? reader.readString();
    const table = global?.table ?? reader.readString();
    return { keyspace, table, name: reader.readString(), type: readTypeOption(reader) };
  });
}

function readResultMetadata(reader: ByteReader, version: number): DecodedResultMetadata {
  const flags = reader.readInt();
  const columnCount = reader.readInt();
  const pagingState = (flags & ResultMetadataFlag.HAS_MORE_PAGES) !== 0 ? reader.readBytes() : null;
  const changed = version >= 5 && (flags & ResultMetadataFlag.METADATA_CHANGED) !== 0;
  const newMetadataId = changed ? reader.readShortBytes() : null;
  const columns = (flags & ResultMetadataFlag.NO_METADATA) !== 0
    ? null
    : readColumnSpecs(reader, columnCount, (flags & ResultMetadataFlag.GLOBAL_TABLES_SPEC) !== 0);
  return { flags, columnCount, pagingState, newMetadataId, columns };
}

function readPrepared(reader: ByteReader, version: number): DecodedResult {
  const statementId = reader.readShortBytes();
  const resultMetadataId = version >= 5 ? reader.readShortBytes() : null;
  const flags = reader.readInt();
  const count = reader.readInt();
  const partitionKeyIndexes = version >= 4 ? Array.from({ length: reader.readInt() }, () => reader.readShort()) : null;
  const variables = readColumnSpecs(reader, count, (flags & ResultMetadataFlag.GLOBAL_TABLES_SPEC) !== 0);
  const resultMetadata = readResultMetadata(reader, version);
  return { kind: 'prepared', statementId, resultMetadataId, variables, partitionKeyIndexes, resultMetadata };
}

function readSchemaChange(reader: ByteReader): SchemaChange {
  const change = reader.readString() as SchemaChangeType;
  const target = reader.readString();
  const keyspace = reader.readString();
  if (target === 'KEYSPACE') return { change, target, keyspace };
  const name = reader.readString();
  if (target === 'TABLE' || target === 'TYPE') return { change, target, keyspace, name };
  if (target === 'FUNCTION' || target === 'AGGREGATE') return { change, target, keyspace, name, argTypes: reader.readStringList() };
  throw new ProtocolError(`Unknown schema change target ${target}`);
}

function readResult(reader: ByteReader, version: number): DecodedResult {
  const kind = reader.readInt();
  switch (kind) {
    case 1:
      return { kind: 'void' };
    case 2: {
      const metadata = readResultMetadata(reader, version);
      const rows = Array.from({ length: reader.readInt() }, () => Array.from({ length: metadata.columnCount }, () => reader.readBytes()));
      return { kind: 'rows', metadata, rows };
    }
    case 3:
      return { kind: 'set-keyspace', keyspace: reader.readString() };
    case 4:
      return readPrepared(reader, version);
    case 5:
      return { kind: 'schema-change', change: readSchemaChange(reader) };
  }
  throw new ProtocolError(`Unknown result kind ${kind}`);
}

function readEvent(reader: ByteReader): ServerEvent {
  const type = reader.readString();
  if (type === 'SCHEMA_CHANGE') return { type, change: readSchemaChange(reader) };
  const change = reader.readString();
  const address = reader.readInet();
  if (type === 'TOPOLOGY_CHANGE') return { type, change: change as 'NEW_NODE' | 'REMOVED_NODE' | 'MOVED_NODE', address };
  if (type === 'STATUS_CHANGE') return { type, change: change as 'UP' | 'DOWN', address };
  throw new ProtocolError(`Unknown event type ${type}`);
}

function readMessage(opcode: number, reader: ByteReader, version: number): DecodedResponseMessage {
  const name = opcodeName(opcode);
  switch (name) {
    case 'ERROR': {
      const code = reader.readInt();
      const message = reader.readString();
      return { type: 'ERROR', code, message, details: reader.readRaw(reader.remaining) };
    }
    case 'READY':
      return { type: 'READY' };
    case 'AUTHENTICATE':
      return { type: 'AUTHENTICATE', authenticator: reader.readString() };
    case 'SUPPORTED':
      return { type: 'SUPPORTED', options: reader.readStringMultimap() };
    case 'RESULT':
      return { type: 'RESULT', result: readResult(reader, version) };
    case 'EVENT':
      return { type: 'EVENT', event: readEvent(reader) };
    case 'AUTH_CHALLENGE':
    case 'AUTH_SUCCESS':
      return { type: name, token: reader.readBytes() };
  }
  throw new ProtocolError(`Not a response opcode: ${opcode}`);
}

/** An envelope from a server; its version may be an old one (v1/v2 error replies). */
export type ResponseEnvelope = Omit<Envelope, 'version'> & { readonly version: number };

/** Decodes a response envelope as a driver would; for tests. */
export function decodeResponseEnvelope(envelope: ResponseEnvelope, compressor: Compressor | null = null): DecodedResponse {
  const { flags, version } = envelope;
  let body = envelope.body;
  if ((flags & EnvelopeFlag.COMPRESSED) !== 0 && version < 5) {
    if (compressor === null) throw new ProtocolError('Compressed response but no compressor given');
    body = compressor.decompress(body);
  }
  const reader = new ByteReader(body);
  const tracingId = (flags & EnvelopeFlag.TRACING) !== 0 ? reader.readUuid() : null;
  const warnings = (flags & EnvelopeFlag.WARNING) !== 0 ? reader.readStringList() : null;
  const customPayload = (flags & EnvelopeFlag.CUSTOM_PAYLOAD) !== 0 ? reader.readBytesMap() : null;
  const message = readMessage(envelope.opcode, reader, version);
  return { version, flags, streamId: envelope.streamId, tracingId, warnings, customPayload, message };
}

/** Decodes one whole response envelope from bytes, including the v1/v2 8-byte header layout. */
export function decodeResponse(bytes: Buffer, compressor: Compressor | null = null): DecodedResponse {
  const version = bytes[0]! & ~RESPONSE_BIT & 0xff;
  const legacy = version === 1 || version === 2;
  const headerLength = legacy ? LEGACY_HEADER_LENGTH : HEADER_LENGTH;
  if (bytes.length < headerLength || (bytes[0]! & RESPONSE_BIT) === 0) throw new ProtocolError('Not a response envelope');
  const streamId = legacy ? bytes.readInt8(2) : bytes.readInt16BE(2);
  const bodyLength = bytes.readInt32BE(headerLength - 4);
  const body = bytes.subarray(headerLength, headerLength + bodyLength);
  const envelope = { version, isResponse: true, flags: bytes[1]!, streamId, opcode: bytes[headerLength - 5]!, body };
  return decodeResponseEnvelope(envelope, compressor);
}
