import type { BoundValue, ByteReader } from '../../common/index.js';
import { ConsistencyLevel, ProtocolError } from '../../errors/index.js';
import type { ProtocolVersion } from '../protocol-version.js';
import type { QueryParameters } from './request-message.js';

/** <flags> of QUERY/EXECUTE/BATCH parameters (spec §4.1.4): a [byte] before v5, an [int] from v5. */
export const QueryFlag = {
  VALUES: 0x01,
  SKIP_METADATA: 0x02,
  PAGE_SIZE: 0x04,
  WITH_PAGING_STATE: 0x08,
  WITH_SERIAL_CONSISTENCY: 0x10,
  WITH_DEFAULT_TIMESTAMP: 0x20,
  WITH_NAMES_FOR_VALUES: 0x40,
  WITH_KEYSPACE: 0x80,
  WITH_NOW_IN_SECONDS: 0x100,
} as const;

const MIN_LONG = -(2n ** 63n);
const NO_VALUES: readonly BoundValue[] = Object.freeze([]);

/** [short] n then n [value]s; −2 (unset) only exists from v4. */
export function readValueList(reader: ByteReader, version: ProtocolVersion): BoundValue[] {
  const count = reader.readShort();
  const unsetAllowed = version >= 4;
  const values = new Array<BoundValue>(count);
  for (let i = 0; i < count; i++) values[i] = reader.readValue(unsetAllowed);
  return values;
}

function readNamedValues(reader: ByteReader, version: ProtocolVersion): { names: string[]; values: BoundValue[] } {
  const count = reader.readShort();
  const unsetAllowed = version >= 4;
  const names = new Array<string>(count);
  const values = new Array<BoundValue>(count);
  for (let i = 0; i < count; i++) {
    names[i] = reader.readString();
    values[i] = reader.readValue(unsetAllowed);
  }
  return { names, values };
}

function readTimestamp(reader: ByteReader): bigint {
  const timestamp = reader.readLong();
  // Cassandra reserves Long.MIN_VALUE to mean "no timestamp".
  if (timestamp === MIN_LONG) {
    throw new ProtocolError(`Out of bound timestamp, must be in [${MIN_LONG + 1n}, ${-(MIN_LONG + 1n)}] (got ${timestamp})`);
  }
  return timestamp;
}

/** Reads <query_parameters>; optional parts come in flag order, as Cassandra's QueryOptions codec reads them. */
export function readQueryParameters(reader: ByteReader, version: ProtocolVersion): QueryParameters {
  const consistency = reader.readConsistency();
  const flags = version >= 5 ? reader.readUnsignedInt() : reader.readByte();
  let values = NO_VALUES;
  let valueNames: readonly string[] | null = null;
  if ((flags & QueryFlag.VALUES) !== 0) {
    if ((flags & QueryFlag.WITH_NAMES_FOR_VALUES) !== 0) {
      const named = readNamedValues(reader, version);
      values = named.values;
      valueNames = named.names;
    } else {
      values = readValueList(reader, version);
    }
  }
  return {
    consistency,
    values,
    valueNames,
    skipMetadata: (flags & QueryFlag.SKIP_METADATA) !== 0,
    pageSize: (flags & QueryFlag.PAGE_SIZE) !== 0 ? reader.readInt() : null,
    pagingState: (flags & QueryFlag.WITH_PAGING_STATE) !== 0 ? reader.readBytes() : null,
    serialConsistency: (flags & QueryFlag.WITH_SERIAL_CONSISTENCY) !== 0 ? reader.readConsistency() : ConsistencyLevel.SERIAL,
    timestamp: (flags & QueryFlag.WITH_DEFAULT_TIMESTAMP) !== 0 ? readTimestamp(reader) : null,
    keyspace: (flags & QueryFlag.WITH_KEYSPACE) !== 0 ? reader.readString() : null,
    nowInSeconds: (flags & QueryFlag.WITH_NOW_IN_SECONDS) !== 0 ? reader.readInt() : null,
  };
}
