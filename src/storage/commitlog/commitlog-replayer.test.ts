import { appendFileSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../common/seeded-random.js';
import { CommitLog } from './commitlog.js';
import { CommitLogReplayError } from './commitlog-errors.js';
import type { CommitLogPosition } from './commitlog-position.js';
import { replayCommitLog, type ReplayHandler } from './commitlog-replayer.js';
import { collectingHandler, CommitLogFixture } from './testing/commitlog-fixture.js';

const TABLE = 'aaaaaaaa000000000000000000000001';
const SEGMENT_BYTES = 4096;

function entry(i: number): Buffer {
  const bytes = Buffer.alloc(100, i & 0xff);
  bytes.writeUInt32BE(i, 0);
  return bytes;
}

/** Writes `count` entries (in several segments when asked) and closes the log; the positions and files. */
function writeLog(fixture: CommitLogFixture, count: number): { positions: CommitLogPosition[]; files: string[] } {
  const log = CommitLog.open(fixture.options({ segmentSizeBytes: SEGMENT_BYTES }), collectingHandler());
  const positions = Array.from({ length: count }, (_, i) => log.append(entry(i), [TABLE]));
  log.close();
  const files = readdirSync(fixture.dir).sort().map((name) => join(fixture.dir, name));
  return { positions, files };
}

function replay(fixture: CommitLogFixture): number[] {
  const handler = collectingHandler();
  replayCommitLog({ dir: fixture.dir, identity: 'test-cluster/node1', fileSystem: fixture.fileSystem, logger: fixture.logger }, handler);
  return handler.entries.map((e) => e.entry.readUInt32BE(0));
}

function replayError(fixture: CommitLogFixture): CommitLogReplayError {
  try {
    replay(fixture);
  } catch (e) {
    if (e instanceof CommitLogReplayError) return e;
    throw e;
  }
  throw new Error('replay succeeded');
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('commit log replay of damaged segments', () => {
  let fixture: CommitLogFixture;
  beforeEach(() => { fixture = new CommitLogFixture(); });
  afterEach(() => fixture.remove());

  describe('drops a torn last entry with a warning, and cuts it off', () => {
    it.each([
      ['the last entry cut in its payload', 9, (file: string, end: number) => truncateSync(file, end - 50)],
      ['the last entry cut in its length', 9, (file: string, end: number) => truncateSync(file, end - 146)],
      ['a partial entry header after the last entry', 10, (file: string) => appendFileSync(file, Buffer.from([0, 0, 1]))],
      ['garbage after the last entry', 10, (file: string) => appendFileSync(file, randomBytes(7, 333))],
      ['a mebibyte of garbage after the last entry', 10, (file: string) => appendFileSync(file, randomBytes(9, 1 << 20))],
      ['zeros after the last entry', 10, (file: string) => appendFileSync(file, Buffer.alloc(8192))],
      ['the last entry\'s payload overwritten with garbage', 9, (file: string, end: number) => overwrite(file, end - 60, randomBytes(8, 40))],
    ])('%s', (_, kept, damage) => {
      const { positions, files } = writeLog(fixture, 10);
      const file = files.at(-1)!;
      damage(file, positions.at(-1)!.position);
      const damagedBytes = statSync(file).size;
      expect(replay(fixture)).toEqual(range(kept));
      expect(fixture.logger.warnings).toHaveLength(1);
      expect(fixture.logger.warnings[0]!.message).toMatch(new RegExp(`^Dropped a torn entry at the end of commit log segment ${file} \\(offset ${positions[kept - 1]!.position},`));
      expect(statSync(file).size).toBe(positions[kept - 1]!.position);
      expect(damagedBytes).toBeGreaterThan(positions[kept - 1]!.position);
      // Cut off: the next replay finds a clean segment.
      expect(replay(fixture)).toEqual(range(kept));
      expect(fixture.logger.warnings).toHaveLength(1);
    });
  });

  it('replays every entry but the torn one', () => {
    const { positions, files } = writeLog(fixture, 10);
    truncateSync(files.at(-1)!, positions.at(-1)!.position - 1);
    expect(replay(fixture)).toEqual(range(9));
    expect(fixture.logger.warnings[0]!.fields).toMatchObject({ offset: positions[8]!.position, droppedBytes: positions[9]!.position - positions[8]!.position - 1 });
  });

  it('stops at damage in the middle of the last segment, naming the file and the offset', () => {
    const { positions, files } = writeLog(fixture, 10);
    const file = files.at(-1)!;
    overwrite(file, positions[4]!.position + 40, Buffer.from('x'));
    const error = replayError(fixture);
    expect(error).toMatchObject({ file, offset: positions[4]!.position });
    expect(error.message).toBe(`Mutation checksum failure; commit log replay stopped (commit_failure_policy stop) at offset ${positions[4]!.position} of ${file}`);
  });

  it('stops at an entry whose checksum matches but which does not decode, naming the file and where it starts', () => {
    const { positions, files } = writeLog(fixture, 10);
    const handler = collectingHandler();
    const newer = new Error('mutation has serialization version 9; this Cassanova reads up to version 1');
    const decoding: ReplayHandler = {
      onEntry: (entry, position, tableIds) => {
        if (entry.readUInt32BE(0) === 5) throw newer;
        handler.onEntry(entry, position, tableIds);
      },
    };
    let error: unknown;
    try {
      replayCommitLog({ dir: fixture.dir, identity: 'test-cluster/node1', fileSystem: fixture.fileSystem, logger: fixture.logger }, decoding);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CommitLogReplayError);
    expect(error).toMatchObject({ file: files[0], offset: positions[4]!.position, cause: newer });
    expect((error as Error).message).toBe(`Unexpected error deserializing mutation (${newer.message}); commit log replay stopped `
      + `(commit_failure_policy stop) at offset ${positions[4]!.position} of ${files[0]}`);
    expect(handler.entries.map((e) => e.entry.readUInt32BE(0))).toEqual(range(5));
  });

  it('stops at a damaged length in the middle of the last segment', () => {
    const { positions, files } = writeLog(fixture, 10);
    overwrite(files.at(-1)!, positions[2]!.position + 2, Buffer.from([0x7f]));
    expect(replayError(fixture)).toMatchObject({ file: files.at(-1), offset: positions[2]!.position });
  });

  it('stops at zeros followed by entries', () => {
    const { positions, files } = writeLog(fixture, 10);
    overwrite(files.at(-1)!, positions[2]!.position, Buffer.alloc(20));
    expect(replayError(fixture).message).toMatch(/^Zeros where an entry should start;/);
  });

  it('stops at a torn tail of a segment that is not the last', () => {
    const { positions, files } = writeLog(fixture, 100);
    expect(files.length).toBeGreaterThan(2);
    const first = files[0]!;
    const lastInFirst = positions.filter((p) => p.segmentId === positions[0]!.segmentId).at(-1)!;
    truncateSync(first, lastInFirst.position - 10);
    expect(replayError(fixture)).toMatchObject({ file: first, offset: lastInFirst.position - 148 });
  });

  it('removes a last segment whose header was never completely written, with a warning', () => {
    const { files } = writeLog(fixture, 3);
    const torn = join(fixture.dir, 'CommitLog-1-99999999999999.log');
    writeFileSync(torn, readFileSync(files[0]!).subarray(0, 10));
    expect(replay(fixture)).toEqual(range(3));
    expect(fixture.logger.warnings[0]!.message).toMatch(/whose header was never completely written \(Segment header truncated \(10 bytes\)\)/);
    expect(readdirSync(fixture.dir)).toHaveLength(1);
  });

  it('refuses a segment with a damaged header before the last', () => {
    const { files } = writeLog(fixture, 100);
    overwrite(files[0]!, 9, Buffer.from([0xff]));
    expect(replayError(fixture)).toMatchObject({ file: files[0], offset: 0 });
    expect(replayError(fixture).message).toMatch(/^Segment header checksum mismatch;/);
  });

  it('refuses the segments of another node', () => {
    writeLog(fixture, 3);
    const handler = collectingHandler();
    const options = { dir: fixture.dir, identity: 'other-cluster/node1', fileSystem: fixture.fileSystem, logger: fixture.logger };
    expect(() => replayCommitLog(options, handler)).toThrow(/^Commit log segment written by 'test-cluster\/node1', not by this node \('other-cluster\/node1'\)/);
    expect(handler.entries).toEqual([]);
  });

  it('refuses a segment of a newer format', () => {
    writeLog(fixture, 3);
    writeFileSync(join(fixture.dir, 'CommitLog-2-1.log'), Buffer.alloc(100));
    expect(replayError(fixture).message).toMatch(/^Commit log segment of format version 2, newer than the 1 this version reads;/);
  });

  it('ignores files that are no segments', () => {
    writeLog(fixture, 3);
    writeFileSync(join(fixture.dir, 'notes.txt'), 'hello');
    expect(replay(fixture)).toEqual(range(3));
  });
});

function randomBytes(seed: number, length: number): Buffer {
  const random = new SeededRandom(seed);
  return Buffer.from(Array.from({ length }, () => random.nextUint32() & 0xff));
}

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const content = readFileSync(file);
  bytes.copy(content, offset);
  writeFileSync(file, content);
}
