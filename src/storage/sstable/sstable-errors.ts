/**
 * Failures of SSTable files. Storage conditions, not CQL protocol errors: whoever opened the SSTable
 * applies disk_failure_policy (`stop`: the node stops with this message, naming the file).
 */

/** A component fails its checksum, is cut short, or holds bytes that do not decode. */
export class CorruptSSTableError extends Error {
  override readonly name = 'CorruptSSTableError';

  constructor(readonly file: string, readonly detail: string) {
    super(`Corrupt SSTable file ${file}: ${detail}`);
  }
}

/** A component written by a newer (or unknown) SSTable format than this code reads. */
export class UnsupportedSSTableFormatError extends Error {
  override readonly name = 'UnsupportedSSTableFormatError';

  constructor(readonly file: string, detail: string) {
    super(`Cannot read SSTable file ${file}: ${detail}`);
  }
}
