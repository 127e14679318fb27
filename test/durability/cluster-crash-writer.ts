/**
 * The child of the cluster crash test: a three-node cluster in CRASH_DIR (commit log sync CRASH_SYNC) takes
 * seeded writes at ALL one after the other and prints each key once its write is acknowledged, until the
 * parent kills it with SIGKILL.
 */
import { startCluster } from '../../src/index.js';

const MAX_WRITES = 100_000; // a bound, should the parent never kill this process

const cluster = await startCluster({
  nodes: 3, port: 0, dataDir: process.env.CRASH_DIR!, commitlogSync: process.env.CRASH_SYNC as 'periodic' | 'batch',
});
await cluster.execute("CREATE KEYSPACE IF NOT EXISTS crash WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
await cluster.execute('CREATE TABLE IF NOT EXISTS crash.t (k int PRIMARY KEY, v text)');
process.stdout.write('ready\n');
for (let k = 0; k < MAX_WRITES; k++) {
  await cluster.execute('INSERT INTO crash.t (k, v) VALUES (?, ?)', [k, `value ${k}`], { consistency: 'ALL' });
  process.stdout.write(`${k}\n`);
}
