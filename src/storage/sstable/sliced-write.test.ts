import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../common/index.js';
import type { UnfilteredPartition } from '../../data/index.js';
import { cell, int, row, update } from '../../data/testing/fixtures.js';
import { flushedPartitions } from '../durable/memtable-contents.js';
import { newMemtable, randomUpdate, table } from '../testing/random-writes.js';
import { tempDir } from '../testing/temp-dir.js';
import { Descriptor } from './descriptor.js';
import { runToEnd, writeSSTable, writeSSTableInSlices } from './sliced-write.js';
import { SSTableReader } from './sstable-reader.js';

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

/** Random writes to keys 0..7 (deletions, TTLs, statics), and a row in each of `count` more partitions. */
function partitions(seed: number, count: number): UnfilteredPartition[] {
  const random = new SeededRandom(seed);
  const memtable = newMemtable();
  for (let i = 0; i < 200; i++) memtable.apply(randomUpdate(random));
  for (let k = 8; k < 8 + count; k++) memtable.apply(update(table, int(k), { rows: [row([int(k % 4), int(1)], { v: cell(`v${k}`.repeat(k % 7), 10 + k) })] }));
  return [...flushedPartitions(table, memtable)];
}

function folder(): string {
  const d = tempDir('sliced');
  dirs.push(d);
  return d.path;
}

const files = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f)).toString('hex')]));

describe('an SSTable written in slices', () => {
  it('is byte for byte the SSTable written at once, and yields between slices', () => {
    const input = partitions(7, 400);
    const once = folder();
    const sliced = folder();
    const options = { createdAtMs: 1234, commitLogUpperBound: { segmentId: 2, position: 99 } };
    writeSSTable(new Descriptor(once, 1), table, input, options);
    const work = writeSSTableInSlices(new Descriptor(sliced, 1), table, input, options, { bytes: 64, partitions: 3, syncBytes: 200 });
    let slices = 0;
    for (let step = work.next(); step.done !== true; step = work.next()) slices++;
    expect(input.length).toBe(408);
    expect(slices).toBeGreaterThanOrEqual(Math.floor(input.length / 3) - 1);
    expect(files(sliced)).toEqual(files(once));
    // A filter sized from the expected count and filled as partitions come is the same filter.
    const counted = folder();
    writeSSTable(new Descriptor(counted, 1), table, input, { ...options, expectedKeyCount: input.length });
    expect(files(counted)).toEqual(files(once));
    const reader = SSTableReader.open(new Descriptor(sliced, 1));
    expect([...reader.scan(table)].map((p) => p.key.toString('hex'))).toEqual(input.map((p) => p.key.toString('hex')));
    reader.close();
  });

  it('removes its temporary files when stopped between two slices', () => {
    const dir = folder();
    const work = writeSSTableInSlices(new Descriptor(dir, 1), table, partitions(8, 200), {}, { bytes: 64, partitions: 1, syncBytes: 64 });
    work.next();
    work.next();
    expect(readdirSync(dir).some((f) => f.startsWith('tmp-'))).toBe(true);
    work.return(undefined as never);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves nothing when stopped at its last sync, after the TOC was renamed', () => {
    const dir = folder();
    const work = writeSSTableInSlices(new Descriptor(dir, 2), table, partitions(8, 20), {}, { bytes: 1 << 20, partitions: 1000, syncBytes: 1 << 20 });
    // Run every step (syncs included) until the TOC is in place: only the folder's sync is left.
    while (!readdirSync(dir).includes('cn-2-big-TOC.txt')) {
      const step = work.next();
      if (step.done === true) throw new Error('the write ended without stopping at its last sync');
      step.value?.runSync();
    }
    work.return(undefined as never);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('runs to its end at once with runToEnd', () => {
    const dir = folder();
    const stats = runToEnd(writeSSTableInSlices(new Descriptor(dir, 3), table, partitions(9, 50), {}, { bytes: 1, partitions: 1, syncBytes: 1 }));
    expect(stats.partitionCount).toBeGreaterThan(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('TOC.txt'))).toEqual(['cn-3-big-TOC.txt']);
  });
});
