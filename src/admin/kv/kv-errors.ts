import {
  AlreadyExistsError, CasWriteUnknownError, errorCodeName, ConfigurationError, ConsistencyLevel, CqlError, InvalidRequestError, IsBootstrappingError,
  OverloadedError, ReadFailureError, ReadTimeoutError, SyntaxError, UnavailableError, WriteFailureError, WriteTimeoutError,
} from '../../errors/index.js';
import { KvError, type KvErrorDetails } from '../../kv/index.js';

/**
 * The KvError a failed KV request answers with, as a gateway in front of the coordinator would. Consistency
 * failures keep the coordinator's figures: Unavailable is 503 (consistency, required, alive), a timeout 504
 * (consistency, received, blockFor and a write's writeType); an overloaded or bootstrapping coordinator 503.
 * What Cassandra refuses as the request's fault (syntax, invalid, configuration) is 400: a key too long, a
 * TTL out of range, ANY on a read. Any other error of the coordinator (a replica's failure, a server error,
 * a primed protocol error) is 502, with the protocol error's name (cqlError); only a failure of the KV API itself is 500.
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
  if (error instanceof OverloadedError || error instanceof IsBootstrappingError) return new KvError(503, error.message);
  if (isRequestFault(error)) return new KvError(400, error.message);
  return new KvError(502, error.message, { cqlError: errorCodeName(error.code), ...failureFigures(error) });
}

function isRequestFault(error: CqlError): boolean {
  return error instanceof SyntaxError || error instanceof InvalidRequestError || error instanceof ConfigurationError || error instanceof AlreadyExistsError;
}

/** A replica failure's figures: how many answered, how many were needed, and a write's type. */
function failureFigures(error: CqlError): KvErrorDetails {
  if (!(error instanceof ReadFailureError || error instanceof WriteFailureError)) return {};
  const writeType = error instanceof WriteFailureError ? { writeType: error.writeType } : {};
  return { consistency: ConsistencyLevel[error.consistency], received: error.received, blockFor: error.blockFor, failures: error.failures.length, ...writeType };
}
