import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../common/index.js';
import { cell, int, mutation, row, testTable, update } from '../../data/testing/fixtures.js';
import { DEFAULT_TABLE_OPTIONS, rebuildTable } from '../../schema/index.js';
import { HintStore, isLiveHint, smallestGcGraceSeconds } from './hint-store.js';

const table = testTable();
const write = (key: number) => mutation(update(table, int(key), { rows: [row([], { v: cell(`v${key}`, 10) })] }));
const HOUR_MS = 3_600_000;

describe('HintStore', () => {
  it('keeps hints per target, oldest first, with their creation time and gc_grace_seconds', () => {
    const clock = new VirtualClock();
    const store = new HintStore(clock, 3 * HOUR_MS);
    const t0 = clock.nowMs();
    store.add(2, write(1));
    clock.advance(1000);
    store.add(2, write(2), t0 - 5000);
    store.add(3, write(3));
    expect(store.count()).toBe(3);
    expect(store.targets().sort()).toEqual([2, 3]);
    const hints = store.pending(2);
    expect(hints.map((h) => [h.mutation.key.readInt32BE(), h.createdMs - t0, h.gcGraceSeconds])).toEqual([[1, 0, 864_000], [2, -5000, 864_000]]);
    store.excise(2);
    expect(store.count(2)).toBe(0);
  });

  it('holds a hint until it is acknowledged, newer ones after it', () => {
    const clock = new VirtualClock();
    const store = new HintStore(clock, 3 * HOUR_MS);
    const t0 = clock.nowMs();
    store.add(2, write(1));
    store.add(2, write(2));
    const [first, second] = store.pending(2);
    store.acknowledge(2, first!);
    clock.advance(60_000);
    store.add(2, write(3));
    expect(store.pending(2).map((h) => [h.mutation.key.readInt32BE(), h.createdMs - t0])).toEqual([[2, 0], [3, 60_000]]);
    store.acknowledge(2, second!);
    store.acknowledge(2, second!);
    expect(store.count(2)).toBe(1);
    store.acknowledge(2, store.pending(2)[0]!);
    expect(store.targets()).toEqual([]);
  });

  it('takes no more hints for a target down longer than max_hint_window', () => {
    const clock = new VirtualClock();
    const store = new HintStore(clock, HOUR_MS);
    store.markDown(2);
    clock.advance(HOUR_MS);
    store.add(2, write(1));
    clock.advance(1);
    store.add(2, write(2));
    expect(store.count(2)).toBe(1);
    store.markUp(2);
    store.add(2, write(3));
    expect(store.count(2)).toBe(2);
  });

  it('takes no more hints for a target whose oldest undelivered hint is older than max_hint_window', () => {
    const clock = new VirtualClock();
    const store = new HintStore(clock, HOUR_MS);
    store.add(2, write(1));
    clock.advance(HOUR_MS);
    store.add(2, write(2));
    clock.advance(1);
    store.add(2, write(3));
    expect(store.count(2)).toBe(2);
    store.acknowledge(2, store.pending(2)[0]!);
    store.add(2, write(4));
    expect(store.pending(2).map((h) => h.mutation.key.readInt32BE())).toEqual([2, 4]);
  });
});

describe('HintStore images and dropped tables', () => {
  it('restores the hints of an image, which later changes leave as it was', () => {
    const clock = new VirtualClock();
    const store = new HintStore(clock, 3 * HOUR_MS);
    store.add(2, write(1));
    const image = store.image();
    store.add(2, write(2));
    store.acknowledge(2, store.pending(2)[0]!);
    store.restore(image);
    expect(store.pending(2).map((h) => h.mutation.key.readInt32BE())).toEqual([1]);
    store.add(3, write(3));
    store.restore(image);
    expect([store.targets(), image.get(3)]).toEqual([[2], undefined]);
  });

  it('takes the updates of dropped tables out of each hint, dropping hints left empty, keeping their age', () => {
    const clock = new VirtualClock();
    const store = new HintStore(clock, 3 * HOUR_MS);
    const other = testTable({ name: 'other' });
    const both = mutation(update(table, int(1), { rows: [row([], { v: cell('a', 1) })] }), update(other, int(1), { rows: [row([], { v: cell('b', 1) })] }));
    store.add(2, both);
    clock.advance(500);
    store.add(2, write(2));
    store.add(3, write(3));
    const createdMs = store.pending(2)[0]!.createdMs;
    store.dropTables(new Set([table.id.toString('hex')]));
    expect(store.targets()).toEqual([2]);
    const [kept] = store.pending(2);
    expect([store.count(2), kept!.mutation.updates.map((u) => u.table.name), kept!.createdMs]).toEqual([1, ['other'], createdMs]);
  });
});

describe('hint time to live', () => {
  it('is the smaller gc_grace_seconds, at creation or now, of the tables written', () => {
    const short = rebuildTable(testTable({ name: 'short' }), { options: { ...DEFAULT_TABLE_OPTIONS, gcGraceSeconds: 60 } });
    const m = mutation(update(table, int(1)), update(short, int(1)));
    expect(smallestGcGraceSeconds(m)).toBe(60);
    const hint = { mutation: m, createdMs: 1_000_000, gcGraceSeconds: 60 };
    expect(isLiveHint(hint, 864_000, 1_059_999)).toBe(true);
    expect(isLiveHint(hint, 864_000, 1_060_000)).toBe(false);
    expect(isLiveHint(hint, 10, 1_010_000)).toBe(false);
    // gc_grace_seconds = 0: such a table's hints are never applied.
    expect(isLiveHint({ ...hint, gcGraceSeconds: 0 }, 864_000, 1_000_000)).toBe(false);
  });
});
