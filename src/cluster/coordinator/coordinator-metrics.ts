import type { Mutation, ReadCommand } from '../../data/index.js';
import type { TableMetrics } from '../metrics/table-metrics.js';
import type { Node } from '../node/node.js';

/** A coordinated read's latency, whether it succeeded or not: coordinator_read_latency or, for ranges, _scan_. */
export function recordCoordinatorRead(node: Node, command: ReadCommand, startMs: number): void {
  const metrics = node.tableMetrics.of(command.table);
  (command.kind === 'single' ? metrics.coordinatorRead : metrics.coordinatorScan).record(startMs, node.clock.nowMs());
}

/** A coordinated write's latency, counted once for each table it touched (StorageProxy's coordinatorWriteLatency). */
export function recordCoordinatorWrite(node: Node, mutations: readonly Mutation[], startMs: number): void {
  const endMs = node.clock.nowMs();
  const only = mutations.length === 1 && mutations[0]!.updates.length === 1 ? mutations[0]!.updates[0]! : null;
  if (only !== null) {
    node.tableMetrics.of(only.table).coordinatorWrite.record(startMs, endMs);
    return;
  }
  const tables = new Set<TableMetrics>();
  for (const m of mutations) for (const u of m.updates) tables.add(node.tableMetrics.of(u.table));
  for (const t of tables) t.coordinatorWrite.record(startMs, endMs);
}
