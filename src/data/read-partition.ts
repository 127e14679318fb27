import type { Cell } from './partition-update.js';

/** Turns partition key components into the stored key and its token (the cluster's partitioner). */
export interface Partitioner {
  decorateKey(components: readonly Buffer[]): { key: Buffer; token: bigint };
  splitKey(key: Buffer, componentCount: number): Buffer[];
}

/** A row of a read result as a coordinator returns it: only live cells. */
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
