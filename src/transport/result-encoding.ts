import type { SchemaChange as DdlSchemaChange } from '../schema/index.js';
import { EMPTY_RESULT_METADATA, type Result, type SchemaChange } from '../protocol/index.js';
import type { QueryResult } from '../query/index.js';

/** The wire form of a schema change (RESULT Schema_change and the SCHEMA_CHANGE event). */
export function toProtocolSchemaChange(c: DdlSchemaChange): SchemaChange {
  if (c.target === 'KEYSPACE') return { change: c.change, target: 'KEYSPACE', keyspace: c.keyspace };
  if (c.target === 'TABLE' || c.target === 'TYPE') return { change: c.change, target: c.target, keyspace: c.keyspace, name: c.name ?? '' };
  return { change: c.change, target: c.target, keyspace: c.keyspace, name: c.name ?? '', argTypes: c.argTypes };
}

/** Maps what the query layer produced to the RESULT message the protocol encodes. */
export function toProtocolResult(result: QueryResult): Result {
  switch (result.kind) {
    case 'void':
      return { kind: 'void' };
    case 'rows':
      return {
        kind: 'rows',
        metadata: {
          columns: result.columns,
          pagingState: result.pagingState,
          skipMetadata: result.skipMetadata,
          newMetadataId: result.newMetadataId,
        },
        rows: result.rows,
      };
    case 'setKeyspace':
      return { kind: 'set-keyspace', keyspace: result.keyspace };
    case 'schemaChange':
      return { kind: 'schema-change', change: toProtocolSchemaChange(result.change) };
    case 'prepared':
      return {
        kind: 'prepared',
        statementId: result.statementId,
        resultMetadataId: result.resultMetadataId,
        metadata: { variables: result.variables, partitionKeyIndexes: result.partitionKeyIndexes },
        resultMetadata: result.resultColumns.length === 0 ? EMPTY_RESULT_METADATA : { columns: result.resultColumns },
      };
  }
}
