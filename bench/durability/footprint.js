// Issue 12: bytes of memory and bytes on disk per row, 1,000,000 rows of (k int PRIMARY KEY, v text) with
// 20-byte texts: the in-memory engine (bench/clients/memory-per-row.js) and a durable node before and after
// its flush (bench/durability/clients/footprint.js), each in a fresh process run with --expose-gc.
// Env: DBENCH_FOOTPRINT_ROWS (default 1,000,000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Child, describeExit } from '../lib/child.js';
import { benchDir, repoRoot, requireDist } from '../lib/paths.js';
import { envInt } from './lib/measure.js';

const GOAL_BYTES_PER_ROW = 300;
const TIMEOUT_MS = 4 * 60_000;

export default {
  name: 'durable-footprint',
  title: 'Durable storage: bytes of memory and on disk per row, (int, text of 20 bytes)',
  async run({ targets, quick }) {
    if (!targets.includes('cassanova')) return null;
    const rows = envInt('DBENCH_FOOTPRINT_ROWS', quick ? 100_000 : 1_000_000);
    const distTsc = resolve(repoRoot, 'dist/tsc');
    const dataDir = mkdtempSync(join(tmpdir(), 'cassanova-bench-footprint-'));
    let memory;
    let durable;
    try {
      requireDist(resolve(distTsc, 'storage/index.js'));
      memory = await measure([`${benchDir}/clients/memory-per-row.js`, distTsc, JSON.stringify({ rows })]);
      durable = await measure([`${benchDir}/durability/clients/footprint.js`, JSON.stringify({ dataDir, rows })]);
    } catch (e) {
      return { columns: [], rows: [], notes: [], goals: [], errors: [e.message] };
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    const b = (x) => x.toFixed(0);
    const inMemoryTotal = memory.heapBytesPerRow + memory.arrayBufferBytesPerRow;
    const memtableTotal = durable.memtableHeapPerRow + durable.memtableArrayBuffersPerRow;
    const disk = Object.entries(durable.components).filter(([, perRow]) => perRow >= 0.05).map(([c, perRow]) => `${c} ${perRow.toFixed(1)}`).join(', ');
    return {
      columns: ['engine, where the rows are', 'memory bytes/row', 'of which heap', 'of which ArrayBuffers', 'disk bytes/row', 'rows/s written'],
      rows: [
        ['in memory: memtable', b(inMemoryTotal), b(memory.heapBytesPerRow), b(memory.arrayBufferBytesPerRow), '-', b(memory.appliesPerSec)],
        ['durable: memtable, before the flush', b(memtableTotal), b(durable.memtableHeapPerRow), b(durable.memtableArrayBuffersPerRow), `${durable.commitLogBytesPerRow.toFixed(1)} (commit log)`, b(durable.writesPerSec)],
        ['durable: one SSTable, after the flush', b(durable.flushedHeapPerRow + durable.flushedArrayBuffersPerRow), b(durable.flushedHeapPerRow), b(durable.flushedArrayBuffersPerRow), `${durable.diskBytesPerRow.toFixed(1)} (table folder)`, `${b(durable.flushRowsPerSec)} (flush)`],
      ],
      notes: [
        `${rows.toLocaleString('en-US')} rows, one per partition, built as the CQL write path builds them and applied straight to a StorageEngine (in memory) or to node 1's engine of a durable one-node cluster (commit log 'periodic', nothing flushed until the end); each in a fresh process. Memory: V8 heap in use plus ArrayBuffers after four full collections, against the same before the writes. On disk: the commit log before the flush, then the table's folder after it (${disk} bytes/row).`,
        'The durable memtable holds the same objects as the in-memory one. Its ArrayBuffers were 315 bytes/row until each write\'s commit log serialization reused one buffer outside Node\'s 8 KiB Buffer pool: a 256-byte pooled buffer per write sat between the rows\' pooled keys and values, which kept the slabs alive (1,104 bytes/row before, 851 after, 7 Dec 2026).',
      ],
      goals: [{ goal: `in-memory engine: at most ${GOAL_BYTES_PER_ROW} bytes of memory per row`, measured: `${b(inMemoryTotal)} bytes (durable memtable ${b(memtableTotal)})`, met: inMemoryTotal <= GOAL_BYTES_PER_ROW }],
      errors: [],
    };
  },
};

async function measure(args) {
  const child = new Child(['--expose-gc', ...args]);
  const line = await child.waitForLine((l) => l.startsWith('{'), TIMEOUT_MS, `${args[0]}`);
  const exit = await child.waitForExit(30_000);
  if (exit.code !== 0) throw child.failure(`${args[0]} ended with ${describeExit(exit)}`);
  return JSON.parse(line);
}
