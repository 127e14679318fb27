import { describe, expect, it } from 'vitest';
import type { PartitionRangeReadCommand, SinglePartitionReadCommand, UnfilteredPartition } from '../data/index.js';
import { ALL, cell, deletion, int, liveness, mutation, row, testTable, update } from '../data/testing/fixtures.js';
import type { TableMetadata } from '../schema/index.js';
import { native } from '../types/index.js';
import { StorageEngine } from './storage-engine.js';

const rowsTable = testTable({ clustering: [['c', native('int'), 'asc']] });
const plainTable = testTable();

function write(engine: StorageEngine, table: TableMetadata, key: number, c: number | null, value: string, timestamp = 1, token?: bigint): void {
  const r = row(c === null ? [] : [int(c)], { v: cell(value, timestamp) }, { liveness: liveness(timestamp) });
  engine.apply(mutation(update(table, int(key), { rows: [r], token })));
}

function single(table: TableMetadata, key: number, token?: bigint): SinglePartitionReadCommand {
  return {
    kind: 'single', table, key: int(key), token: token ?? BigInt(key),
    filter: { kind: 'slices', slices: [ALL], reversed: false }, nowInSec: 0, rowLimit: Infinity,
  };
}

function scan(table: TableMetadata): PartitionRangeReadCommand {
  return {
    kind: 'range', table, filter: { kind: 'slices', slices: [ALL], reversed: false }, nowInSec: 0,
    rowLimit: Infinity, perPartitionLimit: Infinity, partitionLimit: Infinity,
    bounds: { start: null, startInclusive: false, end: null, endInclusive: true },
  };
}

/** "key:c=value" for every row of the partitions read, in the order read. */
function contents(partitions: UnfilteredPartition[]): string[] {
  return partitions.flatMap((p) => p.rows.map((r) => {
    const c = r.clustering.length === 0 ? '' : `${r.clustering[0]!.readInt32BE()}=`;
    return `${p.key.readInt32BE()}:${c}${r.cells.get('v')?.value?.toString('utf8') ?? ''}`;
  }));
}

