import { NO_DELETION_TIME, type DeletionTime, type LivenessInfo, type Row, type UnfilteredPartition, type Cell } from '../../data/index.js';
import type { CommitLogPosition } from '../commitlog/index.js';
import { TombstoneHistogram } from './tombstone-histogram.js';

/**
 * What Statistics.db records of an SSTable (Cassandra's StatsMetadata, the parts we use): counts, the
 * span of timestamps and of local deletion times (expirations included), when its tombstones become
 * droppable, its first and last keys, and the serialization header (base timestamp and columns).
 */
export interface SSTableStats {
  readonly keyspace: string;
  readonly table: string;
  /** The table id in hex, so a directory can be checked against the schema. */
  readonly tableId: string;
  readonly partitionCount: number;
  /** Clustering rows (static rows not included). */
  readonly rowCount: number;
  /** Cells, tombstones and elements of multi-cell columns included. */
  readonly cellCount: number;
  readonly tombstoneCount: number;
  /** Smallest and largest write timestamps (0 when the SSTable holds none). */
  readonly minTimestamp: bigint;
  readonly maxTimestamp: bigint;
  /** Smallest and largest local deletion/expiration times; NO_DELETION_TIME when nothing deletes or expires. */
  readonly minLocalDeletionTime: number;
  readonly maxLocalDeletionTime: number;
  readonly tombstoneHistogram: TombstoneHistogram;
  readonly firstKey: Buffer;
  readonly lastKey: Buffer;
  readonly firstToken: bigint;
  readonly lastToken: bigint;
  readonly baseTimestamp: bigint;
  readonly columns: readonly string[];
  /** Bytes of Data.db. */
  readonly dataSizeBytes: number;
  /** When it was written (the writer's createdAtMs), 0 if unknown. */
  readonly createdAtMs: number;
  /**
   * The commit log position a flush wrote everything before (Cassandra's commitLogIntervals): replay skips
   * this table's entries up to it. Null for an SSTable made by compaction or written outside a node.
   */
  readonly commitLogUpperBound: CommitLogPosition | null;
}

/** The share of the SSTable's cells that are tombstones droppable at gcBefore (Cassandra's getEstimatedDroppableTombstoneRatio). */
export function droppableTombstoneRatio(stats: SSTableStats, gcBefore: number): number {
  return stats.cellCount === 0 ? 0 : stats.tombstoneHistogram.countBefore(gcBefore) / stats.cellCount;
}

/** Gathers the statistics while the writer appends partitions (Cassandra's MetadataCollector). */
export class StatsCollector {
  partitionCount = 0;
  rowCount = 0;
  cellCount = 0;
  tombstoneCount = 0;
  minTimestamp: bigint | null = null;
  maxTimestamp: bigint | null = null;
  minLocalDeletionTime = NO_DELETION_TIME;
  maxLocalDeletionTime = NO_DELETION_TIME;
  readonly histogram = new TombstoneHistogram();

  private timestamp(t: bigint): void {
    if (this.minTimestamp === null || t < this.minTimestamp) this.minTimestamp = t;
    if (this.maxTimestamp === null || t > this.maxTimestamp) this.maxTimestamp = t;
  }

  private localTime(t: number, isTombstone: boolean): void {
    if (t === NO_DELETION_TIME) return;
    if (this.minLocalDeletionTime === NO_DELETION_TIME || t < this.minLocalDeletionTime) this.minLocalDeletionTime = t;
    if (this.maxLocalDeletionTime === NO_DELETION_TIME || t > this.maxLocalDeletionTime) this.maxLocalDeletionTime = t;
    if (isTombstone) this.tombstoneCount++;
    this.histogram.update(t);
  }

  private deletion(d: DeletionTime | null): void {
    if (d === null) return;
    this.timestamp(d.markedForDeleteAt);
    this.localTime(d.localDeletionTime, true);
  }

