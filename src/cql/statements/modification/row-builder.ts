import {
  clusteringComparatorFor, complexPathOrder, maxDeletion, NO_DELETION_TIME, sortedComplexColumn,
  type Cell, type ComplexColumn, type DeletionTime, type LivenessInfo, type PartitionUpdate, type PathCell,
  type RangeTombstone, type Row,
} from '../../../data/index.js';
import type { TableMetadata } from '../../../schema/index.js';

/** Time and TTL shared by every cell one statement writes. */
export interface WriteTime {
  readonly timestamp: bigint;
  readonly ttlSeconds: number;
  readonly nowInSec: number;
}

export function liveCell(value: Buffer, t: WriteTime): Cell {
  return {
    value,
    timestamp: t.timestamp,
    ttlSeconds: t.ttlSeconds,
    localDeletionTime: t.ttlSeconds > 0 ? t.nowInSec + t.ttlSeconds : NO_DELETION_TIME,
  };
}

export function cellTombstone(t: WriteTime): Cell {
  return { value: null, timestamp: t.timestamp, ttlSeconds: 0, localDeletionTime: t.nowInSec };
}

export function deletionTime(t: WriteTime): DeletionTime {
  return { markedForDeleteAt: t.timestamp, localDeletionTime: t.nowInSec };
}

/**
 * The deletion that clears a multi-cell column before a whole new value is written into it: one
 * microsecond before the write, so that the new elements (written at the timestamp) survive it, as
 * Cassandra's UpdateParameters.setComplexDeletionTimeForOverwrite does.
 */
export function overwriteDeletionTime(t: WriteTime): DeletionTime {
  return { markedForDeleteAt: t.timestamp - 1n, localDeletionTime: t.nowInSec };
}

export function rowMarker(t: WriteTime): LivenessInfo {
  return {
    timestamp: t.timestamp,
    ttlSeconds: t.ttlSeconds,
    localExpirationTime: t.ttlSeconds > 0 ? t.nowInSec + t.ttlSeconds : NO_DELETION_TIME,
  };
}

interface PendingComplexColumn {
  deletion: DeletionTime | null;
  readonly cells: PathCell[];
}

/** Accumulates what one statement (or batch) writes to one row: marker, deletion, cells, element cells. */
export class RowUpdateBuilder {
  liveness: LivenessInfo | null = null;
  deletion: DeletionTime | null = null;
  private readonly cells = new Map<string, Cell>();
  /** Made on first use: most rows have no multi-cell column. */
  private complex: Map<string, PendingComplexColumn> | null = null;

  constructor(readonly clustering: readonly Buffer[]) {}

  addCell(column: string, cell: Cell): void {
    this.cells.set(column, cell);
  }

  /** Deletes the whole of a multi-cell column as of `d`. */
  addComplexDeletion(column: string, d: DeletionTime): void {
    const pending = this.complexColumn(column);
    pending.deletion = maxDeletion(pending.deletion, d);
  }

  /** Writes one element (or field) of a multi-cell column; a null value makes it a tombstone. */
  addPathCell(column: string, path: Buffer, cell: Cell): void {
    this.complexColumn(column).cells.push({ path, cell });
  }

  /** The row, multi-cell columns sorted by path; null when the statement wrote nothing to it. */
  build(table: TableMetadata): Row | null {
    if (this.liveness === null && this.deletion === null && this.cells.size === 0 && this.complex === null) return null;
    const row = { clustering: this.clustering, liveness: this.liveness, deletion: this.deletion, cells: this.cells };
    if (this.complex === null) return row;
    const complex = new Map<string, ComplexColumn>();
    for (const [name, pending] of this.complex) {
      complex.set(name, sortedComplexColumn(pending.deletion, pending.cells, complexPathOrder(table, name)));
    }
    return { ...row, complex };
  }

  private complexColumn(column: string): PendingComplexColumn {
    this.complex ??= new Map();
    let pending = this.complex.get(column);
    if (pending === undefined) {
      pending = { deletion: null, cells: [] };
      this.complex.set(column, pending);
    }
    return pending;
  }
}

/** Accumulates what one statement (or batch) writes to one partition of one table. */
export class PartitionUpdateBuilder {
  private partitionDeletion: DeletionTime | null = null;
  private readonly rangeTombstones: RangeTombstone[] = [];
  private staticUpdate: RowUpdateBuilder | null = null;
  /** Rows by clustering (hex of the values), in the order the statement first wrote them. */
  private readonly rows = new Map<string, RowUpdateBuilder>();
  /** The row asked for last and its clustering: a statement asks for the same row once per column. */
  private lastRow: RowUpdateBuilder | null = null;

  constructor(readonly table: TableMetadata, readonly key: Buffer, readonly token: bigint) {}

  deletePartition(d: DeletionTime): void {
    if (this.partitionDeletion === null || d.markedForDeleteAt > this.partitionDeletion.markedForDeleteAt) this.partitionDeletion = d;
  }

  addRangeTombstone(rt: RangeTombstone): void {
    this.rangeTombstones.push(rt);
  }

  staticRow(): RowUpdateBuilder {
    return (this.staticUpdate ??= new RowUpdateBuilder([]));
  }

  row(clustering: readonly Buffer[]): RowUpdateBuilder {
    if (this.lastRow !== null && this.lastRow.clustering === clustering) return this.lastRow;
    const id = clustering.map((c) => c.toString('hex')).join(':');
    let row = this.rows.get(id);
    if (row === undefined) {
      row = new RowUpdateBuilder(clustering);
      this.rows.set(id, row);
    }
    this.lastRow = row;
    return row;
  }

  build(): PartitionUpdate {
    const rows: Row[] = [];
    for (const builder of this.rows.values()) {
      const row = builder.build(this.table);
      if (row !== null) rows.push(row);
    }
    if (rows.length > 1) rows.sort((a, b) => clusteringComparatorFor(this.table).compare(a.clustering, b.clustering));
    return {
      table: this.table,
      key: this.key,
      token: this.token,
      partitionDeletion: this.partitionDeletion,
      rangeTombstones: this.rangeTombstones,
      staticRow: this.staticUpdate?.build(this.table) ?? null,
      rows,
    };
  }
}
