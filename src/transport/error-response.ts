import { InvariantError } from '../common/index.js';
import { CqlError, ServerError, type AnyCqlError } from '../errors/index.js';

/**
 * The one place where anything thrown while serving a request becomes a protocol error: request errors
 * pass through; anything else is a bug and becomes a ServerError, so the client gets an answer and the
 * connection carries on.
 */
export function toCqlError(error: unknown): AnyCqlError {
  if (error instanceof CqlError) return error as AnyCqlError;
  if (error instanceof InvariantError) return new ServerError(`java.lang.AssertionError: ${error.message}`);
  const message = error instanceof Error ? error.message : String(error);
  return new ServerError(`java.lang.RuntimeException: ${message}`);
}

/** Whether the error is a bug on our side (worth logging), rather than something the client caused. */
export function isInternalError(error: unknown): boolean {
  return !(error instanceof CqlError);
}
