import type { TraceStage } from '../../common/index.js';
import { mutationsDataSize, partitionUpdateDataSize, type Mutation, type PartitionUpdate, type ReadCommand } from '../../data/index.js';
import type { Verb } from '../network/verb.js';

/**
 * How traces name internode messages and their sizes: Cassandra 4's verbs (MUTATION_REQ, READ_RSP, …) and
 * "message size N bytes". Sizes are what the payload would take serialized, estimated from its content
 * (keys, values, cell overheads, a fixed header), as the simulated network carries objects, not bytes.
 */

const REQUEST_NAMES: Readonly<Record<Verb, string>> = {
  MUTATION: 'MUTATION_REQ',
  READ: 'READ_REQ',
  READ_REPAIR: 'READ_REPAIR_REQ',
  HINT: 'HINT_REQ',
  BATCH_STORE: 'BATCH_STORE_REQ',
  BATCH_REMOVE: 'BATCH_REMOVE_REQ',
  COUNTER_MUTATION: 'COUNTER_MUTATION_REQ',
  PAXOS_PREPARE: 'PAXOS_PREPARE_REQ',
  PAXOS_PROPOSE: 'PAXOS_PROPOSE_REQ',
  PAXOS_COMMIT: 'PAXOS_COMMIT_REQ',
  GOSSIP: 'GOSSIP_DIGEST_SYN',
  STREAM: 'STREAM_REQ',
  SCHEMA: 'SCHEMA_PUSH_REQ',
  REPAIR: 'VALIDATION_REQ',
  TRUNCATE: 'TRUNCATE_REQ',
};

/** The stage that serves each verb on a replica (Verb's stage in Cassandra 4.1). */
const STAGES: Readonly<Partial<Record<Verb, TraceStage>>> = {
  READ: 'ReadStage',
  COUNTER_MUTATION: 'CounterMutationStage',
};

/** The request's name; a range read travels as RANGE_REQ. */
export function requestName(verb: Verb, payload: unknown): string {
  if (verb === 'READ' && (payload as ReadCommand).kind === 'range') return 'RANGE_REQ';
  return REQUEST_NAMES[verb];
}

export function responseName(requestName: string): string {
  return requestName.replace(/_REQ$/, '_RSP');
}

export function stageOf(verb: Verb): TraceStage {
  return STAGES[verb] ?? 'MutationStage';
}

/** Whether the replica's handler ends with "Enqueuing response to …" (MutationVerbHandler, ReadCommandVerbHandler). */
export function tracesEnqueuing(verb: Verb): boolean {
  return verb === 'MUTATION' || verb === 'READ';
}

/** A message's envelope: id, verb, creation and expiry times, flags, the tracing parameters. */
const HEADER_BYTES = 36;
const UUID_BYTES = 16;
/** A failure response carries the reason's code. */
export const FAILURE_RESPONSE_BYTES = HEADER_BYTES + 2;

export function requestSize(verb: Verb, payload: unknown): number {
  switch (verb) {
    case 'MUTATION':
    case 'READ_REPAIR':
      return HEADER_BYTES + mutationSize(payload as Mutation);
    case 'HINT':
      // The target's host id, then the hint: its creation time, gc_grace_seconds and mutation.
      return HEADER_BYTES + UUID_BYTES + 8 + 4 + mutationSize((payload as { hint: { mutation: Mutation } }).hint.mutation);
    case 'COUNTER_MUTATION':
      return HEADER_BYTES + 1 + mutationSize((payload as { mutation: Mutation }).mutation);
    case 'READ': {
      const command = payload as ReadCommand;
      return HEADER_BYTES + UUID_BYTES + 24 + (command.kind === 'single' ? command.key.length : 32);
    }
    case 'PAXOS_PREPARE':
    case 'PAXOS_PROPOSE':
    case 'PAXOS_COMMIT':
      return HEADER_BYTES + UUID_BYTES + updateSize((payload as { update: PartitionUpdate }).update);
    case 'BATCH_STORE':
      return HEADER_BYTES + UUID_BYTES + 8 + mutationsDataSize((payload as { mutations: readonly Mutation[] }).mutations);
    default:
      return HEADER_BYTES + UUID_BYTES;
  }
}

/** A response: an acknowledgement, or the data a read returns. */
export function responseSize(verb: Verb, value: unknown): number {
  if (verb === 'READ' && Array.isArray(value)) {
    return HEADER_BYTES + 4 + (value as PartitionUpdate[]).reduce((n, p) => n + updateSize(p), 0);
  }
  if (verb === 'PAXOS_PREPARE') return HEADER_BYTES + 1 + 2 * UUID_BYTES;
  return HEADER_BYTES;
}

function mutationSize(m: Mutation): number {
  return 4 + m.updates.reduce((n, u) => n + updateSize(u), 0);
}

function updateSize(u: PartitionUpdate): number {
  return UUID_BYTES + 2 + u.key.length + partitionUpdateDataSize(u);
}
