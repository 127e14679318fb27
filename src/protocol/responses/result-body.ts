import { invariant, type ByteWriter } from '../../common/index.js';
import type { ProtocolVersion } from '../protocol-version.js';
import { writeSchemaChange } from './event-body.js';
import type { Result, RowCells } from './response-message.js';
import { writePreparedMetadata, writeResultMetadata } from './result-metadata.js';

/** RESULT kinds (spec §4.2.5). */
export const ResultKind = {
  VOID: 0x0001,
  ROWS: 0x0002,
  SET_KEYSPACE: 0x0003,
  PREPARED: 0x0004,
  SCHEMA_CHANGE: 0x0005,
} as const;

/** <rows_count><rows_content>: every cell a [bytes], written straight into the one buffer. */
function writeRows(writer: ByteWriter, rows: readonly RowCells[], columnCount: number): void {
  let sizeBytes = 4;
  for (const row of rows) {
    invariant(row.length === columnCount, `a row has ${row.length} cells for ${columnCount} columns`);
    for (const cell of row) sizeBytes += 4 + (cell === null ? 0 : cell.length);
  }
  writer.ensureCapacity(sizeBytes);
  writer.writeInt(rows.length);
  for (const row of rows) {
    for (const cell of row) writer.writeBytes(cell);
  }
}

export function writeResultBody(writer: ByteWriter, result: Result, version: ProtocolVersion): void {
  switch (result.kind) {
    case 'void':
      writer.writeInt(ResultKind.VOID);
      return;
    case 'rows':
      writer.writeInt(ResultKind.ROWS);
      writeResultMetadata(writer, result.metadata, version);
      writeRows(writer, result.rows, result.metadata.columns.length);
      return;
    case 'set-keyspace':
      writer.writeInt(ResultKind.SET_KEYSPACE);
      writer.writeString(result.keyspace);
      return;
    case 'prepared':
      writer.writeInt(ResultKind.PREPARED);
      writer.writeShortBytes(result.statementId);
      if (version >= 5) writer.writeShortBytes(result.resultMetadataId);
      writePreparedMetadata(writer, result.metadata, version);
      writeResultMetadata(writer, result.resultMetadata, version);
      return;
    case 'schema-change':
      writer.writeInt(ResultKind.SCHEMA_CHANGE);
      writeSchemaChange(writer, result.change, version);
      return;
  }
}
