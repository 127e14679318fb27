import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock, VirtualScheduler } from '../common/index.js';
import type { SinglePartitionReadCommand } from '../data/index.js';
import { ALL, cell, int, liveness, mutation, row, testTable, update } from '../data/testing/fixtures.js';
import { native } from '../types/index.js';
import { StorageEngine } from './storage-engine.js';
import { StepScheduler } from './testing/step-scheduler.js';
import { tempDir } from './testing/temp-dir.js';

const table = testTable({ clustering: [['c', native('int'), 'asc']] });
let dir: ReturnType<typeof tempDir>;
const engines: StorageEngine[] = [];
beforeEach(() => {
  dir = tempDir('engine-bg');
});
afterEach(() => {
  for (const e of engines.splice(0)) e.close(false);
  dir.remove();
});

/** A durable engine; its flushes and compactions run a slice per turn of the event loop, or when `background` says. */
function open(memtableSpaceBytes = 1 << 30, background?: StepScheduler): StorageEngine {
  const clock = new VirtualClock();
  const engine = new StorageEngine();
  engine.openDurable({
    folder: dir.path, identity: 'host-1', clock, scheduler: new VirtualScheduler(clock), logger: { warn: () => {} },
    commitLog: { sync: 'periodic', syncPeriodMs: 10_000, segmentSizeBytes: 1 << 20 },
    table: (id) => (id.equals(table.id) ? table : undefined), durableWrites: () => true, memtableSpaceBytes,
    ...(background === undefined ? {} : { background, slices: { bytes: 4096, partitions: 100, syncBytes: 16384 } }),
  });
  engines.push(engine);
  return engine;
}

function close(engine: StorageEngine, drain: boolean): void {
  engine.close(drain);
  engines.splice(engines.indexOf(engine), 1);
}

/** Partition `key` gets row `c` = `v`, written at `ts`. */
function write(engine: StorageEngine, key: number, c: number, v: string, ts = 1): void {
  engine.apply(mutation(update(table, int(key), { rows: [row([int(c)], { v: cell(v, ts) }, { liveness: liveness(ts) })] })));
}

/** The rows of partition `key` as c=v. */
function read(engine: StorageEngine, key: number): string[] {
  const command: SinglePartitionReadCommand = {
    kind: 'single', table, key: int(key), token: BigInt(key), filter: { kind: 'slices', slices: [ALL], reversed: false }, nowInSec: 0, rowLimit: Infinity,
  };
  return engine.read(command).flatMap((p) => p.rows.map((r) => `${r.clustering[0]!.readInt32BE()}=${r.cells.get('v')!.value!.toString()}`));
}

const sstables = (): string[] => readdirSync(dir.path, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('TOC.txt'));
const temporary = (): string[] => readdirSync(dir.path, { recursive: true, encoding: 'utf8' }).filter((f) => f.split('/').pop()!.startsWith('tmp-'));

describe('a durable StorageEngine flushing in the background', () => {
  it('takes writes and serves reads while a flush runs, from the flushing memtable and the new one', async () => {
    const engine = open();
    for (let key = 0; key < 2000; key++) write(engine, key, 1, `a${key}`);
    const flushing = engine.flush();
    // Nothing is written yet: the memtable was swapped, its flush waits for the event loop.
    expect(sstables()).toEqual([]);
    expect(engine.memtableBytes().live).toBe(0);
    expect(engine.memtableBytes().flushing).toBeGreaterThan(0);
    write(engine, 5, 2, 'new');
    write(engine, 6, 1, 'newer', 2);
    expect(read(engine, 5)).toEqual(['1=a5', '2=new']);
    expect(read(engine, 6)).toEqual(['1=newer']);
    await flushing;
    expect(sstables()).toHaveLength(1);
    expect(engine.memtableBytes().flushing).toBe(0);
    expect(read(engine, 5)).toEqual(['1=a5', '2=new']);
    expect(read(engine, 1999)).toEqual(['1=a1999']);
  });

  it('holds at most about twice the memtable space when writes outrun the flushes', async () => {
    const space = 64 * 1024;
    const engine = open(space);
    let most = 0;
    // One synchronous burst: no flush slice can run between these writes.
    for (let key = 0; key < 5000; key++) {
      write(engine, key, 1, 'x'.repeat(100));
      const held = engine.memtableBytes();
      most = Math.max(most, held.live + held.flushing);
    }
    expect(most).toBeLessThanOrEqual(2 * space + 1024);
    expect(sstables().length).toBeGreaterThan(3);
    await engine.flush();
    for (const key of [0, 2500, 4999]) expect(read(engine, key)).toEqual([`1=${'x'.repeat(100)}`]);
  });

  it('finishes the running flushes when closed with a drain: nothing is left to replay', async () => {
    let engine = open();
    for (let key = 0; key < 3000; key++) write(engine, key, 1, `a${key}`);
    const flushing = engine.flush();
    write(engine, 1, 2, 'after');
    close(engine, true);
    await flushing;
    expect(temporary()).toEqual([]);
    engine = open();
    expect(engine.memtableBytes().live).toBe(0);
    expect(read(engine, 1)).toEqual(['1=a1', '2=after']);
    expect(read(engine, 2999)).toEqual(['1=a2999']);
  });

  it('stops a flush when closed without a drain: its temporary files go, the commit log brings its writes back', async () => {
    const background = new StepScheduler();
    let engine = open(1 << 30, background);
    for (let key = 0; key < 3000; key++) write(engine, key, 1, `a${key}`);
    const flushing = engine.flush();
    for (let i = 0; i < 3; i++) await background.step(flushing);
    expect(temporary().length).toBeGreaterThan(0);
    close(engine, false);
    await flushing;
    expect(temporary()).toEqual([]);
    expect(sstables()).toEqual([]);
    engine = open();
    expect(read(engine, 2999)).toEqual(['1=a2999']);
    // Replayed, and being flushed as after any replay.
    const held = engine.memtableBytes();
    expect(held.live + held.flushing).toBeGreaterThan(0);
  });

  it('compacts in the background while serving reads and writes, after the flushes', async () => {
    const background = new StepScheduler();
    const engine = open(1 << 30, background);
    for (let round = 0; round < 3; round++) {
      for (let key = 0; key < 1000; key++) write(engine, key, round, `r${round}`, 1 + round);
      await background.drive(engine.flush());
    }
    expect(sstables()).toHaveLength(3);
    const compacting = engine.compact();
    let slices = 0;
    while (await background.step(compacting)) {
      slices++;
      write(engine, 7, 9, `w${slices}`, 10 + slices);
      expect(read(engine, 500)).toEqual(['0=r0', '1=r1', '2=r2']);
      expect(read(engine, 7)).toEqual(['0=r0', '1=r1', '2=r2', `9=w${slices}`]);
    }
    await compacting;
    expect(slices).toBeGreaterThan(5);
    expect(sstables()).toHaveLength(1);
    expect(read(engine, 999)).toEqual(['0=r0', '1=r1', '2=r2']);
  });
});
