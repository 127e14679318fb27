import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../common/index.js';
import type { PartitionRangeReadCommand, SinglePartitionReadCommand } from '../../data/index.js';
import type { Memtable } from '../memtable.js';
import { readRangeMerged, readSingleMerged, type PartitionSource } from '../merged-read.js';
import { deletion, int, update } from '../../data/testing/fixtures.js';
import { FILTERS, live, newMemtable, randomUpdate, table } from '../testing/random-writes.js';
import { TableTracker } from './table-tracker.js';

let dir: string;
const trackers: TableTracker[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cassanova-tracker-'));
});
afterEach(() => {
  for (const t of trackers.splice(0)) t.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(): TableTracker {
  const { tracker } = TableTracker.open(dir);
  trackers.push(tracker);
  return tracker;
}

/** Every read of every filter and limit through `memtable` + `sources` reads as `whole` does. */
function expectSameReads(whole: Memtable, memtable: Memtable, sources: readonly PartitionSource[], ...times: number[]): void {
  for (const nowInSec of times.length > 0 ? times : [0, 40]) {
    for (const filter of FILTERS) {
      for (const rowLimit of [Infinity, 2]) {
        for (let k = 0; k < 8; k++) {
          const command: SinglePartitionReadCommand = { kind: 'single', table, key: Buffer.from([0, 0, 0, k]), token: BigInt(k), filter, nowInSec, rowLimit };
          expect(live(readSingleMerged(command, memtable, sources), nowInSec)).toEqual(live(whole.readSingle(command), nowInSec));
        }
        const range: PartitionRangeReadCommand = {
          kind: 'range', table, filter, nowInSec, rowLimit, perPartitionLimit: Infinity, partitionLimit: Infinity,
          bounds: { start: null, startInclusive: false, end: null, endInclusive: true },
        };
        expect(live(readRangeMerged(range, memtable, sources), nowInSec)).toEqual(live(whole.readRange(range), nowInSec));
      }
    }
  }
}

describe('a table flushed to SSTables', () => {
  it('reads as its memtable did, across flushes and after reopening, and records how far it flushed', () => {
    const random = new SeededRandom(11);
    const whole = newMemtable();
    let memtable = newMemtable();
    let tracker = open();
    for (let flush = 1; flush <= 4; flush++) {
      for (let i = 0; i < 150; i++) {
        const u = randomUpdate(random);
        whole.apply(u);
        memtable.apply(u);
      }
      const flushed = memtable;
      memtable = newMemtable();
      expect(tracker.flush(table, flushed, { segmentId: 3, position: flush * 100 })).not.toBeNull();
      expectSameReads(whole, memtable, tracker.sources());
    }
    expect(tracker.liveSSTables).toHaveLength(4);
    expect(tracker.flushedUpTo()).toEqual({ segmentId: 3, position: 400 });

    tracker.close();
    trackers.splice(0);
    tracker = open();
    expect(tracker.liveSSTables).toHaveLength(4);
    expect(tracker.flushedUpTo()).toEqual({ segmentId: 3, position: 400 });
    expectSameReads(whole, memtable, tracker.sources());
  });

  it('compacts its SSTables into one that reads the same, purging what gc_grace_seconds allow', () => {
    const random = new SeededRandom(12);
    const whole = newMemtable();
    const tracker = open();
    for (let flush = 1; flush <= 4; flush++) {
      const memtable = newMemtable();
      for (let i = 0; i < 120; i++) {
        const u = randomUpdate(random);
        whole.apply(u);
        memtable.apply(u);
      }
      tracker.flush(table, memtable, { segmentId: 1, position: flush });
    }
    const empty = newMemtable();
    // Long after every deletion (localDeletionTime 100) and expiry: everything purgeable goes.
    const later = 100 + table.options.gcGraceSeconds + 1000;
    const output = tracker.compact(table, tracker.liveSSTables, later, 2n ** 63n - 1n, 0);
    expect(tracker.liveSSTables).toEqual([output]);
    expect(output!.stats.commitLogUpperBound).toEqual({ segmentId: 1, position: 4 });
    expect(output!.stats.tombstoneCount).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('TOC.txt'))).toHaveLength(1);
    expectSameReads(whole, empty, tracker.sources(), later);
  });

  it('keeps the commit log bound of a compaction that purged everything', () => {
    const tracker = open();
    const memtable = newMemtable();
    memtable.apply(update(table, int(1), { partitionDeletion: deletion(5) }));
    tracker.flush(table, memtable, { segmentId: 2, position: 70 });
    expect(tracker.compact(table, tracker.liveSSTables, 100 + table.options.gcGraceSeconds + 1, 2n ** 63n - 1n, 0)).toBeNull();
    expect(tracker.liveSSTables).toEqual([]);
    expect(tracker.flushedUpTo()).toEqual({ segmentId: 2, position: 70 });
    tracker.close();
    trackers.splice(0);
    expect(open().flushedUpTo()).toEqual({ segmentId: 2, position: 70 });
  });

  it('writes nothing for an empty memtable, and has no sources while nothing is on disk', () => {
    const tracker = open();
    expect(tracker.sources()).toEqual([]);
    expect(tracker.flush(table, newMemtable(), { segmentId: 0, position: 10 })).toBeNull();
    expect(tracker.sources()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes what an interrupted flush left at start', () => {
    const tracker = open();
    const memtable = newMemtable();
    memtable.apply(randomUpdate(new SeededRandom(1)));
    tracker.flush(table, memtable, { segmentId: 0, position: 10 });
    writeFileSync(join(dir, 'tmp-cn-2-big-Data.db'), 'half');
    writeFileSync(join(dir, 'cn-3-big-Data.db'), 'no TOC');
    const { tracker: reopened, removed } = TableTracker.open(dir);
    trackers.push(reopened);
    expect(removed.sort()).toEqual(['cn-3-big-Data.db', 'tmp-cn-2-big-Data.db']);
    expect(reopened.liveSSTables).toHaveLength(1);
    expect(existsSync(join(dir, 'cn-1-big-TOC.txt'))).toBe(true);
  });
});
