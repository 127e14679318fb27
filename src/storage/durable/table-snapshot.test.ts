import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock, VirtualScheduler } from '../../common/index.js';
import type { Mutation, SinglePartitionReadCommand } from '../../data/index.js';
import type { Memtable } from '../memtable.js';
import { NOTHING_OLDER } from '../compaction/index.js';
import { BACKGROUND_SLICE } from '../sstable/index.js';
import { memtableSource, readSingleMerged, type PartitionSource } from '../merged-read.js';
import { StepScheduler } from '../testing/step-scheduler.js';
import { FILTERS, live, newMemtable, randomUpdate, table } from '../testing/random-writes.js';
import { DurableStorage } from './durable-storage.js';
import { checkSnapshotFolderName, removeTableSnapshot } from './table-snapshot.js';
import { TableTracker } from './table-tracker.js';

let dir: string;
let scheduler: StepScheduler;
const trackers: TableTracker[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cassanova-snapshot-'));
  scheduler = new StepScheduler();
});
afterEach(() => {
  for (const t of trackers.splice(0)) t.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(): TableTracker {
  const { tracker } = TableTracker.open(dir, { clock: new VirtualClock(0), scheduler, budget: BACKGROUND_SLICE });
  trackers.push(tracker);
  return tracker;
}

const files = { schemaCql: 'CREATE TABLE ks.t (k int PRIMARY KEY);\n', createdAt: new Date(1_700_000_000_000) };

/** Every single-partition read of every filter over `sources` alone (an empty memtable). */
function reads(sources: readonly PartitionSource[]): string[] {
  const empty = newMemtable();
  return FILTERS.flatMap((filter) => Array.from({ length: 8 }, (_, k) => {
    const command: SinglePartitionReadCommand = { kind: 'single', table, key: Buffer.from([0, 0, 0, k]), token: BigInt(k), filter, nowInSec: 0, rowLimit: Infinity };
    return live(readSingleMerged(command, empty, sources), 0).join('|');
  }));
}

async function flushSome(tracker: TableTracker, random: SeededRandom, position: number, whole?: Memtable): Promise<void> {
  const memtable = newMemtable();
  for (let i = 0; i < 100; i++) {
    const u = randomUpdate(random);
    memtable.apply(u);
    whole?.apply(u);
  }
  await scheduler.drive(tracker.flush(table, memtable, { segmentId: 1, position }));
}

const tocs = (folder: string): string[] => readdirSync(folder).filter((f) => f.endsWith('TOC.txt')).sort();

describe('a table snapshot on disk', () => {
  it('hard-links the live SSTables with a manifest and the schema, and outlives their compaction', async () => {
    const random = new SeededRandom(3);
    const tracker = open();
    await flushSome(tracker, random, 10);
    await flushSome(tracker, random, 20);
    const before = reads(tracker.sources());
    expect(tracker.snapshot('s1', files)).toBe(tracker.liveSSTables.reduce((n, s) => n + s.stats.partitionCount, 0));

    const snapshot = join(dir, 'snapshots', 's1');
    expect(tocs(snapshot)).toEqual(['cn-1-big-TOC.txt', 'cn-2-big-TOC.txt']);
    for (const name of readdirSync(snapshot).filter((f) => f.startsWith('cn-'))) {
      expect(statSync(join(snapshot, name)).ino).toBe(statSync(join(dir, name)).ino);
    }
    const manifest = JSON.parse(readFileSync(join(snapshot, 'manifest.json'), 'utf8')) as { files: string[]; created_at: string };
    expect(manifest.files).toHaveLength(12);
    expect(manifest.created_at).toBe('2023-11-14T22:13:20.000Z');
    expect(readFileSync(join(snapshot, 'schema.cql'), 'utf8')).toBe(files.schemaCql);
    expect(() => tracker.snapshot('s1', files)).toThrow('Snapshot s1 already exists');

    // Compaction deletes the live files; the snapshot's links keep the data.
    await scheduler.drive(tracker.compact({ table, choose: (live) => live, liveMemtableMinTimestamp: () => NOTHING_OLDER }));
    expect(tocs(dir)).toEqual(['cn-3-big-TOC.txt']);
    expect(tocs(snapshot)).toHaveLength(2);
    await flushSome(tracker, random, 30);

    tracker.restoreSnapshot('s1', { segmentId: 2, position: 5 });
    expect(reads(tracker.sources())).toEqual(before);
    expect(tocs(dir)).toEqual(['cn-5-big-TOC.txt', 'cn-6-big-TOC.txt']);
    expect(tracker.flushedUpTo()).toEqual({ segmentId: 2, position: 5 });
    // Restored again later: the snapshot is still whole.
    expect(tocs(snapshot)).toHaveLength(2);

    tracker.close();
    trackers.splice(0);
    const reopened = open();
    expect(reads(reopened.sources())).toEqual(before);
    expect(reopened.flushedUpTo()).toEqual({ segmentId: 2, position: 5 });
  });

  it('restores a table that had no data then to empty, whatever it holds now', async () => {
    const tracker = open();
    tracker.snapshot('empty', files);
    await flushSome(tracker, new SeededRandom(4), 10);
    tracker.restoreSnapshot('empty', { segmentId: 1, position: 11 });
    expect(tracker.liveSSTables).toEqual([]);
    expect(tocs(dir)).toEqual([]);
    tracker.restoreSnapshot('never-taken', { segmentId: 1, position: 12 });
    expect(tracker.flushedUpTo()).toEqual({ segmentId: 1, position: 12 });
  });

  it('keeps a dropped table\'s snapshots (and only them), and a table without snapshots goes whole', async () => {
    const random = new SeededRandom(5);
    const tracker = open();
    await flushSome(tracker, random, 10);
    const before = reads(tracker.sources());
    tracker.snapshot('kept', files);
    tracker.drop();
    trackers.splice(0);
    expect(readdirSync(dir)).toEqual(['snapshots']);

    const back = open();
    expect(back.liveSSTables).toEqual([]);
    back.restoreSnapshot('kept', { segmentId: 3, position: 0 });
    expect(reads(back.sources())).toEqual(before);

    removeTableSnapshot(dir, 'kept');
    expect(existsSync(join(dir, 'snapshots'))).toBe(false);
    back.drop();
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses names that are no folder name', () => {
    for (const name of ['', '.', '..', 'a/b', 'a\\b']) expect(() => checkSnapshotFolderName(name)).toThrow(RangeError);
    expect(() => checkSnapshotFolderName('nightly-2026.12.07')).not.toThrow();
  });
});

describe('a node\'s snapshot restored, then the process killed', () => {
  /** A node's storage in miniature: one memtable behind the commit log, flushed on demand. */
  function openNode(): { durable: DurableStorage; memtable: () => Memtable; write: (n: number, random: SeededRandom) => void; flush: () => Promise<void>; reads: () => string[] } {
    let memtable = newMemtable();
    const apply = (m: Mutation): void => { for (const u of m.updates) memtable.apply(u); };
    const clock = new VirtualClock();
    const durable = DurableStorage.open({
      folder: dir, identity: 'host-1', clock, scheduler: new VirtualScheduler(clock), logger: { warn: () => {} },
      commitLog: { sync: 'periodic', syncPeriodMs: 10_000, segmentSizeBytes: 1 << 20 },
      table: (id) => (id.equals(table.id) ? table : undefined), durableWrites: () => true,
    }, apply);
    return {
      durable,
      memtable: () => memtable,
      write: (n, random) => {
        for (let i = 0; i < n; i++) {
          const u = randomUpdate(random);
          const m = { keyspace: table.keyspace, key: u.key, token: u.token, updates: [u] };
          durable.log(m);
          apply(m);
        }
      },
      flush: () => {
        const old = memtable;
        memtable = newMemtable();
        return durable.flush(table, old);
      },
      reads: () => reads([...durable.sources(table), memtableSource(memtable)]),
    };
  }

  it('starts again from the snapshot\'s SSTables and the writes made after the restore, never those before it', async () => {
    const random = new SeededRandom(8);
    const node = openNode();
    node.write(150, random);
    await node.flush();
    const snapshotted = node.reads();
    node.durable.snapshot('s', () => files);
    node.write(150, random);
    await node.flush();
    node.write(100, random);
    expect(node.reads()).not.toEqual(snapshotted);

    node.memtable().clear();
    node.durable.restoreSnapshot('s', [table]);
    expect(node.reads()).toEqual(snapshotted);
    node.write(20, random);
    const restoredThenWritten = node.reads();
    // A kill -9: nothing flushed, the commit log holds writes from before and after the restore.
    node.durable.close();

    const again = openNode();
    expect(again.reads()).toEqual(restoredThenWritten);
    again.durable.dropSnapshot('s');
    expect(existsSync(join(dir, 'data', table.keyspace))).toBe(true);
    again.durable.close();
  });
});
