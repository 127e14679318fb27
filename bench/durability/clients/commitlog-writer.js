// Fresh process: leaves a node's commit log holding `megabytes` MiB of unflushed entries, as a node killed
// before any flush would. node commitlog-writer.js '<json config>'   config: { dataDir, megabytes }
// One durable node (commit log 'periodic', memtable space large enough that nothing flushes) in dataDir; rows
// of (int, 20-byte text) are written straight to its storage engine until node1/commitlog holds `megabytes`
// MiB; then the process exits without closing the cluster (a close would drain: flush and empty the log).
// Prints one JSON line: { rows, commitLogBytes }.
import { join } from 'node:path';
import { benchTable, folderBytes, loadEngine, rowWriter } from '../lib/rows.js';

const CHECK_EVERY = 10_000;
const { dataDir, megabytes } = JSON.parse(process.argv[2]);
const engine = await loadEngine();
const cluster = await engine.startCluster({ port: 0, nodes: 1, dataDir, commitlogSync: 'periodic', memtableSpaceMb: 1 << 14 });
const { node, table } = await benchTable(cluster);
const write = rowWriter(engine, table, node.storage);
const commitLog = join(dataDir, 'node1', 'commitlog');
const target = megabytes * 1024 * 1024;
let rows = 0;
while (folderBytes(commitLog) < target) {
  for (let i = 0; i < CHECK_EVERY; i++) write(rows++);
}
console.log(JSON.stringify({ rows, commitLogBytes: folderBytes(commitLog) }));
process.exit(0);
