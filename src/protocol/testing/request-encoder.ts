import { ByteWriter, type BoundValue } from '../../common/index.js';
import { ConsistencyLevel } from '../../errors/index.js';
import type { Compressor } from '../compression.js';
import { EnvelopeFlag, encodeEnvelope } from '../envelope.js';
import { Opcode } from '../opcode.js';
import type { ProtocolVersion } from '../protocol-version.js';
import { QueryFlag } from '../requests/query-parameters.js';
import type { BatchMessage, QueryParameters, RequestMessage } from '../requests/request-message.js';

/** Query parameters with Cassandra's defaults for everything not given. */
export function queryParameters(overrides: Partial<QueryParameters> = {}): QueryParameters {
  return {
    consistency: ConsistencyLevel.ONE,
    values: [],
    valueNames: null,
    skipMetadata: false,
    pageSize: null,
    pagingState: null,
    serialConsistency: ConsistencyLevel.SERIAL,
    timestamp: null,
    keyspace: null,
    nowInSeconds: null,
    ...overrides,
  };
}

function writeValues(writer: ByteWriter, values: readonly BoundValue[], names: readonly string[] | null): void {
  writer.writeShort(values.length);
  values.forEach((value, i) => {
    if (names !== null) writer.writeString(names[i]!);
    writer.writeValue(value);
  });
}

function writeQueryParameters(writer: ByteWriter, p: QueryParameters, version: ProtocolVersion): void {
  let flags = 0;
  if (p.values.length > 0) flags |= QueryFlag.VALUES;
  if (p.values.length > 0 && p.valueNames !== null) flags |= QueryFlag.WITH_NAMES_FOR_VALUES;
  if (p.skipMetadata) flags |= QueryFlag.SKIP_METADATA;
  if (p.pageSize !== null) flags |= QueryFlag.PAGE_SIZE;
  if (p.pagingState !== null) flags |= QueryFlag.WITH_PAGING_STATE;
  if (p.serialConsistency !== ConsistencyLevel.SERIAL) flags |= QueryFlag.WITH_SERIAL_CONSISTENCY;
  if (p.timestamp !== null) flags |= QueryFlag.WITH_DEFAULT_TIMESTAMP;
  if (p.keyspace !== null) flags |= QueryFlag.WITH_KEYSPACE;
  if (p.nowInSeconds !== null) flags |= QueryFlag.WITH_NOW_IN_SECONDS;

  writer.writeConsistency(p.consistency);
  if (version >= 5) writer.writeUnsignedInt(flags);
  else writer.writeByte(flags);
  if ((flags & QueryFlag.VALUES) !== 0) writeValues(writer, p.values, p.valueNames);
  if (p.pageSize !== null) writer.writeInt(p.pageSize);
  if (p.pagingState !== null) writer.writeBytes(p.pagingState);
  if (p.serialConsistency !== ConsistencyLevel.SERIAL) writer.writeConsistency(p.serialConsistency);
  if (p.timestamp !== null) writer.writeLong(p.timestamp);
  if (p.keyspace !== null) writer.writeString(p.keyspace);
  if (p.nowInSeconds !== null) writer.writeInt(p.nowInSeconds);
}

function writeBatch(writer: ByteWriter, batch: BatchMessage, version: ProtocolVersion): void {
  writer.writeByte(['LOGGED', 'UNLOGGED', 'COUNTER'].indexOf(batch.batchType));
  writer.writeShort(batch.children.length);
  for (const child of batch.children) {
    writer.writeByte(child.kind === 'query' ? 0 : 1);
    if (child.kind === 'query') writer.writeLongString(child.query);
    else writer.writeShortBytes(child.statementId);
    writeValues(writer, child.values, null);
  }
  const { consistency, serialConsistency, timestamp, keyspace, nowInSeconds } = batch;
  writeQueryParameters(writer, queryParameters({ consistency, serialConsistency, timestamp, keyspace, nowInSeconds }), version);
}

/** The body of a request message, as a driver would write it (the inverse of decodeRequest). */
export function encodeRequestBody(message: RequestMessage, version: ProtocolVersion): Buffer {
  const writer = new ByteWriter();
  switch (message.type) {
    case 'STARTUP':
      writer.writeStringMap(message.options);
      break;
    case 'OPTIONS':
      break;
    case 'QUERY':
      writer.writeLongString(message.query);
      writeQueryParameters(writer, message.parameters, version);
      break;
    case 'PREPARE':
      writer.writeLongString(message.query);
      if (version >= 5) writer.writeUnsignedInt(message.keyspace === null ? 0 : 1);
      if (version >= 5 && message.keyspace !== null) writer.writeString(message.keyspace);
      break;
    case 'EXECUTE':
      writer.writeShortBytes(message.statementId);
      if (version >= 5) writer.writeShortBytes(message.resultMetadataId ?? Buffer.alloc(0));
      writeQueryParameters(writer, message.parameters, version);
      break;
    case 'BATCH':
      writeBatch(writer, message, version);
      break;
    case 'REGISTER':
      writer.writeStringList(message.eventTypes);
      break;
    case 'AUTH_RESPONSE':
      writer.writeBytes(message.token);
      break;
  }
  return writer.toBuffer();
}

export interface RequestFrameOptions {
  readonly version?: ProtocolVersion;
  readonly streamId?: number;
  readonly tracing?: boolean;
  readonly customPayload?: ReadonlyMap<string, Buffer | null>;
  /** v3/v4: compress the body and set flag 0x01. */
  readonly compressor?: Compressor;
}

/** A complete request envelope (v4, stream 0 unless told otherwise), ready to feed to a decoder or socket. */
export function encodeRequestFrame(message: RequestMessage, options: RequestFrameOptions = {}): Buffer {
  const version = options.version ?? 4;
  let flags = options.tracing === true ? EnvelopeFlag.TRACING : 0;
  const writer = new ByteWriter();
  if (options.customPayload !== undefined) {
    flags |= EnvelopeFlag.CUSTOM_PAYLOAD;
    writer.writeBytesMap(options.customPayload);
  }
  writer.writeRaw(encodeRequestBody(message, version));
  let body = writer.toBuffer();
  if (options.compressor !== undefined) {
    flags |= EnvelopeFlag.COMPRESSED;
    body = options.compressor.compress(body);
  }
  return encodeEnvelope({ version, isResponse: false, flags, streamId: options.streamId ?? 0, opcode: Opcode[message.type] }, body);
}

/** A STARTUP in the v1/v2 layout (8-byte header, one-byte stream id), as old drivers' probes send it. */
export function encodeLegacyStartupFrame(version: 1 | 2, streamId = 0): Buffer {
  const body = new ByteWriter();
  body.writeStringMap(new Map([['CQL_VERSION', '3.0.0']]));
  const writer = new ByteWriter();
  writer.writeByte(version);
  writer.writeByte(0);
  writer.writeByte(streamId);
  writer.writeByte(Opcode.STARTUP);
  writer.writeInt(body.length);
  writer.writeRaw(body.toBuffer());
  return writer.toBuffer();
}
