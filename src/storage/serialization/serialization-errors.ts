/**
 * Failures of stored bytes. They are storage conditions, not CQL protocol errors: the caller decides
 * (skip a dropped table's entry, stop the node on corruption as disk_failure_policy `stop` does).
 */

/** The bytes do not decode: truncated, or a field out of its range. */
export class CorruptDataError extends Error {
  override readonly name = 'CorruptDataError';
}

/** Bytes written by a newer serialization version than this code reads. */
export class UnsupportedVersionError extends Error {
  override readonly name = 'UnsupportedVersionError';

  constructor(readonly what: string, readonly version: number, readonly newestSupported: number) {
    super(`${what} has serialization version ${version}; this Cassanova reads up to version ${newestSupported}`);
  }
}

/** A partition update refers to a table the schema does not have (dropped since it was written). */
export class UnknownTableError extends Error {
  override readonly name = 'UnknownTableError';

  constructor(readonly tableId: Buffer) {
    super(`Unknown table id ${tableId.toString('hex')}`);
  }
}
