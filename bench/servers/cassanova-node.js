// A Cassanova cluster in a process of its own: node cassanova-node.js <path of dist/cassanova.js> [nodes, default 1]
// [startCluster options as JSON].
// Nodes listen on 127.0.0.1, .2, ... with one shared port. Prints {"contactPoints":[...],"localDataCenter":...,
// "port":...} once every node accepts connections; SIGTERM closes it.
// Over IPC, {cmd:'profile-start'} / {cmd:'profile-stop', file} record a CPU profile of a chosen window.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';

const { startCluster } = await import(pathToFileURL(process.argv[2]).href);
const cluster = await startCluster({ port: 0, nodes: Number(process.argv[3] ?? 1), ...JSON.parse(process.argv[4] ?? '{}') });
console.log(JSON.stringify({ contactPoints: cluster.contactPoints, localDataCenter: cluster.localDataCenter, port: cluster.port }));

process.on('SIGTERM', () => cluster.close().then(() => process.exit(0), () => process.exit(1)));
process.on('disconnect', () => process.exit(0)); // the bench is gone: stop too

let session = null;
process.on('message', async (msg) => {
  if (msg.cmd === 'profile-start') {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    process.send({ event: 'profile-started' });
  } else if (msg.cmd === 'profile-stop' && session) {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    session = null;
    await writeFile(msg.file, JSON.stringify(profile));
    process.send({ event: 'profile-written', file: msg.file });
  }
});
