import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../common/index.js';
import { cell, int, mutation, row, testTable, update } from '../../data/testing/fixtures.js';
import type { TableMetadata } from '../../schema/index.js';
import { HintFiles, type HintFilesOptions } from './hint-files.js';
import { HintStore } from './hint-store.js';

const table = testTable();
const other = testTable({ name: 'other' });
const write = (key: number, t: TableMetadata = table) => mutation(update(t, int(key), { rows: [row([], { v: cell(`v${key}`, 10) })] }));
const HOST = (n: number): Buffer => Buffer.from(`${String(n).padStart(2, '0')}`.repeat(16), 'hex');
const HOUR_MS = 3_600_000;

let folder: string;
let warnings: string[];
beforeEach(() => {
  folder = join(mkdtempSync(join(tmpdir(), 'hint-files-')), 'hints');
  warnings = [];
});
afterEach(() => rmSync(join(folder, '..'), { recursive: true, force: true }));

function open(clock: VirtualClock, over: Partial<HintFilesOptions> = {}): { store: HintStore; files: HintFiles } {
  const tables = [table, other];
  const { files, image } = HintFiles.open({
    folder, logger: { warn: (_f, message) => warnings.push(message) },
    table: (id) => tables.find((t) => t.id.equals(id)), hostIdOf: (n) => (n <= 3 ? HOST(n) : undefined),
    targetOf: (hex) => [1, 2, 3].find((n) => HOST(n).toString('hex') === hex), nowMs: () => clock.nowMs(), ...over,
  });
  const store = new HintStore(clock, 3 * HOUR_MS);
  store.restore(image);
  store.attach(files);
  return { store, files };
}
const keys = (store: HintStore, target: number): number[] => store.pending(target).map((h) => h.mutation.key.readInt32BE());

describe('HintFiles', () => {
  it('keeps hints per target host id across a reopen, with their creation time and gc_grace', () => {
    const clock = new VirtualClock();
    const first = open(clock);
    first.store.add(2, write(1));
    clock.advance(1000);
    first.store.add(2, write(2));
    first.store.add(3, write(3));
    first.files.close();
    expect(readdirSync(folder).sort()).toEqual([
      `02020202-0202-0202-0202-020202020202-${clock.nowMs() - 1000}-1.hints`, `03030303-0303-0303-0303-030303030303-${clock.nowMs()}-1.hints`,
    ]);
    const { store } = open(clock);
    expect(keys(store, 2)).toEqual([1, 2]);
    expect(keys(store, 3)).toEqual([3]);
    expect(store.pending(2).map((h) => [h.createdMs, h.gcGraceSeconds])).toEqual([[clock.nowMs() - 1000, 864_000], [clock.nowMs(), 864_000]]);
    expect(store.pending(2)[0]!.mutation.updates[0]!.rows[0]!.cells.get('v')?.value?.toString()).toBe('v1');
  });

  it('records deliveries, and deletes a file once all of it is delivered', () => {
    const clock = new VirtualClock();
    const first = open(clock);
    for (const k of [1, 2, 3]) first.store.add(2, write(k));
    first.store.acknowledge(2, first.store.pending(2)[0]!);
    first.files.close();
    const second = open(clock);
    expect(keys(second.store, 2)).toEqual([2, 3]);
    second.store.add(2, write(4));
    for (const hint of second.store.pending(2)) second.store.acknowledge(2, hint);
    expect(readdirSync(folder)).toEqual([]);
    second.store.add(2, write(5));
    second.files.close();
    expect(keys(open(clock).store, 2)).toEqual([5]);
  });

  it('compacts a file whose deliveries pile up', () => {
    const clock = new VirtualClock();
    const { store, files } = open(clock);
    store.add(2, write(0));
    for (let k = 1; k <= 600; k++) {
      store.add(2, write(k));
      store.acknowledge(2, store.pending(2)[1]!);
    }
    const [name] = readdirSync(folder);
    expect(statSync(join(folder, name!)).size).toBeLessThan(300 * 40);
    files.close();
    expect(keys(open(clock).store, 2)).toEqual([0]);
  });

  it('drops a torn last hint with a warning', () => {
    const clock = new VirtualClock();
    const first = open(clock);
    first.store.add(2, write(1));
    first.store.add(2, write(2));
    const path = join(folder, readdirSync(folder)[0]!);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 3));
    const { store } = open(clock);
    expect(keys(store, 2)).toEqual([1]);
    expect(warnings.join()).toMatch(/torn end/);
  });

  it('forgets the files of excised nodes, the hints of dropped tables, and what a restore or dropTables replaced', () => {
    const clock = new VirtualClock();
    const first = open(clock);
    first.store.add(2, write(1));
    first.store.add(2, write(2, other));
    first.store.add(3, write(3));
    first.store.excise(3);
    expect(readdirSync(folder)).toHaveLength(1);
    first.files.close();
    const second = open(clock, { table: (id) => (id.equals(table.id) ? table : undefined) });
    expect(keys(second.store, 2)).toEqual([1]);
    second.store.add(1, write(4, table));
    second.store.dropTables(new Set([table.id.toString('hex')]));
    expect(readdirSync(folder)).toEqual([]);
    second.store.add(1, write(5));
    second.store.restore(new Map([[2, [{ mutation: write(6), createdMs: 7, gcGraceSeconds: 60 }]]]));
    second.files.close();
    const third = open(clock);
    expect(third.store.targets()).toEqual([2]);
    expect(third.store.pending(2).map((h) => [h.mutation.key.readInt32BE(), h.createdMs, h.gcGraceSeconds])).toEqual([[6, 7, 60]]);
  });

  it('deletes the files of a node no longer in the cluster at open, and keeps no file for a target that is not a member', () => {
    const clock = new VirtualClock();
    const first = open(clock);
    first.store.add(3, write(1));
    first.store.add(9, write(2));
    expect(first.store.count()).toBe(2);
    first.files.close();
    const { store } = open(clock, { targetOf: () => undefined });
    expect(store.count()).toBe(0);
    expect(readdirSync(folder)).toEqual([]);
  });
});