  private liveness(l: LivenessInfo | null): void {
    if (l === null) return;
    this.timestamp(l.timestamp);
    this.localTime(l.localExpirationTime, false);
  }

  private cell(c: Cell): void {
    this.cellCount++;
    this.timestamp(c.timestamp);
    this.localTime(c.localDeletionTime, c.value === null);
  }

  private row(row: Row): void {
    this.liveness(row.liveness);
    this.deletion(row.deletion);
    for (const c of row.cells.values()) this.cell(c);
    if (row.complex === undefined) return;
    for (const column of row.complex.values()) {
      this.deletion(column.deletion);
      for (const pc of column.cells) this.cell(pc.cell);
    }
  }

  add(p: UnfilteredPartition): void {
    this.partitionCount++;
    this.rowCount += p.rows.length;
    this.deletion(p.partitionDeletion);
    for (const rt of p.rangeTombstones) this.deletion(rt.deletion);
    if (p.staticRow !== null) this.row(p.staticRow);
    for (const row of p.rows) this.row(row);
  }
}

/** Statistics.db holds JSON: bigints as decimal strings, buffers as hex. */
export function statsToJson(stats: SSTableStats): string {
  return JSON.stringify({
    ...stats,
    minTimestamp: String(stats.minTimestamp),
    maxTimestamp: String(stats.maxTimestamp),
    firstToken: String(stats.firstToken),
    lastToken: String(stats.lastToken),
    baseTimestamp: String(stats.baseTimestamp),
    firstKey: stats.firstKey.toString('hex'),
    lastKey: stats.lastKey.toString('hex'),
    tombstoneHistogram: stats.tombstoneHistogram.toJSON(),
  });
}

type StatsJson = Record<keyof SSTableStats, unknown>;

/** The inverse of statsToJson; throws a TypeError naming the field when one is missing or mistyped. */
export function statsFromJson(text: string): SSTableStats {
  const j = JSON.parse(text) as StatsJson;
  const str = (k: keyof SSTableStats): string => {
    const v = j[k];
    if (typeof v !== 'string') throw new TypeError(`statistics field ${k} is not a string`);
    return v;
  };
  const num = (k: keyof SSTableStats): number => {
    const v = j[k];
    if (typeof v !== 'number') throw new TypeError(`statistics field ${k} is not a number`);
    return v;
  };
  const bins = j.tombstoneHistogram;
  const columns = j.columns;
  if (!Array.isArray(bins) || !Array.isArray(columns)) throw new TypeError('statistics lack the histogram or the columns');
  return {
    keyspace: str('keyspace'), table: str('table'), tableId: str('tableId'),
    partitionCount: num('partitionCount'), rowCount: num('rowCount'), cellCount: num('cellCount'), tombstoneCount: num('tombstoneCount'),
    minTimestamp: BigInt(str('minTimestamp')), maxTimestamp: BigInt(str('maxTimestamp')),
    minLocalDeletionTime: num('minLocalDeletionTime'), maxLocalDeletionTime: num('maxLocalDeletionTime'),
    tombstoneHistogram: new TombstoneHistogram(bins as [number, number][]),
    firstKey: Buffer.from(str('firstKey'), 'hex'), lastKey: Buffer.from(str('lastKey'), 'hex'),
    firstToken: BigInt(str('firstToken')), lastToken: BigInt(str('lastToken')),
    baseTimestamp: BigInt(str('baseTimestamp')), columns: columns as string[], dataSizeBytes: num('dataSizeBytes'),
    createdAtMs: num('createdAtMs'),
    commitLogUpperBound: commitLogPosition(j.commitLogUpperBound),
  };
}

function commitLogPosition(value: unknown): CommitLogPosition | null {
  if (value === null || value === undefined) return null;
  const p = value as Partial<CommitLogPosition>;
  if (!Number.isInteger(p.segmentId) || !Number.isInteger(p.position)) throw new TypeError('statistics field commitLogUpperBound is not a position');
  return { segmentId: p.segmentId!, position: p.position! };
}
