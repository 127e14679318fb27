// Servers under test, each in a child process: the protocol floor and Cassanova clusters of one or more nodes.
import { Child } from './child.js';
import { HOST, benchDir, distEntry, floorScript, freePort, requireDist } from './paths.js';

const START_TIMEOUT_MS = 15_000;

/**
 * replicationFactor: of the bench keyspace the load client creates (the floor ignores it).
 * @typedef {{ name: string, host: string, port: number, localDataCenter: string, replicationFactor: number,
 *   child: Child, stop(): Promise<object> }} Target
 */

/** @returns {Promise<Target>} */
export async function startFloor() {
  const script = floorScript();
  const port = await freePort();
  const child = new Child([script, HOST, String(port)]);
  await child.waitForLine((l) => l.includes('listening'), START_TIMEOUT_MS, 'the floor to listen');
  return { name: 'floor', host: HOST, port, localDataCenter: 'datacenter1', replicationFactor: 1, child, stop: () => child.stop('SIGTERM') };
}

/**
 * A Cassanova cluster of nodeCount nodes in one process, started with startCluster `options`; the bench
 * keyspace gets one replica per node.
 * host is node 1, the driver's contact point; it finds the other nodes at the same port.
 * @returns {Promise<Target>}
 */
export async function startCassanova({ name = 'cassanova', nodeCount = 1, options = {} } = {}) {
  const args = [`${benchDir}/servers/cassanova-node.js`, requireDist(distEntry), String(nodeCount), JSON.stringify(options)];
  const child = new Child(args, { ipc: true });
  const line = await child.waitForLine((l) => l.startsWith('{"contactPoints"'), START_TIMEOUT_MS, `${name} to start`);
  const { contactPoints, localDataCenter, port } = JSON.parse(line);
  const [host] = contactPoints[0].split(':');
  return { name, host, port, localDataCenter, replicationFactor: nodeCount, child, stop: () => child.stop('SIGTERM') };
}

/** Three Cassanova nodes in one process, the bench keyspace at replication factor 3. */
export const startCassanovaThreeNodes = () => startCassanova({ name: 'cassanova-3', nodeCount: 3 });

export const TARGETS = { floor: startFloor, cassanova: () => startCassanova() };

/** Asks a Cassanova child to start or stop its CPU profiler; resolves on its answer. */
export const profilerCommand = (target, msg, answer) => target.child.request(msg, answer);
