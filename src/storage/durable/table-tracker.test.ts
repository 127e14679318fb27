import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock } from '../../common/index.js';
import type { PartitionRangeReadCommand, SinglePartitionReadCommand } from '../../data/index.js';
import { NOTHING_OLDER } from '../compaction/index.js';
import type { Memtable } from '../memtable.js';
import { readRangeMerged, readSingleMerged, type PartitionSource } from '../merged-read.js';
import { cell, deletion, int, row, update } from '../../data/testing/fixtures.js';
import { FILTERS, live, newMemtable, randomUpdate, table } from '../testing/random-writes.js';
import { StepScheduler } from '../testing/step-scheduler.js';
import { tempDir } from '../testing/temp-dir.js';
import { memtableMinTimestamp } from './memtable-contents.js';
import { TableTracker, type CompactionRequest } from './table-tracker.js';

let dir: ReturnType<typeof tempDir>;
let clock: VirtualClock;
let scheduler: StepScheduler;
const trackers: TableTracker[] = [];
beforeEach(() => {
  dir = tempDir('tracker');
  clock = new VirtualClock(0);
  scheduler = new StepScheduler();
});
afterEach(() => {
  for (const t of trackers.splice(0)) t.close();
  dir.remove();
});

/** Slices of two partitions at most: the tests step through them. */
const BUDGET = { bytes: 1 << 20, partitions: 2, syncBytes: 1024 };

function open(): TableTracker {
  const { tracker } = TableTracker.open(dir.path, { clock, scheduler, budget: BUDGET });
  trackers.push(tracker);
  return tracker;
}

/** Runs the background work until `work` settles; resolves as it does. */
function settle<T>(work: Promise<T>): Promise<T> {
  return scheduler.drive(work);
}

