/**
 * The child of the node state crash test: a three-node cluster in CRASH_DIR (commit log sync CRASH_SYNC) leaves
 * a Paxos proposal accepted and never committed (k = 1000) and a logged batch in the batchlog whose mutations
 * were dropped (k = 2000, 2001), prints how many batchlog nodes hold it, stops node 3 and writes at ONE, printing
 * each key once acknowledged (node 1 hints it for node 3), until the parent kills it with SIGKILL.
 */
import { startCluster } from '../../src/index.js';
import { internalCluster } from '../../src/main.js';

const MAX_WRITES = 100_000; // a bound, should the parent never kill this process

const cluster = await startCluster({
  nodes: 3, port: 0, clock: 'auto', dataDir: process.env.CRASH_DIR!, commitlogSync: process.env.CRASH_SYNC as 'periodic' | 'batch',
});
await cluster.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
await cluster.execute('CREATE TABLE ks.t (k int PRIMARY KEY, v text)');

const noCommits = cluster.network.addFilter({ verb: 'PAXOS_COMMIT', action: 'drop' });
await cluster.execute("INSERT INTO ks.t (k, v) VALUES (1000, 'lwt') IF NOT EXISTS").catch(() => undefined);
noCommits();
const noMutations = cluster.network.addFilter({ verb: 'MUTATION', action: 'drop' });
await cluster.execute("BEGIN BATCH INSERT INTO ks.t (k, v) VALUES (2000, 'a'); INSERT INTO ks.t (k, v) VALUES (2001, 'b'); APPLY BATCH", undefined, { consistency: 'ALL' })
  .catch(() => undefined);
noMutations();
process.stdout.write(`batchlog ${internalCluster(cluster).nodes.filter((n) => n.batchlog.pendingCount > 0).length}\n`);

await cluster.node(3).stop();
// Once node 1 sees node 3 down, it hints each write for node 3 before acknowledging it.
while (internalCluster(cluster).node(1).isAlive(3)) {
  cluster.advanceTime(100);
  await new Promise((resolve) => setTimeout(resolve, 5));
}
for (let k = 0; k < MAX_WRITES; k++) {
  await cluster.execute('INSERT INTO ks.t (k, v) VALUES (?, ?)', [k, `value ${k}`], { consistency: 'ONE' });
  process.stdout.write(`${k}\n`);
}
