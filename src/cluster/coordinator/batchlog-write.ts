import { INTERNAL_REQUEST, type RequestContext, type TraceState } from '../../common/index.js';
import { ConsistencyLevel, UnavailableError, WriteTimeoutError } from '../../errors/index.js';
import type { Mutation } from '../../data/index.js';
import { timeUuidFromMs } from '../../types/index.js';
import { tracedSend } from '../tracing/traced-request.js';
import { batchlogEndpoints } from './batchlog-endpoints.js';
import type { Batch } from './batchlog-manager.js';
import { collectResponses } from './collect-responses.js';
import { assureSufficientLiveReplicas, validateForWrite } from './consistency.js';
import type { CoordinatorNode } from './coordinator-node.js';
import { writeMutation } from './write-path.js';

/**
 * A logged batch over several partitions (Cassandra's StorageProxy.mutateAtomically): once every
 * mutation's level looks reachable, the batch is stored in the batchlog of up to two other nodes of the
 * coordinator's data center, the mutations are written at `cl` (writeType BATCH), and the batchlog
 * entries are removed once all of them met it. Should the coordinator fail in between, the batchlog
 * nodes replay the batch: it is applied entirely or not at all. The replicas written are those the
 * client request (`contacts`) contacted.
 */
export async function mutateAtomically(
  node: CoordinatorNode, mutations: readonly Mutation[], cl: ConsistencyLevel, trace: TraceState | null = null,
  contacts: RequestContext = INTERNAL_REQUEST,
): Promise<void> {
  validateForWrite(cl);
  trace?.trace('Determining replicas for atomic batch');
  const localDc = node.identity.dataCenter;
  const writes = mutations.map((m) => {
    const placement = node.cluster.placement(m.keyspace, m.token, node);
    assureSufficientLiveReplicas(cl, placement.replicas.filter((r) => node.isAlive(r.id)), placement.factors, localDc);
    return { m, placement };
  });
  const endpoints = chooseEndpoints(node, cl);
  const batch: Batch = { id: timeUuidFromMs(node.clock.nowMs(), node.random), createdMs: node.clock.nowMs(), mutations };
  await storeBatch(node, endpoints, batch, trace);
  await Promise.all(writes.map(({ m, placement }) => writeMutation(node, placement, m, cl, 'BATCH', trace, contacts)));
  for (const target of endpoints) tracedSend(node, target, 'BATCH_REMOVE', batch.id, trace);
}

/**
 * The batchlog nodes (ReplicaPlans.forBatchlogWrite): with none available the coordinator keeps the
 * batch itself only at ANY; otherwise the batchlog write is Unavailable at ONE (one node) or TWO.
 */
function chooseEndpoints(node: CoordinatorNode, cl: ConsistencyLevel): number[] {
  const endpoints = batchlogEndpoints(node);
  if (endpoints.length === 0 && cl === ConsistencyLevel.ANY) return [node.identity.id];
  if (endpoints.length === 0) throw new UnavailableError(ConsistencyLevel.TWO, 2, 0);
  return endpoints;
}

/** Writes the batch to every batchlog node; WriteTimeout (BATCH_LOG) unless all of them acknowledge it. */
async function storeBatch(node: CoordinatorNode, endpoints: readonly number[], batch: Batch, trace: TraceState | null): Promise<void> {
  const level = endpoints.length === 1 ? ConsistencyLevel.ONE : ConsistencyLevel.TWO;
  let acks = 0;
  const stored = await collectResponses<boolean>(node, endpoints, 'BATCH_STORE', batch, node.cluster.config.writeRequestTimeoutMs, {
    onResponse: () => ++acks === endpoints.length,
  }, trace);
  if (!stored) throw new WriteTimeoutError(level, acks, endpoints.length, 'BATCH_LOG');
}
