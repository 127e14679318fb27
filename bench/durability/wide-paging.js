// Issue 12: reads with a row limit inside one wide partition on disk. A durable node from dist/tsc (build first), its
// wide.t (k int, c int, v text, PRIMARY KEY (k, c)) given one partition of `rows` rows straight through its
// StorageEngine and flushed into one SSTable; then through cassandra-driver: the whole partition paged at page size
// `pageSize` forwards and in reverse (ORDER BY c DESC), and a LIMIT 100 slice from the middle. Per read the Data.db
// reads (the SSTableReader counter) and the wall time. Prints one JSON line.
//   node bench/durability/wide-paging.js [rows=100000] [pageSize=5000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { loadEngine } from './lib/rows.js';

const rows = Number(process.argv[2] ?? 100_000);
const pageSize = Number(process.argv[3] ?? 5000);
const { startCluster, murmur3Token, NO_DELETION_TIME } = await loadEngine();
const dataDir = mkdtempSync(join(tmpdir(), 'cassanova-bench-wide-'));
const cluster = await startCluster({ port: 0, nodes: 1, dataDir, commitlogSync: 'periodic', memtableSpaceMb: 1 << 14 });
const client = new cassandra.Client({ ...cluster.driverOptions() });
try {
  await cluster.execute("CREATE KEYSPACE wide WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  await cluster.execute('CREATE TABLE wide.t (k int, c int, v text, PRIMARY KEY (k, c))');
  const node = cluster.cluster.node(1);
  const table = node.cluster.schema.table('wide', 't');
  const key = Buffer.alloc(4);
  key.writeInt32BE(1);
  const token = murmur3Token(key);
  let timestamp = BigInt(Date.now()) * 1000n;
  const int = (n) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };
  for (let from = 0; from < rows; from += 1000) {
    const batch = [];
    for (let c = from; c < Math.min(rows, from + 1000); c++) {
      const ts = timestamp++;
      const cells = new Map([['v', { value: Buffer.from(`value-${String(c).padStart(6, '0')}-of-the-wide-row`), timestamp: ts, ttlSeconds: 0, localDeletionTime: NO_DELETION_TIME }]]);
      batch.push({ clustering: [int(c)], liveness: { timestamp: ts, ttlSeconds: 0, localExpirationTime: NO_DELETION_TIME }, deletion: null, cells });
    }
    node.storage.apply({ keyspace: 'wide', key, token, updates: [{ table, key, token, partitionDeletion: null, rangeTombstones: [], staticRow: null, rows: batch }] });
  }
  await cluster.flush(1);
  await client.connect();
  const dataReads = () => node.storage.sstables(table).reduce((sum, r) => sum + r.dataReadCount, 0);
  const measure = async (cql, fetchSize) => {
    const reads = dataReads();
    const started = performance.now();
    let count = 0;
    let pages = 0;
    let pageState;
    do {
      const result = await client.execute(cql, [], { prepare: true, fetchSize, pageState });
      count += result.rows.length;
      pages++;
      pageState = result.pageState ?? undefined;
    } while (pageState !== undefined);
    return { rows: count, pages, dataReads: dataReads() - reads, seconds: Number(((performance.now() - started) / 1000).toFixed(3)) };
  };
  await measure('SELECT c, v FROM wide.t WHERE k = 1 AND c < 10', pageSize); // warm-up: prepares, JIT
  const out = {
    rows, pageSize, sstables: node.storage.sstables(table).length,
    paged: await measure('SELECT c, v FROM wide.t WHERE k = 1', pageSize),
    pagedReversed: await measure('SELECT c, v FROM wide.t WHERE k = 1 ORDER BY c DESC', pageSize),
    limit100: await measure(`SELECT c, v FROM wide.t WHERE k = 1 AND c >= ${Math.floor(rows / 2)} LIMIT 100`, pageSize),
    limit100Reversed: await measure(`SELECT c, v FROM wide.t WHERE k = 1 AND c <= ${Math.floor(rows / 2)} ORDER BY c DESC LIMIT 100`, pageSize),
  };
  console.log(JSON.stringify(out));
} finally {
  await client.shutdown();
  await cluster.close();
  rmSync(dataDir, { recursive: true, force: true });
}
