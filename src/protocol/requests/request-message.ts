import type { BoundValue } from '../../common/index.js';
import type { ConsistencyLevel } from '../../errors/index.js';
import type { ProtocolVersion } from '../protocol-version.js';

/** <query_parameters> of QUERY and EXECUTE (spec §4.1.4); BATCH reuses the tail of it. */
export interface QueryParameters {
  readonly consistency: ConsistencyLevel;
  readonly values: readonly BoundValue[];
  /** The bind marker names of `values`, when the client sent them (flag 0x40); else null. */
  readonly valueNames: readonly string[] | null;
  readonly skipMetadata: boolean;
  /** Requested rows per page, as sent (≤ 0 means no paging); null when absent. */
  readonly pageSize: number | null;
  readonly pagingState: Buffer | null;
  /** SERIAL when the client did not send one, as in Cassandra. */
  readonly serialConsistency: ConsistencyLevel;
  /** The client's default timestamp in microseconds; null when absent. */
  readonly timestamp: bigint | null;
  /** v5: keyspace overriding the connection's. */
  readonly keyspace: string | null;
  /** v5: the "now" to use for TTLs and deletion times. */
  readonly nowInSeconds: number | null;
}

export interface StartupMessage {
  readonly type: 'STARTUP'; // 0x01
  /** Keys as sent (CQL_VERSION, COMPRESSION, DRIVER_NAME, ...); validation is the caller's. */
  readonly options: ReadonlyMap<string, string>;
}

export interface OptionsMessage {
  readonly type: 'OPTIONS'; // 0x05
}

export interface QueryMessage {
  readonly type: 'QUERY'; // 0x07
  readonly query: string;
  readonly parameters: QueryParameters;
}

export interface PrepareMessage {
  readonly type: 'PREPARE'; // 0x09
  readonly query: string;
  /** v5 "with keyspace" flag. */
  readonly keyspace: string | null;
}

export interface ExecuteMessage {
  readonly type: 'EXECUTE'; // 0x0A
  readonly statementId: Buffer;
  /** v5 only: the result metadata id the client holds. */
  readonly resultMetadataId: Buffer | null;
  readonly parameters: QueryParameters;
}

export type BatchType = 'LOGGED' | 'UNLOGGED' | 'COUNTER';

export type BatchChild =
  | { readonly kind: 'query'; readonly query: string; readonly values: readonly BoundValue[] }
  | { readonly kind: 'prepared'; readonly statementId: Buffer; readonly values: readonly BoundValue[] };

export interface BatchMessage {
  readonly type: 'BATCH'; // 0x0D
  readonly batchType: BatchType;
  readonly children: readonly BatchChild[];
  readonly consistency: ConsistencyLevel;
  readonly serialConsistency: ConsistencyLevel;
  readonly timestamp: bigint | null;
  readonly keyspace: string | null;
  readonly nowInSeconds: number | null;
}

/** Event types a client may REGISTER for (spec §4.2.6). */
export type EventType = 'TOPOLOGY_CHANGE' | 'STATUS_CHANGE' | 'SCHEMA_CHANGE';

export interface RegisterMessage {
  readonly type: 'REGISTER'; // 0x0B
  readonly eventTypes: readonly EventType[];
}

export interface AuthResponseMessage {
  readonly type: 'AUTH_RESPONSE'; // 0x0F
  readonly token: Buffer | null;
}

export type RequestMessage =
  | StartupMessage
  | OptionsMessage
  | QueryMessage
  | PrepareMessage
  | ExecuteMessage
  | BatchMessage
  | RegisterMessage
  | AuthResponseMessage;

/** A decoded request envelope: the message plus what its header said. */
export interface Request {
  readonly version: ProtocolVersion;
  readonly streamId: number;
  /** Tracing flag: the client wants a tracing session (QUERY, PREPARE, EXECUTE, BATCH). */
  readonly tracingRequested: boolean;
  /** v4+ custom payload (flag 0x04), null when absent. */
  readonly customPayload: ReadonlyMap<string, Buffer | null> | null;
  readonly message: RequestMessage;
}
