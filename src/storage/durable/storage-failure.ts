import { CommitLogReplayError } from '../commitlog/index.js';
import { CorruptSSTableError, UnsupportedSSTableFormatError } from '../sstable/index.js';

/**
 * Whether `error` is a failure of the node's files rather than of the request or of the code: a corrupt,
 * truncated or newer-format SSTable, a commit log that cannot be replayed, or an operating system error on
 * a file (Cassandra's CorruptSSTableException and FSError). The node applies its disk_failure_policy /
 * commit_failure_policy to these; any other error is a bug and goes on as it is.
 */
export function isStorageFailure(error: unknown): error is Error {
  return error instanceof CorruptSSTableError || error instanceof UnsupportedSSTableFormatError
    || error instanceof CommitLogReplayError || isFileSystemError(error);
}

/** An operating system error on a file (EIO, EACCES, ENOSPC, a component gone): Node's errors carry the failed call. */
function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string'
    && typeof (error as NodeJS.ErrnoException).code === 'string';
}
