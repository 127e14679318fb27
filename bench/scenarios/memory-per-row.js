// Memory per row of the in-memory engine: 1,000,000 rows of (int primary key, text of 20 bytes), measured in
// a fresh process (bench/clients/memory-per-row.js) as heap in use plus ArrayBuffers after full collections.
import { resolve } from 'node:path';
import { Child, describeExit } from '../lib/child.js';
import { benchDir, repoRoot, requireDist } from '../lib/paths.js';

const GOAL_BYTES_PER_ROW = 300;
const distTsc = resolve(repoRoot, 'dist/tsc');

export default {
  name: 'memory-per-row',
  title: 'Memory per row of the in-memory engine (1,000,000 rows of int key, 20-byte text)',
  async run({ targets, quick }) {
    if (!targets.includes('cassanova')) return null;
    const rows = quick ? 100_000 : 1_000_000;
    let result;
    try {
      requireDist(resolve(distTsc, 'storage/index.js'));
      result = await measure(rows);
    } catch (e) {
      return { columns: [], rows: [], notes: [], goals: [], errors: [e.message] };
    }
    const fixed = (n, digits = 0) => n.toFixed(digits);
    return {
      columns: ['rows', 'bytes/row', 'of which heap', 'of which ArrayBuffers', 'engine estimate bytes/row', 'applies/s', 'point reads/s'],
      rows: [[rows.toLocaleString('en'), fixed(result.bytesPerRow), fixed(result.heapBytesPerRow), fixed(result.arrayBufferBytesPerRow),
        fixed(result.engineSizeBytesPerRow), fixed(result.appliesPerSec), fixed(result.readsPerSec)]],
      notes: [
        'One row per partition, written straight to a StorageEngine as the CQL write path builds rows (one timestamp per statement for the row marker and the cell, a Map of cells, 20-byte values in Node\'s pooled Buffers), then read back by point reads. Memory: V8 heap in use plus ArrayBuffers after four full collections, before and after the writes. The engine estimate is its own sizeBytes (what table stats report).',
      ],
      goals: [{ goal: `at most ${GOAL_BYTES_PER_ROW} bytes of memory per row`, measured: `${fixed(result.bytesPerRow)} bytes`, met: result.bytesPerRow <= GOAL_BYTES_PER_ROW }],
      errors: [],
    };
  },
};

async function measure(rows) {
  const child = new Child(['--expose-gc', `${benchDir}/clients/memory-per-row.js`, distTsc, JSON.stringify({ rows })]);
  const line = await child.waitForLine((l) => l.startsWith('{'), 3 * 60_000, 'the memory-per-row measurement');
  const exit = await child.waitForExit(10_000);
  if (exit.code !== 0) throw child.failure(`memory-per-row process ended with ${describeExit(exit)}`);
  return JSON.parse(line);
}
