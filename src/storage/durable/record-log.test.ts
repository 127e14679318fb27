import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordLog, RecordLogCorruptError, type RecordLogOptions } from './record-log.js';

let dir: string;
let warnings: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'record-log-'));
  warnings = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const options = (over: Partial<RecordLogOptions> = {}): RecordLogOptions => ({
  path: join(dir, 'test.log'), header: Buffer.from('test v1'), fsyncEachAppend: false,
  logger: { warn: (_fields, message) => warnings.push(message) }, ...over,
});
const texts = (records: Buffer[]): string[] => records.map((r) => r.toString());

describe('RecordLog', () => {
  it('keeps what was appended across a reopen, in order', () => {
    const { log, records } = RecordLog.open(options());
    expect(records).toEqual([]);
    log.append(Buffer.from('one'));
    log.append(Buffer.from(''));
    log.append(Buffer.from('three'));
    log.close();
    const again = RecordLog.open(options());
    expect(texts(again.records)).toEqual(['one', '', 'three']);
    again.log.append(Buffer.from('four'));
    again.log.close();
    expect(texts(RecordLog.open(options()).records)).toEqual(['one', '', 'three', 'four']);
  });

  it('keeps appends without close (the process killed), with or without fsync per append', () => {
    for (const fsyncEachAppend of [true, false]) {
      const path = join(dir, `${String(fsyncEachAppend)}.log`);
      RecordLog.open(options({ path, fsyncEachAppend })).log.append(Buffer.from('kept'));
      expect(texts(RecordLog.open(options({ path })).records)).toEqual(['kept']);
    }
  });

  it('drops a torn last record with a warning, and appends after what is whole', () => {
    const { log } = RecordLog.open(options());
    log.append(Buffer.from('whole'));
    log.append(Buffer.from('torn record'));
    log.close();
    const path = options().path;
    const full = readFileSync(path);
    writeFileSync(path, full.subarray(0, full.length - 5));
    const again = RecordLog.open(options());
    expect(texts(again.records)).toEqual(['whole']);
    expect(warnings.join()).toContain('Dropping the torn end');
    again.log.append(Buffer.from('next'));
    again.log.close();
    expect(texts(RecordLog.open(options()).records)).toEqual(['whole', 'next']);
  });

  it('drops zeros at the end (space allocated, never written)', () => {
    RecordLog.open(options()).log.append(Buffer.from('a'));
    appendFileSync(options().path, Buffer.alloc(64));
    expect(texts(RecordLog.open(options()).records)).toEqual(['a']);
    expect(warnings).toHaveLength(1);
  });

  it('refuses damage before the end, and a file of another kind', () => {
    const { log } = RecordLog.open(options());
    log.append(Buffer.from('first record'));
    log.append(Buffer.from('second'));
    log.close();
    const bytes = readFileSync(options().path);
    const damaged = Buffer.from(bytes);
    const at = bytes.indexOf('first') + 2;
    damaged[at] = damaged[at]! ^ 0xff;
    writeFileSync(options().path, damaged);
    expect(() => RecordLog.open(options())).toThrow(RecordLogCorruptError);
    writeFileSync(options().path, bytes);
    expect(() => RecordLog.open(options({ header: Buffer.from('other v1') }))).toThrow(/Unexpected header/);
  });

  it('rewrites its content whole, and deletes itself', () => {
    const { log } = RecordLog.open(options());
    for (let i = 0; i < 10; i++) log.append(Buffer.from(`r${i}`));
    const before = log.sizeBytes;
    log.rewrite([Buffer.from('r9')]);
    expect(log.sizeBytes).toBeLessThan(before);
    log.append(Buffer.from('r10'));
    expect(statSync(options().path).size).toBe(log.sizeBytes);
    log.close();
    const again = RecordLog.open(options());
    expect(texts(again.records)).toEqual(['r9', 'r10']);
    again.log.delete();
    expect(() => statSync(options().path)).toThrow();
  });

  it('once closed, touches no descriptor: its number may belong to another file by then', () => {
    const { log } = RecordLog.open(options());
    log.append(Buffer.from('kept'));
    log.close();
    log.close();
    // The lowest free descriptor: the one the log had, now another file's.
    const other = RecordLog.open(options({ path: join(dir, 'other.log') })).log;
    for (const use of [() => log.append(Buffer.from('lost')), () => log.rewrite([]), () => log.delete()]) {
      expect(use).toThrow(`${options().path} is closed`);
    }
    other.append(Buffer.from('still open'));
    other.close();
    expect(texts(RecordLog.open(options()).records)).toEqual(['kept']);
    expect(texts(RecordLog.open(options({ path: join(dir, 'other.log') })).records)).toEqual(['still open']);
  });

  it('appendSynced: the records appended while a group sync runs share the next one, and resolve after it', async () => {
    const { log } = RecordLog.open(options());
    const synced = Array.from({ length: 10 }, (_, i) => log.appendSynced(Buffer.from(`r${i}`)));
    // The first starts a sync at once; the others wait for the next, together.
    expect(new Set(synced).size).toBe(2);
    expect(new Set(synced.slice(1)).size).toBe(1);
    await Promise.all(synced);
    log.close();
    expect(texts(RecordLog.open(options()).records)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i}`));
  });

  it('appendSynced: a rewrite or a close under a running group sync resolves its waiters, and closes no descriptor twice', async () => {
    const { log } = RecordLog.open(options());
    const first = [log.appendSynced(Buffer.from('a')), log.appendSynced(Buffer.from('b'))];
    log.rewrite([Buffer.from('kept')]);
    const second = [log.appendSynced(Buffer.from('c')), log.appendSynced(Buffer.from('d'))];
    log.close();
    await Promise.all([...first, ...second]);
    expect(texts(RecordLog.open(options()).records)).toEqual(['kept', 'c', 'd']);
  });
});