describe('StorageEngine images', () => {
  it('keep what was there when taken, whatever is written, deleted or truncated afterwards', () => {
    const engine = new StorageEngine();
    write(engine, rowsTable, 1, 1, 'a');
    write(engine, rowsTable, 2, 1, 'b');
    const image = engine.image();
    write(engine, rowsTable, 1, 2, 'a2');
    write(engine, rowsTable, 1, 1, 'a-new', 2);
    write(engine, rowsTable, 3, 1, 'c');
    engine.apply(mutation(update(rowsTable, int(2), { partitionDeletion: deletion(5) })));
    expect(contents(engine.read(scan(rowsTable)))).toEqual(['1:1=a-new', '1:2=a2', '3:1=c']);
    engine.restore(image);
    expect(contents(engine.read(scan(rowsTable)))).toEqual(['1:1=a', '2:1=b']);
    expect(contents(engine.read(single(rowsTable, 1)))).toEqual(['1:1=a']);
    expect(engine.read(single(rowsTable, 3))).toEqual([]);
    engine.truncate(rowsTable.id);
    engine.restore(image);
    expect(contents(engine.read(scan(rowsTable)))).toEqual(['1:1=a', '2:1=b']);
  });

  it('can be restored again and again, each time as taken', () => {
    const engine = new StorageEngine();
    for (let k = 0; k < 50; k++) write(engine, plainTable, k, null, `v${k}`);
    const image = engine.image();
    for (let round = 0; round < 3; round++) {
      engine.restore(image);
      for (let k = 0; k < 50; k += 2) write(engine, plainTable, k, null, `r${round}`, 10 + round);
      expect(contents(engine.read(single(plainTable, 4)))).toEqual([`4:r${round}`]);
    }
    engine.restore(image);
    expect(contents(engine.read(single(plainTable, 4)))).toEqual(['4:v4']);
    expect(engine.tableStats(plainTable.id).partitionCount).toBe(50);
  });

  it('shared by two engines, change independently', () => {
    const first = new StorageEngine();
    write(first, rowsTable, 1, 1, 'a');
    const image = first.image();
    const second = new StorageEngine();
    second.restore(image);
    write(second, rowsTable, 1, 2, 'only-second');
    write(first, rowsTable, 1, 3, 'only-first');
    expect(contents(second.read(single(rowsTable, 1)))).toEqual(['1:1=a', '1:2=only-second']);
    expect(contents(first.read(single(rowsTable, 1)))).toEqual(['1:1=a', '1:3=only-first']);
  });

  it('empty the tables they did not hold, and bring back tables with no memtable now', () => {
    const engine = new StorageEngine();
    write(engine, plainTable, 1, null, 'p');
    const image = engine.image();
    write(engine, rowsTable, 1, 1, 'later');
    engine.dropTable(plainTable.id);
    engine.restore(image);
    expect(engine.read(scan(rowsTable))).toEqual([]);
    expect(contents(engine.read(single(plainTable, 1)))).toEqual(['1:p']);
  });

  it('stack up over successive snapshots, newest version of each key first', () => {
    const engine = new StorageEngine();
    const images = [];
    for (let generation = 0; generation < 12; generation++) {
      for (let k = 0; k <= generation * 3; k++) write(engine, plainTable, k, null, `g${generation}`, generation + 1);
      images.push(engine.image());
    }
    engine.restore(images[4]!);
    expect(contents(engine.read(single(plainTable, 0)))).toEqual(['0:g4']);
    expect(contents(engine.read(single(plainTable, 12)))).toEqual(['12:g4']);
    expect(engine.read(single(plainTable, 13))).toEqual([]);
    engine.restore(images[11]!);
    expect(contents(engine.read(single(plainTable, 13)))).toEqual(['13:g11']);
    expect(engine.tableStats(plainTable.id).partitionCount).toBe(34);
  });

  it('serve range reads in ring order from images never ordered, chained, each version the newest', () => {
    const engine = new StorageEngine();
    const expected = new Map<number, string>();
    const put = (k: number, v: string, ts: number): void => {
      write(engine, plainTable, k, null, v, ts);
      expected.set(k, v);
    };
    const ringOrder = (): string[] => [...expected].sort(([a], [b]) => a - b).map(([k, v]) => `${k}:${v}`);
    for (let k = 0; k < 200; k++) put(k, 'a', 1);
    const first = engine.image();
    for (let k = 0; k < 200; k += 3) put(k, 'b', 2);
    for (let k = 200; k < 230; k++) put(k, 'b', 2);
    const second = engine.image();
    put(7, 'c', 3);
    expect(contents(engine.read(scan(plainTable)))).toEqual(ringOrder());
    engine.restore(second);
    expected.set(7, 'a');
    expect(contents(engine.read(scan(plainTable)))).toEqual(ringOrder());
    const other = new StorageEngine();
    other.restore(first);
    expect(contents(other.read(scan(plainTable)))).toHaveLength(200);
    expect(contents(other.read(single(plainTable, 3)))).toEqual(['3:a']);
  });

  it('tell apart keys that share a token, across layers', () => {
    const engine = new StorageEngine();
    write(engine, plainTable, 1, null, 'one', 1, 7n);
    const image = engine.image();
    write(engine, plainTable, 2, null, 'two', 1, 7n);
    write(engine, plainTable, 1, null, 'one-b', 2, 7n);
    engine.image();
    write(engine, plainTable, 3, null, 'three', 1, 7n);
    expect(contents(engine.read(single(plainTable, 1, 7n)))).toEqual(['1:one-b']);
    expect(contents(engine.read(single(plainTable, 2, 7n)))).toEqual(['2:two']);
    expect(contents(engine.read(single(plainTable, 3, 7n)))).toEqual(['3:three']);
    engine.restore(image);
    expect(contents(engine.read(single(plainTable, 1, 7n)))).toEqual(['1:one']);
    expect(engine.read(single(plainTable, 2, 7n))).toEqual([]);
  });

  it('count rows once each, whether ordered, pending in an image or copied since', () => {
    const engine = new StorageEngine();
    for (let k = 0; k < 10; k++) write(engine, rowsTable, k, 1, 'x');
    engine.image();
    write(engine, rowsTable, 3, 2, 'copy');
    write(engine, rowsTable, 20, 1, 'new');
    expect(engine.tableStats(rowsTable.id)).toMatchObject({ partitionCount: 11, rowCount: 12 });
  });

  it('keep their size: restoring gives back the size and partition count of the snapshot', () => {
    const engine = new StorageEngine();
    for (let k = 0; k < 10; k++) write(engine, rowsTable, k, 1, 'x');
    const before = engine.tableStats(rowsTable.id);
    const image = engine.image();
    for (let k = 0; k < 20; k++) write(engine, rowsTable, k, 2, 'more');
    expect(engine.tableStats(rowsTable.id).sizeBytes).toBeGreaterThan(before.sizeBytes);
    engine.restore(image);
    expect(engine.tableStats(rowsTable.id)).toEqual(before);
  });
});
