// Where the in-memory engine's bytes per row go, by kind of heap object: `node --expose-gc
// bench/durability/memory-breakdown.js [rows, default 100,000]` (not part of npm run bench: two heap snapshots
// take a minute and a gigabyte). Writes rows of (int, 20-byte text) to a StorageEngine as
// bench/clients/memory-per-row.js does, takes a V8 heap snapshot before and after, and prints the difference
// per (type, constructor) in bytes and objects per row, largest first, with ArrayBuffer backing stores apart.
import { getHeapSnapshot } from 'node:v8';
import { pathToFileURL } from 'node:url';
import { DIST_TSC, rowWriter, standaloneTable } from './lib/rows.js';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const rows = Number(process.argv[2] ?? 100_000);
const { StorageEngine } = await import(pathToFileURL(`${DIST_TSC}/storage/index.js`).href);
const { table, engine: modules } = await standaloneTable();

/** Self sizes and counts per "type constructor" of a heap snapshot taken now, after full collections. */
async function census() {
  for (let i = 0; i < 4; i++) globalThis.gc();
  const { arrayBuffers } = process.memoryUsage(); // before the snapshot's own buffers
  let json = '';
  for await (const chunk of getHeapSnapshot()) json += chunk;
  const { snapshot: { meta }, nodes, strings } = JSON.parse(json);
  const width = meta.node_fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => meta.node_fields.indexOf(f));
  const types = meta.node_types[0];
  const totals = new Map();
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt]];
    const name = type === 'object' || type === 'native' || type === 'hidden' || type === 'array' ? strings[nodes[i + nameAt]] : '';
    const key = `${type} ${name}`.trim();
    const t = totals.get(key) ?? { bytes: 0, count: 0 };
    t.bytes += nodes[i + sizeAt];
    t.count++;
    totals.set(key, t);
  }
  return { totals, arrayBuffers };
}

const engine = new StorageEngine();
const write = rowWriter(modules, table, engine);
const before = await census();
for (let i = 0; i < rows; i++) write(i);
const after = await census();
const lines = [];
let heapTotal = 0;
for (const [key, t] of after.totals) {
  const b = before.totals.get(key) ?? { bytes: 0, count: 0 };
  const bytes = (t.bytes - b.bytes) / rows;
  heapTotal += bytes;
  if (Math.abs(bytes) >= 1) lines.push([bytes, (t.count - b.count) / rows, key]);
}
lines.sort((a, b) => b[0] - a[0]);
console.log(`${rows.toLocaleString('en-US')} rows: heap ${heapTotal.toFixed(1)} bytes/row (snapshot self sizes), ArrayBuffers ${((after.arrayBuffers - before.arrayBuffers) / rows).toFixed(1)} bytes/row, engine estimate ${(engine.stats().sizeBytes / rows).toFixed(0)}`);
for (const [bytes, count, key] of lines) console.log(`${bytes.toFixed(1).padStart(8)} B/row ${count.toFixed(2).padStart(6)} objects/row  ${key}`);
if (engine.stats().rowCount !== rows) throw new Error('rows missing');
