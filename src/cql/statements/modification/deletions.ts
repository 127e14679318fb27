import { InvalidRequestError } from '../../../errors/index.js';
import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import type { Deletion } from '../../ast/index.js';
import type { StatementRestrictions } from '../restrictions/statement-restrictions.js';
import type { BindSpecifications } from '../term-preparer.js';
import { existingColumn, isPrimaryKey } from '../table-columns.js';
import type { RowTarget } from './apply-operations.js';
import { cellTombstone, deletionTime } from './row-builder.js';

export interface ColumnDeletion {
  readonly column: ColumnMetadata;
}

export function prepareDeletions(table: TableMetadata, deletions: readonly Deletion[], _binds: BindSpecifications): ColumnDeletion[] {
  return deletions.map((d) => {
    const column = existingColumn(table, d.column);
    if (isPrimaryKey(column)) throw new InvalidRequestError(`Invalid identifier ${column.name} for deletion (should not be a PRIMARY KEY part)`);
    if (d.element !== null || d.field !== null) {
      throw new InvalidRequestError(`Deleting collection elements or user type fields is not supported yet by Cassanova (${column.name})`);
    }
    return { column };
  });
}

/** Whether a whole-row DELETE covers a clustering range (prefix or slice) rather than rows or the partition. */
export interface DeletionTargets {
  readonly ranged: boolean;
  readonly restrictions: StatementRestrictions;
}

export function deletionTargets(table: TableMetadata, restrictions: StatementRestrictions): DeletionTargets {
  const c = restrictions.clustering;
  const ranged = c.hasSlice || (c.restrictedCount > 0 && c.restrictedCount < table.clustering.length);
  return { ranged, restrictions };
}

/** Writes the tombstones of a DELETE for one target row (or range, or partition). */
export function writeDeletion(target: RowTarget, deletions: readonly ColumnDeletion[], targets: DeletionTargets): void {
  const { builder, clustering, time } = target;
  const table = builder.table;
  if (deletions.length > 0) {
    const cells = new Map();
    for (const d of deletions) {
      if (d.column.kind === 'static') builder.addStaticCell(d.column.name, cellTombstone(time));
      else cells.set(d.column.name, cellTombstone(time));
    }
    if (cells.size > 0) builder.addRow({ clustering, liveness: null, deletion: null, cells });
    return;
  }
  const deletion = deletionTime(time);
  if (targets.ranged) {
    const filter = targets.restrictions.clustering.filter(target.options, target.ctx, false);
    if (filter.kind === 'slices') for (const slice of filter.slices) builder.addRangeTombstone({ slice, deletion });
    return;
  }
  if (clustering.length === 0 && table.clustering.length > 0) {
    builder.deletePartition(deletion);
    return;
  }
  builder.addRow({ clustering, liveness: null, deletion, cells: new Map() });
}
