import { contactedReplica, invariant, type RequestContext } from '../../common/index.js';
import { ConsistencyLevel, ReadFailureError, ReadTimeoutError } from '../../errors/index.js';
import {
  clusteringComparatorFor, filterAfter, type ReadCommand, type UnfilteredPartition,
} from '../../data/index.js';
import { RequestTimeoutError } from '../network/simulated-network.js';
import { ReplicaFailure, serveRead } from '../node/replica-operations.js';
import type { RingEndpoint } from '../ring/token-ring.js';
import { onStage, replicaName, tracedRequest } from '../tracing/traced-request.js';
import type { CoordinatorNode } from './coordinator-node.js';
import { failureOf } from './read-callback.js';
import type { ShortReadFetcher } from './short-read-protection.js';

/**
 * The requests of short-read protection: more rows of a partition after a clustering
 * (ShortReadRowsProtection) or more partitions after a key (ShortReadPartitionsProtection), to one
 * replica, at ONE, by the read's deadline. Unanswered, the read fails as such a request does in
 * Cassandra: ReadTimeout at ONE, 0 of 1 (ReadFailure for a replica's failure).
 */
export function shortReadFetcher(node: CoordinatorNode, command: ReadCommand, deadlineMs: number, request: RequestContext): ShortReadFetcher {
  const comparator = clusteringComparatorFor(command.table);
  return {
    moreRows(replica, partition, after, rowLimit) {
      request.trace?.trace(`Requesting ${rowLimit} extra rows from ${replicaName(node, replica, partition.token)} for short read protection`);
      const rows: ReadCommand = {
        kind: 'single', table: command.table, key: partition.key, token: partition.token,
        filter: filterAfter(command.filter, after, comparator), nowInSec: command.nowInSec, rowLimit,
      };
      return readFrom(node, replica, rows, deadlineMs, request).then((partitions) => partitions[0] ?? null);
    },
    morePartitions(replica, after, rowLimit, partitionLimit) {
      invariant(command.kind === 'range', 'only a range read has more partitions to ask for');
      request.trace?.trace(`Requesting ${rowLimit} extra rows from ${replicaName(node, replica, after.token)} for short read protection`);
      const { end, endInclusive } = command.bounds;
      const partitions: ReadCommand = {
        ...command, bounds: { start: { token: after.token, key: after.key }, startInclusive: false, end, endInclusive }, rowLimit, partitionLimit,
      };
      return readFrom(node, replica, partitions, deadlineMs, request);
    },
  };
}

async function readFrom(
  node: CoordinatorNode, replica: RingEndpoint, command: ReadCommand, deadlineMs: number, request: RequestContext,
): Promise<UnfilteredPartition[]> {
  contactedReplica(request, replica.id);
  try {
    if (replica.id === node.identity.id) return serveRead(node, command, onStage(request.trace, 'ReadStage'), request);
    const timeoutMs = Math.max(0, deadlineMs - node.clock.nowMs());
    return await tracedRequest<UnfilteredPartition[]>(node, replica.id, 'READ', command, timeoutMs, request.trace);
  } catch (e) {
    if (e instanceof ReplicaFailure) throw new ReadFailureError(ConsistencyLevel.ONE, 0, 1, [failureOf(node, replica, e)], false);
    if (e instanceof RequestTimeoutError) throw new ReadTimeoutError(ConsistencyLevel.ONE, 0, 1, false);
    throw e;
  }
}
