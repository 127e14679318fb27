// Fresh process, run with --expose-gc: memory and disk per row of a durable node.
//   node --expose-gc footprint.js '<json config>'   config: { dataDir, rows }
// One durable node (commit log 'periodic', memtable space large enough that nothing flushes on its own);
// `rows` rows of (int, 20-byte text) written straight to its storage engine (bench/durability/lib/rows.js).
// Memory is the V8 heap in use plus ArrayBuffers after full collections: before the writes, after them (the
// rows in the memtable), and after a flush (what stays resident for the SSTable: bloom filter, summary).
// Prints one JSON line: { rows, memtableHeapPerRow, memtableArrayBuffersPerRow, flushedHeapPerRow,
// flushedArrayBuffersPerRow, commitLogBytesPerRow, diskBytesPerRow,
// components: { 'Data.db': bytesPerRow, ... }, writesPerSec, flushRowsPerSec }.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { benchTable, folderBytes, loadEngine, rowWriter } from '../lib/rows.js';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const { dataDir, rows } = JSON.parse(process.argv[2]);

function memory() {
  for (let i = 0; i < 4; i++) globalThis.gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heapUsed, arrayBuffers };
}
const perRow = (after, before, key) => (after[key] - before[key]) / rows;

const engine = await loadEngine();
const cluster = await engine.startCluster({ port: 0, nodes: 1, dataDir, commitlogSync: 'periodic', memtableSpaceMb: 1 << 14 });
const { node, table } = await benchTable(cluster);
const write = rowWriter(engine, table, node.storage);
const before = memory();
const t0 = performance.now();
for (let i = 0; i < rows; i++) write(i);
const writeMs = performance.now() - t0;
const written = memory();
const commitLogBytes = folderBytes(join(dataDir, 'node1', 'commitlog'));
const t1 = performance.now();
await cluster.flush(1);
const flushMs = performance.now() - t1;
const flushed = memory();
const [sstable] = node.storage.sstables(table);
const folder = sstable.descriptor.directory;
const components = {};
for (const name of readdirSync(folder)) {
  const component = name.replace(/^.*-big-/, '');
  components[component] = (components[component] ?? 0) + statSync(join(folder, name)).size / rows;
}
console.log(JSON.stringify({
  rows, memtableHeapPerRow: perRow(written, before, 'heapUsed'), memtableArrayBuffersPerRow: perRow(written, before, 'arrayBuffers'),
  flushedHeapPerRow: perRow(flushed, before, 'heapUsed'), flushedArrayBuffersPerRow: perRow(flushed, before, 'arrayBuffers'),
  commitLogBytesPerRow: commitLogBytes / rows, diskBytesPerRow: folderBytes(folder) / rows, components,
  writesPerSec: rows / (writeMs / 1000), flushRowsPerSec: rows / (flushMs / 1000),
}));
process.exit(0);
