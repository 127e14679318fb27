import type { ConsistencyLevel } from '../../errors/index.js';

import { UNSET, type BoundValue, type RequestContext } from '../../common/index.js';
import type { UdfLimits } from '../functions/udf/udf-limits.js';

/** A bound value as it arrives: serialized bytes, null, or "unset" (v4+: leave the column alone). */
export { UNSET, type BoundValue };

/** What accompanies a statement's execution (Cassandra's QueryOptions), already decoded from the wire. */
export interface QueryOptions {
  readonly consistency: ConsistencyLevel;
  readonly serialConsistency: ConsistencyLevel | null;
  /** Positional values; named values are resolved to positions before execution. */
  readonly values: readonly BoundValue[];
  readonly pageSize: number;
  readonly pagingState: Buffer | null;
  /** The client-supplied default timestamp (µs), if any. */
  readonly timestamp: bigint | null;
  /** The client-supplied now in seconds (v5), if any. */
  readonly nowInSeconds: number | null;
  /** Keyspace for unqualified names, from USE or the v5 keyspace flag. */
  readonly keyspace: string | null;
  readonly protocolVersion: number;
}

/** Per-execution context a statement needs besides its options: the time, fresh uuids, the client request. */
export interface ExecutionContext {
  /** The client request's warnings and tracing session, passed on to every read and write. */
  readonly request: RequestContext;
  readonly nowMicros: bigint;
  readonly nowInSec: number;
  /** A new version-1 (time-based) uuid, for now(). */
  newTimeUuid(): Buffer;
  /** A new random (version 4) uuid, for uuid(). */
  newRandomUuid(): Buffer;
  /** The token of a partition key, for token(...) terms. */
  tokenOf(components: readonly Buffer[]): bigint;
  /** Time limits of user function bodies and the clock measuring them (Cassandra's defaults when absent). */
  readonly udfLimits?: UdfLimits;
}
