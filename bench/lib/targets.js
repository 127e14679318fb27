// Servers under test, each in a child process: the protocol floor and a one-node Cassanova.
import { Child } from './child.js';
import { HOST, benchDir, distIndex, floorScript, freePort, requireDist } from './paths.js';

const START_TIMEOUT_MS = 15_000;

/** @typedef {{ name: string, host: string, port: number, localDataCenter: string, child: Child, stop(): Promise<object> }} Target */

/** @returns {Promise<Target>} */
export async function startFloor() {
  const script = floorScript();
  const port = await freePort();
  const child = new Child([script, HOST, String(port)]);
  await child.waitForLine((l) => l.includes('listening'), START_TIMEOUT_MS, 'the floor to listen');
  return { name: 'floor', host: HOST, port, localDataCenter: 'datacenter1', child, stop: () => child.stop('SIGTERM') };
}

/** @returns {Promise<Target>} */
export async function startCassanova() {
  const child = new Child([`${benchDir}/servers/cassanova-node.js`, requireDist(distIndex)], { ipc: true });
  const line = await child.waitForLine((l) => l.startsWith('{"contactPoints"'), START_TIMEOUT_MS, 'Cassanova to start');
  const { contactPoints, localDataCenter } = JSON.parse(line);
  const [host, port] = contactPoints[0].split(':');
  return { name: 'cassanova', host, port: Number(port), localDataCenter, child, stop: () => child.stop('SIGTERM') };
}

export const TARGETS = { floor: startFloor, cassanova: startCassanova };

/** Asks a Cassanova child to start or stop its CPU profiler; resolves on its answer. */
export function profilerCommand(target, msg, answer) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${answer}' from the server within 10 s`)), 10_000);
    const onMessage = (reply) => {
      if (reply.event !== answer) return;
      clearTimeout(timer);
      target.child.proc.off('message', onMessage);
      resolve(reply);
    };
    target.child.proc.on('message', onMessage);
    target.child.proc.send(msg);
  });
}
