import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../common/index.js';
import type { PartitionRangeReadCommand, SinglePartitionReadCommand } from '../data/index.js';
import { cell, int, liveness, row, update } from '../data/testing/fixtures.js';
import { memtableSource, readRangeMerged, readSingleMerged } from './merged-read.js';
import { FILTERS, live, newMemtable, randomUpdate, table } from './testing/random-writes.js';

describe('reads merged over the memtable and other sources (flushed data)', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`answer as one memtable holding every write would (seed ${seed})`, () => {
      const random = new SeededRandom(seed);
      const whole = newMemtable();
      const parts = [newMemtable(), newMemtable(), newMemtable(), newMemtable()];
      for (let i = 0; i < 400; i++) {
        const u = randomUpdate(random);
        whole.apply(u);
        parts[Math.floor(random.next() * parts.length)]!.apply(u);
      }
      const [own, ...flushed] = parts;
      const sources = flushed.map(memtableSource);
      for (const nowInSec of [0, 40]) {
        for (const filter of FILTERS) {
          for (const rowLimit of [Infinity, 1, 3]) {
            for (let k = 0; k < 8; k++) {
              const command: SinglePartitionReadCommand = { kind: 'single', table, key: int(k), token: BigInt(k), filter, nowInSec, rowLimit };
              expect(live(readSingleMerged(command, own!, sources), nowInSec)).toEqual(live(whole.readSingle(command), nowInSec));
            }
            for (const [perPartitionLimit, partitionLimit] of [[Infinity, Infinity], [2, Infinity], [Infinity, 3], [1, 2]] as const) {
              const command: PartitionRangeReadCommand = {
                kind: 'range', table, filter, nowInSec, rowLimit, perPartitionLimit, partitionLimit,
                bounds: { start: { token: 2n, key: null }, startInclusive: false, end: { token: 1n, key: null }, endInclusive: true },
              };
              expect(live(readRangeMerged(command, own!, sources), nowInSec)).toEqual(live(whole.readRange(command), nowInSec));
            }
          }
        }
      }
    });
  }

  it('leaves a read to the memtable alone when no source holds the partition', () => {
    const own = newMemtable();
    own.apply(update(table, int(1), { rows: [row([int(0), int(0)], { v: cell('x', 1) }, { liveness: liveness(1) })] }));
    const command: SinglePartitionReadCommand = { kind: 'single', table, key: int(1), token: 1n, filter: FILTERS[0]!, nowInSec: 0, rowLimit: Infinity };
    expect(readSingleMerged(command, own, [memtableSource(newMemtable())])).toEqual(own.readSingle(command));
  });
});
