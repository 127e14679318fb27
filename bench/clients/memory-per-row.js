// Fresh process, run with --expose-gc: memory per row of the in-memory storage engine.
//   node --expose-gc memory-per-row.js <dist/tsc, tsc's output of src/> '<json config>'
// Config: { rows }. One table (k int PRIMARY KEY, v text) and `rows` writes of 20-byte values, one row per
// partition, made as the CQL write path makes them (one timestamp per statement shared by the row marker and
// the cell, a Map of cells, values in Node's pooled Buffers) and applied to a StorageEngine. Memory is the V8
// heap in use plus ArrayBuffers (where Buffers keep their bytes) after full collections, before and after.
// Then point reads of every row. Prints one JSON line:
// { rows, bytesPerRow, heapBytesPerRow, arrayBufferBytesPerRow, engineSizeBytesPerRow, appliesPerSec, readsPerSec }.
import { pathToFileURL } from 'node:url';

setTimeout(() => { console.error('memory-per-row: not done within 3 minutes'); process.exit(2); }, 3 * 60_000).unref();
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const [tscDir, json] = process.argv.slice(2);
const { rows } = JSON.parse(json);
const load = (path) => import(pathToFileURL(`${tscDir}/${path}`).href);
const { StorageEngine } = await load('storage/index.js');
const { NO_DELETION_TIME } = await load('data/index.js');
const { buildTable, DEFAULT_TABLE_OPTIONS } = await load('schema/index.js');
const { native } = await load('types/index.js');
const { murmur3Token } = await load('cluster/ring/murmur3.js');

const table = buildTable({
  keyspace: 'ks', name: 't', id: Buffer.alloc(16, 7), partitionKey: [{ name: 'k', type: native('int') }], clustering: [],
  staticColumns: [], regularColumns: [{ name: 'v', type: native('text') }], options: DEFAULT_TABLE_OPTIONS, virtual: false,
  isCounterTable: false, droppedColumns: new Map(), indexes: new Map(),
});
const keyOf = (i) => { const key = Buffer.allocUnsafe(4); key.writeInt32BE(i); return key; };

function memory() {
  for (let i = 0; i < 4; i++) globalThis.gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heapUsed, arrayBuffers };
}

const engine = new StorageEngine();
const before = memory();
let timestamp = BigInt(Date.UTC(2026, 0, 1)) * 1000n;
const t0 = performance.now();
for (let i = 0; i < rows; i++) {
  const key = keyOf(i);
  const token = murmur3Token(key);
  const ts = timestamp++;
  const cells = new Map();
  cells.set('v', { value: Buffer.from(String(i).padStart(20, '0')), timestamp: ts, ttlSeconds: 0, localDeletionTime: NO_DELETION_TIME });
  const row = { clustering: [], liveness: { timestamp: ts, ttlSeconds: 0, localExpirationTime: NO_DELETION_TIME }, deletion: null, cells };
  engine.apply({ keyspace: 'ks', key, token, updates: [{ table, key, token, partitionDeletion: null, rangeTombstones: [], staticRow: null, rows: [row] }] });
}
const applyMs = performance.now() - t0;
const after = memory();
const filter = { kind: 'slices', slices: [{ start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } }], reversed: false };
const nowInSec = Math.floor(Date.UTC(2026, 0, 2) / 1000);
let found = 0;
const t1 = performance.now();
for (let i = 0; i < rows; i++) {
  const key = keyOf(i);
  found += engine.read({ kind: 'single', table, key, token: murmur3Token(key), filter, nowInSec, rowLimit: 1 }).length;
}
const readMs = performance.now() - t1;
if (found !== rows) throw new Error(`read back ${found} of ${rows} rows`);
const heapBytesPerRow = (after.heapUsed - before.heapUsed) / rows;
const arrayBufferBytesPerRow = (after.arrayBuffers - before.arrayBuffers) / rows;
console.log(JSON.stringify({
  rows, bytesPerRow: heapBytesPerRow + arrayBufferBytesPerRow, heapBytesPerRow, arrayBufferBytesPerRow,
  engineSizeBytesPerRow: engine.stats().sizeBytes / rows, appliesPerSec: rows / (applyMs / 1000), readsPerSec: rows / (readMs / 1000),
}));
