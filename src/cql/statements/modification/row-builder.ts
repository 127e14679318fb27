import { NO_DELETION_TIME, type Cell, type DeletionTime, type LivenessInfo, type PartitionUpdate, type RangeTombstone, type Row } from '../../../data/index.js';
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

export function rowMarker(t: WriteTime): LivenessInfo {
  return {
    timestamp: t.timestamp,
    ttlSeconds: t.ttlSeconds,
    localExpirationTime: t.ttlSeconds > 0 ? t.nowInSec + t.ttlSeconds : NO_DELETION_TIME,
  };
}

/** Accumulates what one statement (or batch) writes to one partition of one table. */
export class PartitionUpdateBuilder {
  private partitionDeletion: DeletionTime | null = null;
  private readonly rangeTombstones: RangeTombstone[] = [];
  private staticCells: Map<string, Cell> | null = null;
  private readonly rows: Row[] = [];

  constructor(readonly table: TableMetadata, readonly key: Buffer, readonly token: bigint) {}

  deletePartition(d: DeletionTime): void {
    if (this.partitionDeletion === null || d.markedForDeleteAt > this.partitionDeletion.markedForDeleteAt) this.partitionDeletion = d;
  }

  addRangeTombstone(rt: RangeTombstone): void {
    this.rangeTombstones.push(rt);
  }

  addStaticCell(column: string, cell: Cell): void {
    (this.staticCells ??= new Map()).set(column, cell);
  }

  addRow(row: Row): void {
    this.rows.push(row);
  }

  build(): PartitionUpdate {
    return {
      table: this.table,
      key: this.key,
      token: this.token,
      partitionDeletion: this.partitionDeletion,
      rangeTombstones: this.rangeTombstones,
      staticRow: this.staticCells === null ? null : { clustering: [], liveness: null, deletion: null, cells: this.staticCells },
      rows: this.rows,
    };
  }
}
