// Request latency while a large compaction runs (issue 12: "compaction runs in the background without stalling
// requests"). One durable node in a process of its own (compaction-latency-server.js); the Node.js driver loads
// bench.kv in four flushed rounds (four SSTables; size-tiered compaction held off by min_threshold 32), then runs
// point reads of existing keys and writes, half each, at a fixed number in flight: first with nothing else
// running, then while cluster.compact() merges the four SSTables. p50 / p99 / max of both windows, and p99 during
// over p99 before. Also a scenario of bench/run.js (--scenarios compaction-latency); alone: node bench/durability/compaction-latency.js [--quick]
// [path of dist/cassanova.js, to measure another build].
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import cassandra from 'cassandra-driver';
import { Child } from '../lib/child.js';
import { benchDir, distEntry, requireDist } from '../lib/paths.js';

const IN_FLIGHT = 16;
const VALUE = 'v'.repeat(100);

export default {
  name: 'compaction-latency',
  title: 'Point reads and writes through the Node.js driver while a compaction runs (one durable node)',
  async run({ targets, quick }) {
    if (!targets.includes('cassanova')) return null;
    const errors = [];
    let m = null;
    try {
      m = await measure({ quick, dist: requireDist(distEntry) });
    } catch (e) {
      errors.push(`compaction-latency: ${e.stack ?? e.message}`);
    }
    return m === null ? { columns: [], rows: [], notes: [], goals: [], errors } : section(m, errors);
  },
};

function section(m, errors) {
  const row = (what, w) => [what, `${w.count.toLocaleString('en-US')}`, w.p50.toFixed(2), w.p99.toFixed(2), w.max.toFixed(1)];
  return {
    columns: ['window', 'requests', 'p50 ms', 'p99 ms', 'max ms'],
    rows: [
      row('before: nothing else running', m.before),
      row(`during the compaction (${(m.compactionMs / 1000).toFixed(1)} s)`, m.during),
      ['p99 during / p99 before', '', '', (m.during.p99 / m.before.p99).toFixed(2), ''],
    ],
    notes: [
      `${m.rowCount.toLocaleString('en-US')} rows of (int, text of 100 bytes) in 4 SSTables of ${(m.rowCount / 4).toLocaleString('en-US')} rows, merged into one; `
        + `${IN_FLIGHT} requests in flight, half point reads of existing keys, half writes; flush ${(m.flushMs / 1000).toFixed(1)} s on average.`,
      'Flushes and compactions write in slices of about 32 KiB (128 partitions at most) between turns of the event loop; their syncs (every 4 MiB, as trickle_fsync, and at the end) run on the thread pool.',
    ],
    goals: [],
    errors: [...errors, ...(m.failures > 0 ? [`${m.failures} request(s) failed`] : [])],
  };
}

/** Starts the node, loads it, measures both windows, stops it. */
export async function measure({ quick, dist }) {
  const rowsPerSSTable = quick ? 20_000 : 100_000;
  const beforeMs = quick ? 1_500 : 5_000;
  const dir = mkdtempSync(join(tmpdir(), 'cassanova-bench-compaction-'));
  const server = new Child([join(benchDir, 'durability/compaction-latency-server.js'), dist, dir], { ipc: true });
  let client = null;
  try {
    const info = JSON.parse(await server.waitForLine((l) => l.startsWith('{'), 60_000, 'the node to listen'));
    client = new cassandra.Client({
      contactPoints: info.contactPoints, localDataCenter: info.localDataCenter, protocolOptions: { port: info.port },
    });
    await client.connect();
    await client.execute("CREATE KEYSPACE bench WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    await client.execute("CREATE TABLE bench.kv (k int PRIMARY KEY, v text) WITH compaction = {'class': 'SizeTieredCompactionStrategy', 'min_threshold': '32', 'max_threshold': '64'}");
    const insert = 'INSERT INTO bench.kv (k, v) VALUES (?, ?)';
    let flushMs = 0;
    for (let round = 0; round < 4; round++) {
      const from = round * rowsPerSSTable;
      await inParallel(128, rowsPerSSTable, (i) => client.execute(insert, [from + i, VALUE], { prepare: true }));
      flushMs += await command(server, 'flush');
    }
    const rowCount = 4 * rowsPerSSTable;
    const load = mixedLoad(client, rowCount);
    const before = await load.window(new Promise((resolve) => setTimeout(resolve, beforeMs)));
    let compactionMs = 0;
    const during = await load.window(command(server, 'compact').then((ms) => { compactionMs = ms; }));
    return { rowCount, flushMs: flushMs / 4, compactionMs, before, during, failures: load.failures() };
  } finally {
    await client?.shutdown();
    await server.stop('SIGTERM', 60_000);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sends a command to the server and resolves with how long it took there. */
function command(server, cmd) {
  return new Promise((resolve, reject) => {
    const listener = (msg) => {
      if (msg.cmd !== cmd) return;
      server.proc.off('message', listener);
      if (msg.event === 'done') resolve(msg.ms);
      else reject(new Error(`${cmd}: ${msg.error}`));
    };
    server.proc.on('message', listener);
    server.proc.send({ cmd });
  });
}

async function inParallel(width, count, run) {
  let next = 0;
  const worker = async () => {
    while (next < count) await run(next++);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/** IN_FLIGHT loops of point reads and writes; window(until) records their latencies until `until` settles. */
function mixedLoad(client, rowCount) {
  const select = 'SELECT v FROM bench.kv WHERE k = ?';
  const insert = 'INSERT INTO bench.kv (k, v) VALUES (?, ?)';
  let failures = 0;
  let n = 0;
  const one = async () => {
    const i = n++;
    const key = (i * 7919) % rowCount;
    const t = performance.now();
    try {
      if (i % 2 === 0) await client.execute(select, [key], { prepare: true });
      else await client.execute(insert, [key, VALUE], { prepare: true });
    } catch {
      failures++;
    }
    return performance.now() - t;
  };
  return {
    failures: () => failures,
    async window(until) {
      let done = false;
      const latencies = [];
      const settled = until.finally(() => { done = true; });
      await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
        while (!done) latencies.push(await one());
      }));
      await settled;
      return summary(latencies);
    },
  };
}

function summary(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const dist = args.find((a) => !a.startsWith('--')) ?? requireDist(distEntry);
  const m = await measure({ quick, dist });
  const s = section(m, []);
  console.log(s.columns.join(' | '));
  for (const r of s.rows) console.log(r.join(' | '));
  for (const note of s.notes) console.log(note);
  if (s.errors.length > 0) console.error(s.errors.join('\n'));
}
