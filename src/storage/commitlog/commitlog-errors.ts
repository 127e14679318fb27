import { prettyPrintMemory } from '../../common/pretty-print-memory.js';

/**
 * The commit log cannot be replayed as it is: a corrupt entry before the end of the log, a segment of a
 * newer format or of another node. The node must not start (commit_failure_policy `stop`): starting
 * would silently drop acknowledged writes. Names the segment file and the byte offset.
 */
export class CommitLogReplayError extends Error {
  override readonly name = 'CommitLogReplayError';
  constructor(readonly file: string, readonly offset: number, reason: string, options?: ErrorOptions) {
    super(`${reason}; commit log replay stopped (commit_failure_policy stop) at offset ${offset} of ${file}`, options);
  }
}

/**
 * A mutation bigger than half a segment (max_mutation_size), refused before anything is written, with
 * the message of Cassandra's CommitLog.add.
 */
export class MutationTooLargeError extends Error {
  override readonly name = 'MutationTooLargeError';
  constructor(readonly sizeBytes: number, readonly maxSizeBytes: number) {
    super(`Mutation of ${prettyPrintMemory(sizeBytes)} is too large for the maximum size of ${prettyPrintMemory(maxSizeBytes)}`);
  }
}
