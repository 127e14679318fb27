import {
  CasWriteUnknownError, ConsistencyLevel, CqlError, IsBootstrappingError, OverloadedError, ReadFailureError, ReadTimeoutError,
  ServerError, UnavailableError, WriteFailureError, WriteTimeoutError,
} from '../../errors/index.js';
import { KvError } from '../../kv/index.js';

/**
 * The KvError a failed KV request answers with. Consistency failures keep the coordinator's figures:
 * Unavailable is 503 (consistency, required, alive), a timeout 504 (consistency, received, blockFor and
 * a write's writeType), a replica's failure 502; a server error 500; an overloaded or bootstrapping coordinator 503; any
 * other CQL error is the request's fault (400: a key too long, a TTL out of range, ANY on a read).
 */
export function kvErrorOf(error: unknown): KvError {
  if (error instanceof KvError) return error;
  if (!(error instanceof CqlError)) return new KvError(500, error instanceof Error ? error.message : String(error));
  if (error instanceof UnavailableError) {
    return new KvError(503, error.message, { consistency: ConsistencyLevel[error.consistency], required: error.required, alive: error.alive });
  }
  if (error instanceof WriteTimeoutError || error instanceof CasWriteUnknownError) {
    const writeType = error instanceof WriteTimeoutError ? error.writeType : 'CAS';
    return new KvError(504, error.message, { consistency: ConsistencyLevel[error.consistency], received: error.received, blockFor: error.blockFor, writeType });
  }
  if (error instanceof ReadTimeoutError) {
    return new KvError(504, error.message, { consistency: ConsistencyLevel[error.consistency], received: error.received, blockFor: error.blockFor });
  }
  if (error instanceof ReadFailureError || error instanceof WriteFailureError) {
    const writeType = error instanceof WriteFailureError ? { writeType: error.writeType } : {};
    return new KvError(502, error.message, { consistency: ConsistencyLevel[error.consistency], received: error.received, blockFor: error.blockFor, ...writeType });
  }
  if (error instanceof OverloadedError || error instanceof IsBootstrappingError) return new KvError(503, error.message);
  if (error instanceof ServerError) return new KvError(500, error.message);
  return new KvError(400, error.message);
}
