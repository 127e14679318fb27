import { existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cell, int, row, testTable, update } from '../../data/testing/fixtures.js';
import { tempDir } from '../testing/temp-dir.js';
import {
  CorruptSSTableError, Descriptor, listSSTables, nextGeneration, removeIncompleteSSTables, SSTableReader, SSTableWriter,
  UnsupportedSSTableFormatError, writeSSTable,
} from './index.js';

const table = testTable();
const partitions = Array.from({ length: 300 }, (_, i) => ({
  ...update(table, int(i), { rows: [row([], { v: cell(`value ${i}`, 1) })] }), reversed: false,
}));

let dir: ReturnType<typeof tempDir>;
let descriptor: Descriptor;
beforeEach(() => {
  dir = tempDir('sstable-corrupt');
  descriptor = new Descriptor(dir.path, 1);
  writeSSTable(descriptor, table, partitions, { indexInterval: 32 });
});
afterEach(() => dir.remove());

function flipByte(path: string, offset: number): void {
  const bytes = readFileSync(path);
  bytes[offset] = bytes[offset]! ^ 0xff;
  writeFileSync(path, bytes);
}

/** Reads every partition, key by key. */
function readAll(reader: SSTableReader): void {
  for (const p of partitions) reader.readPartition(table, p.key, p.token);
}

function expectCorrupt(action: () => void, file: string): void {
  let error: unknown;
  try {
    action();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CorruptSSTableError);
  expect((error as CorruptSSTableError).file).toBe(file);
  expect((error as Error).message).toContain(file);
}

describe('SSTable corruption', () => {
  it('a flipped byte in Data.db fails the read of its partition with the file named', () => {
    const data = descriptor.path('Data.db');
    flipByte(data, statSync(data).size - 3);
    const reader = SSTableReader.open(descriptor);
    try {
      expectCorrupt(() => readAll(reader), data);
      expect(reader.readPartition(table, int(0), 0n)).not.toBeNull();
    } finally {
      reader.close();
    }
  });

  it('a flipped byte in Index.db fails the lookups of its chunk', () => {
    const index = descriptor.path('Index.db');
    flipByte(index, 20);
    const reader = SSTableReader.open(descriptor);
    try {
      expectCorrupt(() => readAll(reader), index);
    } finally {
      reader.close();
    }
  });

  it.each(['Summary.db', 'Filter.db', 'Statistics.db'] as const)('a flipped byte in %s fails the open', (component) => {
    const path = descriptor.path(component);
    flipByte(path, statSync(path).size - 1);
    expectCorrupt(() => SSTableReader.open(descriptor), path);
  });

  it('a truncated Data.db or Index.db is refused at open or at the read that reaches past its end', () => {
    const data = descriptor.path('Data.db');
    truncateSync(data, statSync(data).size - 10);
    expectCorrupt(() => SSTableReader.open(descriptor), data);
    writeSSTable(new Descriptor(dir.path, 2), table, partitions, { indexInterval: 32 });
    const index = new Descriptor(dir.path, 2).path('Index.db');
    truncateSync(index, statSync(index).size - 10);
    const reader = SSTableReader.open(new Descriptor(dir.path, 2));
    try {
      expectCorrupt(() => readAll(reader), index);
    } finally {
      reader.close();
    }
  });

  it('a truncated header is corruption, a newer format version or another file is refused with a clear message', () => {
    const stats = descriptor.path('Statistics.db');
    truncateSync(stats, 5);
    expectCorrupt(() => SSTableReader.open(descriptor), stats);
    writeSSTable(new Descriptor(dir.path, 2), table, partitions);
    const summary = new Descriptor(dir.path, 2).path('Summary.db');
    const bytes = readFileSync(summary);
    bytes.writeUInt32BE(99, 4);
    writeFileSync(summary, bytes);
    expect(() => SSTableReader.open(new Descriptor(dir.path, 2))).toThrow(UnsupportedSSTableFormatError);
    expect(() => SSTableReader.open(new Descriptor(dir.path, 2))).toThrow(/format version 99 is newer than the 1 this Cassanova reads/);
    bytes.write('JUNK', 0, 'latin1');
    writeFileSync(summary, bytes);
    expect(() => SSTableReader.open(new Descriptor(dir.path, 2))).toThrow(/not a Cassanova Summary.db file/);
  });
});

describe('SSTable atomic writing', () => {
  it('an interrupted write leaves only temporary files, which are not listed and are removed at start', () => {
    const writer = new SSTableWriter(new Descriptor(dir.path, 2), table);
    for (const p of partitions) writer.append(p);
    // The process dies here: no finish().
    expect(readdirSync(dir.path).filter((n) => n.startsWith('tmp-'))).toEqual(['tmp-cn-2-big-Data.db', 'tmp-cn-2-big-Index.db']);
    expect(listSSTables(dir.path).map((d) => d.generation)).toEqual([1]);
    expect(nextGeneration(dir.path)).toBe(3);
    expect(removeIncompleteSSTables(dir.path).sort()).toEqual(['tmp-cn-2-big-Data.db', 'tmp-cn-2-big-Index.db']);
    expect(readdirSync(dir.path).some((n) => n.startsWith('tmp-'))).toBe(false);
  });

  it('a generation renamed but without its TOC is incomplete and removed', () => {
    const d = new Descriptor(dir.path, 2);
    writeSSTable(d, table, partitions);
    // A crash between the renames and the TOC.
    const toc = d.path('TOC.txt');
    rmSync(toc);
    writeFileSync(join(dir.path, 'keep.txt'), 'not ours');
    expectCorrupt(() => SSTableReader.open(d), toc);
    expect(listSSTables(dir.path).map((x) => x.generation)).toEqual([1]);
    expect(removeIncompleteSSTables(dir.path)).toHaveLength(5);
    expect(existsSync(d.path('Data.db'))).toBe(false);
    expect(existsSync(join(dir.path, 'keep.txt'))).toBe(true);
    const reader = SSTableReader.open(descriptor);
    expect(reader.stats.partitionCount).toBe(300);
    reader.close();
  });

  it('abort removes what was written', () => {
    const writer = new SSTableWriter(new Descriptor(dir.path, 2), table);
    writer.append(partitions[0]!);
    writer.abort();
    expect(readdirSync(dir.path).filter((n) => n.includes('-2-'))).toEqual([]);
  });
});
