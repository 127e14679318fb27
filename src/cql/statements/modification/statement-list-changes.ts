import { complexPathOrder, reconcileCells, type Cell, type PathCell } from '../../../data/index.js';
import type { TableMetadata } from '../../../schema/index.js';

interface ListChanges {
  /** Elements written at or before this timestamp are gone (an overwrite's deletion). */
  deletedAt: bigint | null;
  readonly cells: PathCell[];
}

/**
 * What one statement has written so far to the list columns of one row. A later list operation of the
 * same statement sees the list with them applied (UpdateParameters.getPrefetchedRow merges the pending
 * changes into the row read before writing): `l = l + [3], l[3] = 7` finds the appended element,
 * `DELETE l[2], l[2]` removes two. Cells reconcile as stored ones do: at one timestamp a tombstone wins,
 * then the greater value.
 */
export class StatementListChanges {
  private readonly byColumn = new Map<string, ListChanges>();

  recordDeletion(column: string, timestamp: bigint): void {
    const changes = this.changes(column);
    if (changes.deletedAt === null || timestamp > changes.deletedAt) changes.deletedAt = timestamp;
  }

  record(column: string, path: Buffer, cell: Cell): void {
    this.changes(column).cells.push({ path, cell });
  }

  /** The live elements of the list: `read` (as read before writing) with this statement's changes, in list order. */
  elements(table: TableMetadata, column: string, read: readonly PathCell[]): readonly PathCell[] {
    const changes = this.byColumn.get(column);
    if (changes === undefined) return read;
    const deletedAt = changes.deletedAt;
    const byPath = new Map<string, PathCell>();
    for (const e of read) if (deletedAt === null || e.cell.timestamp > deletedAt) byPath.set(e.path.toString('hex'), e);
    for (const e of changes.cells) {
      const id = e.path.toString('hex');
      const before = byPath.get(id);
      byPath.set(id, before === undefined ? e : { path: e.path, cell: reconcileCells(before.cell, e.cell) });
    }
    const order = complexPathOrder(table, column);
    return [...byPath.values()].filter((e) => e.cell.value !== null).sort((a, b) => order(a.path, b.path));
  }

  private changes(column: string): ListChanges {
    let changes = this.byColumn.get(column);
    if (changes === undefined) {
      changes = { deletedAt: null, cells: [] };
      this.byColumn.set(column, changes);
    }
    return changes;
  }
}
