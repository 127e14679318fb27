import type { Clock } from '../../common/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { LatencyTimer } from './latency-timer.js';
import { SpeculationThresholds, type InitialThresholds } from './speculation-thresholds.js';

/**
 * The latencies Cassandra's TableMetrics keep per table: as a replica (local) and as a coordinator; and
 * the speculation thresholds its ColumnFamilyStore derives from the coordinator latencies.
 */
export class TableMetrics {
  readonly localRead: LatencyTimer;
  readonly localScan: LatencyTimer;
  readonly localWrite: LatencyTimer;
  readonly coordinatorRead: LatencyTimer;
  readonly coordinatorScan: LatencyTimer;
  readonly coordinatorWrite: LatencyTimer;
  readonly speculation: SpeculationThresholds;

  constructor(clock: Clock, thresholds: InitialThresholds) {
    this.localRead = new LatencyTimer(clock);
    this.localScan = new LatencyTimer(clock);
    this.localWrite = new LatencyTimer(clock);
    this.coordinatorRead = new LatencyTimer(clock);
    this.coordinatorScan = new LatencyTimer(clock);
    this.coordinatorWrite = new LatencyTimer(clock);
    this.speculation = new SpeculationThresholds(thresholds);
  }
}

/**
 * One node's table metrics, by table id: a table keeps its metrics across ALTERs (which make new
 * metadata objects) and a table dropped and created again starts afresh (it has a new id). Lookups by
 * metadata object are cached so that recording allocates nothing.
 */
export class TableMetricsRegistry {
  private readonly byMetadata = new WeakMap<TableMetadata, TableMetrics>();
  private readonly byId = new Map<string, TableMetrics>();

  constructor(private readonly clock: Clock, private readonly thresholds: InitialThresholds) {}

  /** The metrics recorded for a table so far, without creating any. */
  recorded(table: TableMetadata): TableMetrics | undefined {
    return this.byMetadata.get(table) ?? this.byId.get(table.id.toString('hex'));
  }

  /** Forgets a dropped table (Cassandra releases its metrics with it). */
  drop(tableId: Buffer): void {
    this.byId.delete(tableId.toString('hex'));
  }

  /**
   * CassandraDaemon's periodic SPECULATION_THRESHOLD_UPDATER for `tables` (the schema's): each table that
   * has metrics takes new thresholds from its coordinator latencies; one without keeps its initial ones.
   */
  updateSpeculationThresholds(tables: Iterable<TableMetadata>): void {
    for (const table of tables) {
      const metrics = this.recorded(table);
      metrics?.speculation.update(table.options, metrics.coordinatorRead, metrics.coordinatorWrite);
    }
  }

  of(table: TableMetadata): TableMetrics {
    let metrics = this.byMetadata.get(table);
    if (metrics === undefined) {
      const id = table.id.toString('hex');
      metrics = this.byId.get(id);
      if (metrics === undefined) {
        metrics = new TableMetrics(this.clock, this.thresholds);
        this.byId.set(id, metrics);
      }
      this.byMetadata.set(table, metrics);
    }
    return metrics;
  }
}
