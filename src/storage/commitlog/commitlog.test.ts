import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvariantError } from '../../common/invariant.js';
import { CommitLog } from './commitlog.js';
import { MutationTooLargeError } from './commitlog-errors.js';
import { collectingHandler, CommitLogFixture, CountingFileSystem } from './testing/commitlog-fixture.js';

const A = 'aaaaaaaa000000000000000000000001';
const B = 'bbbbbbbb000000000000000000000002';

function entry(i: number, sizeBytes = 100): Buffer {
  const bytes = Buffer.alloc(sizeBytes, i & 0xff);
  bytes.writeUInt32BE(i, 0);
  return bytes;
}

function segmentFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.log')).sort();
}

describe('CommitLog', () => {
  let fixture: CommitLogFixture;
  beforeEach(() => { fixture = new CommitLogFixture(); });
  afterEach(() => fixture.remove());

  it('replays what was appended, with positions and tables, after close', () => {
    const log = CommitLog.open(fixture.options(), collectingHandler());
    const positions = [log.append(entry(1), [A]), log.append(entry(2, 7), [A, B]), log.append(Buffer.alloc(0), [B])];
    log.close();
    const replay = collectingHandler();
    const reopened = CommitLog.open(fixture.options(), replay);
    expect(replay.entries.map((e) => [e.entry, e.position, e.tableIds])).toEqual([
      [entry(1), positions[0], [A]], [entry(2, 7), positions[1], [A, B]], [Buffer.alloc(0), positions[2], [B]],
    ]);
    expect(reopened.recovery).toMatchObject({ replayedCount: 3, skippedCount: 0 });
    expect(fixture.logger.warnings).toEqual([]);
    reopened.close();
  });

  it('reports the end of each entry as its position, in increasing order', () => {
    const log = CommitLog.open(fixture.options(), collectingHandler());
    const first = log.append(entry(1), [A]);
    expect(log.currentPosition()).toEqual(first);
    const second = log.append(entry(2), [A]);
    // 12 bytes of frame, the table list (count, then length and id) and the entry.
    expect(second.position - first.position).toBe(12 + 2 + 2 + A.length + 100);
    log.close();
  });

  it('starts a new segment when the active one is full, and replays them all in order', () => {
    const log = CommitLog.open(fixture.options({ segmentSizeBytes: 4096 }), collectingHandler());
    const positions = Array.from({ length: 100 }, (_, i) => log.append(entry(i), [A]));
    log.close();
    const ids = [...new Set(positions.map((p) => p.segmentId))];
    expect(ids.length).toBeGreaterThan(3);
    expect(segmentFiles(fixture.dir)).toEqual(ids.map((id) => `CommitLog-1-${id}.log`).sort());
    for (const p of positions) expect(p.position).toBeLessThanOrEqual(4096);
    const replay = collectingHandler();
    CommitLog.open(fixture.options({ segmentSizeBytes: 4096 }), replay).close();
    expect(replay.entries.map((e) => e.entry.readUInt32BE(0))).toEqual(positions.map((_, i) => i));
    expect(replay.entries.map((e) => e.position)).toEqual(positions);
  });

  it('continues segment ids above those on disk, even with the clock started again at the same instant', () => {
    const first = CommitLog.open(fixture.options(), collectingHandler());
    const before = first.append(entry(1), [A]);
    first.close();
    const second = CommitLog.open(fixture.options(), collectingHandler());
    const after = second.append(entry(2), [A]);
    expect(after.segmentId).toBeGreaterThan(before.segmentId);
    second.drain();
    const third = CommitLog.open(fixture.options(), collectingHandler());
    expect(third.append(entry(3), [A]).segmentId).toBeGreaterThan(after.segmentId);
    third.close();
  });

  it('refuses an entry over half a segment with Cassandra\'s message, writing nothing', () => {
    const log = CommitLog.open(fixture.options({ segmentSizeBytes: 1024 * 1024 }), collectingHandler());
    const before = log.currentPosition();
    const tooBig = entry(1, 512 * 1024);
    expect(() => log.append(tooBig, [A])).toThrow(MutationTooLargeError);
    expect(() => log.append(tooBig, [A])).toThrow('Mutation of 512.047KiB is too large for the maximum size of 512.000KiB');
    expect(log.currentPosition()).toEqual(before);
    // Exactly half a segment, frame included, is accepted.
    log.append(entry(2, 512 * 1024 - 12 - 4 - A.length - 2), [A]);
    log.close();
  });

  it('refuses an entry that names no table', () => {
    const log = CommitLog.open(fixture.options(), collectingHandler());
    expect(() => log.append(entry(1), [])).toThrow(InvariantError);
    log.close();
  });

  it('after a short write (a full disk), throws and writes the next entry over the partial one', () => {
    const fileSystem = new CountingFileSystem();
    let failNext = false;
    const write = fileSystem.write;
    fileSystem.write = (fd, buffers, position) => {
      if (!failNext) return write(fd, buffers, position);
      failNext = false;
      const bytes = Buffer.concat(buffers);
      return write(fd, [bytes.subarray(0, bytes.length >> 1)], position);
    };
    const log = CommitLog.open(fixture.options({ fileSystem }), collectingHandler());
    log.append(entry(0), [A]);
    failNext = true;
    expect(() => log.append(entry(1), [A])).toThrow(/^short write to commit log segment .*: 74 of 148 bytes$/);
    log.append(entry(2), [A]);
    log.close();
    const replay = collectingHandler();
    CommitLog.open(fixture.options(), replay).close();
    expect(replay.entries.map((e) => e.entry.readUInt32BE(0))).toEqual([0, 2]);
    expect(fixture.logger.warnings).toEqual([]);
  });

  it('deletes a segment once every table written in it has flushed past it', () => {
    const log = CommitLog.open(fixture.options({ segmentSizeBytes: 4096 }), collectingHandler());
    const onlyA = Array.from({ length: 60 }, (_, i) => log.append(entry(i), [A]));
    const both = log.append(entry(100), [A, B]);
    const laterA = Array.from({ length: 60 }, (_, i) => log.append(entry(200 + i), [A]));
    const idsBefore = log.segmentInfo().map((s) => s.segmentId);
    expect(idsBefore.length).toBeGreaterThan(3);

    log.discardCompletedSegments(A, laterA.at(-1)!);
    // A flushed everything: only the segment where B is still dirty, and the active one, are left.
    expect(log.segmentInfo().map((s) => s.segmentId)).toEqual([...new Set([both.segmentId, log.currentPosition().segmentId])]);
    expect(segmentFiles(fixture.dir)).toHaveLength(log.segmentInfo().length);
    expect(onlyA[0]!.segmentId).toBeLessThan(both.segmentId);

    log.discardCompletedSegments(B, log.currentPosition());
    expect(log.segmentInfo().map((s) => s.segmentId)).toEqual([log.currentPosition().segmentId]);
    expect(log.segmentInfo()[0]!.dirtyTables).toEqual([]);
    log.close();
  });

  it('keeps a table dirty in a segment when it wrote past the position it flushed to', () => {
    const log = CommitLog.open(fixture.options({ segmentSizeBytes: 4096 }), collectingHandler());
    const flushedTo = log.append(entry(1), [A]);
    log.append(entry(2), [A]);
    log.discardCompletedSegments(A, flushedTo);
    expect(log.segmentInfo()[0]!.dirtyTables).toEqual([A]);
    for (let i = 0; i < 40; i++) log.append(entry(i), [B]);
    log.discardCompletedSegments(B, log.currentPosition());
    expect(log.segmentInfo()[0]!.segmentId).toBe(flushedTo.segmentId);
    log.close();
  });

  it('skips at replay what a table already flushed, and tables that no longer exist', () => {
    const log = CommitLog.open(fixture.options({ segmentSizeBytes: 4096 }), collectingHandler());
    const positions = Array.from({ length: 60 }, (_, i) => log.append(entry(i), i % 2 === 0 ? [A] : [A, B]));
    log.append(entry(999), ['dropped-table']);
    log.close();
    const replay = collectingHandler({ flushedUpTo: new Map([[A, positions[39]!], [B, positions[9]!]]), knownTables: new Set([A, B]) });
    const reopened = CommitLog.open(fixture.options({ segmentSizeBytes: 4096 }), replay);
    const expected = positions.flatMap((p, i) => {
      const tables = [...(i > 39 ? [A] : []), ...(i % 2 === 1 && i > 9 ? [B] : [])];
      return tables.length === 0 ? [] : [{ i, position: p, tables }];
    });
    expect(replay.entries.map((e) => ({ i: e.entry.readUInt32BE(0), position: e.position, tables: e.tableIds }))).toEqual(expected);
    expect(reopened.recovery).toMatchObject({ replayedCount: expected.length, skippedCount: 61 - expected.length });
    // The replayed segments wait for their tables to flush, then go.
    expect(reopened.segmentInfo().length).toBeGreaterThan(1);
    reopened.discardCompletedSegments(A, reopened.currentPosition());
    reopened.discardCompletedSegments(B, reopened.currentPosition());
    expect(reopened.segmentInfo().map((s) => s.segmentId)).toEqual([reopened.currentPosition().segmentId]);
    reopened.close();
  });

  it('deletes at start the segments whose every entry was already flushed', () => {
    const log = CommitLog.open(fixture.options(), collectingHandler());
    const last = log.append(entry(1), [A]);
    log.close();
    const reopened = CommitLog.open(fixture.options(), collectingHandler({ flushedUpTo: new Map([[A, last]]) }));
    expect(segmentFiles(fixture.dir)).toEqual([`CommitLog-1-${reopened.currentPosition().segmentId}.log`]);
    reopened.close();
  });

  it('batch mode fsyncs before each append returns', () => {
    const log = CommitLog.open(fixture.options({ sync: 'batch' }), collectingHandler());
    const afterOpen = fixture.fileSystem.fsyncCount;
    for (let i = 0; i < 5; i++) {
      log.append(entry(i), [A]);
      expect(fixture.fileSystem.fsyncCount).toBe(afterOpen + i + 1);
    }
    fixture.scheduler.advance(60_000);
    expect(fixture.fileSystem.fsyncCount).toBe(afterOpen + 5);
    log.close();
    expect(fixture.fileSystem.fsyncCount).toBe(afterOpen + 5);
  });

  it('appendSynced: concurrent appends share one fdatasync, off the event loop, and resolve only after it', async () => {
    const log = CommitLog.open(fixture.options({ sync: 'batch' }), collectingHandler());
    const afterOpen = fixture.fileSystem.fsyncCount;
    const pending = Array.from({ length: 10 }, (_, i) => log.appendSynced(entry(i), [A]));
    // Nothing synced while the writes run: the group's sync starts on the next turn, and every write shares it.
    expect(fixture.fileSystem.fsyncCount).toBe(afterOpen);
    expect(new Set(pending).size).toBe(1);
    const resolvedAfter: number[] = [];
    await Promise.all(pending.map((p) => p.then(() => resolvedAfter.push(fixture.fileSystem.syncDataDoneCount))));
    expect(resolvedAfter).toEqual(Array(10).fill(1));
    expect(fixture.fileSystem.fsyncCount).toBe(afterOpen + 1);
    await log.appendSynced(entry(10), [A]);
    expect(fixture.fileSystem.fsyncCount).toBe(afterOpen + 2);
    log.close();
    const replay = collectingHandler();
    CommitLog.open(fixture.options(), replay).close();
    expect(replay.entries.map((e) => e.entry.readUInt32BE(0))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('appendSynced: the writes made while a sync runs share the next one, started when it ends', async () => {
    const log = CommitLog.open(fixture.options({ sync: 'batch' }), collectingHandler());
    const afterOpen = fixture.fileSystem.fsyncCount;
    const first = Array.from({ length: 5 }, (_, i) => log.appendSynced(entry(i), [A]));
    // The group's start is due on this turn's check phase, before this: its sync is then on the thread pool.
    await new Promise((resolve) => setImmediate(resolve));
    expect(fixture.fileSystem.fsyncCount).toBe(afterOpen + 1);
    expect(fixture.fileSystem.syncDataDoneCount).toBe(0);
    const second = Array.from({ length: 5 }, (_, i) => log.appendSynced(entry(5 + i), [A]));
    expect(second[0]).not.toBe(first[0]);
    await Promise.all([...first, ...second]);
    expect(fixture.fileSystem.fsyncCount).toBe(afterOpen + 2);
    log.close();
  });

  it('appendSynced: a failed fdatasync fails every write waiting for it; the next group syncs again', async () => {
    const log = CommitLog.open(fixture.options({ sync: 'batch' }), collectingHandler());
    const eio = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO', syscall: 'fdatasync' });
    fixture.fileSystem.failNextSyncData = eio;
    const failed = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => log.appendSynced(entry(i), [A])));
    expect(failed).toEqual(Array(4).fill({ status: 'rejected', reason: eio }));
    const afterFailure = fixture.fileSystem.fsyncCount;
    await log.appendSynced(entry(4), [A]);
    // What the failed sync did not cover is synced by the next one.
    expect(fixture.fileSystem.fsyncCount).toBe(afterFailure + 1);
    log.close();
  });

  it('close syncs the writes waiting for a group sync and resolves them, and a segment rolled over syncs its own', async () => {
    const log = CommitLog.open(fixture.options({ sync: 'batch', segmentSizeBytes: 4096 }), collectingHandler());
    const pending = Array.from({ length: 60 }, (_, i) => log.appendSynced(entry(i), [A]));
    expect(log.segmentInfo().length).toBeGreaterThan(1);
    log.close();
    await Promise.all(pending);
    const replay = collectingHandler();
    CommitLog.open(fixture.options(), replay).close();
    expect(replay.entries).toHaveLength(60);
  });

  it('past commitlog_total_space, asks for a flush of the tables dirty in the oldest segments, on the next turn', () => {
    const asked: string[][] = [];
    const log = CommitLog.open(fixture.options({
      segmentSizeBytes: 4096, totalSpaceBytes: 3 * 4096, flushToReclaim: (ids) => asked.push([...ids].sort()),
    }), collectingHandler());
    // Segments of about 4 KiB: A alone in the first, then B alone.
    for (let i = 0; i < 30; i++) log.append(entry(i), [A]);
    for (let i = 0; i < 60; i++) log.append(entry(i), [B]);
    fixture.scheduler.advance(0);
    // Asked when the fourth segment started: three full ones and the new one (taken whole, as allocated) are over
    // three segments' worth; the oldest alone frees enough, so only A, dirty in it, is flushed.
    expect(log.segmentInfo()).toHaveLength(4);
    expect(asked).toEqual([[A]]);
    log.close();
  });

  it('without commitlog_total_space, never asks for a flush', () => {
    const asked: string[][] = [];
    const log = CommitLog.open(fixture.options({ segmentSizeBytes: 4096, flushToReclaim: (ids) => asked.push([...ids]) }), collectingHandler());
    for (let i = 0; i < 200; i++) log.append(entry(i), [A]);
    fixture.scheduler.advance(0);
    expect(asked).toEqual([]);
    log.close();
  });

  it('periodic mode fsyncs every period, only when something was written', () => {
    const log = CommitLog.open(fixture.options({ sync: 'periodic', syncPeriodMs: 10_000 }), collectingHandler());
    const afterOpen = fixture.fileSystem.fsyncCount;
    for (let i = 0; i < 5; i++) log.append(entry(i), [A]);
    expect(fixture.fileSystem.fsyncCount).toBe(afterOpen);
    fixture.scheduler.advance(9_999);
    expect(fixture.fileSystem.fsyncCount).toBe(afterOpen);
    fixture.scheduler.advance(1);
    expect(fixture.fileSystem.fsyncCount).toBe(afterOpen + 1);
    fixture.scheduler.advance(30_000);
    expect(fixture.fileSystem.fsyncCount).toBe(afterOpen + 1);
    log.append(entry(9), [A]);
    log.close();
    expect(fixture.fileSystem.fsyncCount).toBe(afterOpen + 2);
    // The periodic task is gone with the log.
    fixture.scheduler.advance(30_000);
    expect(fixture.fileSystem.fsyncCount).toBe(afterOpen + 2);
  });

  it('drain leaves nothing to replay and one empty segment', () => {
    const log = CommitLog.open(fixture.options({ segmentSizeBytes: 4096 }), collectingHandler());
    for (let i = 0; i < 100; i++) log.append(entry(i), [A]);
    log.drain();
    expect(segmentFiles(fixture.dir)).toHaveLength(1);
    const replay = collectingHandler();
    const reopened = CommitLog.open(fixture.options(), replay);
    expect(replay.entries).toEqual([]);
    expect(segmentFiles(fixture.dir)).toHaveLength(1);
    reopened.close();
    expect(() => reopened.append(entry(1), [A])).toThrow('commit log is closed');
  });
});
