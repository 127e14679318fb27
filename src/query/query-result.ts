import type { ColumnSpecification } from '../cql/index.js';
import type { SchemaChange } from '../schema/index.js';

/** What processing a request produced, before the transport encodes it (RESULT kinds, spec §4.2.5). */
export type QueryResult =
  | { readonly kind: 'void' }
  | {
      readonly kind: 'rows';
      readonly columns: readonly ColumnSpecification[];
      readonly rows: readonly (readonly (Buffer | null)[])[];
      readonly pagingState: Buffer | null;
      /** The client asked not to be sent the metadata again (it holds it from PREPARED). */
      readonly skipMetadata: boolean;
      /** v5: the metadata changed since the client prepared; send it with this new id. */
      readonly newMetadataId: Buffer | null;
    }
  | { readonly kind: 'setKeyspace'; readonly keyspace: string }
  | { readonly kind: 'schemaChange'; readonly change: SchemaChange }
  | {
      readonly kind: 'prepared';
      readonly statementId: Buffer;
      readonly resultMetadataId: Buffer;
      readonly variables: readonly ColumnSpecification[];
      readonly partitionKeyIndexes: readonly number[] | null;
      readonly resultColumns: readonly ColumnSpecification[];
    };
