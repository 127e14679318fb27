/** The commit log library (issue 12): one node's CommitLog, its replay and its errors. See FORMAT.md. */
export { CommitLog, type CommitLogOptions, type CommitLogSync } from './commitlog.js';
export { compareCommitLogPositions, NO_POSITION, type CommitLogPosition } from './commitlog-position.js';
export { CommitLogReplayError, MutationTooLargeError } from './commitlog-errors.js';
export { replayCommitLog, type CommitLogLogger, type ReplayHandler, type ReplayOptions, type ReplaySummary, type ReplayedSegment } from './commitlog-replayer.js';
export { NODE_FILE_SYSTEM, type CommitLogFileSystem } from './commitlog-file-system.js';
