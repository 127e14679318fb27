// Issue 12: prepared INSERT throughput of a durable node, commit log sync 'periodic' and 'batch', against the
// in-memory node (and the floor), the same client load on each, the servers taking turns slice by slice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureCells } from '../lib/load.js';
import { fmt } from '../lib/stats.js';
import { startCassanova, startFloor } from '../lib/targets.js';

const IN_FLIGHT = [1, 16, 128];
const SYNCS = ['periodic', 'batch'];

export default {
  name: 'durable-writes',
  title: 'Durable storage: prepared INSERT throughput, commit log periodic and batch against the in-memory engine',
  async run({ targets, quick }) {
    if (!targets.includes('cassanova')) return null;
    const timing = quick ? { warmupMs: 300, measureMs: 700, sliceMs: 350 } : { warmupMs: 2000, measureMs: 5000, sliceMs: 1000 };
    const cells = IN_FLIGHT.map((inFlight) => ({ op: 'insert', inFlight, ...timing }));
    const folders = Object.fromEntries(SYNCS.map((sync) => [sync, mkdtempSync(join(tmpdir(), `cassanova-bench-${sync}-`))]));
    const starters = {
      ...(targets.includes('floor') ? { floor: startFloor } : {}),
      memory: () => startCassanova({ name: 'memory' }),
      ...Object.fromEntries(SYNCS.map((sync) => [sync, () => startCassanova({ name: sync, options: { dataDir: folders[sync], commitlogSync: sync } })])),
    };
    let measured;
    try {
      measured = await measureCells(starters, cells);
    } finally {
      for (const dir of Object.values(folders)) rmSync(dir, { recursive: true, force: true });
    }
    const { errors, cell, perOp } = measured;
    const names = Object.keys(starters);
    const ratio = (name, base, inFlight) => {
      const [a, b] = [cell(name, 'insert', inFlight)?.opsPerSec, cell(base, 'insert', inFlight)?.opsPerSec];
      return a === undefined || !b ? '-' : (a / b).toFixed(3);
    };
    const rows = IN_FLIGHT.map((inFlight) => [
      String(inFlight), ...names.map((name) => fmt(cell(name, 'insert', inFlight)?.opsPerSec)),
      ...SYNCS.map((sync) => ratio(sync, 'memory', inFlight)),
      ...(targets.includes('floor') ? ['memory', ...SYNCS].map((name) => ratio(name, 'floor', inFlight)) : []),
      perOp(names, 'insert', 'serverCpuUs', 0, inFlight), perOp(names, 'insert', 'serverWrites', 2, inFlight),
    ]);
    const label = { floor: 'floor', memory: 'in memory', periodic: 'periodic', batch: 'batch' };
    return {
      columns: [
        'in flight', ...names.map((n) => `${label[n]} ops/s`), ...SYNCS.map((s) => `${s}/in memory`),
        ...(targets.includes('floor') ? ['memory', ...SYNCS].map((n) => `${label[n]}/floor`) : []),
        `server CPU µs/op (${names.map((n) => label[n]).join(' / ')})`, 'server writes/op',
      ],
      rows,
      notes: [`One node each, in a process of its own: in memory, and with a data folder and commit log sync 'periodic' (fsync every 10 s) or 'batch' (a write acknowledged once the group fdatasync covering it ran), the defaults otherwise (32 MiB segments, 64 MiB of memtable space); folders under the system's temporary directory. INSERT INTO bench.kv (k, v) over 10,000 keys through cassandra-driver 4.10, one connection per server; per cell and server ${timing.warmupMs / 1000} s warm-up, then ${timing.measureMs / 1000} s in slices of ${timing.sliceMs / 1000} s, the servers taking turns slice by slice (bench/clients/throughput.js). Server writes/op: write calls of the server process (/proc/PID/io syscw) per INSERT, socket writes included.`],
      goals: [],
      errors,
    };
  },
};
