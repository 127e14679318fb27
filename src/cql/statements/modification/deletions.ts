import { InvalidRequestError } from '../../../errors/index.js';
import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import { isMultiCell } from '../../../types/index.js';
import type { Deletion } from '../../ast/index.js';
import type { StatementRestrictions } from '../restrictions/statement-restrictions.js';
import type { BindSpecifications } from '../term-preparer.js';
import { existingColumn, isPrimaryKey } from '../table-columns.js';
import { applyOperations, rowFor, type RowTarget } from './apply-operations.js';
import { elementDeletion, fieldOperation, type ColumnOperation } from './column-operations.js';
import { cellTombstone, deletionTime } from './row-builder.js';

/** A column DELETE names: the whole column, or an element (`c[k]`) or field (`c.f`) of it. */
export interface ColumnDeletion {
  readonly column: ColumnMetadata;
  readonly part: ColumnOperation | null;
}

export function prepareDeletions(table: TableMetadata, deletions: readonly Deletion[], binds: BindSpecifications): ColumnDeletion[] {
  return deletions.map((d) => {
    const column = existingColumn(table, d.column);
    if (isPrimaryKey(column)) throw new InvalidRequestError(`Invalid identifier ${column.name} for deletion (should not be a PRIMARY KEY part)`);
    if (d.field !== null) return { column, part: fieldOperation(table, column, d.field, null, binds) };
    if (d.element !== null) return { column, part: elementDeletion(table, column, d.element, binds) };
    return { column, part: null };
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
    applyOperations(target, deletions.flatMap((d) => (d.part === null ? [] : [d.part])), false);
    for (const d of deletions) {
      if (d.part !== null) continue;
      // A multi-cell column is deleted as a whole by a deletion of the column (Constants.Deleter).
      const row = rowFor(target, d.column);
      if (isMultiCell(d.column.type)) row.addComplexDeletion(d.column.name, deletionTime(time));
      else row.addCell(d.column.name, cellTombstone(time));
    }
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
  builder.row(clustering).deletion = deletion;
}
