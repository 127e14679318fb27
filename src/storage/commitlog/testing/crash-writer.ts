/**
 * The child of the kill -9 test (crash-run.ts): appends seeded entries to a commit log as fast as it can
 * and prints "index segmentId position" for each append once it has returned (acknowledged), until it is
 * killed. Settings come from the environment: CRASH_DIR, CRASH_SYNC, CRASH_SEED.
 */
import { SystemClock } from '../../../common/clock.js';
import { SystemScheduler } from '../../../common/scheduler.js';
import { CommitLog, type CommitLogSync } from '../commitlog.js';
import { CRASH_TABLE, crashEntry } from './crash-entries.js';

const MAX_ENTRIES = 200_000; // a bound, should the parent never kill this process
const CHUNK = 50;

const seed = Number(process.env.CRASH_SEED);
const log = CommitLog.open({
  dir: process.env.CRASH_DIR!,
  segmentSizeBytes: 64 * 1024,
  sync: process.env.CRASH_SYNC as CommitLogSync,
  syncPeriodMs: 20,
  identity: 'crash-test',
  clock: new SystemClock(),
  scheduler: new SystemScheduler(),
  logger: { warn: (_fields, message) => process.stderr.write(`${message}\n`) },
}, { onEntry: () => {} });

let index = 0;
function appendChunk(): void {
  for (let i = 0; i < CHUNK && index < MAX_ENTRIES; i++, index++) {
    const position = log.append(crashEntry(seed, index), [CRASH_TABLE]);
    // Printed once append() returned: whatever the parent reads was acknowledged. (Not writeSync: the
    // pipe is non-blocking and a busy parent would make it fail with EAGAIN.)
    process.stdout.write(`${index} ${position.segmentId} ${position.position}\n`);
  }
  if (index < MAX_ENTRIES) setImmediate(appendChunk);
  else log.close();
}
appendChunk();
