import type { InetSocketAddress } from '../../common/index.js';
import type { AnyCqlError } from '../../errors/index.js';
import type { CqlType } from '../../types/index.js';

/** One column of a result set, or one bind marker of a prepared statement (spec §4.2.5.2 <col_spec>). */
export interface ColumnSpec {
  readonly keyspace: string;
  readonly table: string;
  readonly name: string;
  readonly type: CqlType;
}

/** Rows metadata (spec §4.2.5.2); also the <result_metadata> of a Prepared result. */
export interface ResultMetadata {
  readonly columns: readonly ColumnSpec[];
  /** Present when more pages follow (Has_more_pages). */
  readonly pagingState?: Buffer | null;
  /** No_metadata: only the column count is sent, because the client asked to skip metadata. */
  readonly skipMetadata?: boolean;
  /** v5 Metadata_changed: the id the client must use from now on; full metadata is sent with it. */
  readonly newMetadataId?: Buffer | null;
}

/** Bind markers of a prepared statement (spec §4.2.5.4 <metadata>). */
export interface PreparedMetadata {
  readonly variables: readonly ColumnSpec[];
  /**
   * For each partition key column, the index of its bind marker (v4+), or null when some partition
   * key column has no bind marker. Only sent when all variables belong to one table.
   */
  readonly partitionKeyIndexes: readonly number[] | null;
}

export type SchemaChangeType = 'CREATED' | 'UPDATED' | 'DROPPED';

/** The body shared by RESULT Schema_change and the SCHEMA_CHANGE event (spec §4.2.6). */
export type SchemaChange =
  | { readonly change: SchemaChangeType; readonly target: 'KEYSPACE'; readonly keyspace: string }
  | { readonly change: SchemaChangeType; readonly target: 'TABLE' | 'TYPE'; readonly keyspace: string; readonly name: string }
  | {
      readonly change: SchemaChangeType;
      readonly target: 'FUNCTION' | 'AGGREGATE';
      readonly keyspace: string;
      readonly name: string;
      /** CQL type names of the arguments. */
      readonly argTypes: readonly string[];
    };

/** A row is one cell per column: serialized bytes or null. */
export type RowCells = readonly (Buffer | null)[];

export type Result =
  | { readonly kind: 'void' } // 0x0001
  | { readonly kind: 'rows'; readonly metadata: ResultMetadata; readonly rows: readonly RowCells[] } // 0x0002
  | { readonly kind: 'set-keyspace'; readonly keyspace: string } // 0x0003
  | {
      readonly kind: 'prepared'; // 0x0004
      readonly statementId: Buffer;
      /** Sent on v5 only; clients echo it in EXECUTE. */
      readonly resultMetadataId: Buffer;
      readonly metadata: PreparedMetadata;
      readonly resultMetadata: ResultMetadata;
    }
  | { readonly kind: 'schema-change'; readonly change: SchemaChange }; // 0x0005

export type RowsResult = Extract<Result, { kind: 'rows' }>;
export type PreparedResult = Extract<Result, { kind: 'prepared' }>;

/** A server-pushed event (spec §4.2.6); always sent on stream −1. */
export type ServerEvent =
  | {
      readonly type: 'TOPOLOGY_CHANGE';
      readonly change: 'NEW_NODE' | 'REMOVED_NODE' | 'MOVED_NODE';
      readonly address: InetSocketAddress;
    }
  | { readonly type: 'STATUS_CHANGE'; readonly change: 'UP' | 'DOWN'; readonly address: InetSocketAddress }
  | { readonly type: 'SCHEMA_CHANGE'; readonly change: SchemaChange };

export type ResponseMessage =
  | { readonly type: 'ERROR'; readonly error: AnyCqlError } // 0x00
  | { readonly type: 'READY' } // 0x02
  | { readonly type: 'AUTHENTICATE'; readonly authenticator: string } // 0x03
  | { readonly type: 'SUPPORTED'; readonly options: ReadonlyMap<string, readonly string[]> } // 0x06
  | { readonly type: 'RESULT'; readonly result: Result } // 0x08
  | { readonly type: 'EVENT'; readonly event: ServerEvent } // 0x0C
  | { readonly type: 'AUTH_CHALLENGE'; readonly token: Buffer | null } // 0x0E
  | { readonly type: 'AUTH_SUCCESS'; readonly token: Buffer | null }; // 0x10

/** Stream id of every EVENT. */
export const EVENT_STREAM_ID = -1;

/** Result metadata of statements that return no rows: No_metadata with zero columns. */
export const EMPTY_RESULT_METADATA: ResultMetadata = Object.freeze({ columns: [], skipMetadata: true });
