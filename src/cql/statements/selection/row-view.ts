import type { Cell } from '../../../data/index.js';
import type { ColumnMetadata } from '../../../schema/index.js';

/**
 * One result row as selection and filtering see it: key components, clustering, and the live cells of
 * the row and of its partition's static row.
 */
export interface RowView {
  readonly partitionKey: readonly Buffer[];
  readonly token: bigint;
  /** Empty when the row stands for a partition with only static content. */
  readonly clustering: readonly Buffer[];
  readonly cells: ReadonlyMap<string, Cell>;
  readonly staticCells: ReadonlyMap<string, Cell>;
}

/** The value of any column in a row view, null if the row has no live cell for it. */
export function columnValue(row: RowView, column: ColumnMetadata): Buffer | null {
  switch (column.kind) {
    case 'partition_key':
      return row.partitionKey[column.position] ?? null;
    case 'clustering':
      return row.clustering[column.position] ?? null;
    case 'static':
      return row.staticCells.get(column.name)?.value ?? null;
    case 'regular':
      return row.cells.get(column.name)?.value ?? null;
  }
}

export function columnCell(row: RowView, column: ColumnMetadata): Cell | undefined {
  return column.kind === 'static' ? row.staticCells.get(column.name) : row.cells.get(column.name);
}
