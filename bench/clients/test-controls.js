// Fresh process: times the test controls of a Cassanova cluster with a driver client connected to it.
//   node test-controls.js <path of the package entry, dist/cassanova.js> '<json config>'
// Config: { nodes, samples, keyspaces, tables, rowsPerTable, snapshotRows }.
// Seeds through cassandra-driver (prepared INSERTs, 256 in flight), then:
//  - reset() and truncateAll() of `keyspaces` x `tables` x `rowsPerTable` rows, each sample on a state put
//    back by restore() of a snapshot of the seeded cluster (untimed);
//  - snapshot() and restore() of one table of `snapshotRows` rows: the first snapshot after seeding (it
//    orders the partitions written since the last one, as the first range read would), then a test's
//    cycle per sample: 100 rows written, snapshot(), 100 more written, restore() of the seeded snapshot.
// Prints one JSON line: { reset: [ms...], truncateAll: [...], firstSnapshot: ms, snapshot: [...], restore: [...] }.
import { pathToFileURL } from 'node:url';
import cassandra from 'cassandra-driver';

setTimeout(() => { console.error('test-controls: not done within 5 minutes'); process.exit(2); }, 5 * 60_000).unref();
const [entry, json] = process.argv.slice(2);
const config = JSON.parse(json);
const { startCluster } = await import(pathToFileURL(entry).href);
const IN_FLIGHT = 256;

const cluster = await startCluster({ port: 0, nodes: config.nodes });
// The client hears every schema change but does not refresh its metadata on them: its refreshes would
// compete for the event loop with the operation measured next.
const client = new cassandra.Client({
  contactPoints: cluster.contactPoints,
  localDataCenter: cluster.localDataCenter,
  protocolOptions: { port: cluster.port },
  isMetadataSyncEnabled: false,
});
await client.connect();
const replication = `{'class': 'SimpleStrategy', 'replication_factor': ${config.nodes}}`;

/** Runs `count` prepared INSERTs into `table`, keys from `firstKey`, IN_FLIGHT at a time. */
async function insertRows(table, firstKey, count) {
  const query = `INSERT INTO ${table} (k, v) VALUES (?, ?)`;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const k = firstKey + next++;
      await client.execute(query, [k, `value-${k}`], { prepare: true });
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count) }, worker));
}

async function timed(operation) {
  const t0 = performance.now();
  await operation();
  return performance.now() - t0;
}

async function seedSchema(keyspaces, tables) {
  for (let ks = 0; ks < keyspaces; ks++) {
    await client.execute(`CREATE KEYSPACE ks${ks} WITH replication = ${replication}`);
    for (let t = 0; t < tables; t++) await client.execute(`CREATE TABLE ks${ks}.t${t} (k int PRIMARY KEY, v text)`);
  }
}

// reset() and truncateAll() of keyspaces x tables x rowsPerTable.
await seedSchema(config.keyspaces, config.tables);
for (let ks = 0; ks < config.keyspaces; ks++) {
  for (let t = 0; t < config.tables; t++) await insertRows(`ks${ks}.t${t}`, 0, config.rowsPerTable);
}
const seeded = await cluster.snapshot();
const reset = [];
const truncateAll = [];
for (let i = 0; i < config.samples; i++) {
  await cluster.restore(seeded);
  reset.push(await timed(() => cluster.reset()));
  await cluster.restore(seeded);
  truncateAll.push(await timed(() => cluster.truncateAll()));
}
await cluster.reset();

// snapshot() and restore() of one table of snapshotRows rows.
await seedSchema(1, 1);
await insertRows('ks0.t0', 0, config.snapshotRows);
let base;
const firstSnapshot = await timed(async () => { base = await cluster.snapshot('base'); });
const snapshot = [];
const restore = [];
for (let i = 0; i < config.samples; i++) {
  await insertRows('ks0.t0', config.snapshotRows + i * 1_000, 100);
  snapshot.push(await timed(() => cluster.snapshot()));
  await insertRows('ks0.t0', config.snapshotRows + i * 1_000 + 500, 100);
  restore.push(await timed(() => cluster.restore(base)));
}
const check = await client.execute('SELECT count(*) FROM ks0.t0');
if (check.first().count.toNumber() !== config.snapshotRows) throw new Error(`restore left ${check.first().count} rows, not ${config.snapshotRows}`);

await client.shutdown();
await cluster.close();
console.log(JSON.stringify({ reset, truncateAll, firstSnapshot, snapshot, restore }));
