// The SSTable library of issue 12 on its own (no cluster): 1,000,000 rows of (int, text of 20 bytes),
// one partition each, written to one SSTable; bytes on disk per row, write and scan throughput, point
// reads of keys that exist and of keys that do not (latency and Data.db reads per lookup), and the
// bloom filter's measured false-positive rate. Runs tsc's output (dist/tsc), in this process.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, requireDist } from '../lib/paths.js';

const load = (path) => import(pathToFileURL(requireDist(join(repoRoot, 'dist/tsc', path))).href);

export default {
  name: 'sstable',
  title: 'SSTable library: 1,000,000 rows of (int, text of 20 bytes), one SSTable',
  async run({ targets, quick }) {
    if (!targets.includes('cassanova')) return null;
    const { Descriptor, SSTableReader, writeSSTable } = await load('storage/sstable/index.js');
    const { buildTable, DEFAULT_TABLE_OPTIONS } = await load('schema/index.js');
    const { native } = await load('types/index.js');
    const { murmur3Token } = await load('cluster/ring/murmur3.js');
    const rowCount = quick ? 100_000 : 1_000_000;
    const lookupCount = quick ? 2_000 : 20_000;
    const table = buildTable({
      keyspace: 'bench', name: 'kv', id: Buffer.alloc(16, 7),
      partitionKey: [{ name: 'k', type: native('int') }], clustering: [], staticColumns: [],
      regularColumns: [{ name: 'v', type: native('text') }], options: DEFAULT_TABLE_OPTIONS,
      virtual: false, isCounterTable: false, droppedColumns: new Map(), indexes: new Map(),
    });
    const keyOf = (i) => { const b = Buffer.alloc(4); b.writeInt32BE(i); return b; };
    const now = 1_765_000_000_000_000n;
    // Partitions are built as the writer asks for them (a memtable flush holds them already; holding a
    // million here as well would measure the garbage collector).
    const tokens = Array.from({ length: rowCount }, (_, i) => murmur3Token(keyOf(i)));
    const order = Array.from({ length: rowCount }, (_, i) => i)
      .sort((a, b) => (tokens[a] < tokens[b] ? -1 : tokens[a] > tokens[b] ? 1 : Buffer.compare(keyOf(a), keyOf(b))));
    function* partitions() {
      for (const i of order) yield partitionOf(i);
    }
    function partitionOf(i) {
      const timestamp = now + BigInt(i);
      return {
        table, key: keyOf(i), token: tokens[i], partitionDeletion: null, rangeTombstones: [], staticRow: null, reversed: false,
        rows: [{
          clustering: [], deletion: null,
          liveness: { timestamp, ttlSeconds: 0, localExpirationTime: Number.MAX_SAFE_INTEGER },
          cells: new Map([['v', { value: Buffer.from(`value-${String(i).padStart(14, '0')}`), timestamp, ttlSeconds: 0, localDeletionTime: Number.MAX_SAFE_INTEGER }]]),
        }],
      };
    }
    const dir = mkdtempSync(join(tmpdir(), 'cassanova-bench-sstable-'));
    try {
      const descriptor = new Descriptor(dir, 1);
      let t = performance.now();
      writeSSTable(descriptor, table, partitions());
      const writeMs = performance.now() - t;
      const sizes = ['Data.db', 'Index.db', 'Summary.db', 'Filter.db', 'Statistics.db'].map((c) => [c, statSync(descriptor.path(c)).size]);
      const totalBytes = sizes.reduce((s, [, n]) => s + n, 0);
      const reader = SSTableReader.open(descriptor);
      const present = timedLookups(reader, table, lookupCount, (n) => {
        const i = (n * 7919) % rowCount;
        return { key: keyOf(i), token: tokens[i] };
      });
      const absent = timedLookups(reader, table, lookupCount, (n) => {
        const key = keyOf(rowCount + n);
        return { key, token: murmur3Token(key) };
      });
      t = performance.now();
      let scanned = 0;
      for (const _ of reader.scan(table)) scanned++;
      const scanMs = performance.now() - t;
      reader.close();
      const perSecond = (count, ms) => Math.round(count / (ms / 1000)).toLocaleString('en-US');
      return {
        columns: ['measure', 'value'],
        rows: [
          ['rows written', rowCount.toLocaleString('en-US')],
          ['write throughput (rows/s, one SSTable, fsync at the end)', perSecond(rowCount, writeMs)],
          ['bytes on disk per row (all components)', (totalBytes / rowCount).toFixed(1)],
          ...sizes.map(([c, n]) => [`  of which ${c} per row`, (n / rowCount).toFixed(2)]),
          ['full scan throughput (partitions/s)', perSecond(scanned, scanMs)],
          ['point read, key present: p50 / p99 µs', `${present.p50} / ${present.p99}`],
          ['point read, key present: Data.db reads per lookup', present.dataReads.toFixed(3)],
          ['point read, key absent: p50 / p99 µs', `${absent.p50} / ${absent.p99}`],
          ['point read, key absent: Data.db reads per lookup', absent.dataReads.toFixed(3)],
          ['bloom filter false positives (bloom_filter_fp_chance 0.01)', `${(absent.falsePositives * 100).toFixed(2)} %`],
        ],
        notes: [
          'Write throughput includes building each partition object as the writer pulls it (a flush walks memtable objects that already exist) and the first, unoptimised pass of the JIT.',
          `Synchronous positional reads, no cache besides the OS page cache; ${lookupCount.toLocaleString('en-US')} lookups each.`,
        ],
        goals: [],
        errors: scanned === rowCount && present.found === lookupCount ? [] : [`scan saw ${scanned} partitions, lookups found ${present.found}`],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function timedLookups(reader, table, count, keyAt) {
  const latencies = new Float64Array(count);
  const dataBefore = reader.dataReadCount;
  const rejectsBefore = reader.bloomRejectCount;
  let found = 0;
  for (let n = 0; n < count; n++) {
    const { key, token } = keyAt(n);
    const t = performance.now();
    if (reader.readPartition(table, key, token) !== null) found++;
    latencies[n] = performance.now() - t;
  }
  latencies.sort();
  const micros = (q) => Math.round(latencies[Math.min(count - 1, Math.floor(q * count))] * 1000);
  return {
    p50: micros(0.5), p99: micros(0.99), found,
    dataReads: (reader.dataReadCount - dataBefore) / count,
    falsePositives: (count - (reader.bloomRejectCount - rejectsBefore)) / count,
  };
}
