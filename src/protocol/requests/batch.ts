import type { ByteReader } from '../../common/index.js';
import { ProtocolError } from '../../errors/index.js';
import type { ProtocolVersion } from '../protocol-version.js';
import { readQueryParameters, readValueList } from './query-parameters.js';
import type { BatchChild, BatchMessage, BatchType } from './request-message.js';

const BATCH_TYPES: readonly BatchType[] = ['LOGGED', 'UNLOGGED', 'COUNTER'];

function readChild(reader: ByteReader, version: ProtocolVersion): BatchChild {
  const kind = reader.readByte();
  if (kind === 0) {
    const query = reader.readLongString();
    return { kind: 'query', query, values: readValueList(reader, version) };
  }
  if (kind === 1) {
    const statementId = reader.readShortBytes();
    return { kind: 'prepared', statementId, values: readValueList(reader, version) };
  }
  throw new ProtocolError(`Invalid query kind in BATCH messages. Must be 0 or 1 but got ${kind}`);
}

/**
 * BATCH body (spec §4.1.7). Children never carry value names: the 0x40 flag cannot work for batches
 * (CASSANDRA-10246), and Cassandra reads plain value lists regardless. The trailing options are read
 * with the QUERY parameters codec, as Cassandra does.
 */
export function readBatch(reader: ByteReader, version: ProtocolVersion): BatchMessage {
  const typeCode = reader.readByte();
  const batchType = BATCH_TYPES[typeCode];
  if (batchType === undefined) throw new ProtocolError(`Invalid BATCH message type ${typeCode}`);
  const count = reader.readShort();
  const children = new Array<BatchChild>(count);
  for (let i = 0; i < count; i++) children[i] = readChild(reader, version);
  const options = readQueryParameters(reader, version);
  return {
    type: 'BATCH',
    batchType,
    children,
    consistency: options.consistency,
    serialConsistency: options.serialConsistency,
    timestamp: options.timestamp,
    keyspace: options.keyspace,
    nowInSeconds: options.nowInSeconds,
  };
}
