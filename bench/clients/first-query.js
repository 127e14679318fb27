// Fresh process: times startCluster() and the first answered query through cassandra-driver, twice:
// cold (first use of Cassanova and the driver in this process) and warm (a second cluster and client).
//   node first-query.js cassanova <path of the package entry, dist/cassanova.js>
//   node first-query.js floor <host:port>   reference: the driver's own connect cost against the floor
// Prints {"cold":{startClusterMs,firstQueryMs},"warm":{...}}; startClusterMs is 0 for the floor.
import { pathToFileURL } from 'node:url';
import cassandra from 'cassandra-driver';

setTimeout(() => { console.error('first-query: no answer within 30 s'); process.exit(2); }, 30_000).unref();
const [kind, where] = process.argv.slice(2);

// Module loading stays outside the timing, as in a test suite that imports before its hooks run.
const startCluster = kind === 'floor' ? null : (await import(pathToFileURL(where).href)).startCluster;
const startServer = async () => (startCluster
  ? startCluster({ port: 0 })
  : { contactPoints: [where], localDataCenter: 'datacenter1', close: async () => {} });

async function round() {
  const t0 = performance.now();
  const cluster = await startServer();
  const started = performance.now();
  const client = new cassandra.Client({
    contactPoints: cluster.contactPoints,
    localDataCenter: cluster.localDataCenter,
    protocolOptions: { port: Number(cluster.contactPoints[0].split(':')[1]) },
  });
  await client.connect();
  const rs = await client.execute('SELECT release_version FROM system.local');
  const answered = performance.now();
  if (rs.rowLength !== 1) throw new Error(`system.local returned ${rs.rowLength} rows`);
  await client.shutdown();
  await cluster.close();
  return { startClusterMs: started - t0, firstQueryMs: answered - t0 };
}

const cold = await round();
const warm = await round();
console.log(JSON.stringify({ cold, warm }));
