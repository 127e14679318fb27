import { describe, expect, it } from 'vitest';
import { deletes, deletionSupersedes, maxDeletion } from './deletion-time.js';
import { livenessSupersedes, reconcileCells, reconcileLiveness } from './reconcile.js';
import { cell, deletion, liveness, tombstoneCell } from './testing/fixtures.js';

/** Both argument orders must agree: every replica has to pick the same winner. */
function winner(a: ReturnType<typeof cell>, b: ReturnType<typeof cell>): ReturnType<typeof cell> {
  const ab = reconcileCells(a, b);
  expect(reconcileCells(b, a)).toBe(ab);
  return ab;
}

describe('reconcileCells', () => {
  it('lets the higher timestamp win, whatever the kinds', () => {
    expect(winner(cell('a', 10), cell('b', 11)).value?.toString()).toBe('b');
    const newer = cell('live', 11);
    expect(winner(tombstoneCell(10), newer)).toBe(newer);
    const newerTombstone = tombstoneCell(12);
    expect(winner(cell('x', 11, 60, 0), newerTombstone)).toBe(newerTombstone);
  });

  it('on a tie lets a tombstone win over a live cell', () => {
    const t = tombstoneCell(10);
    expect(winner(cell('zzz', 10), t)).toBe(t);
  });

  it('on a tie lets an expiring cell win over a non-expiring one, even with a smaller value', () => {
    const expiring = cell('a', 10, 60, 0);
    expect(winner(cell('z', 10), expiring)).toBe(expiring);
  });

  it('on a tie lets a tombstone win over an expiring cell', () => {
    const t = tombstoneCell(10, 5);
    expect(winner(cell('z', 10, 600, 0), t)).toBe(t);
  });

  it('on a tie between expiring cells prefers the later expiry, not the greater value', () => {
    const later = cell('a', 10, 100, 0);
    expect(winner(cell('z', 10, 50, 0), later)).toBe(later);
  });

  it('on a tie between tombstones prefers the later local deletion time', () => {
    const later = tombstoneCell(10, 200);
    expect(winner(tombstoneCell(10, 100), later)).toBe(later);
  });

  it('on a full tie prefers the greater value in unsigned byte order', () => {
    const big = cell(Buffer.from([0x80]), 10);
    expect(winner(cell(Buffer.from([0x7f, 0xff]), 10), big)).toBe(big);
    const longer = cell(Buffer.from([1, 0]), 10);
    expect(winner(cell(Buffer.from([1]), 10), longer)).toBe(longer);
    const expiringBig = cell('b', 10, 60, 0);
    expect(winner(cell('a', 10, 60, 0), expiringBig)).toBe(expiringBig);
  });

  it('returns the first argument when the cells are identical', () => {
    const a = cell('same', 10);
    expect(reconcileCells(a, cell('same', 10))).toBe(a);
  });
});

describe('row liveness', () => {
  it('lets the higher timestamp win', () => {
    expect(livenessSupersedes(liveness(11), liveness(10, 60, 0))).toBe(true);
    expect(livenessSupersedes(liveness(10), liveness(11))).toBe(false);
  });

  it('on a tie prefers expiring, then the later expiry', () => {
    expect(livenessSupersedes(liveness(10, 60, 0), liveness(10))).toBe(true);
    expect(livenessSupersedes(liveness(10), liveness(10, 60, 0))).toBe(false);
    expect(livenessSupersedes(liveness(10, 90, 0), liveness(10, 60, 0))).toBe(true);
    expect(livenessSupersedes(liveness(10), liveness(10))).toBe(false);
  });

  it('reconciles optional liveness', () => {
    const l = liveness(5);
    expect(reconcileLiveness(null, l)).toBe(l);
    expect(reconcileLiveness(l, null)).toBe(l);
    expect(reconcileLiveness(null, null)).toBeNull();
  });
});

describe('deletion time', () => {
  it('deletes everything written at or before markedForDeleteAt', () => {
    const d = deletion(10);
    expect(deletes(d, 9n)).toBe(true);
    expect(deletes(d, 10n)).toBe(true);
    expect(deletes(d, 11n)).toBe(false);
    expect(deletes(null, 0n)).toBe(false);
  });

  it('orders deletions by markedForDeleteAt, then local deletion time', () => {
    expect(deletionSupersedes(deletion(11, 1), deletion(10, 100))).toBe(true);
    expect(deletionSupersedes(deletion(10, 101), deletion(10, 100))).toBe(true);
    expect(deletionSupersedes(deletion(10, 100), deletion(10, 100))).toBe(false);
    const strong = deletion(20);
    expect(maxDeletion(deletion(10), strong)).toBe(strong);
    expect(maxDeletion(strong, null)).toBe(strong);
    expect(maxDeletion(null, null)).toBeNull();
  });
});
