import { describe, expect, it } from 'vitest';
import { counterContext, counterShards, counterTotal, leaderShard, mergeCounterContexts, type CounterShard } from './counter-context.js';
import { reconcileCounterCells } from './reconcile.js';
import { cell, tombstoneCell } from './testing/fixtures.js';

const A = Buffer.alloc(16, 0x0a);
const B = Buffer.alloc(16, 0x0b);
const C = Buffer.alloc(16, 0x0c);
const shard = (id: Buffer, clock: number, count: number): CounterShard => ({ id, clock: BigInt(clock), count: BigInt(count) });
const total = (context: Buffer): bigint => counterTotal(context).readBigInt64BE(0);
const legacy = (n: bigint): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
};

describe('counter contexts', () => {
  it('round-trip their shards and total their counts', () => {
    const context = counterContext([shard(A, 1, 5), shard(B, 7, -2)]);
    expect(counterShards(context)).toEqual([shard(A, 1, 5), shard(B, 7, -2)]);
    expect(total(context)).toBe(3n);
    expect(leaderShard(context, B)).toEqual({ clock: 7n, count: -2n });
    expect(leaderShard(context, C)).toEqual({ clock: 0n, count: 0n });
    expect(leaderShard(null, A)).toEqual({ clock: 0n, count: 0n });
    expect(() => counterContext([shard(B, 1, 1), shard(A, 1, 1)])).toThrow('ordered by leader id');
  });

  it('merge shard by shard, the higher clock winning, in either order', () => {
    const a = counterContext([shard(A, 3, 10), shard(B, 1, 1)]);
    const b = counterContext([shard(B, 2, 4), shard(C, 1, 7)]);
    const merged = counterContext([shard(A, 3, 10), shard(B, 2, 4), shard(C, 1, 7)]);
    expect(mergeCounterContexts(a, b)).toEqual(merged);
    expect(mergeCounterContexts(b, a)).toEqual(merged);
    expect(total(merged)).toBe(21n);
  });

  it('return an argument itself when it already is the merge', () => {
    const newer = counterContext([shard(A, 5, 5), shard(B, 2, 2)]);
    const older = counterContext([shard(A, 4, 4)]);
    expect(mergeCounterContexts(newer, older)).toBe(newer);
    expect(mergeCounterContexts(older, newer)).toBe(newer);
    // Equal clocks should carry equal counts; if not, the greater count wins.
    expect(mergeCounterContexts(counterContext([shard(A, 4, 1)]), older)).toBe(older);
  });

  it('read an 8-byte value written before shards were kept as one shard without leader', () => {
    expect(total(legacy(42n))).toBe(42n);
    expect(total(mergeCounterContexts(legacy(42n), counterContext([shard(A, 1, 1)])))).toBe(43n);
    expect(mergeCounterContexts(legacy(42n), legacy(40n))).toEqual(legacy(42n));
  });
});

describe('reconcileCounterCells', () => {
  it('merges two live counters, keeping the later timestamp', () => {
    const a = cell(counterContext([shard(A, 1, 1)]), 10);
    const b = cell(counterContext([shard(B, 1, 2)]), 5);
    const merged = reconcileCounterCells(a, b);
    expect(merged.timestamp).toBe(10n);
    expect(total(merged.value!)).toBe(3n);
    expect(reconcileCounterCells(b, a)).toEqual(merged);
    const superset = cell(counterContext([shard(A, 1, 1), shard(B, 1, 2)]), 10);
    expect(reconcileCounterCells(superset, b)).toBe(superset);
  });

  it('lets a tombstone win over a live counter whatever the timestamps, and the later of two tombstones', () => {
    const live = cell(counterContext([shard(A, 1, 1)]), 100);
    const deleted = tombstoneCell(5);
    expect(reconcileCounterCells(live, deleted)).toBe(deleted);
    expect(reconcileCounterCells(deleted, live)).toBe(deleted);
    const later = tombstoneCell(6);
    expect(reconcileCounterCells(deleted, later)).toBe(later);
    expect(reconcileCounterCells(later, deleted)).toBe(later);
  });
});
