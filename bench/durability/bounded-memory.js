// Issue 12: a data set five times the memtable space written through the driver to a durable node, its
// resident memory sampled during the load; the same rows written to an in-memory node for reference.
// Env: DBENCH_MEMTABLE_MB (memtable space of the durable node, default 32), DBENCH_DATA_MULTIPLE (default 5).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child, describeExit } from '../lib/child.js';
import { benchDir } from '../lib/paths.js';
import { envInt, mib, MIB, rssBytes } from './lib/measure.js';

const IN_FLIGHT = 256;
/** Rows written first to learn the engine's bytes per row, from which the data set's row count follows. */
const PROBE_ROWS = 20_000;
const SAMPLE_MS = 100;
/** Bounded: the peak over the whole load grows at most this much past the peak of its first half. */
const BOUND = 1.25;

export default {
  name: 'durable-memory',
  title: 'Durable storage: resident memory while writing five times the memtable space',
  async run({ targets, quick }) {
    if (!targets.includes('cassanova')) return null;
    const memtableMb = envInt('DBENCH_MEMTABLE_MB', quick ? 4 : 32);
    const multiple = envInt('DBENCH_DATA_MULTIPLE', 5);
    const errors = [];
    const results = [];
    let rows = null;
    for (const durable of [true, false]) {
      const dataDir = durable ? mkdtempSync(join(tmpdir(), 'cassanova-bench-rss-')) : undefined;
      try {
        const r = await measure({ dataDir, memtableMb, multiple, rows });
        rows = r.rows;
        results.push(r);
      } catch (e) {
        errors.push(`${durable ? 'durable' : 'in-memory'}: ${e.message}`);
        break;
      } finally {
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      }
    }
    const durable = results.find((r) => r.durable);
    const memory = results.find((r) => !r.durable);
    const dataBytes = durable ? durable.rows * durable.engineBytesPerRow : 0;
    const tableRows = results.map((r) => [
      r.durable ? `durable, memtable space ${memtableMb} MiB` : 'in memory', r.rows.toLocaleString('en-US'), mib(r.rssBefore),
      mib(r.firstHalfPeak), mib(r.rssPeak), mib(r.rssEnd), Math.round(r.rows / (r.ms / 1000)).toLocaleString('en-US'), (r.maxLatencyMs / 1000).toFixed(2),
      r.durable ? `${r.end.sstables} SSTables, Data.db ${mib(r.end.dataBytes)} MiB` : '-',
    ]);
    const growth = (r, peak) => peak - r.rssBefore;
    const bounded = durable ? growth(durable, durable.rssPeak) <= BOUND * growth(durable, durable.firstHalfPeak) : false;
    return {
      columns: ['node', 'rows written', 'RSS before MiB', 'peak RSS, first half MiB', 'peak RSS, whole load MiB', 'RSS at the end MiB', 'rows/s', 'longest INSERT s', 'on disk at the end'],
      rows: tableRows,
      notes: [
        `Prepared INSERTs of rows (k int, v text of 20 bytes), new keys only, ${IN_FLIGHT} in flight through cassandra-driver 4.10 (one connection), to one node in a process of its own (bench/durability/servers/loaded-node.js); its VmRSS sampled every ${SAMPLE_MS} ms from the first INSERT to the last answer, the peak kept for the first half of the rows and for the whole load. The row count is ${multiple}x the durable node's memtable space in the engine's own accounting (what memtable_heap_space is measured in${durable ? `: ${durable.engineBytesPerRow.toFixed(0)} bytes/row after ${PROBE_ROWS.toLocaleString('en-US')} rows, so ${mib(dataBytes)} MiB = ${(dataBytes / (memtableMb * MIB)).toFixed(1)}x ${memtableMb} MiB` : ''}); the in-memory node takes the same rows. Size-tiered compaction as the table's defaults (min_threshold 4) runs after flushes. Flushes and compactions run in the request path (the write that fills the memtable waits for them), hence the longest INSERT; the driver's read timeout is raised to 120 s so that the load completes.`,
      ],
      goals: durable ? [{
        goal: `durable node writing ${multiple}x its memtable space: resident memory bounded (peak growth over the whole load at most ${BOUND}x the first half's)`,
        measured: `peak growth ${mib(growth(durable, durable.firstHalfPeak))} MiB in the first half, ${mib(growth(durable, durable.rssPeak))} MiB in all${memory ? ` (in memory: ${mib(growth(memory, memory.firstHalfPeak))}, ${mib(growth(memory, memory.rssPeak))} MiB)` : ''}`,
        met: bounded,
      }] : [],
      errors,
    };
  },
};

async function measure({ dataDir, memtableMb, multiple, rows }) {
  const config = { rows: 0, ...(dataDir ? { dataDir, memtableSpaceMb: memtableMb } : {}) };
  const server = new Child([`${benchDir}/durability/servers/loaded-node.js`, JSON.stringify(config)], { ipc: true });
  try {
    const line = await server.waitForLine((l) => l.startsWith('{"contactPoints"'), 60_000, 'the node to start');
    const { contactPoints, localDataCenter } = JSON.parse(line);
    const rssBefore = rssBytes(server.pid);
    // Peak resident memory in each half of the load: bounded memory stops growing once flushes keep up.
    const peaks = [rssBefore, rssBefore];
    let half = 0;
    const sampler = setInterval(() => { peaks[half] = Math.max(peaks[half], rssBytes(server.pid) ?? 0); }, SAMPLE_MS);
    try {
      const load = (from, to) => insertRows({ contactPoints, localDataCenter, from, to });
      const runs = [await load(0, PROBE_ROWS)];
      const probe = await server.request({ cmd: 'counters' }, 'counters');
      const engineBytesPerRow = probe.memtableBytes / probe.memtableRows;
      const total = rows ?? Math.ceil((multiple * memtableMb * MIB) / engineBytesPerRow);
      const middle = Math.max(PROBE_ROWS, Math.floor(total / 2));
      runs.push(await load(PROBE_ROWS, middle));
      half = 1;
      peaks[1] = peaks[0];
      runs.push(await load(middle, total));
      const ms = runs.reduce((sum, r) => sum + r.ms, 0);
      const maxLatencyMs = Math.max(...runs.map((r) => r.maxLatencyMs));
      const end = await server.request({ cmd: 'counters' }, 'counters');
      return { durable: Boolean(dataDir), rows: total, ms, maxLatencyMs, engineBytesPerRow, rssBefore, firstHalfPeak: peaks[0], rssPeak: peaks[1], rssEnd: rssBytes(server.pid), end };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await server.stop('SIGTERM', 60_000);
  }
}

/** Inserts rows from .. to-1 through a driver process; resolves with its time and its longest request, in ms. */
async function insertRows({ contactPoints, localDataCenter, from, to }) {
  const child = new Child([`${benchDir}/durability/clients/insert-rows.js`, JSON.stringify({ contactPoints, localDataCenter, from, to, inFlight: IN_FLIGHT })]);
  const line = await child.waitForLine((l) => l.startsWith('{"rows"'), 5 * 60_000, 'the inserts');
  const exit = await child.waitForExit(30_000);
  if (exit.code !== 0) throw child.failure(`insert-rows ended with ${describeExit(exit)}`);
  return JSON.parse(line);
}
