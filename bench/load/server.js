// The node of bench/load/connections.js, in a process of its own: node server.js <dist/cassanova.js> <options JSON> <delay ms>.
// Every statement on load.* is answered after the delay (a delay prime): a stand-in for replica latency, so that
// requests really are in flight together rather than each done within the turn that read it.
// Prints {"port":...} once it listens; SIGTERM closes it.
import { pathToFileURL } from 'node:url';

const { startCluster } = await import(pathToFileURL(process.argv[2]).href);
const cluster = await startCluster({ port: 0, ...JSON.parse(process.argv[3]) });
const delayMs = Number(process.argv[4]);
if (delayMs > 0) cluster.prime({ when: { query: /load\.kv/ }, then: { delayMs } });
console.log(JSON.stringify({ port: cluster.port }));
process.on('SIGTERM', () => cluster.close().then(() => process.exit(0), () => process.exit(1)));
process.on('disconnect', () => process.exit(0));
