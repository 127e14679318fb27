// Fresh process: starts the cluster a data folder holds and times it. node restart.js <dist/cassanova.js> <dataDir>
// startCluster({ dataDir }) opens the SSTables and replays the commit log before it resolves; then one query
// through the cluster's own session (row 0 of bench.kv, when the folder has it). Exits without closing (a
// close would flush what was replayed). Prints one JSON line: { startMs, startCpuMs (this process's CPU
// time during startCluster), firstQueryMs, found }.
import { pathToFileURL } from 'node:url';

const [entry, dataDir] = process.argv.slice(2);
const { startCluster } = await import(pathToFileURL(entry).href);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const cluster = await startCluster({ port: 0, dataDir });
const t1 = performance.now();
const { user, system } = process.cpuUsage(cpu0);
const { rows } = await cluster.execute('SELECT v FROM bench.kv WHERE k = 0');
const t2 = performance.now();
console.log(JSON.stringify({ startMs: t1 - t0, startCpuMs: (user + system) / 1000, firstQueryMs: t2 - t0, found: rows.length }));
process.exit(0);
