import { describe, expect, it } from 'vitest';
import {
  mayPurge, noPurgeTimes, addRowPurgeTimes, purgeCell, purgeComplexColumn, purgeDeletion, purgeLiveness, purgeRow,
  type DeletionPurger,
} from './deletion-purger.js';
import { NO_DELETION_TIME } from './partition-update.js';
import { cell, complex, deletion, int, liveness, row, tombstoneCell } from './testing/fixtures.js';

const purger = (nowInSec: number, gcGraceSeconds: number, enforceStrictLiveness = false): DeletionPurger =>
  ({ nowInSec, gcBefore: nowInSec - gcGraceSeconds, enforceStrictLiveness });

describe('deletion purger rules (DeletionPurger, Cell.purge, Row.purge)', () => {
  it('purges a deletion only once its local deletion time is before gcBefore', () => {
    const d = deletion(5, 100);
    expect(purgeDeletion(d, purger(110, 10))).toBe(d); // gcBefore 100: not before it
    expect(purgeDeletion(d, purger(111, 10))).toBeNull();
    // gc_grace_seconds 0: one second after the deletion.
    expect(purgeDeletion(d, purger(100, 0))).toBe(d);
    expect(purgeDeletion(d, purger(101, 0))).toBeNull();
  });

  it('keeps live cells, purges old cell tombstones', () => {
    const live = cell('x', 1);
    expect(purgeCell(live, purger(1_000_000, 0))).toBe(live);
    const t = tombstoneCell(1, 100);
    expect(purgeCell(t, purger(150, 60))).toBe(t);
    expect(purgeCell(t, purger(161, 60))).toBeNull();
  });

  it('turns an expired cell into a tombstone dated when it was written, purged by the same rule', () => {
    // Written at 100 with TTL 50: expires at 150.
    const expiring = cell('x', 7, 50, 100);
    expect(purgeCell(expiring, purger(149, 3600))).toBe(expiring);
    expect(purgeCell(expiring, purger(150, 3600))).toEqual({ value: null, timestamp: 7n, ttlSeconds: 0, localDeletionTime: 100 });
    // The tombstone goes once its write time is before gcBefore: at 100 + 3600 + 1.
    expect(purgeCell(expiring, purger(3700, 3600))).not.toBeNull();
    expect(purgeCell(expiring, purger(3701, 3600))).toBeNull();
    // A TTL longer than gc_grace_seconds: the expired cell goes at its expiry.
    expect(purgeCell(cell('x', 7, 50, 100), purger(150, 10))).toBeNull();
    expect(purgeCell(cell('x', 7, 50, 100), purger(150, 0))).toBeNull();
  });

  it('purges an expired primary key liveness once its expiry is before gcBefore', () => {
    const l = liveness(3, 50, 100);
    expect(purgeLiveness(l, purger(149, 0))).toBe(l);
    expect(purgeLiveness(l, purger(150, 0))).toBe(l);
    expect(purgeLiveness(l, purger(151, 0))).toBeNull();
    expect(purgeLiveness(l, purger(160, 10))).toBe(l);
    expect(purgeLiveness(liveness(3), purger(1_000_000, 0))).not.toBeNull();
  });

  it('purges a multi-cell column: its deletion and its cells, null when nothing is left', () => {
    const column = complex(deletion(5, 100), [[int(1), cell('a', 6)], [int(2), tombstoneCell(6, 100)]]);
    expect(purgeComplexColumn(column, purger(100, 0))).toBe(column);
    expect(purgeComplexColumn(column, purger(101, 0))).toEqual(complex(null, [[int(1), cell('a', 6)]]));
    expect(purgeComplexColumn(complex(deletion(5, 100), [[int(2), tombstoneCell(6, 100)]]), purger(101, 0))).toBeNull();
  });

  it('purges a row: the same row when nothing is purgeable, null when nothing is left', () => {
    const dead = row([int(1)], { v: tombstoneCell(2, 100) }, { deletion: deletion(1, 100) });
    expect(purgeRow(dead, purger(100, 0))).toBe(dead);
    expect(purgeRow(dead, purger(101, 0))).toBeNull();
    const mixed = row([int(1)], { v: tombstoneCell(2, 100), w: cell('w', 3) }, { liveness: liveness(3) });
    expect(purgeRow(mixed, purger(101, 0))).toEqual(row([int(1)], { w: cell('w', 3) }, { liveness: liveness(3) }));
  });

  it('under strict liveness (a view keyed by a base column) drops a row left without liveness or row deletion', () => {
    const r = row([int(1)], { v: cell('v', 3) }, { liveness: liveness(3, 10, 100) });
    expect(purgeRow(r, purger(111, 0, false))).toEqual(row([int(1)], { v: cell('v', 3) }));
    expect(purgeRow(r, purger(111, 0, true))).toBeNull();
  });

  it('tells when a row may next be purged, whatever gc_grace_seconds is', () => {
    const times = noPurgeTimes();
    expect(mayPurge(times, 1_000_000, 1_000_000)).toBe(false);
    addRowPurgeTimes(times, row([int(1)], { v: cell('x', 1, 50, 100), w: tombstoneCell(1, 120) }));
    expect(times).toEqual({ firstExpiry: 150, firstDeletionTime: 120 });
    expect(mayPurge(times, 149, 120)).toBe(false);
    expect(mayPurge(times, 149, 121)).toBe(true);
    expect(mayPurge(times, 150, 0)).toBe(true);
    expect(NO_DELETION_TIME).toBe(2 ** 31 - 1);
  });
});
