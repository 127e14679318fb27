import type { TraceState } from '../../common/index.js';
import { ConsistencyLevel, TruncateError, UnavailableError } from '../../errors/index.js';
import type { TableMetadata } from '../../schema/index.js';
import type { ReplicaNode } from '../node/replica-node.js';
import { collectResponses } from './collect-responses.js';
import type { CoordinatorNode } from './coordinator-node.js';

/**
 * TRUNCATE as its coordinator (StorageProxy.truncateBlocking, errors as TruncateStatement reports them):
 * refused unless every member of the ring is up, as this node sees them, so that no replica keeps data a
 * client believes gone; then every member truncates the table and records when, and all must answer
 * within truncate_request_timeout.
 */
export async function truncateBlocking(node: CoordinatorNode, table: TableMetadata, trace: TraceState | null): Promise<void> {
  const cluster = node.cluster;
  const members = cluster.ringMembers().map((m) => m.identity);
  if (members.some((m) => !node.isAlive(m.id))) {
    // Unavailable at ALL, counted over every node gossip knows: the live ones and the unreachable ones.
    const known = cluster.nodes.length;
    const live = cluster.nodes.filter((n) => node.isAlive(n.identity.id)).length;
    throw truncateError(new UnavailableError(ConsistencyLevel.ALL, known, live).message);
  }
  trace?.trace(`Enqueuing truncate messages to hosts [${members.map((m) => cluster.endpointName(m)).join(', ')}]`);
  let responses = 0;
  const answered = await collectResponses<boolean>(
    node, members.map((m) => m.id), 'TRUNCATE', table, cluster.config.truncateRequestTimeoutMs,
    { onResponse: () => ++responses === members.length }, trace,
  );
  if (!answered) {
    trace?.trace('Timed out');
    throw truncateError(`Truncate timed out - received only ${responses} responses`);
  }
}

/** TruncateException wrapping its cause. */
function truncateError(cause: string): TruncateError {
  return new TruncateError(`Error during truncate: ${cause}`);
}

/**
 * Installs the TRUNCATE verb (TruncateVerbHandler): the replica drops the table's data and records the
 * time, which later hints, batchlog replays and Paxos commits of older writes are checked against.
 */
export function installTruncateVerb(node: ReplicaNode): void {
  node.handle('TRUNCATE', (_from, payload) => {
    const table = payload as TableMetadata;
    // The table's materialized views are truncated with it (ViewManager.truncateBlocking).
    const views = node.schema().viewsOf(table.keyspace, table.name);
    for (const t of [table, ...views]) {
      node.truncations.record(t.id, Math.floor(node.clock.nowMs()));
      node.storage.truncate(t.id);
    }
    return true;
  });
}
