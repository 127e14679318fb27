import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cell, int, mutation, row, testTable, update } from '../../data/testing/fixtures.js';
import type { TableMetadata } from '../../schema/index.js';
import { BatchlogFile } from './batchlog-file.js';
import type { Batch, BatchlogImage } from './batchlog-manager.js';

const table = testTable();
const other = testTable({ name: 'other' });
const write = (key: number, t: TableMetadata = table) => mutation(update(t, int(key), { rows: [row([], { v: cell(`v${key}`, 10) })] }));
const batch = (n: number, tables: TableMetadata[] = [table, table]): Batch => ({
  id: Buffer.from(`batch-${n}`), createdMs: 1000 + n, mutations: tables.map((t, i) => write(10 * n + i, t)),
});

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'batchlog-file-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const open = (tables: TableMetadata[] = [table, other], groupSync = true): { file: BatchlogFile; image: BatchlogImage } => BatchlogFile.open({
  folder, groupSync, logger: { warn: () => undefined }, table: (id) => tables.find((t) => t.id.equals(id)),
});
const summary = (image: BatchlogImage): string[] =>
  [...image.values()].map((b) => `${b.id.toString()}@${b.createdMs}:${b.mutations.map((m) => m.key.readInt32BE()).join(',')}`);

describe('BatchlogFile', () => {
  it('keeps the batches stored and not removed across a restart without close', () => {
    const { file } = open();
    file.stored(batch(1));
    file.stored(batch(2));
    file.stored(batch(3));
    file.removed(Buffer.from('batch-2'));
    file.removed(Buffer.from('unknown'));
    expect(summary(open().image)).toEqual(['batch-1@1001:10,11', 'batch-3@1003:30,31']);
  });

  it('leaves out what batches write to dropped tables, and batches left with nothing', () => {
    const { file } = open();
    file.stored(batch(1, [table, other]));
    file.stored(batch(2, [other]));
    file.close();
    expect(summary(open([table]).image)).toEqual(['batch-1@1001:10']);
  });

  it('drops a torn last record, and compacts as batches come and go', () => {
    const { file } = open(undefined, false);
    file.stored(batch(1));
    for (let n = 2; n < 1000; n++) {
      file.stored(batch(n));
      file.removed(Buffer.from(`batch-${n}`));
    }
    file.stored(batch(1000));
    const path = join(folder, 'batches.log');
    expect(statSync(path).size).toBeLessThan(600 * 120);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 1));
    expect(summary(open().image)).toEqual(['batch-1@1001:10,11']);
  });

  it('holds exactly what a restore or dropTables replaced', () => {
    const { file } = open();
    file.stored(batch(1));
    file.replaced(new Map([['x', batch(7)]]));
    file.close();
    expect(summary(open().image)).toEqual(['batch-7@1007:70,71']);
  });
});
