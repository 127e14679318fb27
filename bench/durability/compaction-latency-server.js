// The server side of compaction-latency.js: one durable Cassanova node in a process of its own.
// node compaction-latency-server.js <dist/cassanova.js> <data folder> [startCluster options as JSON]
// Prints {"contactPoints":[...],"localDataCenter":...,"port":...} once listening. Over IPC, {cmd:'flush'|'compact'}
// runs cluster.flush()/compact() and answers {event:'done', cmd, ms}; SIGTERM closes the cluster (a drain).
import { pathToFileURL } from 'node:url';

const { startCluster } = await import(pathToFileURL(process.argv[2]).href);
const cluster = await startCluster({ port: 0, nodes: 1, dataDir: process.argv[3], ...JSON.parse(process.argv[4] ?? '{}') });
console.log(JSON.stringify({ contactPoints: cluster.contactPoints, localDataCenter: cluster.localDataCenter, port: cluster.port }));

process.on('SIGTERM', () => cluster.close().then(() => process.exit(0), () => process.exit(1)));
process.on('disconnect', () => process.exit(0));
process.on('message', async (msg) => {
  const started = performance.now();
  try {
    await cluster[msg.cmd]();
    process.send({ event: 'done', cmd: msg.cmd, ms: performance.now() - started });
  } catch (e) {
    process.send({ event: 'failed', cmd: msg.cmd, error: e.stack ?? e.message });
  }
});
