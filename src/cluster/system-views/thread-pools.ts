import { STAGES, type Stage } from '../metrics/stage-metrics.js';
import type { VirtualTablesNode } from '../node/virtual-tables-node.js';
import type { RowValues } from '../system-schema/row-builder.js';

/**
 * Cassandra's default size of each pool (concurrent_reads, concurrent_writes, concurrent_counter_writes,
 * native_transport_max_threads; one thread for gossip and anti-entropy). Cassanova runs every stage on one
 * event loop, so these are the limits a default Cassandra node would report, not limits Cassanova applies.
 */
const POOL_SIZES: Readonly<Record<Stage | 'Native-Transport-Requests', number>> = {
  'AntiEntropyStage': 1,
  'CounterMutationStage': 32,
  'GossipStage': 1,
  'MutationStage': 32,
  'Native-Transport-Requests': 128,
  'ReadStage': 32,
};

function poolRow(name: Stage | 'Native-Transport-Requests', active: number, completed: number): RowValues {
  return {
    name,
    active_tasks: active,
    active_tasks_limit: POOL_SIZES[name],
    pending_tasks: 0,
    completed_tasks: BigInt(completed),
    blocked_tasks: 0n,
    blocked_tasks_all_time: 0n,
  };
}

/**
 * system_views.thread_pools (ThreadPoolsTable): the stages whose work a Cassanova node does, with the tasks
 * it completed. Replica work runs to completion as it is received, so only client requests are ever
 * active (the one reading this table among them) and nothing waits or blocks.
 */
export function threadPoolRows(node: VirtualTablesNode): RowValues[] {
  const clients = node.clients;
  return [
    ...STAGES.map((stage) => poolRow(stage, 0, node.stages.completedTasks(stage))),
    poolRow('Native-Transport-Requests', clients?.activeRequests ?? 0, clients?.completedRequests ?? 0),
  ];
}
