// One Cassanova node in a process of its own, its bench.kv table loaded with `rows` rows of (int, 20-byte text)
// straight into its storage engine (bench/durability/lib/rows.js), then serving the driver:
//   node loaded-node.js '<json config>'   config: { rows, dataDir?, sstables?, memtableSpaceMb? }
// With dataDir the node is durable and the load is flushed into `sstables` SSTables of equal size (min_threshold
// of size-tiered compaction set above that, so they stay apart; memtable space unbounded unless memtableSpaceMb
// is given); without it the rows stay in the memtable.
// Prints {"contactPoints":[...],"localDataCenter":...,"port":...,"load":{...}} once it accepts connections.
// Over IPC, {cmd:'counters'} answers {event:'counters', sstables, dataReads, indexReads, bloomRejects}: the
// SSTableReaders' counters summed over the table's SSTables, with their Data.db bytes and what the table's live
// memtable holds (rows, and bytes as the engine counts them). SIGTERM closes the cluster.
import { benchTable, folderBytes, loadEngine, rowWriter } from '../lib/rows.js';

const { rows, dataDir, sstables = 1, memtableSpaceMb = 1 << 14 } = JSON.parse(process.argv[2]);
const engine = await loadEngine();
const cluster = await engine.startCluster({
  port: 0, nodes: 1, ...(dataDir ? { dataDir, commitlogSync: 'periodic', memtableSpaceMb } : {}),
});
const tableOptions = dataDir && sstables > 1 ? `compaction = {'class': 'SizeTieredCompactionStrategy', 'min_threshold': '${sstables + 1}'}` : '';
const { node, table } = await benchTable(cluster, tableOptions);
const write = rowWriter(engine, table, node.storage);

const started = performance.now();
let flushMs = 0;
const perSSTable = Math.ceil(rows / sstables);
for (let i = 0; i < rows; i++) {
  write(i);
  if (dataDir && ((i + 1) % perSSTable === 0 || i + 1 === rows)) {
    const t = performance.now();
    await cluster.flush(1);
    flushMs += performance.now() - t;
  }
}
const loadMs = performance.now() - started;
const readers = () => node.storage.sstables(table);
const load = {
  rows, loadMs, flushMs, sstables: readers().length,
  dataBytes: readers().reduce((sum, r) => sum + r.dataSizeBytes, 0),
  diskBytes: dataDir ? folderBytes(readers()[0]?.descriptor.directory ?? dataDir) : 0,
};
console.log(JSON.stringify({ contactPoints: cluster.contactPoints, localDataCenter: cluster.localDataCenter, port: cluster.port, load }));

process.on('SIGTERM', () => cluster.close().then(() => process.exit(0), () => process.exit(1)));
process.on('disconnect', () => process.exit(0)); // the bench is gone: stop too
process.on('message', (msg) => {
  if (msg.cmd !== 'counters') return;
  const memtable = node.storage.tableStats(table.id);
  const counters = {
    event: 'counters', sstables: 0, dataBytes: 0, dataReads: 0, indexReads: 0, bloomRejects: 0,
    memtableRows: memtable.rowCount, memtableBytes: memtable.sizeBytes,
  };
  for (const r of readers()) {
    counters.sstables++;
    counters.dataBytes += r.dataSizeBytes;
    counters.dataReads += r.dataReadCount;
    counters.indexReads += r.indexReadCount;
    counters.bloomRejects += r.bloomRejectCount;
  }
  process.send(counters);
});
