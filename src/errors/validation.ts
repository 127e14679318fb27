import { InvalidRequestError } from './cql-error.js';

/** Request validation reads as a list of rules, as in Cassandra's RequestValidations. */
export function checkTrue(condition: boolean, message: string): asserts condition {
  if (!condition) throw new InvalidRequestError(message);
}

export function checkFalse(condition: boolean, message: string): void {
  if (condition) throw new InvalidRequestError(message);
}

export function checkNotNull<T>(value: T | null | undefined, message: string): T {
  if (value === null || value === undefined) throw new InvalidRequestError(message);
  return value;
}

export function invalid(message: string): InvalidRequestError {
  return new InvalidRequestError(message);
}
