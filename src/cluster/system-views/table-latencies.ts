import type { LatencyTableName } from '../../schema/index.js';
import type { LatencyTimer } from '../metrics/latency-timer.js';
import type { TableMetrics } from '../metrics/table-metrics.js';
import type { VirtualTablesNode } from '../node/virtual-tables-node.js';
import type { RowValues } from '../system-schema/row-builder.js';

const TIMERS: Readonly<Record<LatencyTableName, (m: TableMetrics) => LatencyTimer>> = {
  local_read_latency: (m) => m.localRead,
  local_scan_latency: (m) => m.localScan,
  local_write_latency: (m) => m.localWrite,
  coordinator_read_latency: (m) => m.coordinatorRead,
  coordinator_scan_latency: (m) => m.coordinatorScan,
  coordinator_write_latency: (m) => m.coordinatorWrite,
};

/** Cassandra rounds these doubles to three decimals, half up, so that cqlsh does not print exponents. */
function round3(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 1000) / 1000 : value;
}

/**
 * A latency table of TableMetricTables: one row per stored table of every keyspace (system ones
 * included), with the operations this node recorded, median, 99th percentile and maximum in
 * milliseconds (estimated-histogram bucket bounds) and the five-minute rate.
 */
export function latencyRows(node: VirtualTablesNode, name: LatencyTableName): RowValues[] {
  const rows: RowValues[] = [];
  for (const keyspace of node.schema().keyspaces.values()) {
    if (keyspace.virtual) continue;
    for (const table of keyspace.tables.values()) {
      const metrics = node.tableMetrics.recorded(table);
      const timer = metrics === undefined ? undefined : TIMERS[name](metrics);
      const snapshot = timer?.snapshot() ?? { p50Ms: 0, p99Ms: 0, maxMs: 0, perSecond: 0 };
      rows.push({
        keyspace_name: keyspace.name,
        table_name: table.name,
        count: BigInt(timer?.count ?? 0),
        '50th_ms': round3(snapshot.p50Ms),
        '99th_ms': round3(snapshot.p99Ms),
        max_ms: round3(snapshot.maxMs),
        per_second: round3(snapshot.perSecond),
      });
    }
  }
  return rows;
}
