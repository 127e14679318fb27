/**
 * The child of the kill -9 test (crash-run.ts): appends seeded entries to a commit log as fast as it can
 * and prints "index segmentId position" for each append once it has returned (acknowledged), until it is
 * killed. Settings come from the environment: CRASH_DIR, CRASH_SYNC (periodic, batch, or group: batch mode's
 * appendSynced, each entry acknowledged once the group sync covering it ran), CRASH_SEED.
 */
import { SystemClock } from '../../../common/clock.js';
import { SystemScheduler } from '../../../common/scheduler.js';
import { CommitLog } from '../commitlog.js';
import type { CommitLogPosition } from '../commitlog-position.js';
import { CRASH_TABLE, crashEntry } from './crash-entries.js';

const MAX_ENTRIES = 200_000; // a bound, should the parent never kill this process
const CHUNK = 50;

const seed = Number(process.env.CRASH_SEED);
const mode = process.env.CRASH_SYNC;
const log = CommitLog.open({
  dir: process.env.CRASH_DIR!,
  segmentSizeBytes: 64 * 1024,
  sync: mode === 'periodic' ? 'periodic' : 'batch',
  syncPeriodMs: 20,
  identity: 'crash-test',
  clock: new SystemClock(),
  scheduler: new SystemScheduler(),
  logger: { warn: (_fields, message) => process.stderr.write(`${message}\n`) },
}, { onEntry: () => {} });

/** Printed once acknowledged: whatever the parent reads was. (Not writeSync: the pipe is non-blocking and a busy parent would make it fail with EAGAIN.) */
function acknowledge(i: number, position: CommitLogPosition): void {
  process.stdout.write(`${i} ${position.segmentId} ${position.position}\n`);
}

let index = 0;
function appendChunk(): void {
  for (let i = 0; i < CHUNK && index < MAX_ENTRIES; i++, index++) {
    if (mode === 'group') {
      const synced = log.appendSynced(crashEntry(seed, index), [CRASH_TABLE]);
      // Right after the append, the log's position is where the entry ends. A group's entries are
      // acknowledged in order (their callbacks run in the order they were added), and groups in order.
      const position = log.currentPosition();
      const acked = index;
      void synced.then(() => acknowledge(acked, position));
    } else {
      acknowledge(index, log.append(crashEntry(seed, index), [CRASH_TABLE]));
    }
  }
  if (index < MAX_ENTRIES) setImmediate(appendChunk);
  else log.close();
}
appendChunk();
