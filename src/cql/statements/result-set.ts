import type { ColumnSpecification } from './column-specification.js';

/** Rows returned by a statement, with their columns and where the next page starts. */
export interface ResultSet {
  readonly columns: readonly ColumnSpecification[];
  readonly rows: readonly (readonly (Buffer | null)[])[];
  readonly pagingState: Buffer | null;
}
