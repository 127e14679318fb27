// One fresh process: times startCluster() and the first answered query through cassandra-driver.
// node first-query.js <path of dist/index.js>; prints {"startClusterMs":..,"firstQueryMs":..}.
import { pathToFileURL } from 'node:url';
import cassandra from 'cassandra-driver';

setTimeout(() => { console.error('first-query: no answer within 30 s'); process.exit(2); }, 30_000).unref();
const { startCluster } = await import(pathToFileURL(process.argv[2]).href);

const t0 = performance.now();
const cluster = await startCluster({ port: 0 });
const started = performance.now();
const client = new cassandra.Client({ contactPoints: cluster.contactPoints, localDataCenter: cluster.localDataCenter });
await client.connect();
const rs = await client.execute('SELECT release_version FROM system.local');
const answered = performance.now();
if (rs.rowLength !== 1) throw new Error(`system.local returned ${rs.rowLength} rows`);

console.log(JSON.stringify({ startClusterMs: started - t0, firstQueryMs: answered - t0, releaseVersion: rs.first().release_version }));
await client.shutdown();
await cluster.close();
