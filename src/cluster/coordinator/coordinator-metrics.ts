import type { ConsistencyLevel } from '../../errors/index.js';
import type { Mutation, ReadCommand } from '../../data/index.js';
import type { ClientRequestOperation } from '../metrics/client-request-metrics.js';
import type { TableMetrics } from '../metrics/table-metrics.js';
import type { CoordinatorNode } from './coordinator-node.js';

/**
 * A coordinated read's latency, whether it succeeded or not: per table (coordinator_read_latency or, for
 * ranges, _scan_) and per consistency level (ClientRequestMetrics: Read, RangeSlice, CASRead for serial reads).
 */
export function recordCoordinatorRead(node: CoordinatorNode, command: ReadCommand, cl: ConsistencyLevel, operation: ClientRequestOperation, startMs: number): void {
  const endMs = node.clock.nowMs();
  const metrics = node.tableMetrics.of(command.table);
  (command.kind === 'single' ? metrics.coordinatorRead : metrics.coordinatorScan).record(startMs, endMs);
  node.clientRequests.record(operation, cl, startMs, endMs);
}

/**
 * A coordinated write's latency: per consistency level (ClientRequestMetrics' Write), and once for each
 * table it touched (StorageProxy's coordinatorWriteLatency).
 */
export function recordCoordinatorWrite(node: CoordinatorNode, mutations: readonly Mutation[], cl: ConsistencyLevel, startMs: number): void {
  const endMs = node.clock.nowMs();
  node.clientRequests.record('write', cl, startMs, endMs);
  const only = mutations.length === 1 && mutations[0]!.updates.length === 1 ? mutations[0]!.updates[0]! : null;
  if (only !== null) {
    node.tableMetrics.of(only.table).coordinatorWrite.record(startMs, endMs);
    return;
  }
  const tables = new Set<TableMetrics>();
  for (const m of mutations) for (const u of m.updates) tables.add(node.tableMetrics.of(u.table));
  for (const t of tables) t.coordinatorWrite.record(startMs, endMs);
}
