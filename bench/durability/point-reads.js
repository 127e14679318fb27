// Issue 12: point reads through the driver of keys that exist and of keys that do not, in a table of 1,000,000
// rows flushed into several SSTables, with how many Data.db (and Index.db) reads each lookup cost, from the
// SSTableReaders' counters; the same table held in memory by an in-memory node as the reference.
// Env: DBENCH_READ_ROWS (rows, default 1,000,000), DBENCH_SSTABLES (4), DBENCH_LOOKUPS (lookups per kind, 20,000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { Child } from '../lib/child.js';
import { benchDir } from '../lib/paths.js';
import { envInt, micros, percentile } from './lib/measure.js';

const LOAD_TIMEOUT_MS = 5 * 60_000;
const SELECT = 'SELECT v FROM bench.kv WHERE k = ?';

export default {
  name: 'durable-reads',
  title: 'Durable storage: point reads through the driver, keys present and absent, table flushed into several SSTables',
  async run({ targets, quick }) {
    if (!targets.includes('cassanova')) return null;
    const rows = envInt('DBENCH_READ_ROWS', quick ? 100_000 : 1_000_000);
    const sstables = envInt('DBENCH_SSTABLES', 4);
    const lookups = envInt('DBENCH_LOOKUPS', quick ? 2_000 : 20_000);
    const errors = [];
    const results = [];
    for (const durable of [true, false]) {
      const dataDir = durable ? mkdtempSync(join(tmpdir(), 'cassanova-bench-reads-')) : undefined;
      try {
        results.push(await measure({ rows, sstables, lookups, dataDir }));
      } catch (e) {
        errors.push(`${durable ? 'durable' : 'in-memory'}: ${e.message}`);
      } finally {
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      }
    }
    const tableRows = results.flatMap(({ durable, load, present, absent }) => {
      const where = durable ? `durable, ${load.sstables} SSTables` : 'in memory';
      return [present, absent].map((r) => [where, r.kind, String(r.p50), String(r.p99),
        durable ? r.dataReads.toFixed(3) : '-', durable ? r.indexReads.toFixed(3) : '-', durable ? r.bloomRejects.toFixed(3) : '-']);
    });
    const durableLoad = results.find((r) => r.durable)?.load;
    const absent = results.find((r) => r.durable)?.absent;
    return {
      columns: ['node', 'keys', 'p50 µs', 'p99 µs', 'Data.db reads/lookup', 'Index.db reads/lookup', 'bloom rejects/lookup'],
      rows: tableRows,
      notes: [
        `${rows.toLocaleString('en-US')} rows of (k int PRIMARY KEY, v text of 20 bytes), written straight to node 1's StorageEngine (not through CQL: a million driver INSERTs would take minutes), and on the durable node flushed every ${Math.ceil(rows / sstables).toLocaleString('en-US')} rows into ${sstables} SSTables (size-tiered min_threshold set above that so they stay apart)${durableLoad ? `: load and flushes ${(durableLoad.loadMs / 1000).toFixed(1)} s, of which flushes ${(durableLoad.flushMs / 1000).toFixed(1)} s; Data.db ${(durableLoad.dataBytes / rows).toFixed(1)} bytes/row, the table's folder ${(durableLoad.diskBytes / rows).toFixed(1)} bytes/row` : ''}.`,
        `Then ${lookups.toLocaleString('en-US')} prepared SELECTs by key of each kind, one at a time (cassandra-driver 4.10 in the bench process, latency per request), after 2,000 of warm-up; absent keys are above the loaded range. Per lookup: reads of Data.db and Index.db and bloom filter rejections summed over the table's SSTables (SSTableReader counters), so a present key costs one read of each in the SSTable that holds it, and an absent one only what the bloom filters let through (false positives, 1 % each at bloom_filter_fp_chance 0.01).`,
      ],
      goals: absent ? [{ goal: 'point read of an absent key reads ~0 data files (≤ 0.05 Data.db reads per lookup)', measured: `${absent.dataReads.toFixed(3)} Data.db reads per lookup over ${absent.count.toLocaleString('en-US')} lookups`, met: absent.dataReads <= 0.05 }] : [],
      errors,
    };
  },
};

async function measure({ rows, sstables, lookups, dataDir }) {
  const server = new Child([`${benchDir}/durability/servers/loaded-node.js`, JSON.stringify({ rows, sstables, dataDir })], { ipc: true });
  let client;
  try {
    const line = await server.waitForLine((l) => l.startsWith('{"contactPoints"'), LOAD_TIMEOUT_MS, 'the node to load its rows');
    const { contactPoints, localDataCenter, load } = JSON.parse(line);
    client = new cassandra.Client({ contactPoints, localDataCenter });
    await client.connect();
    await timedLookups(client, 2_000, (n) => (n * 31) % rows, null);
    const counters = () => server.request({ cmd: 'counters' }, 'counters');
    const phase = async (kind, keyAt, found) => {
      const before = await counters();
      const latencies = await timedLookups(client, lookups, keyAt, found);
      const after = await counters();
      const per = (k) => (after[k] - before[k]) / lookups;
      return { kind, count: lookups, p50: micros(percentile(latencies, 0.5)), p99: micros(percentile(latencies, 0.99)), dataReads: per('dataReads'), indexReads: per('indexReads'), bloomRejects: per('bloomRejects') };
    };
    const present = await phase('present', (n) => (n * 7919) % rows, true);
    const absent = await phase('absent', (n) => rows + n, false);
    return { durable: Boolean(dataDir), load, present, absent };
  } finally {
    await client?.shutdown();
    await server.stop('SIGTERM', 60_000);
  }
}

/** `count` prepared SELECTs one after the other; latencies in ms. `found`: whether each must find its row (null: either). */
async function timedLookups(client, count, keyAt, found) {
  const latencies = new Float64Array(count);
  for (let n = 0; n < count; n++) {
    const t = performance.now();
    const rs = await client.execute(SELECT, [keyAt(n)], { prepare: true });
    latencies[n] = performance.now() - t;
    if (found !== null && (rs.rowLength === 1) !== found) throw new Error(`key ${keyAt(n)}: ${rs.rowLength} rows`);
  }
  return latencies;
}
