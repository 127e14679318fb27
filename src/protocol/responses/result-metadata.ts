import { ByteWriter, invariant } from '../../common/index.js';
import type { ProtocolVersion } from '../protocol-version.js';
import type { ColumnSpec, PreparedMetadata, ResultMetadata } from './response-message.js';
import { writeTypeOption } from './type-option.js';

/** <flags> of rows metadata (spec §4.2.5.2). */
export const ResultMetadataFlag = {
  GLOBAL_TABLES_SPEC: 0x0001,
  HAS_MORE_PAGES: 0x0002,
  NO_METADATA: 0x0004,
  METADATA_CHANGED: 0x0008,
} as const;

/** Cassandra sends one <global_table_spec> whenever every column comes from the same table. */
function allInSameTable(columns: readonly ColumnSpec[]): boolean {
  const first = columns[0];
  if (first === undefined) return false;
  return columns.every((c) => c.keyspace === first.keyspace && c.table === first.table);
}

function writeColumnSpecs(writer: ByteWriter, columns: readonly ColumnSpec[], globalSpec: boolean, version: ProtocolVersion): void {
  if (globalSpec) {
    writer.writeString(columns[0]!.keyspace);
    writer.writeString(columns[0]!.table);
  }
  for (const column of columns) {
    if (!globalSpec) {
      writer.writeString(column.keyspace);
      writer.writeString(column.table);
    }
    writer.writeString(column.name);
    writeTypeOption(writer, column.type, version);
  }
}

interface EncodedColumnSpecs {
  readonly globalSpec: boolean;
  readonly bytes: Buffer;
}

/**
 * Column specs encoded once per columns array and protocol version. A prepared SELECT answers with the
 * same (immutable) array every time, and names and types re-encoded as UTF-8 on every response were a
 * visible share of its cost. Arrays made for one response are simply collected with their entry.
 */
const encodedColumnSpecs = new WeakMap<readonly ColumnSpec[], Map<ProtocolVersion, EncodedColumnSpecs>>();

function columnSpecsOf(columns: readonly ColumnSpec[], version: ProtocolVersion): EncodedColumnSpecs {
  let byVersion = encodedColumnSpecs.get(columns);
  if (byVersion === undefined) {
    byVersion = new Map();
    encodedColumnSpecs.set(columns, byVersion);
  }
  let encoded = byVersion.get(version);
  if (encoded === undefined) {
    const globalSpec = allInSameTable(columns);
    const writer = new ByteWriter();
    writeColumnSpecs(writer, columns, globalSpec, version);
    encoded = { globalSpec, bytes: Buffer.from(writer.toBuffer()) };
    byVersion.set(version, encoded);
  }
  return encoded;
}

/** <metadata> of a Rows result, or <result_metadata> of a Prepared one. */
export function writeResultMetadata(writer: ByteWriter, metadata: ResultMetadata, version: ProtocolVersion): void {
  const noMetadata = metadata.skipMetadata === true;
  const pagingState = metadata.pagingState ?? null;
  const newMetadataId = version >= 5 ? (metadata.newMetadataId ?? null) : null;
  invariant(!(noMetadata && newMetadataId !== null), 'Metadata_changed and No_metadata are mutually exclusive');
  const specs = noMetadata ? null : columnSpecsOf(metadata.columns, version);
  const globalSpec = specs !== null && specs.globalSpec;
  let flags = 0;
  if (globalSpec) flags |= ResultMetadataFlag.GLOBAL_TABLES_SPEC;
  if (pagingState !== null) flags |= ResultMetadataFlag.HAS_MORE_PAGES;
  if (noMetadata) flags |= ResultMetadataFlag.NO_METADATA;
  if (newMetadataId !== null) flags |= ResultMetadataFlag.METADATA_CHANGED;

  writer.writeInt(flags);
  writer.writeInt(metadata.columns.length);
  if (pagingState !== null) writer.writeBytes(pagingState);
  if (newMetadataId !== null) writer.writeShortBytes(newMetadataId);
  if (specs !== null) writer.writeRaw(specs.bytes);
}

/**
 * <metadata> of a Prepared result (spec §4.2.5.4): bind markers, and from v4 the partition key bind
 * indexes, which Cassandra only sends when all markers belong to one table.
 */
export function writePreparedMetadata(writer: ByteWriter, metadata: PreparedMetadata, version: ProtocolVersion): void {
  const globalSpec = allInSameTable(metadata.variables);
  writer.writeInt(globalSpec ? ResultMetadataFlag.GLOBAL_TABLES_SPEC : 0);
  writer.writeInt(metadata.variables.length);
  if (version >= 4) {
    const indexes = globalSpec ? (metadata.partitionKeyIndexes ?? []) : [];
    writer.writeInt(indexes.length);
    for (const index of indexes) writer.writeShort(index);
  }
  writeColumnSpecs(writer, metadata.variables, globalSpec, version);
}
