import { describe, expect, it } from 'vitest';
import { VirtualClock, VirtualScheduler } from '../../common/index.js';
import { CommitLogReplayError, CorruptSSTableError } from '../../storage/index.js';
import { DiskFailurePolicy } from './disk-failure-policy.js';

function policy(): { policy: DiskFailurePolicy; logged: string[]; stops: { count: number } } {
  const logged: string[] = [];
  const stops = { count: 0 };
  const p = new DiskFailurePolicy({
    nodeId: 2, scheduler: new VirtualScheduler(new VirtualClock()), log: (m) => logged.push(m),
    stop: async () => { stops.count++; },
  });
  return { policy: p, logged, stops };
}

const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('DiskFailurePolicy', () => {
  it('takes failures of the files at start, naming them, and leaves other errors alone', () => {
    const { policy: p, logged } = policy();
    expect(p.failedToOpen(new TypeError('a bug'))).toBe(false);
    expect(p.reason).toBeNull();
    const sstable = new CorruptSSTableError('/d/cn-1-big-Data.db', 'checksum mismatch (at offset 8)');
    expect(p.failedToOpen(sstable)).toBe(true);
    expect(p.reason).toBe('Corrupt SSTable file /d/cn-1-big-Data.db: checksum mismatch (at offset 8)');
    const commitLog = new CommitLogReplayError('/c/CommitLog-1-5.log', 120, 'Mutation checksum failure');
    expect(p.failedToOpen(commitLog)).toBe(true);
    const eaccess = Object.assign(new Error("EACCES: permission denied, open '/d/cn-1-big-Index.db'"), { code: 'EACCES', syscall: 'open' });
    expect(p.failedToOpen(eaccess)).toBe(true);
    expect(logged).toEqual([
      `node 2 stays down: file system exception on startup, disk failure policy "stop": ${sstable.message}`,
      `node 2 stays down: error while processing commit log during initialization: ${commitLog.message}`,
      `node 2 stays down: file system exception on startup, disk failure policy "stop": ${eaccess.message}`,
    ]);
    p.cleared();
    expect(p.reason).toBeNull();
  });

  it('stops a running node once, after the turn in which the failure was met', async () => {
    const { policy: p, logged, stops } = policy();
    const error = new CorruptSSTableError('/d/cn-1-big-Data.db', 'checksum mismatch (at offset 8)');
    p.failedWhileRunning(error);
    p.failedWhileRunning(new CorruptSSTableError('/d/cn-2-big-Data.db', 'short read'));
    expect(stops.count).toBe(0);
    expect(p.reason).toBe(error.message);
    await turns(3);
    expect(stops.count).toBe(1);
    expect(logged).toEqual([`node 2 stopping transports as disk_failure_policy is stop_paranoid: ${error.message}`]);
  });

  it('does not stop a node started again before the stop came', async () => {
    const { policy: p, stops } = policy();
    p.failedWhileRunning(new CorruptSSTableError('/d/cn-1-big-Data.db', 'short read'));
    p.cleared();
    await turns(3);
    expect(stops.count).toBe(0);
  });
});
