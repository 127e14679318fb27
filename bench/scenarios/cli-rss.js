// Idle resident memory of `cassanova start`, and that SIGINT stops it with exit code 0.
import { Child, describeExit, rssMiB } from '../lib/child.js';
import { HOST, distCli, floorScript, freePort, requireDist } from '../lib/paths.js';

const SETTLE_MS = 1000;

export default {
  name: 'cli-rss',
  title: 'Idle memory of the CLI (VmRSS 1 s after start)',
  async run({ targets }) {
    const rows = [];
    const errors = [];
    const goals = [];
    if (targets.includes('cassanova')) {
      try {
        const port = await freePort();
        const { rss, exit } = await idleRss([requireDist(distCli), 'start', '--port', String(port)], /contact points/, 'SIGINT');
        rows.push([`node dist/cassanova-cli.js start --port ${port}`, rss.toFixed(1), `SIGINT: ${describeExit(exit)}`]);
        goals.push({ goal: 'CLI exits 0 on SIGINT', measured: describeExit(exit), met: exit.code === 0 && !exit.killed });
      } catch (e) {
        errors.push(`cassanova CLI: ${e.message}`);
      }
    }
    try {
      const port = await freePort();
      const { rss, exit } = await idleRss([floorScript(), HOST, String(port)], /listening/, 'SIGTERM');
      rows.push(['reference: the floor (bare node + net)', rss.toFixed(1), `SIGTERM: ${describeExit(exit)}`]);
    } catch (e) {
      errors.push(`floor: ${e.message}`);
    }
    return { columns: ['process', 'RSS MiB', 'stop'], rows, notes: [], goals, errors };
  },
};

async function idleRss(args, readyLine, signal) {
  const child = new Child(args);
  try {
    await child.waitForLine((l) => readyLine.test(l), 15_000, 'its ready line');
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const rss = await rssMiB(child.pid);
    return { rss, exit: await child.stop(signal, 5000) };
  } finally {
    await child.stop('SIGKILL', 1000);
  }
}
