import { ConsistencyLevel, InvalidRequestError, UnavailableError } from '../../errors/index.js';
import type { CoordinatorNode } from '../coordinator/coordinator-node.js';
import type { RingEndpoint } from '../ring/token-ring.js';

/** Who takes part in one Paxos attempt (Cassandra's ReplicaPlan.ForPaxosWrite). */
export interface PaxosPlan {
  readonly serial: ConsistencyLevel;
  /** The live participants, each sent every prepare and proposal. */
  readonly contacts: readonly RingEndpoint[];
  /** A majority of all participants, live or not. */
  readonly required: number;
}

export function isSerial(cl: ConsistencyLevel): boolean {
  return cl === ConsistencyLevel.SERIAL || cl === ConsistencyLevel.LOCAL_SERIAL;
}

/**
 * The participants of a round: every replica of the partition, or those of the local data center for
 * LOCAL_SERIAL. Unavailable when fewer than a majority of them are believed alive.
 */
export function paxosPlan(node: CoordinatorNode, keyspace: string, token: bigint, serial: ConsistencyLevel): PaxosPlan {
  const replicas = node.cluster.placement(keyspace, token, node).replicas;
  const localDc = node.identity.dataCenter;
  const participants = serial === ConsistencyLevel.LOCAL_SERIAL ? replicas.filter((r) => r.dataCenter === localDc) : replicas;
  const contacts = participants.filter((r) => node.isAlive(r.id));
  const required = Math.floor(participants.length / 2) + 1;
  if (contacts.length < required) throw new UnavailableError(serial, required, contacts.length);
  return { serial, contacts, required };
}

/** ConsistencyLevel.validateForCas: the Paxos phases run at SERIAL or LOCAL_SERIAL only. */
export function validateForCas(serial: ConsistencyLevel): void {
  if (!isSerial(serial)) throw new InvalidRequestError('Invalid consistency for conditional update. Must be one of SERIAL or LOCAL_SERIAL');
}

/** ConsistencyLevel.validateForCasCommit: the commit is an ordinary write. */
export function validateForCasCommit(commit: ConsistencyLevel): void {
  if (isSerial(commit)) {
    throw new InvalidRequestError(`${ConsistencyLevel[commit]} is not supported as conditional update commit consistency. `
      + `Use ANY if you mean "make sure it is accepted but I don't care how many replicas commit it for non-SERIAL reads"`);
  }
}