/** A compaction of `choose`'s SSTables, purging against `live` as the table's live memtable. */
function request(live: () => Memtable | undefined, choose: CompactionRequest['choose'] = (l) => l): CompactionRequest {
  return {
    table, choose,
    liveMemtableMinTimestamp: (key, token) => {
      const m = live();
      return m === undefined ? NOTHING_OLDER : memtableMinTimestamp(m, table, key, token);
    },
  };
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

/** Writes `count` random updates to both memtables. */
function write(random: SeededRandom, count: number, ...memtables: Memtable[]): void {
  for (let i = 0; i < count; i++) {
    const u = randomUpdate(random);
    for (const m of memtables) m.apply(u);
  }
}

describe('a table flushed to SSTables', () => {
  it('reads as its memtable did, across flushes and after reopening, and records how far it flushed', async () => {
    const random = new SeededRandom(11);
    const whole = newMemtable();
    let memtable = newMemtable();
    let tracker = open();
    for (let flush = 1; flush <= 4; flush++) {
      write(random, 150, whole, memtable);
      const flushed = memtable;
      memtable = newMemtable();
      expect(await settle(tracker.flush(table, flushed, { segmentId: 3, position: flush * 100 }))).not.toBeNull();
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

  it('serves reads from the flushing memtable and the new one at every slice of a flush, and flushes in order', async () => {
    const random = new SeededRandom(21);
    const whole = newMemtable();
    let memtable = newMemtable();
    const tracker = open();
    const flushedAt: number[] = [];
    const done: Promise<unknown>[] = [];
    for (let flush = 1; flush <= 3; flush++) {
      write(random, 120, whole, memtable);
      const flushing = memtable;
      memtable = newMemtable();
      done.push(tracker.flush(table, flushing, { segmentId: 1, position: flush }, () => flushedAt.push(flush)));
      // The first flush runs while the second and third are asked for: they wait for it.
      for (let slice = 0; slice < 2; slice++) {
        await scheduler.step(done[0]!);
        write(random, 5, whole, memtable);
        expectSameReads(whole, memtable, tracker.sources(), 0);
      }
    }
    let slices = 0;
    const all = Promise.all(done);
    while (await scheduler.step(all)) {
      slices++;
      write(random, 2, whole, memtable);
      expectSameReads(whole, memtable, tracker.sources(), 0);
    }
    await Promise.all(done);
    expect(slices).toBeGreaterThan(3);
    expect(flushedAt).toEqual([1, 2, 3]);
    expect(tracker.liveSSTables.map((s) => s.stats.commitLogUpperBound?.position)).toEqual([1, 2, 3]);
    expect(tracker.flushingBytes).toBe(0);
    expectSameReads(whole, memtable, tracker.sources());
  });

  it('compacts its SSTables into one that reads the same, purging what gc_grace_seconds allow', async () => {
    const random = new SeededRandom(12);
    const whole = newMemtable();
    const tracker = open();
    for (let flush = 1; flush <= 4; flush++) {
      const memtable = newMemtable();
      write(random, 120, whole, memtable);
      await settle(tracker.flush(table, memtable, { segmentId: 1, position: flush }));
    }
    const empty = newMemtable();
    // Long after every deletion (localDeletionTime 100) and expiry: everything purgeable goes.
    const later = 100 + table.options.gcGraceSeconds + 1000;
    clock.advance(later * 1000);
    const compacting = tracker.compact(request(() => empty));
    // The inputs are read until the output replaces them.
    const counts: number[] = [];
    // The task it lists meanwhile (system_views.sstable_tasks): its bytes read grow to the inputs' Data.db size.
    const inputBytes = tracker.liveSSTables.reduce((n, s) => n + s.dataSizeBytes, 0);
    const progress: number[] = [];
    while (await scheduler.step(compacting)) {
      counts.push(tracker.liveSSTables.length);
      const task = tracker.runningTask;
      if (task !== null) {
        expect([task.kind, task.progress.totalBytes, task.id.length]).toEqual(['compaction', inputBytes, 16]);
        progress.push(task.progress.completedBytes);
      }
      expectSameReads(whole, empty, tracker.sources(), later);
    }
    const output = await compacting;
    expect(tracker.runningTask).toBeNull();
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
    expect(progress[0]).toBeLessThan(inputBytes / 2);
    expect(progress.at(-1)).toBeCloseTo(inputBytes, 0);
    // Four SSTables after every slice but the last.
    expect(counts.length).toBeGreaterThan(2);
    expect(counts.slice(0, -1).every((n) => n === 4)).toBe(true);
    expect(tracker.liveSSTables).toEqual([output]);
    expect(output!.stats.commitLogUpperBound).toEqual({ segmentId: 1, position: 4 });
    expect(output!.stats.tombstoneCount).toBe(0);
    expect(readdirSync(dir.path).filter((f) => f.endsWith('TOC.txt'))).toHaveLength(1);
    expectSameReads(whole, empty, tracker.sources(), later);
  });

  it('does not purge a tombstone whose shadowed data a flush brings to disk while the compaction runs', async () => {
    const tracker = open();
    // Inputs: partitions 0..5, then partition 7 deleted at timestamp 10.
    const inputs = newMemtable();
    for (let k = 0; k < 6; k++) inputs.apply(update(table, int(k), { staticRow: row([], { s: cell(`s${k}`, 50) }) }));
    inputs.apply(update(table, int(7), { partitionDeletion: deletion(10) }));
    await settle(tracker.flush(table, inputs, { segmentId: 1, position: 1 }));
    // Data older than the tombstone, in the live memtable when the compaction starts.
    let liveMemtable = newMemtable();
    liveMemtable.apply(update(table, int(6), { staticRow: row([], { s: cell('new', 60) }) }));
    liveMemtable.apply(update(table, int(7), { staticRow: row([], { s: cell('old', 5) }) }));
    clock.advance((100 + table.options.gcGraceSeconds + 1) * 1000);
    const compacting = tracker.compact(request(() => liveMemtable));
    await scheduler.step(compacting);
    // The memtable is flushed before the compaction reaches partition 7: its SSTable is not one the compaction started with.
    const flushed = liveMemtable;
    liveMemtable = newMemtable();
    const flushing = tracker.flush(table, flushed, { segmentId: 1, position: 2 });
    await scheduler.drive(Promise.all([compacting, flushing]));
    const output = tracker.liveSSTables.find((s) => s.stats.commitLogUpperBound?.position === 1)!;
    expect(output.descriptor.generation).toBe(2);
    expect(output.readPartition(table, int(7), 7n, FILTERS[0]!)?.partitionDeletion?.markedForDeleteAt).toBe(10n);
    const whole = newMemtable();
    whole.apply(update(table, int(6), { staticRow: row([], { s: cell('new', 60) }) }));
    for (let k = 0; k < 6; k++) whole.apply(update(table, int(k), { staticRow: row([], { s: cell(`s${k}`, 50) }) }));
    expectSameReads(whole, liveMemtable, tracker.sources(), clock.nowSeconds());
  });

  it('keeps the commit log bound of a compaction that purged everything', async () => {
    const tracker = open();
    const memtable = newMemtable();
    memtable.apply(update(table, int(1), { partitionDeletion: deletion(5) }));
    await settle(tracker.flush(table, memtable, { segmentId: 2, position: 70 }));
    clock.advance((100 + table.options.gcGraceSeconds + 1) * 1000);
    expect(await settle(tracker.compact(request(() => undefined)))).toBeNull();
    expect(tracker.liveSSTables).toEqual([]);
    expect(tracker.flushedUpTo()).toEqual({ segmentId: 2, position: 70 });
    tracker.close();
    trackers.splice(0);
    expect(open().flushedUpTo()).toEqual({ segmentId: 2, position: 70 });
  });

  it('writes nothing for an empty memtable, and has no sources while nothing is on disk', async () => {
    const tracker = open();
    expect(tracker.sources()).toEqual([]);
    expect(await settle(tracker.flush(table, newMemtable(), { segmentId: 0, position: 10 }))).toBeNull();
    expect(tracker.sources()).toEqual([]);
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('removes what an interrupted flush left at start', async () => {
    const tracker = open();
    const memtable = newMemtable();
    memtable.apply(randomUpdate(new SeededRandom(1)));
    await settle(tracker.flush(table, memtable, { segmentId: 0, position: 10 }));
    writeFileSync(join(dir.path, 'tmp-cn-2-big-Data.db'), 'half');
    writeFileSync(join(dir.path, 'cn-3-big-Data.db'), 'no TOC');
    const { tracker: reopened, removed } = TableTracker.open(dir.path, { clock, scheduler, budget: BUDGET });
    trackers.push(reopened);
    expect(removed.sort()).toEqual(['cn-3-big-Data.db', 'tmp-cn-2-big-Data.db']);
    expect(reopened.liveSSTables).toHaveLength(1);
    expect(existsSync(join(dir.path, 'cn-1-big-TOC.txt'))).toBe(true);
  });

  it('leaves only temporary files when the process dies mid-flush or mid-compaction, and none when closed', async () => {
    const random = new SeededRandom(3);
    const whole = newMemtable();
    const tracker = open();
    for (let flush = 1; flush <= 2; flush++) {
      const memtable = newMemtable();
      write(random, 100, whole, memtable);
      await settle(tracker.flush(table, memtable, { segmentId: 0, position: flush }));
    }
    const pending = newMemtable();
    write(random, 100, pending);
    const flushing = tracker.flush(table, pending, { segmentId: 0, position: 3 });
    const compacting = tracker.compact(request(() => undefined));
    await scheduler.step(flushing);
    await scheduler.step(flushing);
    const halfWritten = readdirSync(dir.path).filter((f) => f.startsWith('tmp-'));
    expect(halfWritten.length).toBeGreaterThan(0);
    // What a kill -9 leaves: another process opening the folder finds the complete SSTables only.
    const { tracker: after, removed } = TableTracker.open(dir.path, { clock, scheduler: new StepScheduler(), budget: BUDGET });
    expect(removed.sort()).toEqual(halfWritten.sort());
    expect(after.liveSSTables.map((s) => s.descriptor.generation)).toEqual([1, 2]);
    expectSameReads(whole, newMemtable(), after.sources());
    after.close();
    // A close stops both: nothing temporary is left.
    tracker.close();
    expect(await flushing).toBeNull();
    expect(await compacting).toBeNull();
    expect(readdirSync(dir.path).filter((f) => f.startsWith('tmp-'))).toEqual([]);
  });
});
