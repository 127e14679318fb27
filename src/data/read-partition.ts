import type { Cell, PathCell } from './partition-update.js';

/** Turns partition key components into the stored key and its token (the cluster's partitioner). */
export interface Partitioner {
  decorateKey(components: readonly Buffer[]): { key: Buffer; token: bigint };
  splitKey(key: Buffer, componentCount: number): Buffer[];
}

/**
 * The value of a multi-cell column in a read result: one cell holding the serialized collection or user
 * type built from the live element cells, which are kept too (list updates by index or value need their
 * paths). Its timestamp is the latest element's, its TTL and expiry the soonest-expiring element's.
 */
export interface AssembledCell extends Cell {
  readonly elements: readonly PathCell[];
}

export function isAssembledCell(cell: Cell): cell is AssembledCell {
  return (cell as Partial<AssembledCell>).elements !== undefined;
}

/** A row of a read result as a coordinator returns it: only live cells, multi-cell columns assembled. */
export interface ReadRow {
  readonly clustering: readonly Buffer[];
  readonly cells: ReadonlyMap<string, Cell>;
}

/** A partition of a read result, already reconciled across replicas and purged of deleted or expired data. */
export interface ReadPartition {
  readonly key: Buffer;
  readonly token: bigint;
  readonly staticCells: ReadonlyMap<string, Cell>;
  readonly rows: readonly ReadRow[];
}
