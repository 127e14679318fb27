import { contactedReplica, INTERNAL_REQUEST, type RequestContext, type TraceState } from '../../common/index.js';
import { ConsistencyLevel, InvalidRequestError, UnavailableError, WriteTimeoutError } from '../../errors/index.js';
import type { Mutation } from '../../data/index.js';
import { RequestTimeoutError } from '../network/simulated-network.js';
import type { RingEndpoint } from '../ring/token-ring.js';
import { replicaName, tracedRequest } from '../tracing/traced-request.js';
import { assureSufficientLiveReplicas, blockFor, isDatacenterLocal } from './consistency.js';
import type { CoordinatorNode } from './coordinator-node.js';
import { resolveCounterDeltas } from './counter-deltas.js';
import { writeMutation } from './write-path.js';

/** A counter update on its way to its leader: the live counter cells of the mutation hold deltas. */
export interface CounterMutation {
  readonly mutation: Mutation;
  readonly consistency: ConsistencyLevel;
}

/** ConsistencyLevel.validateCounterForWrite. */
export function validateCounterForWrite(cl: ConsistencyLevel, tableName: string): void {
  if (cl === ConsistencyLevel.ANY) throw new InvalidRequestError(`Consistency level ANY is not yet supported for counter table ${tableName}`);
  if (cl === ConsistencyLevel.SERIAL || cl === ConsistencyLevel.LOCAL_SERIAL) {
    throw new InvalidRequestError('Counter operations are inherently non-serializable');
  }
}

/**
 * A counter update as its coordinator handles it (Cassandra's StorageProxy.mutateCounter): Unavailable
 * at once if the level cannot be met, else handed to one live replica, the leader, which adds the deltas
 * to its own values and replicates the results. A leader that does not answer in time is reported as
 * Cassandra's forwarding handler does: WriteTimeout at ONE, 0 of 1, writeType COUNTER.
 */
export async function mutateCounter(
  node: CoordinatorNode, mutation: Mutation, cl: ConsistencyLevel, context: RequestContext = INTERNAL_REQUEST,
): Promise<void> {
  const trace = context.trace;
  validateCounterForWrite(cl, mutation.updates[0]?.table.name ?? '');
  const placement = node.cluster.placement(mutation.keyspace, mutation.token, node);
  const alive = placement.replicas.filter((r) => node.isAlive(r.id));
  assureSufficientLiveReplicas(cl, alive, placement.factors, node.identity.dataCenter);
  const leader = chooseLeader(node, alive, cl, blockFor(cl, placement.factors, node.identity.dataCenter));
  const request: CounterMutation = { mutation, consistency: cl };
  contactedReplica(context, leader);
  if (leader === node.identity.id) return applyCounterMutationOnLeader(node, request, trace, context);
  trace?.trace(`Enqueuing counter update to ${replicaName(node, alive.find((r) => r.id === leader)!, mutation.token)}`);
  try {
    await tracedRequest(node, leader, 'COUNTER_MUTATION', request, node.cluster.config.writeRequestTimeoutMs, trace);
  } catch (e) {
    if (e instanceof RequestTimeoutError) throw new WriteTimeoutError(ConsistencyLevel.ONE, 0, 1, 'COUNTER');
    throw e;
  }
}

/**
 * The leader: the coordinator itself when it is a replica, else a random live replica of its data
 * center, else (levels not bound to it) the first live replica elsewhere.
 */
function chooseLeader(node: CoordinatorNode, alive: readonly RingEndpoint[], cl: ConsistencyLevel, required: number): number {
  if (alive.some((r) => r.id === node.identity.id)) return node.identity.id;
  const local = alive.filter((r) => r.dataCenter === node.identity.dataCenter);
  if (local.length > 0) return local[Math.floor(node.random.next() * local.length)]!.id;
  if (isDatacenterLocal(cl) || alive.length === 0) throw new UnavailableError(cl, required, 0);
  return alive[0]!.id;
}

/**
 * The leader's part: its own shards of the counters raised, applied here and sent to the other replicas at
 * the level. A coordinator leading its client's update notes the replicas it writes (`contacts`).
 */
export function applyCounterMutationOnLeader(
  node: CoordinatorNode, request: CounterMutation, trace: TraceState | null, contacts: RequestContext = INTERNAL_REQUEST,
): Promise<void> {
  const resolved = resolveCounterDeltas(node.storage, request.mutation, node.identity.hostId, node.clock.nowSeconds(), () => node.clock.nowMicros());
  const placement = node.cluster.placement(resolved.keyspace, resolved.token, node);
  return writeMutation(node, placement, resolved, request.consistency, 'COUNTER', trace, contacts);
}

/** Installs the leader's handler for counter updates forwarded by other coordinators. */
export function installCounterVerb(node: CoordinatorNode): void {
  node.handle('COUNTER_MUTATION', (_from, payload, trace) => applyCounterMutationOnLeader(node, payload as CounterMutation, trace));
}
